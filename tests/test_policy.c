/* test_policy.c - policy documents: the default, merging, dated versions
 * (the version in force on applied_on, named in the result), round trips. */
#include "cpd_test.h"

static const char app_json[] =
    "{\"applied_on\":\"%s\",\"qualification\":\"OMP\","
    "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":\"%s\"},"
    "\"activities\":[{\"category\":\"B\",\"completed_on\":\"2024-06-01\","
    "\"hours\":8,\"evidence\":[\"e.pdf\"]}]}";

static const char versions_json[] =
    "{\"versions\":["
    "{\"name\":\"v2019\",\"effective_from\":\"2019-01-01\"},"
    "{\"name\":\"v2027\",\"effective_from\":\"2027-02-01\","
    "\"sections\":[{\"category\":\"B\",\"cap\":6}]}]}";

static cpd_result *eval(const cpd_policy *pol, const char *applied,
                        const char *expires) {
  char doc[600];
  cpd_result *r = NULL;
  cpd_error err;
  snprintf(doc, sizeof doc, app_json, applied, expires);
  assert_int_equal(cpd_evaluate_json(&r, pol, doc, strlen(doc), NULL, &err),
                   CPD_OK);
  return r;
}

static void expect_invalid(const char *json, const char *path) {
  cpd_policy *p = NULL;
  cpd_error err;
  assert_int_equal(cpd_policy_load_json(&p, json, strlen(json), NULL, &err),
                   CPD_EPOLICY);
  assert_null(p);
  assert_string_equal(err.code, "policy.invalid");
  assert_string_equal(err.path, path);
}

static void test_version_before_the_change_applies_the_old_cap(void **state) {
  cpd_policy *pol = cpdt_policy(versions_json);
  cpd_result *r = eval(pol, "2027-01-31", "2027-03-31");
  (void)state;
  assert_int_equal(cpd_result_section(r, 1)->cap, 500);
  assert_int_equal(cpd_result_section(r, 1)->counted, 500);
  assert_string_equal(cpd_result_summary(r)->policy_name, "v2019");
  cpd_result_free(r);
  cpd_policy_free(pol);
}

static void
test_version_from_its_effective_day_applies_the_new_cap(void **state) {
  cpd_policy *pol = cpdt_policy(versions_json);
  cpd_result *r = eval(pol, "2027-02-01", "2027-03-31");
  char *json = NULL;
  (void)state;
  assert_int_equal(cpd_result_section(r, 1)->cap, 600);
  assert_int_equal(cpd_result_section(r, 1)->counted, 600);
  assert_string_equal(cpd_result_summary(r)->policy_name, "v2027");
  assert_int_equal(cpd_result_to_json(&json, r), CPD_OK);
  assert_non_null(strstr(json, "\"policy\":{\"name\":\"v2027\","
                               "\"effective_from\":\"2027-02-01\"}"));
  cpd_string_free(json);
  cpd_result_free(r);
  cpd_policy_free(pol);
}

static void test_version_before_all_uses_the_oldest(void **state) {
  cpd_policy *pol = cpdt_policy(versions_json);
  cpd_result *r = eval(pol, "2018-02-01", "2018-03-31");
  (void)state;
  assert_string_equal(cpd_result_summary(r)->policy_name, "v2019");
  cpd_result_free(r);
  cpd_policy_free(pol);
}

static void test_versions_are_listed_oldest_first(void **state) {
  cpd_policy *pol = cpdt_policy(versions_json),
             *plain = cpdt_policy("{\"name\":\"p\"}");
  const char *name = NULL;
  cpd_day from = 0, d2019, d2027;
  (void)state;
  assert_int_equal(cpd_day_from_ymd(&d2019, 2019, 1, 1), CPD_OK);
  assert_int_equal(cpd_day_from_ymd(&d2027, 2027, 2, 1), CPD_OK);
  assert_int_equal(cpd_policy_version_count(pol), 2);
  assert_int_equal(cpd_policy_version_at(pol, 0, &name, &from), CPD_OK);
  assert_string_equal(name, "v2019");
  assert_int_equal(from, d2019);
  assert_int_equal(cpd_policy_version_at(pol, 1, &name, NULL), CPD_OK);
  assert_string_equal(name, "v2027");
  assert_int_equal(cpd_policy_version_at(pol, 1, NULL, &from), CPD_OK);
  assert_int_equal(from, d2027);
  assert_int_equal(cpd_policy_version_at(pol, 2, &name, &from), CPD_EINVAL);
  assert_int_equal(cpd_policy_version_at(pol, 0, NULL, NULL), CPD_EINVAL);
  /* an unversioned policy, and the default, are one version: themselves */
  assert_int_equal(cpd_policy_version_count(plain), 1);
  assert_int_equal(cpd_policy_version_at(plain, 0, &name, NULL), CPD_OK);
  assert_string_equal(name, "p");
  assert_int_equal(cpd_policy_version_count(NULL), 1);
  assert_int_equal(cpd_policy_version_at(NULL, 0, &name, &from), CPD_OK);
  assert_non_null(name);
  assert_int_equal(cpd_policy_version_at(NULL, 1, &name, &from), CPD_EINVAL);
  cpd_policy_free(pol);
  cpd_policy_free(plain);
}

static void test_default_limits_are_what_zero_means(void **state) {
  cpd_limits lim = CPD_LIMITS_INIT;
  cpd_result *r = NULL;
  cpd_error err;
  char *big;
  (void)state;
  /* one byte over the default document limit is refused as too large */
  big = malloc(CPD_DEFAULT_MAX_DOCUMENT_BYTES + 2);
  assert_non_null(big);
  memset(big, ' ', CPD_DEFAULT_MAX_DOCUMENT_BYTES + 1);
  big[0] = '{';
  big[CPD_DEFAULT_MAX_DOCUMENT_BYTES] = '}';
  assert_int_equal(cpd_evaluate_json(&r, NULL, big,
                                     CPD_DEFAULT_MAX_DOCUMENT_BYTES + 1, &lim,
                                     &err),
                   CPD_EINPUT);
  assert_string_equal(err.code, "input.too_large");
  free(big);
  assert_int_equal(CPD_POLICY_MAX_LIST, 5000);
  assert_int_equal(CPD_POLICY_MAX_VERSIONS, 64);
  assert_int_equal(CPD_POLICY_MAX_BYTES, 1 << 20);
}

/* pol printed, read back and printed again: the same text, returned (the
 * caller frees it with cpd_string_free). */
static char *round_trip(const cpd_policy *pol) {
  cpd_policy *again;
  char *a = NULL, *b = NULL;
  assert_int_equal(cpd_policy_to_json(&a, pol), CPD_OK);
  again = cpdt_policy(a);
  assert_int_equal(cpd_policy_to_json(&b, again), CPD_OK);
  assert_string_equal(a, b);
  cpd_string_free(b);
  cpd_policy_free(again);
  return a;
}

static void test_versions_merge_over_the_one_before(void **state) {
  cpd_policy *pol =
      cpdt_policy("{\"versions\":[{\"effective_from\":\"2019-01-01\","
                  "\"required_points\":20},{\"effective_from\":\"2027-02-01\","
                  "\"name\":\"later\"}]}");
  cpd_result *r = eval(pol, "2027-03-01", "2027-03-31");
  (void)state;
  assert_int_equal(cpd_result_summary(r)->required, 2000);
  cpd_result_free(r);
  cpd_policy_free(pol);
}

static void test_versions_round_trip_through_json(void **state) {
  cpd_policy *pol = cpdt_policy(versions_json);
  char *a;
  (void)state;
  a = round_trip(pol);
  assert_non_null(strstr(a, "{\"versions\":["));
  cpd_string_free(a);
  cpd_policy_free(pol);
}

static void test_versions_refused_when_not_ascending(void **state) {
  (void)state;
  expect_invalid("{\"versions\":[{\"effective_from\":\"2027-01-01\"},"
                 "{\"effective_from\":\"2019-01-01\"}]}",
                 "/versions/1/effective_from");
  expect_invalid("{\"versions\":[{\"effective_from\":\"2019-01-01\"},"
                 "{\"effective_from\":\"2019-01-01\"}]}",
                 "/versions/1/effective_from");
}

static void
test_versions_need_their_date_and_report_nested_paths(void **state) {
  (void)state;
  expect_invalid("{\"versions\":[{\"name\":\"x\"}]}",
                 "/versions/0/effective_from");
  expect_invalid("{\"versions\":[{\"effective_from\":\"2019-01-01\"},"
                 "{\"effective_from\":\"2020-01-01\",\"period_years\":0}]}",
                 "/versions/1/period_years");
  expect_invalid("{\"versions\":[]}", "/versions");
  expect_invalid("{\"versions\":[{\"effective_from\":\"2019-01-01\"}],"
                 "\"name\":\"x\"}",
                 "/versions");
  expect_invalid("{\"versions\":[5]}", "/versions/0");
}

static void test_default_policy_round_trips(void **state) {
  cpd_policy *def = NULL;
  char *a;
  (void)state;
  assert_int_equal(cpd_policy_default(&def), CPD_OK);
  a = round_trip(def);
  assert_non_null(strstr(a, "\"required_points\":30"));
  cpd_string_free(a);
  cpd_policy_free(def);
  cpd_policy_free(NULL);
}

static void test_fiscal_year_start_from_policy(void **state) {
  cpd_policy *pol = cpdt_policy("{\"fiscal_year_starts\":\"01-01\"}");
  cpd_day d;
  (void)state;
  assert_int_equal(cpd_day_from_ymd(&d, 2025, 3, 31), CPD_OK);
  assert_int_equal(cpd_policy_fiscal_year(pol, d), 2025);
  assert_int_equal(cpd_policy_fiscal_year(NULL, d), 2024);
  cpd_policy_free(pol);
}

static void test_policy_window_default_and_strict(void **state) {
  cpd_policy *strict =
      cpdt_policy("{\"window\":{\"opens_months_before_renewal\":3,"
                  "\"closes_months_before_renewal\":1}}");
  cpd_day e, o, c, want;
  (void)state;
  assert_int_equal(cpd_day_from_ymd(&e, 2028, 3, 31), CPD_OK);
  assert_int_equal(cpd_policy_window(&o, &c, NULL, e), CPD_OK);
  assert_int_equal(cpd_day_from_ymd(&want, 2028, 1, 1), CPD_OK);
  assert_int_equal(o, want);
  assert_int_equal(c, e);
  assert_int_equal(cpd_policy_window(&o, &c, strict, e), CPD_OK);
  assert_int_equal(cpd_day_from_ymd(&want, 2028, 2, 29), CPD_OK);
  assert_int_equal(c, want);
  assert_int_equal(cpd_policy_window(NULL, &c, NULL, e), CPD_EINVAL);
  cpd_policy_free(strict);
}

/* A growing JSON text (tests only). */
typedef struct text {
  char *p;
  size_t len, cap;
} text;

static void add(text *t, const char *s) {
  size_t n = strlen(s);
  if (t->len + n + 1 > t->cap) {
    t->cap = (t->len + n + 1) * 2;
    t->p = realloc(t->p, t->cap);
    assert_non_null(t->p);
  }
  memcpy(t->p + t->len, s, n + 1);
  t->len += n;
}

/* A list of n distinct codes, then `extra` (e.g. a repeat of code 0). */
static void codes(text *t, size_t n, const char *extra) {
  size_t i;
  char code[32];
  add(t, "{\"competencies\":[");
  for (i = 0; i < n; i++) {
    snprintf(code, sizeof code, "%s\"C-%zu\"", i ? "," : "", i);
    add(t, code);
  }
  add(t, extra);
  add(t, "]}");
}

/* Issue 11: lists are limited and checked for repeats in n log n. */
static void test_policy_lists_are_limited_and_checked_fast(void **state) {
  text t = {NULL, 0, 0};
  cpd_policy *p = NULL;
  cpd_error err;
  (void)state;
  codes(&t, 5000, "");
  p = cpdt_policy(t.p); /* the largest list allowed loads */
  cpd_policy_free(p);
  t.len = 0;
  codes(&t, 4999, ",\"C-17\"");
  assert_int_equal(cpd_policy_load_json(&p, t.p, t.len, NULL, &err),
                   CPD_EPOLICY);
  assert_string_equal(err.path, "/competencies/4999"); /* the repeat */
  t.len = 0;
  codes(&t, 5001, "");
  assert_int_equal(cpd_policy_load_json(&p, t.p, t.len, NULL, &err),
                   CPD_EPOLICY);
  assert_string_equal(err.path, "/competencies");
  free(t.p);
}

static void test_policy_versions_and_size_are_limited(void **state) {
  text t = {NULL, 0, 0};
  cpd_policy *p = NULL;
  cpd_error err;
  char v[64];
  size_t i;
  (void)state;
  add(&t, "{\"versions\":[");
  for (i = 0; i < 65; i++) {
    snprintf(v, sizeof v, "%s{\"effective_from\":\"%zu-01-01\"}", i ? "," : "",
             2000 + i);
    add(&t, v);
  }
  add(&t, "]}");
  assert_int_equal(cpd_policy_load_json(&p, t.p, t.len, NULL, &err),
                   CPD_EPOLICY);
  assert_string_equal(err.path, "/versions");
  /* over 1 MiB, whatever the document limits say */
  t.len = 0;
  add(&t, "{\"name\":\"x\"");
  while (t.len < (1u << 20))
    add(&t, "                                                              ");
  add(&t, "}");
  assert_int_equal(cpd_policy_load_json(&p, t.p, t.len, NULL, &err),
                   CPD_EINPUT);
  assert_string_equal(err.code, "input.too_large");
  free(t.p);
}

/* ------------------------------------------------------------- sections */

/* The sections as a result lists them, with the form's rows and caps. */
static void test_sections_of_the_default_are_the_results(void **state) {
  cpd_section_info s;
  cpd_result *r = eval(NULL, "2027-02-01", "2027-03-31");
  size_t i, n = cpd_policy_section_count(NULL, CPD_DAY_NONE);
  (void)state;
  assert_int_equal(n, 10);
  assert_int_equal(n, cpd_result_section_count(r));
  for (i = 0; i < n; i++) {
    const cpd_section_total *t = cpd_result_section(r, i);
    assert_int_equal(cpd_policy_section_at(&s, NULL, CPD_DAY_NONE, i), CPD_OK);
    assert_string_equal(s.section, t->section);
    assert_int_equal(s.year, t->year);
    assert_int_equal(s.cap, t->cap);
    assert_int_equal(s.category->category[0], t->section[0]);
    assert_int_equal(s.form_rows, t->section[0] == 'A' ? 6 : 3);
    assert_int_equal(s.per_year, t->section[0] != 'A');
    assert_int_equal(s.evidence_required, t->section[0] <= 'B');
  }
  assert_int_equal(cpd_policy_section_at(&s, NULL, CPD_DAY_NONE, n),
                   CPD_EINVAL);
  assert_int_equal(cpd_policy_section_at(NULL, NULL, CPD_DAY_NONE, 0),
                   CPD_EINVAL);
  assert_int_equal(cpd_policy_section_find(&s, NULL, CPD_DAY_NONE, "C-3"),
                   CPD_OK);
  assert_string_equal(s.section, "C-3");
  assert_int_equal(s.year, 3);
  assert_int_equal(s.cap, 500);
  assert_string_equal(s.category->label_ja, "個人学習");
  assert_int_equal(cpd_policy_section_find(&s, NULL, CPD_DAY_NONE, "A"),
                   CPD_OK);
  assert_int_equal(s.cap, CPD_NO_CAP);
  assert_int_equal(s.year, 0);
  assert_int_equal(cpd_policy_section_find(&s, NULL, CPD_DAY_NONE, "C-4"),
                   CPD_EINVAL);
  assert_int_equal(cpd_policy_section_find(&s, NULL, CPD_DAY_NONE, "A-1"),
                   CPD_EINVAL);
  assert_int_equal(cpd_policy_section_find(&s, NULL, CPD_DAY_NONE, NULL),
                   CPD_EINVAL);
  cpd_result_free(r);
}

/* A dated policy: the sections of the version in force on the day. */
static void test_sections_follow_the_version_in_force(void **state) {
  cpd_policy *pol = cpdt_policy(
      "{\"versions\":["
      "{\"name\":\"v1\",\"effective_from\":\"2019-01-01\","
      "\"period_years\":5},"
      "{\"name\":\"v2\",\"effective_from\":\"2027-02-01\","
      "\"sections\":[{\"category\":\"B\",\"cap\":6,\"form_rows\":10},"
      "{\"category\":\"C\",\"per_year\":false}]}]}");
  cpd_section_info s;
  cpd_day before, on;
  char *json = NULL;
  (void)state;
  assert_int_equal(cpd_day_from_ymd(&before, 2027, 1, 31), CPD_OK);
  assert_int_equal(cpd_day_from_ymd(&on, 2027, 2, 1), CPD_OK);
  assert_int_equal(cpd_policy_section_count(pol, before), 16);
  assert_int_equal(cpd_policy_section_count(pol, on), 12);
  assert_int_equal(cpd_policy_section_count(pol, CPD_DAY_NONE), 12);
  assert_int_equal(cpd_policy_period_years(pol, before), 5);
  assert_int_equal(cpd_policy_section_find(&s, pol, before, "B-5"), CPD_OK);
  assert_int_equal(s.cap, 500);
  assert_int_equal(s.form_rows, 3);
  assert_int_equal(cpd_policy_section_find(&s, pol, on, "B-5"), CPD_OK);
  assert_int_equal(s.cap, 600);
  assert_int_equal(s.form_rows, 10);
  assert_int_equal(cpd_policy_section_find(&s, pol, on, "C-1"), CPD_EINVAL);
  assert_int_equal(cpd_policy_section_find(&s, pol, on, "C"), CPD_OK);
  assert_int_equal(s.per_year, 0);
  assert_int_equal(cpd_policy_sections_to_json(&json, pol, on), CPD_OK);
  assert_non_null(strstr(json, "{\"section\":\"B-5\",\"category\":\"B\","
                               "\"year\":5,\"per_year\":true,\"cap\":6,"
                               "\"form_rows\":10,\"evidence_required\":true}"));
  assert_non_null(strstr(json, "{\"section\":\"A\",\"category\":\"A\","
                               "\"year\":0,\"per_year\":false,\"cap\":null,"
                               "\"form_rows\":6,\"evidence_required\":true}"));
  assert_int_equal(json[strlen(json) - 1], '\n');
  cpd_string_free(json);
  assert_int_equal(cpd_policy_sections_to_json(NULL, pol, on), CPD_EINVAL);
  cpd_policy_free(pol);
}

/* A period of 10 years names its sections up to "D-10". */
static void test_sections_of_a_ten_year_period(void **state) {
  cpd_policy *pol = cpdt_policy("{\"period_years\":10}");
  cpd_section_info s;
  (void)state;
  assert_int_equal(cpd_policy_section_count(pol, CPD_DAY_NONE), 31);
  assert_int_equal(cpd_policy_section_at(&s, pol, CPD_DAY_NONE, 30), CPD_OK);
  assert_string_equal(s.section, "D-10");
  assert_int_equal(s.year, 10);
  assert_ptr_equal(s.category, cpd_category_find("D"));
  cpd_policy_free(pol);
}

static void section_is(const char *cell, const char *cat, int year) {
  const cpd_category_info *c = NULL;
  int y = -1;
  if (cpd_section_parse(&c, &y, cell, strlen(cell)) != CPD_OK)
    fail_msg("'%s' refused", cell);
  assert_string_equal(c->category, cat);
  assert_int_equal(y, year);
}

static void section_refused(const char *cell) {
  const cpd_category_info *c = (const cpd_category_info *)1;
  int y = -1;
  if (cpd_section_parse(&c, &y, cell, strlen(cell)) != CPD_EINVAL)
    fail_msg("'%s' accepted", cell);
  assert_null(c);
  assert_int_equal(y, 0);
}

/* A section as a spreadsheet cell writes it. */
static void test_section_cells_as_people_write_them(void **state) {
  const cpd_category_info *c;
  int y;
  (void)state;
  section_is("B-1", "B", 1);
  section_is("b-1", "B", 1);
  section_is(" Ｂ－１ ", "B", 1);
  section_is("B\xe2\x88\x92"
             "2",
             "B", 2); /* U+2212 */
  section_is("B\xe2\x80\x90"
             "3",
             "B", 3); /* U+2010 */
  section_is("B\xe2\x80\x91"
             "3",
             "B", 3); /* U+2011 */
  section_is("B\xe2\x80\x93"
             "3",
             "B", 3); /* U+2013 */
  section_is("D\xe3\x83\xbc"
             "10",
             "D", 10); /* ー */
  section_is("C - 2", "C", 2);
  section_is("ａ", "A", 0);
  section_is("D", "D", 0);
  section_refused("");
  section_refused(" ");
  section_refused("E-1");
  section_refused("B-");
  section_refused("B-0");
  section_refused("B-100");
  section_refused("B1");
  section_refused("B--1");
  section_refused("AB");
  section_refused("B-1a");
  section_refused("\xff");
  assert_int_equal(cpd_section_parse(NULL, &y, "A", 1), CPD_EINVAL);
  assert_int_equal(cpd_section_parse(&c, NULL, "A", 1), CPD_EINVAL);
  assert_int_equal(cpd_section_parse(&c, &y, NULL, 1), CPD_EINVAL);
  assert_int_equal(cpd_policy_period_years(NULL, CPD_DAY_NONE), 3);
}

static void test_fee_amount_is_absent_by_default(void **state) {
  cpd_policy *def = NULL, *other = cpdt_policy("{\"required_points\":20}");
  char *a = NULL;
  (void)state;
  assert_int_equal(cpd_policy_default(&def), CPD_OK);
  assert_int_equal(cpd_policy_fee_amount(NULL, CPD_DAY_NONE), 0);
  assert_int_equal(cpd_policy_fee_amount(def, CPD_DAY_NONE), 0);
  assert_int_equal(cpd_policy_fee_amount(other, 20000), 0);
  /* the printout of a policy without it has no "fee" at all */
  assert_int_equal(cpd_policy_to_json(&a, other), CPD_OK);
  assert_null(strstr(a, "\"fee\""));
  cpd_string_free(a);
  cpd_policy_free(def);
  cpd_policy_free(other);
}

static void test_fee_amount_is_read_printed_and_read_again(void **state) {
  cpd_policy *pol = cpdt_policy("{\"fee\":{\"amount\":10000}}"), *again;
  char *a;
  (void)state;
  assert_int_equal(cpd_policy_fee_amount(pol, CPD_DAY_NONE), 10000);
  a = round_trip(pol);
  assert_non_null(strstr(a, ",\"fee\":{\"amount\":10000}}"));
  again = cpdt_policy(a);
  assert_int_equal(cpd_policy_fee_amount(again, 20000), 10000);
  cpd_string_free(a);
  cpd_policy_free(again);
  cpd_policy_free(pol);
  pol = cpdt_policy("{\"fee\":{\"amount\":9999999999}}");
  assert_int_equal(cpd_policy_fee_amount(pol, CPD_DAY_NONE), 9999999999LL);
  cpd_policy_free(pol);
}

static void test_fee_amount_follows_the_version_in_force(void **state) {
  cpd_policy *pol = cpdt_policy(
      "{\"versions\":[{\"effective_from\":\"2019-01-01\"},"
      "{\"effective_from\":\"2025-04-01\",\"fee\":{\"amount\":10000}},"
      "{\"effective_from\":\"2027-04-01\",\"name\":\"later\"},"
      "{\"effective_from\":\"2028-04-01\",\"fee\":{\"amount\":12000}}]}");
  cpd_day d;
  (void)state;
  assert_int_equal(cpd_day_parse(&d, "2025-03-31", 10), CPD_OK);
  assert_int_equal(cpd_policy_fee_amount(pol, d), 0);
  assert_int_equal(cpd_policy_fee_amount(pol, d + 1), 10000);
  /* a version without the key keeps the amount of the version before it, as any
   * key does */
  assert_int_equal(cpd_day_parse(&d, "2027-06-01", 10), CPD_OK);
  assert_int_equal(cpd_policy_fee_amount(pol, d), 10000);
  assert_int_equal(cpd_day_parse(&d, "2028-04-01", 10), CPD_OK);
  assert_int_equal(cpd_policy_fee_amount(pol, d), 12000);
  assert_int_equal(cpd_policy_fee_amount(pol, CPD_DAY_NONE), 12000);
  cpd_string_free(round_trip(pol));
  cpd_policy_free(pol);
}

static void test_fee_amount_refused_unless_whole_yen_in_range(void **state) {
  cpd_policy *p = NULL;
  cpd_error err;
  const char *bad = "{\"fee\":{\"amount\":0}}";
  (void)state;
  expect_invalid("{\"fee\":{\"amount\":-1}}", "/fee/amount");
  expect_invalid("{\"fee\":{\"amount\":10000.5}}", "/fee/amount");
  expect_invalid("{\"fee\":{\"amount\":10000000000}}", "/fee/amount");
  expect_invalid("{\"fee\":{\"amount\":1e300}}", "/fee/amount");
  expect_invalid("{\"fee\":{\"amount\":\"10000\"}}", "/fee/amount");
  expect_invalid("{\"fee\":{\"amount\":null}}", "/fee/amount");
  expect_invalid("{\"fee\":{}}", "/fee/amount");
  expect_invalid("{\"fee\":{\"amount\":10000,\"currency\":\"JPY\"}}",
                 "/fee/currency");
  expect_invalid("{\"fee\":10000}", "/fee");
  expect_invalid("{\"fee\":null}", "/fee");
  expect_invalid("{\"versions\":[{\"effective_from\":\"2019-01-01\"},"
                 "{\"effective_from\":\"2027-01-01\",\"fee\":{\"amount\":0}}]}",
                 "/versions/1/fee/amount");
  /* the catalogue's words, both languages */
  assert_int_equal(cpd_policy_load_json(&p, bad, strlen(bad), NULL, &err),
                   CPD_EPOLICY);
  assert_non_null(strstr(err.message, "fee.amount"));
  assert_non_null(strstr(err.message, "9,999,999,999"));
  assert_non_null(strstr(err.message_ja, "fee.amount"));
  assert_non_null(strstr(err.message_ja, "整数"));
}

static void test_fee_amount_changes_no_result(void **state) {
  cpd_policy *with = cpdt_policy("{\"fee\":{\"amount\":10000}}");
  cpd_result *a = eval(NULL, "2027-02-01", "2027-03-31");
  cpd_result *b = eval(with, "2027-02-01", "2027-03-31");
  char *ja = NULL, *jb = NULL;
  (void)state;
  assert_int_equal(cpd_result_to_json(&ja, a), CPD_OK);
  assert_int_equal(cpd_result_to_json(&jb, b), CPD_OK);
  assert_string_equal(ja, jb);
  cpd_string_free(ja);
  cpd_string_free(jb);
  cpd_result_free(a);
  cpd_result_free(b);
  cpd_policy_free(with);
}

/* The competencies a generator or a form offers are the policy's: the
 * default's 66 of 別紙２ in strcmp order, a version's own list on its
 * days. */
static void test_competencies_are_listed_per_version(void **state) {
  cpd_policy *pol =
      cpdt_policy("{\"versions\":["
                  "{\"name\":\"v1\",\"effective_from\":\"2019-01-01\"},"
                  "{\"name\":\"v2\",\"effective_from\":\"2027-02-01\","
                  "\"competencies\":[\"OP-1\",\"ZZ-9\"]}]}");
  size_t i, n = cpd_policy_competency_count(NULL, CPD_DAY_NONE);
  cpd_day before, on;
  (void)state;
  assert_int_equal(n, 66);
  assert_string_equal(cpd_policy_competency_at(NULL, CPD_DAY_NONE, 0), "AU-1");
  assert_string_equal(cpd_policy_competency_at(NULL, CPD_DAY_NONE, n - 1),
                      "ST-5");
  assert_null(cpd_policy_competency_at(NULL, CPD_DAY_NONE, n));
  for (i = 1; i < n; i++)
    assert_true(strcmp(cpd_policy_competency_at(NULL, CPD_DAY_NONE, i - 1),
                       cpd_policy_competency_at(NULL, CPD_DAY_NONE, i)) < 0);
  assert_int_equal(cpd_day_from_ymd(&before, 2027, 1, 31), CPD_OK);
  assert_int_equal(cpd_day_from_ymd(&on, 2027, 2, 1), CPD_OK);
  assert_int_equal(cpd_policy_competency_count(pol, before), 66);
  assert_int_equal(cpd_policy_competency_count(pol, on), 2);
  assert_int_equal(cpd_policy_competency_count(pol, CPD_DAY_NONE), 2);
  assert_string_equal(cpd_policy_competency_at(pol, on, 1), "ZZ-9");
  assert_null(cpd_policy_competency_at(pol, on, 2));
  cpd_policy_free(pol);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_version_before_the_change_applies_the_old_cap),
      cmocka_unit_test(test_version_from_its_effective_day_applies_the_new_cap),
      cmocka_unit_test(test_version_before_all_uses_the_oldest),
      cmocka_unit_test(test_versions_merge_over_the_one_before),
      cmocka_unit_test(test_versions_are_listed_oldest_first),
      cmocka_unit_test(test_default_limits_are_what_zero_means),
      cmocka_unit_test(test_versions_round_trip_through_json),
      cmocka_unit_test(test_versions_refused_when_not_ascending),
      cmocka_unit_test(test_versions_need_their_date_and_report_nested_paths),
      cmocka_unit_test(test_default_policy_round_trips),
      cmocka_unit_test(test_fiscal_year_start_from_policy),
      cmocka_unit_test(test_policy_window_default_and_strict),
      cmocka_unit_test(test_policy_lists_are_limited_and_checked_fast),
      cmocka_unit_test(test_policy_versions_and_size_are_limited),
      cmocka_unit_test(test_sections_of_the_default_are_the_results),
      cmocka_unit_test(test_sections_follow_the_version_in_force),
      cmocka_unit_test(test_sections_of_a_ten_year_period),
      cmocka_unit_test(test_section_cells_as_people_write_them),
      cmocka_unit_test(test_fee_amount_is_absent_by_default),
      cmocka_unit_test(test_fee_amount_is_read_printed_and_read_again),
      cmocka_unit_test(test_fee_amount_follows_the_version_in_force),
      cmocka_unit_test(test_fee_amount_refused_unless_whole_yen_in_range),
      cmocka_unit_test(test_fee_amount_changes_no_result),
      cmocka_unit_test(test_competencies_are_listed_per_version),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
