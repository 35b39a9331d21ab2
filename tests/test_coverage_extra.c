/* test_coverage_extra.c - the corners the other tests leave: argument
 * checks of every public function, the edges of the internal allocator,
 * buffers and arenas, status names, the C-struct entry point with values a
 * JSON document cannot give (NULL text, invalid UTF-8), escapes in member
 * names on error paths, and policy documents wrong in each key.  Each test
 * states the behaviour it pins (docs/RELIABILITY.md, "Coverage"). */
#include "cpd_test.h"

#include <locale.h>
#include <wchar.h>

#include "internal.h"

/* ----------------------------------------------------------------- helpers */

static const char good_doc[] =
    "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
    "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":\"2027-03-31\"},"
    "\"applicant\":{\"name\":\"N\",\"name_kana\":\"\xe3\x81\xaa\","
    "\"postal_code\":\"100-0005\",\"address\":\"A\",\"phone\":\"03-1234-5678\","
    "\"email\":\"a@b.jp\"},\"fee\":{\"paid_on\":\"2027-02-01\","
    "\"payer_name\":\"P\"},\"oath_agreed\":true,\"activities\":["
    "{\"category\":\"A\",\"title\":\"t1\",\"completed_on\":\"2024-06-15\","
    "\"hours\":20,\"evidence\":[\"e\"]},{\"category\":\"A\",\"title\":\"t2\","
    "\"completed_on\":\"2025-06-15\",\"hours\":10,\"evidence\":[\"e\"]}]}";

/* The error code of checking json (a static buffer), or "ok". */
static const char *check_code(const char *json) {
  static cpd_error err;
  char *out = NULL;
  cpd_status st = cpd_check_json(&out, NULL, json, strlen(json), NULL, &err);
  cpd_string_free(out);
  return st == CPD_OK ? "ok" : err.code;
}

/* The codes of the diagnostics of an evaluation, space-separated. */
static const char *diag_codes(cpd_result *r) {
  static char buf[4096];
  size_t i, n = 0;
  buf[0] = '\0';
  for (i = 0; i < cpd_result_diagnostic_count(r); i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s@%s", i ? " " : "",
                          cpd_result_diagnostic(r, i)->code,
                          cpd_result_diagnostic(r, i)->path);
  return buf;
}

static const char *policy_code(const char *json, char *path, size_t cap) {
  static cpd_error err;
  cpd_policy *p = NULL;
  cpd_status st = cpd_policy_load_json(&p, json, strlen(json), NULL, &err);
  cpd_policy_free(p);
  if (path)
    snprintf(path, cap, "%s", st == CPD_OK ? "" : err.path);
  return st == CPD_OK ? "ok" : err.code;
}

/* -------------------------------------------------------------- allocator */

static void test_zero_byte_allocations_return_a_usable_block(void **state) {
  void *a = cpd__malloc(0), *b = cpd__calloc(0, 0), *c = cpd__realloc(NULL, 0);
  void *d = cpd__reallocarray(NULL, 0, 0);
  (void)state;
  assert_non_null(a);
  assert_non_null(b);
  assert_non_null(c);
  assert_non_null(d);
  cpd__free(a);
  cpd__free(b);
  cpd__free(c);
  cpd__free(d);
}

static void test_sizes_that_overflow_are_refused(void **state) {
  cpd__buf b = CPD__BUF_INIT;
  cpd__arena a = CPD__ARENA_INIT;
  (void)state;
  assert_null(cpd__reallocarray(NULL, SIZE_MAX, 2));
  assert_int_equal(cpd__buf_reserve(&b, SIZE_MAX), 0);
  assert_true(b.oom);
  /* sticky: later appends do nothing, the text is NULL */
  cpd__buf_adds(&b, "x");
  assert_null(cpd__buf_cstr(&b));
  cpd__buf_free(&b);
  assert_null(cpd__arena_strndup(&a, "x", SIZE_MAX));
  assert_null(cpd__arena_alloc(&a, SIZE_MAX - 20));
  cpd__arena_free(&a);
}

static void test_an_arena_refuses_a_size_that_wraps_when_rounded(void **state) {
  cpd__arena a = CPD__ARENA_INIT;
  void *p, *q;
  (void)state;
  /* rounding up to the alignment must not wrap to a tiny block */
  p = cpd__arena_alloc(&a, SIZE_MAX);
  q = cpd__arena_alloc(&a, SIZE_MAX - 7);
  cpd__arena_free(&a);
  assert_null(p);
  assert_null(q);
}

static void
test_an_arena_gives_distinct_blocks_even_for_zero_bytes(void **state) {
  cpd__arena a = CPD__ARENA_INIT;
  char *x, *y, *big;
  (void)state;
  x = cpd__arena_alloc(&a, 0);
  y = cpd__arena_alloc(&a, 0);
  assert_non_null(x);
  assert_non_null(y);
  assert_ptr_not_equal(x, y);
  big = cpd__arena_alloc(&a, 3u << 20); /* larger than a chunk */
  assert_non_null(big);
  memset(big, 1, 3u << 20);
  cpd__arena_free(&a);
}

static void test_a_printf_encoding_error_appends_nothing(void **state) {
  cpd__buf b = CPD__BUF_INIT;
  (void)state;
  setlocale(LC_CTYPE, "C");
  cpd__buf_adds(&b, "a");
  /* a lone surrogate cannot be converted: vsnprintf fails */
  cpd__buf_printf(&b, "%lc", (wint_t)0xD800);
  assert_string_equal(cpd__buf_cstr(&b), "a");
  cpd__buf_free(&b);
}

/* ---------------------------------------------------------------- status */

static void test_every_status_and_enum_has_a_name(void **state) {
  (void)state;
  assert_string_equal(cpd_status_str(CPD_OK), "ok");
  assert_string_equal(cpd_status_str(CPD_ENOMEM), "out of memory");
  assert_string_equal(cpd_status_str(CPD_EINPUT), "input error");
  assert_string_equal(cpd_status_str(CPD_EPOLICY), "invalid policy");
  assert_string_equal(cpd_status_str(CPD_EINVAL), "invalid argument");
  assert_string_equal(cpd_status_str((cpd_status)-99), "unknown status");
  assert_string_equal(cpd_decision_str((cpd_decision)99), "unknown");
  assert_string_equal(cpd_severity_str((cpd_severity)99), "unknown");
  assert_string_equal(cpd_window_status_str((cpd_window_status)99), "unknown");
  assert_string_equal(cpd_activity_status_str((cpd_activity_status)99),
                      "unknown");
  assert_string_equal(cpd_decision_str(CPD_INELIGIBLE), "ineligible");
  assert_string_equal(cpd_window_status_str(CPD_WINDOW_CLOSED), "closed");
  assert_string_equal(cpd_activity_status_str(CPD_ACTIVITY_CAPPED), "capped");
  assert_int_equal(cpd_version_number(), CPD_VERSION_NUMBER);
  assert_string_equal(cpd_version_string(), CPD_VERSION_STRING);
}

static void test_json_strings_escape_every_control_character(void **state) {
  cpd__buf b = CPD__BUF_INIT;
  (void)state;
  cpd__buf_add_json_string(&b, "\"\\\n\r\t\b\f\x01\x1f/");
  assert_string_equal(cpd__buf_cstr(&b),
                      "\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f/\"");
  cpd__buf_free(&b);
}

static void test_utf8_copies_cut_at_a_boundary_and_accept_null(void **state) {
  char buf[4];
  cpd_error err;
  (void)state;
  cpd__copy_utf8(NULL, 4, "x");
  cpd__copy_utf8(buf, 0, "x");
  cpd__copy_utf8(buf, sizeof buf, NULL);
  assert_string_equal(buf, "");
  cpd__copy_utf8(buf, sizeof buf, "a\xe3\x81\x82"); /* "aあ" needs 5 bytes */
  assert_string_equal(buf, "a");
  cpd__fail(&err, CPD__M_IN_COLON, NULL, -1); /* a NULL path is "" */
  assert_string_equal(err.path, "");
}

static void test_negative_points_are_formatted_exactly(void **state) {
  char buf[32];
  (void)state;
  cpd__points_format(buf, sizeof buf, -150);
  assert_string_equal(buf, "-1.5");
  cpd__points_format(buf, sizeof buf, -5);
  assert_string_equal(buf, "-0.05");
  cpd__points_format(buf, sizeof buf, INT64_MIN);
  assert_string_equal(buf, "-92233720368547758.08");
}

/* ----------------------------------------------------------------- dates */

static void test_calendar_functions_take_any_day_number(void **state) {
  char buf[11];
  int y = 0, d = 0;
  cpd_day z;
  (void)state;
  assert_int_equal(cpd__days_in_month(2024, 0), 0);
  assert_int_equal(cpd__days_in_month(2024, 13), 0);
  z = cpd__days_from_civil(-100, 3, 1);
  cpd_day_to_ymd(z, &y, NULL, &d);
  assert_int_equal(y, -100);
  assert_int_equal(d, 1);
  cpd_day_to_ymd(z, NULL, NULL, NULL);
  cpd_day_format(buf, z);
  assert_string_equal(buf, "0000-00-00");
  cpd_day_format(buf, cpd__days_from_civil(10000, 1, 1));
  assert_string_equal(buf, "0000-00-00");
  z = cpd_day_add_months(cpd__days_from_civil(1, 1, 31), -14);
  cpd_day_to_ymd(z, &y, NULL, &d);
  assert_int_equal(y, -1);
  assert_int_equal(d, 30); /* November has 30 days */
}

static void test_malformed_dates_are_refused(void **state) {
  static const char *const bad[] = {
      "2027\xe5\xb9\xb4"
      "3\xe6\x9c\x88"
      "1", /* no 日 */
      "2027\xe5\xb9\xb4"
      "3x", /* no 月 */
      "2027\xe5\xb9\xb4"
      "x\xe6\x9c\x88"
      "1\xe6\x97\xa5", /* no month */
      "2027\xe5\xb9\xb4"
      "3\xe6\x9c\x88"
      "x\xe6\x97\xa5", /* no day */
      "2027",
      "2027x03x01",
      "2027-3",
      "2027-03-x",
      "2027-03/01",
      "2027-0301",
      "2027-",
      "R",
      "R0.1.1",
      "Rx.1.1",
      "2027-003-01",
      "12345678901234567890123456789012345678901234567890123456789012345"};
  size_t i;
  cpd_day d;
  (void)state;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    if (cpd_day_parse(&d, bad[i], strlen(bad[i])) != CPD_EINVAL)
      fail_msg("%s was accepted", bad[i]);
  assert_int_equal(cpd_day_parse(NULL, "2027-03-01", 10), CPD_EINVAL);
  assert_int_equal(cpd_day_parse(&d, NULL, 3), CPD_EINVAL);
  assert_int_equal(cpd_day_parse(&d, NULL, 0), CPD_EINVAL);
  assert_int_equal(cpd_day_parse(&d, "\xff", 1), CPD_EINVAL);
  assert_int_equal(cpd_day_from_ymd(NULL, 2027, 1, 1), CPD_EINVAL);
}

/* ------------------------------------------------------------------ text */

static void test_utf8_validation_refuses_each_malformed_form(void **state) {
  static const struct {
    const char *s;
    size_t n;
    int ok;
  } cases[] = {
      {"\xc3", 1, 0},
      {"\xc3\x28", 2, 0},
      {"\xe0\x80\x80", 3, 0},
      {"\xe3\x81", 2, 0},
      {"\xe3\x28\x82", 3, 0},
      {"\xed\xa0\x80", 3, 0},
      {"\xf0\x80\x80\x80", 4, 0},
      {"\xf0\x9f\x98", 3, 0},
      {"\xf0\x9f\x28\x80", 4, 0},
      {"\xf0\x9f\x98\x28", 4, 0},
      {"\xf4\x90\x80\x80", 4, 0},
      {"\xf5\x80\x80\x80", 4, 0},
      {"\xf0\x9f\x98\x80", 4, 1},
      {"\xef\xbf\xbf", 3, 1},
      {"a\0b", 3, 0},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    if (cpd__utf8_valid(cases[i].s, cases[i].n) != cases[i].ok)
      fail_msg("case %zu", i);
}

static void test_every_kind_of_white_space_folds_to_one_space(void **state) {
  /* U+0085 U+00A0 U+1680 U+2000 U+200A U+2028 U+2029 U+202F U+205F U+3000
   * and ASCII controls */
  static const char in[] = "a\xc2\x85"
                           "b\xc2\xa0"
                           "c\xe1\x9a\x80"
                           "d\xe2\x80\x80"
                           "e\xe2\x80\x8a"
                           "f\xe2\x80\xa8"
                           "g\xe2\x80\xa9"
                           "h\xe2\x80\xaf"
                           "i\xe2\x81\x9f"
                           "j\xe3\x80\x80"
                           "k\t\n\v\f\rl";
  cpd__buf b = CPD__BUF_INIT;
  (void)state;
  assert_int_equal(cpd__text_normalize(&b, in, strlen(in)), CPD_OK);
  assert_string_equal(cpd__buf_cstr(&b), "a b c d e f g h i j k l");
  /* a length no buffer can hold is refused before anything is read past
   * the first non-ASCII byte */
  assert_int_equal(cpd__text_normalize(&b, "\xc3\xa9", SIZE_MAX), CPD_EINVAL);
  cpd__buf_free(&b);
}

static void test_field_checks_take_their_unicode_variants(void **state) {
  static const char *const dashes[] = {
      "\xe2\x80\x90", "\xe2\x80\x95", "\xe2\x88\x92", "\xe3\x83\xbc",
      "\xef\xb9\xa3", "\xef\xbc\x8d", "\xef\xbd\xb0"};
  char buf[64], out[9];
  size_t i;
  (void)state;
  for (i = 0; i < sizeof dashes / sizeof dashes[0]; i++) {
    snprintf(buf, sizeof buf, "100%s0005", dashes[i]);
    assert_true(cpd__text_postal_code(buf, strlen(buf), out));
    assert_string_equal(out, "100-0005");
    snprintf(buf, sizeof buf, "03%s1234%s5678", dashes[i], dashes[i]);
    assert_true(cpd__text_phone(buf, strlen(buf)));
  }
  assert_false(cpd__text_postal_code("100-00-05", 9, out));
  /* spaces: one right after the leading 〒 only (RULES.md R11) */
  assert_false(cpd__text_postal_code("100 0005", 8, out));
  assert_false(cpd__text_postal_code("1 0 0 0 0 0 5", 13, out));
  assert_false(cpd__text_postal_code("100- 0005", 9, out));
  assert_false(cpd__text_postal_code(" 1000005", 8, out));
  assert_true(cpd__text_postal_code("\xe3\x80\x92 100-0005", 12, out));
  assert_string_equal(out, "100-0005");
  assert_true(cpd__text_postal_code("\xe3\x80\x92"
                                    "1000005",
                                    10, out));
  assert_false(cpd__text_postal_code("\xe3\x80\x92  1000005", 12, out));
  assert_false(cpd__text_postal_code("1000-005", 8, out));
  assert_false(cpd__text_postal_code("\xe3\x80\x92\xe3\x80\x92"
                                     "1000005",
                                     13, out));
  assert_true(cpd__text_is_kana("\xe3\x82\x9d\xe3\x82\x9e\xe3\x83\xbd\xe3\x83"
                                "\xbe\xe3\x83\xbf",
                                15)); /* ゝゞヽヾヿ */
  assert_false(cpd__text_is_kana(" ", 1));
  assert_false(cpd__text_is_kana("\xff", 1));
  assert_false(cpd__text_email("a@.b.c", 6));
  assert_false(cpd__text_email("a@b.c.", 6));
  assert_false(cpd__text_email("a@bc", 4));
  assert_false(cpd__text_email("a@b..c", 6));
  assert_false(cpd__text_email("a@b", 3));
  assert_true(cpd__text_email("a@b.c", 5));
}

static void test_decimals_take_a_sign_and_refuse_too_many_digits(void **state) {
  cpd_points v = 0;
  (void)state;
  assert_int_equal(cpd__decimal_parse("+1.5", 4, &v), 0);
  assert_int_equal(v, 150);
  assert_int_equal(cpd__decimal_parse("-0.25", 5, &v), 0);
  assert_int_equal(v, -25);
  assert_int_equal(cpd__decimal_parse("1234567890123", 13, &v), -3);
  assert_int_equal(cpd__decimal_parse("1.230", 5, &v), 0);
  assert_int_equal(v, 123);
  assert_int_equal(cpd__decimal_parse("1.234", 5, &v), -2);
  assert_int_equal(cpd__decimal_parse("1.", 2, &v), -1);
  assert_int_equal(cpd__decimal_parse("-", 1, &v), -1);
  assert_int_equal(cpd__decimal_parse("1x", 2, &v), -1);
}

/* ------------------------------------------------------------ JSON input */

static void
test_member_names_with_escapes_appear_decoded_in_error_paths(void **state) {
  /* a syntax error inside a member whose name uses every escape */
  static const char doc[] =
      "{\"\\u0041\\u00e9\\u00C9\\u3042\\ud83d\\ude00\\b\\f\\n\\r\\t\\/\\\\"
      "\\\"~/\":[01]}";
  cpd_error err;
  char *out = NULL;
  (void)state;
  assert_int_equal(cpd_check_json(&out, NULL, doc, strlen(doc), NULL, &err),
                   CPD_EINPUT);
  assert_string_equal(err.code, "input.syntax");
  assert_string_equal(err.path, "/A\xc3\xa9\xc3\x89\xe3\x81\x82\xf0\x9f\x98"
                                "\x80\b\f\n\r\t~1\\\"~0~1/0");
}

static void test_each_malformed_token_is_a_syntax_or_utf8_error(void **state) {
  static const struct {
    const char *doc, *code;
  } cases[] = {
      {"{\"a\":\"x\\", "input.syntax"}, /* backslash at the end */
      {"{\"a\":\"\\ud800\\u12G4\"}", "input.syntax"},
      {"{\"a\":\"\\ud800\\ud800\"}", "input.invalid_utf8"},
      {"{\"a\":\"\\ud800\\n\"}", "input.invalid_utf8"},
      {"{\"a\":\"\\uDC00\"}", "input.invalid_utf8"},
      {"{\"a\":\"\xe3\x81", "input.invalid_utf8"}, /* cut inside a char */
      {"{\"a\":\"\x80\"}", "input.invalid_utf8"},
      {"{\"a\":\"\xf8\x88\x80\x80\x80\"}", "input.invalid_utf8"},
      {"{\"a\" 1}", "input.syntax"},
      {"{\"a\"", "input.syntax"},
      {"{\"a\"\xff", "input.syntax"},
      {"{\"a\":1 \xff}", "input.invalid_utf8"},
      {"{\"a\":1 x}", "input.syntax"},
      {"{\"a\":[1 x]}", "input.syntax"},
      {"{\"a\":[1 \xc3\xa9]}", "input.syntax"},
      {"{1:2}", "input.syntax"},
      {"{\xff:2}", "input.invalid_utf8"},
      {"{\"a\":-01}", "input.syntax"},
      {"{\"a\":1e+}", "input.syntax"},
      {"{\"a\":1E-}", "input.syntax"},
      {"{\"a\":-}", "input.syntax"},
      {"{\"a\":tru}", "input.syntax"},
      {"{\"a\":\xe3\x81\x82}", "input.syntax"},
      {"{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", "input.missing_field"},
      {"{\"a\":[-0.5e+3,1E-2,0,-0,1.25E2]}", "input.missing_field"},
      {"{\"a\":\"\\u00C9\\u00e9\\uFFFF\"}", "input.missing_field"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    if (strcmp(check_code(cases[i].doc), cases[i].code) != 0)
      fail_msg("%s: %s, expected %s", cases[i].doc, check_code(cases[i].doc),
               cases[i].code);
}

static void test_many_distinct_keys_are_not_duplicates(void **state) {
  char doc[1024];
  size_t n = 0, i;
  (void)state;
  n += (size_t)snprintf(doc + n, sizeof doc - n,
                        "{\"applied_on\":\"2027-02-10\",\"certification\":"
                        "{\"expires_on\":\"2027-03-31\"},\"x\":{");
  for (i = 0; i < 20; i++)
    n += (size_t)snprintf(doc + n, sizeof doc - n, "%s\"k%02zu\":%zu",
                          i ? "," : "", i, i);
  snprintf(doc + n, sizeof doc - n, "}}");
  assert_string_equal(check_code(doc), "ok");
}

static void test_null_holders_are_absent_fields_without_warnings(void **state) {
  static const char doc[] =
      "{\"applied_on\":\"2027-02-10\",\"certification\":{\"expires_on\":"
      "\"2027-03-31\"},\"applicant\":null,\"fee\":null,\"activities\":null,"
      "\"qualification\":null}";
  cpd_result *r = NULL;
  (void)state;
  assert_int_equal(cpd_evaluate_json(&r, NULL, doc, strlen(doc), NULL, NULL),
                   CPD_OK);
  assert_null(strstr(diag_codes(r), "application.unknown_field"));
  cpd_result_free(r);
}

static void test_json_entry_points_check_their_arguments(void **state) {
  cpd_check_options o = CPD_CHECK_OPTIONS_INIT;
  cpd_result *r = NULL;
  cpd_document *d = NULL;
  cpd_plan *plan = NULL;
  char *out = NULL;
  cpd_error err;
  (void)state;
  o.version = 99;
  assert_int_equal(cpd_check_json(NULL, NULL, "{}", 2, NULL, &err), CPD_EINVAL);
  assert_int_equal(cpd_check_json(&out, NULL, NULL, 5, NULL, &err), CPD_EINVAL);
  assert_int_equal(cpd_evaluate_json_opts(NULL, NULL, "{}", 2, NULL, &err),
                   CPD_EINVAL);
  assert_int_equal(
      cpd_evaluate_json_opts(&r, NULL, good_doc, strlen(good_doc), &o, &err),
      CPD_EINVAL);
  assert_int_equal(cpd_check_json_opts(NULL, NULL, "{}", 2, NULL, &err),
                   CPD_EINVAL);
  assert_int_equal(cpd_policy_load_json(NULL, "{}", 2, NULL, &err), CPD_EINVAL);
  assert_int_equal(cpd_document_load_json(NULL, "{}", 2, NULL, &err),
                   CPD_EINVAL);
  assert_null(cpd_document_application(NULL));
  assert_int_equal(cpd_document_evaluate(NULL, NULL, d, &err), CPD_EINVAL);
  assert_int_equal(cpd_document_evaluate(&r, NULL, NULL, &err), CPD_EINVAL);
  cpd_document_free(NULL);
  assert_int_equal(cpd_redact_json(NULL, "{}", 2, NULL, &err), CPD_EINVAL);
  assert_int_equal(cpd_plan_json(NULL, NULL, "{}", 2, 0, NULL, &err),
                   CPD_EINVAL);
  assert_int_equal(cpd_plan_evaluate_json(NULL, NULL, "{}", 2, 0, NULL, &err),
                   CPD_EINVAL);
  assert_int_equal(cpd_plan_evaluate(&plan, NULL, NULL, 0, &err), CPD_EINVAL);
  assert_int_equal(cpd_plan_to_json(NULL, plan), CPD_EINVAL);
  assert_int_equal(cpd_plan_to_json(&out, NULL), CPD_EINVAL);
  assert_int_equal(cpd_result_to_json(NULL, r), CPD_EINVAL);
  assert_int_equal(cpd_result_to_json(&out, NULL), CPD_EINVAL);
  assert_int_equal(cpd_error_to_json(&out, NULL), CPD_EINVAL);
  assert_int_equal(cpd_error_to_json(NULL, &err), CPD_EINVAL);
  assert_int_equal(cpd_policy_to_json(NULL, NULL), CPD_EINVAL);
  assert_int_equal(cpd_policy_default(NULL), CPD_EINVAL);
  assert_null(cpd_plan_get_totals(NULL));
  assert_int_equal(cpd_plan_section_count(NULL), 0);
  assert_null(cpd_plan_section_at(NULL, 0));
  assert_null(cpd_plan_result(NULL));
  cpd_plan_free(NULL);
  cpd_result_free(NULL);
  cpd_policy_free(NULL);
  cpd_string_free(NULL);
}

static void test_typed_accessors_are_safe_out_of_range(void **state) {
  cpd_result *r = NULL;
  cpd_day s, e;
  (void)state;
  assert_null(cpd_result_summary(NULL));
  assert_int_equal(cpd_result_section_count(NULL), 0);
  assert_null(cpd_result_section(NULL, 0));
  assert_int_equal(cpd_result_activity_count(NULL), 0);
  assert_null(cpd_result_activity(NULL, 0));
  assert_int_equal(cpd_result_diagnostic_count(NULL), 0);
  assert_null(cpd_result_diagnostic(NULL, 0));
  assert_int_equal(cpd_result_period_year(NULL, 1, &s, &e), CPD_EINVAL);
  assert_int_equal(
      cpd_evaluate_json(&r, NULL, good_doc, strlen(good_doc), NULL, NULL),
      CPD_OK);
  assert_null(cpd_result_section(r, 99));
  assert_null(cpd_result_activity(r, 99));
  assert_null(cpd_result_diagnostic(r, 9999));
  assert_int_equal(cpd_result_period_year(r, 0, &s, &e), CPD_EINVAL);
  assert_int_equal(cpd_result_period_year(r, 4, &s, &e), CPD_EINVAL);
  assert_int_equal(cpd_result_period_year(r, 3, NULL, NULL), CPD_OK);
  cpd_result_free(r);
}

static void test_numbers_are_written_with_a_point_in_any_locale(void **state) {
  /* redaction re-prints the document's numbers */
  static const char doc[] =
      "{\"applied_on\":\"2027-02-10\",\"certification\":{\"expires_on\":"
      "\"2027-03-31\"},\"activities\":[{\"hours\":1.5,\"points\":0.1}]}";
  char *out = NULL;
  (void)state;
  /* Never skipped: ctest's locale_de_DE fixture makes de_DE.UTF-8 in the
   * build tree (LOCPATH) and fails, naming the package, when it cannot. */
  if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") &&
      !setlocale(LC_NUMERIC, "fr_FR.UTF-8") &&
      !setlocale(LC_NUMERIC, "German_Germany.1252")) /* (Windows' name) */
    fail_msg("no decimal-comma locale (de_DE.UTF-8 or fr_FR.UTF-8): the "
             "ctest fixture locale_de_DE makes one with localedef from "
             "Debian's `locales` package (LOCPATH=%s)",
             getenv("LOCPATH") ? getenv("LOCPATH") : "(unset)");
  assert_string_equal(localeconv()->decimal_point, ",");
  assert_int_equal(cpd_redact_json(&out, doc, strlen(doc), NULL, NULL), CPD_OK);
  setlocale(LC_NUMERIC, "C");
  assert_non_null(strstr(out, "1.5"));
  cpd_string_free(out);
}

/* The result document, numeric ids included (rules.c once wrote them with
 * %.17g: "1,5" under a decimal comma), is the same in any locale. */
static void test_results_are_the_same_in_a_decimal_comma_locale(void **state) {
  static const char doc[] =
      "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
      "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":"
      "\"2027-03-31\"},\"activities\":["
      "{\"id\":1.5,\"category\":\"A\",\"completed_on\":\"2025-06-01\","
      "\"hours\":2.5,\"points\":1.25},"
      "{\"id\":-0.0,\"category\":\"C\",\"completed_on\":\"2025-06-02\","
      "\"hours\":7.5},"
      "{\"id\":1e21,\"category\":\"C\",\"completed_on\":\"2025-06-03\","
      "\"hours\":1},"
      "{\"id\":0.1,\"category\":\"D\",\"completed_on\":\"2025-06-04\","
      "\"hours\":\"1時間20分\"}]}";
  char *in_c = NULL, *in_de = NULL;
  (void)state;
  assert_int_equal(cpd_check_json(&in_c, NULL, doc, strlen(doc), NULL, NULL),
                   CPD_OK);
  if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") &&
      !setlocale(LC_NUMERIC, "fr_FR.UTF-8") &&
      !setlocale(LC_NUMERIC, "German_Germany.1252")) /* (Windows' name) */
    fail_msg("no decimal-comma locale (LOCPATH=%s)",
             getenv("LOCPATH") ? getenv("LOCPATH") : "(unset)");
  assert_string_equal(localeconv()->decimal_point, ",");
  assert_int_equal(cpd_check_json(&in_de, NULL, doc, strlen(doc), NULL, NULL),
                   CPD_OK);
  setlocale(LC_NUMERIC, "C");
  assert_string_equal(in_de, in_c);
  assert_non_null(strstr(in_c, "\"id\":\"1.5\""));
  assert_non_null(strstr(in_c, "\"id\":\"-0\""));
  assert_non_null(strstr(in_c, "\"id\":\"1e+21\""));
  assert_non_null(strstr(in_c, "\"id\":\"0.1\""));
  assert_non_null(strstr(in_c, "\"claimed\":1.33"));
  cpd_string_free(in_c);
  cpd_string_free(in_de);
}

/* ---------------------------------------------------------------- policy */

static void test_each_policy_key_refuses_a_wrong_value(void **state) {
  static const struct {
    const char *doc, *path;
  } cases[] = {
      {"{\"name\":1}", "/name"},
      {"{\"name\":\"   \"}", "/name"},
      {"{\"effective_from\":20190101}", "/effective_from"},
      {"{\"effective_from\":\"2019-02-30\"}", "/effective_from"},
      {"{\"fiscal_year_starts\":4}", "/fiscal_year_starts"},
      {"{\"fiscal_year_starts\":\"4-1\"}", "/fiscal_year_starts"},
      {"{\"fiscal_year_starts\":\"04/01\"}", "/fiscal_year_starts"},
      {"{\"fiscal_year_starts\":\"x4-01\"}", "/fiscal_year_starts"},
      {"{\"fiscal_year_starts\":\"0x-01\"}", "/fiscal_year_starts"},
      {"{\"fiscal_year_starts\":\"04-x1\"}", "/fiscal_year_starts"},
      {"{\"fiscal_year_starts\":\"04-0x\"}", "/fiscal_year_starts"},
      {"{\"fiscal_year_starts\":\"00-01\"}", "/fiscal_year_starts"},
      {"{\"fiscal_year_starts\":\"13-01\"}", "/fiscal_year_starts"},
      {"{\"fiscal_year_starts\":\"04-00\"}", "/fiscal_year_starts"},
      {"{\"fiscal_year_starts\":\"04-31\"}", "/fiscal_year_starts"},
      {"{\"period_years\":\"3\"}", "/period_years"},
      {"{\"period_years\":2.5}", "/period_years"},
      {"{\"period_years\":0.001}", "/period_years"},
      {"{\"period_years\":11}", "/period_years"},
      {"{\"required_points\":-1}", "/required_points"},
      {"{\"required_points\":0.001}", "/required_points"},
      {"{\"required_points\":\"30\"}", "/required_points"},
      {"{\"required_points\":1e12}", "/required_points"},
      {"{\"points_per_hour\":0}", "/points_per_hour"},
      {"{\"window\":3}", "/window"},
      {"{\"window\":{\"opens_months_before_renewal\":-1}}",
       "/window/opens_months_before_renewal"},
      {"{\"window\":{\"closes_months_before_renewal\":121}}",
       "/window/closes_months_before_renewal"},
      {"{\"window\":{\"opens\":3}}", "/window/opens"},
      {"{\"window\":{\"a_key_that_is_far_too_long_to_echo_in_full_here\":1}}",
       "/window/?"},
      {"{\"sections\":{}}", "/sections"},
      {"{\"sections\":[1]}", "/sections/0"},
      {"{\"sections\":[{\"category\":1}]}", "/sections/0/category"},
      {"{\"sections\":[{\"category\":\"AB\"}]}", "/sections/0/category"},
      {"{\"sections\":[{\"category\":\"A\",\"per_year\":1}]}",
       "/sections/0/per_year"},
      {"{\"sections\":[{\"category\":\"A\",\"evidence_required\":\"yes\"}]}",
       "/sections/0/evidence_required"},
      {"{\"sections\":[{\"category\":\"A\",\"form_rows\":-1}]}",
       "/sections/0/form_rows"},
      {"{\"sections\":[{\"category\":\"A\",\"cap\":0.001}]}",
       "/sections/0/cap"},
      {"{\"sections\":[{\"category\":\"A\",\"x\":1}]}", "/sections/0/x"},
      {"{\"sections\":[{\"category\":\"A\",\"a_very_long_unknown_key_x\":1}]}",
       "/sections/0/?"},
      {"{\"qualifications\":\"OMP\"}", "/qualifications"},
      {"{\"qualifications\":[]}", "/qualifications"},
      {"{\"qualifications\":[1]}", "/qualifications/0"},
      {"{\"competencies\":[\"A\",\"\xef\xbc\xa1\"]}", "/competencies/1"},
      {"{\"an_unknown_key_that_is_far_too_long_to_echo_in_a_path\":1}", "/?"},
      {"{\"versions\":{}}", "/versions"},
      {"{\"versions\":[],\"name\":\"x\"}", "/versions"},
      {"{\"versions\":[1]}", "/versions/0"},
      {"{\"versions\":[{\"effective_from\":\"2019-01-01\",\"period_years\":0}]"
       "}",
       "/versions/0/period_years"},
  };
  size_t i;
  char path[256];
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *code = policy_code(cases[i].doc, path, sizeof path);
    if (strcmp(code, "policy.invalid") != 0 || strcmp(path, cases[i].path) != 0)
      fail_msg("%s: %s at %s, expected policy.invalid at %s", cases[i].doc,
               code, path, cases[i].path);
  }
}

static void test_a_fiscal_year_may_start_mid_month(void **state) {
  static const char doc[] = "{\"fiscal_year_starts\":\"04-15\"}";
  cpd_policy *p = NULL;
  cpd_day d;
  (void)state;
  assert_int_equal(cpd_policy_load_json(&p, doc, strlen(doc), NULL, NULL),
                   CPD_OK);
  assert_int_equal(cpd_day_from_ymd(&d, 2025, 4, 10), CPD_OK);
  assert_int_equal(cpd_policy_fiscal_year(p, d), 2024);
  assert_int_equal(cpd_day_from_ymd(&d, 2025, 4, 15), CPD_OK);
  assert_int_equal(cpd_policy_fiscal_year(p, d), 2025);
  assert_int_equal(cpd_policy_fiscal_year(NULL, d), 2025);
  cpd_policy_free(p);
}

static void test_a_long_qualification_list_is_cut_in_the_message(void **state) {
  static const char pol[] =
      "{\"qualifications\":[\"QUALIFICATION-ONE-AAAAAAAAAAAAAAAAAAAAAAAAA\","
      "\"QUALIFICATION-TWO-BBBBBBBBBBBBBBBBBBBBBBBBBB\",\"QUALIFICATION-THREE-"
      "CCCCCCCCCCCCCCCCCCCCCCC\",\"QUALIFICATION-FOUR-DDDDDDDDDDDDDDDDDDDDD\"]"
      "}";
  cpd_policy *p = NULL;
  cpd_result *r = NULL;
  const cpd_diagnostic *d = NULL;
  size_t i;
  (void)state;
  assert_int_equal(cpd_policy_load_json(&p, pol, strlen(pol), NULL, NULL),
                   CPD_OK);
  assert_int_equal(
      cpd_evaluate_json(&r, p, good_doc, strlen(good_doc), NULL, NULL), CPD_OK);
  for (i = 0; i < cpd_result_diagnostic_count(r); i++)
    if (strcmp(cpd_result_diagnostic(r, i)->code, "qualification.invalid") == 0)
      d = cpd_result_diagnostic(r, i);
  assert_non_null(d);
  assert_non_null(strstr(d->message, "QUALIFICATION-ONE"));
  assert_null(strstr(d->message, "QUALIFICATION-FOUR"));
  cpd_result_free(r);
  cpd_policy_free(p);
}

/* ---------------------------------------------------- the C entry point */

typedef struct capp {
  cpd_application app;
  cpd_activity act[2];
  cpd_value ev[2], comp[2];
} capp;

static void capp_init(capp *c) {
  memset(c, 0, sizeof *c);
  c->app.version = CPD_APPLICATION_VERSION;
  c->app.applied_on = (cpd_value)CPD_TEXT("2027-02-10");
  c->app.expires_on = (cpd_value)CPD_TEXT("2027-03-31");
  c->app.qualification = (cpd_value)CPD_TEXT("OMP");
  c->app.certification_number = (cpd_value)CPD_TEXT("OMP-1");
  c->app.applicant.name = (cpd_value)CPD_TEXT("N");
  c->app.applicant.name_kana = (cpd_value)CPD_TEXT("\xe3\x81\xaa");
  c->app.applicant.postal_code = (cpd_value)CPD_TEXT("1000005");
  c->app.applicant.address = (cpd_value)CPD_TEXT("A");
  c->app.applicant.phone = (cpd_value)CPD_TEXT("0312345678");
  c->app.applicant.email = (cpd_value)CPD_TEXT("a@b.jp");
  c->app.fee_paid_on = (cpd_value)CPD_TEXT("2027-02-01");
  c->app.fee_payer_name = (cpd_value)CPD_TEXT("P");
  c->app.oath_agreed = (cpd_value)CPD_BOOL(1);
  c->ev[0] = (cpd_value)CPD_TEXT("e");
  c->comp[0] = (cpd_value)CPD_TEXT("OP-1");
  c->act[0].category = (cpd_value)CPD_TEXT("A");
  c->act[0].title = (cpd_value)CPD_TEXT("t");
  c->act[0].completed_on = (cpd_value)CPD_TEXT("2024-06-15");
  c->act[0].hours = (cpd_value)CPD_NUMBER(30);
  c->act[0].evidence = c->ev;
  c->act[0].evidence_count = 1;
  c->act[0].competencies = c->comp;
  c->act[0].competency_count = 1;
  c->app.activities = c->act;
  c->app.activity_count = 1;
}

/* The input.invalid_utf8 path of evaluating c (or "ok"). */
static const char *utf8_error_path(capp *c) {
  static cpd_error err;
  cpd_result *r = NULL;
  cpd_status st = cpd_evaluate(&r, NULL, &c->app, &err);
  cpd_result_free(r);
  if (st == CPD_OK)
    return "ok";
  assert_string_equal(err.code, "input.invalid_utf8");
  return err.path;
}

static void test_invalid_utf8_from_c_is_refused_at_its_path(void **state) {
  capp c;
  (void)state;
  capp_init(&c);
  assert_string_equal(utf8_error_path(&c), "ok");
  c.app.qualification = (cpd_value)CPD_TEXT("\xff");
  assert_string_equal(utf8_error_path(&c), "/qualification");
  capp_init(&c);
  c.app.fee_paid_on = (cpd_value)CPD_TEXT("\xc0\xaf");
  assert_string_equal(utf8_error_path(&c), "/fee/paid_on");
  capp_init(&c);
  c.app.fee_payer_name = (cpd_value)CPD_TEXT("\xed\xa0\x80");
  assert_string_equal(utf8_error_path(&c), "/fee/payer_name");
  capp_init(&c);
  c.app.applicant.mobile = (cpd_value)CPD_TEXT("\xe3\x81");
  assert_string_equal(utf8_error_path(&c), "/applicant/mobile");
  capp_init(&c);
  c.act[0].hours = (cpd_value)CPD_TEXT("\xff");
  assert_string_equal(utf8_error_path(&c), "/activities/0/hours");
  capp_init(&c);
  c.ev[0] = (cpd_value)CPD_TEXT("\xff");
  assert_string_equal(utf8_error_path(&c), "/activities/0/evidence/0");
  capp_init(&c);
  c.comp[0] = (cpd_value)CPD_TEXT("\xff");
  assert_string_equal(utf8_error_path(&c), "/activities/0/competencies/0");
}

static void test_text_values_without_text_count_as_not_text(void **state) {
  capp c;
  cpd_result *r = NULL;
  const char *codes;
  (void)state;
  capp_init(&c);
  c.app.applicant.name = (cpd_value)CPD_TEXT(NULL);
  c.act[0].hours = (cpd_value)CPD_TEXT(NULL);
  assert_int_equal(cpd_evaluate(&r, NULL, &c.app, NULL), CPD_OK);
  codes = diag_codes(r);
  assert_non_null(strstr(codes, "applicant.missing_field@/applicant/name"));
  assert_non_null(strstr(codes, "activity.invalid_number@/activities/0/hours"));
  cpd_result_free(r);
}

/* An id of kind text without text is no id (as every other field treats
 * it), not an allocation failure. */
static void test_a_text_id_without_text_is_no_id(void **state) {
  capp c;
  cpd_result *r = NULL;
  (void)state;
  capp_init(&c);
  c.act[0].id = (cpd_value)CPD_TEXT(NULL);
  assert_int_equal(cpd_evaluate(&r, NULL, &c.app, NULL), CPD_OK);
  assert_null(cpd_result_activity(r, 0)->id);
  cpd_result_free(r);
}

static void test_the_c_entry_point_checks_its_arrays(void **state) {
  capp c;
  cpd_result *r = NULL;
  cpd_error err;
  (void)state;
  capp_init(&c);
  assert_int_equal(cpd_evaluate(NULL, NULL, &c.app, &err), CPD_EINVAL);
  assert_int_equal(cpd_evaluate(&r, NULL, NULL, &err), CPD_EINVAL);
  c.app.version = 99;
  assert_int_equal(cpd_evaluate(&r, NULL, &c.app, &err), CPD_EINVAL);
  capp_init(&c);
  c.app.activities = NULL;
  assert_int_equal(cpd_evaluate(&r, NULL, &c.app, &err), CPD_EINVAL);
  capp_init(&c);
  c.act[0].evidence = NULL;
  assert_int_equal(cpd_evaluate(&r, NULL, &c.app, &err), CPD_EINVAL);
  capp_init(&c);
  c.act[0].competencies = NULL;
  assert_int_equal(cpd_evaluate(&r, NULL, &c.app, &err), CPD_EINVAL);
  assert_null(r);
}

/* ----------------------------------------------------------- rule corners */

static const char *codes_of_doc(const char *doc) {
  cpd_result *r = NULL;
  const char *codes;
  if (cpd_evaluate_json(&r, NULL, doc, strlen(doc), NULL, NULL) != CPD_OK)
    return "refused";
  codes = diag_codes(r);
  cpd_result_free(r);
  return codes;
}

static void test_rule_corners(void **state) {
  static const struct {
    const char *doc, *want;
  } cases[] = {
      /* a company kana without a company is still checked */
      {"{\"applied_on\":\"2027-02-10\",\"certification\":{\"expires_on\":"
       "\"2027-03-31\"},\"applicant\":{\"company_kana\":\"ABC\"}}",
       "applicant.kana_invalid@/applicant/company_kana"},
      /* points out of range, negative and too large */
      {"{\"applied_on\":\"2027-02-10\",\"certification\":{\"expires_on\":"
       "\"2027-03-31\"},\"activities\":[{\"category\":\"A\",\"completed_on\":"
       "\"2024-06-15\",\"hours\":1,\"points\":-1},{\"category\":\"A\","
       "\"completed_on\":\"2024-06-15\",\"hours\":1,\"points\":10000}]}",
       "activity.invalid_number@/activities/1/points"},
      /* after the expiry but before applying (window closed) */
      {"{\"applied_on\":\"2027-05-01\",\"certification\":{\"expires_on\":"
       "\"2027-03-31\"},\"activities\":[{\"category\":\"A\",\"completed_on\":"
       "\"2027-04-15\",\"hours\":1}]}",
       "activity.outside_period@/activities/0/completed_on"},
      /* declared years: null is no declaration; 1.5, 0 and 4 are not years */
      {"{\"applied_on\":\"2027-02-10\",\"certification\":{\"expires_on\":"
       "\"2027-03-31\"},\"activities\":[{\"category\":\"C\",\"completed_on\":"
       "\"2024-06-15\",\"hours\":1,\"year\":null},{\"category\":\"C\","
       "\"completed_on\":\"2024-06-16\",\"hours\":1,\"year\":1.5},{"
       "\"category\":"
       "\"C\",\"completed_on\":\"2024-06-17\",\"hours\":1,\"year\":0},"
       "{\"category\":\"C\",\"completed_on\":\"2024-06-18\",\"hours\":1,"
       "\"year\":4}]}",
       "activity.year_mismatch@/activities/3/year"},
      /* evidence: a non-text entry before a text one */
      {"{\"applied_on\":\"2027-02-10\",\"certification\":{\"expires_on\":"
       "\"2027-03-31\"},\"activities\":[{\"category\":\"B\",\"completed_on\":"
       "\"2024-06-15\",\"hours\":1,\"evidence\":[1,null,\"cert.pdf\"]},"
       "{\"category\":\"B\",\"completed_on\":\"2024-06-16\",\"hours\":1,"
       "\"evidence\":null}]}",
       "activity.evidence_missing@/activities/1/evidence"},
      /* hours given as null */
      {"{\"applied_on\":\"2027-02-10\",\"certification\":{\"expires_on\":"
       "\"2027-03-31\"},\"activities\":[{\"category\":\"C\",\"completed_on\":"
       "\"2024-06-15\",\"hours\":null,\"points\":null}]}",
       "activity.invalid_number@/activities/0/hours"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *got = codes_of_doc(cases[i].doc);
    if (!strstr(got, cases[i].want))
      fail_msg("case %zu: %s not in %s", i, cases[i].want, got);
  }
  assert_null(
      strstr(codes_of_doc(cases[4].doc), "evidence_missing@/activities/0/"));
}

/* ---------------------------------------------------------------- audit */

static void test_the_audit_checks_its_arguments(void **state) {
  cpd_audit_options o = CPD_AUDIT_OPTIONS_INIT;
  cpd_audit *a = NULL;
  cpd_error err;
  uint64_t h;
  (void)state;
  assert_int_equal(cpd_audit_hash(NULL, "x", 1, 0), CPD_EINVAL);
  assert_int_equal(cpd_audit_hash(&h, NULL, 1, 0), CPD_EINVAL);
  assert_int_equal(cpd_audit_hash(&h, NULL, 0, 0), CPD_EINVAL); /* empty */
  assert_int_equal(cpd_audit_new(NULL, &o), CPD_EINVAL);
  assert_int_equal(cpd_audit_new(&a, &o), CPD_OK);
  assert_int_equal(cpd_audit_add(NULL, "x", NULL, &err), CPD_EINVAL);
  assert_int_equal(cpd_audit_add_json(NULL, "{}", 2, &err), CPD_EINVAL);
  assert_int_equal(cpd_audit_add_json(a, NULL, 2, &err), CPD_EINVAL);
  assert_int_equal(cpd_audit_finish(a), CPD_OK);
  assert_int_equal(cpd_audit_count(a), 0);
  assert_int_equal(cpd_audit_add(a, "OMP-1", NULL, &err), CPD_EINVAL);
  assert_int_equal(cpd_audit_add_json(a, "{}", 2, &err), CPD_EINVAL);
  assert_null(cpd_audit_entry_at(a, 0));
  assert_null(cpd_audit_entry_at(NULL, 0));
  assert_int_equal(cpd_audit_count(NULL), 0);
  cpd_audit_free(a);
  cpd_audit_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_zero_byte_allocations_return_a_usable_block),
      cmocka_unit_test(test_sizes_that_overflow_are_refused),
      cmocka_unit_test(test_an_arena_refuses_a_size_that_wraps_when_rounded),
      cmocka_unit_test(test_an_arena_gives_distinct_blocks_even_for_zero_bytes),
      cmocka_unit_test(test_a_printf_encoding_error_appends_nothing),
      cmocka_unit_test(test_every_status_and_enum_has_a_name),
      cmocka_unit_test(test_json_strings_escape_every_control_character),
      cmocka_unit_test(test_utf8_copies_cut_at_a_boundary_and_accept_null),
      cmocka_unit_test(test_negative_points_are_formatted_exactly),
      cmocka_unit_test(test_calendar_functions_take_any_day_number),
      cmocka_unit_test(test_malformed_dates_are_refused),
      cmocka_unit_test(test_utf8_validation_refuses_each_malformed_form),
      cmocka_unit_test(test_every_kind_of_white_space_folds_to_one_space),
      cmocka_unit_test(test_field_checks_take_their_unicode_variants),
      cmocka_unit_test(test_decimals_take_a_sign_and_refuse_too_many_digits),
      cmocka_unit_test(
          test_member_names_with_escapes_appear_decoded_in_error_paths),
      cmocka_unit_test(test_each_malformed_token_is_a_syntax_or_utf8_error),
      cmocka_unit_test(test_many_distinct_keys_are_not_duplicates),
      cmocka_unit_test(test_null_holders_are_absent_fields_without_warnings),
      cmocka_unit_test(test_json_entry_points_check_their_arguments),
      cmocka_unit_test(test_typed_accessors_are_safe_out_of_range),
      cmocka_unit_test(test_numbers_are_written_with_a_point_in_any_locale),
      cmocka_unit_test(test_results_are_the_same_in_a_decimal_comma_locale),
      cmocka_unit_test(test_each_policy_key_refuses_a_wrong_value),
      cmocka_unit_test(test_a_fiscal_year_may_start_mid_month),
      cmocka_unit_test(test_a_long_qualification_list_is_cut_in_the_message),
      cmocka_unit_test(test_invalid_utf8_from_c_is_refused_at_its_path),
      cmocka_unit_test(test_text_values_without_text_count_as_not_text),
      cmocka_unit_test(test_a_text_id_without_text_is_no_id),
      cmocka_unit_test(test_the_c_entry_point_checks_its_arrays),
      cmocka_unit_test(test_rule_corners),
      cmocka_unit_test(test_the_audit_checks_its_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
