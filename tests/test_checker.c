/* test_checker.c - the reusable checker (cpd_checker_*) and the NDJSON
 * reader (cpd_lines_*): the same documents as the one-call API, buffers
 * reused across calls, input errors as error documents, lines cut, counted
 * and bounded however the input is split into chunks. */
#include "cpd_test.h"

static const char *const golden[] = {
    "tests/golden/eligible-basic.json", "tests/golden/shortfall.json",
    "tests/golden/wareki-and-fullwidth.json",
    "tests/golden/window-not-yet-open.json",
    "tests/golden/input-error-duplicate-key.json"};

/* Every golden application twice through one checker: each output equals
 * cpd_check_json's (or cpd_error_to_json's) byte for byte. */
static void test_checker_output_equals_the_one_call_api(void **state) {
  cpd_checker *c = NULL;
  size_t round, i;
  (void)state;
  assert_int_equal(cpd_checker_new(&c, NULL, NULL, NULL), CPD_OK);
  for (round = 0; round < 2; round++)
    for (i = 0; i < sizeof golden / sizeof golden[0]; i++) {
      size_t len, out_len = 0;
      char *json = cpdt_read_file(golden[i], &len), *want = NULL;
      const char *got = NULL;
      cpd_error e1, e2;
      cpd_status s1 = cpd_check_json(&want, NULL, json, len, NULL, &e1);
      cpd_status s2 = cpd_checker_check(c, &got, &out_len, json, len, &e2);
      assert_int_equal(s1, s2);
      assert_non_null(got);
      if (s1 == CPD_EINPUT) {
        assert_int_equal(cpd_error_to_json(&want, &e1), CPD_OK);
        assert_string_equal(e1.code, e2.code);
        assert_null(cpd_checker_result(c));
      } else {
        assert_non_null(cpd_checker_result(c));
      }
      assert_string_equal(got, want);
      assert_int_equal(out_len, strlen(want));
      cpd_string_free(want);
      free(json);
    }
  cpd_checker_free(c);
}

/* Typed first, then the document: the same bytes as cpd_checker_check,
 * from the messages the typed read rendered. */
static void test_checker_document_after_a_typed_read(void **state) {
  cpd_checker *c = NULL;
  size_t i, len, n1 = 0, n2 = 0;
  (void)state;
  assert_int_equal(cpd_checker_new(&c, NULL, NULL, NULL), CPD_OK);
  assert_int_equal(cpd_checker_document(c, NULL, NULL), CPD_EINVAL);
  for (i = 0; i < 4; i++) {
    char *json = cpdt_read_file(golden[i], &len), *want;
    const char *doc = NULL;
    const cpd_result *r = NULL;
    size_t k;
    assert_int_equal(cpd_checker_check(c, &doc, &n1, json, len, NULL), CPD_OK);
    want = malloc(n1 + 1);
    assert_non_null(want);
    memcpy(want, doc, n1 + 1);
    assert_int_equal(cpd_checker_evaluate(c, &r, json, len, NULL), CPD_OK);
    for (k = 0; k < cpd_result_diagnostic_count(r); k++)
      assert_non_null(cpd_result_diagnostic(r, k)->message);
    assert_int_equal(cpd_checker_document(c, &doc, &n2), CPD_OK);
    assert_string_equal(doc, want);
    assert_int_equal(n1, n2);
    free(want);
    free(json);
  }
  cpd_checker_free(c);
}

static void test_checker_as_of_replaces_applied_on(void **state) {
  cpd_checker *c = NULL;
  cpd_check_options o = CPD_CHECK_OPTIONS_INIT;
  const cpd_result *r = NULL;
  size_t len;
  char *json = cpdt_read_file("tests/golden/eligible-basic.json", &len);
  (void)state;
  assert_int_equal(cpd_day_from_ymd(&o.as_of, 2026, 12, 1), CPD_OK);
  assert_int_equal(cpd_checker_new(&c, NULL, &o, NULL), CPD_OK);
  assert_int_equal(cpd_checker_evaluate(c, &r, json, len, NULL), CPD_OK);
  assert_int_equal(cpd_result_summary(r)->applied_on, o.as_of);
  assert_int_equal(cpd_result_summary(r)->window_status,
                   CPD_WINDOW_NOT_YET_OPEN);
  assert_ptr_equal(cpd_checker_result(c), r);
  cpd_checker_free(c);
  free(json);
}

static void test_checker_applies_its_limits(void **state) {
  cpd_checker *c = NULL;
  cpd_limits lim = CPD_LIMITS_INIT;
  cpd_check_options o = CPD_CHECK_OPTIONS_INIT;
  const char *out = NULL;
  cpd_error err;
  size_t len;
  char *json = cpdt_read_file("tests/golden/eligible-basic.json", &len);
  (void)state;
  lim.max_document_bytes = 100;
  o.limits = &lim;
  assert_int_equal(cpd_checker_new(&c, NULL, &o, NULL), CPD_OK);
  lim.max_document_bytes = 0; /* copied at creation: no effect now */
  assert_int_equal(cpd_checker_check(c, &out, NULL, json, len, &err),
                   CPD_EINPUT);
  assert_string_equal(err.code, "input.too_large");
  assert_non_null(strstr(out, "\"input.too_large\""));
  cpd_checker_free(c);
  free(json);
}

/* libgit2's rule: 0 < version <= CURRENT is accepted, 0 and newer not. */
static void test_versioned_structs_accept_their_past_only(void **state) {
  cpd_checker *c = NULL;
  cpd_limits lim = CPD_LIMITS_INIT;
  cpd_check_options o = CPD_CHECK_OPTIONS_INIT;
  cpd_result *r = NULL;
  cpd_error err;
  size_t len;
  char *json = cpdt_read_file("tests/golden/eligible-basic.json", &len);
  (void)state;
  o.version = 0;
  assert_int_equal(cpd_checker_new(&c, NULL, &o, &err), CPD_EINVAL);
  assert_string_equal(err.code, "invalid_argument");
  o.version = CPD_CHECK_OPTIONS_VERSION + 1;
  assert_int_equal(cpd_evaluate_json_opts(&r, NULL, json, len, &o, NULL),
                   CPD_EINVAL);
  lim.version = 0;
  assert_int_equal(cpd_evaluate_json(&r, NULL, json, len, &lim, NULL),
                   CPD_EINVAL);
  lim.version = CPD_LIMITS_VERSION + 1;
  assert_int_equal(cpd_evaluate_json(&r, NULL, json, len, &lim, NULL),
                   CPD_EINVAL);
  lim.version = CPD_LIMITS_VERSION;
  assert_int_equal(cpd_evaluate_json(&r, NULL, json, len, &lim, NULL), CPD_OK);
  cpd_result_free(r);
  free(json);
}

static void test_checker_free_null_is_a_no_op(void **state) {
  (void)state;
  cpd_checker_free(NULL);
  cpd_lines_free(NULL);
  cpd_prepared_free(NULL);
  assert_null(cpd_checker_result(NULL));
}

/* ------------------------------------------------------------ prepared */

/* A C application prepared once evaluates to the same document as the
 * JSON it came from, any number of times, also after the caller's
 * application is gone; the plan too. */
static void test_prepared_application_gives_the_same_result(void **state) {
  size_t i, len;
  (void)state;
  for (i = 0; i < 4; i++) { /* the golden applications (not the error) */
    char *json = cpdt_read_file(golden[i], &len), *want = NULL, *got = NULL,
         *plan_want = NULL, *plan_got = NULL;
    cpd_document *doc = NULL;
    cpd_prepared *prep = NULL;
    cpd_result *r = NULL;
    cpd_plan *plan = NULL;
    cpd_day as_of = 0;
    assert_int_equal(cpd_check_json(&want, NULL, json, len, NULL, NULL),
                     CPD_OK);
    assert_int_equal(cpd_document_load_json(&doc, json, len, NULL, NULL),
                     CPD_OK);
    assert_int_equal(
        cpd_application_prepare(&prep, cpd_document_application(doc), NULL),
        CPD_OK);
    cpd_document_free(doc); /* nothing borrowed */
    free(json);
    assert_int_equal(cpd_prepared_evaluate(&r, NULL, prep, NULL), CPD_OK);
    assert_int_equal(cpd_result_to_json(&got, r), CPD_OK);
    cpd_result_free(r);
    /* the unknown-field notes are the document's: compare what follows */
    assert_string_equal(strstr(got, "\"window\""), strstr(want, "\"window\""));
    assert_int_equal(cpd_day_from_ymd(&as_of, 2026, 12, 15), CPD_OK);
    json = cpdt_read_file(golden[i], &len);
    assert_int_equal(
        cpd_plan_json(&plan_want, NULL, json, len, as_of, NULL, NULL), CPD_OK);
    assert_int_equal(cpd_plan_evaluate_prepared(&plan, NULL, prep, as_of, NULL),
                     CPD_OK);
    assert_int_equal(cpd_plan_to_json(&plan_got, plan), CPD_OK);
    assert_string_equal(strstr(plan_got, "\"window\""),
                        strstr(plan_want, "\"window\""));
    cpd_plan_free(plan);
    cpd_prepared_free(prep);
    cpd_string_free(want);
    cpd_string_free(got);
    cpd_string_free(plan_want);
    cpd_string_free(plan_got);
    free(json);
  }
}

static void test_prepare_refuses_what_evaluate_refuses(void **state) {
  cpd_application app;
  cpd_activity act;
  cpd_value bad = CPD_TEXT("\xff");
  cpd_prepared *prep = NULL;
  cpd_result *r = NULL;
  cpd_plan *plan = NULL;
  cpd_error err;
  (void)state;
  memset(&app, 0, sizeof app);
  memset(&act, 0, sizeof act);
  app.version = CPD_APPLICATION_VERSION;
  assert_int_equal(cpd_application_prepare(NULL, &app, NULL), CPD_EINVAL);
  assert_int_equal(cpd_application_prepare(&prep, NULL, NULL), CPD_EINVAL);
  app.version = 0;
  assert_int_equal(cpd_application_prepare(&prep, &app, NULL), CPD_EINVAL);
  app.version = CPD_APPLICATION_VERSION;
  app.activity_count = 1; /* but no array */
  assert_int_equal(cpd_application_prepare(&prep, &app, NULL), CPD_EINVAL);
  app.activities = &act;
  act.evidence_count = 1; /* but no array */
  assert_int_equal(cpd_application_prepare(&prep, &app, NULL), CPD_EINVAL);
  act.evidence_count = 0;
  act.competencies = &bad;
  act.competency_count = 1;
  assert_int_equal(cpd_application_prepare(&prep, &app, &err), CPD_EINPUT);
  assert_string_equal(err.code, "input.invalid_utf8");
  assert_string_equal(err.path, "/activities/0/competencies/0");
  assert_null(prep);
  /* prepared, an application without its dates is an input error */
  act.competency_count = 0;
  assert_int_equal(cpd_application_prepare(&prep, &app, NULL), CPD_OK);
  assert_int_equal(cpd_prepared_evaluate(&r, NULL, prep, &err), CPD_EINPUT);
  assert_string_equal(err.code, "input.missing_field");
  assert_int_equal(cpd_prepared_evaluate(NULL, NULL, prep, NULL), CPD_EINVAL);
  assert_int_equal(cpd_prepared_evaluate(&r, NULL, NULL, NULL), CPD_EINVAL);
  assert_int_equal(cpd_plan_evaluate_prepared(&plan, NULL, NULL, 0, NULL),
                   CPD_EINVAL);
  assert_int_equal(cpd_plan_evaluate_prepared(NULL, NULL, prep, 0, NULL),
                   CPD_EINVAL);
  assert_null(r);
  cpd_prepared_free(prep);
}

/* --------------------------------------------------------------- lines */

typedef struct got {
  char text[64][32];
  unsigned long number[64];
  int too_long[64];
  size_t n;
} got;

static void drain(cpd_lines *r, got *g) {
  const char *line;
  size_t len;
  unsigned long num;
  int tl;
  while (cpd_lines_next(r, &line, &len, &num, &tl)) {
    assert_true(g->n < 64);
    assert_true(len < 32);
    memcpy(g->text[g->n], line, len);
    g->text[g->n][len] = '\0';
    g->number[g->n] = num;
    g->too_long[g->n] = tl;
    g->n++;
  }
}

/* The same input fed in chunks of every size from 1 byte to all of it. */
static void test_lines_are_the_same_whatever_the_chunks(void **state) {
  static const char in[] = "{\"a\":1}\r\n\n  \t\r\n{\"b\":2}\n"
                           "0123456789012345678901234567890123456789\n"
                           "{\"c\":3}";
  size_t chunk, i;
  (void)state;
  for (chunk = 1; chunk <= sizeof in - 1; chunk++) {
    cpd_lines *r = NULL;
    got g;
    memset(&g, 0, sizeof g);
    assert_int_equal(cpd_lines_new(&r, 20), CPD_OK);
    for (i = 0; i < sizeof in - 1; i += chunk) {
      size_t n = sizeof in - 1 - i < chunk ? sizeof in - 1 - i : chunk;
      assert_int_equal(cpd_lines_feed(r, in + i, n), CPD_OK);
      drain(r, &g);
    }
    assert_int_equal(cpd_lines_feed(r, NULL, 0), CPD_OK);
    drain(r, &g);
    assert_int_equal(g.n, 4);
    assert_string_equal(g.text[0], "{\"a\":1}");
    assert_int_equal(g.number[0], 1);
    assert_string_equal(g.text[1], "{\"b\":2}");
    assert_int_equal(g.number[1], 4); /* blank lines counted, not returned */
    assert_string_equal(g.text[2], "");
    assert_int_equal(g.too_long[2], 1);
    assert_int_equal(g.number[2], 5);
    assert_string_equal(g.text[3], "{\"c\":3}");
    assert_int_equal(g.number[3], 6);
    assert_int_equal(g.too_long[3], 0);
    cpd_lines_free(r);
  }
}

/* A line far over the limit, fed in small chunks, is never kept whole. */
static void test_lines_keep_memory_bounded_in_a_long_line(void **state) {
  cpd_lines *r = NULL;
  char chunk[100];
  got g;
  size_t i;
  cpd_error err;
  (void)state;
  memset(&g, 0, sizeof g);
  memset(chunk, 'x', sizeof chunk);
  assert_int_equal(cpd_lines_new(&r, 150), CPD_OK);
  for (i = 0; i < 100000; i++) {
    assert_int_equal(cpd_lines_feed(r, chunk, sizeof chunk), CPD_OK);
    drain(r, &g);
  }
  assert_int_equal(g.n, 0);
  assert_int_equal(cpd_lines_feed(r, "\nok\n", 4), CPD_OK);
  drain(r, &g);
  assert_int_equal(g.n, 2);
  assert_int_equal(g.too_long[0], 1);
  assert_string_equal(g.text[1], "ok");
  assert_int_equal(g.number[1], 2);
  cpd_lines_too_long_error(r, &err);
  assert_string_equal(err.code, "input.too_large");
  assert_int_equal(err.offset, 150);
  assert_int_equal(cpd_lines_feed(r, NULL, 0), CPD_OK);
  assert_int_equal(cpd_lines_feed(r, "x", 1), CPD_EINVAL); /* after the end */
  cpd_lines_free(r);
}

/* A last line over the limit without a final '\n' is still reported. */
static void test_lines_report_a_long_last_line(void **state) {
  cpd_lines *r = NULL;
  char big[300];
  got g;
  (void)state;
  memset(&g, 0, sizeof g);
  memset(big, 'y', sizeof big);
  assert_int_equal(cpd_lines_new(&r, 100), CPD_OK);
  assert_int_equal(cpd_lines_feed(r, "a\n", 2), CPD_OK);
  drain(r, &g);
  assert_int_equal(cpd_lines_feed(r, big, sizeof big), CPD_OK);
  drain(r, &g);
  assert_int_equal(cpd_lines_feed(r, NULL, 0), CPD_OK);
  drain(r, &g);
  assert_int_equal(g.n, 2);
  assert_int_equal(g.too_long[1], 1);
  assert_int_equal(g.number[1], 2);
  cpd_lines_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_checker_output_equals_the_one_call_api),
      cmocka_unit_test(test_checker_as_of_replaces_applied_on),
      cmocka_unit_test(test_checker_document_after_a_typed_read),
      cmocka_unit_test(test_checker_applies_its_limits),
      cmocka_unit_test(test_versioned_structs_accept_their_past_only),
      cmocka_unit_test(test_checker_free_null_is_a_no_op),
      cmocka_unit_test(test_prepared_application_gives_the_same_result),
      cmocka_unit_test(test_prepare_refuses_what_evaluate_refuses),
      cmocka_unit_test(test_lines_are_the_same_whatever_the_chunks),
      cmocka_unit_test(test_lines_keep_memory_bounded_in_a_long_line),
      cmocka_unit_test(test_lines_report_a_long_last_line),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
