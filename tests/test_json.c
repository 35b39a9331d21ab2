/* test_json.c - the JSON layer of JSON.md: application documents in through
 * cpd_check_json / cpd_evaluate_json, every input error of docs/RULES.md R14
 * with its path and byte offset, unknown fields, wrong types, the result and
 * error documents out (re-parsed with cJSON), and policy documents through
 * cpd_policy_load_json / cpd_policy_to_json. */
#include "cpd_test.h"

#include <time.h>

/* ------------------------------------------------------------- documents */

#define APPLICANT                                                                   \
  "\"name\":\"鬼瓦 権蔵\",\"name_kana\":\"おにがわら ごんぞう\","      \
  "\"company\":\"株式会社ズクエ\",\"company_kana\":"                         \
  "\"かぶしきがいしゃずくえ\","                                          \
  "\"postal_code\":\"100-0005\",\"address\":\"北海道稚内市宗谷岬2-7-31\"," \
  "\"phone\":\"0162-76-5432\",\"mobile\":\"080-9753-1864\","                        \
  "\"email\":\"gonzo.zqx@example.jp\""

/* 31.5 points in section A: eligible on its own. */
#define ACT_A                                                                  \
  "{\"id\":\"a1\",\"category\":\"A\",\"title\":\"OMP対策講座\","           \
  "\"completed_on\":\"2024-06-15\",\"hours\":31.5,\"evidence\":[\"a1.pdf\"]}"

/* An application with the given extra top-level members (starting with a
 * comma, or ""), extra applicant members (likewise) and activities.  The
 * caller frees the text with free(). */
static char *make_doc(const char *top_extra, const char *applicant_extra,
                      const char *acts) {
  static const char fmt[] =
      "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
      "\"certification\":{\"number\":\"OMP-000123\","
      "\"expires_on\":\"2027-03-31\"},"
      "\"applicant\":{" APPLICANT "%s},"
      "\"fee\":{\"paid_on\":\"2027-02-01\",\"payer_name\":\"オニガワラ\"},"
      "\"oath_agreed\":true,\"activities\":[%s]%s}";
  int n = snprintf(NULL, 0, fmt, applicant_extra, acts, top_extra);
  char *s;
  assert_true(n > 0);
  s = malloc((size_t)n + 1);
  assert_non_null(s);
  snprintf(s, (size_t)n + 1, fmt, applicant_extra, acts, top_extra);
  return s;
}

/* Concatenation of count copies of piece. */
static char *repeat(const char *piece, size_t count) {
  size_t n = strlen(piece), i;
  char *s = malloc(n * count + 1);
  assert_non_null(s);
  for (i = 0; i < count; i++)
    memcpy(s + i * n, piece, n);
  s[n * count] = '\0';
  return s;
}

static char *concat3(const char *a, const char *b, const char *c) {
  size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
  char *s = malloc(na + nb + nc + 1);
  assert_non_null(s);
  memcpy(s, a, na);
  memcpy(s + na, b, nb);
  memcpy(s + na + nb, c, nc);
  s[na + nb + nc] = '\0';
  return s;
}

/* --------------------------------------------------------------- running */

/* A successful check: the result document parsed with cJSON. */
static cJSON *check_ok(const char *doc) {
  return cpdt_check_doc(doc, strlen(doc), NULL, NULL);
}

/* An input error: CPD_EINPUT, no output, err filled. */
static void check_error_len(const char *doc, size_t len, const cpd_limits *lim,
                            cpd_error *err) {
  char *out = (char *)&out; /* must be reset to NULL */
  cpd_status st;
  memset(err, 0, sizeof *err);
  st = cpd_check_json(&out, NULL, doc, len, lim, err);
  if (st != CPD_EINPUT)
    print_error("cpd_check_json returned %s, expected an input error\n",
                cpd_status_str(st));
  assert_int_equal(st, CPD_EINPUT);
  assert_null(out);
  assert_true(err->message[0] != '\0');
  assert_true(err->message_ja[0] != '\0');
}

#define ANY_OFFSET (-2LL)

static void expect_error_(const char *doc, size_t len, const cpd_limits *lim,
                          const char *code, const char *path, long long offset,
                          const char *file, int line) {
  cpd_error err;
  check_error_len(doc, len, lim, &err);
  if (strcmp(err.code, code) != 0 || (path && strcmp(err.path, path) != 0) ||
      (offset != ANY_OFFSET && err.offset != offset)) {
    print_error("error %s at \"%s\" offset %lld; expected %s at \"%s\" offset "
                "%lld\n",
                err.code, err.path, err.offset, code, path ? path : "(any)",
                offset);
    _fail(file, line);
  }
}
#define expect_error(doc, code, path, offset)                                  \
  expect_error_((doc), strlen(doc), NULL, (code), (path), (offset), __FILE__,  \
                __LINE__)
#define expect_error_len(doc, len, lim, code, path, offset)                    \
  expect_error_((doc), (len), (lim), (code), (path), (offset), __FILE__,       \
                __LINE__)

static long long offset_of(const char *doc, const char *needle) {
  const char *p = strstr(doc, needle);
  assert_non_null(p);
  return (long long)(p - doc);
}

static const char *str_at(const cJSON *obj, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static size_t count_diag(const cJSON *root, const char *code,
                         const char *path) {
  const cJSON *d;
  size_t n = 0;
  cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(root, "diagnostics")) {
    const char *c = str_at(d, "code"), *p = str_at(d, "path");
    if (c && strcmp(c, code) == 0 && (!path || (p && strcmp(p, path) == 0)))
      n++;
  }
  return n;
}

static void dump_diags(const cJSON *root) {
  const cJSON *d;
  print_error("  decision %s; diagnostics:\n", str_at(root, "decision"));
  cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(root, "diagnostics"))
      print_error("    %s at %s\n", str_at(d, "code"), str_at(d, "path"));
}

static void assert_diag_count_(const cJSON *root, const char *code,
                               const char *path, size_t want, const char *file,
                               int line) {
  size_t got = count_diag(root, code, path);
  if (got != want) {
    print_error("%zu diagnostics %s at %s, expected %zu\n", got, code,
                path ? path : "(any)", want);
    dump_diags(root);
    _fail(file, line);
  }
}
#define assert_diag_count(root, code, path, n)                                 \
  assert_diag_count_((root), (code), (path), (n), __FILE__, __LINE__)
#define assert_has_diag(root, code, path)                                      \
  do {                                                                         \
    if (count_diag((root), (code), (path)) == 0)                               \
      assert_diag_count_((root), (code), (path), 1, __FILE__, __LINE__);       \
  } while (0)

static void assert_decision_(const cJSON *root, const char *want,
                             const char *file, int line) {
  const char *got = str_at(root, "decision");
  if (!got || strcmp(got, want) != 0) {
    print_error("decision %s, expected %s\n", got ? got : "(none)", want);
    dump_diags(root);
    _fail(file, line);
  }
}
#define assert_decision(root, d)                                               \
  assert_decision_((root), (d), __FILE__, __LINE__)

static const cJSON *activity(const cJSON *root, int i) {
  const cJSON *a = cJSON_GetArrayItem(
      cJSON_GetObjectItemCaseSensitive(root, "activities"), i);
  assert_non_null(a);
  return a;
}

/* ---------------------------------------------------------- the baseline */

static void test_baseline_document_is_eligible(void **state) {
  char *doc = make_doc("", "", ACT_A);
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_decision(root, "eligible");
  assert_null(cJSON_GetArrayItem(
      cJSON_GetObjectItemCaseSensitive(root, "diagnostics"), 0));
  cJSON_Delete(root);
  free(doc);
}

/* ---------------------------------------------------------- input.syntax */

static void test_syntax_truncated_document_points_at_its_end(void **state) {
  static const char *const docs[] = {"{\"applied_on\":\"2027",
                                     "{\"applied_on\":\"2027-02-10\"",
                                     "{\"a\":1",
                                     "{\"a\":",
                                     "{\"a\"",
                                     "{",
                                     "[1,"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof docs / sizeof docs[0]; i++)
    expect_error(docs[i], "input.syntax", NULL, (long long)strlen(docs[i]));
}

static void test_syntax_truncated_literal(void **state) {
  static const char doc[] = "{\"a\":tru";
  cpd_error err;
  (void)state;
  check_error_len(doc, strlen(doc), NULL, &err);
  assert_string_equal(err.code, "input.syntax");
  /* the literal starts at byte 5; the document ends at byte 8 */
  assert_true(err.offset >= 5 && err.offset <= 8);
}

static void test_syntax_leading_zero(void **state) {
  static const char doc[] = "{\"hours\":01}";
  cpd_error err;
  (void)state;
  check_error_len(doc, strlen(doc), NULL, &err);
  assert_string_equal(err.code, "input.syntax");
  /* the number token "01" is bytes 9..10 */
  assert_true(err.offset >= 9 && err.offset <= 10);
  expect_error("01", "input.syntax", "", ANY_OFFSET);
}

static void test_syntax_decimal_point_without_digits(void **state) {
  static const char doc[] = "{\"hours\":1.}";
  cpd_error err;
  (void)state;
  check_error_len(doc, strlen(doc), NULL, &err);
  assert_string_equal(err.code, "input.syntax");
  /* the token "1." is bytes 9..10, the missing digit would be byte 11 */
  assert_true(err.offset >= 9 && err.offset <= 11);
  expect_error("1.", "input.syntax", "", ANY_OFFSET);
}

static void test_syntax_two_documents(void **state) {
  (void)state;
  expect_error("{} {}", "input.syntax", "", 3);
  expect_error("{}{\"a\":1}", "input.syntax", "", 2);
}

static void test_syntax_empty_document(void **state) {
  (void)state;
  expect_error_len("", 0, NULL, "input.syntax", "", 0);
}

static void test_syntax_whitespace_only(void **state) {
  (void)state;
  expect_error(" \t\r\n ", "input.syntax", "", 5);
}

static void test_syntax_raw_control_character_in_string(void **state) {
  static const char doc[] = "{\"applied_on\":\"2027\n-02-10\"}";
  (void)state;
  expect_error(doc, "input.syntax", "/applied_on", offset_of(doc, "\n"));
  expect_error("{\"a\":\"x\ty\"}", "input.syntax", "/a", 7);
}

static void test_syntax_trailing_comma(void **state) {
  (void)state;
  expect_error("{\"a\":1,}", "input.syntax", NULL, 7);
  expect_error("[1,]", "input.syntax", NULL, 3);
}

static void test_syntax_single_quotes(void **state) {
  (void)state;
  expect_error("{'a':1}", "input.syntax", "", 1);
}

static void test_syntax_unknown_escape(void **state) {
  (void)state;
  expect_error("{\"a\":\"\\x41\"}", "input.syntax", "/a", 6);
}

static void test_syntax_offset_counts_the_bom(void **state) {
  static const char doc[] = "\xEF\xBB\xBF{\"a\":\"x\ny\"}";
  (void)state;
  expect_error(doc, "input.syntax", "/a", offset_of(doc, "\n"));
}

/* ------------------------------------------------------ input.not_object */

static void test_not_object(void **state) {
  (void)state;
  expect_error("[]", "input.not_object", "", ANY_OFFSET);
  expect_error("42", "input.not_object", "", ANY_OFFSET);
  expect_error("\"text\"", "input.not_object", "", ANY_OFFSET);
  expect_error("null", "input.not_object", "", ANY_OFFSET);
  expect_error(" [1, 2] ", "input.not_object", "", ANY_OFFSET);
}

/* --------------------------------------------------------- input.too_deep */

/* {"x": followed by n-1 nested arrays: n containers in all. */
static char *nested(size_t n) {
  char *open = repeat("[", n - 1), *close = repeat("]", n - 1);
  char *mid = concat3("{\"x\":", open, close);
  char *doc = concat3(mid, "}", "");
  free(open);
  free(close);
  free(mid);
  return doc;
}

static void test_too_deep_64_levels_is_fine(void **state) {
  char *doc = nested(64);
  cpd_error err;
  (void)state;
  check_error_len(doc, strlen(doc), NULL, &err);
  /* deep but legal: refused only because applied_on is missing */
  assert_string_equal(err.code, "input.missing_field");
  assert_string_equal(err.path, "/applied_on");
  free(doc);
}

static void test_too_deep_65_levels_is_refused(void **state) {
  char *doc = nested(65);
  char *zeros = repeat("/0", 63);
  char *path = concat3("/x", zeros, "");
  (void)state;
  /* the 65th container is the 64th '[', at byte 5 + 63 */
  expect_error(doc, "input.too_deep", path, 5 + 63);
  free(doc);
  free(zeros);
  free(path);
}

static void test_too_deep_top_level_arrays(void **state) {
  char *open64 = repeat("[", 64), *close64 = repeat("]", 64);
  char *open65 = repeat("[", 65), *close65 = repeat("]", 65);
  char *ok = concat3(open64, close64, "");
  char *deep = concat3(open65, close65, "");
  char *path = repeat("/0", 64);
  (void)state;
  expect_error(ok, "input.not_object", "", ANY_OFFSET);
  expect_error(deep, "input.too_deep", path, 64);
  free(open64);
  free(close64);
  free(open65);
  free(close65);
  free(ok);
  free(deep);
  free(path);
}

static void test_too_deep_100000_brackets_fails_fast(void **state) {
  char *doc = repeat("[", 100000);
  clock_t t0 = clock();
  double secs;
  (void)state;
  expect_error(doc, "input.too_deep", NULL, 64);
  secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  assert_true(secs < 1.0);
  free(doc);
}

/* -------------------------------------------------------- input.too_large */

static void test_too_large_document_over_limit(void **state) {
  char *doc = make_doc("", "", ACT_A);
  size_t len = strlen(doc);
  cpd_limits lim = CPD_LIMITS_INIT;
  cJSON *root;
  (void)state;
  lim.max_document_bytes = len;
  root = cpdt_check_doc(doc, len, NULL, &lim);
  assert_decision(root, "eligible");
  cJSON_Delete(root);
  lim.max_document_bytes = len - 1;
  expect_error_len(doc, len, &lim, "input.too_large", "", ANY_OFFSET);
  free(doc);
}

static void test_too_large_default_document_limit_is_4_mib(void **state) {
  size_t limit = (size_t)4 << 20;
  char *doc = malloc(limit + 2);
  cpd_error err;
  (void)state;
  assert_non_null(doc);
  memset(doc, ' ', limit + 1);
  doc[0] = '{';
  doc[limit - 1] = '}';
  doc[limit + 1] = '\0';
  /* exactly 4 MiB: read, and refused only for the missing applied_on */
  check_error_len(doc, limit, NULL, &err);
  assert_string_equal(err.code, "input.missing_field");
  /* one byte more */
  check_error_len(doc, limit + 1, NULL, &err);
  assert_string_equal(err.code, "input.too_large");
  assert_string_equal(err.path, "");
  free(doc);
}

static void test_too_large_string_over_limit_counts_bytes(void **state) {
  static const char ok[] = "{\"applied_on\":\"2027-02-10\",\"certification\":"
                           "{\"expires_on\":\"2027-03-31\"},\"applicant\":{"
                           "\"name\":\"あいうえおかab\"}}";
  static const char big[] = "{\"applied_on\":\"2027-02-10\",\"certification\":"
                            "{\"expires_on\":\"2027-03-31\"},\"applicant\":{"
                            "\"name\":\"あいうえおかき\"}}";
  cpd_limits lim = CPD_LIMITS_INIT;
  cJSON *root;
  (void)state;
  lim.max_string_bytes = 20;
  root = cpdt_check_doc(ok, strlen(ok), NULL, &lim); /* 20 bytes */
  cJSON_Delete(root);
  /* 7 kana are 7 characters but 21 bytes */
  expect_error_len(big, strlen(big), &lim, "input.too_large", "/applicant/name",
                   offset_of(big, "\"あ"));
}

static void test_too_large_string_over_default_limit(void **state) {
  char *x4096 = repeat("x", 4096), *x4097 = repeat("x", 4097);
  char *act_ok = concat3("{\"category\":\"A\",\"completed_on\":\"2024-06-15\","
                         "\"hours\":31.5,\"evidence\":[\"e\"],\"title\":\"",
                         x4096, "\"}");
  char *act_big = concat3("{\"category\":\"A\",\"completed_on\":\"2024-06-15\","
                          "\"hours\":31.5,\"evidence\":[\"e\"],\"title\":\"",
                          x4097, "\"}");
  char *doc_ok = make_doc("", "", act_ok), *doc_big = make_doc("", "", act_big);
  cJSON *root;
  (void)state;
  root = check_ok(doc_ok);
  assert_decision(root, "eligible");
  cJSON_Delete(root);
  expect_error(doc_big, "input.too_large", "/activities/0/title",
               offset_of(doc_big, "\"xxx"));
  free(x4096);
  free(x4097);
  free(act_ok);
  free(act_big);
  free(doc_ok);
  free(doc_big);
}

static void test_too_large_activities_over_limit(void **state) {
  char *two = make_doc("", "", ACT_A "," ACT_A);
  char *three = make_doc("", "", ACT_A "," ACT_A "," ACT_A);
  cpd_limits lim = CPD_LIMITS_INIT;
  cJSON *root;
  (void)state;
  lim.max_activities = 2;
  root = cpdt_check_doc(two, strlen(two), NULL, &lim);
  cJSON_Delete(root);
  expect_error_len(three, strlen(three), &lim, "input.too_large", "/activities",
                   ANY_OFFSET);
  free(two);
  free(three);
}

static void test_too_large_activities_over_default_limit(void **state) {
  char *many = repeat("{},", 10000);
  char *acts = concat3(many, "{}", ""); /* 10,001 */
  char *doc = make_doc("", "", acts);
  (void)state;
  expect_error(doc, "input.too_large", "/activities", ANY_OFFSET);
  free(many);
  free(acts);
  free(doc);
}

static void test_too_large_number_with_70_digits(void **state) {
  char *zeros = repeat("0", 69);
  char *act = concat3("{\"category\":\"A\",\"completed_on\":\"2024-06-15\","
                      "\"evidence\":[\"e\"],\"hours\":1",
                      zeros, "}");
  char *doc = make_doc("", "", act);
  (void)state;
  expect_error(doc, "input.too_large", "/activities/0/hours",
               offset_of(doc, "\"hours\":1") + 8);
  free(zeros);
  free(act);
  free(doc);
}

static void test_number_with_63_characters_is_read(void **state) {
  char *zeros = repeat("0", 62);
  char *act = concat3("{\"category\":\"A\",\"completed_on\":\"2024-06-15\","
                      "\"evidence\":[\"e\"],\"hours\":1",
                      zeros, "}");
  char *doc = make_doc("", "", act);
  cJSON *root;
  (void)state;
  root = check_ok(doc); /* 1e62 hours: a value error, not an input error */
  assert_diag_count(root, "activity.invalid_number", "/activities/0/hours", 1);
  cJSON_Delete(root);
  free(zeros);
  free(act);
  free(doc);
}

/* ------------------------------------------------------ input.invalid_utf8 */

#define UTF8_PREFIX "{\"applied_on\":\"2027-02-10\",\"x\":\"a"

static void expect_bad_utf8_in_string(const char *bad) {
  char *doc = concat3(UTF8_PREFIX, bad, "b\"}");
  expect_error(doc, "input.invalid_utf8", "/x", (long long)strlen(UTF8_PREFIX));
  free(doc);
}

static void test_invalid_utf8_raw_ff(void **state) {
  (void)state;
  expect_bad_utf8_in_string("\xFF");
}

static void test_invalid_utf8_overlong_c0_af(void **state) {
  (void)state;
  expect_bad_utf8_in_string("\xC0\xAF");
}

static void test_invalid_utf8_surrogate_ed_a0_80(void **state) {
  (void)state;
  expect_bad_utf8_in_string("\xED\xA0\x80");
}

static void test_invalid_utf8_above_10ffff(void **state) {
  (void)state;
  expect_bad_utf8_in_string("\xF4\x90\x80\x80");
}

static void test_invalid_utf8_truncated_sequence_before_quote(void **state) {
  char *doc = concat3(UTF8_PREFIX, "\xE3\x81", "\"}");
  (void)state;
  expect_error(doc, "input.invalid_utf8", "/x", (long long)strlen(UTF8_PREFIX));
  free(doc);
}

static void test_invalid_utf8_outside_a_string(void **state) {
  (void)state;
  expect_error("{\"x\":\xFF}", "input.invalid_utf8", "/x", 5);
  expect_error("{\"\xFF\":1}", "input.invalid_utf8", NULL, 2);
}

static void test_invalid_utf8_escaped_nul(void **state) {
  (void)state;
  expect_bad_utf8_in_string("\\u0000");
}

static void test_invalid_utf8_lone_high_surrogate_escape(void **state) {
  (void)state;
  expect_bad_utf8_in_string("\\ud800");
  expect_bad_utf8_in_string("\\ud800\\u0041");
}

static void test_invalid_utf8_lone_low_surrogate_escape(void **state) {
  (void)state;
  expect_bad_utf8_in_string("\\udc00");
}

static void test_valid_surrogate_pair_and_raw_emoji_are_accepted(void **state) {
  char *doc =
      make_doc(",\"note\":\"\\ud83d\\ude00 \xF0\x9F\x98\x80\"", "", ACT_A);
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_decision(root, "eligible");
  assert_diag_count(root, "application.unknown_field", "/note", 1);
  cJSON_Delete(root);
  free(doc);
}

/* ---------------------------------------------------- input.duplicate_key */

static void test_duplicate_key_at_top(void **state) {
  (void)state;
  expect_error("{\"applied_on\":\"2027-02-10\",\"applied_on\":\"2027-02-11\","
               "\"certification\":{\"expires_on\":\"2027-03-31\"}}",
               "input.duplicate_key", "/applied_on", ANY_OFFSET);
}

static void test_duplicate_key_nested(void **state) {
  char *doc = make_doc("", ",\"name\":\"x\"", ACT_A);
  char *doc2 = make_doc("", "",
                        "{\"category\":\"A\",\"hours\":1,\"hours\":2,"
                        "\"completed_on\":\"2024-06-15\"}");
  (void)state;
  expect_error(doc, "input.duplicate_key", "/applicant/name", ANY_OFFSET);
  expect_error(doc2, "input.duplicate_key", "/activities/0/hours", ANY_OFFSET);
  free(doc);
  free(doc2);
}

static void test_duplicate_key_written_with_an_escape(void **state) {
  char *doc = make_doc("", ",\"na\\u006de\":\"x\"", ACT_A);
  (void)state;
  expect_error(doc, "input.duplicate_key", "/applicant/name", ANY_OFFSET);
  free(doc);
}

static void test_duplicate_key_in_a_large_object(void **state) {
  char buf[512];
  size_t n = 0;
  int i;
  (void)state;
  n += (size_t)snprintf(buf + n, sizeof buf - n,
                        "{\"applied_on\":\"2027-02-10\",\"x\":{");
  for (i = 0; i < 20; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "\"k%d\":%d,", i, i);
  n += (size_t)snprintf(buf + n, sizeof buf - n, "\"k5\":0}}");
  assert_true(n < sizeof buf);
  expect_error(buf, "input.duplicate_key", "/x/k5", ANY_OFFSET);
}

static void test_keys_are_case_sensitive(void **state) {
  char *doc = make_doc(
      "", "",
      "{\"category\":\"A\",\"title\":\"t\",\"completed_on\":\"2024-06-15\","
      "\"hours\":31.5,\"points\":31.5,\"Points\":7,\"evidence\":[\"e\"]}");
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_diag_count(root, "application.unknown_field", "/activities/0/Points",
                    1);
  assert_true(cJSON_GetObjectItemCaseSensitive(activity(root, 0), "claimed")
                  ->valuedouble == 31.5);
  assert_decision(root, "eligible");
  cJSON_Delete(root);
  free(doc);
}

/* ----------------------------------------------- input.non_finite_number */

static void test_non_finite_number_1e999(void **state) {
  char *doc = make_doc("", "",
                       "{\"category\":\"A\",\"completed_on\":\"2024-06-15\","
                       "\"hours\":1e999}");
  (void)state;
  expect_error(doc, "input.non_finite_number", "/activities/0/hours",
               ANY_OFFSET);
  free(doc);
}

static void test_non_finite_number_minus_1e999(void **state) {
  char *doc = make_doc("", "",
                       "{\"category\":\"A\",\"completed_on\":\"2024-06-15\","
                       "\"hours\":-1e999}");
  (void)state;
  expect_error(doc, "input.non_finite_number", "/activities/0/hours",
               ANY_OFFSET);
  free(doc);
}

static void test_non_finite_number_in_unknown_field(void **state) {
  char *doc = make_doc(",\"zzz\":[1e999]", "", ACT_A);
  (void)state;
  expect_error(doc, "input.non_finite_number", "/zzz/0", ANY_OFFSET);
  free(doc);
}

/* ------------------------------------- input.missing_field / invalid_date */

static void test_missing_applied_on(void **state) {
  (void)state;
  expect_error("{\"certification\":{\"expires_on\":\"2027-03-31\"}}",
               "input.missing_field", "/applied_on", ANY_OFFSET);
  expect_error("{\"applied_on\":null,\"certification\":"
               "{\"expires_on\":\"2027-03-31\"}}",
               "input.missing_field", "/applied_on", ANY_OFFSET);
}

static void test_missing_expires_on(void **state) {
  (void)state;
  expect_error("{\"applied_on\":\"2027-02-10\"}", "input.missing_field",
               "/certification/expires_on", ANY_OFFSET);
  expect_error("{\"applied_on\":\"2027-02-10\",\"certification\":\"x\"}",
               "input.missing_field", "/certification/expires_on", ANY_OFFSET);
  expect_error("{}", "input.missing_field", NULL, ANY_OFFSET);
}

static void test_invalid_applied_on(void **state) {
  (void)state;
  expect_error("{\"applied_on\":\"2027-02-30\",\"certification\":"
               "{\"expires_on\":\"2027-03-31\"}}",
               "input.invalid_date", "/applied_on", ANY_OFFSET);
  expect_error("{\"applied_on\":20270210,\"certification\":"
               "{\"expires_on\":\"2027-03-31\"}}",
               "input.invalid_date", "/applied_on", ANY_OFFSET);
}

static void test_invalid_expires_on(void **state) {
  (void)state;
  expect_error("{\"applied_on\":\"2027-02-10\",\"certification\":"
               "{\"expires_on\":\"令和9年13月1日\"}}",
               "input.invalid_date", "/certification/expires_on", ANY_OFFSET);
}

static void test_input_error_message_does_not_echo_value(void **state) {
  cpd_error err;
  static const char doc[] = "{\"applied_on\":\"鬼瓦権蔵\",\"certification\":"
                            "{\"expires_on\":\"2027-03-31\"}}";
  (void)state;
  check_error_len(doc, strlen(doc), NULL, &err);
  assert_string_equal(err.code, "input.invalid_date");
  assert_null(strstr(err.message, "鬼瓦"));
  assert_null(strstr(err.message_ja, "鬼瓦"));
}

/* -------------------------------------------------------------------- BOM */

static void test_bom_is_accepted(void **state) {
  char *doc = make_doc("", "", ACT_A);
  char *bom = concat3("\xEF\xBB\xBF", doc, "");
  cJSON *root;
  (void)state;
  root = check_ok(bom);
  assert_decision(root, "eligible");
  cJSON_Delete(root);
  expect_error("\xEF\xBB\xBF", "input.syntax", "", 3);
  free(doc);
  free(bom);
}

/* ------------------------------------------------------- unknown fields */

static void test_unknown_fields_are_warnings_with_their_paths(void **state) {
  char *doc = make_doc(",\"extra\":1", ",\"nickname\":\"x\"",
                       "{\"id\":\"a1\",\"category\":\"A\",\"title\":\"t\","
                       "\"completed_on\":\"2024-06-15\",\"hours\":31.5,"
                       "\"evidence\":[\"e\"],\"note\":\"n\"}");
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_diag_count(root, "application.unknown_field", "/extra", 1);
  assert_diag_count(root, "application.unknown_field", "/applicant/nickname",
                    1);
  assert_diag_count(root, "application.unknown_field", "/activities/0/note", 1);
  assert_diag_count(root, "application.unknown_field", NULL, 3);
  assert_decision(root, "eligible");
  cJSON_Delete(root);
  free(doc);
}

/* A competencies value that is one value, not an array, is that value's
 * own diagnostic path (a JSON Pointer that resolves); in an array, the
 * element's. */
static void test_single_competency_path_points_at_the_value(void **state) {
  static const char *const singles[] = {"\"XX-1\"", "5", "{\"a\":1}"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof singles / sizeof singles[0]; i++) {
    char act[256];
    char *doc;
    cJSON *root;
    snprintf(act, sizeof act,
             "{\"id\":\"a1\",\"category\":\"A\",\"title\":\"t\","
             "\"completed_on\":\"2024-06-15\",\"hours\":31.5,"
             "\"evidence\":[\"e\"],\"competencies\":%s}",
             singles[i]);
    doc = make_doc("", "", act);
    root = check_ok(doc);
    assert_diag_count(root, "activity.unknown_competency",
                      "/activities/0/competencies", 1);
    assert_diag_count(root, "activity.unknown_competency", NULL, 1);
    cJSON_Delete(root);
    free(doc);
  }
  {
    char *doc = make_doc("", "",
                         "{\"id\":\"a1\",\"category\":\"A\",\"title\":\"t\","
                         "\"completed_on\":\"2024-06-15\",\"hours\":31.5,"
                         "\"evidence\":[\"e\"],"
                         "\"competencies\":[\"OP-1\",\"XX-1\"]}");
    cJSON *root = check_ok(doc);
    assert_diag_count(root, "activity.unknown_competency",
                      "/activities/0/competencies/1", 1);
    assert_diag_count(root, "activity.unknown_competency", NULL, 1);
    cJSON_Delete(root);
    free(doc);
  }
}

static void test_unknown_fields_in_certification_and_fee(void **state) {
  static const char doc[] =
      "{\"applied_on\":\"2027-02-10\",\"certification\":{\"expires_on\":"
      "\"2027-03-31\",\"grade\":1},\"fee\":{\"amount\":5000}}";
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_diag_count(root, "application.unknown_field", "/certification/grade",
                    1);
  assert_diag_count(root, "application.unknown_field", "/fee/amount", 1);
  cJSON_Delete(root);
}

static void test_unknown_field_path_escapes_slash_and_tilde(void **state) {
  char *doc =
      make_doc(",\"a/b\":1,\"m~n\":2,\"~/\":3,\"\":4", ",\"\":5", ACT_A);
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_diag_count(root, "application.unknown_field", "/a~1b", 1);
  assert_diag_count(root, "application.unknown_field", "/m~0n", 1);
  assert_diag_count(root, "application.unknown_field", "/~0~1", 1);
  assert_diag_count(root, "application.unknown_field", "/", 1); /* key "" */
  assert_diag_count(root, "application.unknown_field", "/applicant/", 1);
  cJSON_Delete(root);
  free(doc);
}

static void test_error_path_escapes_slash_and_tilde(void **state) {
  (void)state;
  expect_error("{\"a/b\":{\"m~n\":1,\"m~n\":2}}", "input.duplicate_key",
               "/a~1b/m~0n", ANY_OFFSET);
  expect_error("{\"a/b\":\"x\ny\"}", "input.syntax", "/a~1b", 9);
}

/* ----------------------------------------------------------- wrong types */

static void test_hours_true_is_invalid_number(void **state) {
  char *doc = make_doc("", "",
                       ACT_A ",{\"category\":\"D\",\"title\":\"t\","
                             "\"completed_on\":\"2025-06-01\",\"hours\":true}");
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_diag_count(root, "activity.invalid_number", "/activities/1/hours", 1);
  assert_string_equal(str_at(activity(root, 1), "status"), "rejected");
  assert_decision(root, "incomplete");
  cJSON_Delete(root);
  free(doc);
}

static void test_category_number_is_invalid_category(void **state) {
  char *doc = make_doc("", "",
                       ACT_A ",{\"category\":5,\"title\":\"t\","
                             "\"completed_on\":\"2025-06-01\",\"hours\":1}");
  cJSON *root;
  const cJSON *a;
  (void)state;
  root = check_ok(doc);
  assert_diag_count(root, "activity.invalid_category", "/activities/1/category",
                    1);
  a = activity(root, 1);
  assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(a, "section")));
  assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(a, "year")));
  assert_string_equal(str_at(a, "status"), "rejected");
  cJSON_Delete(root);
  free(doc);
}

static void test_applicant_not_an_object_gives_missing_fields(void **state) {
  static const char doc[] =
      "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
      "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":\"2027-03-31\"},"
      "\"applicant\":\"x\",\"fee\":{\"paid_on\":\"2027-02-01\","
      "\"payer_name\":\"オニガワラ\"},\"oath_agreed\":true,\"activities\":"
      "[" ACT_A "]}";
  static const char *const paths[] = {
      "/applicant/name",    "/applicant/name_kana", "/applicant/postal_code",
      "/applicant/address", "/applicant/email",     "/applicant/phone"};
  cJSON *root;
  size_t i;
  (void)state;
  root = check_ok(doc);
  for (i = 0; i < sizeof paths / sizeof paths[0]; i++)
    assert_diag_count(root, "applicant.missing_field", paths[i], 1);
  assert_diag_count(root, "applicant.missing_field", NULL, 6);
  assert_decision(root, "incomplete");
  cJSON_Delete(root);
}

static void test_activities_not_an_array_gives_no_activities(void **state) {
  static const char doc[] =
      "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
      "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":\"2027-03-31\"},"
      "\"applicant\":{" APPLICANT "},\"fee\":{\"paid_on\":\"2027-02-01\","
      "\"payer_name\":\"オニガワラ\"},\"oath_agreed\":true,\"activities\":"
      "\"x\"}";
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_int_equal(
      cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "activities")),
      0);
  assert_diag_count(root, "points.shortfall", NULL, 1);
  assert_decision(root, "ineligible");
  cJSON_Delete(root);
}

static void test_activity_not_an_object_is_rejected(void **state) {
  char *doc = make_doc("", "", ACT_A ",1,\"x\",null,[]");
  cJSON *root;
  int i;
  (void)state;
  root = check_ok(doc);
  for (i = 1; i <= 4; i++) {
    char path[64];
    snprintf(path, sizeof path, "/activities/%d/category", i);
    assert_diag_count(root, "activity.invalid_category", path, 1);
    assert_string_equal(str_at(activity(root, i), "status"), "rejected");
  }
  cJSON_Delete(root);
  free(doc);
}

static void test_oath_text_true_is_not_agreed(void **state) {
  static const char doc[] =
      "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
      "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":\"2027-03-31\"},"
      "\"applicant\":{" APPLICANT "},\"fee\":{\"paid_on\":\"2027-02-01\","
      "\"payer_name\":\"オニガワラ\"},\"oath_agreed\":\"true\",\"activities\":"
      "[" ACT_A "]}";
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_diag_count(root, "oath.not_agreed", "/oath_agreed", 1);
  assert_decision(root, "incomplete");
  cJSON_Delete(root);
}

static void test_certification_number_as_number_is_missing_text(void **state) {
  static const char doc[] =
      "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
      "\"certification\":{\"number\":123,\"expires_on\":\"2027-03-31\"},"
      "\"applicant\":{" APPLICANT "},\"fee\":\"x\",\"oath_agreed\":true,"
      "\"activities\":[" ACT_A "]}";
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_diag_count(root, "applicant.missing_field", "/certification/number",
                    1);
  assert_diag_count(root, "fee.missing", "/fee/paid_on", 1);
  assert_diag_count(root, "fee.missing", "/fee/payer_name", 1);
  cJSON_Delete(root);
}

/* -------------------------------------------------------- result document */

static double num_at(const cJSON *obj, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!cJSON_IsNumber(v)) {
    print_error("\"%s\" is not a number\n", key);
    fail();
  }
  return v->valuedouble;
}

static void test_result_document_shape(void **state) {
  static const char *const names[] = {"A",   "B-1", "B-2", "B-3", "C-1",
                                      "C-2", "C-3", "D-1", "D-2", "D-3"};
  char *doc = make_doc("", "",
                       ACT_A ",{\"category\":\"D\",\"title\":\"t\","
                             "\"completed_on\":\"2025-06-01\",\"hours\":0.29}");
  cJSON *root;
  const cJSON *period, *years, *win, *pts, *secs, *a, *ren;
  int i;
  (void)state;
  root = check_ok(doc);
  assert_string_equal(str_at(root, "decision"), "eligible");
  assert_string_equal(str_at(root, "applied_on"), "2027-02-10");
  assert_string_equal(str_at(root, "qualification"), "OMP");

  period = cJSON_GetObjectItemCaseSensitive(root, "period");
  assert_string_equal(str_at(period, "starts_on"), "2024-04-01");
  assert_string_equal(str_at(period, "expires_on"), "2027-03-31");
  years = cJSON_GetObjectItemCaseSensitive(period, "years");
  assert_int_equal(cJSON_GetArraySize(years), 3);
  assert_true(num_at(cJSON_GetArrayItem(years, 1), "year") == 2);
  assert_string_equal(str_at(cJSON_GetArrayItem(years, 1), "starts_on"),
                      "2025-04-01");
  assert_string_equal(str_at(cJSON_GetArrayItem(years, 1), "ends_on"),
                      "2026-03-31");

  win = cJSON_GetObjectItemCaseSensitive(root, "window");
  assert_string_equal(str_at(win, "opens_on"), "2027-01-01");
  assert_string_equal(str_at(win, "closes_on"), "2027-03-31");
  assert_string_equal(str_at(win, "status"), "open");

  pts = cJSON_GetObjectItemCaseSensitive(root, "points");
  assert_true(num_at(pts, "required") == 30);
  assert_true(num_at(pts, "counted") == 31.79);
  assert_true(num_at(pts, "shortfall") == 0);
  secs = cJSON_GetObjectItemCaseSensitive(pts, "sections");
  assert_int_equal(cJSON_GetArraySize(secs), 10);
  for (i = 0; i < 10; i++) {
    const cJSON *s = cJSON_GetArrayItem(secs, i);
    assert_string_equal(str_at(s, "section"), names[i]);
    if (i == 0)
      assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(s, "cap")));
    else
      assert_true(num_at(s, "cap") == 5);
  }
  assert_true(num_at(cJSON_GetArrayItem(secs, 0), "claimed") == 31.5);
  assert_true(num_at(cJSON_GetArrayItem(secs, 0), "counted") == 31.5);
  assert_true(num_at(cJSON_GetArrayItem(secs, 0), "entries") == 1);
  assert_true(num_at(cJSON_GetArrayItem(secs, 8), "counted") == 0.29);

  a = activity(root, 0);
  assert_true(num_at(a, "index") == 0);
  assert_string_equal(str_at(a, "id"), "a1");
  assert_string_equal(str_at(a, "section"), "A");
  assert_true(num_at(a, "year") == 1);
  assert_true(num_at(a, "claimed") == 31.5);
  assert_true(num_at(a, "counted") == 31.5);
  assert_string_equal(str_at(a, "status"), "counted");
  a = activity(root, 1);
  assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(a, "id")));
  assert_string_equal(str_at(a, "section"), "D-2");
  assert_true(num_at(a, "claimed") == 0.29);

  assert_true(
      cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "diagnostics")));
  ren = cJSON_GetObjectItemCaseSensitive(root, "renewal");
  assert_string_equal(str_at(ren, "starts_on"), "2027-04-01");
  assert_string_equal(str_at(ren, "expires_on"), "2030-03-31");
  assert_string_equal(str_at(root, "email_subject"),
                      "【更新申請】プロフェッショナル更新申請書添付_270210");
  cJSON_Delete(root);
  free(doc);
}

static void test_result_numbers_are_exact_text(void **state) {
  char *doc = make_doc("", "",
                       ACT_A ",{\"category\":\"D\",\"title\":\"t1\","
                             "\"completed_on\":\"2025-06-01\",\"hours\":0.1},"
                             "{\"category\":\"D\",\"title\":\"t2\","
                             "\"completed_on\":\"2025-06-02\",\"hours\":0.2},"
                             "{\"category\":\"D\",\"title\":\"t3\","
                             "\"completed_on\":\"2026-06-02\",\"hours\":0.29}");
  char *out = NULL;
  cpd_error err;
  (void)state;
  assert_int_equal(cpd_check_json(&out, NULL, doc, strlen(doc), NULL, &err),
                   CPD_OK);
  assert_non_null(strstr(out, "\"counted\":31.5,"));
  assert_non_null(strstr(out, "\"section\":\"D-2\",\"claimed\":0.3,"
                              "\"counted\":0.3,"));
  assert_non_null(strstr(out, "\"claimed\":0.29,\"counted\":0.29"));
  assert_non_null(strstr(out, "\"required\":30,\"counted\":32.09,"
                              "\"shortfall\":0"));
  cpd_string_free(out);
  free(doc);
}

/* Characters a terminal or a bidirectional display acts on (DEL, C1 such
 * as CSI U+009B, the bidi marks, embeddings and isolates, the line and
 * paragraph separators) are written as \u escapes: the same JSON value,
 * never the raw bytes. */
static void test_result_escapes_terminal_and_bidi_controls(void **state) {
  static const struct {
    const char *raw, *escaped;
  } cases[] = {
      {"\x7f", "\\u007f"},         {"\xc2\x80", "\\u0080"},
      {"\xc2\x9b", "\\u009b"},     {"\xc2\x9f", "\\u009f"},
      {"\xd8\x9c", "\\u061c"},     {"\xe2\x80\x8e", "\\u200e"},
      {"\xe2\x80\x8f", "\\u200f"}, {"\xe2\x80\xa8", "\\u2028"},
      {"\xe2\x80\xae", "\\u202e"}, {"\xe2\x81\xa6", "\\u2066"},
      {"\xe2\x81\xa9", "\\u2069"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char act[300], key[40], *doc, *out = NULL, want[80];
    cpd_error err;
    snprintf(act, sizeof act,
             "{\"id\":\"a%sb\",\"category\":\"A\",\"title\":\"t\","
             "\"completed_on\":\"2024-06-15\",\"hours\":31.5,"
             "\"evidence\":[\"e\"]}",
             cases[i].raw);
    snprintf(key, sizeof key, ",\"m%s\":1", cases[i].raw);
    doc = make_doc(key, "", act);
    assert_int_equal(cpd_check_json(&out, NULL, doc, strlen(doc), NULL, &err),
                     CPD_OK);
    assert_null(strstr(out, cases[i].raw));
    /* (an id is normalised first: U+2028 is a space there) */
    snprintf(want, sizeof want, "\"id\":\"a%sb\"",
             strcmp(cases[i].escaped, "\\u2028") ? cases[i].escaped : " ");
    assert_non_null(strstr(out, want));
    snprintf(want, sizeof want, "\"path\":\"/m%s\"", cases[i].escaped);
    assert_non_null(strstr(out, want));
    cpd_string_free(out);
    free(doc);
  }
  { /* the neighbours of those ranges stay raw */
    char *doc = make_doc("", "",
                         "{\"id\":\"\xc2\xa0\xe2\x80\xa6\xe2\x81\xa0\xe3\x81"
                         "\x82\",\"category\":\"A\",\"title\":\"t\","
                         "\"completed_on\":\"2024-06-15\",\"hours\":31.5,"
                         "\"evidence\":[\"e\"]}");
    char *out = NULL;
    cpd_error err;
    assert_int_equal(cpd_check_json(&out, NULL, doc, strlen(doc), NULL, &err),
                     CPD_OK);
    /* NBSP and the ellipsis are folded by NFKC; U+2060 and kana stay */
    assert_non_null(strstr(out, "\xe2\x81\xa0\xe3\x81\x82\""));
    assert_null(strstr(out, "\\u2060"));
    cpd_string_free(out);
    free(doc);
  }
}

static void test_result_echoes_id_with_special_characters(void **state) {
  char *doc = make_doc("", "",
                       "{\"id\":\"q\\\"b\\\\c/\u0434\",\"category\":\"A\","
                       "\"title\":\"t\",\"completed_on\":\"2024-06-15\","
                       "\"hours\":31.5,\"evidence\":[\"e\"]},"
                       "{\"id\":7,\"category\":\"D\",\"title\":\"t\","
                       "\"completed_on\":\"2025-06-01\",\"hours\":1}");
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_string_equal(str_at(activity(root, 0), "id"), "q\"b\\c/\xd0\xb4");
  assert_string_equal(str_at(activity(root, 1), "id"), "7");
  cJSON_Delete(root);
  free(doc);
}

static void test_result_has_no_renewal_unless_eligible(void **state) {
  char *doc = make_doc("", "",
                       "{\"category\":\"A\",\"title\":\"t\",\"completed_on\":"
                       "\"2024-06-15\",\"hours\":29.99,\"evidence\":[\"e\"]}");
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_decision(root, "ineligible");
  assert_true(num_at(cJSON_GetObjectItemCaseSensitive(root, "points"),
                     "shortfall") == 0.01);
  assert_null(cJSON_GetObjectItemCaseSensitive(root, "renewal"));
  cJSON_Delete(root);
  free(doc);
}

static void test_result_diagnostics_have_all_keys(void **state) {
  char *doc = make_doc("", "", ACT_A ",{\"category\":\"E\"}");
  cJSON *root;
  const cJSON *d;
  int n = 0;
  (void)state;
  root = check_ok(doc);
  cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(root, "diagnostics")) {
    const char *sev = str_at(d, "severity");
    assert_non_null(str_at(d, "code"));
    assert_non_null(sev);
    assert_true(strcmp(sev, "fatal") == 0 || strcmp(sev, "error") == 0 ||
                strcmp(sev, "warning") == 0 || strcmp(sev, "info") == 0);
    assert_non_null(str_at(d, "path"));
    assert_true(str_at(d, "message")[0] != '\0');
    assert_true(str_at(d, "message_ja")[0] != '\0');
    n++;
  }
  assert_true(n >= 3);
  cJSON_Delete(root);
  free(doc);
}

static void test_evaluate_json_gives_the_typed_result(void **state) {
  char *doc = make_doc("", "", ACT_A);
  cpd_result *r = NULL;
  cpd_error err;
  const cpd_summary *sm;
  char *out = NULL;
  cJSON *root;
  (void)state;
  assert_int_equal(cpd_evaluate_json(&r, NULL, doc, strlen(doc), NULL, &err),
                   CPD_OK);
  sm = cpd_result_summary(r);
  assert_int_equal(sm->decision, CPD_ELIGIBLE);
  assert_int_equal(sm->counted, 3150);
  assert_int_equal(cpd_result_activity_count(r), 1);
  assert_string_equal(cpd_result_activity(r, 0)->id, "a1");
  assert_int_equal(cpd_result_to_json(&out, r), CPD_OK);
  root = cJSON_Parse(out);
  assert_non_null(root);
  assert_decision(root, "eligible");
  cJSON_Delete(root);
  cpd_string_free(out);
  cpd_result_free(r);
  free(doc);
}

static void test_bad_arguments_are_refused(void **state) {
  char *out = NULL;
  cpd_result *r = NULL;
  (void)state;
  assert_int_equal(cpd_check_json(NULL, NULL, "{}", 2, NULL, NULL), CPD_EINVAL);
  assert_int_equal(cpd_check_json(&out, NULL, NULL, 5, NULL, NULL), CPD_EINVAL);
  assert_null(out);
  assert_int_equal(cpd_evaluate_json(&r, NULL, NULL, 5, NULL, NULL),
                   CPD_EINVAL);
  assert_null(r);
  assert_int_equal(cpd_error_to_json(&out, NULL), CPD_EINVAL);
  cpd_string_free(NULL);
}

/* --------------------------------------------------------- error document */

static cJSON *error_doc(const cpd_error *err) {
  char *out = NULL;
  cJSON *root;
  assert_int_equal(cpd_error_to_json(&out, err), CPD_OK);
  assert_non_null(out);
  root = cJSON_Parse(out);
  if (!root)
    print_error("error document is not JSON: %s\n", out);
  cpd_string_free(out);
  assert_non_null(root);
  return root;
}

static void test_error_document_has_all_keys(void **state) {
  static const char doc[] = "{\"a\":\"x\ny\"}";
  cpd_error err;
  cJSON *root;
  const cJSON *e;
  (void)state;
  check_error_len(doc, strlen(doc), NULL, &err);
  root = error_doc(&err);
  e = cJSON_GetObjectItemCaseSensitive(root, "error");
  assert_true(cJSON_IsObject(e));
  assert_string_equal(str_at(e, "code"), "input.syntax");
  assert_string_equal(str_at(e, "path"), "/a");
  assert_true(num_at(e, "offset") == 7);
  assert_string_equal(str_at(e, "message"), err.message);
  assert_string_equal(str_at(e, "message_ja"), err.message_ja);
  assert_true(str_at(e, "message")[0] != '\0');
  assert_true(str_at(e, "message_ja")[0] != '\0');
  cJSON_Delete(root);
}

static void test_error_document_without_offset(void **state) {
  cpd_error err;
  cJSON *root;
  const cJSON *e, *off;
  (void)state;
  check_error_len("{}", 2, NULL, &err);
  root = error_doc(&err);
  e = cJSON_GetObjectItemCaseSensitive(root, "error");
  assert_string_equal(str_at(e, "code"), "input.missing_field");
  off = cJSON_GetObjectItemCaseSensitive(e, "offset");
  assert_non_null(off);
  if (err.offset >= 0)
    assert_true(cJSON_IsNumber(off) && off->valuedouble == (double)err.offset);
  else
    assert_true(cJSON_IsNull(off));
  cJSON_Delete(root);
}

static void test_error_document_escapes_the_path(void **state) {
  static const char doc[] = "{\"a\\\"b\":1,\"a\\\"b\":2}";
  cpd_error err;
  cJSON *root;
  (void)state;
  check_error_len(doc, strlen(doc), NULL, &err);
  assert_string_equal(err.code, "input.duplicate_key");
  assert_string_equal(err.path, "/a\"b");
  root = error_doc(&err);
  assert_string_equal(
      str_at(cJSON_GetObjectItemCaseSensitive(root, "error"), "path"), "/a\"b");
  cJSON_Delete(root);
}

/* ------------------------------------------------------- policy documents */

static void expect_policy_invalid_(const char *json, const char *path,
                                   const char *file, int line) {
  cpd_policy *p = (cpd_policy *)&p;
  cpd_error err;
  cpd_status st;
  memset(&err, 0, sizeof err);
  st = cpd_policy_load_json(&p, json, strlen(json), NULL, &err);
  if (st != CPD_EPOLICY || p != NULL || strcmp(err.code, "policy.invalid") ||
      strcmp(err.path, path)) {
    print_error("policy %s: status %s, %s at \"%s\"; expected policy.invalid "
                "at \"%s\"\n",
                json, cpd_status_str(st), err.code, err.path, path);
    if (st == CPD_OK && p)
      cpd_policy_free(p);
    _fail(file, line);
  }
  assert_true(err.message[0] != '\0');
  assert_true(err.message_ja[0] != '\0');
}
#define expect_policy_invalid(json, path)                                      \
  expect_policy_invalid_((json), (path), __FILE__, __LINE__)

static void test_policy_required_points_override(void **state) {
  char *doc = make_doc("", "",
                       "{\"category\":\"A\",\"title\":\"t\",\"completed_on\":"
                       "\"2024-06-15\",\"hours\":22,\"evidence\":[\"e\"]}");
  cpd_policy *p = cpdt_policy("{\"required_points\":20}");
  cJSON *root;
  (void)state;
  root = check_ok(doc);
  assert_decision(root, "ineligible");
  cJSON_Delete(root);
  root = cpdt_check_doc(doc, strlen(doc), p, NULL);
  assert_decision(root, "eligible");
  assert_true(num_at(cJSON_GetObjectItemCaseSensitive(root, "points"),
                     "required") == 20);
  assert_true(num_at(cJSON_GetObjectItemCaseSensitive(root, "points"),
                     "shortfall") == 0);
  cJSON_Delete(root);
  cpd_policy_free(p);
  free(doc);
}

static void test_policy_period_years_zero_is_invalid(void **state) {
  (void)state;
  expect_policy_invalid("{\"period_years\":0}", "/period_years");
}

static void test_policy_negative_cap_is_invalid(void **state) {
  (void)state;
  expect_policy_invalid("{\"sections\":[{\"category\":\"B\",\"cap\":-1}]}",
                        "/sections/0/cap");
}

static void test_policy_unknown_category_is_invalid(void **state) {
  (void)state;
  expect_policy_invalid("{\"sections\":[{\"category\":\"E\",\"cap\":5}]}",
                        "/sections/0/category");
}

static void test_policy_unknown_key_is_invalid(void **state) {
  (void)state;
  expect_policy_invalid("{\"required_points\":30,\"foo\":1}", "/foo");
  expect_policy_invalid("{\"Period_years\":3}", "/Period_years");
  expect_policy_invalid("{\"window\":{\"bar\":1}}", "/window/bar");
  expect_policy_invalid("{\"sections\":[{\"category\":\"B\",\"baz\":1}]}",
                        "/sections/0/baz");
}

static void
test_policy_window_closing_not_after_opening_is_invalid(void **state) {
  (void)state;
  expect_policy_invalid("{\"window\":{\"opens_months_before_renewal\":1,"
                        "\"closes_months_before_renewal\":1}}",
                        "/window");
  expect_policy_invalid("{\"window\":{\"opens_months_before_renewal\":1,"
                        "\"closes_months_before_renewal\":2}}",
                        "/window");
}

static void test_policy_impossible_fiscal_year_start_is_invalid(void **state) {
  (void)state;
  expect_policy_invalid("{\"fiscal_year_starts\":\"02-30\"}",
                        "/fiscal_year_starts");
  expect_policy_invalid("{\"fiscal_year_starts\":\"13-01\"}",
                        "/fiscal_year_starts");
}

static void test_policy_negative_required_points_is_invalid(void **state) {
  (void)state;
  expect_policy_invalid("{\"required_points\":-1}", "/required_points");
}

static void test_policy_syntax_error_is_an_input_error(void **state) {
  static const char dup[] = "{\"period_years\":3,\"period_years\":3}";
  cpd_policy *p = NULL;
  cpd_error err;
  (void)state;
  memset(&err, 0, sizeof err);
  assert_int_equal(
      cpd_policy_load_json(&p, "{\"period_years\":", 16, NULL, &err),
      CPD_EINPUT);
  assert_null(p);
  assert_string_equal(err.code, "input.syntax");
  assert_int_equal(err.offset, 16);
  memset(&err, 0, sizeof err);
  assert_int_equal(cpd_policy_load_json(&p, dup, strlen(dup), NULL, &err),
                   CPD_EINPUT);
  assert_string_equal(err.code, "input.duplicate_key");
  assert_null(p);
}

static void assert_policy_round_trip(const cpd_policy *p) {
  char *a = NULL, *b = NULL;
  cpd_policy *q;
  cJSON *ja, *jb;
  assert_int_equal(cpd_policy_to_json(&a, p), CPD_OK);
  q = cpdt_policy(a);
  assert_int_equal(cpd_policy_to_json(&b, q), CPD_OK);
  assert_string_equal(a, b);
  ja = cJSON_Parse(a);
  jb = cJSON_Parse(b);
  assert_non_null(ja);
  assert_true(cJSON_Compare(ja, jb, 1));
  cJSON_Delete(ja);
  cJSON_Delete(jb);
  cpd_string_free(a);
  cpd_string_free(b);
  cpd_policy_free(q);
}

static void test_policy_default_round_trips(void **state) {
  cpd_policy *p = NULL;
  char *s = NULL;
  cJSON *root;
  (void)state;
  assert_int_equal(cpd_policy_default(&p), CPD_OK);
  assert_policy_round_trip(p);
  assert_policy_round_trip(NULL);
  assert_int_equal(cpd_policy_to_json(&s, p), CPD_OK);
  root = cJSON_Parse(s);
  assert_non_null(root);
  assert_true(num_at(root, "required_points") == 30);
  assert_true(num_at(root, "period_years") == 3);
  assert_string_equal(str_at(root, "fiscal_year_starts"), "04-01");
  assert_int_equal(
      cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "sections")),
      4);
  cJSON_Delete(root);
  cpd_string_free(s);
  cpd_policy_free(p);
  cpd_policy_free(NULL);
}

static void test_policy_custom_round_trips(void **state) {
  cpd_policy *p = cpdt_policy(
      "{\"name\":\"strict\",\"required_points\":20.5,\"points_per_hour\":0.5,"
      "\"window\":{\"opens_months_before_renewal\":3,"
      "\"closes_months_before_renewal\":1},"
      "\"sections\":[{\"category\":\"B\",\"cap\":4.25,\"form_rows\":5}],"
      "\"qualifications\":[\"OMP\"],\"competencies\":[\"ZZ-2\",\"AA-1\"]}");
  char *s = NULL;
  cJSON *root;
  (void)state;
  assert_policy_round_trip(p);
  assert_int_equal(cpd_policy_to_json(&s, p), CPD_OK);
  root = cJSON_Parse(s);
  assert_non_null(root);
  assert_true(num_at(root, "required_points") == 20.5);
  assert_true(num_at(root, "points_per_hour") == 0.5);
  assert_true(num_at(cJSON_GetArrayItem(
                         cJSON_GetObjectItemCaseSensitive(root, "sections"), 1),
                     "cap") == 4.25);
  cJSON_Delete(root);
  cpd_string_free(s);
  cpd_policy_free(p);
}

/* ------------------------------------------ applications written as JSON */

/* A document read into a cpd_application and written back checks the
 * same, and reads back as the same application. */
static void test_application_to_json_round_trips(void **state) {
  char *doc = make_doc(",\"zzz\":1", "",
                       ACT_A ",{\"category\":\"Ｂ\",\"title\":\"t\\u202e\","
                             "\"completed_on\":\"令和6年4月1日\","
                             "\"hours\":\"1時間30分\",\"points\":0.25,"
                             "\"year\":2,\"evidence\":[\"x.pdf\",\"y\"],"
                             "\"competencies\":[\"OP-1\"]}");
  cpd_document *d = NULL;
  char *out = NULL, *r1 = NULL, *r2 = NULL;
  (void)state;
  assert_int_equal(cpd_document_load_json(&d, doc, strlen(doc), NULL, NULL),
                   CPD_OK);
  assert_int_equal(
      cpd_application_to_json(&out, cpd_document_application(d), NULL), CPD_OK);
  assert_null(strstr(out, "zzz")); /* only the application's fields */
  assert_non_null(strstr(out, "\"title\": \"t\\u202e\""));
  assert_non_null(strstr(out, "\"hours\": \"1時間30分\""));
  assert_non_null(strstr(out, "\"points\": 0.25"));
  assert_non_null(strstr(out, "\"evidence\": [\n        \"x.pdf\",\n"));
  assert_int_equal(cpd_check_json(&r1, NULL, doc, strlen(doc), NULL, NULL),
                   CPD_OK);
  assert_int_equal(cpd_check_json(&r2, NULL, out, strlen(out), NULL, NULL),
                   CPD_OK);
  /* the same result but for the unknown field's warning */
  assert_non_null(strstr(r1, "application.unknown_field"));
  assert_null(strstr(r2, "application.unknown_field"));
  assert_non_null(strstr(r2, "\"decision\":\"eligible\""));
  assert_non_null(strstr(r1, "\"decision\":\"eligible\""));
  cpd_string_free(r1);
  cpd_string_free(r2);
  cpd_string_free(out);
  cpd_document_free(d);
  free(doc);
}

static void test_application_to_json_writes_only_what_is_given(void **state) {
  static const cpd_value ev[] = {CPD_TEXT("a.pdf")};
  cpd_activity act = {CPD_ABSENT,
                      CPD_TEXT("A"),
                      CPD_TEXT("q\"\\"),
                      CPD_TEXT("2024-06-15"),
                      CPD_NUMBER(1.5),
                      CPD_ABSENT,
                      {CPD_VALUE_NULL, NULL, 0.0, 0},
                      ev,
                      1,
                      NULL,
                      0};
  cpd_application app;
  char *out = NULL;
  static const char want[] = "{\n"
                             "  \"applied_on\": \"2027-02-10\",\n"
                             "  \"applicant\": {\n"
                             "    \"phone\": \"03\"\n"
                             "  },\n"
                             "  \"oath_agreed\": true,\n"
                             "  \"activities\": [\n"
                             "    {\n"
                             "      \"category\": \"A\",\n"
                             "      \"title\": \"q\\\"\\\\\",\n"
                             "      \"completed_on\": \"2024-06-15\",\n"
                             "      \"hours\": 1.5,\n"
                             "      \"year\": null,\n"
                             "      \"evidence\": [\n"
                             "        \"a.pdf\"\n"
                             "      ]\n"
                             "    }\n"
                             "  ]\n"
                             "}\n";
  (void)state;
  memset(&app, 0, sizeof app);
  app.version = CPD_APPLICATION_VERSION;
  assert_int_equal(cpd_application_to_json(&out, &app, NULL), CPD_OK);
  assert_string_equal(out, "{\n  \"activities\": []\n}\n");
  cpd_string_free(out);
  app.applied_on = (cpd_value)CPD_TEXT("2027-02-10");
  app.applicant.phone = (cpd_value)CPD_TEXT("03");
  app.oath_agreed = (cpd_value)CPD_BOOL(1);
  app.activities = &act;
  app.activity_count = 1;
  assert_int_equal(cpd_application_to_json(&out, &app, NULL), CPD_OK);
  assert_string_equal(out, want);
  cpd_string_free(out);
}

static void expect_app_error(const cpd_application *app, cpd_status st,
                             const char *code, const char *path) {
  char *out = (char *)1;
  cpd_error err;
  memset(&err, 0, sizeof err);
  assert_int_equal(cpd_application_to_json(&out, app, &err), st);
  assert_null(out);
  assert_string_equal(err.code, code);
  assert_string_equal(err.path, path);
  assert_true(err.message[0] && err.message_ja[0]);
}

static void
test_application_to_json_refuses_what_json_cannot_hold(void **state) {
  cpd_value comps[] = {CPD_TEXT("OP-1"), CPD_TEXT("\xc3")};
  cpd_activity acts[2];
  cpd_application app;
  (void)state;
  memset(&app, 0, sizeof app);
  memset(acts, 0, sizeof acts);
  app.version = CPD_APPLICATION_VERSION;
  app.activities = acts;
  app.activity_count = 2;
  acts[1].competencies = comps;
  acts[1].competency_count = 2;
  expect_app_error(&app, CPD_EINPUT, "input.invalid_utf8",
                   "/activities/1/competencies/1");
  acts[0].hours = (cpd_value)CPD_NUMBER(1.0 / 0.0);
  expect_app_error(&app, CPD_EINPUT, "input.non_finite_number",
                   "/activities/0/hours");
  app.applicant.company.kind = CPD_VALUE_OTHER;
  expect_app_error(&app, CPD_EINVAL, "invalid_argument", "/applicant/company");
  app.applicant.company.kind = CPD_VALUE_TEXT; /* text NULL */
  expect_app_error(&app, CPD_EINVAL, "invalid_argument", "/applicant/company");
  app.version = CPD_APPLICATION_VERSION + 1;
  expect_app_error(&app, CPD_EINVAL, "invalid_argument", "");
  assert_int_equal(cpd_application_to_json(NULL, &app, NULL), CPD_EINVAL);
}

/* Each activity's row on the form: its place in its section, input order. */
static void test_activity_rows_count_within_each_section(void **state) {
  char *doc =
      make_doc("", "",
               ACT_A ",{\"category\":\"B\",\"title\":\"b1\",\"completed_on\":"
                     "\"2024-06-01\",\"hours\":1,\"evidence\":[\"e\"]}," ACT_A
                     ",{\"category\":\"Z\",\"title\":\"z\",\"completed_on\":"
                     "\"2024-06-01\",\"hours\":1},"
                     "{\"category\":\"B\",\"title\":\"b2\",\"completed_on\":"
                     "\"2024-05-01\",\"hours\":1,\"evidence\":[\"e\"]},"
                     "{\"category\":\"B\",\"title\":\"b3\",\"completed_on\":"
                     "\"2025-06-01\",\"hours\":1,\"evidence\":[\"e\"]}");
  static const size_t want[] = {1, 1, 2, 0, 2, 1};
  cpd_result *r = NULL;
  size_t i;
  (void)state;
  assert_int_equal(cpd_evaluate_json(&r, NULL, doc, strlen(doc), NULL, NULL),
                   CPD_OK);
  assert_int_equal(cpd_result_activity_count(r), 6);
  for (i = 0; i < 6; i++)
    assert_int_equal(cpd_result_activity_row(r, i), want[i]);
  assert_int_equal(cpd_result_activity_row(r, 6), 0);
  assert_int_equal(cpd_result_activity_row(NULL, 0), 0);
  cpd_result_free(r);
  free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_baseline_document_is_eligible),
      cmocka_unit_test(test_syntax_truncated_document_points_at_its_end),
      cmocka_unit_test(test_syntax_truncated_literal),
      cmocka_unit_test(test_syntax_leading_zero),
      cmocka_unit_test(test_syntax_decimal_point_without_digits),
      cmocka_unit_test(test_syntax_two_documents),
      cmocka_unit_test(test_syntax_empty_document),
      cmocka_unit_test(test_syntax_whitespace_only),
      cmocka_unit_test(test_syntax_raw_control_character_in_string),
      cmocka_unit_test(test_syntax_trailing_comma),
      cmocka_unit_test(test_syntax_single_quotes),
      cmocka_unit_test(test_result_escapes_terminal_and_bidi_controls),
      cmocka_unit_test(test_single_competency_path_points_at_the_value),
      cmocka_unit_test(test_syntax_unknown_escape),
      cmocka_unit_test(test_syntax_offset_counts_the_bom),
      cmocka_unit_test(test_not_object),
      cmocka_unit_test(test_too_deep_64_levels_is_fine),
      cmocka_unit_test(test_too_deep_65_levels_is_refused),
      cmocka_unit_test(test_too_deep_top_level_arrays),
      cmocka_unit_test(test_too_deep_100000_brackets_fails_fast),
      cmocka_unit_test(test_too_large_document_over_limit),
      cmocka_unit_test(test_too_large_default_document_limit_is_4_mib),
      cmocka_unit_test(test_too_large_string_over_limit_counts_bytes),
      cmocka_unit_test(test_too_large_string_over_default_limit),
      cmocka_unit_test(test_too_large_activities_over_limit),
      cmocka_unit_test(test_too_large_activities_over_default_limit),
      cmocka_unit_test(test_too_large_number_with_70_digits),
      cmocka_unit_test(test_number_with_63_characters_is_read),
      cmocka_unit_test(test_invalid_utf8_raw_ff),
      cmocka_unit_test(test_invalid_utf8_overlong_c0_af),
      cmocka_unit_test(test_invalid_utf8_surrogate_ed_a0_80),
      cmocka_unit_test(test_invalid_utf8_above_10ffff),
      cmocka_unit_test(test_invalid_utf8_truncated_sequence_before_quote),
      cmocka_unit_test(test_invalid_utf8_outside_a_string),
      cmocka_unit_test(test_invalid_utf8_escaped_nul),
      cmocka_unit_test(test_invalid_utf8_lone_high_surrogate_escape),
      cmocka_unit_test(test_invalid_utf8_lone_low_surrogate_escape),
      cmocka_unit_test(test_valid_surrogate_pair_and_raw_emoji_are_accepted),
      cmocka_unit_test(test_duplicate_key_at_top),
      cmocka_unit_test(test_duplicate_key_nested),
      cmocka_unit_test(test_duplicate_key_written_with_an_escape),
      cmocka_unit_test(test_duplicate_key_in_a_large_object),
      cmocka_unit_test(test_keys_are_case_sensitive),
      cmocka_unit_test(test_non_finite_number_1e999),
      cmocka_unit_test(test_non_finite_number_minus_1e999),
      cmocka_unit_test(test_non_finite_number_in_unknown_field),
      cmocka_unit_test(test_missing_applied_on),
      cmocka_unit_test(test_missing_expires_on),
      cmocka_unit_test(test_invalid_applied_on),
      cmocka_unit_test(test_invalid_expires_on),
      cmocka_unit_test(test_input_error_message_does_not_echo_value),
      cmocka_unit_test(test_bom_is_accepted),
      cmocka_unit_test(test_unknown_fields_are_warnings_with_their_paths),
      cmocka_unit_test(test_unknown_fields_in_certification_and_fee),
      cmocka_unit_test(test_unknown_field_path_escapes_slash_and_tilde),
      cmocka_unit_test(test_error_path_escapes_slash_and_tilde),
      cmocka_unit_test(test_hours_true_is_invalid_number),
      cmocka_unit_test(test_category_number_is_invalid_category),
      cmocka_unit_test(test_applicant_not_an_object_gives_missing_fields),
      cmocka_unit_test(test_activities_not_an_array_gives_no_activities),
      cmocka_unit_test(test_activity_not_an_object_is_rejected),
      cmocka_unit_test(test_oath_text_true_is_not_agreed),
      cmocka_unit_test(test_certification_number_as_number_is_missing_text),
      cmocka_unit_test(test_result_document_shape),
      cmocka_unit_test(test_result_numbers_are_exact_text),
      cmocka_unit_test(test_result_echoes_id_with_special_characters),
      cmocka_unit_test(test_result_has_no_renewal_unless_eligible),
      cmocka_unit_test(test_result_diagnostics_have_all_keys),
      cmocka_unit_test(test_evaluate_json_gives_the_typed_result),
      cmocka_unit_test(test_bad_arguments_are_refused),
      cmocka_unit_test(test_error_document_has_all_keys),
      cmocka_unit_test(test_error_document_without_offset),
      cmocka_unit_test(test_error_document_escapes_the_path),
      cmocka_unit_test(test_policy_required_points_override),
      cmocka_unit_test(test_policy_period_years_zero_is_invalid),
      cmocka_unit_test(test_policy_negative_cap_is_invalid),
      cmocka_unit_test(test_policy_unknown_category_is_invalid),
      cmocka_unit_test(test_policy_unknown_key_is_invalid),
      cmocka_unit_test(test_policy_window_closing_not_after_opening_is_invalid),
      cmocka_unit_test(test_policy_impossible_fiscal_year_start_is_invalid),
      cmocka_unit_test(test_policy_negative_required_points_is_invalid),
      cmocka_unit_test(test_policy_syntax_error_is_an_input_error),
      cmocka_unit_test(test_policy_default_round_trips),
      cmocka_unit_test(test_policy_custom_round_trips),
      cmocka_unit_test(test_application_to_json_round_trips),
      cmocka_unit_test(test_application_to_json_writes_only_what_is_given),
      cmocka_unit_test(test_application_to_json_refuses_what_json_cannot_hold),
      cmocka_unit_test(test_activity_rows_count_within_each_section),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
