/* plan.c - planning ahead: an application in progress evaluated as of a
 * day, the room left in each section that can still take activities, and
 * whether the requirement is still reachable by the window's close.  Pure
 * like rules.c: no JSON, no I/O, no clock. */
#include <string.h>

#include "internal.h"

struct cpd_plan {
  cpd_result *result;
  cpd_plan_totals totals;
  cpd_plan_section *sections;
  size_t section_count;
  char *advice, *advice_ja;
};

/* Diagnostics that only say the application is not finished yet. */
static int keep_in_plan(cpd__code_id code) {
  return code != CPD__WINDOW_NOT_YET_OPEN && code != CPD__SHORTFALL &&
         code != CPD__FEE_MISSING && code != CPD__OATH_NOT_AGREED &&
         code != CPD__APPLICANT_MISSING;
}

void cpd_plan_free(cpd_plan *plan) {
  if (!plan)
    return;
  cpd_result_free(plan->result);
  cpd__free(plan->sections);
  cpd__free(plan->advice);
  cpd__free(plan->advice_ja);
  cpd__free(plan);
}

/* One piece of the advice, in both languages. */
static void say(cpd__buf *en, cpd__buf *ja, cpd__msg_id m, const char *s,
                int64_t a0, int64_t a1, int64_t a2) {
  cpd__diag d;
  memset(&d, 0, sizeof d);
  d.msg = (uint16_t)m;
  d.activity = d.sub = CPD__NONE;
  d.s = s;
  d.a[0] = a0;
  d.a[1] = a1;
  d.a[2] = a2;
  cpd__render_message(en, &d, 0);
  cpd__render_message(ja, &d, 1);
}

/* The advice line in both languages. */
static int write_advice(cpd_plan *plan) {
  const cpd_plan_totals *t = &plan->totals;
  cpd__buf en = CPD__BUF_INIT, ja = CPD__BUF_INIT;
  size_t i;
  int any = 0;
  const char *unlimited = NULL;

  if (t->needed == 0) {
    say(&en, &ja, CPD__M_PLAN_MET, NULL, t->counted, t->required, 0);
  } else if (!t->reachable) {
    say(&en, &ja, CPD__M_PLAN_UNREACHABLE, NULL, t->needed,
        t->reachable_max - t->counted, t->window_closes_on);
  } else {
    say(&en, &ja, CPD__M_PLAN_NEEDED, NULL, t->needed, t->window_closes_on, 0);
    for (i = 0; i < plan->section_count; i++) {
      const cpd_plan_section *s = &plan->sections[i];
      if (!s->open)
        continue;
      if (s->room == CPD_NO_CAP) {
        if (!unlimited)
          unlimited = s->section;
        continue;
      }
      if (s->room == 0)
        continue;
      say(&en, &ja, any ? CPD__M_PLAN_ROOM_NEXT : CPD__M_PLAN_ROOM_FIRST,
          s->section, s->room, 0, 0);
      any = 1;
    }
    if (unlimited)
      say(&en, &ja, any ? CPD__M_PLAN_ANY_NEXT : CPD__M_PLAN_ANY_FIRST,
          unlimited, 0, 0, 0);
    say(&en, &ja, CPD__M_PLAN_END, NULL, 0, 0, 0);
  }
  plan->advice = (char *)cpd__buf_cstr(&en);
  plan->advice_ja = (char *)cpd__buf_cstr(&ja);
  if (!plan->advice || !plan->advice_ja) {
    cpd__buf_free(&en);
    cpd__buf_free(&ja);
    plan->advice = plan->advice_ja = NULL;
    return 0;
  }
  plan->totals.advice = plan->advice;
  plan->totals.advice_ja = plan->advice_ja;
  return 1;
}

cpd_status cpd__plan(cpd_plan **out, const cpd_policy *policy,
                     const cpd__papp *app, cpd_day as_of, cpd_error *err) {
  cpd__papp copy;
  cpd_plan *plan;
  const cpd_summary *sm;
  cpd_plan_totals *t;
  cpd_status st;
  size_t i, n;
  cpd_points room_sum = 0;

  if (!out || !app)
    return cpd__invalid_argument(err);
  *out = NULL;
  if (as_of == CPD_DAY_NONE)
    return cpd__invalid_argument(err);
  plan = cpd__calloc(1, sizeof *plan);
  if (!plan || !(plan->result = cpd__result_new())) {
    cpd__free(plan);
    return cpd__out_of_memory(err);
  }
  copy = *app; /* evaluated as if applied on as_of */
  cpd__set_day(&copy.applied_on, as_of);
  st = cpd__evaluate(plan->result, policy, &copy, err);
  if (st != CPD_OK) {
    cpd_plan_free(plan);
    return st;
  }
  cpd__result_filter(plan->result, keep_in_plan);
  sm = cpd_result_summary(plan->result);

  t = &plan->totals;
  t->as_of = as_of;
  t->required = sm->required;
  t->counted = sm->counted;
  t->needed = sm->shortfall;
  t->window_opens_on = sm->window_opens_on;
  t->window_closes_on = sm->window_closes_on;
  t->window_status = sm->window_status;
  t->days_until_opens = (int)(sm->window_opens_on - as_of);
  t->days_until_closes = (int)(sm->window_closes_on - as_of);

  n = cpd_result_section_count(plan->result);
  plan->sections = cpd__calloc(n ? n : 1, sizeof *plan->sections);
  if (!plan->sections) {
    cpd_plan_free(plan);
    return cpd__out_of_memory(err);
  }
  plan->section_count = n;
  for (i = 0; i < n; i++) {
    const cpd_section_total *s = cpd_result_section(plan->result, i);
    cpd_plan_section *p = &plan->sections[i];
    cpd_day last = sm->period_expires_on;
    if (s->year)
      cpd_result_period_year(plan->result, s->year, NULL, &last);
    if (last > sm->period_expires_on)
      last = sm->period_expires_on;
    if (last > sm->window_closes_on) /* applied_on can be no later */
      last = sm->window_closes_on;
    p->section = s->section;
    p->year = s->year;
    p->counted = s->counted;
    p->cap = s->cap;
    p->open = as_of <= last;
    p->open_until = p->open ? last : CPD_DAY_NONE;
    if (!p->open)
      p->room = 0;
    else if (s->cap == CPD_NO_CAP)
      p->room = CPD_NO_CAP;
    else
      p->room = s->cap > s->counted ? s->cap - s->counted : 0;
    if (p->room == CPD_NO_CAP)
      t->unlimited = 1;
    else
      room_sum += p->room;
  }
  t->reachable_max = t->counted + room_sum;
  t->reachable =
      t->needed == 0 || t->unlimited || t->reachable_max >= t->required;
  if (!write_advice(plan)) {
    cpd_plan_free(plan);
    return cpd__out_of_memory(err);
  }
  *out = plan;
  return CPD_OK;
}

const cpd_plan_totals *cpd_plan_get_totals(const cpd_plan *plan) {
  return plan ? &plan->totals : NULL;
}

size_t cpd_plan_section_count(const cpd_plan *plan) {
  return plan ? plan->section_count : 0;
}

const cpd_plan_section *cpd_plan_section_at(const cpd_plan *plan, size_t i) {
  return plan && i < plan->section_count ? &plan->sections[i] : NULL;
}

const cpd_result *cpd_plan_result(const cpd_plan *plan) {
  return plan ? plan->result : NULL;
}
