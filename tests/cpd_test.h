/* cpd_test.h - what the cmocka tests (tests/test_*.c) share: cmocka and
 * the headers it needs, reading a file, telling the golden cases apart,
 * dates, values for applications built in C, a policy from JSON, an
 * evaluation or a check that must succeed, and the diagnostics of a result.
 * Every helper that can fail fails the test with what it saw (cmocka's
 * print_error, then fail), so a test needs no error handling of its own.
 * Static inline functions: each test is one program and uses some of
 * them.  Tests run from the source tree (tests/CMakeLists.txt), so paths
 * such as tests/golden/x.json open as written. */
#ifndef CPD_TEST_H
#define CPD_TEST_H

/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpd.h"

/* ---------------------------------------------------------------- files */

/* The whole file at PATH, NUL-terminated (free() it), its length in *LEN
 * when LEN is not NULL (0 on failure); NULL when it cannot be opened or
 * read.  It calls
 * no cmocka assertion, so threads may use it. */
static inline char *cpdt_read_file_or_null(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (len)
    *len = 0;
  if (!f)
    return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
      fseek(f, 0, SEEK_SET) == 0) {
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
      buf[n] = '\0';
      if (len)
        *len = (size_t)n;
    } else {
      free(buf);
      buf = NULL;
    }
  }
  fclose(f);
  return buf;
}

/* The same, failing the test when the file cannot be read. */
static inline char *cpdt_read_file(const char *path, size_t *len) {
  char *buf = cpdt_read_file_or_null(path, len);
  if (!buf)
    fail_msg("cannot read %s", path);
  return buf;
}

static inline int cpdt_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A golden case's application NAME.json, not its NAME.expected.json or
 * NAME.policy.json. */
static inline int cpdt_is_application_file(const char *name) {
  return cpdt_ends_with(name, ".json") &&
         !cpdt_ends_with(name, ".expected.json") &&
         !cpdt_ends_with(name, ".policy.json");
}

/* ---------------------------------------------------------------- dates */

static inline cpd_day cpdt_ymd(int y, int m, int d) {
  cpd_day out = CPD_DAY_NONE;
  assert_int_equal(cpd_day_from_ymd(&out, y, m, d), CPD_OK);
  return out;
}

static inline void cpdt_assert_day_(cpd_day d, const char *iso,
                                    const char *file, int line) {
  char buf[11];
  if (d == CPD_DAY_NONE) {
    print_error("date is CPD_DAY_NONE, expected %s\n", iso);
    _fail(file, line);
  }
  cpd_day_format(buf, d);
  if (strcmp(buf, iso) != 0) {
    print_error("date %s, expected %s\n", buf, iso);
    _fail(file, line);
  }
}
/* D is the day ISO (YYYY-MM-DD). */
#define cpdt_assert_day(d, iso) cpdt_assert_day_((d), (iso), __FILE__, __LINE__)

/* ------------------------------------------------ values of an application */

static inline cpd_value cpdt_text(const char *s) {
  cpd_value v = CPD_TEXT(s);
  return v;
}
static inline cpd_value cpdt_number(double x) {
  cpd_value v = CPD_NUMBER(x);
  return v;
}
static inline cpd_value cpdt_bool(int b) {
  cpd_value v = CPD_BOOL(b);
  return v;
}
static inline cpd_value cpdt_absent(void) {
  cpd_value v = CPD_ABSENT;
  return v;
}

/* ------------------------------------------------- policies, evaluations */

/* The policy of JSON, which must load (cpd_policy_free it). */
static inline cpd_policy *cpdt_policy(const char *json) {
  cpd_policy *p = NULL;
  cpd_error err;
  cpd_status st;
  memset(&err, 0, sizeof err);
  st = cpd_policy_load_json(&p, json, strlen(json), NULL, &err);
  if (st != CPD_OK)
    fail_msg("policy refused: %s at %s: %s", err.code, err.path, err.message);
  assert_non_null(p);
  return p;
}

/* The evaluation of APP under P (NULL: the built-in policy), which must
 * succeed (cpd_result_free it). */
static inline cpd_result *cpdt_evaluate(const cpd_policy *p,
                                        const cpd_application *app) {
  cpd_result *r = NULL;
  cpd_error err;
  cpd_status st;
  memset(&err, 0, sizeof err);
  st = cpd_evaluate(&r, p, app, &err);
  if (st != CPD_OK)
    fail_msg("cpd_evaluate: %s (%s at %s)", cpd_status_str(st), err.code,
             err.path);
  assert_non_null(r);
  return r;
}

/* The result document of checking the LEN bytes of DOC under POLICY and
 * LIMITS (either NULL: the defaults), which must succeed, parsed with
 * cJSON (cJSON_Delete it). */
static inline cJSON *cpdt_check_doc(const char *doc, size_t len,
                                    const cpd_policy *policy,
                                    const cpd_limits *limits) {
  char *out = NULL;
  cpd_error err;
  cpd_status st;
  cJSON *root;
  memset(&err, 0, sizeof err);
  st = cpd_check_json(&out, policy, doc, len, limits, &err);
  if (st != CPD_OK)
    fail_msg("cpd_check_json: %s: %s at \"%s\" offset %lld: %s",
             cpd_status_str(st), err.code, err.path, err.offset, err.message);
  assert_non_null(out);
  root = cJSON_Parse(out);
  if (!root)
    print_error("result is not JSON: %s\n", out);
  cpd_string_free(out);
  assert_non_null(root);
  return root;
}

/* ------------------------------------------------- a result's diagnostics */

/* The first diagnostic of R with CODE (and at PATH unless PATH is NULL). */
static inline const cpd_diagnostic *
cpdt_find_diag(const cpd_result *r, const char *code, const char *path) {
  size_t i, n = cpd_result_diagnostic_count(r);
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    if (strcmp(d->code, code) == 0 && (!path || strcmp(d->path, path) == 0))
      return d;
  }
  return NULL;
}

/* How many diagnostics of R have CODE (and PATH unless PATH is NULL). */
static inline size_t cpdt_count_diag(const cpd_result *r, const char *code,
                                     const char *path) {
  size_t i, n = cpd_result_diagnostic_count(r), k = 0;
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    if (strcmp(d->code, code) == 0 && (!path || strcmp(d->path, path) == 0))
      k++;
  }
  return k;
}

/* The decision and every diagnostic of R, for a failing test's output. */
static inline void cpdt_dump_diags(const cpd_result *r) {
  size_t i, n = cpd_result_diagnostic_count(r);
  print_error("  decision %s, %zu diagnostics:\n",
              cpd_decision_str(cpd_result_summary(r)->decision), n);
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    print_error("    %-36s %-7s %s\n", d->code, cpd_severity_str(d->severity),
                d->path);
  }
}

#endif /* CPD_TEST_H */
