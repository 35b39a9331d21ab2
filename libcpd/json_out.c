/* json_out.c - JSON documents out: the result, the error and the policy
 * documents of JSON.md, written straight into one buffer (exact numbers
 * from hundredths, ISO dates). */
#include <string.h>

#include "internal.h"

static void add_day(cpd__buf *b, cpd_day d) {
  char tmp[11];
  if (d == CPD_DAY_NONE) {
    cpd__buf_adds(b, "null");
    return;
  }
  cpd_day_format(tmp, d);
  cpd__buf_addc(b, '"');
  cpd__buf_add(b, tmp, 10);
  cpd__buf_addc(b, '"');
}

static void add_str_or_null(cpd__buf *b, const char *s) {
  if (s)
    cpd__buf_add_json_string(b, s);
  else
    cpd__buf_adds(b, "null");
}

static cpd_status finish(cpd__buf *b, char **out) {
  if (!cpd__buf_cstr(b)) {
    cpd__buf_free(b);
    return CPD_ENOMEM;
  }
  *out = b->p;
  return CPD_OK;
}

static void add_diagnostics(cpd__buf *b, const cpd_result *r) {
  size_t i, n = cpd_result_diagnostic_count(r);
  cpd__buf_adds(b, "\"diagnostics\":[");
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    cpd__buf_adds(b, i ? ",{\"code\":" : "{\"code\":");
    cpd__buf_add_json_string(b, d->code);
    cpd__buf_adds(b, ",\"severity\":");
    cpd__buf_add_json_string(b, cpd_severity_str(d->severity));
    cpd__buf_adds(b, ",\"rule\":");
    cpd__buf_add_json_string(b, d->rule);
    cpd__buf_adds(b, ",\"path\":");
    cpd__buf_add_json_string(b, d->path);
    cpd__buf_adds(b, ",\"message\":");
    cpd__buf_add_json_string(b, d->message);
    cpd__buf_adds(b, ",\"message_ja\":");
    cpd__buf_add_json_string(b, d->message_ja);
    cpd__buf_addc(b, '}');
  }
  cpd__buf_addc(b, ']');
}

static void add_points_or_null(cpd__buf *b, cpd_points p) {
  if (p == CPD_NO_CAP)
    cpd__buf_adds(b, "null");
  else
    cpd__buf_add_points(b, p);
}

static void add_period(cpd__buf *b, const cpd_result *r) {
  const cpd_summary *sm = cpd_result_summary(r);
  int y;
  cpd__buf_adds(b, "\"period\":{\"starts_on\":");
  add_day(b, sm->period_starts_on);
  cpd__buf_adds(b, ",\"expires_on\":");
  add_day(b, sm->period_expires_on);
  cpd__buf_adds(b, ",\"years\":[");
  for (y = 1; y <= sm->period_years; y++) {
    cpd_day s = 0, e = 0;
    cpd_result_period_year(r, y, &s, &e);
    cpd__buf_adds(b, y > 1 ? ",{\"year\":" : "{\"year\":");
    cpd__buf_add_int(b, y);
    cpd__buf_adds(b, ",\"starts_on\":");
    add_day(b, s);
    cpd__buf_adds(b, ",\"ends_on\":");
    add_day(b, e);
    cpd__buf_addc(b, '}');
  }
  cpd__buf_adds(b, "]}");
}

static void add_policy_ref(cpd__buf *b, const cpd_summary *sm) {
  cpd__buf_adds(b, "\"policy\":{\"name\":");
  add_str_or_null(b, sm->policy_name);
  cpd__buf_adds(b, ",\"effective_from\":");
  add_day(b, sm->policy_effective_from);
  cpd__buf_addc(b, '}');
}

cpd_status cpd_plan_to_json(char **out, const cpd_plan *plan) {
  cpd__buf b = CPD__BUF_INIT;
  const cpd_plan_totals *t;
  const cpd_result *r;
  size_t i, n;
  if (!out || !plan)
    return CPD_EINVAL;
  *out = NULL;
  t = cpd_plan_get_totals(plan);
  r = cpd_plan_result(plan);
  cpd__buf_adds(&b, "{\"as_of\":");
  add_day(&b, t->as_of);
  cpd__buf_adds(&b, ",\"qualification\":");
  add_str_or_null(&b, cpd_result_summary(r)->qualification);
  cpd__buf_addc(&b, ',');
  add_period(&b, r);
  cpd__buf_adds(&b, ",\"window\":{\"opens_on\":");
  add_day(&b, t->window_opens_on);
  cpd__buf_adds(&b, ",\"closes_on\":");
  add_day(&b, t->window_closes_on);
  cpd__buf_adds(&b, ",\"status\":");
  cpd__buf_add_json_string(&b, cpd_window_status_str(t->window_status));
  cpd__buf_printf(&b, ",\"days_until_opens\":%d,\"days_until_closes\":%d}",
                  t->days_until_opens, t->days_until_closes);
  cpd__buf_adds(&b, ",\"points\":{\"required\":");
  cpd__buf_add_points(&b, t->required);
  cpd__buf_adds(&b, ",\"counted\":");
  cpd__buf_add_points(&b, t->counted);
  cpd__buf_adds(&b, ",\"needed\":");
  cpd__buf_add_points(&b, t->needed);
  cpd__buf_adds(&b, ",\"reachable_max\":");
  add_points_or_null(&b, t->unlimited ? CPD_NO_CAP : t->reachable_max);
  cpd__buf_printf(&b, "},\"reachable\":%s,\"sections\":[",
                  t->reachable ? "true" : "false");
  n = cpd_plan_section_count(plan);
  for (i = 0; i < n; i++) {
    const cpd_plan_section *s = cpd_plan_section_at(plan, i);
    cpd__buf_adds(&b, i ? ",{\"section\":" : "{\"section\":");
    cpd__buf_add_json_string(&b, s->section);
    if (s->year)
      cpd__buf_printf(&b, ",\"year\":%d", s->year);
    else
      cpd__buf_adds(&b, ",\"year\":null");
    cpd__buf_adds(&b, ",\"counted\":");
    cpd__buf_add_points(&b, s->counted);
    cpd__buf_adds(&b, ",\"cap\":");
    add_points_or_null(&b, s->cap);
    cpd__buf_printf(&b, ",\"open\":%s,\"open_until\":",
                    s->open ? "true" : "false");
    add_day(&b, s->open_until);
    cpd__buf_adds(&b, ",\"room\":");
    add_points_or_null(&b, s->room);
    cpd__buf_addc(&b, '}');
  }
  cpd__buf_adds(&b, "],\"advice\":");
  cpd__buf_add_json_string(&b, t->advice);
  cpd__buf_adds(&b, ",\"advice_ja\":");
  cpd__buf_add_json_string(&b, t->advice_ja);
  cpd__buf_addc(&b, ',');
  add_diagnostics(&b, r);
  cpd__buf_addc(&b, ',');
  add_policy_ref(&b, cpd_result_summary(r));
  cpd__buf_addc(&b, '}');
  return finish(&b, out);
}

cpd_status cpd_result_to_json(char **out, const cpd_result *r) {
  cpd__buf b = CPD__BUF_INIT;
  if (!out || !r)
    return CPD_EINVAL;
  *out = NULL;
  cpd__write_result(&b, r);
  return finish(&b, out);
}

void cpd__write_result(cpd__buf *bp, const cpd_result *r) {
  cpd__buf b = *bp;
  const cpd_summary *sm;
  size_t i, n;
  sm = cpd_result_summary(r);
  {
    /* one allocation for the whole document, as near as can be told */
    size_t need = 1024 + 48 * cpd_result_section_count(r) +
                  160 * cpd_result_activity_count(r);
    n = cpd_result_diagnostic_count(r);
    for (i = 0; i < n; i++) {
      const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
      need += 96 + strlen(d->path) + strlen(d->message) +
              strlen(d->message_ja);
    }
    cpd__buf_reserve(&b, need);
  }
  cpd__buf_adds(&b, "{\"decision\":");
  cpd__buf_add_json_string(&b, cpd_decision_str(sm->decision));
  cpd__buf_adds(&b, ",\"applied_on\":");
  add_day(&b, sm->applied_on);
  cpd__buf_adds(&b, ",\"qualification\":");
  add_str_or_null(&b, sm->qualification);
  cpd__buf_addc(&b, ',');
  add_period(&b, r);
  cpd__buf_adds(&b, ",\"window\":{\"opens_on\":");
  add_day(&b, sm->window_opens_on);
  cpd__buf_adds(&b, ",\"closes_on\":");
  add_day(&b, sm->window_closes_on);
  cpd__buf_adds(&b, ",\"status\":");
  cpd__buf_add_json_string(&b, cpd_window_status_str(sm->window_status));
  cpd__buf_adds(&b, "},\"points\":{\"required\":");
  cpd__buf_add_points(&b, sm->required);
  cpd__buf_adds(&b, ",\"counted\":");
  cpd__buf_add_points(&b, sm->counted);
  cpd__buf_adds(&b, ",\"shortfall\":");
  cpd__buf_add_points(&b, sm->shortfall);
  cpd__buf_adds(&b, ",\"sections\":[");
  n = cpd_result_section_count(r);
  for (i = 0; i < n; i++) {
    const cpd_section_total *s = cpd_result_section(r, i);
    cpd__buf_adds(&b, i ? ",{\"section\":" : "{\"section\":");
    cpd__buf_add_json_string(&b, s->section);
    cpd__buf_adds(&b, ",\"claimed\":");
    cpd__buf_add_points(&b, s->claimed);
    cpd__buf_adds(&b, ",\"counted\":");
    cpd__buf_add_points(&b, s->counted);
    cpd__buf_adds(&b, ",\"cap\":");
    if (s->cap == CPD_NO_CAP)
      cpd__buf_adds(&b, "null");
    else
      cpd__buf_add_points(&b, s->cap);
    cpd__buf_adds(&b, ",\"entries\":");
    cpd__buf_add_uint(&b, s->entries);
    cpd__buf_addc(&b, '}');
  }
  cpd__buf_adds(&b, "]},\"activities\":[");
  n = cpd_result_activity_count(r);
  for (i = 0; i < n; i++) {
    const cpd_activity_result *a = cpd_result_activity(r, i);
    cpd__buf_adds(&b, i ? ",{\"index\":" : "{\"index\":");
    cpd__buf_add_uint(&b, a->index);
    cpd__buf_adds(&b, ",\"id\":");
    add_str_or_null(&b, a->id);
    cpd__buf_adds(&b, ",\"section\":");
    add_str_or_null(&b, a->section);
    if (a->year) {
      cpd__buf_adds(&b, ",\"year\":");
      cpd__buf_add_int(&b, a->year);
    } else
      cpd__buf_adds(&b, ",\"year\":null");
    cpd__buf_adds(&b, ",\"claimed\":");
    cpd__buf_add_points(&b, a->claimed);
    cpd__buf_adds(&b, ",\"counted\":");
    cpd__buf_add_points(&b, a->counted);
    cpd__buf_adds(&b, ",\"status\":");
    cpd__buf_add_json_string(&b, cpd_activity_status_str(a->status));
    cpd__buf_addc(&b, '}');
  }
  cpd__buf_adds(&b, "],");
  add_diagnostics(&b, r);
  if (sm->decision == CPD_ELIGIBLE) {
    cpd__buf_adds(&b, ",\"renewal\":{\"starts_on\":");
    add_day(&b, sm->renewal_starts_on);
    cpd__buf_adds(&b, ",\"expires_on\":");
    add_day(&b, sm->renewal_expires_on);
    cpd__buf_addc(&b, '}');
  }
  cpd__buf_adds(&b, ",\"email_subject\":");
  add_str_or_null(&b, sm->email_subject);
  cpd__buf_addc(&b, ',');
  add_policy_ref(&b, sm);
  cpd__buf_addc(&b, '}');
  *bp = b;
}

cpd_status cpd_error_to_json(char **out, const cpd_error *err) {
  cpd__buf b = CPD__BUF_INIT;
  if (!out || !err)
    return CPD_EINVAL;
  *out = NULL;
  cpd__write_error(&b, err);
  return finish(&b, out);
}

void cpd__write_error(cpd__buf *bp, const cpd_error *err) {
  cpd__buf b = *bp;
  cpd__buf_adds(&b, "{\"error\":{\"code\":");
  cpd__buf_add_json_string(&b, err->code);
  cpd__buf_adds(&b, ",\"path\":");
  cpd__buf_add_json_string(&b, err->path);
  if (err->offset >= 0)
    cpd__buf_printf(&b, ",\"offset\":%lld", err->offset);
  else
    cpd__buf_adds(&b, ",\"offset\":null");
  cpd__buf_adds(&b, ",\"message\":");
  cpd__buf_add_json_string(&b, err->message);
  cpd__buf_adds(&b, ",\"message_ja\":");
  cpd__buf_add_json_string(&b, err->message_ja);
  cpd__buf_adds(&b, "}}");
  *bp = b;
}

static void add_list(cpd__buf *b, const char *const *items, size_t n) {
  size_t i;
  cpd__buf_addc(b, '[');
  for (i = 0; i < n; i++) {
    if (i)
      cpd__buf_addc(b, ',');
    cpd__buf_add_json_string(b, items[i]);
  }
  cpd__buf_addc(b, ']');
}

static void add_policy(cpd__buf *bp, const cpd_policy *p) {
  cpd__buf b = *bp;
  size_t i;
  cpd__buf_adds(&b, "{\"name\":");
  add_str_or_null(&b, p->name);
  cpd__buf_adds(&b, ",\"effective_from\":");
  add_day(&b, p->effective_from);
  cpd__buf_printf(&b, ",\"fiscal_year_starts\":\"%02d-%02d\"", p->fy_month,
                  p->fy_day);
  cpd__buf_printf(&b, ",\"period_years\":%d,\"required_points\":",
                  p->period_years);
  cpd__buf_add_points(&b, p->required);
  cpd__buf_adds(&b, ",\"points_per_hour\":");
  cpd__buf_add_points(&b, p->points_per_hour);
  cpd__buf_printf(&b,
                  ",\"window\":{\"opens_months_before_renewal\":%d,"
                  "\"closes_months_before_renewal\":%d},\"sections\":[",
                  p->opens_months, p->closes_months);
  for (i = 0; i < p->section_count; i++) {
    const cpd__section_policy *s = &p->sections[i];
    cpd__buf_printf(&b, "%s{\"category\":\"%c\",\"per_year\":%s,\"cap\":",
                    i ? "," : "", s->category, s->per_year ? "true" : "false");
    if (s->cap == CPD_NO_CAP)
      cpd__buf_adds(&b, "null");
    else
      cpd__buf_add_points(&b, s->cap);
    cpd__buf_printf(&b, ",\"form_rows\":%d,\"evidence_required\":%s}",
                    s->form_rows, s->evidence_required ? "true" : "false");
  }
  cpd__buf_adds(&b, "],\"qualifications\":");
  add_list(&b, p->qualifications, p->qualification_count);
  cpd__buf_adds(&b, ",\"competencies\":");
  add_list(&b, p->competencies, p->competency_count);
  cpd__buf_addc(&b, '}');
  *bp = b;
}

cpd_status cpd_policy_to_json(char **out, const cpd_policy *policy) {
  const cpd_policy *p = policy ? policy : cpd__policy_builtin();
  cpd__buf b = CPD__BUF_INIT;
  size_t i;
  if (!out)
    return CPD_EINVAL;
  *out = NULL;
  if (!p->version_count) {
    add_policy(&b, p);
    return finish(&b, out);
  }
  cpd__buf_adds(&b, "{\"versions\":[");
  for (i = 0; i < p->version_count; i++) {
    if (i)
      cpd__buf_addc(&b, ',');
    add_policy(&b, p->versions[i]);
  }
  cpd__buf_adds(&b, "]}");
  return finish(&b, out);
}

static void add_code_info(cpd__buf *b, const cpd_code_info *c) {
  static const char *const kinds[] = {"diagnostic", "input_error",
                                      "call_error"};
  cpd__buf_adds(b, "{\"code\":");
  cpd__buf_add_json_string(b, c->code);
  cpd__buf_adds(b, ",\"kind\":");
  cpd__buf_add_json_string(b, kinds[c->kind]);
  cpd__buf_adds(b, ",\"severity\":");
  if (c->kind == CPD_CODE_DIAGNOSTIC)
    cpd__buf_add_json_string(b, cpd_severity_str(c->severity));
  else
    cpd__buf_adds(b, "null");
  cpd__buf_adds(b, ",\"rule\":");
  if (c->rule[0])
    cpd__buf_add_json_string(b, c->rule);
  else
    cpd__buf_adds(b, "null");
  cpd__buf_adds(b, ",\"summary\":");
  cpd__buf_add_json_string(b, c->summary);
  cpd__buf_adds(b, ",\"summary_ja\":");
  cpd__buf_add_json_string(b, c->summary_ja);
  cpd__buf_addc(b, '}');
}

static void add_rule_info(cpd__buf *b, const cpd_rule_info *r) {
  static const char *const keys[] = {"id",       "title",      "title_ja",
                                     "source_ja", "text",      "text_ja",
                                     "policy_keys", "example", "example_ja"};
  const char *const vals[] = {r->id,      r->title,       r->title_ja,
                              r->source_ja, r->text,      r->text_ja,
                              r->policy_keys, r->example, r->example_ja};
  size_t i;
  for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    cpd__buf_adds(b, i ? ",\"" : "{\"");
    cpd__buf_adds(b, keys[i]);
    cpd__buf_adds(b, "\":");
    cpd__buf_add_json_string(b, vals[i]);
  }
  cpd__buf_addc(b, '}');
}

cpd_status cpd_explain_json(char **out, const char *name, cpd_error *err) {
  cpd__buf b = CPD__BUF_INIT;
  const cpd_code_info *c;
  const cpd_rule_info *r;
  if (!out || !name)
    return cpd__invalid_argument(err);
  *out = NULL;
  c = cpd_code_find(name);
  r = cpd_rule_find(c ? c->rule : name);
  if (!c && !r) {
    cpd__error_set(err, "invalid_argument", "", -1,
                   "Not a diagnostic code or a rule ID (R1-R16).",
                   "診断コードでもルール ID（R1〜R16）でもありません。");
    return CPD_EINVAL;
  }
  cpd__buf_adds(&b, "{\"code\":");
  if (c)
    add_code_info(&b, c);
  else
    cpd__buf_adds(&b, "null");
  cpd__buf_adds(&b, ",\"rule\":");
  if (r)
    add_rule_info(&b, r);
  else
    cpd__buf_adds(&b, "null");
  cpd__buf_addc(&b, '}');
  if (finish(&b, out) != CPD_OK)
    return cpd__out_of_memory(err);
  return CPD_OK;
}
