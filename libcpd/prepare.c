/* prepare.c - cpd_application_prepare: an application copied once for
 * many evaluations (the planner, what-if tools, fuzzers). */
#include <string.h>

#include "internal.h"

struct cpd_prepared {
  cpd__arena arena;
  cpd_application app;
};

static int copy_value(cpd__arena *a, cpd_value *v) {
  if (v->kind == CPD_VALUE_TEXT && v->text) {
    v->text = cpd__arena_strndup(a, v->text, strlen(v->text));
    return v->text != NULL;
  }
  return 1;
}

static const cpd_value *copy_list(cpd__arena *a, const cpd_value *src,
                                  size_t n, int *ok) {
  cpd_value *dst;
  size_t i;
  if (!n)
    return NULL;
  dst = cpd__arena_alloc(a, n * sizeof *dst);
  if (!dst) {
    *ok = 0;
    return NULL;
  }
  memcpy(dst, src, n * sizeof *dst);
  for (i = 0; i < n; i++)
    if (!copy_value(a, &dst[i]))
      *ok = 0;
  return dst;
}

cpd_status cpd_application_prepare(cpd_prepared **out,
                                   const cpd_application *app,
                                   cpd_error *err) {
  cpd_prepared *p;
  cpd_application *c;
  cpd_activity *acts = NULL;
  size_t i;
  int ok = 1;
  if (out)
    *out = NULL;
  if (!out || !app ||
      !CPD__VERSION_OK(app->version, CPD_APPLICATION_VERSION) ||
      (app->activity_count && !app->activities))
    return cpd__invalid_argument(err);
  for (i = 0; i < app->activity_count; i++)
    if ((app->activities[i].evidence_count && !app->activities[i].evidence) ||
        (app->activities[i].competency_count &&
         !app->activities[i].competencies))
      return cpd__invalid_argument(err);
  p = cpd__calloc(1, sizeof *p);
  if (!p)
    return cpd__out_of_memory(err);
  c = &p->app;
  *c = *app;
  {
    cpd_value *top[] = {&c->applied_on,
                        &c->qualification,
                        &c->certification_number,
                        &c->expires_on,
                        &c->applicant.name,
                        &c->applicant.name_kana,
                        &c->applicant.company,
                        &c->applicant.company_kana,
                        &c->applicant.postal_code,
                        &c->applicant.address,
                        &c->applicant.phone,
                        &c->applicant.mobile,
                        &c->applicant.email,
                        &c->fee_paid_on,
                        &c->fee_payer_name,
                        &c->oath_agreed};
    for (i = 0; i < sizeof top / sizeof top[0]; i++)
      ok &= copy_value(&p->arena, top[i]);
  }
  if (app->activity_count) {
    acts = cpd__arena_alloc(&p->arena, app->activity_count * sizeof *acts);
    if (!acts)
      ok = 0;
  }
  for (i = 0; ok && i < app->activity_count; i++) {
    cpd_activity *a = &acts[i];
    *a = app->activities[i];
    ok &= copy_value(&p->arena, &a->id) & copy_value(&p->arena, &a->category) &
          copy_value(&p->arena, &a->title) &
          copy_value(&p->arena, &a->completed_on) &
          copy_value(&p->arena, &a->hours) &
          copy_value(&p->arena, &a->points) & copy_value(&p->arena, &a->year);
    a->evidence = copy_list(&p->arena, a->evidence, a->evidence_count, &ok);
    a->competencies =
        copy_list(&p->arena, a->competencies, a->competency_count, &ok);
  }
  c->activities = acts;
  if (!ok) {
    cpd_prepared_free(p);
    return cpd__out_of_memory(err);
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

cpd_status cpd_prepared_evaluate(cpd_result **out, const cpd_policy *policy,
                                 const cpd_prepared *p, cpd_error *err) {
  if (out)
    *out = NULL;
  if (!out || !p)
    return cpd__invalid_argument(err);
  return cpd_evaluate(out, policy, &p->app, err);
}

cpd_status cpd_plan_evaluate_prepared(cpd_plan **out, const cpd_policy *policy,
                                      const cpd_prepared *p, cpd_day as_of,
                                      cpd_error *err) {
  if (out)
    *out = NULL;
  if (!out || !p)
    return cpd__invalid_argument(err);
  return cpd_plan_evaluate(out, policy, &p->app, as_of, err);
}
