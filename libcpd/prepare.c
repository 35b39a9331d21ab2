/* prepare.c - preparing an application once for evaluation: every text
 * normalised (NFKC, spaces folded), every date and amount parsed, the
 * applicant's fields checked (cpd__prep_*, shared by the JSON mapping in
 * map.c), and an application built in C checked and prepared the same way
 * (cpd__application_ok, cpd__prepare; its public calls are in api.c). */
#include <string.h>

#include "internal.h"

/* ---------------------------------------------------------------- values */

/* The normalised text of v, not copied: v's own text when it is already
 * normal, else the scratch buffer. */
static cpd__tkind view(cpd__prep *p, const cpd_value *v, const char **s,
                       size_t *n) {
  cpd_status st;
  *s = "";
  *n = 0;
  if (v->kind == CPD_VALUE_ABSENT || v->kind == CPD_VALUE_NULL)
    return CPD__T_NONE;
  if (v->kind != CPD_VALUE_TEXT || !v->text)
    return CPD__T_OTHER;
  st = cpd__text_view(p->norm, v->text, strlen(v->text), s, n);
  if (st != CPD_OK) {
    *s = "";
    *n = 0;
    if (st == CPD_ENOMEM) {
      p->oom = 1;
      return CPD__T_NONE;
    }
    return CPD__T_OTHER;
  }
  return *n > 0 ? CPD__T_TEXT : CPD__T_NONE;
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
  cpd__tkind t = view(p, v, &s, &n);
  out->t = t;
  out->s = "";
  out->n = 0;
  if (t == CPD__T_TEXT && n < UINT32_MAX) {
    out->s = keep(p, v, s, n);
    out->n = p->oom ? 0 : (uint32_t)n; /* ("" when the copy failed) */
  }
}

static int digit(char c) { return c >= '0' && c <= '9'; }

/* "2024-06-15" or "2024/06/15", the most common forms, read directly:
 * 1 a date, -1 no such day, 0 another form (the full parser decides). */
static int iso_date(const char *s, cpd_day *out) {
  int y, m, d;
  if (!digit(s[0]) || !digit(s[1]) || !digit(s[2]) || !digit(s[3]) ||
      (s[4] != '-' && s[4] != '/') || !digit(s[5]) || !digit(s[6]) ||
      s[7] != s[4] || !digit(s[8]) || !digit(s[9]) || s[10] != '\0')
    return 0;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
      (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  return cpd_day_from_ymd(out, y, m, d) == CPD_OK ? 1 : -1;
}

void cpd__prep_presence(cpd__prep *p, const cpd_value *v, cpd__ptext *out) {
  (void)p;
  out->s = "";
  out->n = 0;
  if (v->kind == CPD_VALUE_ABSENT || v->kind == CPD_VALUE_NULL)
    out->t = CPD__T_NONE;
  else if (v->kind != CPD_VALUE_TEXT || !v->text)
    out->t = CPD__T_OTHER;
  else /* (valid UTF-8: the scan or check_utf8 saw to it) */
    out->t = cpd__text_present(v->text) ? CPD__T_TEXT : CPD__T_NONE;
}

void cpd__prep_date(cpd__prep *p, const cpd_value *v, cpd__pdate *out) {
  const char *s;
  size_t n;
  int why = 0, iso;
  cpd__tkind t;
  out->day = 0;
  if (v->kind == CPD_VALUE_TEXT && v->text &&
      (iso = iso_date(v->text, &out->day)) != 0) {
    out->t = iso > 0 ? CPD__D_DATE : CPD__D_BAD;
    return;
  }
  t = view(p, v, &s, &n);
  if (t != CPD__T_TEXT) {
    out->t = t == CPD__T_NONE ? CPD__D_NONE : CPD__D_BAD;
    return;
  }
  if (cpd__day_parse_detail(&out->day, s, n, &why))
    out->t = CPD__D_DATE;
  else
    out->t = why == CPD__DATE_WEEKDAY_MISMATCH ? CPD__D_WEEKDAY : CPD__D_BAD;
}

static void amount(cpd__prep *p, const cpd_value *v, cpd__pamount *out,
                   cpd__nrc (*parse)(const char *, size_t, cpd_points *)) {
  const char *s;
  size_t n;
  cpd__tkind t;
  out->v = 0;
  if (v->kind == CPD_VALUE_ABSENT || v->kind == CPD_VALUE_NULL) {
    out->rc = CPD__N_NONE;
    return;
  }
  if (v->kind == CPD_VALUE_NUMBER) {
    out->rc = cpd__double_to_points(v->number, &out->v);
    return;
  }
  t = view(p, v, &s, &n);
  if (t == CPD__T_NONE) /* empty text: as absent */
    out->rc = p->oom ? CPD__N_BAD : CPD__N_NONE;
  else if (t == CPD__T_OTHER)
    out->rc = CPD__N_BAD;
  else
    out->rc = parse(s, n, &out->v);
  if (out->rc != CPD__N_OK)
    out->v = 0;
}

void cpd__prep_amount(cpd__prep *p, const cpd_value *v, cpd__pamount *out) {
  amount(p, v, out, cpd__decimal_parse);
}

void cpd__prep_hours(cpd__prep *p, const cpd_value *v, cpd__pamount *out) {
  amount(p, v, out, cpd__hours_parse);
}

void cpd__prep_points(cpd__prep *p, const cpd_value *v, cpd__pamount *out) {
  amount(p, v, out, cpd__points_parse);
}

void cpd__prep_id(cpd__prep *p, const cpd_value *v, cpd__pact *out) {
  out->id = NULL;
  out->id_len = 0;
  if (v->kind == CPD_VALUE_TEXT && v->text) {
    const char *s;
    size_t n;
    view(p, v, &s, &n); /* echoed normalised, "" when it is none (R11) */
    out->id = n ? keep(p, v, s, n) : "";
    out->id_len = (uint32_t)(n < UINT32_MAX && !p->oom ? n : 0);
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
  out->t = d != CPD_DAY_NONE && y >= 1 && y <= 9999 ? CPD__D_DATE : CPD__D_BAD;
}

void cpd__prep_checks(cpd__papp *a) {
  a->name_kana_ok = a->name_kana.t == CPD__T_TEXT &&
                    cpd__text_is_kana(a->name_kana.s, a->name_kana.n);
  a->company_kana_ok = a->company_kana.t == CPD__T_TEXT &&
                       cpd__text_is_kana(a->company_kana.s, a->company_kana.n);
  a->postal_ok =
      a->postal_code.t == CPD__T_TEXT &&
      cpd__text_postal_code(a->postal_code.s, a->postal_code.n, NULL);
  a->phone_ok =
      a->phone.t == CPD__T_TEXT && cpd__text_phone(a->phone.s, a->phone.n);
  a->mobile_ok =
      a->mobile.t == CPD__T_TEXT && cpd__text_phone(a->mobile.s, a->mobile.n);
  a->email_ok =
      a->email.t == CPD__T_TEXT && cpd__text_email(a->email.s, a->email.n);
}

/* ------------------------------------------------- an application from C */

static int value_utf8_ok(const cpd_value *v) {
  return v->kind != CPD_VALUE_TEXT || !v->text ||
         cpd__utf8_valid(v->text, strlen(v->text));
}

/* A C caller may hand in any bytes (the JSON layer checks its own): the
 * first text that is not UTF-8, in the document's order, as a path. */
static int utf8_visit(void *ctx, cpd_field_id id, uint32_t activity,
                      uint32_t sub, const cpd_value *v) {
  cpd__diag d;
  if (value_utf8_ok(v))
    return 0;
  memset(&d, 0, sizeof d);
  d.field = (uint8_t)id;
  d.activity = activity;
  d.sub = sub;
  cpd__render_path(ctx, &d);
  return 1;
}

static int check_utf8(const cpd_application *a, cpd__buf *path) {
  return !cpd__application_walk(a, utf8_visit, path);
}

/* ------------------------------------------------ one field at a time */

static const cpd__ptext absent_text = {"", 0, 0};

/* What each READ of CPD_FIELDS does, on the member of H (the application
 * or the activity that holds the field). */
#define HOLDER_ROOT cpd__papp *const H = a;
#define HOLDER_CERTIFICATION HOLDER_ROOT
#define HOLDER_APPLICANT HOLDER_ROOT
#define HOLDER_FEE HOLDER_ROOT
#define HOLDER_ACTIVITIES HOLDER_ROOT
#define HOLDER_ACTIVITY cpd__pact *const H = act;

#define INIT_CPD_R_TEXT(m) H->m = absent_text;
#define INIT_CPD_R_PRESENCE(m) H->m = absent_text;
#define INIT_CPD_R_DATE(m)
#define INIT_CPD_R_HOURS(m) H->m.rc = CPD__N_NONE;
#define INIT_CPD_R_POINTS(m) H->m.rc = CPD__N_NONE;
#define INIT_CPD_R_OWN(k)
#define INIT_CPD_R_LIST(k)
#define INIT_CPD_R_NONE
#define INIT_APP(id, parent, ptr, key, kind, req, pers, red, en, ja, csv,      \
                 slot, read)                                                   \
  CPD__APP_ONLY_##parent(INIT_##read)
#define INIT_ACT(id, parent, ptr, key, kind, req, pers, red, en, ja, csv,      \
                 slot, read)                                                   \
  CPD__ACT_ONLY_##parent(INIT_##read)

void cpd__prep_init(cpd__papp *a) {
  cpd__papp *const H = a;
  memset(a, 0, sizeof *a);
  CPD_FIELDS(INIT_APP)
}

void cpd__prep_init_activity(cpd__pact *act) {
  cpd__pact *const H = act;
  memset(act, 0, sizeof *act);
  CPD_FIELDS(INIT_ACT)
  act->year.rc = CPD__N_NONE;
}

/* The fields read their own way (CPD_R_OWN). */
static void prep_OATH(cpd__prep *p, cpd__papp *a, cpd__pact *act,
                      const cpd_value *v) {
  (void)p;
  (void)act;
  a->oath = v->kind == CPD_VALUE_BOOL && v->boolean;
}

static void prep_ACT_ID(cpd__prep *p, cpd__papp *a, cpd__pact *act,
                        const cpd_value *v) {
  (void)a;
  cpd__prep_id(p, v, act);
}

static void prep_CATEGORY(cpd__prep *p, cpd__papp *a, cpd__pact *act,
                          const cpd_value *v) {
  cpd__ptext cat;
  (void)a;
  cpd__prep_text(p, v, &cat);
  act->cat_t = cat.t;
  act->cat = cat.t == CPD__T_TEXT && cat.n == 1 ? cat.s[0] : 0;
}

static void prep_YEAR(cpd__prep *p, cpd__papp *a, cpd__pact *act,
                      const cpd_value *v) {
  (void)a;
  cpd__prep_amount(p, v, &act->year);
  act->year_given = v->kind != CPD_VALUE_ABSENT && v->kind != CPD_VALUE_NULL;
}

#define PREP_CPD_R_TEXT(m) cpd__prep_text(p, v, &H->m);
#define PREP_CPD_R_PRESENCE(m) cpd__prep_presence(p, v, &H->m);
#define PREP_CPD_R_DATE(m) cpd__prep_date(p, v, &H->m);
#define PREP_CPD_R_HOURS(m) cpd__prep_hours(p, v, &H->m);
#define PREP_CPD_R_POINTS(m) cpd__prep_points(p, v, &H->m);
#define PREP_CPD_R_OWN(k) prep_##k(p, a, act, v);
#define PREP_CPD_R_LIST(k)
#define PREP_CPD_R_NONE
#define PREP_CASE(id, parent, ptr, key, kind, req, pers, red, en, ja, csv,     \
                  slot, read)                                                  \
  case CPD_FIELD_ID_##id: {                                                    \
    HOLDER_##parent(void) H;                                                   \
    PREP_##read                                                                \
  } break;

void cpd__prep_field(cpd__prep *p, cpd__papp *a, cpd__pact *act,
                     cpd_field_id id, const cpd_value *v) {
  if (!act && cpd__field_in_activity(id))
    return; /* an activity's field needs its activity */
  switch (id) {
    CPD_FIELDS(PREP_CASE)
  default:
    break;
  }
}

/* The lists (CPD_R_LIST). */
static void list_EVIDENCE(cpd__prep *p, cpd__pact *act, const cpd_value *v,
                          size_t n, int single) {
  size_t j;
  (void)single;
  act->has_evidence = 0;
  for (j = 0; j < n && !act->has_evidence; j++) {
    cpd__ptext t;
    cpd__prep_presence(p, &v[j], &t);
    act->has_evidence = t.t == CPD__T_TEXT;
  }
}

static void list_COMPETENCIES(cpd__prep *p, cpd__pact *act, const cpd_value *v,
                              size_t n, int single) {
  size_t j;
  act->comp = NULL;
  act->comp_key = NULL;
  act->ncomp = 0;
  /* a single value: its diagnostic points at it, not at element 0 */
  act->comp_single = (uint8_t)single;
  if (n) {
    cpd__ptext *c = cpd__arena_alloc(p->arena, n * sizeof *c);
    uint64_t *k = cpd__arena_alloc(p->arena, n * sizeof *k);
    if (!c || !k) {
      p->oom = 1;
      return;
    }
    for (j = 0; j < n; j++) {
      cpd__prep_text(p, &v[j], &c[j]);
      k[j] = cpd__competency_key(c[j].s, c[j].n);
    }
    act->comp = c;
    act->comp_key = k;
    act->ncomp = (uint32_t)n;
  }
}

#define LIST_CPD_R_TEXT(m)
#define LIST_CPD_R_PRESENCE(m)
#define LIST_CPD_R_DATE(m)
#define LIST_CPD_R_HOURS(m)
#define LIST_CPD_R_POINTS(m)
#define LIST_CPD_R_OWN(k)
#define LIST_CPD_R_LIST(k) list_##k(p, act, v, n, single);
#define LIST_CPD_R_NONE
#define LIST_CASE(id, parent, ptr, key, kind, req, pers, red, en, ja, csv,     \
                  slot, read)                                                  \
  case CPD_FIELD_ID_##id:                                                      \
    LIST_##read break;

void cpd__prep_list(cpd__prep *p, cpd__pact *act, cpd_field_id id,
                    const cpd_value *v, size_t n, int single) {
  switch (id) {
    CPD_FIELDS(LIST_CASE)
  default:
    break;
  }
}

/* A C application, field by field through the same cpd__prep_field. */
cpd_status cpd__prepare_view(cpd__papp *out, cpd__arena *arena, cpd__buf *norm,
                             const cpd_application *app, int copy) {
  cpd__prep p;
  cpd__pact *acts = NULL;
  cpd_application *a = (cpd_application *)(uintptr_t)app; /* only read */
  size_t i, f;
  cpd__prep_init(out);
  p.arena = arena;
  p.norm = norm;
  p.copy = copy;
  p.oom = 0;
  for (f = 0; f < CPD_FIELD_ID_COUNT; f++) {
    cpd_value *v = cpd__field_in_activity((cpd_field_id)f)
                       ? NULL
                       : cpd__field_slot(a, NULL, (cpd_field_id)f);
    if (v)
      cpd__prep_field(&p, out, NULL, (cpd_field_id)f, v);
  }
  cpd__prep_checks(out);
  if (app->activity_count) {
    acts = cpd__arena_alloc(arena, app->activity_count * sizeof *acts);
    if (!acts)
      p.oom = 1;
  }
  for (i = 0; acts && i < app->activity_count && !p.oom; i++) {
    cpd_activity *x = (cpd_activity *)(uintptr_t)&app->activities[i];
    cpd__prep_init_activity(&acts[i]);
    for (f = 0; f < CPD_FIELD_ID_COUNT; f++) {
      const cpd_value **list;
      size_t *n;
      cpd_value *v;
      if (!cpd__field_in_activity((cpd_field_id)f))
        continue;
      if ((v = cpd__field_slot(a, x, (cpd_field_id)f)) != NULL)
        cpd__prep_field(&p, out, &acts[i], (cpd_field_id)f, v);
      else if (cpd__field_list_slot(x, (cpd_field_id)f, &list, &n))
        cpd__prep_list(&p, &acts[i], (cpd_field_id)f, *list, *n, 0);
    }
  }
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
    st = cpd__fail(err, CPD__M_IN_TEXT_NOT_UTF8,
                   cpd__buf_cstr(&path) ? path.p : "", -1);
    cpd__buf_free(&path);
    return st;
  }
  st = cpd__prepare_view(out, arena, &norm, app, 1);
  cpd__buf_free(&norm);
  return st == CPD_OK ? CPD_OK : cpd__out_of_memory(err);
}

/* ------------------------------------------- an application built in C */

int cpd__application_ok(const cpd_application *app) {
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
