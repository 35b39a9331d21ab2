/* test_alloc.c - allocation-failure injection (SQLite's test_malloc.c,
 * curl's torture mode).  Built against cpd_fault, a copy of the library
 * compiled with -DCPD_FAULT_INJECTION (CMakeLists.txt, "reliability").
 *
 * For each path - every golden case, example and hostile input that
 * evaluates, through cpd_check_json and the typed route, under the default
 * and a loaded policy; policy loads; the C-struct entry point; documents,
 * plans, redaction, the audit; input errors - the path is first run once
 * to count its allocations M; then for N = 1 .. M+1 it runs again with the
 * N-th allocation failing, once failing only that one and once failing
 * every allocation from N on.  Each run must return CPD_ENOMEM with
 * err->code "out_of_memory" and no output (or succeed when N > M), leave
 * as many live heap blocks as it found (counted through the linker's
 * --wrap, below; LeakSanitizer in the asan build) and crash nowhere.  An input
 * error that is found before the failing allocation may still be reported as
 * that input error.
 *
 * cJSON's own allocations do not pass through the library's allocator (its
 * hooks are process-global and the library leaves them alone).  The last
 * test installs hooks, as an application may, and fails each cJSON
 * allocation of a check in turn: the result is again CPD_ENOMEM, no leak. */
#include "cpd_test.h"

#include <dirent.h>

#ifdef CPD_FAULT_INJECTION
/* alloc.c, compiled in by CPD_FAULT_INJECTION only. */
void cpd__fault_set(unsigned long fail_at, int sticky);
unsigned long cpd__fault_count(void);

/* ----------------------------------------------------------------- helpers */

/* Live heap blocks.  CMakeLists.txt links this test with
 * -Wl,--wrap=malloc,... (CPD_WRAP_MALLOC) where the linker can, so every
 * malloc, calloc, realloc and free of the statically linked library (and
 * of this file) passes through here; cJSON's own calls, from its shared
 * library, do not (LeakSanitizer watches those in the asan build). */
static long live_blocks;
#ifdef CPD_WRAP_MALLOC
void *__real_malloc(size_t n);
void *__real_calloc(size_t c, size_t n);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t c, size_t n);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
void *__wrap_malloc(size_t n) {
  void *p = __real_malloc(n);
  live_blocks += p != NULL;
  return p;
}
void *__wrap_calloc(size_t c, size_t n) {
  void *p = __real_calloc(c, n);
  live_blocks += p != NULL;
  return p;
}
void *__wrap_realloc(void *p, size_t n) {
  void *q = __real_realloc(p, n);
  live_blocks += p == NULL && q != NULL;
  return q;
}
void __wrap_free(void *p) {
  live_blocks -= p != NULL;
  __real_free(p);
}
#endif

/* Application documents of a directory (not *.expected.json or
 * *.policy.json), sorted; returns the count. */
#define MAX_FILES 256
static size_t list_apps(const char *dir, char *names[MAX_FILES]) {
  DIR *d = opendir(dir);
  struct dirent *e;
  size_t n = 0, i, j;
  if (!d)
    return 0;
  while ((e = readdir(d)) != NULL && n < MAX_FILES) {
    if (!cpdt_is_application_file(e->d_name))
      continue;
    names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
    assert_non_null(names[n]);
    sprintf(names[n], "%s/%s", dir, e->d_name);
    n++;
  }
  closedir(d);
  for (i = 1; i < n; i++) /* insertion sort: a handful of names */
    for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
      char *t = names[j];
      names[j] = names[j - 1];
      names[j - 1] = t;
    }
  return n;
}

/* One path through the library.  Returns the status of the call; on
 * success it has checked and freed what it got, on failure it has checked
 * that nothing was returned. */
typedef cpd_status (*scenario)(const void *ctx, cpd_error *err);

typedef struct totals {
  unsigned long paths, runs, allocations, broken;
} totals;
static totals all;

/* Fail the N-th allocation of fn for every N, alone and from N on.  With
 * input_error, fn's "success" is an expected input error, which may still
 * be reported (its path perhaps shortened) when a later allocation fails.
 * Every broken run is printed (up to 20 a path) before the test fails. */
static void exhaust_ex(const char *name, scenario fn, const void *ctx,
                       int input_error) {
  cpd_error err;
  cpd_status st;
  unsigned long m, n, count, broken = 0;
  int sticky;

  cpd__fault_set(0, 0);
  st = fn(ctx, &err);
  m = cpd__fault_count();
  if (st != CPD_OK)
    fail_msg("%s: fails without injection (%d %s)", name, (int)st, err.code);
  if (m == 0 && !input_error)
    fail_msg("%s: allocates nothing; nothing to inject", name);
  for (sticky = 0; sticky <= 1; sticky++) {
    for (n = 1; n <= m + 1; n++) {
      long before = live_blocks, after;
      const char *what = NULL;
      memset(&err, 0x5A, sizeof err);
      err.code[sizeof err.code - 1] = '\0';
      cpd__fault_set(n, sticky);
      st = fn(ctx, &err);
      count = cpd__fault_count();
      cpd__fault_set(0, 0);
      after = live_blocks;
      all.runs++;
      if (n > count) {
        if (st != CPD_OK)
          what = "no allocation failed, yet the call failed";
      } else if (st == CPD_OK && input_error) {
        /* the input error was reported all the same */
      } else if (st != CPD_ENOMEM) {
        what = "the call did not return CPD_ENOMEM";
      } else if (strcmp(err.code, "out_of_memory") != 0) {
        what = "err->code is not out_of_memory";
      }
      if (!what && before != after)
        what = "heap blocks leaked";
      if (what && ++broken <= 20)
        print_error("%s: allocation %lu of %lu failing (%s): %s (status %d, "
                    "code %.39s, %ld blocks leaked)\n",
                    name, n, m, sticky ? "and all after it" : "alone", what,
                    (int)st, st == CPD_OK ? "-" : err.code, after - before);
    }
  }
  all.paths++;
  all.allocations += m;
  if (broken)
    print_error("%s: %lu broken runs\n", name, broken);
  all.broken += broken;
}

/* Each test ends here: every path has been tried, then the verdict. */
static void no_broken_runs(void) {
  unsigned long broken = all.broken;
  all.broken = 0;
  if (broken)
    fail_msg("%lu broken runs (listed above)", broken);
}

static void exhaust(const char *name, scenario fn, const void *ctx) {
  exhaust_ex(name, fn, ctx, 0);
}

/* ---------------------------------------------------------------- scenarios */

typedef struct doc_ctx {
  const char *json;
  size_t len;
  const cpd_policy *policy;
} doc_ctx;

static cpd_status check_json(const void *ctx, cpd_error *err) {
  const doc_ctx *c = ctx;
  char *out = (char *)"unset";
  cpd_status st = cpd_check_json(&out, c->policy, c->json, c->len, NULL, err);
  if (st != CPD_OK) {
    assert_null(out);
    return st;
  }
  assert_non_null(out);
  assert_int_equal(out[0], '{');
  cpd_string_free(out);
  return st;
}

/* The typed route and then the two writers, as the CLI goes. */
static cpd_status evaluate_json_then_write(const void *ctx, cpd_error *err) {
  const doc_ctx *c = ctx;
  cpd_result *r = NULL;
  char *out = NULL;
  cpd_status st = cpd_evaluate_json(&r, c->policy, c->json, c->len, NULL, err);
  if (st != CPD_OK) {
    assert_null(r);
    return st;
  }
  st = cpd_result_to_json(&out, r);
  cpd_result_free(r);
  if (st != CPD_OK) {
    assert_null(out);
    strcpy(err->code, "out_of_memory");
    return st;
  }
  cpd_string_free(out);
  return CPD_OK;
}

static cpd_status policy_load(const void *ctx, cpd_error *err) {
  const doc_ctx *c = ctx;
  cpd_policy *p = (cpd_policy *)&err;
  char *out = NULL;
  cpd_status st = cpd_policy_load_json(&p, c->json, c->len, NULL, err);
  if (st != CPD_OK) {
    assert_null(p);
    return st;
  }
  st = cpd_policy_to_json(&out, p);
  cpd_policy_free(p);
  if (st != CPD_OK) {
    assert_null(out);
    strcpy(err->code, "out_of_memory");
    return st;
  }
  cpd_string_free(out);
  return CPD_OK;
}

static cpd_status policy_default(const void *ctx, cpd_error *err) {
  cpd_policy *p = NULL;
  cpd_status st = cpd_policy_default(&p);
  (void)ctx;
  if (st != CPD_OK) {
    assert_null(p);
    strcpy(err->code, "out_of_memory");
    return st;
  }
  cpd_policy_free(p);
  return CPD_OK;
}

static cpd_status document(const void *ctx, cpd_error *err) {
  const doc_ctx *c = ctx;
  cpd_document *d = NULL;
  cpd_result *r = NULL;
  cpd_status st = cpd_document_load_json(&d, c->json, c->len, NULL, err);
  if (st != CPD_OK) {
    assert_null(d);
    return st;
  }
  assert_non_null(cpd_document_application(d));
  st = cpd_document_evaluate(&r, c->policy, d, err);
  cpd_document_free(d);
  if (st != CPD_OK) {
    assert_null(r);
    return st;
  }
  cpd_result_free(r);
  return CPD_OK;
}

/* The application of a document written back as a document. */
static cpd_status application_json(const void *ctx, cpd_error *err) {
  const doc_ctx *c = ctx;
  cpd_document *d = NULL;
  char *out = (char *)"unset";
  cpd_status st = cpd_document_load_json(&d, c->json, c->len, NULL, err);
  if (st != CPD_OK)
    return st;
  st = cpd_application_to_json(&out, cpd_document_application(d), err);
  cpd_document_free(d);
  if (st != CPD_OK) {
    assert_null(out);
    /* a value JSON cannot hold (an array where a text belongs) is refused
     * before anything is allocated */
    return st == CPD_EINVAL ? CPD_OK : st;
  }
  cpd_string_free(out);
  return CPD_OK;
}

/* The calls without a cpd_error: CPD_ENOMEM is their whole answer. */
static cpd_status no_err(cpd_status st, cpd_error *err) {
  if (st == CPD_ENOMEM)
    snprintf(err->code, sizeof err->code, "out_of_memory");
  return st;
}

static cpd_status tables(const void *ctx, cpd_error *err) {
  char *out = (char *)"unset";
  const cpd_field_info *f = NULL;
  const cpd_category_info *cat = NULL;
  int year = 0;
  cpd_status st;
  (void)ctx;
  if ((st = cpd_fields_to_json(&out)) != CPD_OK)
    return no_err(st, err);
  cpd_string_free(out);
  if ((st = cpd_labels_to_json(&out)) != CPD_OK)
    return no_err(st, err);
  cpd_string_free(out);
  if ((st = cpd_policy_sections_to_json(&out, NULL, CPD_DAY_NONE)) != CPD_OK)
    return no_err(st, err);
  cpd_string_free(out);
  if ((st = cpd_json_quote(&out, NULL, "a\"b", 3)) != CPD_OK)
    return no_err(st, err);
  cpd_string_free(out);
  if ((st = cpd_field_find_header(&f, "学習(受講)時間",
                                  strlen("学習(受講)時間"))) != CPD_OK)
    return no_err(st, err);
  assert_non_null(f);
  if ((st = cpd_section_parse(&cat, &year, "ｂ－１", strlen("ｂ－１"))) !=
      CPD_OK)
    return no_err(st, err);
  assert_non_null(cat);
  return CPD_OK;
}

static cpd_status plan_json(const void *ctx, cpd_error *err) {
  const doc_ctx *c = ctx;
  char *out = NULL;
  cpd_day as_of;
  cpd_status st;
  assert_int_equal(cpd_day_from_ymd(&as_of, 2026, 11, 1), CPD_OK);
  st = cpd_plan_json(&out, c->policy, c->json, c->len, as_of, NULL, err);
  if (st != CPD_OK) {
    assert_null(out);
    return st;
  }
  cpd_string_free(out);
  return CPD_OK;
}

static cpd_status redact_json(const void *ctx, cpd_error *err) {
  const doc_ctx *c = ctx;
  char *out = NULL;
  cpd_status st = cpd_redact_json(&out, c->json, c->len, NULL, err);
  if (st != CPD_OK) {
    assert_null(out);
    return st;
  }
  cpd_string_free(out);
  return CPD_OK;
}

/* An input error must stay that input error, or become out_of_memory. */
typedef struct bad_ctx {
  const char *json;
  const char *code;
} bad_ctx;

static cpd_status bad_input(const void *ctx, cpd_error *err) {
  const bad_ctx *c = ctx;
  char *out = NULL;
  cpd_status st =
      cpd_check_json(&out, NULL, c->json, strlen(c->json), NULL, err);
  assert_null(out);
  if (st == CPD_EINPUT) {
    assert_string_equal(err->code, c->code);
    return CPD_OK; /* the expected outcome */
  }
  return st;
}

/* The C-struct entry point: no JSON at all. */
static cpd_status evaluate_struct(const void *ctx, cpd_error *err) {
  static const cpd_value ev[] = {CPD_TEXT("cert.pdf")};
  static const cpd_value comp[] = {CPD_TEXT("OP-1"), CPD_TEXT("XX-9")};
  cpd_activity acts[4];
  cpd_application app;
  cpd_result *r = NULL;
  char *out = NULL;
  cpd_status st;
  size_t i;
  (void)ctx;
  memset(&app, 0, sizeof app);
  memset(acts, 0, sizeof acts);
  app.version = CPD_APPLICATION_VERSION;
  app.applied_on = (cpd_value)CPD_TEXT("2027-02-10");
  app.expires_on = (cpd_value)CPD_TEXT("2027-03-31");
  app.qualification =
      (cpd_value)CPD_TEXT("\xef\xbc\xaf\xef\xbc\xad\xef\xbc\xb0");
  app.certification_number = (cpd_value)CPD_TEXT("OMP-1");
  app.applicant.name = (cpd_value)CPD_TEXT("N");
  app.applicant.name_kana = (cpd_value)CPD_TEXT("\xe3\x81\x82");
  app.applicant.postal_code = (cpd_value)CPD_TEXT("100-0005");
  app.applicant.address = (cpd_value)CPD_TEXT("A");
  app.applicant.phone = (cpd_value)CPD_TEXT("03-1234-5678");
  app.applicant.email = (cpd_value)CPD_TEXT("a@b.jp");
  app.fee_paid_on = (cpd_value)CPD_TEXT("2027-02-01");
  app.fee_payer_name = (cpd_value)CPD_TEXT("P");
  app.oath_agreed = (cpd_value)CPD_BOOL(1);
  for (i = 0; i < 4; i++) {
    acts[i].category = (cpd_value)CPD_TEXT(i < 2 ? "A" : "B");
    acts[i].title = (cpd_value)CPD_TEXT(i == 3 ? "t2" : "t");
    acts[i].completed_on = (cpd_value)CPD_TEXT("2025-06-01");
    acts[i].hours = (cpd_value)CPD_NUMBER(20);
    acts[i].evidence = ev;
    acts[i].evidence_count = 1;
    acts[i].competencies = comp;
    acts[i].competency_count = 2;
  }
  acts[0].id = (cpd_value)CPD_NUMBER(7);
  acts[1].id = (cpd_value)CPD_TEXT("x");
  app.activities = acts;
  app.activity_count = 4;
  st = cpd_evaluate(&r, NULL, &app, err);
  if (st != CPD_OK) {
    assert_null(r);
    return st;
  }
  st = cpd_result_to_json(&out, r);
  cpd_result_free(r);
  if (st != CPD_OK) {
    strcpy(err->code, "out_of_memory");
    return st;
  }
  cpd_string_free(out);
  return CPD_OK;
}

static cpd_status day_parse(const void *ctx, cpd_error *err) {
  cpd_day d;
  /* full width: the NFKC path allocates */
  static const char text[] = "\xe4\xbb\xa4\xe5\x92\x8c\xef\xbc\x96\xe5\xb9\xb4"
                             "\xef\xbc\x94\xe6\x9c\x88\xef\xbc\x91\xe6\x97\xa5";
  cpd_status st = cpd_day_parse(&d, text, strlen(text));
  (void)ctx;
  if (st != CPD_OK)
    strcpy(err->code, "out_of_memory");
  return st;
}

static cpd_status error_doc(const void *ctx, cpd_error *err) {
  cpd_error e;
  char *out = NULL;
  cpd_status st;
  (void)ctx;
  memset(&e, 0, sizeof e);
  strcpy(e.code, "input.syntax");
  e.offset = 3;
  strcpy(e.message, "m \"quoted\"\n");
  strcpy(e.message_ja, "\xe3\x81\x82");
  st = cpd_error_to_json(&out, &e);
  if (st != CPD_OK) {
    assert_null(out);
    strcpy(err->code, "out_of_memory");
    return st;
  }
  cpd_string_free(out);
  return CPD_OK;
}

typedef struct audit_ctx {
  int stratify;
  int json;
} audit_ctx;

static cpd_status audit(const void *ctx, cpd_error *err) {
  const audit_ctx *c = ctx;
  static const char *const include[] = {"OMP-000001"};
  static const char *const lines[] = {
      "{\"number\":\"OMP-000001\",\"qualification\":\"OMP\"}",
      "{\"certification\":{\"number\":\"CAP-000002\"},\"qualification\":"
      "\"CAP\"}",
      "{\"number\":\"\xef\xbc\xaf\xef\xbc\xad\xef\xbc\xb0-000003\"}"};
  cpd_audit_options o = CPD_AUDIT_OPTIONS_INIT;
  cpd_audit *a = NULL;
  cpd_status st;
  size_t i;
  char num[32];
  uint64_t h;
  o.seed = 42;
  o.rate_ppm = 300000;
  o.stratify = c->stratify;
  o.include = include;
  o.include_count = 1;
  st = cpd_audit_hash(&h, "\xef\xbc\xaf-1", 5, 7);
  if (st != CPD_OK) {
    strcpy(err->code, "out_of_memory");
    return st;
  }
  st = cpd_audit_new(&a, &o);
  if (st != CPD_OK) {
    assert_null(a);
    strcpy(err->code, "out_of_memory");
    return st;
  }
  for (i = 0; i < 12 && st == CPD_OK; i++) {
    if (c->json && i < 3) {
      st = cpd_audit_add_json(a, lines[i], strlen(lines[i]), err);
    } else {
      snprintf(num, sizeof num, "%s-%06zu", i % 2 ? "CAP" : "OMP", i + 10);
      st = cpd_audit_add(a, num, i % 3 ? (i % 2 ? "CAP" : "OMP") : NULL, err);
    }
  }
  if (st == CPD_OK) {
    st = cpd_audit_finish(a); /* no err argument */
    if (st == CPD_ENOMEM)
      strcpy(err->code, "out_of_memory");
  }
  if (st == CPD_OK)
    assert_int_equal(cpd_audit_count(a), 12);
  cpd_audit_free(a);
  return st;
}

/* ------------------------------------------------------------------- tests */

/* every document of these that evaluates (the hostile inputs include
 * wrong types and unknown fields, which take their own allocations) */
static const char *const dirs[] = {"tests/golden", "examples",
                                   "tests/bad-inputs"};

static int evaluates(const char *json, size_t len) {
  char *out = NULL;
  cpd_status st = cpd_check_json(&out, NULL, json, len, NULL, NULL);
  cpd_string_free(out);
  return st == CPD_OK;
}

static void each_app(const char *what, scenario fn, const cpd_policy *policy) {
  size_t d, i, n;
  for (d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
    char *names[MAX_FILES];
    n = list_apps(dirs[d], names);
    for (i = 0; i < n; i++) {
      doc_ctx c;
      char label[600];
      char *json = cpdt_read_file(names[i], &c.len);
      c.json = json;
      c.policy = policy;
      snprintf(label, sizeof label, "%s %s", what, names[i]);
      /* a golden input error is an input error before any allocation
       * could matter: exhaust the documents that evaluate */
      if (evaluates(json, c.len))
        exhaust(label, fn, &c);
      free(json);
      free(names[i]);
    }
  }
}

static void
test_every_allocation_of_each_golden_check_fails_cleanly(void **state) {
  (void)state;
  each_app("check", check_json, NULL);
  no_broken_runs();
}

static void
test_every_allocation_of_the_typed_route_fails_cleanly(void **state) {
  (void)state;
  each_app("evaluate", evaluate_json_then_write, NULL);
  no_broken_runs();
}

static void
test_every_allocation_under_a_loaded_policy_fails_cleanly(void **state) {
  static const char pol[] =
      "{\"versions\":[{\"effective_from\":\"2019-01-01\"},{\"effective_from\":"
      "\"2026-04-01\",\"period_years\":2,\"points_per_hour\":0.5}]}";
  cpd_policy *p = NULL;
  (void)state;
  assert_int_equal(cpd_policy_load_json(&p, pol, strlen(pol), NULL, NULL),
                   CPD_OK);
  each_app("check (versioned policy)", check_json, p);
  cpd_policy_free(p);
  no_broken_runs();
}

static void test_every_allocation_of_a_policy_load_fails_cleanly(void **state) {
  static const char *const docs[] = {
      "{\"name\":\"\xef\xbc\xa6uzz\",\"effective_from\":\"R1.5.1\","
      "\"fiscal_year_starts\":\"01-01\",\"period_years\":5,"
      "\"required_points\":40.5,\"points_per_hour\":1.5,\"window\":{"
      "\"opens_months_before_renewal\":6,\"closes_months_before_renewal\":1},"
      "\"sections\":[{\"category\":\"A\",\"per_year\":true,\"cap\":10,"
      "\"form_rows\":4,\"evidence_required\":false},{\"category\":\"D\","
      "\"cap\":null}],\"qualifications\":[\"OMP\",\"CAP\",\"NEW\"],"
      "\"competencies\":[\"ZZ-1\",\"AA-1\",\"OP-1\",\"\xef\xbc\xaf\xef\xbc\xb0"
      "-2\"]}",
      "{\"versions\":[{\"effective_from\":\"2019-01-01\"},{\"effective_from\":"
      "\"2025-04-01\",\"required_points\":36}]}"};
  size_t i, d;
  (void)state;
  for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
    doc_ctx c = {docs[i], strlen(docs[i]), NULL};
    exhaust("policy load", policy_load, &c);
  }
  for (d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
    DIR *dir = opendir(dirs[d]);
    struct dirent *e;
    if (!dir)
      continue;
    while ((e = readdir(dir)) != NULL) {
      char path[600];
      doc_ctx c;
      char *json;
      if (!cpdt_ends_with(e->d_name, ".policy.json"))
        continue;
      snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
      json = cpdt_read_file(path, &c.len);
      c.json = json;
      c.policy = NULL;
      exhaust(path, policy_load, &c);
      free(json);
    }
    closedir(dir);
  }
  exhaust("cpd_policy_default", policy_default, NULL);
  no_broken_runs();
}

static void
test_every_allocation_of_the_c_entry_point_fails_cleanly(void **state) {
  (void)state;
  exhaust("cpd_evaluate", evaluate_struct, NULL);
  exhaust("cpd_day_parse", day_parse, NULL);
  exhaust("cpd_error_to_json", error_doc, NULL);
  no_broken_runs();
}

static void
test_every_allocation_of_documents_plans_and_redaction_fails_cleanly(
    void **state) {
  (void)state;
  each_app("document", document, NULL);
  each_app("plan", plan_json, NULL);
  each_app("redact", redact_json, NULL);
  each_app("application to JSON", application_json, NULL);
  no_broken_runs();
}

static void test_every_allocation_of_the_tables_fails_cleanly(void **state) {
  (void)state;
  exhaust("tables", tables, NULL);
  no_broken_runs();
}

static void test_every_allocation_of_the_audit_fails_cleanly(void **state) {
  static const audit_ctx c[] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof c / sizeof c[0]; i++)
    exhaust("audit", audit, &c[i]);
  no_broken_runs();
}

static void test_input_errors_stay_input_errors_or_out_of_memory(void **state) {
  static char many[2048], deep[512];
  static bad_ctx cases[] = {
      {"{\"applied_on\":\"2027-02-10\",\"x\":{\"k~/"
       "\":[1,{\"\\u00e9\":\"\xff\"}]}}",
       "input.invalid_utf8"},
      {"{\"a\":[1,2,{\"b\":NaN}]}", "input.syntax"},
      {"{\"a\":{\"b\":1e999}}", "input.non_finite_number"},
      {"{\"certification\":{\"expires_on\":\"2027-03-31\"}}",
       "input.missing_field"},
      {"{\"applied_on\":\"2027-02-30\",\"certification\":{\"expires_on\":"
       "\"2027-03-31\"}}",
       "input.invalid_date"},
      {"[]", "input.not_object"},
      {NULL, "input.duplicate_key"},
      {NULL, "input.too_deep"},
  };
  size_t i, n = 0;
  (void)state;
  /* more than 16 keys: the sorted duplicate search allocates */
  n += (size_t)sprintf(many + n, "{\"a\":{");
  for (i = 0; i < 40; i++)
    n += (size_t)sprintf(many + n, "\"k%02zu\":%zu,", i, i);
  sprintf(many + n, "\"k07\":0}}");
  cases[6].json = many;
  for (i = 0, n = 0; i < 70; i++)
    n += (size_t)sprintf(deep + n, i ? "{\"k%zu\":" : "{\"a\":", i);
  cases[7].json = deep;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    exhaust_ex(cases[i].code, bad_input, &cases[i], 1);
  no_broken_runs();
}

/* -------------------------------------------------------- cJSON's hooks */

static _Thread_local unsigned long cj_count, cj_fail_at;

static void *cj_malloc(size_t n) {
  if (cj_fail_at && ++cj_count >= cj_fail_at)
    return NULL;
  return malloc(n);
}

static cpd_status check_with_cjson_failing(const doc_ctx *c, unsigned long n,
                                           cpd_error *err) {
  cj_count = 0;
  cj_fail_at = n;
  return check_json(c, err);
}

static void test_every_cjson_allocation_of_a_check_fails_cleanly(void **state) {
  cJSON_Hooks hooks = {cj_malloc, free};
  char *names[MAX_FILES];
  size_t n = list_apps("tests/golden", names), i;
  (void)state;
  cJSON_InitHooks(&hooks);
  for (i = 0; i < n; i++) {
    doc_ctx c;
    cpd_error err;
    unsigned long k, m;
    char *json = cpdt_read_file(names[i], &c.len);
    c.json = json;
    c.policy = NULL;
    cpd_status normal;
    /* count cJSON's allocations: fail at "infinity" */
    cj_count = 0;
    cj_fail_at = (unsigned long)-1;
    normal = check_json(&c, &err);
    m = cj_count;
    for (k = 1; k <= m + 1; k++) {
      long before = live_blocks;
      cpd_status st = check_with_cjson_failing(&c, k, &err);
      if (k <= m && st != CPD_ENOMEM)
        fail_msg("%s: cJSON allocation %lu failed, status %d", names[i], k,
                 (int)st);
      if (k > m && st != normal)
        fail_msg("%s: status %d without failures", names[i], (int)st);
      if (st == CPD_ENOMEM)
        assert_string_equal(err.code, "out_of_memory");
      if (live_blocks != before)
        fail_msg("%s: cJSON allocation %lu failed: leak", names[i], k);
      all.runs++;
    }
    cj_fail_at = 0;
    free(json);
    free(names[i]);
  }
  cJSON_InitHooks(NULL);
}

static void test_summary(void **state) {
  (void)state;
  print_message("alloc: %lu paths, %lu allocations, %lu injected runs\n",
                all.paths, all.allocations, all.runs);
  assert_true(all.paths > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(
          test_every_allocation_of_each_golden_check_fails_cleanly),
      cmocka_unit_test(test_every_allocation_of_the_typed_route_fails_cleanly),
      cmocka_unit_test(
          test_every_allocation_under_a_loaded_policy_fails_cleanly),
      cmocka_unit_test(test_every_allocation_of_a_policy_load_fails_cleanly),
      cmocka_unit_test(
          test_every_allocation_of_the_c_entry_point_fails_cleanly),
      cmocka_unit_test(
          test_every_allocation_of_documents_plans_and_redaction_fails_cleanly),
      cmocka_unit_test(test_every_allocation_of_the_audit_fails_cleanly),
      cmocka_unit_test(test_every_allocation_of_the_tables_fails_cleanly),
      cmocka_unit_test(test_input_errors_stay_input_errors_or_out_of_memory),
      cmocka_unit_test(test_every_cjson_allocation_of_a_check_fails_cleanly),
      cmocka_unit_test(test_summary),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

#else /* !CPD_FAULT_INJECTION */

/* Built without the fault-injection copy of the library (the
 * CPD_FAULT_INJECTION option is off): nothing to test. */
static void test_skipped_without_fault_injection(void **state) {
  (void)state;
  skip();
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_skipped_without_fault_injection),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
#endif
