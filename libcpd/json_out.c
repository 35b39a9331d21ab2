/* json_out.c - JSON documents out: the result, the error and the policy
 * documents of JSON.md, written straight into one buffer (exact numbers
 * from hundredths, ISO dates). */
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "internal.h"

/* A static fragment: its length is known at compile time, and it needs
 * no escaping. */
#define LIT(b, s) CPD__LIT(b, s)

static void add_day(cpd__buf *b, cpd_day d) {
  char tmp[12];
  if (d == CPD_DAY_NONE) {
    LIT(b, "null");
    return;
  }
  cpd_day_format(tmp + 1, d);
  tmp[0] = tmp[11] = '"';
  cpd__put(b, tmp, 12);
}

static void add_str_or_null(cpd__buf *b, const char *s) {
  if (s)
    cpd__buf_add_json_string(b, s);
  else
    LIT(b, "null");
}

static cpd_status finish(cpd__buf *b, char **out) {
  if (!cpd__buf_cstr(b)) {
    cpd__buf_free(b);
    return CPD_ENOMEM;
  }
  *out = b->p;
  return CPD_OK;
}

/* A name from a static table ("eligible", "info", ...): no escaping. */
static void add_name(cpd__buf *b, const char *s) {
  size_t n = strlen(s);
  if (b->cap - b->len > n + 2) {
    char *w = b->p + b->len;
    w[0] = '"';
    memcpy(w + 1, s, n);
    w[n + 1] = '"';
    b->len += n + 2;
    return;
  }
  cpd__putc(b, '"');
  cpd__put(b, s, n);
  cpd__putc(b, '"');
}

/* The diagnostics, rendered from the catalogue straight into b. */
/* The texts a typed read rendered already, copied. */
/* A text already rendered (a typed read came first), copied escaped. */
static void add_text(cpd__buf *b, const char *s) {
  cpd__buf_add_json_chars(b, s, strlen(s));
}

static void add_diagnostics(cpd__buf *b, const cpd_result *r) {
  /* the texts of a typed read, when one came first: copied, not rendered */
  const cpd_diagnostic *done = cpd__result_rendered(r);
  size_t i;
  LIT(b, "\"diagnostics\":[");
  for (i = 0; i < r->diag_count; i++) {
    const cpd__diag *d = &r->diags[i];
    const cpd_code_info *c = cpd__code(cpd__msg_code((cpd__msg_id)d->msg));
    if (i)
      cpd__putc(b, ',');
    LIT(b, "{\"code\":");
    add_name(b, c->code);
    LIT(b, ",\"severity\":");
    add_name(b, cpd_severity_str(c->severity));
    LIT(b, ",\"rule\":");
    add_name(b, c->rule);
    LIT(b, ",\"path\":\"");
    if (done)
      add_text(b, done[i].path);
    else
      cpd__render_path_json(b, d);
    LIT(b, "\",\"message\":\"");
    if (done)
      add_text(b, done[i].message);
    else
      cpd__render_message_json(b, d, 0);
    LIT(b, "\",\"message_ja\":\"");
    if (done)
      add_text(b, done[i].message_ja);
    else
      cpd__render_message_json(b, d, 1);
    LIT(b, "\"}");
  }
  cpd__putc(b, ']');
}

static void add_points_or_null(cpd__buf *b, cpd_points p) {
  if (p == CPD_NO_CAP)
    LIT(b, "null");
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
    cpd__putc(b, '}');
  }
  cpd__buf_adds(b, "]}");
}

static void add_policy_ref(cpd__buf *b, const cpd_summary *sm) {
  cpd__buf_adds(b, "\"policy\":{\"name\":");
  add_str_or_null(b, sm->policy_name);
  cpd__buf_adds(b, ",\"effective_from\":");
  add_day(b, sm->policy_effective_from);
  cpd__putc(b, '}');
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
    cpd__buf_printf(&b,
                    ",\"open\":%s,\"open_until\":", s->open ? "true" : "false");
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

void cpd__write_result(cpd__buf *b, const cpd_result *r) {
  const cpd_summary *sm = &r->summary;
  size_t i;
  /* one allocation for the whole document, as near as can be told */
  cpd__buf_reserve(b, 1024 + 64 * r->section_count + 128 * r->activity_count +
                          480 * r->diag_count);
  LIT(b, "{\"decision\":");
  add_name(b, cpd_decision_str(sm->decision));
  LIT(b, ",\"applied_on\":");
  add_day(b, sm->applied_on);
  LIT(b, ",\"qualification\":");
  add_str_or_null(b, sm->qualification);
  cpd__putc(b, ',');
  add_period(b, r);
  LIT(b, ",\"window\":{\"opens_on\":");
  add_day(b, sm->window_opens_on);
  LIT(b, ",\"closes_on\":");
  add_day(b, sm->window_closes_on);
  LIT(b, ",\"status\":");
  add_name(b, cpd_window_status_str(sm->window_status));
  LIT(b, "},\"points\":{\"required\":");
  cpd__buf_add_points(b, sm->required);
  LIT(b, ",\"counted\":");
  cpd__buf_add_points(b, sm->counted);
  LIT(b, ",\"shortfall\":");
  cpd__buf_add_points(b, sm->shortfall);
  LIT(b, ",\"sections\":[");
  for (i = 0; i < r->section_count; i++) {
    const cpd_section_total *s = &r->sections[i];
    if (i)
      cpd__putc(b, ',');
    LIT(b, "{\"section\":");
    add_name(b, s->section);
    LIT(b, ",\"claimed\":");
    cpd__buf_add_points(b, s->claimed);
    LIT(b, ",\"counted\":");
    cpd__buf_add_points(b, s->counted);
    LIT(b, ",\"cap\":");
    add_points_or_null(b, s->cap);
    LIT(b, ",\"entries\":");
    cpd__buf_add_uint(b, s->entries);
    cpd__putc(b, '}');
  }
  LIT(b, "]},\"activities\":[");
  for (i = 0; i < r->activity_count; i++) {
    const cpd_activity_result *a = &r->activities[i];
    if (i)
      cpd__putc(b, ',');
    LIT(b, "{\"index\":");
    cpd__buf_add_uint(b, a->index);
    LIT(b, ",\"id\":");
    add_str_or_null(b, a->id);
    LIT(b, ",\"section\":");
    if (a->section)
      add_name(b, a->section);
    else
      LIT(b, "null");
    LIT(b, ",\"year\":");
    if (a->year)
      cpd__buf_add_int(b, a->year);
    else
      LIT(b, "null");
    LIT(b, ",\"claimed\":");
    cpd__buf_add_points(b, a->claimed);
    LIT(b, ",\"counted\":");
    cpd__buf_add_points(b, a->counted);
    LIT(b, ",\"status\":");
    add_name(b, cpd_activity_status_str(a->status));
    cpd__putc(b, '}');
  }
  LIT(b, "],");
  add_diagnostics(b, r);
  if (sm->decision == CPD_ELIGIBLE) {
    LIT(b, ",\"renewal\":{\"starts_on\":");
    add_day(b, sm->renewal_starts_on);
    LIT(b, ",\"expires_on\":");
    add_day(b, sm->renewal_expires_on);
    cpd__putc(b, '}');
  }
  LIT(b, ",\"email_subject\":");
  add_str_or_null(b, sm->email_subject);
  cpd__putc(b, ',');
  add_policy_ref(b, sm);
  cpd__putc(b, '}');
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
      cpd__putc(b, ',');
    cpd__buf_add_json_string(b, items[i]);
  }
  cpd__putc(b, ']');
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
  cpd__buf_printf(&b,
                  ",\"period_years\":%d,\"required_points\":", p->period_years);
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
  /* only when set: a policy without it prints as it always did */
  if (p->fee_amount > 0)
    cpd__buf_printf(&b, ",\"fee\":{\"amount\":%lld}", p->fee_amount);
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
  cpd__putc(b, '}');
}

static void add_rule_info(cpd__buf *b, const cpd_rule_info *r) {
  static const char *const keys[] = {"id",          "title",   "title_ja",
                                     "source_ja",   "text",    "text_ja",
                                     "policy_keys", "example", "example_ja"};
  const char *const vals[] = {r->id,          r->title,   r->title_ja,
                              r->source_ja,   r->text,    r->text_ja,
                              r->policy_keys, r->example, r->example_ja};
  size_t i;
  for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    cpd__buf_adds(b, i ? ",\"" : "{\"");
    cpd__buf_adds(b, keys[i]);
    cpd__buf_adds(b, "\":");
    cpd__buf_add_json_string(b, vals[i]);
  }
  cpd__putc(b, '}');
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
    return cpd__fail(err, CPD__M_ARG_NOT_CODE_OR_RULE, "", -1);
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

/* ------------------------------------------------ tables as documents */

cpd_status cpd_json_quote(char **out, size_t *out_len, const char *text,
                          size_t len) {
  cpd__buf b = CPD__BUF_INIT;
  if (out)
    *out = NULL;
  if (out_len)
    *out_len = 0;
  if (!out || (!text && len) || !cpd__utf8_valid(text ? text : "", len))
    return CPD_EINVAL;
  cpd__buf_addc(&b, '"');
  cpd__buf_add_json_chars(&b, text ? text : "", len);
  cpd__buf_addc(&b, '"');
  if (finish(&b, out) != CPD_OK)
    return CPD_ENOMEM;
  if (out_len)
    *out_len = b.len;
  return CPD_OK;
}

static void add_bool(cpd__buf *b, int v) {
  if (v)
    LIT(b, "true");
  else
    LIT(b, "false");
}

/* ,"key": and a string (NULL: null). */
static void add_member(cpd__buf *b, const char *key, const char *s) {
  cpd__buf_addc(b, ',');
  cpd__buf_add_json_string(b, key);
  cpd__buf_addc(b, ':');
  add_str_or_null(b, s);
}

/* "a|b|c" as ["a","b","c"] (NULL: null). */
static void add_split(cpd__buf *b, const char *list) {
  if (!list) {
    LIT(b, "null");
    return;
  }
  cpd__buf_addc(b, '[');
  while (*list) {
    size_t n = strcspn(list, "|");
    cpd__buf_addc(b, '"');
    cpd__buf_add_json_chars(b, list, n);
    cpd__buf_addc(b, '"');
    list += n;
    if (*list == '|') {
      list++;
      cpd__buf_addc(b, ',');
    }
  }
  cpd__buf_addc(b, ']');
}

cpd_status cpd_fields_to_json(char **out) {
  cpd__buf b = CPD__BUF_INIT;
  size_t i;
  if (!out)
    return CPD_EINVAL;
  *out = NULL;
  cpd__buf_adds(&b, "{\"fields\":[");
  for (i = 0; i < cpd_field_count(); i++) {
    const cpd_field_info *f = cpd_field_at(i);
    cpd__buf_adds(&b, i ? ",{\"pointer\":" : "{\"pointer\":");
    cpd__buf_add_json_string(&b, f->pointer);
    add_member(&b, "key", f->key);
    add_member(&b, "kind", cpd_field_kind_str(f->kind));
    cpd__buf_adds(&b, ",\"required\":");
    add_bool(&b, f->required);
    cpd__buf_adds(&b, ",\"personal\":");
    add_bool(&b, f->personal);
    add_member(&b, "redaction", cpd_redaction_str(f->redaction));
    add_member(&b, "label", f->label);
    add_member(&b, "label_ja", f->label_ja);
    cpd__buf_adds(&b, ",\"csv_headers\":");
    add_split(&b, f->csv_headers);
    add_member(&b, "separators", cpd_field_separators(f));
    cpd__buf_addc(&b, '}');
  }
  cpd__buf_adds(&b, "]}\n");
  return finish(&b, out);
}

/* "name":{"label":..,"label_ja":..,"note":..,"note_ja":..} for each value
 * from 0 until get gives NULL. */
static void add_labels(cpd__buf *b, const char *name,
                       const cpd_label *(*get)(int)) {
  const cpd_label *l;
  int v;
  cpd__buf_add_json_string(b, name);
  cpd__buf_adds(b, ":{");
  for (v = 0; (l = get(v)) != NULL; v++) {
    if (v)
      cpd__buf_addc(b, ',');
    cpd__buf_add_json_string(b, l->name);
    cpd__buf_adds(b, ":{\"label\":");
    cpd__buf_add_json_string(b, l->label);
    add_member(b, "label_ja", l->label_ja);
    add_member(b, "note", l->note);
    add_member(b, "note_ja", l->note_ja);
    cpd__buf_addc(b, '}');
  }
  cpd__buf_addc(b, '}');
}

static const cpd_label *decision_label(int v) {
  return cpd_decision_label((cpd_decision)v);
}
static const cpd_label *severity_label(int v) {
  return cpd_severity_label((cpd_severity)v);
}
static const cpd_label *window_label(int v) {
  return cpd_window_status_label((cpd_window_status)v);
}
static const cpd_label *activity_label(int v) {
  return cpd_activity_status_label((cpd_activity_status)v);
}

cpd_status cpd_labels_to_json(char **out) {
  cpd__buf b = CPD__BUF_INIT;
  size_t i;
  if (!out)
    return CPD_EINVAL;
  *out = NULL;
  cpd__buf_addc(&b, '{');
  add_labels(&b, "decision", decision_label);
  cpd__buf_addc(&b, ',');
  add_labels(&b, "severity", severity_label);
  cpd__buf_addc(&b, ',');
  add_labels(&b, "window_status", window_label);
  cpd__buf_addc(&b, ',');
  add_labels(&b, "activity_status", activity_label);
  cpd__buf_adds(&b, ",\"categories\":[");
  for (i = 0; i < cpd_category_count(); i++) {
    const cpd_category_info *c = cpd_category_at(i);
    cpd__buf_adds(&b, i ? ",{\"category\":" : "{\"category\":");
    cpd__buf_add_json_string(&b, c->category);
    add_member(&b, "label", c->label);
    add_member(&b, "label_ja", c->label_ja);
    add_member(&b, "short_label", c->short_label);
    add_member(&b, "short_label_ja", c->short_label_ja);
    add_member(&b, "group", c->group);
    add_member(&b, "group_ja", c->group_ja);
    add_member(&b, "title_column", c->title_column);
    add_member(&b, "title_column_ja", c->title_column_ja);
    add_member(&b, "date_column", c->date_column);
    add_member(&b, "date_column_ja", c->date_column_ja);
    add_member(&b, "hours_column", c->hours_column);
    add_member(&b, "hours_column_ja", c->hours_column_ja);
    cpd__buf_addc(&b, '}');
  }
  cpd__buf_adds(&b, "]}\n");
  return finish(&b, out);
}

cpd_status cpd_policy_sections_to_json(char **out, const cpd_policy *policy,
                                       cpd_day on) {
  cpd__buf b = CPD__BUF_INIT;
  cpd_section_info s;
  size_t i;
  if (!out)
    return CPD_EINVAL;
  *out = NULL;
  cpd__buf_adds(&b, "{\"sections\":[");
  for (i = 0; cpd_policy_section_at(&s, policy, on, i) == CPD_OK; i++) {
    cpd__buf_adds(&b, i ? ",{\"section\":" : "{\"section\":");
    cpd__buf_add_json_string(&b, s.section);
    add_member(&b, "category", s.category->category);
    cpd__buf_adds(&b, ",\"year\":");
    cpd__buf_add_int(&b, s.year);
    cpd__buf_adds(&b, ",\"per_year\":");
    add_bool(&b, s.per_year);
    cpd__buf_adds(&b, ",\"cap\":");
    add_points_or_null(&b, s.cap);
    cpd__buf_adds(&b, ",\"form_rows\":");
    cpd__buf_add_int(&b, s.form_rows);
    cpd__buf_adds(&b, ",\"evidence_required\":");
    add_bool(&b, s.evidence_required);
    cpd__buf_addc(&b, '}');
  }
  cpd__buf_adds(&b, "]}\n");
  return finish(&b, out);
}

/* ----------------------------------------------- an application document */

/* Why an application cannot be written: the first value, in document
 * order, that a document cannot hold. */
typedef struct app_check {
  cpd_error *err;
  cpd_status st;
} app_check;

static int app_value_check(void *ctx, cpd_field_id id, uint32_t activity,
                           uint32_t sub, const cpd_value *v) {
  app_check *c = ctx;
  cpd__buf path = CPD__BUF_INIT;
  cpd__diag d;
  cpd__msg_id m;
  if (v->kind == CPD_VALUE_TEXT && v->text &&
      cpd__utf8_valid(v->text, strlen(v->text)))
    return 0;
  else if (v->kind == CPD_VALUE_TEXT && v->text)
    m = CPD__M_IN_TEXT_NOT_UTF8;
  else if (v->kind == CPD_VALUE_NUMBER && !isfinite(v->number))
    m = CPD__M_IN_NUMBER_NOT_FINITE;
  else if (v->kind == CPD_VALUE_OTHER || v->kind == CPD_VALUE_TEXT)
    m = CPD__M_ARG_NOT_A_VALUE; /* (a text without its text) */
  else
    return 0;
  memset(&d, 0, sizeof d);
  d.field = (uint8_t)id;
  d.activity = activity;
  d.sub = sub;
  cpd__render_path(&path, &d);
  c->st = cpd__buf_cstr(&path) ? cpd__fail(c->err, m, path.p, -1)
                               : cpd__out_of_memory(c->err);
  cpd__buf_free(&path);
  return 1;
}

static void doc_value(cpd__buf *b, const cpd_value *v) {
  char num[CPD__NUMBER_TEXT_SIZE];
  switch (v->kind) {
  case CPD_VALUE_TEXT:
    cpd__buf_add_json_string(b, v->text);
    break;
  case CPD_VALUE_NUMBER:
    cpd__buf_add(b, num, cpd__number_format(num, v->number));
    break;
  case CPD_VALUE_BOOL:
    add_bool(b, v->boolean);
    break;
  default:
    LIT(b, "null");
  }
}

/* The fields that are members of field parent (an object), by pointer. */
static int child_of(size_t parent, size_t i) {
  const char *p = cpd__field((cpd_field_id)parent)->pointer;
  const char *c = cpd__field((cpd_field_id)i)->pointer;
  size_t n = strlen(p);
  return strncmp(c, p, n) == 0 && c[n] == '/' && !strchr(c + n + 1, '/');
}

static int field_given(const cpd_application *app, const cpd_activity *act,
                       size_t id) {
  const cpd_field_info *f = cpd__field((cpd_field_id)id);
  const cpd_value *v;
  size_t i, n;
  switch (f->kind) {
  case CPD_FIELD_ARRAY:
    return 1;
  case CPD_FIELD_OBJECT:
    for (i = id + 1; i < CPD_FIELD_ID_COUNT; i++)
      if (child_of(id, i) && field_given(app, act, i))
        return 1;
    return 0;
  default:
    v = cpd__field_slot((cpd_application *)app, (cpd_activity *)act,
                        (cpd_field_id)id);
    if (v)
      return v->kind != CPD_VALUE_ABSENT;
    cpd__field_list(act, (cpd_field_id)id, &n);
    return n > 0;
  }
}

static void doc_members(cpd__buf *b, const cpd_application *app,
                        const cpd_activity *act, size_t parent, int depth);

static void doc_field(cpd__buf *b, const cpd_application *app,
                      const cpd_activity *act, size_t id, int depth) {
  const cpd_field_info *f = cpd__field((cpd_field_id)id);
  const cpd_value *v;
  size_t i, n;
  if (f->kind == CPD_FIELD_OBJECT) {
    cpd__buf_addc(b, '{');
    doc_members(b, app, act, id, depth + 1);
    cpd__buf_add_newline(b, depth);
    cpd__buf_addc(b, '}');
  } else if (f->kind == CPD_FIELD_ARRAY) { /* the activities */
    size_t item = id + 1;                  /* "/activities/-": the element */
    if (!app->activity_count) {
      LIT(b, "[]");
      return;
    }
    cpd__buf_addc(b, '[');
    for (i = 0; i < app->activity_count; i++) {
      cpd__buf_add_newline(b, depth + 1);
      doc_field(b, app, &app->activities[i], item, depth + 1);
      if (i + 1 < app->activity_count)
        cpd__buf_addc(b, ',');
    }
    cpd__buf_add_newline(b, depth);
    cpd__buf_addc(b, ']');
  } else if ((v = cpd__field_slot((cpd_application *)app, (cpd_activity *)act,
                                  (cpd_field_id)id))) {
    doc_value(b, v);
  } else {
    v = cpd__field_list(act, (cpd_field_id)id, &n);
    cpd__buf_addc(b, '[');
    for (i = 0; i < n; i++) {
      cpd__buf_add_newline(b, depth + 1);
      doc_value(b, &v[i]);
      if (i + 1 < n)
        cpd__buf_addc(b, ',');
    }
    cpd__buf_add_newline(b, depth);
    cpd__buf_addc(b, ']');
  }
}

/* The given members of object parent (SIZE_MAX: the document's root). */
static void doc_members(cpd__buf *b, const cpd_application *app,
                        const cpd_activity *act, size_t parent, int depth) {
  size_t i;
  int any = 0;
  for (i = 0; i < CPD_FIELD_ID_COUNT; i++) {
    const cpd_field_info *f = cpd__field((cpd_field_id)i);
    if (parent == SIZE_MAX ? strchr(f->pointer + 1, '/') != NULL
                           : !child_of(parent, i))
      continue;
    if (!field_given(app, act, i))
      continue;
    if (any)
      cpd__buf_addc(b, ',');
    any = 1;
    cpd__buf_add_newline(b, depth);
    cpd__buf_add_json_string(b, f->key);
    cpd__buf_add(b, ": ", 2);
    doc_field(b, app, act, i, depth);
  }
}

cpd_status cpd_application_to_json(char **out, const cpd_application *app,
                                   cpd_error *err) {
  cpd__buf b = CPD__BUF_INIT;
  app_check c = {err, CPD_OK};
  if (out)
    *out = NULL;
  if (!out || !cpd__application_ok(app))
    return cpd__invalid_argument(err);
  if (cpd__application_walk(app, app_value_check, &c))
    return c.st;
  cpd__buf_addc(&b, '{');
  doc_members(&b, app, NULL, SIZE_MAX, 1);
  cpd__buf_add_newline(&b, 0);
  cpd__buf_adds(&b, "}\n");
  if (finish(&b, out) != CPD_OK)
    return cpd__out_of_memory(err);
  return CPD_OK;
}
