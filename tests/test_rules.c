/* test_rules.c - the renewal rules R1-R16 of docs/RULES.md through the pure C
 * API (cpd_evaluate).  Each case starts from a valid baseline application
 * (the shape of tests/golden/eligible-basic.json) built in C and changes one
 * thing.  Most cases are rows of one table, cases[] below: the row's name
 * (the rule and the behaviour, as docs/RULES.md cites it), what it adds to
 * and changes in the baseline, and what the result must then say;
 * run_case() runs a row as a cmocka test of that name.  The cases whose
 * checks fit no row are functions after the table.  Every evaluation also
 * goes through check_result(), which holds the invariants that must be true
 * of any result: the decision agrees with the worst severity, the total is
 * the sum of the sections, severities follow docs/RULES.md, and no message
 * carries the applicant's personal details. */
#include "cpd_test.h"

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

/* Append an activity; A and B get one evidence file, C and D none. */
static size_t add_act(tapp *t, const char *id, const char *cat,
                      const char *title, const char *date, double hours) {
  size_t i = t->app.activity_count;
  cpd_activity *a;
  assert_true(i < MAX_ACTS);
  a = &t->acts[i];
  memset(a, 0, sizeof *a);
  a->id = id ? cpdt_text(id) : cpdt_absent();
  a->category = cpdt_text(cat);
  a->title = cpdt_text(title);
  a->completed_on = cpdt_text(date);
  a->hours = cpdt_number(hours);
  a->points = cpdt_absent();
  a->year = cpdt_absent();
  t->evidence[i] = cpdt_text("evidence.pdf");
  if (cat[0] == 'A' || cat[0] == 'B') {
    a->evidence = &t->evidence[i];
    a->evidence_count = 1;
  }
  t->app.activity_count = i + 1;
  return i;
}

static void set_competency(tapp *t, size_t i, const char *code) {
  t->comps[i] = cpdt_text(code);
  t->acts[i].competencies = &t->comps[i];
  t->acts[i].competency_count = 1;
}

/* tests/golden/eligible-basic.json: 34 points, eligible, one info
 * (section.capped on B-1 at activity 3). */
static void baseline(tapp *t) {
  size_t i;
  memset(t, 0, sizeof *t);
  t->app.version = CPD_APPLICATION_VERSION;
  t->app.applied_on = cpdt_text("2027-02-10");
  t->app.qualification = cpdt_text("OMP");
  t->app.certification_number = cpdt_text("OMP-000123");
  t->app.expires_on = cpdt_text("2027-03-31");
  t->app.applicant.name = cpdt_text(P_NAME);
  t->app.applicant.name_kana = cpdt_text(P_NAME_KANA);
  t->app.applicant.company = cpdt_text(P_COMPANY);
  t->app.applicant.company_kana = cpdt_text(P_COMPANY_KANA);
  t->app.applicant.postal_code = cpdt_text(P_POSTAL);
  t->app.applicant.address = cpdt_text(P_ADDRESS);
  t->app.applicant.phone = cpdt_text(P_PHONE);
  t->app.applicant.mobile = cpdt_text(P_MOBILE);
  t->app.applicant.email = cpdt_text(P_EMAIL);
  t->app.fee_paid_on = cpdt_text("2027-02-01");
  t->app.fee_payer_name = cpdt_text(P_PAYER);
  t->app.oath_agreed = cpdt_bool(1);
  t->app.activities = t->acts;
  t->app.activity_count = 0;

  i = add_act(t, "a1", "A", "OMP対策講座", "2024-06-15", 6); /* 0 */
  t->acts[i].points = cpdt_number(6);
  set_competency(t, i, "OP-1");
  add_act(t, "a2", "A", "CAP基礎講座", "2026-05-20", 6);           /* 1 */
  i = add_act(t, "b1", "B", "外部研修 応対品質", "2024-09-01", 4); /* 2 */
  t->acts[i].points = cpdt_number(4);
  t->acts[i].year = cpdt_number(1);
  i = add_act(t, "b2", "B", "外部研修 KPI", "2024-11-01", 3); /* 3 */
  t->acts[i].points = cpdt_number(3);
  i = add_act(t, "b3", "B", "外部研修 WFM", "2025-07-01", 3); /* 4 */
  t->acts[i].points = cpdt_number(3);
  i = add_act(t, "c1", "C", "書籍 学習", "2025-01-10", 5); /* 5 */
  t->acts[i].points = cpdt_number(5);
  i = add_act(t, "c2", "C", "eラーニング", "2025-12-10", 5); /* 6 */
  t->acts[i].points = cpdt_number(5);
  i = add_act(t, "d1", "D", "業界セミナー講師", "2026-10-01", 4); /* 7 */
  t->acts[i].points = cpdt_number(4);
}

/* The baseline without activities. */
static void baseline_no_activities(tapp *t) {
  baseline(t);
  t->app.activity_count = 0;
}

/* ------------------------------------------------------------- helpers */

static void assert_diag_count_(const cpd_result *r, const char *code,
                               const char *path, size_t want, const char *file,
                               int line) {
  size_t got = cpdt_count_diag(r, code, path);
  if (got != want) {
    print_error("%zu diagnostics %s at %s, expected %zu\n", got, code,
                path ? path : "(any path)", want);
    cpdt_dump_diags(r);
    _fail(file, line);
  }
}
#define assert_diag_count(r, code, path, n)                                    \
  assert_diag_count_((r), (code), (path), (n), __FILE__, __LINE__)

static void assert_has_diag_(const cpd_result *r, const char *code,
                             const char *path, const char *file, int line) {
  if (!cpdt_find_diag(r, code, path)) {
    print_error("no diagnostic %s at %s\n", code, path ? path : "(any path)");
    cpdt_dump_diags(r);
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
    cpdt_dump_diags(r);
    _fail(file, line);
  }
}
#define assert_decision(r, d) assert_decision_((r), (d), __FILE__, __LINE__)

/* The exact set of diagnostic codes, given as a NULL-terminated list. */
static void assert_codes(const cpd_result *r, const char *const *want) {
  size_t nwant, i, j, n = cpd_result_diagnostic_count(r);
  int ok = 1;
  for (nwant = 0; want[nwant]; nwant++)
    if (!cpdt_find_diag(r, want[nwant], NULL)) {
      print_error("missing diagnostic %s\n", want[nwant]);
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
    cpdt_dump_diags(r);
    fail();
  }
}

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

/* Activity I is placed in SECTION (NULL: not placed) and YEAR, counts
 * COUNTED and has STATUS. */
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
    cpdt_dump_diags(r);
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
    cpdt_dump_diags(r);
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
  cpd_result *r = cpdt_evaluate(p, &t->app);
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

/* ------------------------------------------------------------ the table */

/* An activity appended to the baseline (add_act's arguments); the first
 * one is activity 8 of the baseline, activity 0 of the empty one. */
typedef struct new_act {
  const char *id, *cat, *title, *date;
  double hours;
} new_act;

/* A change made once the activities are appended. */
typedef enum edit_kind {
  EDIT_END,
  EDIT_APP,         /* the value at member OFF of the application */
  EDIT_ACT,         /* the value at member OFF of activity ACT */
  EDIT_NO_EVIDENCE, /* activity ACT has no evidence file */
  EDIT_EVIDENCE,    /* activity ACT's evidence file is V */
  EDIT_COMPETENCY   /* activity ACT has the one competency V */
} edit_kind;

typedef struct edit {
  edit_kind kind;
  size_t act, off;
  cpd_value v;
} edit;

/* (The value is the variadic part: a value is a braced list, whose commas
 * would split a macro's arguments.) */
#define SET(member, ...)                                                       \
  {                                                                            \
    .kind = EDIT_APP, .off = offsetof(cpd_application, member),                \
    .v = __VA_ARGS__                                                           \
  }
#define SET_ACT(i, member, ...)                                                \
  {                                                                            \
    .kind = EDIT_ACT, .act = (i), .off = offsetof(cpd_activity, member),       \
    .v = __VA_ARGS__                                                           \
  }
#define NO_EVIDENCE(i)                                                         \
  { .kind = EDIT_NO_EVIDENCE, .act = (i) }
#define EVIDENCE(i, ...)                                                       \
  { .kind = EDIT_EVIDENCE, .act = (i), .v = __VA_ARGS__ }
#define COMPETENCY(i, code)                                                    \
  { .kind = EDIT_COMPETENCY, .act = (i), .v = TEXT(code) }
#define TEXT(s) CPD_TEXT(s)
#define NUM(x) CPD_NUMBER(x)
#define BOOLEAN(b) CPD_BOOL(b)
#define ABSENT CPD_ABSENT

/* What the result must say. */
typedef enum check_kind {
  CHECK_END,
  CHECK_DECISION,      /* the decision is N */
  CHECK_DIAGS,         /* exactly N diagnostics CODE at PATH (NULL: any) */
  CHECK_HAS_DIAG,      /* at least one diagnostic CODE at PATH */
  CHECK_PLACED,        /* activity ACT: section TEXT, YEAR, counts N, STATUS */
  CHECK_STATUS,        /* activity ACT has STATUS */
  CHECK_NOT_REJECTED,  /* activity ACT is not rejected */
  CHECK_COUNTED,       /* activity ACT counts N */
  CHECK_CLAIMED,       /* activity ACT claims N */
  CHECK_SECTION,       /* section TEXT: its cpd_points at member OFF is N */
  CHECK_ENTRIES,       /* section TEXT has N entries */
  CHECK_TOTAL,         /* the summary's cpd_points at member OFF is N */
  CHECK_DAY,           /* the summary's cpd_day at member OFF is the day
                          TEXT (NULL: CPD_DAY_NONE) */
  CHECK_WINDOW,        /* the window status is N */
  CHECK_QUALIFICATION, /* the summary's qualification is TEXT (or NULL) */
  CHECK_SUBJECT        /* the e-mail subject is TEXT */
} check_kind;

typedef struct check {
  check_kind kind;
  const char *code, *path, *text;
  size_t act, off;
  int year;
  cpd_activity_status status;
  long long n;
} check;

#define DECISION(d)                                                            \
  { .kind = CHECK_DECISION, .n = (d) }
#define DIAGS(c, p, count)                                                     \
  { .kind = CHECK_DIAGS, .code = (c), .path = (p), .n = (count) }
#define NO_DIAG(c) DIAGS(c, NULL, 0)
#define HAS_DIAG(c, p)                                                         \
  { .kind = CHECK_HAS_DIAG, .code = (c), .path = (p) }
#define PLACED(i, section, y, counted, st)                                     \
  {                                                                            \
    .kind = CHECK_PLACED, .act = (i), .text = (section), .year = (y),          \
    .n = (counted), .status = (st)                                             \
  }
#define STATUS(i, st)                                                          \
  { .kind = CHECK_STATUS, .act = (i), .status = (st) }
#define NOT_REJECTED(i)                                                        \
  { .kind = CHECK_NOT_REJECTED, .act = (i) }
#define COUNTED(i, p)                                                          \
  { .kind = CHECK_COUNTED, .act = (i), .n = (p) }
#define CLAIMED(i, p)                                                          \
  { .kind = CHECK_CLAIMED, .act = (i), .n = (p) }
#define SECTION(name, member, p)                                               \
  {                                                                            \
    .kind = CHECK_SECTION, .text = (name),                                     \
    .off = offsetof(cpd_section_total, member), .n = (p)                       \
  }
#define ENTRIES(name, count)                                                   \
  { .kind = CHECK_ENTRIES, .text = (name), .n = (count) }
#define TOTAL(member, p)                                                       \
  { .kind = CHECK_TOTAL, .off = offsetof(cpd_summary, member), .n = (p) }
#define DAY(member, iso)                                                       \
  { .kind = CHECK_DAY, .off = offsetof(cpd_summary, member), .text = (iso) }
#define WINDOW(w)                                                              \
  { .kind = CHECK_WINDOW, .n = (w) }
#define QUALIFICATION(q)                                                       \
  { .kind = CHECK_QUALIFICATION, .text = (q) }
#define SUBJECT(s)                                                             \
  { .kind = CHECK_SUBJECT, .text = (s) }

typedef struct rule_case {
  const char *name;   /* the rule and the behaviour (docs/RULES.md cites it) */
  int empty;          /* start from the baseline without its activities */
  new_act add[6];     /* appended in order (cat NULL: no more) */
  edit set[6];        /* then changed */
  const char *policy; /* JSON; NULL: the built-in policy */
  const char *error_code, *error_path; /* cpd_evaluate must refuse the
                                          input with this error */
  const char *codes[12]; /* exactly these diagnostic codes (none: any) */
  check checks[10];
} rule_case;

#define ROW(test) .name = #test
#define EMPTY .empty = 1
#define INPUT_ERROR(code, path) .error_code = (code), .error_path = (path)

/* An activity worth 1 h in D on 2024-10-01 (D-1) whose hours are VALUE:
 * refused, and the application incomplete. */
#define INVALID_HOURS(test, ...)                                               \
  {                                                                            \
    ROW(test), .add = {{NULL, "D", "講演", "2024-10-01", 1}},                  \
               .set = {SET_ACT(8, hours, __VA_ARGS__)}, .checks = {            \
                 DIAGS("activity.invalid_number", "/activities/8/hours", 1),   \
                 STATUS(8, CPD_ACTIVITY_REJECTED),                             \
                 COUNTED(8, 0),                                                \
                 SECTION("D-1", counted, 0),                                   \
                 DECISION(CPD_INCOMPLETE)                                      \
               }                                                               \
  }
#define OATH_NOT_AGREED(test, ...)                                             \
  {                                                                            \
    ROW(test), .set = {SET(oath_agreed, __VA_ARGS__)}, .checks = {             \
      DIAGS("oath.not_agreed", "/oath_agreed", 1),                             \
      DECISION(CPD_INCOMPLETE)                                                 \
    }                                                                          \
  }
#define EMAIL_INVALID(test, address)                                           \
  {                                                                            \
    ROW(test), .set = {SET(applicant.email, TEXT(address))}, .checks = {       \
      DIAGS("applicant.email_invalid", "/applicant/email", 1),                 \
      DECISION(CPD_INCOMPLETE)                                                 \
    }                                                                          \
  }
/* An activity in D written in FORM: read, placed in SECTION and YEAR. */
#define DATE_FORM(test, form, section, year)                                   \
  {                                                                            \
    ROW(test), .add = {{NULL, "D", "講演", form, 1}}, .checks = {              \
      NO_DIAG("activity.invalid_date"),                                        \
      PLACED(8, section, year, 100, CPD_ACTIVITY_COUNTED)                      \
    }                                                                          \
  }

static rule_case cases[] = {
    /* -------------------------------------------------------- baseline */
    {ROW(test_baseline_is_eligible), .codes = {"section.capped"},
     .checks = {DECISION(CPD_ELIGIBLE), TOTAL(counted, 3400),
                QUALIFICATION("OMP")}},

    /* -------------------------------------------------------------- R1 */
    {ROW(test_r1_qualification_missing_is_invalid),
     .set = {SET(qualification, ABSENT)},
     .checks = {DIAGS("qualification.invalid", "/qualification", 1),
                QUALIFICATION(NULL), DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r1_qualification_unknown_is_invalid),
     .set = {SET(qualification, TEXT("OMPX"))},
     .checks = {DIAGS("qualification.invalid", "/qualification", 1),
                QUALIFICATION(NULL), DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r1_qualification_full_width_is_accepted),
     .set = {SET(qualification, TEXT("ＯＭＰ"))},
     .checks = {NO_DIAG("qualification.invalid"), QUALIFICATION("OMP"),
                DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r1_qualification_cap_is_accepted),
     .set = {SET(qualification, TEXT("CAP"))},
     .checks = {NO_DIAG("qualification.invalid"), QUALIFICATION("CAP")}},

    /* -------------------------------------------------------------- R2 */
    /* The rules still apply: FY(2027-03-30) = 2026, so the period starts
     * on 2024-04-01 and ends on E. */
    {ROW(test_r2_expiry_not_fiscal_year_end_warns),
     .set = {SET(expires_on, TEXT("2027-03-30"))},
     .checks = {DIAGS("certification.expiry_not_fiscal_year_end",
                      "/certification/expires_on", 1),
                DAY(period_starts_on, "2024-04-01"),
                DAY(period_expires_on, "2027-03-30"), DECISION(CPD_ELIGIBLE)}},
    /* FY(2027-06-30) = 2027: year 1 = FY 2025 */
    {ROW(test_r2_expiry_mid_fiscal_year_keeps_its_fiscal_year),
     .set = {SET(expires_on, TEXT("2027-06-30")),
             SET(applied_on, TEXT("2027-05-10"))},
     .checks = {HAS_DIAG("certification.expiry_not_fiscal_year_end",
                         "/certification/expires_on"),
                DAY(period_starts_on, "2025-04-01"),
                DAY(period_expires_on, "2027-06-30"),
                DAY(window_opens_on, "2027-04-01"),
                DAY(window_closes_on, "2027-06-30")}},
    {ROW(test_r2_renewal_period_follows_expiry),
     .checks = {DECISION(CPD_ELIGIBLE), DAY(renewal_starts_on, "2027-04-01"),
                DAY(renewal_expires_on, "2030-03-31")}},

    /* -------------------------------------------------------------- R3 */
    {ROW(test_r3_window_is_january_to_march_by_default),
     .checks = {DAY(window_opens_on, "2027-01-01"),
                DAY(window_closes_on, "2027-03-31"), WINDOW(CPD_WINDOW_OPEN)}},
    {ROW(test_r3_window_open_on_first_day),
     .set = {SET(applied_on, TEXT("2027-01-01")),
             SET(fee_paid_on, TEXT("2027-01-01"))},
     .checks = {WINDOW(CPD_WINDOW_OPEN), NO_DIAG("window.not_yet_open"),
                DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r3_window_not_yet_open_on_day_before),
     .set = {SET(applied_on, TEXT("2026-12-31"))},
     .checks = {WINDOW(CPD_WINDOW_NOT_YET_OPEN),
                DIAGS("window.not_yet_open", "/applied_on", 1),
                DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r3_window_open_on_last_day),
     .set = {SET(applied_on, TEXT("2027-03-31"))},
     .checks = {WINDOW(CPD_WINDOW_OPEN), NO_DIAG("window.closed"),
                DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r3_window_closed_on_day_after),
     .set = {SET(applied_on, TEXT("2027-04-01"))},
     .checks = {WINDOW(CPD_WINDOW_CLOSED),
                DIAGS("window.closed", "/applied_on", 1),
                DECISION(CPD_INELIGIBLE)}},
    {ROW(test_r3_strict_policy_closes_february_29_in_leap_year),
     .policy = "{\"window\":{\"opens_months_before_renewal\":3,"
               "\"closes_months_before_renewal\":1}}",
     .set = {SET(expires_on, TEXT("2028-03-31")),
             SET(applied_on, TEXT("2028-02-29")),
             SET(fee_paid_on, TEXT("2028-02-01"))},
     .checks = {DAY(window_opens_on, "2028-01-01"),
                DAY(window_closes_on, "2028-02-29"), WINDOW(CPD_WINDOW_OPEN)}},
    /* N = 2027-05-31; minus 3 months is "2027-02-31", clamped to
     * 2027-02-28 */
    {ROW(test_r3_month_arithmetic_clamps_to_end_of_month),
     .set = {SET(expires_on, TEXT("2027-05-30")),
             SET(applied_on, TEXT("2027-03-01"))},
     .checks = {DAY(window_opens_on, "2027-02-28"),
                DAY(window_closes_on, "2027-05-30"), WINDOW(CPD_WINDOW_OPEN)}},

    /* -------------------------------------------------------------- R4 */
    {ROW(test_r4_march_31_is_in_year_1_april_1_in_year_2),
     .add = {{NULL, "D", "講演 1", "2025-03-31", 1},
             {NULL, "D", "講演 2", "2025-04-01", 1}},
     .checks = {PLACED(8, "D-1", 1, 100, CPD_ACTIVITY_COUNTED),
                PLACED(9, "D-2", 2, 100, CPD_ACTIVITY_COUNTED)}},
    {ROW(test_r4_activity_on_period_start_counts),
     .add = {{NULL, "D", "講演", "2024-04-01", 2}},
     .checks = {PLACED(8, "D-1", 1, 200, CPD_ACTIVITY_COUNTED),
                NO_DIAG("activity.outside_period")}},
    /* outside the period is a warning only */
    {ROW(test_r4_activity_before_period_is_outside_and_rejected),
     .add = {{NULL, "D", "講演", "2024-03-31", 2}},
     .checks = {DIAGS("activity.outside_period", "/activities/8/completed_on",
                      1),
                PLACED(8, NULL, 0, 0, CPD_ACTIVITY_REJECTED),
                DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r4_activity_on_application_date_counts),
     .add = {{NULL, "D", "講演", "2027-02-10", 2}},
     .checks = {PLACED(8, "D-3", 3, 100, CPD_ACTIVITY_PARTIALLY_COUNTED),
                NO_DIAG("activity.date_after_application")}},
    {ROW(test_r4_activity_after_application_is_rejected),
     .add = {{NULL, "D", "講演", "2027-02-11", 1}},
     .checks = {DIAGS("activity.date_after_application",
                      "/activities/8/completed_on", 1),
                STATUS(8, CPD_ACTIVITY_REJECTED), COUNTED(8, 0),
                SECTION("D-3", counted, 400), DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r4_declared_year_mismatch_warns_and_computed_year_wins),
     .add = {{NULL, "D", "講演", "2024-10-01", 2}},
     .set = {SET_ACT(8, year, NUM(2))},
     .checks = {DIAGS("activity.year_mismatch", "/activities/8/year", 1),
                PLACED(8, "D-1", 1, 200, CPD_ACTIVITY_COUNTED),
                SECTION("D-2", counted, 0), DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r4_declared_year_matching_is_silent),
     .add = {{NULL, "D", "講演", "2024-10-01", 2}},
     .set = {SET_ACT(8, year, TEXT("１"))},
     .checks = {NO_DIAG("activity.year_mismatch"),
                PLACED(8, "D-1", 1, 200, CPD_ACTIVITY_COUNTED)}},
    {ROW(test_r4_activity_in_year_3),
     .add = {{NULL, "C", "自習", "2026-04-01", 2}},
     .checks = {PLACED(8, "C-3", 3, 200, CPD_ACTIVITY_COUNTED)}},

    /* -------------------------------------------------------------- R5 */
    {ROW(test_r5_points_absent_are_hours_times_one),
     .add = {{NULL, "D", "講演", "2024-10-01", 3}},
     .checks = {CLAIMED(8, 300),
                PLACED(8, "D-1", 1, 300, CPD_ACTIVITY_COUNTED)}},
    {ROW(test_r5_one_and_a_half_hours_are_one_and_a_half_points),
     .add = {{NULL, "D", "講演", "2024-10-01", 1.5}},
     .checks = {CLAIMED(8, 150), COUNTED(8, 150), TOTAL(counted, 3550)}},
    {ROW(test_r5_points_above_hours_are_reduced),
     .add = {{NULL, "D", "講演", "2024-10-01", 2}},
     .set = {SET_ACT(8, points, NUM(3))},
     .checks = {DIAGS("activity.points_reduced", "/activities/8/points", 1),
                CLAIMED(8, 200), PLACED(8, "D-1", 1, 200, CPD_ACTIVITY_COUNTED),
                DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r5_points_below_hours_are_kept),
     .add = {{NULL, "D", "講演", "2024-10-01", 3}},
     .set = {SET_ACT(8, points, NUM(1.25))},
     .checks = {NO_DIAG("activity.points_reduced"), CLAIMED(8, 125),
                COUNTED(8, 125)}},
    INVALID_HOURS(test_r5_hours_zero_is_invalid, NUM(0)),
    INVALID_HOURS(test_r5_hours_negative_is_invalid, NUM(-1)),
    INVALID_HOURS(test_r5_hours_10000_is_invalid, NUM(10000)),
    INVALID_HOURS(test_r5_hours_above_9999_99_is_invalid, TEXT("10000.00")),
    INVALID_HOURS(test_r5_hours_with_three_decimals_is_invalid, NUM(1.234)),
    INVALID_HOURS(test_r5_hours_text_with_three_decimals_is_invalid,
                  TEXT("1.005")),
    INVALID_HOURS(test_r5_hours_text_abc_is_invalid, TEXT("abc")),
    INVALID_HOURS(test_r5_hours_missing_is_invalid, ABSENT),
    INVALID_HOURS(test_r5_hours_bool_is_invalid, BOOLEAN(1)),
    {ROW(test_r5_hours_9999_99_is_valid),
     .add = {{NULL, "A", "長期講座", "2025-10-01", 9999.99}},
     .set = {SET_ACT(8, points, NUM(9999.99))},
     .checks = {NO_DIAG("activity.invalid_number"),
                NO_DIAG("activity.points_reduced"),
                PLACED(8, "A", 2, 999999, CPD_ACTIVITY_COUNTED),
                SECTION("A", counted, 1200 + 999999)}},
    {ROW(test_r5_full_width_numeric_text_is_accepted),
     .add = {{NULL, "A", "講座", "2025-10-01", 1}},
     .set = {SET_ACT(8, hours, TEXT("６"))},
     .checks = {NO_DIAG("activity.invalid_number"), CLAIMED(8, 600),
                COUNTED(8, 600)}},
    {ROW(test_r5_decimal_numeric_text_is_accepted),
     .add = {{NULL, "D", "講演", "2024-10-01", 1}},
     .set = {SET_ACT(8, hours, TEXT("1.5")), SET_ACT(8, points, TEXT("1.5"))},
     .checks = {NO_DIAG("activity.invalid_number"), CLAIMED(8, 150)}},
    {ROW(test_r5_points_zero_is_valid),
     .add = {{NULL, "D", "講演", "2024-10-01", 2}},
     .set = {SET_ACT(8, points, NUM(0))},
     .checks = {NO_DIAG("activity.invalid_number"), CLAIMED(8, 0),
                COUNTED(8, 0), NOT_REJECTED(8), TOTAL(counted, 3400)}},
    {ROW(test_r5_points_negative_are_invalid),
     .add = {{NULL, "D", "講演", "2024-10-01", 2}},
     .set = {SET_ACT(8, points, NUM(-0.01))},
     .checks = {DIAGS("activity.invalid_number", "/activities/8/points", 1),
                STATUS(8, CPD_ACTIVITY_REJECTED), DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r5_points_with_three_decimals_are_invalid),
     .add = {{NULL, "D", "講演", "2024-10-01", 2}},
     .set = {SET_ACT(8, points, TEXT("1.125"))},
     .checks = {DIAGS("activity.invalid_number", "/activities/8/points", 1),
                STATUS(8, CPD_ACTIVITY_REJECTED)}},
    {ROW(test_r5_points_above_9999_99_are_invalid),
     .add = {{NULL, "A", "講座", "2025-10-01", 9999.99}},
     .set = {SET_ACT(8, points, NUM(10000))},
     .checks = {DIAGS("activity.invalid_number", "/activities/8/points", 1),
                STATUS(8, CPD_ACTIVITY_REJECTED)}},
    /* 1.25 h x 0.5 = 0.625, truncated to 0.62 */
    {ROW(test_r5_points_per_hour_product_is_truncated),
     .policy = "{\"points_per_hour\":0.5}",
     .add = {{NULL, "D", "講演", "2024-10-01", 1.25}},
     .checks = {CLAIMED(8, 62), COUNTED(8, 62)}},

    /* -------------------------------------------------------------- R6 */
    {ROW(test_r6_cap_partially_counts_activity_crossing_the_cap),
     .checks = {PLACED(2, "B-1", 1, 400, CPD_ACTIVITY_COUNTED),
                PLACED(3, "B-1", 1, 100, CPD_ACTIVITY_PARTIALLY_COUNTED),
                SECTION("B-1", claimed, 700), SECTION("B-1", counted, 500),
                SECTION("B-1", cap, 500), ENTRIES("B-1", 2),
                DIAGS("section.capped", NULL, 1),
                DIAGS("section.capped", "/activities/3", 1)}},
    /* still one section.capped for B-1, at the crossing activity */
    {ROW(test_r6_activity_after_the_cap_is_capped),
     .add = {{NULL, "B", "外部研修 追加", "2025-02-01", 2}},
     .checks = {PLACED(8, "B-1", 1, 0, CPD_ACTIVITY_CAPPED), CLAIMED(8, 200),
                SECTION("B-1", counted, 500), SECTION("B-1", claimed, 900),
                DIAGS("section.capped", NULL, 1),
                DIAGS("section.capped", "/activities/3", 1)}},
    {ROW(test_r6_earlier_dated_activity_listed_later_counts_first),
     .add = {{NULL, "B", "外部研修 早期", "2024-05-01", 2}},
     .checks = {PLACED(8, "B-1", 1, 200, CPD_ACTIVITY_COUNTED),
                PLACED(2, "B-1", 1, 300, CPD_ACTIVITY_PARTIALLY_COUNTED),
                PLACED(3, "B-1", 1, 0, CPD_ACTIVITY_CAPPED),
                DIAGS("section.capped", "/activities/2", 1)}},
    {ROW(test_r6_same_date_counts_in_input_order), EMPTY,
     .add = {{NULL, "A", "講座", "2025-06-01", 30},
             {NULL, "B", "研修 一", "2024-10-01", 3},
             {NULL, "B", "研修 二", "2024-10-01", 4}},
     .checks = {PLACED(1, "B-1", 1, 300, CPD_ACTIVITY_COUNTED),
                PLACED(2, "B-1", 1, 200, CPD_ACTIVITY_PARTIALLY_COUNTED),
                DIAGS("section.capped", "/activities/2", 1)}},
    /* (the one section.capped is B-1's) */
    {ROW(test_r6_section_a_has_no_cap),
     .add = {{NULL, "A", "長期講座", "2025-06-01", 40}},
     .checks = {PLACED(8, "A", 2, 4000, CPD_ACTIVITY_COUNTED),
                SECTION("A", cap, CPD_NO_CAP), SECTION("A", counted, 5200),
                ENTRIES("A", 3), DIAGS("section.capped", NULL, 1)}},
    /* the first one fills C-1 */
    {ROW(test_r6_c_is_capped_per_year),
     .add = {{NULL, "C", "自習 追加", "2025-02-01", 3},
             {NULL, "C", "自習 三年目", "2026-06-01", 3}},
     .checks = {PLACED(8, "C-1", 1, 0, CPD_ACTIVITY_CAPPED),
                PLACED(9, "C-3", 3, 300, CPD_ACTIVITY_COUNTED),
                SECTION("C-1", counted, 500), SECTION("C-2", counted, 500),
                SECTION("C-3", counted, 300),
                DIAGS("section.capped", "/activities/8", 1)}},
    {ROW(test_r6_d_is_capped_per_year),
     .add = {{NULL, "D", "講演 一年目", "2024-06-01", 6},
             {NULL, "D", "講演 二年目", "2025-06-01", 4}},
     .checks = {PLACED(8, "D-1", 1, 500, CPD_ACTIVITY_PARTIALLY_COUNTED),
                PLACED(9, "D-2", 2, 400, CPD_ACTIVITY_COUNTED),
                SECTION("D-3", counted, 400),
                DIAGS("section.capped", "/activities/8", 1)}},
    {ROW(test_r6_unknown_category_is_invalid_and_unplaced),
     .add = {{NULL, "E", "謎の活動", "2025-06-01", 2}},
     .checks = {DIAGS("activity.invalid_category", "/activities/8/category", 1),
                PLACED(8, NULL, 0, 0, CPD_ACTIVITY_REJECTED),
                DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r6_missing_category_is_invalid),
     .add = {{NULL, "D", "講演", "2025-06-01", 2}},
     .set = {SET_ACT(8, category, ABSENT)},
     .checks = {DIAGS("activity.invalid_category", "/activities/8/category", 1),
                PLACED(8, NULL, 0, 0, CPD_ACTIVITY_REJECTED)}},
    {ROW(test_r6_full_width_category_is_accepted),
     .add = {{NULL, "Ｄ", "講演", "2025-06-01", 2}},
     .checks = {NO_DIAG("activity.invalid_category"),
                PLACED(8, "D-2", 2, 200, CPD_ACTIVITY_COUNTED)}},

    /* -------------------------------------------------------------- R7 */
    /* b3 is B, 2025-07-01, "外部研修 WFM"; a duplicate is a warning only */
    {ROW(test_r7_full_width_title_is_duplicate_of_ascii),
     .add = {{NULL, "B", "外部研修　ＷＦＭ", "2025-07-01", 3}},
     .checks = {DIAGS("activity.duplicate", "/activities/8", 1),
                DIAGS("activity.duplicate", NULL, 1),
                STATUS(8, CPD_ACTIVITY_REJECTED), COUNTED(8, 0),
                PLACED(4, "B-2", 2, 300, CPD_ACTIVITY_COUNTED),
                SECTION("B-2", counted, 300), DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r7_extra_spaces_do_not_hide_a_duplicate),
     .add = {{NULL, "B", "  外部研修   WFM ", "2025/07/01", 3}},
     .checks = {DIAGS("activity.duplicate", "/activities/8", 1),
                STATUS(8, CPD_ACTIVITY_REJECTED)}},
    {ROW(test_r7_duplicate_warning_is_on_the_later_one), EMPTY,
     .add = {{NULL, "A", "講座", "2025-06-01", 30},
             {NULL, "D", "講演", "2025-06-01", 2},
             {NULL, "D", "講演", "2025-06-01", 2}},
     .checks = {DIAGS("activity.duplicate", NULL, 1),
                DIAGS("activity.duplicate", "/activities/2", 1),
                PLACED(1, "D-2", 2, 200, CPD_ACTIVITY_COUNTED),
                STATUS(2, CPD_ACTIVITY_REJECTED)}},
    {ROW(test_r7_different_date_is_not_duplicate),
     .add = {{NULL, "B", "外部研修 WFM", "2025-07-02", 3}},
     .checks = {NO_DIAG("activity.duplicate"),
                PLACED(8, "B-2", 2, 200, CPD_ACTIVITY_PARTIALLY_COUNTED)}},
    {ROW(test_r7_different_category_is_not_duplicate),
     .add = {{NULL, "D", "外部研修 WFM", "2025-07-01", 3}},
     .checks = {NO_DIAG("activity.duplicate"),
                PLACED(8, "D-2", 2, 300, CPD_ACTIVITY_COUNTED)}},
    {ROW(test_r7_rejected_earlier_activity_makes_no_duplicate), EMPTY,
     .add = {{NULL, "A", "講座", "2025-06-01", 30},
             {NULL, "D", "講演", "2025-06-01", 2},
             {NULL, "D", "講演", "2025-06-01", 2}},
     .set = {SET_ACT(1, hours, TEXT("abc"))},
     .checks = {NO_DIAG("activity.duplicate"),
                PLACED(2, "D-2", 2, 200, CPD_ACTIVITY_COUNTED)}},

    /* -------------------------------------------------------------- R8 */
    {ROW(test_r8_exactly_30_points_is_eligible), EMPTY,
     .add = {{NULL, "A", "講座", "2025-06-01", 30}},
     .checks = {TOTAL(required, 3000), TOTAL(counted, 3000),
                TOTAL(shortfall, 0), NO_DIAG("points.shortfall"),
                DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r8_29_99_points_is_a_shortfall), EMPTY,
     .add = {{NULL, "A", "講座", "2025-06-01", 29.99}},
     .checks = {TOTAL(counted, 2999), TOTAL(shortfall, 1),
                DIAGS("points.shortfall", "/activities", 1),
                DECISION(CPD_INELIGIBLE)}},
    {ROW(test_r8_no_activities_is_a_full_shortfall), EMPTY,
     .checks = {TOTAL(counted, 0), TOTAL(shortfall, 3000),
                HAS_DIAG("points.shortfall", "/activities"),
                DECISION(CPD_INELIGIBLE)}},

    /* -------------------------------------------------------------- R9 */
    {ROW(test_r9_fee_paid_on_missing), .set = {SET(fee_paid_on, ABSENT)},
     .checks = {DIAGS("fee.missing", "/fee/paid_on", 1),
                DIAGS("fee.missing", NULL, 1), DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r9_fee_payer_name_missing), .set = {SET(fee_payer_name, ABSENT)},
     .checks = {DIAGS("fee.missing", "/fee/payer_name", 1),
                DIAGS("fee.missing", NULL, 1), DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r9_fee_both_missing_gives_one_each),
     .set = {SET(fee_paid_on, ABSENT), SET(fee_payer_name, TEXT("　"))},
     .checks = {DIAGS("fee.missing", "/fee/paid_on", 1),
                DIAGS("fee.missing", "/fee/payer_name", 1)}},
    {ROW(test_r9_fee_paid_after_window_is_late),
     .set = {SET(fee_paid_on, TEXT("2027-04-01"))},
     .checks = {DIAGS("fee.late", "/fee/paid_on", 1),
                DECISION(CPD_INELIGIBLE)}},
    {ROW(test_r9_fee_paid_on_last_day_of_window_is_fine),
     .set = {SET(fee_paid_on, TEXT("2027-03-31"))},
     .checks = {NO_DIAG("fee.late"), DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r9_fee_paid_before_window_warns),
     .set = {SET(fee_paid_on, TEXT("2026-12-31"))},
     .checks = {DIAGS("fee.paid_before_window", "/fee/paid_on", 1),
                DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r9_fee_paid_on_window_opening_is_fine),
     .set = {SET(fee_paid_on, TEXT("2027-01-01"))},
     .codes = {"section.capped"}},
    {ROW(test_r9_fee_paid_after_application_inside_window_is_fine),
     .set = {SET(fee_paid_on, TEXT("2027-03-15"))}, .codes = {"section.capped"},
     .checks = {DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r9_fee_invalid_date),
     .set = {SET(fee_paid_on, TEXT("2027-02-30"))},
     .checks = {DIAGS("fee.invalid_date", "/fee/paid_on", 1),
                NO_DIAG("fee.missing"), DECISION(CPD_INCOMPLETE)}},

    /* ------------------------------------------------------------- R10 */
    OATH_NOT_AGREED(test_r10_oath_false_is_not_agreed, BOOLEAN(0)),
    OATH_NOT_AGREED(test_r10_oath_missing_is_not_agreed, ABSENT),
    OATH_NOT_AGREED(test_r10_oath_text_true_is_not_agreed, TEXT("true")),
    OATH_NOT_AGREED(test_r10_oath_number_one_is_not_agreed, NUM(1)),

    /* ------------------------------------------------------------- R11 */
    {ROW(test_r11_blank_text_counts_as_missing),
     .set = {SET(applicant.name, TEXT(" 　 "))},
     .checks = {DIAGS("applicant.missing_field", "/applicant/name", 1)}},
    {ROW(test_r11_phone_and_mobile_missing_is_one_diagnostic),
     .set = {SET(applicant.phone, ABSENT), SET(applicant.mobile, ABSENT)},
     .checks = {DIAGS("applicant.missing_field", NULL, 1),
                DIAGS("applicant.missing_field", "/applicant/phone", 1),
                DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r11_mobile_alone_is_enough),
     .set = {SET(applicant.phone, ABSENT)},
     .checks = {NO_DIAG("applicant.missing_field"), DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r11_phone_alone_is_enough),
     .set = {SET(applicant.mobile, ABSENT)},
     .checks = {NO_DIAG("applicant.missing_field"), DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r11_company_without_kana_is_missing),
     .set = {SET(applicant.company_kana, ABSENT)},
     .checks = {DIAGS("applicant.missing_field", NULL, 1),
                DIAGS("applicant.missing_field", "/applicant/company_kana", 1),
                DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r11_no_company_needs_no_kana),
     .set = {SET(applicant.company, ABSENT),
             SET(applicant.company_kana, ABSENT)},
     .checks = {NO_DIAG("applicant.missing_field"), DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r11_name_kana_with_kanji_is_invalid),
     .set = {SET(applicant.name_kana, TEXT("鬼瓦 ごんぞう"))},
     .checks = {DIAGS("applicant.kana_invalid", "/applicant/name_kana", 1),
                DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r11_company_kana_with_latin_is_invalid),
     .set = {SET(applicant.company_kana, TEXT("ずくえ Inc"))},
     .checks = {DIAGS("applicant.kana_invalid", "/applicant/company_kana", 1)}},
    /* the company's kana in half-width katakana */
    {ROW(test_r11_katakana_with_long_mark_and_dot_is_valid),
     .set = {SET(applicant.name_kana, TEXT("オニガワラ・ゴンゾー")),
             SET(applicant.company_kana, TEXT("ｶﾌﾞｼｷｶﾞｲｼｬ ｽﾞｸｴ"))},
     .checks = {NO_DIAG("applicant.kana_invalid")}},
    {ROW(test_r11_full_width_postal_code_with_mark_is_valid),
     .set = {SET(applicant.postal_code, TEXT("〒１００－０００５"))},
     .checks = {NO_DIAG("applicant.postal_code_invalid"),
                DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r11_postal_code_seven_digits_without_dash_is_valid),
     .set = {SET(applicant.postal_code, TEXT("1000005"))},
     .checks = {NO_DIAG("applicant.postal_code_invalid")}},
    {ROW(test_r11_postal_code_short_is_invalid),
     .set = {SET(applicant.postal_code, TEXT("12-345"))},
     .checks = {DIAGS("applicant.postal_code_invalid", "/applicant/postal_code",
                      1),
                DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r11_postal_code_dash_misplaced_is_invalid),
     .set = {SET(applicant.postal_code, TEXT("1000-005"))},
     .checks = {DIAGS("applicant.postal_code_invalid", "/applicant/postal_code",
                      1)}},
    {ROW(test_r11_phone_not_starting_with_zero_is_invalid),
     .set = {SET(applicant.phone, TEXT("1162-76-5432"))},
     .checks = {DIAGS("applicant.phone_invalid", "/applicant/phone", 1),
                DIAGS("applicant.phone_invalid", NULL, 1),
                DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r11_phone_with_nine_digits_is_invalid),
     .set = {SET(applicant.phone, TEXT("016-27-6543"))},
     .checks = {DIAGS("applicant.phone_invalid", "/applicant/phone", 1)}},
    {ROW(test_r11_mobile_with_twelve_digits_is_invalid),
     .set = {SET(applicant.mobile, TEXT("080-9753-18640"))},
     .checks = {DIAGS("applicant.phone_invalid", "/applicant/mobile", 1),
                DIAGS("applicant.phone_invalid", NULL, 1)}},
    {ROW(test_r11_phone_with_parentheses_and_spaces_is_valid),
     .set = {SET(applicant.phone, TEXT("(0162) 76 5432")),
             SET(applicant.mobile, TEXT("０８０－９７５３－１８６４"))},
     .checks = {NO_DIAG("applicant.phone_invalid")}},
    EMAIL_INVALID(test_r11_email_without_at_is_invalid, "gonzo.zqx.example.jp"),
    EMAIL_INVALID(test_r11_email_with_two_ats_is_invalid,
                  "gonzo@zqx@example.jp"),
    EMAIL_INVALID(test_r11_email_with_empty_local_part_is_invalid,
                  "@zqx-example.jp"),
    EMAIL_INVALID(test_r11_email_domain_without_dot_is_invalid,
                  "gonzo.zqx@localhost"),
    EMAIL_INVALID(test_r11_email_with_space_is_invalid, "gonzo zqx@example.jp"),
    {ROW(test_r11_full_width_email_is_valid),
     .set = {SET(applicant.email,
                 TEXT("ｇｏｎｚｏ．ｚｑｘ＠ｅｘａｍｐｌｅ．ｊｐ"))},
     .checks = {NO_DIAG("applicant.email_invalid")}},

    /* ------------------------------------------------------------- R12 */
    {ROW(test_r12_evidence_missing_in_a_still_counts), .set = {NO_EVIDENCE(0)},
     .checks = {DIAGS("activity.evidence_missing", "/activities/0/evidence", 1),
                DIAGS("activity.evidence_missing", NULL, 1),
                PLACED(0, "A", 1, 600, CPD_ACTIVITY_COUNTED),
                TOTAL(counted, 3400), DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r12_evidence_missing_in_b_still_counts), .set = {NO_EVIDENCE(4)},
     .checks = {DIAGS("activity.evidence_missing", "/activities/4/evidence", 1),
                PLACED(4, "B-2", 2, 300, CPD_ACTIVITY_COUNTED),
                DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r12_blank_evidence_name_is_missing),
     .set = {EVIDENCE(0, TEXT(""))},
     .checks = {DIAGS("activity.evidence_missing", "/activities/0/evidence",
                      1)}},

    /* ------------------------------------------------------------- R13 */
    DATE_FORM(test_r13_reiwa_kanji_date_in_activity, "令和6年6月15日", "D-1",
              1),
    DATE_FORM(test_r13_reiwa_abbreviated_full_width_date_in_activity,
              "Ｒ７．５．２０", "D-2", 2),
    DATE_FORM(test_r13_jis_x_0301_date_in_activity, "R06.04.01", "D-1", 1),
    DATE_FORM(test_r13_reiwa_ligature_date_in_activity, "㋿7年4月1日",
              "D-2", 2),
    {ROW(test_r13_era_date_outside_its_era_is_invalid),
     .add = {{NULL, "D", "講演", "平成31年5月1日", 1}},
     .checks = {DIAGS("activity.invalid_date", "/activities/8/completed_on", 1),
                PLACED(8, NULL, 0, 0, CPD_ACTIVITY_REJECTED),
                DECISION(CPD_INCOMPLETE)}},
    {ROW(test_r13_impossible_day_is_invalid),
     .add = {{NULL, "D", "講演", "2025-02-29", 1}},
     .checks = {DIAGS("activity.invalid_date", "/activities/8/completed_on", 1),
                PLACED(8, NULL, 0, 0, CPD_ACTIVITY_REJECTED)}},
    {ROW(test_r13_missing_activity_date_is_invalid),
     .add = {{NULL, "D", "講演", "x", 1}},
     .set = {SET_ACT(8, completed_on, ABSENT)},
     .checks = {DIAGS("activity.invalid_date", "/activities/8/completed_on", 1),
                PLACED(8, NULL, 0, 0, CPD_ACTIVITY_REJECTED)}},
    {ROW(test_r13_era_application_date_is_accepted),
     .set = {SET(applied_on, TEXT("令和9年2月10日")),
             SET(expires_on, TEXT("R9.3.31"))},
     .checks = {DAY(applied_on, "2027-02-10"),
                DAY(period_expires_on, "2027-03-31"), DECISION(CPD_ELIGIBLE)}},

    /* ------------------------------------------------------------- R14 */
    {ROW(test_r14_applied_on_missing_is_input_error),
     .set = {SET(applied_on, ABSENT)},
     INPUT_ERROR("input.missing_field", "/applied_on")},
    {ROW(test_r14_applied_on_invalid_is_input_error),
     .set = {SET(applied_on, TEXT("2027-02-30"))},
     INPUT_ERROR("input.invalid_date", "/applied_on")},
    {ROW(test_r14_expires_on_invalid_is_input_error),
     .set = {SET(expires_on, TEXT("2027-13-31"))},
     INPUT_ERROR("input.invalid_date", "/certification/expires_on")},
    {ROW(test_r14_expires_on_missing_is_input_error),
     .set = {SET(expires_on, ABSENT)},
     INPUT_ERROR("input.missing_field", "/certification/expires_on")},
    {ROW(test_r14_invalid_utf8_in_name_is_input_error),
     .set = {SET(applicant.name, TEXT("\xe9\xac\xbc\xff"))},
     INPUT_ERROR("input.invalid_utf8", "/applicant/name")},
    /* a truncated sequence */
    {ROW(test_r14_invalid_utf8_in_activity_title_is_input_error),
     .set = {SET_ACT(3, title, TEXT("\xe5\xa4\x96\xe9"))},
     INPUT_ERROR("input.invalid_utf8", "/activities/3/title")},
    /* a surrogate */
    {ROW(test_r14_invalid_utf8_in_evidence_is_input_error),
     .set = {EVIDENCE(2, TEXT("\xed\xa0\x80.pdf"))},
     INPUT_ERROR("input.invalid_utf8", "/activities/2/evidence/0")},

    /* ------------------------------------------------------------- R15 */
    /* window.closed is fatal, oath.not_agreed fixable */
    {ROW(test_r15_fatal_beats_fixable),
     .set = {SET(applied_on, TEXT("2027-04-01")), SET(oath_agreed, BOOLEAN(0))},
     .checks = {HAS_DIAG("window.closed", "/applied_on"),
                HAS_DIAG("oath.not_agreed", "/oath_agreed"),
                DECISION(CPD_INELIGIBLE)}},
    {ROW(test_r15_fixable_beats_warning),
     .set = {SET(oath_agreed, BOOLEAN(0)), SET_ACT(2, year, NUM(3))},
     .checks = {HAS_DIAG("activity.year_mismatch", "/activities/2/year"),
                DECISION(CPD_INCOMPLETE)}},
    /* One of each warning and info: the expiry not at a fiscal year's end,
     * the fee before the window, a year mismatch, an unknown competency,
     * an activity outside the period (8), reduced points (9), a duplicate
     * (10), a fourth entry in B-1 (12). */
    {ROW(test_r15_warnings_and_infos_never_change_eligible),
     .add = {{NULL, "D", "講演", "2024-03-01", 1},
             {NULL, "D", "講演 二", "2025-06-01", 1},
             {NULL, "D", "講演 二", "2025-06-01", 1},
             {NULL, "B", "外部研修 五", "2024-12-01", 1},
             {NULL, "B", "外部研修 六", "2024-12-02", 1}},
     .set = {SET(expires_on, TEXT("2027-03-30")),
             SET(fee_paid_on, TEXT("2026-12-30")), SET_ACT(2, year, NUM(2)),
             COMPETENCY(1, "ZZ-99"), SET_ACT(9, points, NUM(2))},
     .codes = {"certification.expiry_not_fiscal_year_end",
               "fee.paid_before_window", "activity.year_mismatch",
               "activity.unknown_competency", "activity.outside_period",
               "activity.points_reduced", "activity.duplicate",
               "section.capped", "form.continuation_sheet"},
     .checks = {DECISION(CPD_ELIGIBLE), DAY(renewal_starts_on, "2027-03-31")}},
    {ROW(test_r15_renewal_only_when_eligible),
     .set = {SET(oath_agreed, BOOLEAN(0))},
     .checks = {DECISION(CPD_INCOMPLETE), DAY(renewal_starts_on, NULL),
                DAY(renewal_expires_on, NULL)}},

    /* ------------------------------------------------------------- R16 */
    {ROW(test_r16_three_entries_in_b1_fit_the_form),
     .add = {{NULL, "B", "外部研修 三", "2024-12-01", 1}},
     .checks = {ENTRIES("B-1", 3), NO_DIAG("form.continuation_sheet")}},
    {ROW(test_r16_four_entries_in_b1_need_a_continuation_sheet),
     .add = {{NULL, "B", "外部研修 三", "2024-12-01", 1},
             {NULL, "B", "外部研修 四", "2024-12-02", 1}},
     .checks = {ENTRIES("B-1", 4), DIAGS("form.continuation_sheet", NULL, 1),
                HAS_DIAG("form.continuation_sheet", "/activities"),
                DECISION(CPD_ELIGIBLE)}},
    {ROW(test_r16_six_entries_in_a_fit_the_form),
     .add = {{NULL, "A", "講座 三", "2025-05-01", 1},
             {NULL, "A", "講座 四", "2025-05-02", 1},
             {NULL, "A", "講座 五", "2025-05-03", 1},
             {NULL, "A", "講座 六", "2025-05-04", 1}},
     .checks = {ENTRIES("A", 6), NO_DIAG("form.continuation_sheet")}},
    {ROW(test_r16_seven_entries_in_a_need_a_continuation_sheet),
     .add = {{NULL, "A", "講座 三", "2025-05-01", 1},
             {NULL, "A", "講座 四", "2025-05-02", 1},
             {NULL, "A", "講座 五", "2025-05-03", 1},
             {NULL, "A", "講座 六", "2025-05-04", 1},
             {NULL, "A", "講座 七", "2025-05-05", 1}},
     .checks = {ENTRIES("A", 7), DIAGS("form.continuation_sheet", NULL, 1),
                HAS_DIAG("form.continuation_sheet", "/activities")}},
    {ROW(test_r16_unknown_competency_warns), .set = {COMPETENCY(1, "XX-1")},
     .checks = {DIAGS("activity.unknown_competency",
                      "/activities/1/competencies/0", 1),
                DECISION(CPD_ELIGIBLE)}},
    /* full-width: NFKC gives OP-1 */
    {ROW(test_r16_known_competency_is_silent),
     .set = {COMPETENCY(1, "PE-15"), COMPETENCY(2, "ＯＰ－１")},
     .checks = {NO_DIAG("activity.unknown_competency")}},
    {ROW(test_r16_email_subject_uses_applied_on_yymmdd),
     .set = {SET(applied_on, TEXT("2027-01-05"))},
     .checks = {SUBJECT(
         "【更新申請】プロフェッショナル更新申請書添付_270105")}},
};

static void apply_edit(tapp *t, const edit *e) {
  switch (e->kind) {
  case EDIT_APP:
    *(cpd_value *)(void *)((char *)&t->app + e->off) = e->v;
    break;
  case EDIT_ACT:
    assert_true(e->act < t->app.activity_count);
    *(cpd_value *)(void *)((char *)&t->acts[e->act] + e->off) = e->v;
    break;
  case EDIT_NO_EVIDENCE:
    t->acts[e->act].evidence = NULL;
    t->acts[e->act].evidence_count = 0;
    break;
  case EDIT_EVIDENCE:
    t->evidence[e->act] = e->v;
    break;
  case EDIT_COMPETENCY:
    assert_non_null(e->v.text);
    set_competency(t, e->act, e->v.text);
    break;
  case EDIT_END:
    break;
  }
}

static void check_one(const cpd_result *r, const check *c) {
  const cpd_summary *sm = cpd_result_summary(r);
  switch (c->kind) {
  case CHECK_DECISION:
    assert_decision(r, (cpd_decision)c->n);
    break;
  case CHECK_DIAGS:
    assert_diag_count(r, c->code, c->path, (size_t)c->n);
    break;
  case CHECK_HAS_DIAG:
    assert_has_diag(r, c->code, c->path);
    break;
  case CHECK_PLACED:
    assert_act(r, c->act, c->text, c->year, (cpd_points)c->n, c->status);
    break;
  case CHECK_STATUS:
    assert_int_equal(act(r, c->act)->status, c->status);
    break;
  case CHECK_NOT_REJECTED:
    assert_true(act(r, c->act)->status != CPD_ACTIVITY_REJECTED);
    break;
  case CHECK_COUNTED:
    assert_int_equal(act(r, c->act)->counted, c->n);
    break;
  case CHECK_CLAIMED:
    assert_int_equal(act(r, c->act)->claimed, c->n);
    break;
  case CHECK_SECTION:
    assert_int_equal(
        *(const cpd_points *)(const void *)((const char *)sec(r, c->text) +
                                            c->off),
        c->n);
    break;
  case CHECK_ENTRIES:
    assert_int_equal(sec(r, c->text)->entries, c->n);
    break;
  case CHECK_TOTAL:
    assert_int_equal(
        *(const cpd_points *)(const void *)((const char *)sm + c->off), c->n);
    break;
  case CHECK_DAY: {
    cpd_day d = *(const cpd_day *)(const void *)((const char *)sm + c->off);
    if (c->text)
      cpdt_assert_day(d, c->text);
    else
      assert_true(d == CPD_DAY_NONE);
    break;
  }
  case CHECK_WINDOW:
    assert_int_equal(sm->window_status, c->n);
    break;
  case CHECK_QUALIFICATION:
    if (c->text)
      assert_string_equal(sm->qualification, c->text);
    else
      assert_null(sm->qualification);
    break;
  case CHECK_SUBJECT:
    assert_string_equal(sm->email_subject, c->text);
    break;
  case CHECK_END:
    break;
  }
}

/* One row of cases[]: the baseline, the row's activities and changes,
 * then its checks (check_result() first, through eval_with). */
static void run_case(void **state) {
  const rule_case *c = *state;
  tapp t;
  cpd_policy *p = NULL;
  cpd_result *r;
  size_t i;
  if (c->empty)
    baseline_no_activities(&t);
  else
    baseline(&t);
  for (i = 0; i < sizeof c->add / sizeof c->add[0] && c->add[i].cat; i++)
    add_act(&t, c->add[i].id, c->add[i].cat, c->add[i].title, c->add[i].date,
            c->add[i].hours);
  for (i = 0; i < sizeof c->set / sizeof c->set[0]; i++)
    apply_edit(&t, &c->set[i]);
  if (c->error_code) {
    eval_input_error(&t, c->error_code, c->error_path);
    return;
  }
  if (c->policy)
    p = cpdt_policy(c->policy);
  r = eval_with(&t, p);
  if (c->codes[0])
    assert_codes(r, c->codes);
  for (i = 0; i < sizeof c->checks / sizeof c->checks[0]; i++)
    check_one(r, &c->checks[i]);
  cpd_result_free(r);
  cpd_policy_free(p);
}

/* ------------------------------------------------ cases that are no row */

static void test_r2_fiscal_year_starts_april_first(void **state) {
  (void)state;
  assert_int_equal(cpd_policy_fiscal_year(NULL, cpdt_ymd(2025, 3, 31)), 2024);
  assert_int_equal(cpd_policy_fiscal_year(NULL, cpdt_ymd(2025, 4, 1)), 2025);
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
  cpdt_assert_day(sm->period_starts_on, "2024-04-01");
  cpdt_assert_day(sm->period_expires_on, "2027-03-31");
  assert_int_equal(sm->period_years, 3);
  assert_int_equal(cpd_result_period_year(r, 1, &s, &e), CPD_OK);
  cpdt_assert_day(s, "2024-04-01");
  cpdt_assert_day(e, "2025-03-31");
  assert_int_equal(cpd_result_period_year(r, 2, &s, &e), CPD_OK);
  cpdt_assert_day(s, "2025-04-01");
  cpdt_assert_day(e, "2026-03-31");
  assert_int_equal(cpd_result_period_year(r, 3, &s, &e), CPD_OK);
  cpdt_assert_day(s, "2026-04-01");
  cpdt_assert_day(e, "2027-03-31");
  assert_int_equal(cpd_result_period_year(r, 0, &s, &e), CPD_EINVAL);
  assert_int_equal(cpd_result_period_year(r, 4, &s, &e), CPD_EINVAL);
  assert_no_diag(r, "certification.expiry_not_fiscal_year_end");
  cpd_result_free(r);
}

static void test_r3_strict_policy_closes_end_of_february(void **state) {
  tapp t;
  cpd_result *r;
  cpd_policy *p = cpdt_policy("{\"window\":{\"opens_months_before_renewal\":3,"
                              "\"closes_months_before_renewal\":1}}");
  (void)state;
  baseline(&t);
  r = eval_with(&t, p);
  cpdt_assert_day(cpd_result_summary(r)->window_opens_on, "2027-01-01");
  cpdt_assert_day(cpd_result_summary(r)->window_closes_on, "2027-02-28");
  assert_int_equal(cpd_result_summary(r)->window_status, CPD_WINDOW_OPEN);
  cpd_result_free(r);

  t.app.applied_on = cpdt_text("2027-03-01");
  r = eval_with(&t, p);
  assert_int_equal(cpd_result_summary(r)->window_status, CPD_WINDOW_CLOSED);
  assert_has_diag(r, "window.closed", "/applied_on");
  assert_decision(r, CPD_INELIGIBLE);
  cpd_result_free(r);
  cpd_policy_free(p);
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
    *field[k] = cpdt_absent();
    r = eval(&t);
    assert_diag_count(r, "applicant.missing_field", NULL, 1);
    assert_diag_count(r, "applicant.missing_field", paths[k], 1);
    assert_decision(r, CPD_INCOMPLETE);
    cpd_result_free(r);
  }
}

/* A phone number that is not text (a JSON number has lost its leading 0)
 * cannot be checked: it must not pass silently because the other number is
 * valid.  One diagnostic at PATH, applicant.phone_invalid or
 * applicant.missing_field, and the application incomplete. */
static void check_phone_not_text(int mobile, cpd_value v, const char *path) {
  tapp t;
  cpd_result *r;
  size_t n;
  cpd_decision d;
  baseline(&t);
  if (mobile)
    t.app.applicant.mobile = v;
  else
    t.app.applicant.phone = v;
  r = eval(&t);
  n = cpdt_count_diag(r, "applicant.phone_invalid", path) +
      cpdt_count_diag(r, "applicant.missing_field", path);
  if (n != 1) {
    print_error("%zu diagnostics at %s, expected 1 (applicant.phone_invalid)\n",
                n, path);
    cpdt_dump_diags(r);
  }
  d = cpd_result_summary(r)->decision;
  cpd_result_free(r);
  assert_int_equal(n, 1);
  assert_int_equal(d, CPD_INCOMPLETE);
}

static void test_r11_phone_that_is_not_text_is_reported(void **state) {
  (void)state;
  check_phone_not_text(0, cpdt_number(162765432), "/applicant/phone");
}

static void test_r11_mobile_that_is_not_text_is_reported(void **state) {
  (void)state;
  check_phone_not_text(1, cpdt_bool(1), "/applicant/mobile");
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

static void test_r13_slash_and_kanji_dates_in_activity(void **state) {
  (void)state;
  check_date_form("2025/03/31", "D-1", 1);
  check_date_form("2026年4月1日", "D-3", 3);
}

static void test_r14_input_error_message_does_not_echo_value(void **state) {
  tapp t;
  cpd_result *r = NULL;
  cpd_error err;
  (void)state;
  baseline(&t);
  t.app.applied_on = cpdt_text("ZQX-SECRET-DATE");
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
  t.app.applied_on = cpdt_absent();
  assert_int_equal(cpd_evaluate(&r, NULL, &t.app, NULL), CPD_EINPUT);
  assert_null(r);
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
  t.app.applicant.email = cpdt_text("broken");
  r = eval(&t);
  assert_decision(r, CPD_INCOMPLETE);
  cpd_result_free(r);
  t.app.fee_paid_on = cpdt_text("2027-05-01");
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
  t.app.applicant.name_kana = cpdt_text("鬼瓦ゴンゾウ");
  t.app.applicant.company_kana = cpdt_text("ZQX株式会社");
  t.app.applicant.phone = cpdt_text("9162-76-5432");
  t.app.applicant.mobile = cpdt_text("080-9753-18640");
  t.app.applicant.email = cpdt_text("gonzo.zqx-at-example.jp");
  t.app.applicant.postal_code = cpdt_text("ZQX-9753");
  t.app.qualification = cpdt_text("鬼瓦");
  t.app.oath_agreed = cpdt_bool(0);
  t.acts[0].title = cpdt_text("鬼瓦 権蔵 の講座");
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

/* The rows of cases[], each a test of its own name, then the functions. */
int main(void) {
  static const struct CMUnitTest functions[] = {
      cmocka_unit_test(test_r2_fiscal_year_starts_april_first),
      cmocka_unit_test(test_r2_period_is_three_fiscal_years_ending_with_expiry),
      cmocka_unit_test(test_r3_strict_policy_closes_end_of_february),
      cmocka_unit_test(test_r6_sections_are_in_policy_order),
      cmocka_unit_test(
          test_r11_each_required_field_missing_is_reported_at_its_path),
      cmocka_unit_test(test_r11_phone_that_is_not_text_is_reported),
      cmocka_unit_test(test_r11_mobile_that_is_not_text_is_reported),
      cmocka_unit_test(test_r11_echoed_activity_id_is_normalised),
      cmocka_unit_test(test_r12_evidence_not_required_in_c_and_d),
      cmocka_unit_test(test_r13_slash_and_kanji_dates_in_activity),
      cmocka_unit_test(test_r14_input_error_message_does_not_echo_value),
      cmocka_unit_test(test_r14_input_error_with_null_err_is_safe),
      cmocka_unit_test(test_decision_agrees_with_worst_severity),
      cmocka_unit_test(test_total_is_sum_of_sections),
      cmocka_unit_test(test_messages_never_contain_personal_details),
      cmocka_unit_test(test_evaluate_refuses_bad_arguments),
  };
  size_t nrows = sizeof cases / sizeof cases[0];
  size_t nfuncs = sizeof functions / sizeof functions[0], i;
  struct CMUnitTest *tests = calloc(nrows + nfuncs, sizeof *tests);
  int failed;
  if (!tests)
    return 1;
  for (i = 0; i < nrows; i++) {
    tests[i].name = cases[i].name;
    tests[i].test_func = run_case;
    tests[i].initial_state = &cases[i];
  }
  memcpy(tests + nrows, functions, sizeof functions);
  failed =
      _cmocka_run_group_tests("test_rules", tests, nrows + nfuncs, NULL, NULL);
  free(tests);
  return failed;
}
