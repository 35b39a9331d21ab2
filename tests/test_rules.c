/* test_rules.c - the renewal rules R1-R16 of docs/RULES.md through the pure C
 * API (cpd_evaluate), one behaviour per test.  Each test starts from a valid
 * baseline application (the shape of tests/golden/eligible-basic.json)
 * built in C and changes one thing.  Every evaluation also goes through
 * check_result(), which holds the invariants that must be true of any
 * result: the decision agrees with the worst severity, the total is the sum
 * of the sections, severities follow docs/RULES.md, and no message carries the
 * applicant's personal details. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "cpd.h"

/* ------------------------------------------------------------ baseline */

/* Distinctive personal details: no message may contain any of them. */
#define P_NAME "鬼瓦 権蔵"
#define P_NAME_KANA "おにがわら ごんぞう"
#define P_COMPANY "株式会社ズクエ"
#define P_COMPANY_KANA "かぶしきがいしゃずくえ"
#define P_POSTAL "100-0005"
#define P_ADDRESS "北海道稚内市宗谷岬2-7-31 ZQX荘"
#define P_PHONE "0162-76-5432"
#define P_MOBILE "080-9753-1864"
#define P_EMAIL "gonzo.zqx@example.jp"
#define P_PAYER "オニガワラ ゴンゾウ"

/* Fragments of the above that must never appear in a message either (a
 * message could echo a normalised or partial value). */
static const char *const personal_fragments[] = {
    "鬼瓦",  "権蔵",       "おにがわら", "ごんぞう", "宗谷岬",
    "ZQX",   "76-5432",    "765432",     "9753",     "1864",
    "gonzo", "オニガワラ", "ゴンゾウ"};

#define MAX_ACTS 32

typedef struct tapp {
  cpd_application app;
  cpd_activity acts[MAX_ACTS];
  cpd_value evidence[MAX_ACTS];
  cpd_value comps[MAX_ACTS];
} tapp;

static cpd_value txt(const char *s) {
  cpd_value v = CPD_TEXT(s);
  return v;
}
static cpd_value num(double x) {
  cpd_value v = CPD_NUMBER(x);
  return v;
}
static cpd_value boolv(int b) {
  cpd_value v = CPD_BOOL(b);
  return v;
}
static cpd_value absent(void) {
  cpd_value v = CPD_ABSENT;
  return v;
}

/* Append an activity; A and B get one evidence file, C and D none. */
static size_t add_act(tapp *t, const char *id, const char *cat,
                      const char *title, const char *date, double hours) {
  size_t i = t->app.activity_count;
  cpd_activity *a;
  assert_true(i < MAX_ACTS);
  a = &t->acts[i];
  memset(a, 0, sizeof *a);
  a->id = id ? txt(id) : absent();
  a->category = txt(cat);
  a->title = txt(title);
  a->completed_on = txt(date);
  a->hours = num(hours);
  a->points = absent();
  a->year = absent();
  t->evidence[i] = txt("evidence.pdf");
  if (cat[0] == 'A' || cat[0] == 'B') {
    a->evidence = &t->evidence[i];
    a->evidence_count = 1;
  }
  t->app.activity_count = i + 1;
  return i;
}

static void set_competency(tapp *t, size_t i, const char *code) {
  t->comps[i] = txt(code);
  t->acts[i].competencies = &t->comps[i];
  t->acts[i].competency_count = 1;
}

/* tests/golden/eligible-basic.json: 34 points, eligible, one info
 * (section.capped on B-1 at activity 3). */
static void baseline(tapp *t) {
  size_t i;
  memset(t, 0, sizeof *t);
  t->app.version = CPD_APPLICATION_VERSION;
  t->app.applied_on = txt("2027-02-10");
  t->app.qualification = txt("OMP");
  t->app.certification_number = txt("OMP-000123");
  t->app.expires_on = txt("2027-03-31");
  t->app.applicant.name = txt(P_NAME);
  t->app.applicant.name_kana = txt(P_NAME_KANA);
  t->app.applicant.company = txt(P_COMPANY);
  t->app.applicant.company_kana = txt(P_COMPANY_KANA);
  t->app.applicant.postal_code = txt(P_POSTAL);
  t->app.applicant.address = txt(P_ADDRESS);
  t->app.applicant.phone = txt(P_PHONE);
  t->app.applicant.mobile = txt(P_MOBILE);
  t->app.applicant.email = txt(P_EMAIL);
  t->app.fee_paid_on = txt("2027-02-01");
  t->app.fee_payer_name = txt(P_PAYER);
  t->app.oath_agreed = boolv(1);
  t->app.activities = t->acts;
  t->app.activity_count = 0;

  i = add_act(t, "a1", "A", "OMP対策講座", "2024-06-15", 6); /* 0 */
  t->acts[i].points = num(6);
  set_competency(t, i, "OP-1");
  add_act(t, "a2", "A", "CAP基礎講座", "2026-05-20", 6);           /* 1 */
  i = add_act(t, "b1", "B", "外部研修 応対品質", "2024-09-01", 4); /* 2 */
  t->acts[i].points = num(4);
  t->acts[i].year = num(1);
  i = add_act(t, "b2", "B", "外部研修 KPI", "2024-11-01", 3); /* 3 */
  t->acts[i].points = num(3);
  i = add_act(t, "b3", "B", "外部研修 WFM", "2025-07-01", 3); /* 4 */
  t->acts[i].points = num(3);
  i = add_act(t, "c1", "C", "書籍 学習", "2025-01-10", 5); /* 5 */
  t->acts[i].points = num(5);
  i = add_act(t, "c2", "C", "eラーニング", "2025-12-10", 5); /* 6 */
  t->acts[i].points = num(5);
  i = add_act(t, "d1", "D", "業界セミナー講師", "2026-10-01", 4); /* 7 */
  t->acts[i].points = num(4);
}

/* The baseline without activities. */
static void baseline_no_activities(tapp *t) {
  baseline(t);
  t->app.activity_count = 0;
}

/* ------------------------------------------------------------- helpers */

static cpd_day ymd(int y, int m, int d) {
  cpd_day out = 0;
  assert_int_equal(cpd_day_from_ymd(&out, y, m, d), CPD_OK);
  return out;
}

static void assert_day_(cpd_day d, const char *iso, const char *file,
                        int line) {
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
#define assert_day(d, iso) assert_day_((d), (iso), __FILE__, __LINE__)

static void dump_diags(const cpd_result *r) {
  size_t i, n = cpd_result_diagnostic_count(r);
  print_error("  decision %s, %zu diagnostics:\n",
              cpd_decision_str(cpd_result_summary(r)->decision), n);
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    print_error("    %-36s %-7s %s\n", d->code, cpd_severity_str(d->severity),
                d->path);
  }
}

/* Number of diagnostics with this code (and this path unless NULL). */
static size_t count_diag(const cpd_result *r, const char *code,
                         const char *path) {
  size_t i, n = cpd_result_diagnostic_count(r), k = 0;
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    if (strcmp(d->code, code) == 0 && (!path || strcmp(d->path, path) == 0))
      k++;
  }
  return k;
}

static const cpd_diagnostic *find_diag(const cpd_result *r, const char *code,
                                       const char *path) {
  size_t i, n = cpd_result_diagnostic_count(r);
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    if (strcmp(d->code, code) == 0 && (!path || strcmp(d->path, path) == 0))
      return d;
  }
  return NULL;
}

static void assert_diag_count_(const cpd_result *r, const char *code,
                               const char *path, size_t want, const char *file,
                               int line) {
  size_t got = count_diag(r, code, path);
  if (got != want) {
    print_error("%zu diagnostics %s at %s, expected %zu\n", got, code,
                path ? path : "(any path)", want);
    dump_diags(r);
    _fail(file, line);
  }
}
#define assert_diag_count(r, code, path, n)                                    \
  assert_diag_count_((r), (code), (path), (n), __FILE__, __LINE__)

static void assert_has_diag_(const cpd_result *r, const char *code,
                             const char *path, const char *file, int line) {
  if (!find_diag(r, code, path)) {
    print_error("no diagnostic %s at %s\n", code, path ? path : "(any path)");
    dump_diags(r);
    _fail(file, line);
  }
}
#define assert_has_diag(r, code, path)                                         \
  assert_has_diag_((r), (code), (path), __FILE__, __LINE__)
#define assert_no_diag(r, code) assert_diag_count((r), (code), NULL, 0)

static void assert_decision_(const cpd_result *r, cpd_decision want,
                             const char *file, int line) {
  if (cpd_result_summary(r)->decision != want) {
    print_error("decision %s, expected %s\n",
                cpd_decision_str(cpd_result_summary(r)->decision),
                cpd_decision_str(want));
    dump_diags(r);
    _fail(file, line);
  }
}
#define assert_decision(r, d) assert_decision_((r), (d), __FILE__, __LINE__)

/* The exact set of diagnostic codes, given as a NULL-terminated list. */
static void assert_codes_(const cpd_result *r, const char *file, int line,
                          ...) {
  va_list ap;
  const char *want[32];
  size_t nwant = 0, i, j, n = cpd_result_diagnostic_count(r);
  int ok = 1;
  va_start(ap, line);
  for (;;) {
    const char *c = va_arg(ap, const char *);
    if (!c)
      break;
    assert_true(nwant < 32);
    want[nwant++] = c;
  }
  va_end(ap);
  for (i = 0; i < nwant; i++)
    if (!find_diag(r, want[i], NULL)) {
      print_error("missing diagnostic %s\n", want[i]);
      ok = 0;
    }
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    int listed = 0;
    for (j = 0; j < nwant; j++)
      listed |= strcmp(d->code, want[j]) == 0;
    if (!listed) {
      print_error("unexpected diagnostic %s at %s\n", d->code, d->path);
      ok = 0;
    }
  }
  if (!ok) {
    dump_diags(r);
    _fail(file, line);
  }
}
#define assert_codes(r, ...)                                                   \
  assert_codes_((r), __FILE__, __LINE__, __VA_ARGS__, (const char *)NULL)

static const cpd_activity_result *act(const cpd_result *r, size_t i) {
  const cpd_activity_result *a = cpd_result_activity(r, i);
  assert_non_null(a);
  assert_int_equal(a->index, i);
  return a;
}

static const cpd_section_total *sec(const cpd_result *r, const char *name) {
  size_t i, n = cpd_result_section_count(r);
  for (i = 0; i < n; i++) {
    const cpd_section_total *s = cpd_result_section(r, i);
    if (strcmp(s->section, name) == 0)
      return s;
  }
  print_error("no section %s\n", name);
  fail();
  return NULL;
}

static void assert_act_(const cpd_result *r, size_t i, const char *section,
                        int year, cpd_points counted,
                        cpd_activity_status status, const char *file,
                        int line) {
  const cpd_activity_result *a = cpd_result_activity(r, i);
  int ok = a != NULL;
  if (ok) {
    ok = a->index == i &&
         (section ? a->section && strcmp(a->section, section) == 0
                  : a->section == NULL) &&
         a->year == year && a->counted == counted && a->status == status;
  }
  if (!ok) {
    if (a)
      print_error("activity %zu: section %s year %d counted %lld status %s; "
                  "expected section %s year %d counted %lld status %s\n",
                  i, a->section ? a->section : "null", a->year,
                  (long long)a->counted, cpd_activity_status_str(a->status),
                  section ? section : "null", year, (long long)counted,
                  cpd_activity_status_str(status));
    else
      print_error("no activity %zu\n", i);
    dump_diags(r);
    _fail(file, line);
  }
}
#define assert_act(r, i, section, year, counted, status)                       \
  assert_act_((r), (i), (section), (year), (counted), (status), __FILE__,      \
              __LINE__)

/* docs/RULES.md "Severity classes". */
static int expected_severity(const char *code, cpd_severity *out) {
  static const char *const fatal[] = {"window.closed", "points.shortfall",
                                      "fee.late"};
  static const char *const error[] = {"qualification.invalid",
                                      "window.not_yet_open",
                                      "activity.date_after_application",
                                      "activity.invalid_number",
                                      "activity.invalid_category",
                                      "activity.invalid_date",
                                      "fee.missing",
                                      "fee.invalid_date",
                                      "oath.not_agreed",
                                      "applicant.missing_field",
                                      "applicant.kana_invalid",
                                      "applicant.postal_code_invalid",
                                      "applicant.phone_invalid",
                                      "applicant.email_invalid",
                                      "activity.evidence_missing"};
  static const char *const warning[] = {
      "certification.expiry_not_fiscal_year_end",
      "activity.outside_period",
      "activity.year_mismatch",
      "activity.points_reduced",
      "activity.duplicate",
      "fee.paid_before_window",
      "activity.unknown_competency",
      "application.unknown_field"};
  static const char *const info[] = {"section.capped",
                                     "form.continuation_sheet"};
  size_t i;
  for (i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
    if (strcmp(code, fatal[i]) == 0)
      return *out = CPD_SEVERITY_FATAL, 1;
  for (i = 0; i < sizeof error / sizeof error[0]; i++)
    if (strcmp(code, error[i]) == 0)
      return *out = CPD_SEVERITY_ERROR, 1;
  for (i = 0; i < sizeof warning / sizeof warning[0]; i++)
    if (strcmp(code, warning[i]) == 0)
      return *out = CPD_SEVERITY_WARNING, 1;
  for (i = 0; i < sizeof info / sizeof info[0]; i++)
    if (strcmp(code, info[i]) == 0)
      return *out = CPD_SEVERITY_INFO, 1;
  return 0;
}

static void check_no_personal_data(const tapp *t, const char *msg,
                                   const cpd_diagnostic *d) {
  const cpd_applicant *ap = &t->app.applicant;
  const cpd_value *vals[7];
  size_t i;
  vals[0] = &ap->name;
  vals[1] = &ap->name_kana;
  vals[2] = &ap->address;
  vals[3] = &ap->phone;
  vals[4] = &ap->mobile;
  vals[5] = &ap->email;
  vals[6] = &t->app.fee_payer_name;
  for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
    const cpd_value *v = vals[i];
    if (v->kind == CPD_VALUE_TEXT && v->text && strlen(v->text) >= 5 &&
        strstr(msg, v->text)) {
      print_error("%s at %s echoes personal data \"%s\": %s\n", d->code,
                  d->path, v->text, msg);
      fail();
    }
  }
  for (i = 0; i < sizeof personal_fragments / sizeof personal_fragments[0]; i++)
    if (strstr(msg, personal_fragments[i])) {
      print_error("%s at %s echoes personal data \"%s\": %s\n", d->code,
                  d->path, personal_fragments[i], msg);
      fail();
    }
}

/* Invariants of every result. */
static void check_result(const tapp *t, const cpd_result *r) {
  const cpd_summary *sm = cpd_result_summary(r);
  size_t i, j, n;
  cpd_points total = 0;
  cpd_severity worst = CPD_SEVERITY_INFO;
  cpd_decision want;

  assert_non_null(sm);
  n = cpd_result_diagnostic_count(r);
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    cpd_severity sev = CPD_SEVERITY_INFO;
    assert_non_null(d->code);
    assert_non_null(d->path);
    assert_non_null(d->message);
    assert_non_null(d->message_ja);
    assert_true(d->path[0] == '\0' || d->path[0] == '/');
    if (!expected_severity(d->code, &sev)) {
      print_error("unknown diagnostic code %s\n", d->code);
      fail();
    }
    if (d->severity != sev) {
      print_error("%s has severity %s, RULES.md says %s\n", d->code,
                  cpd_severity_str(d->severity), cpd_severity_str(sev));
      fail();
    }
    if (d->severity > worst)
      worst = d->severity;
    check_no_personal_data(t, d->message, d);
    check_no_personal_data(t, d->message_ja, d);
  }
  want = worst == CPD_SEVERITY_FATAL   ? CPD_INELIGIBLE
         : worst == CPD_SEVERITY_ERROR ? CPD_INCOMPLETE
                                       : CPD_ELIGIBLE;
  if (sm->decision != want) {
    print_error("decision %s disagrees with the worst severity %s\n",
                cpd_decision_str(sm->decision), cpd_severity_str(worst));
    dump_diags(r);
    fail();
  }

  n = cpd_result_section_count(r);
  for (i = 0; i < n; i++) {
    const cpd_section_total *s = cpd_result_section(r, i);
    cpd_points from_acts = 0;
    size_t entries = 0;
    total += s->counted;
    assert_true(s->counted >= 0);
    assert_true(s->counted <= s->claimed);
    if (s->cap != CPD_NO_CAP)
      assert_true(s->counted <= s->cap);
    for (j = 0; j < cpd_result_activity_count(r); j++) {
      const cpd_activity_result *a = cpd_result_activity(r, j);
      if (a->section && strcmp(a->section, s->section) == 0 &&
          a->status != CPD_ACTIVITY_REJECTED) {
        from_acts += a->counted;
        entries++;
      }
    }
    assert_int_equal(from_acts, s->counted);
    assert_int_equal(entries, s->entries);
  }
  assert_int_equal(total, sm->counted);
  assert_int_equal(sm->shortfall,
                   sm->required > sm->counted ? sm->required - sm->counted : 0);

  assert_int_equal(cpd_result_activity_count(r), t->app.activity_count);
  for (i = 0; i < cpd_result_activity_count(r); i++) {
    const cpd_activity_result *a = cpd_result_activity(r, i);
    assert_int_equal(a->index, i);
    assert_true(a->counted >= 0 && a->counted <= a->claimed);
    if (a->status == CPD_ACTIVITY_REJECTED)
      assert_int_equal(a->counted, 0);
    if (!a->section)
      assert_int_equal(a->status, CPD_ACTIVITY_REJECTED);
  }

  if (sm->decision == CPD_ELIGIBLE) {
    assert_true(sm->renewal_starts_on != CPD_DAY_NONE);
    assert_true(sm->renewal_expires_on != CPD_DAY_NONE);
  } else {
    assert_true(sm->renewal_starts_on == CPD_DAY_NONE);
    assert_true(sm->renewal_expires_on == CPD_DAY_NONE);
  }
}

static cpd_result *eval_with(const tapp *t, const cpd_policy *p) {
  cpd_result *r = NULL;
  cpd_error err;
  cpd_status st;
  memset(&err, 0, sizeof err);
  st = cpd_evaluate(&r, p, &t->app, &err);
  if (st != CPD_OK)
    print_error("cpd_evaluate: %s (%s at %s)\n", cpd_status_str(st), err.code,
                err.path);
  assert_int_equal(st, CPD_OK);
  assert_non_null(r);
  check_result(t, r);
  return r;
}

static cpd_result *eval(const tapp *t) { return eval_with(t, NULL); }

/* An input error: status CPD_EINPUT, *out NULL, err filled. */
static void eval_input_error(const tapp *t, const char *code,
                             const char *path) {
  cpd_result *r = (cpd_result *)&r; /* must be reset to NULL */
  cpd_error err;
  cpd_status st;
  memset(&err, 0, sizeof err);
  st = cpd_evaluate(&r, NULL, &t->app, &err);
  assert_int_equal(st, CPD_EINPUT);
  assert_null(r);
  assert_string_equal(err.code, code);
  assert_string_equal(err.path, path);
  assert_true(err.message[0] != '\0');
  assert_true(err.message_ja[0] != '\0');
}

static cpd_policy *policy_from(const char *json) {
  cpd_policy *p = NULL;
  cpd_error err;
  cpd_status st;
  memset(&err, 0, sizeof err);
  st = cpd_policy_load_json(&p, json, strlen(json), NULL, &err);
  if (st != CPD_OK)
    print_error("policy refused: %s at %s: %s\n", err.code, err.path,
                err.message);
  assert_int_equal(st, CPD_OK);
  assert_non_null(p);
  return p;
}

/* -------------------------------------------------------------- baseline */

static void test_baseline_is_eligible(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  r = eval(&t);
  assert_decision(r, CPD_ELIGIBLE);
  assert_codes(r, "section.capped");
  assert_int_equal(cpd_result_summary(r)->counted, 3400);
  assert_string_equal(cpd_result_summary(r)->qualification, "OMP");
  cpd_result_free(r);
}

/* ------------------------------------------------------------------ R1 */

static void test_r1_qualification_missing_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.qualification = absent();
  r = eval(&t);
  assert_diag_count(r, "qualification.invalid", "/qualification", 1);
  assert_null(cpd_result_summary(r)->qualification);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r1_qualification_unknown_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.qualification = txt("OMPX");
  r = eval(&t);
  assert_diag_count(r, "qualification.invalid", "/qualification", 1);
  assert_null(cpd_result_summary(r)->qualification);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r1_qualification_full_width_is_accepted(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.qualification = txt("ＯＭＰ");
  r = eval(&t);
  assert_no_diag(r, "qualification.invalid");
  assert_string_equal(cpd_result_summary(r)->qualification, "OMP");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r1_qualification_cap_is_accepted(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.qualification = txt("CAP");
  r = eval(&t);
  assert_no_diag(r, "qualification.invalid");
  assert_string_equal(cpd_result_summary(r)->qualification, "CAP");
  cpd_result_free(r);
}

/* ------------------------------------------------------------------ R2 */

static void test_r2_fiscal_year_starts_april_first(void **state) {
  (void)state;
  assert_int_equal(cpd_policy_fiscal_year(NULL, ymd(2025, 3, 31)), 2024);
  assert_int_equal(cpd_policy_fiscal_year(NULL, ymd(2025, 4, 1)), 2025);
}

static void
test_r2_period_is_three_fiscal_years_ending_with_expiry(void **state) {
  tapp t;
  cpd_result *r;
  const cpd_summary *sm;
  cpd_day s = 0, e = 0;
  (void)state;
  baseline(&t);
  r = eval(&t);
  sm = cpd_result_summary(r);
  assert_day(sm->period_starts_on, "2024-04-01");
  assert_day(sm->period_expires_on, "2027-03-31");
  assert_int_equal(sm->period_years, 3);
  assert_int_equal(cpd_result_period_year(r, 1, &s, &e), CPD_OK);
  assert_day(s, "2024-04-01");
  assert_day(e, "2025-03-31");
  assert_int_equal(cpd_result_period_year(r, 2, &s, &e), CPD_OK);
  assert_day(s, "2025-04-01");
  assert_day(e, "2026-03-31");
  assert_int_equal(cpd_result_period_year(r, 3, &s, &e), CPD_OK);
  assert_day(s, "2026-04-01");
  assert_day(e, "2027-03-31");
  assert_int_equal(cpd_result_period_year(r, 0, &s, &e), CPD_EINVAL);
  assert_int_equal(cpd_result_period_year(r, 4, &s, &e), CPD_EINVAL);
  assert_no_diag(r, "certification.expiry_not_fiscal_year_end");
  cpd_result_free(r);
}

static void test_r2_expiry_not_fiscal_year_end_warns(void **state) {
  tapp t;
  cpd_result *r;
  const cpd_summary *sm;
  (void)state;
  baseline(&t);
  t.app.expires_on = txt("2027-03-30");
  r = eval(&t);
  assert_diag_count(r, "certification.expiry_not_fiscal_year_end",
                    "/certification/expires_on", 1);
  sm = cpd_result_summary(r);
  /* the rules still apply: FY(2027-03-30) = 2026, so the period starts on
   * 2024-04-01 and ends on E */
  assert_day(sm->period_starts_on, "2024-04-01");
  assert_day(sm->period_expires_on, "2027-03-30");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r2_expiry_mid_fiscal_year_keeps_its_fiscal_year(void **state) {
  tapp t;
  cpd_result *r;
  const cpd_summary *sm;
  (void)state;
  baseline(&t);
  t.app.expires_on = txt("2027-06-30");
  t.app.applied_on = txt("2027-05-10");
  r = eval(&t);
  sm = cpd_result_summary(r);
  assert_has_diag(r, "certification.expiry_not_fiscal_year_end",
                  "/certification/expires_on");
  /* FY(2027-06-30) = 2027: year 1 = FY 2025 */
  assert_day(sm->period_starts_on, "2025-04-01");
  assert_day(sm->period_expires_on, "2027-06-30");
  assert_day(sm->window_opens_on, "2027-04-01");
  assert_day(sm->window_closes_on, "2027-06-30");
  cpd_result_free(r);
}

static void test_r2_renewal_period_follows_expiry(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  r = eval(&t);
  assert_decision(r, CPD_ELIGIBLE);
  assert_day(cpd_result_summary(r)->renewal_starts_on, "2027-04-01");
  assert_day(cpd_result_summary(r)->renewal_expires_on, "2030-03-31");
  cpd_result_free(r);
}

/* ------------------------------------------------------------------ R3 */

static void test_r3_window_is_january_to_march_by_default(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  r = eval(&t);
  assert_day(cpd_result_summary(r)->window_opens_on, "2027-01-01");
  assert_day(cpd_result_summary(r)->window_closes_on, "2027-03-31");
  assert_int_equal(cpd_result_summary(r)->window_status, CPD_WINDOW_OPEN);
  cpd_result_free(r);
}

static void test_r3_window_open_on_first_day(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applied_on = txt("2027-01-01");
  t.app.fee_paid_on = txt("2027-01-01");
  r = eval(&t);
  assert_int_equal(cpd_result_summary(r)->window_status, CPD_WINDOW_OPEN);
  assert_no_diag(r, "window.not_yet_open");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r3_window_not_yet_open_on_day_before(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applied_on = txt("2026-12-31");
  r = eval(&t);
  assert_int_equal(cpd_result_summary(r)->window_status,
                   CPD_WINDOW_NOT_YET_OPEN);
  assert_diag_count(r, "window.not_yet_open", "/applied_on", 1);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r3_window_open_on_last_day(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applied_on = txt("2027-03-31");
  r = eval(&t);
  assert_int_equal(cpd_result_summary(r)->window_status, CPD_WINDOW_OPEN);
  assert_no_diag(r, "window.closed");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r3_window_closed_on_day_after(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applied_on = txt("2027-04-01");
  r = eval(&t);
  assert_int_equal(cpd_result_summary(r)->window_status, CPD_WINDOW_CLOSED);
  assert_diag_count(r, "window.closed", "/applied_on", 1);
  assert_decision(r, CPD_INELIGIBLE);
  cpd_result_free(r);
}

static void test_r3_strict_policy_closes_end_of_february(void **state) {
  tapp t;
  cpd_result *r;
  cpd_policy *p = policy_from("{\"window\":{\"opens_months_before_renewal\":3,"
                              "\"closes_months_before_renewal\":1}}");
  (void)state;
  baseline(&t);
  r = eval_with(&t, p);
  assert_day(cpd_result_summary(r)->window_opens_on, "2027-01-01");
  assert_day(cpd_result_summary(r)->window_closes_on, "2027-02-28");
  assert_int_equal(cpd_result_summary(r)->window_status, CPD_WINDOW_OPEN);
  cpd_result_free(r);

  t.app.applied_on = txt("2027-03-01");
  r = eval_with(&t, p);
  assert_int_equal(cpd_result_summary(r)->window_status, CPD_WINDOW_CLOSED);
  assert_has_diag(r, "window.closed", "/applied_on");
  assert_decision(r, CPD_INELIGIBLE);
  cpd_result_free(r);
  cpd_policy_free(p);
}

static void
test_r3_strict_policy_closes_february_29_in_leap_year(void **state) {
  tapp t;
  cpd_result *r;
  cpd_policy *p = policy_from("{\"window\":{\"opens_months_before_renewal\":3,"
                              "\"closes_months_before_renewal\":1}}");
  (void)state;
  baseline(&t);
  t.app.expires_on = txt("2028-03-31");
  t.app.applied_on = txt("2028-02-29");
  t.app.fee_paid_on = txt("2028-02-01");
  r = eval_with(&t, p);
  assert_day(cpd_result_summary(r)->window_opens_on, "2028-01-01");
  assert_day(cpd_result_summary(r)->window_closes_on, "2028-02-29");
  assert_int_equal(cpd_result_summary(r)->window_status, CPD_WINDOW_OPEN);
  cpd_result_free(r);
  cpd_policy_free(p);
}

static void test_r3_month_arithmetic_clamps_to_end_of_month(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.expires_on = txt("2027-05-30"); /* N = 2027-05-31 */
  t.app.applied_on = txt("2027-03-01");
  r = eval(&t);
  /* 2027-05-31 minus 3 months is "2027-02-31", clamped to 2027-02-28 */
  assert_day(cpd_result_summary(r)->window_opens_on, "2027-02-28");
  assert_day(cpd_result_summary(r)->window_closes_on, "2027-05-30");
  assert_int_equal(cpd_result_summary(r)->window_status, CPD_WINDOW_OPEN);
  cpd_result_free(r);
}

/* ------------------------------------------------------------------ R4 */

static void test_r4_march_31_is_in_year_1_april_1_in_year_2(void **state) {
  tapp t;
  cpd_result *r;
  size_t i, j;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演 1", "2025-03-31", 1);
  j = add_act(&t, NULL, "D", "講演 2", "2025-04-01", 1);
  r = eval(&t);
  assert_act(r, i, "D-1", 1, 100, CPD_ACTIVITY_COUNTED);
  assert_act(r, j, "D-2", 2, 100, CPD_ACTIVITY_COUNTED);
  cpd_result_free(r);
}

static void test_r4_activity_on_period_start_counts(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-04-01", 2);
  r = eval(&t);
  assert_act(r, i, "D-1", 1, 200, CPD_ACTIVITY_COUNTED);
  assert_no_diag(r, "activity.outside_period");
  cpd_result_free(r);
}

static void
test_r4_activity_before_period_is_outside_and_rejected(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-03-31", 2);
  r = eval(&t);
  assert_diag_count(r, "activity.outside_period", "/activities/8/completed_on",
                    1);
  assert_act(r, i, NULL, 0, 0, CPD_ACTIVITY_REJECTED);
  assert_decision(r, CPD_ELIGIBLE); /* a warning only */
  cpd_result_free(r);
}

static void test_r4_activity_on_application_date_counts(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2027-02-10", 2);
  r = eval(&t);
  assert_act(r, i, "D-3", 3, 100, CPD_ACTIVITY_PARTIALLY_COUNTED);
  assert_no_diag(r, "activity.date_after_application");
  cpd_result_free(r);
}

static void test_r4_activity_after_application_is_rejected(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2027-02-11", 1);
  r = eval(&t);
  assert_diag_count(r, "activity.date_after_application",
                    "/activities/8/completed_on", 1);
  assert_int_equal(act(r, i)->status, CPD_ACTIVITY_REJECTED);
  assert_int_equal(act(r, i)->counted, 0);
  assert_int_equal(sec(r, "D-3")->counted, 400);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void
test_r4_declared_year_mismatch_warns_and_computed_year_wins(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 2);
  t.acts[i].year = num(2);
  r = eval(&t);
  assert_diag_count(r, "activity.year_mismatch", "/activities/8/year", 1);
  assert_act(r, i, "D-1", 1, 200, CPD_ACTIVITY_COUNTED);
  assert_int_equal(sec(r, "D-2")->counted, 0);
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r4_declared_year_matching_is_silent(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 2);
  t.acts[i].year = txt("１");
  r = eval(&t);
  assert_no_diag(r, "activity.year_mismatch");
  assert_act(r, i, "D-1", 1, 200, CPD_ACTIVITY_COUNTED);
  cpd_result_free(r);
}

static void test_r4_activity_in_year_3(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "C", "自習", "2026-04-01", 2);
  r = eval(&t);
  assert_act(r, i, "C-3", 3, 200, CPD_ACTIVITY_COUNTED);
  cpd_result_free(r);
}

/* ------------------------------------------------------------------ R5 */

static void test_r5_points_absent_are_hours_times_one(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 3);
  r = eval(&t);
  assert_int_equal(act(r, i)->claimed, 300);
  assert_act(r, i, "D-1", 1, 300, CPD_ACTIVITY_COUNTED);
  cpd_result_free(r);
}

static void
test_r5_one_and_a_half_hours_are_one_and_a_half_points(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 1.5);
  r = eval(&t);
  assert_int_equal(act(r, i)->claimed, 150);
  assert_int_equal(act(r, i)->counted, 150);
  assert_int_equal(cpd_result_summary(r)->counted, 3550);
  cpd_result_free(r);
}

static void test_r5_points_above_hours_are_reduced(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 2);
  t.acts[i].points = num(3);
  r = eval(&t);
  assert_diag_count(r, "activity.points_reduced", "/activities/8/points", 1);
  assert_int_equal(act(r, i)->claimed, 200);
  assert_act(r, i, "D-1", 1, 200, CPD_ACTIVITY_COUNTED);
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r5_points_below_hours_are_kept(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 3);
  t.acts[i].points = num(1.25);
  r = eval(&t);
  assert_no_diag(r, "activity.points_reduced");
  assert_int_equal(act(r, i)->claimed, 125);
  assert_int_equal(act(r, i)->counted, 125);
  cpd_result_free(r);
}

/* One invalid hours value: activity.invalid_number at its hours, rejected,
 * decision incomplete. */
static void check_invalid_hours(cpd_value hours) {
  tapp t;
  cpd_result *r;
  size_t i;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 1);
  t.acts[i].hours = hours;
  r = eval(&t);
  assert_diag_count(r, "activity.invalid_number", "/activities/8/hours", 1);
  assert_int_equal(act(r, i)->status, CPD_ACTIVITY_REJECTED);
  assert_int_equal(act(r, i)->counted, 0);
  assert_int_equal(sec(r, "D-1")->counted, 0);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r5_hours_zero_is_invalid(void **state) {
  (void)state;
  check_invalid_hours(num(0));
}

static void test_r5_hours_negative_is_invalid(void **state) {
  (void)state;
  check_invalid_hours(num(-1));
}

static void test_r5_hours_10000_is_invalid(void **state) {
  (void)state;
  check_invalid_hours(num(10000));
}

static void test_r5_hours_above_9999_99_is_invalid(void **state) {
  (void)state;
  check_invalid_hours(txt("10000.00"));
}

static void test_r5_hours_with_three_decimals_is_invalid(void **state) {
  (void)state;
  check_invalid_hours(num(1.234));
}

static void test_r5_hours_text_with_three_decimals_is_invalid(void **state) {
  (void)state;
  check_invalid_hours(txt("1.005"));
}

static void test_r5_hours_text_abc_is_invalid(void **state) {
  (void)state;
  check_invalid_hours(txt("abc"));
}

static void test_r5_hours_missing_is_invalid(void **state) {
  (void)state;
  check_invalid_hours(absent());
}

static void test_r5_hours_bool_is_invalid(void **state) {
  (void)state;
  check_invalid_hours(boolv(1));
}

static void test_r5_hours_9999_99_is_valid(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "A", "長期講座", "2025-10-01", 9999.99);
  t.acts[i].points = num(9999.99);
  r = eval(&t);
  assert_no_diag(r, "activity.invalid_number");
  assert_no_diag(r, "activity.points_reduced");
  assert_act(r, i, "A", 2, 999999, CPD_ACTIVITY_COUNTED);
  assert_int_equal(sec(r, "A")->counted, 1200 + 999999);
  cpd_result_free(r);
}

static void test_r5_full_width_numeric_text_is_accepted(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "A", "講座", "2025-10-01", 1);
  t.acts[i].hours = txt("６");
  r = eval(&t);
  assert_no_diag(r, "activity.invalid_number");
  assert_int_equal(act(r, i)->claimed, 600);
  assert_int_equal(act(r, i)->counted, 600);
  cpd_result_free(r);
}

static void test_r5_decimal_numeric_text_is_accepted(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 1);
  t.acts[i].hours = txt("1.5");
  t.acts[i].points = txt("1.5");
  r = eval(&t);
  assert_no_diag(r, "activity.invalid_number");
  assert_int_equal(act(r, i)->claimed, 150);
  cpd_result_free(r);
}

static void test_r5_points_zero_is_valid(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 2);
  t.acts[i].points = num(0);
  r = eval(&t);
  assert_no_diag(r, "activity.invalid_number");
  assert_int_equal(act(r, i)->claimed, 0);
  assert_int_equal(act(r, i)->counted, 0);
  assert_true(act(r, i)->status != CPD_ACTIVITY_REJECTED);
  assert_int_equal(cpd_result_summary(r)->counted, 3400);
  cpd_result_free(r);
}

static void test_r5_points_negative_are_invalid(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 2);
  t.acts[i].points = num(-0.01);
  r = eval(&t);
  assert_diag_count(r, "activity.invalid_number", "/activities/8/points", 1);
  assert_int_equal(act(r, i)->status, CPD_ACTIVITY_REJECTED);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r5_points_with_three_decimals_are_invalid(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 2);
  t.acts[i].points = txt("1.125");
  r = eval(&t);
  assert_diag_count(r, "activity.invalid_number", "/activities/8/points", 1);
  assert_int_equal(act(r, i)->status, CPD_ACTIVITY_REJECTED);
  cpd_result_free(r);
}

static void test_r5_points_above_9999_99_are_invalid(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "A", "講座", "2025-10-01", 9999.99);
  t.acts[i].points = num(10000);
  r = eval(&t);
  assert_diag_count(r, "activity.invalid_number", "/activities/8/points", 1);
  assert_int_equal(act(r, i)->status, CPD_ACTIVITY_REJECTED);
  cpd_result_free(r);
}

static void test_r5_points_per_hour_product_is_truncated(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  cpd_policy *p = policy_from("{\"points_per_hour\":0.5}");
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2024-10-01", 1.25);
  r = eval_with(&t, p);
  /* 1.25 h x 0.5 = 0.625, truncated to 0.62 */
  assert_int_equal(act(r, i)->claimed, 62);
  assert_int_equal(act(r, i)->counted, 62);
  cpd_result_free(r);
  cpd_policy_free(p);
}

/* ------------------------------------------------------------------ R6 */

static void
test_r6_cap_partially_counts_activity_crossing_the_cap(void **state) {
  tapp t;
  cpd_result *r;
  const cpd_section_total *s;
  (void)state;
  baseline(&t);
  r = eval(&t);
  assert_act(r, 2, "B-1", 1, 400, CPD_ACTIVITY_COUNTED);
  assert_act(r, 3, "B-1", 1, 100, CPD_ACTIVITY_PARTIALLY_COUNTED);
  s = sec(r, "B-1");
  assert_int_equal(s->claimed, 700);
  assert_int_equal(s->counted, 500);
  assert_int_equal(s->cap, 500);
  assert_int_equal(s->entries, 2);
  assert_diag_count(r, "section.capped", NULL, 1);
  assert_diag_count(r, "section.capped", "/activities/3", 1);
  cpd_result_free(r);
}

static void test_r6_activity_after_the_cap_is_capped(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "B", "外部研修 追加", "2025-02-01", 2);
  r = eval(&t);
  assert_act(r, i, "B-1", 1, 0, CPD_ACTIVITY_CAPPED);
  assert_int_equal(act(r, i)->claimed, 200);
  assert_int_equal(sec(r, "B-1")->counted, 500);
  assert_int_equal(sec(r, "B-1")->claimed, 900);
  /* still one section.capped for B-1, at the crossing activity */
  assert_diag_count(r, "section.capped", NULL, 1);
  assert_diag_count(r, "section.capped", "/activities/3", 1);
  cpd_result_free(r);
}

static void
test_r6_earlier_dated_activity_listed_later_counts_first(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "B", "外部研修 早期", "2024-05-01", 2);
  r = eval(&t);
  assert_act(r, i, "B-1", 1, 200, CPD_ACTIVITY_COUNTED);
  assert_act(r, 2, "B-1", 1, 300, CPD_ACTIVITY_PARTIALLY_COUNTED);
  assert_act(r, 3, "B-1", 1, 0, CPD_ACTIVITY_CAPPED);
  assert_diag_count(r, "section.capped", "/activities/2", 1);
  cpd_result_free(r);
}

static void test_r6_same_date_counts_in_input_order(void **state) {
  tapp t;
  cpd_result *r;
  size_t i, j;
  (void)state;
  baseline_no_activities(&t);
  add_act(&t, NULL, "A", "講座", "2025-06-01", 30);
  i = add_act(&t, NULL, "B", "研修 一", "2024-10-01", 3);
  j = add_act(&t, NULL, "B", "研修 二", "2024-10-01", 4);
  r = eval(&t);
  assert_act(r, i, "B-1", 1, 300, CPD_ACTIVITY_COUNTED);
  assert_act(r, j, "B-1", 1, 200, CPD_ACTIVITY_PARTIALLY_COUNTED);
  assert_diag_count(r, "section.capped", "/activities/2", 1);
  cpd_result_free(r);
}

static void test_r6_section_a_has_no_cap(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "A", "長期講座", "2025-06-01", 40);
  r = eval(&t);
  assert_act(r, i, "A", 2, 4000, CPD_ACTIVITY_COUNTED);
  assert_int_equal(sec(r, "A")->cap, CPD_NO_CAP);
  assert_int_equal(sec(r, "A")->counted, 5200);
  assert_int_equal(sec(r, "A")->entries, 3);
  assert_diag_count(r, "section.capped", NULL, 1); /* B-1 only */
  cpd_result_free(r);
}

static void test_r6_sections_are_in_policy_order(void **state) {
  static const char *const names[] = {"A",   "B-1", "B-2", "B-3", "C-1",
                                      "C-2", "C-3", "D-1", "D-2", "D-3"};
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  r = eval(&t);
  assert_int_equal(cpd_result_section_count(r), 10);
  for (i = 0; i < 10; i++) {
    const cpd_section_total *s = cpd_result_section(r, i);
    assert_string_equal(s->section, names[i]);
    assert_int_equal(s->cap, i == 0 ? CPD_NO_CAP : 500);
  }
  cpd_result_free(r);
}

static void test_r6_c_is_capped_per_year(void **state) {
  tapp t;
  cpd_result *r;
  size_t i, j;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "C", "自習 追加", "2025-02-01", 3); /* C-1 full */
  j = add_act(&t, NULL, "C", "自習 三年目", "2026-06-01", 3);
  r = eval(&t);
  assert_act(r, i, "C-1", 1, 0, CPD_ACTIVITY_CAPPED);
  assert_act(r, j, "C-3", 3, 300, CPD_ACTIVITY_COUNTED);
  assert_int_equal(sec(r, "C-1")->counted, 500);
  assert_int_equal(sec(r, "C-2")->counted, 500);
  assert_int_equal(sec(r, "C-3")->counted, 300);
  assert_diag_count(r, "section.capped", "/activities/8", 1);
  cpd_result_free(r);
}

static void test_r6_d_is_capped_per_year(void **state) {
  tapp t;
  cpd_result *r;
  size_t i, j;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演 一年目", "2024-06-01", 6);
  j = add_act(&t, NULL, "D", "講演 二年目", "2025-06-01", 4);
  r = eval(&t);
  assert_act(r, i, "D-1", 1, 500, CPD_ACTIVITY_PARTIALLY_COUNTED);
  assert_act(r, j, "D-2", 2, 400, CPD_ACTIVITY_COUNTED);
  assert_int_equal(sec(r, "D-3")->counted, 400);
  assert_diag_count(r, "section.capped", "/activities/8", 1);
  cpd_result_free(r);
}

static void test_r6_unknown_category_is_invalid_and_unplaced(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "E", "謎の活動", "2025-06-01", 2);
  r = eval(&t);
  assert_diag_count(r, "activity.invalid_category", "/activities/8/category",
                    1);
  assert_act(r, i, NULL, 0, 0, CPD_ACTIVITY_REJECTED);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r6_missing_category_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2025-06-01", 2);
  t.acts[i].category = absent();
  r = eval(&t);
  assert_diag_count(r, "activity.invalid_category", "/activities/8/category",
                    1);
  assert_act(r, i, NULL, 0, 0, CPD_ACTIVITY_REJECTED);
  cpd_result_free(r);
}

static void test_r6_full_width_category_is_accepted(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "Ｄ", "講演", "2025-06-01", 2);
  r = eval(&t);
  assert_no_diag(r, "activity.invalid_category");
  assert_act(r, i, "D-2", 2, 200, CPD_ACTIVITY_COUNTED);
  cpd_result_free(r);
}

/* ------------------------------------------------------------------ R7 */

static void test_r7_full_width_title_is_duplicate_of_ascii(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  /* b3 is B, 2025-07-01, "外部研修 WFM" */
  i = add_act(&t, NULL, "B", "外部研修　ＷＦＭ", "2025-07-01", 3);
  r = eval(&t);
  assert_diag_count(r, "activity.duplicate", "/activities/8", 1);
  assert_diag_count(r, "activity.duplicate", NULL, 1);
  assert_int_equal(act(r, i)->status, CPD_ACTIVITY_REJECTED);
  assert_int_equal(act(r, i)->counted, 0);
  assert_act(r, 4, "B-2", 2, 300, CPD_ACTIVITY_COUNTED);
  assert_int_equal(sec(r, "B-2")->counted, 300);
  assert_decision(r, CPD_ELIGIBLE); /* a warning only */
  cpd_result_free(r);
}

static void test_r7_extra_spaces_do_not_hide_a_duplicate(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "B", "  外部研修   WFM ", "2025/07/01", 3);
  r = eval(&t);
  assert_diag_count(r, "activity.duplicate", "/activities/8", 1);
  assert_int_equal(act(r, i)->status, CPD_ACTIVITY_REJECTED);
  cpd_result_free(r);
}

static void test_r7_duplicate_warning_is_on_the_later_one(void **state) {
  tapp t;
  cpd_result *r;
  size_t i, j;
  (void)state;
  baseline_no_activities(&t);
  add_act(&t, NULL, "A", "講座", "2025-06-01", 30);
  i = add_act(&t, NULL, "D", "講演", "2025-06-01", 2);
  j = add_act(&t, NULL, "D", "講演", "2025-06-01", 2);
  r = eval(&t);
  assert_diag_count(r, "activity.duplicate", NULL, 1);
  assert_diag_count(r, "activity.duplicate", "/activities/2", 1);
  assert_act(r, i, "D-2", 2, 200, CPD_ACTIVITY_COUNTED);
  assert_int_equal(act(r, j)->status, CPD_ACTIVITY_REJECTED);
  cpd_result_free(r);
}

static void test_r7_different_date_is_not_duplicate(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "B", "外部研修 WFM", "2025-07-02", 3);
  r = eval(&t);
  assert_no_diag(r, "activity.duplicate");
  assert_act(r, i, "B-2", 2, 200, CPD_ACTIVITY_PARTIALLY_COUNTED);
  cpd_result_free(r);
}

static void test_r7_different_category_is_not_duplicate(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "外部研修 WFM", "2025-07-01", 3);
  r = eval(&t);
  assert_no_diag(r, "activity.duplicate");
  assert_act(r, i, "D-2", 2, 300, CPD_ACTIVITY_COUNTED);
  cpd_result_free(r);
}

static void test_r7_rejected_earlier_activity_makes_no_duplicate(void **state) {
  tapp t;
  cpd_result *r;
  size_t i, j;
  (void)state;
  baseline_no_activities(&t);
  add_act(&t, NULL, "A", "講座", "2025-06-01", 30);
  i = add_act(&t, NULL, "D", "講演", "2025-06-01", 2);
  t.acts[i].hours = txt("abc");
  j = add_act(&t, NULL, "D", "講演", "2025-06-01", 2);
  r = eval(&t);
  assert_no_diag(r, "activity.duplicate");
  assert_act(r, j, "D-2", 2, 200, CPD_ACTIVITY_COUNTED);
  cpd_result_free(r);
}

/* ------------------------------------------------------------------ R8 */

static void test_r8_exactly_30_points_is_eligible(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline_no_activities(&t);
  add_act(&t, NULL, "A", "講座", "2025-06-01", 30);
  r = eval(&t);
  assert_int_equal(cpd_result_summary(r)->required, 3000);
  assert_int_equal(cpd_result_summary(r)->counted, 3000);
  assert_int_equal(cpd_result_summary(r)->shortfall, 0);
  assert_no_diag(r, "points.shortfall");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r8_29_99_points_is_a_shortfall(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline_no_activities(&t);
  add_act(&t, NULL, "A", "講座", "2025-06-01", 29.99);
  r = eval(&t);
  assert_int_equal(cpd_result_summary(r)->counted, 2999);
  assert_int_equal(cpd_result_summary(r)->shortfall, 1);
  assert_diag_count(r, "points.shortfall", "/activities", 1);
  assert_decision(r, CPD_INELIGIBLE);
  cpd_result_free(r);
}

static void test_r8_no_activities_is_a_full_shortfall(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline_no_activities(&t);
  r = eval(&t);
  assert_int_equal(cpd_result_summary(r)->counted, 0);
  assert_int_equal(cpd_result_summary(r)->shortfall, 3000);
  assert_has_diag(r, "points.shortfall", "/activities");
  assert_decision(r, CPD_INELIGIBLE);
  cpd_result_free(r);
}

/* ------------------------------------------------------------------ R9 */

static void test_r9_fee_paid_on_missing(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.fee_paid_on = absent();
  r = eval(&t);
  assert_diag_count(r, "fee.missing", "/fee/paid_on", 1);
  assert_diag_count(r, "fee.missing", NULL, 1);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r9_fee_payer_name_missing(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.fee_payer_name = absent();
  r = eval(&t);
  assert_diag_count(r, "fee.missing", "/fee/payer_name", 1);
  assert_diag_count(r, "fee.missing", NULL, 1);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r9_fee_both_missing_gives_one_each(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.fee_paid_on = absent();
  t.app.fee_payer_name = txt("　");
  r = eval(&t);
  assert_diag_count(r, "fee.missing", "/fee/paid_on", 1);
  assert_diag_count(r, "fee.missing", "/fee/payer_name", 1);
  cpd_result_free(r);
}

static void test_r9_fee_paid_after_window_is_late(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.fee_paid_on = txt("2027-04-01");
  r = eval(&t);
  assert_diag_count(r, "fee.late", "/fee/paid_on", 1);
  assert_decision(r, CPD_INELIGIBLE);
  cpd_result_free(r);
}

static void test_r9_fee_paid_on_last_day_of_window_is_fine(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.fee_paid_on = txt("2027-03-31");
  r = eval(&t);
  assert_no_diag(r, "fee.late");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r9_fee_paid_before_window_warns(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.fee_paid_on = txt("2026-12-31");
  r = eval(&t);
  assert_diag_count(r, "fee.paid_before_window", "/fee/paid_on", 1);
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r9_fee_paid_on_window_opening_is_fine(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.fee_paid_on = txt("2027-01-01");
  r = eval(&t);
  assert_codes(r, "section.capped");
  cpd_result_free(r);
}

static void
test_r9_fee_paid_after_application_inside_window_is_fine(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.fee_paid_on = txt("2027-03-15");
  r = eval(&t);
  assert_codes(r, "section.capped");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r9_fee_invalid_date(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.fee_paid_on = txt("2027-02-30");
  r = eval(&t);
  assert_diag_count(r, "fee.invalid_date", "/fee/paid_on", 1);
  assert_no_diag(r, "fee.missing");
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

/* ----------------------------------------------------------------- R10 */

static void check_oath_not_agreed(cpd_value oath) {
  tapp t;
  cpd_result *r;
  baseline(&t);
  t.app.oath_agreed = oath;
  r = eval(&t);
  assert_diag_count(r, "oath.not_agreed", "/oath_agreed", 1);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r10_oath_false_is_not_agreed(void **state) {
  (void)state;
  check_oath_not_agreed(boolv(0));
}

static void test_r10_oath_missing_is_not_agreed(void **state) {
  (void)state;
  check_oath_not_agreed(absent());
}

static void test_r10_oath_text_true_is_not_agreed(void **state) {
  (void)state;
  check_oath_not_agreed(txt("true"));
}

static void test_r10_oath_number_one_is_not_agreed(void **state) {
  (void)state;
  check_oath_not_agreed(num(1));
}

/* ----------------------------------------------------------------- R11 */

static void
test_r11_each_required_field_missing_is_reported_at_its_path(void **state) {
  static const char *const paths[] = {
      "/certification/number",  "/applicant/name",    "/applicant/name_kana",
      "/applicant/postal_code", "/applicant/address", "/applicant/email"};
  size_t k;
  (void)state;
  for (k = 0; k < sizeof paths / sizeof paths[0]; k++) {
    tapp t;
    cpd_result *r;
    cpd_value *field[6];
    baseline(&t);
    field[0] = &t.app.certification_number;
    field[1] = &t.app.applicant.name;
    field[2] = &t.app.applicant.name_kana;
    field[3] = &t.app.applicant.postal_code;
    field[4] = &t.app.applicant.address;
    field[5] = &t.app.applicant.email;
    *field[k] = absent();
    r = eval(&t);
    assert_diag_count(r, "applicant.missing_field", NULL, 1);
    assert_diag_count(r, "applicant.missing_field", paths[k], 1);
    assert_decision(r, CPD_INCOMPLETE);
    cpd_result_free(r);
  }
}

static void test_r11_blank_text_counts_as_missing(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.name = txt(" 　 ");
  r = eval(&t);
  assert_diag_count(r, "applicant.missing_field", "/applicant/name", 1);
  cpd_result_free(r);
}

static void test_r11_phone_and_mobile_missing_is_one_diagnostic(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.phone = absent();
  t.app.applicant.mobile = absent();
  r = eval(&t);
  assert_diag_count(r, "applicant.missing_field", NULL, 1);
  assert_diag_count(r, "applicant.missing_field", "/applicant/phone", 1);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r11_mobile_alone_is_enough(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.phone = absent();
  r = eval(&t);
  assert_no_diag(r, "applicant.missing_field");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r11_phone_alone_is_enough(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.mobile = absent();
  r = eval(&t);
  assert_no_diag(r, "applicant.missing_field");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r11_company_without_kana_is_missing(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.company_kana = absent();
  r = eval(&t);
  assert_diag_count(r, "applicant.missing_field", NULL, 1);
  assert_diag_count(r, "applicant.missing_field", "/applicant/company_kana", 1);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r11_no_company_needs_no_kana(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.company = absent();
  t.app.applicant.company_kana = absent();
  r = eval(&t);
  assert_no_diag(r, "applicant.missing_field");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r11_name_kana_with_kanji_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.name_kana = txt("鬼瓦 ごんぞう");
  r = eval(&t);
  assert_diag_count(r, "applicant.kana_invalid", "/applicant/name_kana", 1);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r11_company_kana_with_latin_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.company_kana = txt("ずくえ Inc");
  r = eval(&t);
  assert_diag_count(r, "applicant.kana_invalid", "/applicant/company_kana", 1);
  cpd_result_free(r);
}

static void test_r11_katakana_with_long_mark_and_dot_is_valid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.name_kana = txt("オニガワラ・ゴンゾー");
  t.app.applicant.company_kana = txt("ｶﾌﾞｼｷｶﾞｲｼｬ ｽﾞｸｴ"); /* half-width */
  r = eval(&t);
  assert_no_diag(r, "applicant.kana_invalid");
  cpd_result_free(r);
}

static void test_r11_full_width_postal_code_with_mark_is_valid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.postal_code = txt("〒１００－０００５");
  r = eval(&t);
  assert_no_diag(r, "applicant.postal_code_invalid");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void
test_r11_postal_code_seven_digits_without_dash_is_valid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.postal_code = txt("1000005");
  r = eval(&t);
  assert_no_diag(r, "applicant.postal_code_invalid");
  cpd_result_free(r);
}

static void test_r11_postal_code_short_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.postal_code = txt("12-345");
  r = eval(&t);
  assert_diag_count(r, "applicant.postal_code_invalid",
                    "/applicant/postal_code", 1);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r11_postal_code_dash_misplaced_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.postal_code = txt("1000-005");
  r = eval(&t);
  assert_diag_count(r, "applicant.postal_code_invalid",
                    "/applicant/postal_code", 1);
  cpd_result_free(r);
}

static void test_r11_phone_not_starting_with_zero_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.phone = txt("1162-76-5432");
  r = eval(&t);
  assert_diag_count(r, "applicant.phone_invalid", "/applicant/phone", 1);
  assert_diag_count(r, "applicant.phone_invalid", NULL, 1);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r11_phone_with_nine_digits_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.phone = txt("016-27-6543");
  r = eval(&t);
  assert_diag_count(r, "applicant.phone_invalid", "/applicant/phone", 1);
  cpd_result_free(r);
}

static void test_r11_mobile_with_twelve_digits_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.mobile = txt("080-9753-18640");
  r = eval(&t);
  assert_diag_count(r, "applicant.phone_invalid", "/applicant/mobile", 1);
  assert_diag_count(r, "applicant.phone_invalid", NULL, 1);
  cpd_result_free(r);
}

static void test_r11_phone_with_parentheses_and_spaces_is_valid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.phone = txt("(0162) 76 5432");
  t.app.applicant.mobile = txt("０８０－９７５３－１８６４");
  r = eval(&t);
  assert_no_diag(r, "applicant.phone_invalid");
  cpd_result_free(r);
}

/* A phone number given as a JSON number has lost its leading 0 and cannot
 * be checked: it must not pass silently because the mobile is valid. */
static void test_r11_phone_that_is_not_text_is_reported(void **state) {
  tapp t;
  cpd_result *r;
  size_t n;
  cpd_decision d;
  (void)state;
  baseline(&t);
  t.app.applicant.phone = num(162765432);
  r = eval(&t);
  n = count_diag(r, "applicant.phone_invalid", "/applicant/phone") +
      count_diag(r, "applicant.missing_field", "/applicant/phone");
  if (n != 1) {
    print_error("phone given as a number: %zu diagnostics at /applicant/phone,"
                " expected 1 (applicant.phone_invalid)\n",
                n);
    dump_diags(r);
  }
  d = cpd_result_summary(r)->decision;
  cpd_result_free(r);
  assert_int_equal(n, 1);
  assert_int_equal(d, CPD_INCOMPLETE);
}

static void test_r11_mobile_that_is_not_text_is_reported(void **state) {
  tapp t;
  cpd_result *r;
  size_t n;
  cpd_decision d;
  (void)state;
  baseline(&t);
  t.app.applicant.mobile = boolv(1);
  r = eval(&t);
  n = count_diag(r, "applicant.phone_invalid", "/applicant/mobile") +
      count_diag(r, "applicant.missing_field", "/applicant/mobile");
  if (n != 1) {
    print_error("mobile given as true: %zu diagnostics at /applicant/mobile, "
                "expected 1 (applicant.phone_invalid)\n",
                n);
    dump_diags(r);
  }
  d = cpd_result_summary(r)->decision;
  cpd_result_free(r);
  assert_int_equal(n, 1);
  assert_int_equal(d, CPD_INCOMPLETE);
}

/* R11: every text is normalised before it is checked or echoed; the id is
 * the free text the result echoes. */
static void test_r11_echoed_activity_id_is_normalised(void **state) {
  tapp t;
  cpd_result *r;
  size_t i, j;
  char id1[32], id2[32];
  (void)state;
  baseline(&t);
  i = add_act(&t, "ｄ１", "D", "講演 一", "2024-10-01", 1);
  j = add_act(&t, "  d　 2 ", "D", "講演 二", "2024-10-02", 1);
  r = eval(&t);
  assert_non_null(act(r, i)->id);
  assert_non_null(act(r, j)->id);
  snprintf(id1, sizeof id1, "%s", act(r, i)->id);
  snprintf(id2, sizeof id2, "%s", act(r, j)->id);
  cpd_result_free(r);
  assert_string_equal(id1, "d1");
  assert_string_equal(id2, "d 2");
}

static void check_email_invalid(const char *email) {
  tapp t;
  cpd_result *r;
  baseline(&t);
  t.app.applicant.email = txt(email);
  r = eval(&t);
  if (count_diag(r, "applicant.email_invalid", "/applicant/email") != 1)
    print_error("e-mail \"%s\" not refused\n", email);
  assert_diag_count(r, "applicant.email_invalid", "/applicant/email", 1);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r11_email_without_at_is_invalid(void **state) {
  (void)state;
  check_email_invalid("gonzo.zqx.example.jp");
}

static void test_r11_email_with_two_ats_is_invalid(void **state) {
  (void)state;
  check_email_invalid("gonzo@zqx@example.jp");
}

static void test_r11_email_with_empty_local_part_is_invalid(void **state) {
  (void)state;
  check_email_invalid("@zqx-example.jp");
}

static void test_r11_email_domain_without_dot_is_invalid(void **state) {
  (void)state;
  check_email_invalid("gonzo.zqx@localhost");
}

static void test_r11_email_with_space_is_invalid(void **state) {
  (void)state;
  check_email_invalid("gonzo zqx@example.jp");
}

static void test_r11_full_width_email_is_valid(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applicant.email = txt("ｇｏｎｚｏ．ｚｑｘ＠ｅｘａｍｐｌｅ．ｊｐ");
  r = eval(&t);
  assert_no_diag(r, "applicant.email_invalid");
  cpd_result_free(r);
}

/* ----------------------------------------------------------------- R12 */

static void test_r12_evidence_missing_in_a_still_counts(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.acts[0].evidence = NULL;
  t.acts[0].evidence_count = 0;
  r = eval(&t);
  assert_diag_count(r, "activity.evidence_missing", "/activities/0/evidence",
                    1);
  assert_diag_count(r, "activity.evidence_missing", NULL, 1);
  assert_act(r, 0, "A", 1, 600, CPD_ACTIVITY_COUNTED);
  assert_int_equal(cpd_result_summary(r)->counted, 3400);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r12_evidence_missing_in_b_still_counts(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.acts[4].evidence = NULL;
  t.acts[4].evidence_count = 0;
  r = eval(&t);
  assert_diag_count(r, "activity.evidence_missing", "/activities/4/evidence",
                    1);
  assert_act(r, 4, "B-2", 2, 300, CPD_ACTIVITY_COUNTED);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r12_blank_evidence_name_is_missing(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.evidence[0] = txt("");
  r = eval(&t);
  assert_diag_count(r, "activity.evidence_missing", "/activities/0/evidence",
                    1);
  cpd_result_free(r);
}

static void test_r12_evidence_not_required_in_c_and_d(void **state) {
  tapp t;
  cpd_result *r;
  size_t i, j;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "C", "自習", "2026-06-01", 2);
  j = add_act(&t, NULL, "D", "講演", "2025-06-01", 2);
  assert_int_equal(t.acts[i].evidence_count, 0);
  assert_int_equal(t.acts[j].evidence_count, 0);
  r = eval(&t);
  assert_no_diag(r, "activity.evidence_missing");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

/* ----------------------------------------------------------------- R13 */

static void check_date_form(const char *form, const char *section, int year) {
  tapp t;
  cpd_result *r;
  size_t i;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", form, 1);
  r = eval(&t);
  if (act(r, i)->status == CPD_ACTIVITY_REJECTED)
    print_error("date form \"%s\" was refused\n", form);
  assert_no_diag(r, "activity.invalid_date");
  assert_act(r, i, section, year, 100, CPD_ACTIVITY_COUNTED);
  cpd_result_free(r);
}

static void test_r13_reiwa_kanji_date_in_activity(void **state) {
  (void)state;
  check_date_form("令和6年6月15日", "D-1", 1);
}

static void
test_r13_reiwa_abbreviated_full_width_date_in_activity(void **state) {
  (void)state;
  check_date_form("Ｒ７．５．２０", "D-2", 2);
}

static void test_r13_jis_x_0301_date_in_activity(void **state) {
  (void)state;
  check_date_form("R06.04.01", "D-1", 1);
}

static void test_r13_reiwa_ligature_date_in_activity(void **state) {
  (void)state;
  check_date_form("㋿7年4月1日", "D-2", 2);
}

static void test_r13_slash_and_kanji_dates_in_activity(void **state) {
  (void)state;
  check_date_form("2025/03/31", "D-1", 1);
  check_date_form("2026年4月1日", "D-3", 3);
}

static void test_r13_era_date_outside_its_era_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "平成31年5月1日", 1);
  r = eval(&t);
  assert_diag_count(r, "activity.invalid_date", "/activities/8/completed_on",
                    1);
  assert_act(r, i, NULL, 0, 0, CPD_ACTIVITY_REJECTED);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r13_impossible_day_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "2025-02-29", 1);
  r = eval(&t);
  assert_diag_count(r, "activity.invalid_date", "/activities/8/completed_on",
                    1);
  assert_act(r, i, NULL, 0, 0, CPD_ACTIVITY_REJECTED);
  cpd_result_free(r);
}

static void test_r13_missing_activity_date_is_invalid(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  i = add_act(&t, NULL, "D", "講演", "x", 1);
  t.acts[i].completed_on = absent();
  r = eval(&t);
  assert_diag_count(r, "activity.invalid_date", "/activities/8/completed_on",
                    1);
  assert_act(r, i, NULL, 0, 0, CPD_ACTIVITY_REJECTED);
  cpd_result_free(r);
}

static void test_r13_era_application_date_is_accepted(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applied_on = txt("令和9年2月10日");
  t.app.expires_on = txt("R9.3.31");
  r = eval(&t);
  assert_day(cpd_result_summary(r)->applied_on, "2027-02-10");
  assert_day(cpd_result_summary(r)->period_expires_on, "2027-03-31");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

/* ----------------------------------------------------------------- R14 */

static void test_r14_applied_on_missing_is_input_error(void **state) {
  tapp t;
  (void)state;
  baseline(&t);
  t.app.applied_on = absent();
  eval_input_error(&t, "input.missing_field", "/applied_on");
}

static void test_r14_applied_on_invalid_is_input_error(void **state) {
  tapp t;
  (void)state;
  baseline(&t);
  t.app.applied_on = txt("2027-02-30");
  eval_input_error(&t, "input.invalid_date", "/applied_on");
}

static void test_r14_expires_on_invalid_is_input_error(void **state) {
  tapp t;
  (void)state;
  baseline(&t);
  t.app.expires_on = txt("2027-13-31");
  eval_input_error(&t, "input.invalid_date", "/certification/expires_on");
}

static void test_r14_expires_on_missing_is_input_error(void **state) {
  tapp t;
  (void)state;
  baseline(&t);
  t.app.expires_on = absent();
  eval_input_error(&t, "input.missing_field", "/certification/expires_on");
}

static void test_r14_invalid_utf8_in_name_is_input_error(void **state) {
  tapp t;
  (void)state;
  baseline(&t);
  t.app.applicant.name = txt("\xe9\xac\xbc\xff");
  eval_input_error(&t, "input.invalid_utf8", "/applicant/name");
}

static void
test_r14_invalid_utf8_in_activity_title_is_input_error(void **state) {
  tapp t;
  (void)state;
  baseline(&t);
  t.acts[3].title = txt("\xe5\xa4\x96\xe9"); /* truncated sequence */
  eval_input_error(&t, "input.invalid_utf8", "/activities/3/title");
}

static void test_r14_invalid_utf8_in_evidence_is_input_error(void **state) {
  tapp t;
  (void)state;
  baseline(&t);
  t.evidence[2] = txt("\xed\xa0\x80.pdf"); /* a surrogate */
  eval_input_error(&t, "input.invalid_utf8", "/activities/2/evidence/0");
}

static void test_r14_input_error_message_does_not_echo_value(void **state) {
  tapp t;
  cpd_result *r = NULL;
  cpd_error err;
  (void)state;
  baseline(&t);
  t.app.applied_on = txt("ZQX-SECRET-DATE");
  memset(&err, 0, sizeof err);
  assert_int_equal(cpd_evaluate(&r, NULL, &t.app, &err), CPD_EINPUT);
  assert_null(r);
  assert_null(strstr(err.message, "ZQX"));
  assert_null(strstr(err.message_ja, "ZQX"));
}

static void test_r14_input_error_with_null_err_is_safe(void **state) {
  tapp t;
  cpd_result *r = NULL;
  (void)state;
  baseline(&t);
  t.app.applied_on = absent();
  assert_int_equal(cpd_evaluate(&r, NULL, &t.app, NULL), CPD_EINPUT);
  assert_null(r);
}

/* ----------------------------------------------------------------- R15 */

static void test_r15_fatal_beats_fixable(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applied_on = txt("2027-04-01"); /* window.closed */
  t.app.oath_agreed = boolv(0);         /* oath.not_agreed */
  r = eval(&t);
  assert_has_diag(r, "window.closed", "/applied_on");
  assert_has_diag(r, "oath.not_agreed", "/oath_agreed");
  assert_decision(r, CPD_INELIGIBLE);
  cpd_result_free(r);
}

static void test_r15_fixable_beats_warning(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.oath_agreed = boolv(0);
  t.acts[2].year = num(3); /* year_mismatch */
  r = eval(&t);
  assert_has_diag(r, "activity.year_mismatch", "/activities/2/year");
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
}

static void test_r15_warnings_and_infos_never_change_eligible(void **state) {
  tapp t;
  cpd_result *r;
  size_t i;
  (void)state;
  baseline(&t);
  t.app.expires_on = txt("2027-03-30");  /* expiry_not_fiscal_year_end */
  t.app.fee_paid_on = txt("2026-12-30"); /* fee.paid_before_window */
  t.acts[2].year = num(2);               /* year_mismatch */
  set_competency(&t, 1, "ZZ-99");        /* unknown_competency */
  i = add_act(&t, NULL, "D", "講演", "2024-03-01", 1); /* outside_period */
  i = add_act(&t, NULL, "D", "講演 二", "2025-06-01", 1);
  t.acts[i].points = num(2);                          /* points_reduced */
  add_act(&t, NULL, "D", "講演 二", "2025-06-01", 1); /* duplicate */
  add_act(&t, NULL, "B", "外部研修 五", "2024-12-01", 1);
  add_act(&t, NULL, "B", "外部研修 六", "2024-12-02", 1); /* 4 in B-1 */
  r = eval(&t);
  assert_codes(r, "certification.expiry_not_fiscal_year_end",
               "fee.paid_before_window", "activity.year_mismatch",
               "activity.unknown_competency", "activity.outside_period",
               "activity.points_reduced", "activity.duplicate",
               "section.capped", "form.continuation_sheet");
  assert_decision(r, CPD_ELIGIBLE);
  assert_day(cpd_result_summary(r)->renewal_starts_on, "2027-03-31");
  cpd_result_free(r);
}

static void test_r15_renewal_only_when_eligible(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.oath_agreed = boolv(0);
  r = eval(&t);
  assert_decision(r, CPD_INCOMPLETE);
  assert_true(cpd_result_summary(r)->renewal_starts_on == CPD_DAY_NONE);
  assert_true(cpd_result_summary(r)->renewal_expires_on == CPD_DAY_NONE);
  cpd_result_free(r);
}

/* ----------------------------------------------------------------- R16 */

static void test_r16_three_entries_in_b1_fit_the_form(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  add_act(&t, NULL, "B", "外部研修 三", "2024-12-01", 1);
  r = eval(&t);
  assert_int_equal(sec(r, "B-1")->entries, 3);
  assert_no_diag(r, "form.continuation_sheet");
  cpd_result_free(r);
}

static void
test_r16_four_entries_in_b1_need_a_continuation_sheet(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  add_act(&t, NULL, "B", "外部研修 三", "2024-12-01", 1);
  add_act(&t, NULL, "B", "外部研修 四", "2024-12-02", 1);
  r = eval(&t);
  assert_int_equal(sec(r, "B-1")->entries, 4);
  assert_diag_count(r, "form.continuation_sheet", NULL, 1);
  assert_has_diag(r, "form.continuation_sheet", "/activities");
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r16_six_entries_in_a_fit_the_form(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  add_act(&t, NULL, "A", "講座 三", "2025-05-01", 1);
  add_act(&t, NULL, "A", "講座 四", "2025-05-02", 1);
  add_act(&t, NULL, "A", "講座 五", "2025-05-03", 1);
  add_act(&t, NULL, "A", "講座 六", "2025-05-04", 1);
  r = eval(&t);
  assert_int_equal(sec(r, "A")->entries, 6);
  assert_no_diag(r, "form.continuation_sheet");
  cpd_result_free(r);
}

static void
test_r16_seven_entries_in_a_need_a_continuation_sheet(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  add_act(&t, NULL, "A", "講座 三", "2025-05-01", 1);
  add_act(&t, NULL, "A", "講座 四", "2025-05-02", 1);
  add_act(&t, NULL, "A", "講座 五", "2025-05-03", 1);
  add_act(&t, NULL, "A", "講座 六", "2025-05-04", 1);
  add_act(&t, NULL, "A", "講座 七", "2025-05-05", 1);
  r = eval(&t);
  assert_int_equal(sec(r, "A")->entries, 7);
  assert_diag_count(r, "form.continuation_sheet", NULL, 1);
  assert_has_diag(r, "form.continuation_sheet", "/activities");
  cpd_result_free(r);
}

static void test_r16_unknown_competency_warns(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  set_competency(&t, 1, "XX-1");
  r = eval(&t);
  assert_diag_count(r, "activity.unknown_competency",
                    "/activities/1/competencies/0", 1);
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
}

static void test_r16_known_competency_is_silent(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  set_competency(&t, 1, "PE-15");
  set_competency(&t, 2, "ＯＰ－１"); /* full-width: NFKC gives OP-1 */
  r = eval(&t);
  assert_no_diag(r, "activity.unknown_competency");
  cpd_result_free(r);
}

static void test_r16_email_subject_uses_applied_on_yymmdd(void **state) {
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  t.app.applied_on = txt("2027-01-05");
  r = eval(&t);
  assert_string_equal(cpd_result_summary(r)->email_subject,
                      "【更新申請】プロフェッショナル更新申請書添付_270105");
  cpd_result_free(r);
}

/* ------------------------------------------------------------ invariants */

static void test_decision_agrees_with_worst_severity(void **state) {
  /* check_result() verifies it for each variant; here the variants cover
   * every decision. */
  tapp t;
  cpd_result *r;
  (void)state;
  baseline(&t);
  r = eval(&t);
  assert_decision(r, CPD_ELIGIBLE);
  cpd_result_free(r);
  t.app.applicant.email = txt("broken");
  r = eval(&t);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
  t.app.fee_paid_on = txt("2027-05-01");
  r = eval(&t);
  assert_decision(r, CPD_INELIGIBLE);
  cpd_result_free(r);
}

static void test_total_is_sum_of_sections(void **state) {
  tapp t;
  cpd_result *r;
  size_t i, n;
  cpd_points sum = 0;
  (void)state;
  baseline(&t);
  add_act(&t, NULL, "C", "自習", "2026-06-01", 2.25);
  add_act(&t, NULL, "D", "講演", "2024-06-01", 7.5);
  r = eval(&t);
  n = cpd_result_section_count(r);
  for (i = 0; i < n; i++)
    sum += cpd_result_section(r, i)->counted;
  assert_int_equal(sum, cpd_result_summary(r)->counted);
  assert_int_equal(sum, 3400 + 225 + 500);
  cpd_result_free(r);
}

static void test_messages_never_contain_personal_details(void **state) {
  tapp t;
  cpd_result *r;
  size_t i, n;
  (void)state;
  baseline(&t);
  /* invalid values: each check could be tempted to echo them */
  t.app.applicant.name_kana = txt("鬼瓦ゴンゾウ");
  t.app.applicant.company_kana = txt("ZQX株式会社");
  t.app.applicant.phone = txt("9162-76-5432");
  t.app.applicant.mobile = txt("080-9753-18640");
  t.app.applicant.email = txt("gonzo.zqx-at-example.jp");
  t.app.applicant.postal_code = txt("ZQX-9753");
  t.app.qualification = txt("鬼瓦");
  t.app.oath_agreed = boolv(0);
  t.acts[0].title = txt("鬼瓦 権蔵 の講座");
  add_act(&t, NULL, "鬼瓦", "宗谷岬", "2025-06-01", 1);
  add_act(&t, NULL, "B", "宗谷岬", "gonzo.zqx@example.jp", 1);
  r = eval(&t); /* check_result() scans every message */
  n = cpd_result_diagnostic_count(r);
  assert_true(n >= 8);
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    assert_null(strstr(d->message, P_NAME));
    assert_null(strstr(d->message_ja, P_ADDRESS));
    assert_null(strstr(d->message, "gonzo"));
    assert_null(strstr(d->message_ja, "gonzo"));
  }
  cpd_result_free(r);
}

static void test_evaluate_refuses_bad_arguments(void **state) {
  tapp t;
  cpd_result *r = NULL;
  (void)state;
  baseline(&t);
  assert_int_equal(cpd_evaluate(NULL, NULL, &t.app, NULL), CPD_EINVAL);
  assert_int_equal(cpd_evaluate(&r, NULL, NULL, NULL), CPD_EINVAL);
  assert_null(r);
  t.app.version = CPD_APPLICATION_VERSION + 1;
  assert_int_equal(cpd_evaluate(&r, NULL, &t.app, NULL), CPD_EINVAL);
  assert_null(r);
  cpd_result_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_baseline_is_eligible),
      cmocka_unit_test(test_r1_qualification_missing_is_invalid),
      cmocka_unit_test(test_r1_qualification_unknown_is_invalid),
      cmocka_unit_test(test_r1_qualification_full_width_is_accepted),
      cmocka_unit_test(test_r1_qualification_cap_is_accepted),
      cmocka_unit_test(test_r2_fiscal_year_starts_april_first),
      cmocka_unit_test(test_r2_period_is_three_fiscal_years_ending_with_expiry),
      cmocka_unit_test(test_r2_expiry_not_fiscal_year_end_warns),
      cmocka_unit_test(test_r2_expiry_mid_fiscal_year_keeps_its_fiscal_year),
      cmocka_unit_test(test_r2_renewal_period_follows_expiry),
      cmocka_unit_test(test_r3_window_is_january_to_march_by_default),
      cmocka_unit_test(test_r3_window_open_on_first_day),
      cmocka_unit_test(test_r3_window_not_yet_open_on_day_before),
      cmocka_unit_test(test_r3_window_open_on_last_day),
      cmocka_unit_test(test_r3_window_closed_on_day_after),
      cmocka_unit_test(test_r3_strict_policy_closes_end_of_february),
      cmocka_unit_test(test_r3_strict_policy_closes_february_29_in_leap_year),
      cmocka_unit_test(test_r3_month_arithmetic_clamps_to_end_of_month),
      cmocka_unit_test(test_r4_march_31_is_in_year_1_april_1_in_year_2),
      cmocka_unit_test(test_r4_activity_on_period_start_counts),
      cmocka_unit_test(test_r4_activity_before_period_is_outside_and_rejected),
      cmocka_unit_test(test_r4_activity_on_application_date_counts),
      cmocka_unit_test(test_r4_activity_after_application_is_rejected),
      cmocka_unit_test(
          test_r4_declared_year_mismatch_warns_and_computed_year_wins),
      cmocka_unit_test(test_r4_declared_year_matching_is_silent),
      cmocka_unit_test(test_r4_activity_in_year_3),
      cmocka_unit_test(test_r5_points_absent_are_hours_times_one),
      cmocka_unit_test(test_r5_one_and_a_half_hours_are_one_and_a_half_points),
      cmocka_unit_test(test_r5_points_above_hours_are_reduced),
      cmocka_unit_test(test_r5_points_below_hours_are_kept),
      cmocka_unit_test(test_r5_hours_zero_is_invalid),
      cmocka_unit_test(test_r5_hours_negative_is_invalid),
      cmocka_unit_test(test_r5_hours_10000_is_invalid),
      cmocka_unit_test(test_r5_hours_above_9999_99_is_invalid),
      cmocka_unit_test(test_r5_hours_with_three_decimals_is_invalid),
      cmocka_unit_test(test_r5_hours_text_with_three_decimals_is_invalid),
      cmocka_unit_test(test_r5_hours_text_abc_is_invalid),
      cmocka_unit_test(test_r5_hours_missing_is_invalid),
      cmocka_unit_test(test_r5_hours_bool_is_invalid),
      cmocka_unit_test(test_r5_hours_9999_99_is_valid),
      cmocka_unit_test(test_r5_full_width_numeric_text_is_accepted),
      cmocka_unit_test(test_r5_decimal_numeric_text_is_accepted),
      cmocka_unit_test(test_r5_points_zero_is_valid),
      cmocka_unit_test(test_r5_points_negative_are_invalid),
      cmocka_unit_test(test_r5_points_with_three_decimals_are_invalid),
      cmocka_unit_test(test_r5_points_above_9999_99_are_invalid),
      cmocka_unit_test(test_r5_points_per_hour_product_is_truncated),
      cmocka_unit_test(test_r6_cap_partially_counts_activity_crossing_the_cap),
      cmocka_unit_test(test_r6_activity_after_the_cap_is_capped),
      cmocka_unit_test(
          test_r6_earlier_dated_activity_listed_later_counts_first),
      cmocka_unit_test(test_r6_same_date_counts_in_input_order),
      cmocka_unit_test(test_r6_section_a_has_no_cap),
      cmocka_unit_test(test_r6_sections_are_in_policy_order),
      cmocka_unit_test(test_r6_c_is_capped_per_year),
      cmocka_unit_test(test_r6_d_is_capped_per_year),
      cmocka_unit_test(test_r6_unknown_category_is_invalid_and_unplaced),
      cmocka_unit_test(test_r6_missing_category_is_invalid),
      cmocka_unit_test(test_r6_full_width_category_is_accepted),
      cmocka_unit_test(test_r7_full_width_title_is_duplicate_of_ascii),
      cmocka_unit_test(test_r7_extra_spaces_do_not_hide_a_duplicate),
      cmocka_unit_test(test_r7_duplicate_warning_is_on_the_later_one),
      cmocka_unit_test(test_r7_different_date_is_not_duplicate),
      cmocka_unit_test(test_r7_different_category_is_not_duplicate),
      cmocka_unit_test(test_r7_rejected_earlier_activity_makes_no_duplicate),
      cmocka_unit_test(test_r8_exactly_30_points_is_eligible),
      cmocka_unit_test(test_r8_29_99_points_is_a_shortfall),
      cmocka_unit_test(test_r8_no_activities_is_a_full_shortfall),
      cmocka_unit_test(test_r9_fee_paid_on_missing),
      cmocka_unit_test(test_r9_fee_payer_name_missing),
      cmocka_unit_test(test_r9_fee_both_missing_gives_one_each),
      cmocka_unit_test(test_r9_fee_paid_after_window_is_late),
      cmocka_unit_test(test_r9_fee_paid_on_last_day_of_window_is_fine),
      cmocka_unit_test(test_r9_fee_paid_before_window_warns),
      cmocka_unit_test(test_r9_fee_paid_on_window_opening_is_fine),
      cmocka_unit_test(
          test_r9_fee_paid_after_application_inside_window_is_fine),
      cmocka_unit_test(test_r9_fee_invalid_date),
      cmocka_unit_test(test_r10_oath_false_is_not_agreed),
      cmocka_unit_test(test_r10_oath_missing_is_not_agreed),
      cmocka_unit_test(test_r10_oath_text_true_is_not_agreed),
      cmocka_unit_test(test_r10_oath_number_one_is_not_agreed),
      cmocka_unit_test(
          test_r11_each_required_field_missing_is_reported_at_its_path),
      cmocka_unit_test(test_r11_blank_text_counts_as_missing),
      cmocka_unit_test(test_r11_phone_and_mobile_missing_is_one_diagnostic),
      cmocka_unit_test(test_r11_mobile_alone_is_enough),
      cmocka_unit_test(test_r11_phone_alone_is_enough),
      cmocka_unit_test(test_r11_company_without_kana_is_missing),
      cmocka_unit_test(test_r11_no_company_needs_no_kana),
      cmocka_unit_test(test_r11_name_kana_with_kanji_is_invalid),
      cmocka_unit_test(test_r11_company_kana_with_latin_is_invalid),
      cmocka_unit_test(test_r11_katakana_with_long_mark_and_dot_is_valid),
      cmocka_unit_test(test_r11_full_width_postal_code_with_mark_is_valid),
      cmocka_unit_test(test_r11_postal_code_seven_digits_without_dash_is_valid),
      cmocka_unit_test(test_r11_postal_code_short_is_invalid),
      cmocka_unit_test(test_r11_postal_code_dash_misplaced_is_invalid),
      cmocka_unit_test(test_r11_phone_not_starting_with_zero_is_invalid),
      cmocka_unit_test(test_r11_phone_with_nine_digits_is_invalid),
      cmocka_unit_test(test_r11_mobile_with_twelve_digits_is_invalid),
      cmocka_unit_test(test_r11_phone_with_parentheses_and_spaces_is_valid),
      cmocka_unit_test(test_r11_phone_that_is_not_text_is_reported),
      cmocka_unit_test(test_r11_mobile_that_is_not_text_is_reported),
      cmocka_unit_test(test_r11_echoed_activity_id_is_normalised),
      cmocka_unit_test(test_r11_email_without_at_is_invalid),
      cmocka_unit_test(test_r11_email_with_two_ats_is_invalid),
      cmocka_unit_test(test_r11_email_with_empty_local_part_is_invalid),
      cmocka_unit_test(test_r11_email_domain_without_dot_is_invalid),
      cmocka_unit_test(test_r11_email_with_space_is_invalid),
      cmocka_unit_test(test_r11_full_width_email_is_valid),
      cmocka_unit_test(test_r12_evidence_missing_in_a_still_counts),
      cmocka_unit_test(test_r12_evidence_missing_in_b_still_counts),
      cmocka_unit_test(test_r12_blank_evidence_name_is_missing),
      cmocka_unit_test(test_r12_evidence_not_required_in_c_and_d),
      cmocka_unit_test(test_r13_reiwa_kanji_date_in_activity),
      cmocka_unit_test(test_r13_reiwa_abbreviated_full_width_date_in_activity),
      cmocka_unit_test(test_r13_jis_x_0301_date_in_activity),
      cmocka_unit_test(test_r13_reiwa_ligature_date_in_activity),
      cmocka_unit_test(test_r13_slash_and_kanji_dates_in_activity),
      cmocka_unit_test(test_r13_era_date_outside_its_era_is_invalid),
      cmocka_unit_test(test_r13_impossible_day_is_invalid),
      cmocka_unit_test(test_r13_missing_activity_date_is_invalid),
      cmocka_unit_test(test_r13_era_application_date_is_accepted),
      cmocka_unit_test(test_r14_applied_on_missing_is_input_error),
      cmocka_unit_test(test_r14_applied_on_invalid_is_input_error),
      cmocka_unit_test(test_r14_expires_on_invalid_is_input_error),
      cmocka_unit_test(test_r14_expires_on_missing_is_input_error),
      cmocka_unit_test(test_r14_invalid_utf8_in_name_is_input_error),
      cmocka_unit_test(test_r14_invalid_utf8_in_activity_title_is_input_error),
      cmocka_unit_test(test_r14_invalid_utf8_in_evidence_is_input_error),
      cmocka_unit_test(test_r14_input_error_message_does_not_echo_value),
      cmocka_unit_test(test_r14_input_error_with_null_err_is_safe),
      cmocka_unit_test(test_r15_fatal_beats_fixable),
      cmocka_unit_test(test_r15_fixable_beats_warning),
      cmocka_unit_test(test_r15_warnings_and_infos_never_change_eligible),
      cmocka_unit_test(test_r15_renewal_only_when_eligible),
      cmocka_unit_test(test_r16_three_entries_in_b1_fit_the_form),
      cmocka_unit_test(test_r16_four_entries_in_b1_need_a_continuation_sheet),
      cmocka_unit_test(test_r16_six_entries_in_a_fit_the_form),
      cmocka_unit_test(test_r16_seven_entries_in_a_need_a_continuation_sheet),
      cmocka_unit_test(test_r16_unknown_competency_warns),
      cmocka_unit_test(test_r16_known_competency_is_silent),
      cmocka_unit_test(test_r16_email_subject_uses_applied_on_yymmdd),
      cmocka_unit_test(test_decision_agrees_with_worst_severity),
      cmocka_unit_test(test_total_is_sum_of_sections),
      cmocka_unit_test(test_messages_never_contain_personal_details),
      cmocka_unit_test(test_evaluate_refuses_bad_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
