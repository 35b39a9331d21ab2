/* prepare.c - preparing an application once for evaluation: every text
 * normalised (NFKC, spaces folded), every date and amount parsed, the
 * applicant's fields checked (cpd__prep_*, shared by the JSON mapping in
 * map.c), and the public calls that take an application built in C
 * (cpd_application_prepare, cpd_prepared_evaluate, cpd_evaluate,
 * cpd_plan_evaluate[_prepared]). */
#include <string.h>

#include "internal.h"

/* ---------------------------------------------------------------- values */

/* The normalised text of v, not copied: v's own text when it is already
 * normal, else the scratch buffer.  1 non-empty text, 0 absent / null /
 * empty, -1 another type. */
static int view(cpd__prep *p, const cpd_value *v, const char **s, size_t *n) {
  cpd_status st;
  *s = "";
  *n = 0;
  if (v->kind == CPD_VALUE_ABSENT || v->kind == CPD_VALUE_NULL)
    return 0;
  if (v->kind != CPD_VALUE_TEXT || !v->text)
    return -1;
  st = cpd__text_view(p->norm, v->text, strlen(v->text), s, n);
  if (st != CPD_OK) {
    *s = "";
    *n = 0;
    if (st == CPD_ENOMEM) {
      p->oom = 1;
      return 0;
    }
    return -1;
  }
  return *n > 0;
}

/* s (n bytes) kept: borrowed when it is v's own text and the caller's
 * texts outlive the preparation, else copied into the arena. */
static const char *keep(cpd__prep *p, const cpd_value *v, const char *s,
                        size_t n) {
  const char *c;
  if (!p->copy && s == v->text)
    return s;
  c = cpd__arena_strndup(p->arena, s, n);
  if (!c)
    p->oom = 1;
  return c ? c : "";
}

void cpd__prep_text(cpd__prep *p, const cpd_value *v, cpd__ptext *out) {
  const char *s;
  size_t n;
  int t = view(p, v, &s, &n);
  out->t = (int8_t)t;
  out->s = "";
  out->n = 0;
  if (t > 0 && n < UINT32_MAX) {
    out->s = keep(p, v, s, n);
    out->n = (uint32_t)n;
  }
}

void cpd__prep_date(cpd__prep *p, const cpd_value *v, cpd__pdate *out) {
  const char *s;
  size_t n;
  int why = 0, t = view(p, v, &s, &n);
  out->day = 0;
  if (t <= 0) {
    out->t = (int8_t)t;
    return;
  }
  if (cpd__day_parse_detail(&out->day, s, n, &why))
    out->t = 1;
  else
    out->t = why == CPD__DATE_WEEKDAY_MISMATCH ? -2 : -1;
}

static void amount(cpd__prep *p, const cpd_value *v, cpd__pamount *out,
                   int hours) {
  const char *s;
  size_t n;
  int t;
  out->v = 0;
  if (v->kind == CPD_VALUE_ABSENT || v->kind == CPD_VALUE_NULL) {
    out->rc = 1;
    return;
  }
  if (v->kind == CPD_VALUE_NUMBER) {
    out->rc = (int8_t)cpd__double_to_points(v->number, &out->v);
    return;
  }
  t = view(p, v, &s, &n);
  if (t == 0) /* empty text: as absent */
    out->rc = p->oom ? -1 : 1;
  else if (t < 0)
    out->rc = -1;
  else
    out->rc = (int8_t)(hours ? cpd__hours_parse(s, n, &out->v)
                             : cpd__decimal_parse(s, n, &out->v));
  if (out->rc != 0)
    out->v = 0;
}

void cpd__prep_amount(cpd__prep *p, const cpd_value *v, cpd__pamount *out) {
  amount(p, v, out, 0);
}

void cpd__prep_hours(cpd__prep *p, const cpd_value *v, cpd__pamount *out) {
  amount(p, v, out, 1);
}

void cpd__prep_id(cpd__prep *p, const cpd_value *v, cpd__pact *out) {
  out->id = NULL;
  out->id_len = 0;
  if (v->kind == CPD_VALUE_TEXT && v->text) {
    const char *s;
    size_t n;
    view(p, v, &s, &n); /* echoed normalised, "" when it is none (R11) */
    out->id = n ? keep(p, v, s, n) : "";
    out->id_len = (uint32_t)(n < UINT32_MAX ? n : 0);
  } else if (v->kind == CPD_VALUE_NUMBER) {
    char num[CPD__NUMBER_TEXT_SIZE];
    size_t n = cpd__number_format(num, v->number);
    out->id = cpd__arena_strndup(p->arena, num, n);
    out->id_len = (uint32_t)n;
    if (!out->id)
      p->oom = 1;
  }
}

void cpd__set_day(cpd__pdate *out, cpd_day d) {
  int y;
  cpd_day_to_ymd(d, &y, NULL, NULL);
  out->day = d;
  out->t = d != CPD_DAY_NONE && y >= 1 && y <= 9999 ? 1 : -1;
}

void cpd__prep_checks(cpd__papp *a) {
  a->name_kana_ok =
      a->name_kana.t > 0 && cpd__text_is_kana(a->name_kana.s, a->name_kana.n);
  a->company_kana_ok = a->company_kana.t > 0 &&
                       cpd__text_is_kana(a->company_kana.s, a->company_kana.n);
  a->postal_ok =
      a->postal_code.t > 0 &&
      cpd__text_postal_code(a->postal_code.s, a->postal_code.n, NULL);
  a->phone_ok = a->phone.t > 0 && cpd__text_phone(a->phone.s, a->phone.n);
  a->mobile_ok = a->mobile.t > 0 && cpd__text_phone(a->mobile.s, a->mobile.n);
  a->email_ok = a->email.t > 0 && cpd__text_email(a->email.s, a->email.n);
}

/* ------------------------------------------------- an application from C */

static int value_utf8_ok(const cpd_value *v) {
  return v->kind != CPD_VALUE_TEXT || !v->text ||
         cpd__utf8_valid(v->text, strlen(v->text));
}

/* A C caller may hand in any bytes (the JSON layer checks its own): the
 * first text that is not UTF-8, in the document's order, as a path. */
static int check_utf8(const cpd_application *a, cpd__buf *path) {
  const cpd_value *top[] = {&a->applied_on,
                            &a->qualification,
                            &a->certification_number,
                            &a->expires_on,
                            &a->applicant.name,
                            &a->applicant.name_kana,
                            &a->applicant.company,
                            &a->applicant.company_kana,
                            &a->applicant.postal_code,
                            &a->applicant.address,
                            &a->applicant.phone,
                            &a->applicant.mobile,
                            &a->applicant.email,
                            &a->fee_paid_on,
                            &a->fee_payer_name};
  static const cpd__field_id top_field[] = {
      CPD__F_APPLIED_ON, CPD__F_QUALIFICATION, CPD__F_CERT_NUMBER,
      CPD__F_EXPIRES_ON, CPD__F_NAME,          CPD__F_NAME_KANA,
      CPD__F_COMPANY,    CPD__F_COMPANY_KANA,  CPD__F_POSTAL_CODE,
      CPD__F_ADDRESS,    CPD__F_PHONE,         CPD__F_MOBILE,
      CPD__F_EMAIL,      CPD__F_FEE_PAID_ON,   CPD__F_FEE_PAYER};
  static const cpd__field_id act_field[] = {
      CPD__F_ACT_ID,           CPD__F_ACT_CATEGORY, CPD__F_ACT_TITLE,
      CPD__F_ACT_COMPLETED_ON, CPD__F_ACT_HOURS,    CPD__F_ACT_POINTS,
      CPD__F_ACT_YEAR};
  cpd__diag d;
  size_t i, j;
  memset(&d, 0, sizeof d);
  d.activity = d.sub = CPD__NONE;
  for (i = 0; i < sizeof top / sizeof top[0]; i++)
    if (!value_utf8_ok(top[i])) {
      d.field = (uint8_t)top_field[i];
      cpd__render_path(path, &d);
      return 0;
    }
  for (i = 0; i < a->activity_count; i++) {
    const cpd_activity *x = &a->activities[i];
    const cpd_value *fv[] = {&x->id,           &x->category, &x->title,
                             &x->completed_on, &x->hours,    &x->points,
                             &x->year};
    d.activity = (uint32_t)i;
    for (j = 0; j < sizeof fv / sizeof fv[0]; j++)
      if (!value_utf8_ok(fv[j])) {
        d.field = (uint8_t)act_field[j];
        cpd__render_path(path, &d);
        return 0;
      }
    for (j = 0; j < x->evidence_count + x->competency_count; j++) {
      int ev = j < x->evidence_count;
      size_t k = ev ? j : j - x->evidence_count;
      if (!value_utf8_ok(ev ? &x->evidence[k] : &x->competencies[k])) {
        d.field = (uint8_t)(ev ? CPD__F_ACT_EVIDENCE : CPD__F_ACT_COMPETENCIES);
        d.sub = (uint32_t)k;
        cpd__render_path(path, &d);
        return 0;
      }
    }
  }
  return 1;
}

static void prep_activity(cpd__prep *p, const cpd_activity *x, cpd__pact *a) {
  cpd__ptext cat;
  size_t j;
  cpd__prep_id(p, &x->id, a);
  cpd__prep_text(p, &x->category, &cat);
  a->cat_t = cat.t;
  a->cat = cat.t > 0 && cat.n == 1 ? cat.s[0] : 0;
  cpd__prep_text(p, &x->title, &a->title);
  cpd__prep_date(p, &x->completed_on, &a->date);
  cpd__prep_hours(p, &x->hours, &a->hours);
  cpd__prep_amount(p, &x->points, &a->points);
  cpd__prep_amount(p, &x->year, &a->year);
  a->year_given =
      x->year.kind != CPD_VALUE_ABSENT && x->year.kind != CPD_VALUE_NULL;
  a->has_evidence = 0;
  for (j = 0; j < x->evidence_count && !a->has_evidence; j++) {
    const char *s;
    size_t n;
    a->has_evidence = view(p, &x->evidence[j], &s, &n) > 0;
  }
  a->comp = NULL;
  a->comp_key = NULL;
  a->ncomp = 0;
  if (x->competency_count) {
    cpd__ptext *c = cpd__arena_alloc(p->arena, x->competency_count * sizeof *c);
    uint64_t *k = cpd__arena_alloc(p->arena, x->competency_count * sizeof *k);
    if (!c || !k) {
      p->oom = 1;
      return;
    }
    for (j = 0; j < x->competency_count; j++) {
      cpd__prep_text(p, &x->competencies[j], &c[j]);
      k[j] = cpd__competency_key(c[j].s, c[j].n);
    }
    a->comp = c;
    a->comp_key = k;
    a->ncomp = (uint32_t)x->competency_count;
  }
}

cpd_status cpd__prepare_view(cpd__papp *out, cpd__arena *arena, cpd__buf *norm,
                             const cpd_application *app, int copy) {
  cpd__prep p;
  cpd__pact *acts = NULL;
  const cpd_applicant *ap = &app->applicant;
  size_t i;
  memset(out, 0, sizeof *out);
  p.arena = arena;
  p.norm = norm;
  p.copy = copy;
  p.oom = 0;
  cpd__prep_date(&p, &app->applied_on, &out->applied_on);
  cpd__prep_date(&p, &app->expires_on, &out->expires_on);
  cpd__prep_date(&p, &app->fee_paid_on, &out->fee_paid_on);
  cpd__prep_text(&p, &app->qualification, &out->qualification);
  cpd__prep_text(&p, &app->certification_number, &out->cert_number);
  cpd__prep_text(&p, &ap->name, &out->name);
  cpd__prep_text(&p, &ap->name_kana, &out->name_kana);
  cpd__prep_text(&p, &ap->company, &out->company);
  cpd__prep_text(&p, &ap->company_kana, &out->company_kana);
  cpd__prep_text(&p, &ap->postal_code, &out->postal_code);
  cpd__prep_text(&p, &ap->address, &out->address);
  cpd__prep_text(&p, &ap->phone, &out->phone);
  cpd__prep_text(&p, &ap->mobile, &out->mobile);
  cpd__prep_text(&p, &ap->email, &out->email);
  cpd__prep_text(&p, &app->fee_payer_name, &out->payer);
  out->oath =
      app->oath_agreed.kind == CPD_VALUE_BOOL && app->oath_agreed.boolean;
  cpd__prep_checks(out);
  if (app->activity_count) {
    acts = cpd__arena_alloc(arena, app->activity_count * sizeof *acts);
    if (!acts)
      p.oom = 1;
  }
  for (i = 0; acts && i < app->activity_count && !p.oom; i++)
    prep_activity(&p, &app->activities[i], &acts[i]);
  out->acts = acts;
  out->nacts = acts ? app->activity_count : 0;
  return p.oom ? CPD_ENOMEM : CPD_OK;
}

cpd_status cpd__prepare(cpd__papp *out, cpd__arena *arena,
                        const cpd_application *app, cpd_error *err) {
  cpd__buf norm = CPD__BUF_INIT, path = CPD__BUF_INIT;
  cpd_status st;
  memset(out, 0, sizeof *out);
  if (!check_utf8(app, &path)) {
    cpd__error_set(err, "input.invalid_utf8",
                   cpd__buf_cstr(&path) ? path.p : "", -1,
                   "The text at this path is not valid UTF-8.",
                   "この項目の文字列が正しい UTF-8 ではありません。");
    cpd__buf_free(&path);
    return CPD_EINPUT;
  }
  st = cpd__prepare_view(out, arena, &norm, app, 1);
  cpd__buf_free(&norm);
  return st == CPD_OK ? CPD_OK : cpd__out_of_memory(err);
}

/* ------------------------------------------------------------ public */

struct cpd_prepared {
  cpd__arena arena;
  cpd__papp app;
};

static int app_ok(const cpd_application *app) {
  size_t i;
  if (!app || !CPD__VERSION_OK(app->version, CPD_APPLICATION_VERSION) ||
      (app->activity_count && !app->activities) ||
      app->activity_count >= CPD__NONE)
    return 0;
  for (i = 0; i < app->activity_count; i++)
    if ((app->activities[i].evidence_count && !app->activities[i].evidence) ||
        (app->activities[i].competency_count &&
         !app->activities[i].competencies) ||
        app->activities[i].competency_count >= CPD__NONE)
      return 0;
  return 1;
}

cpd_status cpd_application_prepare(cpd_prepared **out,
                                   const cpd_application *app, cpd_error *err) {
  cpd_prepared *p;
  cpd_status st;
  if (out)
    *out = NULL;
  if (!out || !app_ok(app))
    return cpd__invalid_argument(err);
  p = cpd__calloc(1, sizeof *p);
  if (!p)
    return cpd__out_of_memory(err);
  st = cpd__prepare(&p->app, &p->arena, app, err);
  if (st != CPD_OK) {
    cpd_prepared_free(p);
    return st;
  }
  *out = p;
  return CPD_OK;
}

void cpd_prepared_free(cpd_prepared *p) {
  if (!p)
    return;
  cpd__arena_free(&p->arena);
  cpd__free(p);
}

static cpd_status evaluate(cpd_result **out, const cpd_policy *policy,
                           const cpd__papp *app, cpd_error *err) {
  cpd_result *r = cpd__result_new();
  cpd_status st;
  if (!r)
    return cpd__out_of_memory(err);
  st = cpd__evaluate(r, policy, app, err);
  if (st != CPD_OK) {
    cpd_result_free(r);
    return st;
  }
  *out = r;
  return CPD_OK;
}

cpd_status cpd_prepared_evaluate(cpd_result **out, const cpd_policy *policy,
                                 const cpd_prepared *p, cpd_error *err) {
  if (out)
    *out = NULL;
  if (!out || !p)
    return cpd__invalid_argument(err);
  return evaluate(out, policy, &p->app, err);
}

cpd_status cpd_evaluate(cpd_result **out, const cpd_policy *policy,
                        const cpd_application *app, cpd_error *err) {
  cpd__arena arena = CPD__ARENA_INIT;
  cpd__papp papp;
  cpd_status st;
  if (out)
    *out = NULL;
  if (!out || !app_ok(app))
    return cpd__invalid_argument(err);
  st = cpd__prepare(&papp, &arena, app, err); /* a private copy */
  if (st == CPD_OK)
    st = evaluate(out, policy, &papp, err);
  cpd__arena_free(&arena);
  return st;
}

cpd_status cpd_plan_evaluate_prepared(cpd_plan **out, const cpd_policy *policy,
                                      const cpd_prepared *p, cpd_day as_of,
                                      cpd_error *err) {
  if (out)
    *out = NULL;
  if (!out || !p)
    return cpd__invalid_argument(err);
  return cpd__plan(out, policy, &p->app, as_of, err);
}

cpd_status cpd_plan_evaluate(cpd_plan **out, const cpd_policy *policy,
                             const cpd_application *app, cpd_day as_of,
                             cpd_error *err) {
  cpd__arena arena = CPD__ARENA_INIT;
  cpd__papp papp;
  cpd_status st;
  if (out)
    *out = NULL;
  if (!out || !app_ok(app))
    return cpd__invalid_argument(err);
  st = cpd__prepare(&papp, &arena, app, err);
  if (st == CPD_OK)
    st = cpd__plan(out, policy, &papp, as_of, err);
  cpd__arena_free(&arena);
  return st;
}
