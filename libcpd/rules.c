/* rules.c - the rules engine of docs/RULES.md R1-R16: period and window,
 * placing activities, points, duplicates, sections and caps, fee, oath,
 * applicant, evidence and the decision.  Pure: no JSON, no I/O, no
 * globals, no clock, no prose.  It reads a prepared application (every
 * text normalised, every date and amount parsed once: prepare.c) and
 * emits diagnostics as message ids with typed arguments; every number
 * comes from the policy. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_AMOUNT 999999 /* R5: hours and points at most 9999.99 */

/* What the engine learns of one activity on the way. */
typedef struct act_state {
  cpd_points worth;
  int cat;     /* index into the policy's sections, -1 when invalid */
  int section; /* index into the result's sections, -1 when not placed */
  int rejected;
} act_state;

typedef struct ev {
  const cpd_policy *p;
  const cpd__papp *app;
  cpd_result *r;
  act_state *acts;
  uint64_t *keys; /* sort keys of the placed activities */
  char *ids;      /* where the next activity's id goes (result arena) */
  int section_base[CPD__MAX_CATEGORIES];
  uint32_t rows_used[CPD__MAX_CATEGORIES * CPD__MAX_PERIOD_YEARS];
  int oom;
} ev;

/* ---------------------------------------------------------- diagnostics */

static cpd__diag *diag(ev *e, cpd__msg_id msg, cpd_field_id field,
                       uint32_t activity) {
  cpd__diag *d = cpd__result_add(e->r);
  cpd_severity sev;
  if (!d) {
    e->oom = 1;
    return NULL;
  }
  d->msg = (uint16_t)msg;
  d->field = (uint8_t)field;
  d->activity = activity;
  d->sub = CPD__NONE;
  d->a[0] = d->a[1] = d->a[2] = 0;
  d->s = NULL;
  d->path = NULL;
  sev = cpd__code(cpd__msg_code(msg))->severity;
  if (sev > e->r->worst)
    e->r->worst = sev;
  return d;
}

static void diag1(ev *e, cpd__msg_id msg, cpd_field_id field, uint32_t activity,
                  int64_t a0) {
  cpd__diag *d = diag(e, msg, field, activity);
  if (d)
    d->a[0] = a0;
}

static void diag3(ev *e, cpd__msg_id msg, cpd_field_id field, uint32_t activity,
                  int64_t a0, int64_t a1, int64_t a2) {
  cpd__diag *d = diag(e, msg, field, activity);
  if (d) {
    d->a[0] = a0;
    d->a[1] = a1;
    d->a[2] = a2;
  }
}

static void diag_s(ev *e, cpd__msg_id msg, cpd_field_id field,
                   uint32_t activity, const char *s) {
  cpd__diag *d = diag(e, msg, field, activity);
  if (d)
    d->s = s;
}

/* ------------------------------------------------------------ sections */

static int build_sections(ev *e) {
  const cpd_policy *p = e->p;
  size_t n = 0, i;
  int y, k = 0;
  char *names;
  for (i = 0; i < p->section_count; i++)
    n += p->sections[i].per_year ? (size_t)p->period_years : 1;
  e->r->sections =
      cpd__arena_alloc(&e->r->arena, n * sizeof(cpd_section_total));
  names = cpd__arena_alloc(&e->r->arena, n * CPD_SECTION_NAME_SIZE);
  if (!e->r->sections || !names)
    return 0;
  e->r->section_count = n;
  for (i = 0; i < p->section_count; i++) {
    const cpd__section_policy *sp = &p->sections[i];
    int years = sp->per_year ? p->period_years : 1;
    e->section_base[i] = k;
    for (y = 1; y <= years; y++, k++) {
      cpd_section_total *s = &e->r->sections[k];
      char *name = names + CPD_SECTION_NAME_SIZE * (size_t)k;
      cpd__section_name(name, sp->category, sp->per_year, y);
      s->section = name;
      s->claimed = s->counted = 0;
      s->cap = sp->cap;
      s->entries = 0;
      s->year = sp->per_year ? y : 0;
    }
  }
  return 1;
}

/* ------------------------------------------------------- applicant (R11) */

static int text_is(const cpd__ptext *t, const char *s) {
  size_t n = strlen(s);
  return t->t == CPD__T_TEXT && t->n == n && memcmp(t->s, s, n) == 0;
}

/* R1: "OMP, CAP" (the policy's list, cut as the form's space allows). */
static void check_qualification(ev *e) {
  const cpd__ptext *q = &e->app->qualification;
  const cpd_policy *p = e->p;
  char list[128] = "";
  size_t i, len = 0;
  for (i = 0; i < p->qualification_count; i++)
    if (text_is(q, p->qualifications[i])) {
      e->r->summary.qualification = p->qualifications[i];
      return;
    }
  e->r->summary.qualification = NULL;
  for (i = 0; i < p->qualification_count; i++) {
    size_t k = strlen(p->qualifications[i]);
    if (len + k + 3 < sizeof list) {
      if (i) {
        memcpy(list + len, ", ", 2);
        len += 2;
      }
      memcpy(list + len, p->qualifications[i], k);
      len += k;
      list[len] = '\0';
    }
  }
  diag_s(e, q->t == CPD__T_NONE ? CPD__M_QUAL_MISSING : CPD__M_QUAL_UNKNOWN,
         CPD_FIELD_ID_QUALIFICATION, CPD__NONE,
         cpd__arena_strndup(&e->r->arena, list, len));
}

/* Required text: 1 when given, else reports it missing (or not text). */
static int required_text(ev *e, const cpd__ptext *t, cpd_field_id f) {
  if (t->t == CPD__T_TEXT)
    return 1;
  diag(e, t->t == CPD__T_OTHER ? CPD__M_FIELD_NOT_TEXT : CPD__M_FIELD_MISSING,
       f, CPD__NONE);
  return 0;
}

static void check_phone(ev *e, const cpd__ptext *t, int ok, cpd_field_id f) {
  if (t->t == CPD__T_TEXT && !ok)
    diag(e, CPD__M_PHONE_INVALID, f, CPD__NONE);
  else if (t->t ==
           CPD__T_OTHER) /* a number loses its leading 0: it must be text */
    diag(e, CPD__M_PHONE_NOT_TEXT, f, CPD__NONE);
}

static void check_applicant(ev *e) {
  const cpd__papp *a = e->app;
  required_text(e, &a->cert_number, CPD_FIELD_ID_CERT_NUMBER);
  required_text(e, &a->name, CPD_FIELD_ID_NAME);
  if (required_text(e, &a->name_kana, CPD_FIELD_ID_NAME_KANA) &&
      !a->name_kana_ok)
    diag(e, CPD__M_KANA_INVALID, CPD_FIELD_ID_NAME_KANA, CPD__NONE);
  if (a->company.t != CPD__T_NONE) {
    if (required_text(e, &a->company_kana, CPD_FIELD_ID_COMPANY_KANA) &&
        !a->company_kana_ok)
      diag(e, CPD__M_KANA_INVALID, CPD_FIELD_ID_COMPANY_KANA, CPD__NONE);
  } else if (a->company_kana.t == CPD__T_TEXT && !a->company_kana_ok) {
    diag(e, CPD__M_KANA_INVALID, CPD_FIELD_ID_COMPANY_KANA, CPD__NONE);
  }
  if (required_text(e, &a->postal_code, CPD_FIELD_ID_POSTAL_CODE) &&
      !a->postal_ok)
    diag(e, CPD__M_POSTAL_INVALID, CPD_FIELD_ID_POSTAL_CODE, CPD__NONE);
  required_text(e, &a->address, CPD_FIELD_ID_ADDRESS);
  if (required_text(e, &a->email, CPD_FIELD_ID_EMAIL) && !a->email_ok)
    diag(e, CPD__M_EMAIL_INVALID, CPD_FIELD_ID_EMAIL, CPD__NONE);
  check_phone(e, &a->phone, a->phone_ok, CPD_FIELD_ID_PHONE);
  check_phone(e, &a->mobile, a->mobile_ok, CPD_FIELD_ID_MOBILE);
  if (a->phone.t != CPD__T_TEXT && a->mobile.t != CPD__T_TEXT)
    diag(e, CPD__M_PHONE_OR_MOBILE, CPD_FIELD_ID_PHONE, CPD__NONE);
}

/* ------------------------------------------------------- fee, oath (R9) */

static void check_fee(ev *e) {
  const cpd__papp *a = e->app;
  const cpd_summary *sm = &e->r->summary;
  cpd_day paid = a->fee_paid_on.day;
  if (a->fee_paid_on.t == CPD__D_NONE)
    diag(e, CPD__M_FEE_DATE_MISSING, CPD_FIELD_ID_FEE_PAID_ON, CPD__NONE);
  else if (a->fee_paid_on.t < CPD__D_NONE)
    diag(e,
         a->fee_paid_on.t == CPD__D_WEEKDAY ? CPD__M_FEE_DATE_WEEKDAY
                                            : CPD__M_FEE_DATE_INVALID,
         CPD_FIELD_ID_FEE_PAID_ON, CPD__NONE);
  else if (paid > sm->window_closes_on)
    diag3(e, CPD__M_FEE_LATE, CPD_FIELD_ID_FEE_PAID_ON, CPD__NONE, paid,
          sm->window_closes_on, 0);
  else if (paid < sm->window_opens_on)
    diag3(e, CPD__M_FEE_BEFORE_WINDOW, CPD_FIELD_ID_FEE_PAID_ON, CPD__NONE,
          paid, sm->window_opens_on, 0);
  if (a->payer.t == CPD__T_OTHER)
    diag(e, CPD__M_FEE_PAYER_NOT_TEXT, CPD_FIELD_ID_FEE_PAYER, CPD__NONE);
  else if (a->payer.t == CPD__T_NONE)
    diag(e, CPD__M_FEE_PAYER_MISSING, CPD_FIELD_ID_FEE_PAYER, CPD__NONE);
}

/* ----------------------------------------------------------- activities */

/* An amount's failure (any cpd__nrc but CPD__N_OK) -> its message. */
#define NRC(rc) ((rc)-CPD__N_TOO_LARGE)
static const cpd__msg_id hours_msg[] = {
    [NRC(CPD__N_TOO_LARGE)] = CPD__M_HOURS_RANGE,
    [NRC(CPD__N_DECIMALS)] = CPD__M_HOURS_DECIMALS,
    [NRC(CPD__N_BAD)] = CPD__M_HOURS_NOT_NUMBER,
    [NRC(CPD__N_NONE)] = CPD__M_HOURS_MISSING};
static const cpd__msg_id points_msg[] = {
    [NRC(CPD__N_TOO_LARGE)] = CPD__M_POINTS_RANGE,
    [NRC(CPD__N_DECIMALS)] = CPD__M_POINTS_DECIMALS,
    [NRC(CPD__N_BAD)] = CPD__M_POINTS_NOT_NUMBER,
    [NRC(CPD__N_NONE)] = CPD__M_POINTS_NOT_NUMBER};

static void number_diag(ev *e, uint32_t i, cpd__nrc rc, int is_hours) {
  cpd__msg_id m = (is_hours ? hours_msg : points_msg)[NRC(rc)];
  diag1(e, m, is_hours ? CPD_FIELD_ID_ACT_HOURS : CPD_FIELD_ID_ACT_POINTS, i,
        MAX_AMOUNT);
}

/* The year (1..period_years) whose bounds hold d, d inside the period. */
static int year_of(const ev *e, cpd_day d) {
  int y = 0;
  while (y + 1 < e->p->period_years && d > e->r->year_ends[y])
    y++;
  return y + 1;
}

/* R4, R5, R13 and the category of one activity. */
static void place_activity(ev *e, uint32_t i) {
  const cpd__pact *a = &e->app->acts[i];
  act_state *st = &e->acts[i];
  cpd_activity_result *out = &e->r->activities[i];
  const cpd_summary *sm = &e->r->summary;
  const cpd_policy *p = e->p;
  const cpd__section_policy *sp = NULL;
  cpd_points hours = a->hours.v, pts, limit;
  int numbers_ok = 1, year = 0;
  cpd__nrc rc;

  st->cat = -1;
  st->section = -1;
  st->worth = 0;
  st->rejected = 0;
  out->index = i;
  out->id = NULL;
  out->section = NULL;
  out->year = 0;
  out->claimed = out->counted = 0;
  out->status = CPD_ACTIVITY_REJECTED;
  e->r->rows[i] = 0;
  if (a->id) { /* echoed normalised, as every text (R11) */
    memcpy(e->ids, a->id, a->id_len);
    e->ids[a->id_len] = '\0';
    out->id = e->ids;
    e->ids += a->id_len + 1;
  }

  if (a->cat)
    sp = cpd__policy_section(p, a->cat);
  if (sp)
    st->cat = (int)(sp - p->sections);
  else
    diag(e,
         a->cat_t == CPD__T_NONE ? CPD__M_CATEGORY_MISSING
                                 : CPD__M_CATEGORY_UNKNOWN,
         CPD_FIELD_ID_ACT_CATEGORY, i);
  if (a->date.t != CPD__D_DATE)
    diag(e,
         a->date.t == CPD__D_NONE      ? CPD__M_DATE_MISSING
         : a->date.t == CPD__D_WEEKDAY ? CPD__M_DATE_WEEKDAY
                                       : CPD__M_DATE_INVALID,
         CPD_FIELD_ID_ACT_COMPLETED_ON, i);

  /* numbers (R5) */
  rc = a->hours.rc;
  if (rc == CPD__N_OK && (hours <= 0 || hours > MAX_AMOUNT))
    rc = CPD__N_TOO_LARGE;
  if (rc != CPD__N_OK) {
    number_diag(e, i, rc, 1);
    numbers_ok = 0;
  }
  /* truncated to hundredths; 0 beside invalid hours (then nothing counts) */
  limit = numbers_ok ? hours * p->points_per_hour / 100 : 0;
  rc = a->points.rc;
  pts = rc == CPD__N_NONE ? limit : a->points.v;
  if (rc == CPD__N_OK && (pts < 0 || pts > MAX_AMOUNT))
    rc = CPD__N_TOO_LARGE;
  if (rc != CPD__N_OK && rc != CPD__N_NONE) {
    number_diag(e, i, rc, 0);
    numbers_ok = 0;
  }
  if (numbers_ok) {
    st->worth = pts;
    if (pts > limit) {
      diag3(e, CPD__M_POINTS_REDUCED, CPD_FIELD_ID_ACT_POINTS, i, pts, hours,
            limit);
      st->worth = limit;
    }
    out->claimed = st->worth;
  }

  /* placing (R4) */
  if (a->date.t == CPD__D_DATE) {
    cpd_day d = a->date.day;
    if (d > sm->applied_on) {
      diag1(e, CPD__M_DATE_AFTER_APPLICATION, CPD_FIELD_ID_ACT_COMPLETED_ON, i,
            d);
      st->rejected = 1;
    } else if (d < sm->period_starts_on || d > sm->period_expires_on) {
      diag3(e, CPD__M_OUTSIDE_PERIOD, CPD_FIELD_ID_ACT_COMPLETED_ON, i, d,
            sm->period_starts_on, sm->period_expires_on);
      st->rejected = 1;
    } else {
      year = year_of(e, d);
    }
  }
  if (year && st->cat >= 0) {
    st->section = e->section_base[st->cat] +
                  (p->sections[st->cat].per_year ? year - 1 : 0);
    out->section = e->r->sections[st->section].section;
    out->year = year;
    e->r->rows[i] = ++e->rows_used[st->section]; /* its row on the form */
  }

  /* the year the applicant wrote (R4) */
  if (year && a->year_given) {
    cpd_points y = a->year.v;
    if (a->year.rc != CPD__N_OK || y % 100 != 0 || y / 100 < 1 ||
        y / 100 > p->period_years)
      diag3(e, CPD__M_YEAR_NOT_WHOLE, CPD_FIELD_ID_ACT_YEAR, i, p->period_years,
            year, 0);
    else if (y / 100 != year)
      diag3(e, CPD__M_YEAR_MISMATCH, CPD_FIELD_ID_ACT_YEAR, i, y / 100, year,
            0);
  }

  if (st->cat < 0 || a->date.t != CPD__D_DATE || !numbers_ok)
    st->rejected = 1;
}

/* ------------------------------------------------------ sorting (R6, R7) */

/* A placed activity's sort key: category, then date, then input order,
 * in one integer (dates from year 1 to 9999 fit in 22 bits after the
 * offset, indices in 32). */
#define DAY_OFFSET 800000
static uint64_t sort_key(int cat, cpd_day d, uint32_t i) {
  return (uint64_t)cat << 58 | (uint64_t)(d + DAY_OFFSET) << 32 | i;
}
static uint32_t key_index(uint64_t k) { return (uint32_t)k; }
static uint64_t key_group(uint64_t k) { return k >> 32; }

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

static void sort_keys(uint64_t *k, size_t n) {
  size_t i, j;
  if (n > 48) {
    qsort(k, n, sizeof *k, cmp_u64);
    return;
  }
  for (i = 1; i < n; i++) { /* short lists: insertion sort */
    uint64_t v = k[i];
    for (j = i; j > 0 && k[j - 1] > v; j--)
      k[j] = k[j - 1];
    k[j] = v;
  }
}

/* The placed, valid activities in counting order (category, date, input
 * order); returns how many. */
static size_t placed_in_order(ev *e, uint64_t *keys) {
  size_t n = e->app->nacts, m = 0;
  uint32_t i;
  for (i = 0; i < n; i++) {
    const act_state *st = &e->acts[i];
    if (!st->rejected)
      keys[m++] = sort_key(st->cat, e->app->acts[i].date.day, i);
  }
  sort_keys(keys, m);
  return m;
}

static const cpd__ptext *title_of(const ev *e, uint64_t k) {
  return &e->app->acts[key_index(k)].title;
}

/* Title order, then input order. */
static int cmp_title(const ev *e, uint64_t a, uint64_t b) {
  const cpd__ptext *x = title_of(e, a), *y = title_of(e, b);
  size_t n = x->n < y->n ? x->n : y->n;
  int c = memcmp(x->s, y->s, n);
  if (c)
    return c;
  if (x->n != y->n)
    return x->n < y->n ? -1 : 1;
  return key_index(a) < key_index(b) ? -1 : 1;
}

static int same_title(const ev *e, uint64_t a, uint64_t b) {
  const cpd__ptext *x = title_of(e, a), *y = title_of(e, b);
  return x->n == y->n && memcmp(x->s, y->s, x->n) == 0;
}

/* R7 within one group of the same category and date (g[0..n), input
 * order): sorted by title, the later of the same title are rejected. */
static void duplicates_in_group(ev *e, uint64_t *g, size_t n) {
  size_t i, j;
  for (i = 1; i < n; i++) { /* by title, then input order */
    uint64_t v = g[i];
    for (j = i; j > 0 && cmp_title(e, g[j - 1], v) > 0; j--)
      g[j] = g[j - 1];
    g[j] = v;
  }
  for (i = 0; i < n; i = j)
    for (j = i + 1; j < n && same_title(e, g[i], g[j]); j++) {
      uint32_t k = key_index(g[j]);
      diag1(e, CPD__M_DUPLICATE, CPD_FIELD_ID_ACTIVITY, k, key_index(g[i]));
      e->acts[k].rejected = 1;
    }
}

/* A group larger than insertion sort is made for (many activities of one
 * category on one day): sorted by title with qsort. */
typedef struct title_ref {
  const ev *e;
  uint64_t key;
} title_ref;

static int cmp_title_ref(const void *a, const void *b) {
  const title_ref *x = a, *y = b;
  return cmp_title(x->e, x->key, y->key);
}

static void duplicates_in_big_group(ev *e, uint64_t *g, size_t n) {
  title_ref *refs = cpd__malloc(n * sizeof *refs);
  size_t i;
  if (!refs) {
    e->oom = 1;
    return;
  }
  for (i = 0; i < n; i++) {
    refs[i].e = e;
    refs[i].key = g[i];
  }
  qsort(refs, n, sizeof *refs, cmp_title_ref);
  for (i = 0; i < n; i++)
    g[i] = refs[i].key;
  cpd__free(refs);
  duplicates_in_group(e, g, n); /* already in order: one pass */
}

/* R7 over every group of the same category and date. */
static void find_duplicates(ev *e, const uint64_t *keys, size_t m) {
  uint64_t small[16];
  size_t i, j;
  for (i = 0; i < m && !e->oom; i = j) {
    for (j = i + 1; j < m && key_group(keys[j]) == key_group(keys[i]); j++)
      ;
    if (j - i < 2)
      continue;
    if (j - i <= sizeof small / sizeof small[0]) {
      memcpy(small, keys + i, (j - i) * sizeof *keys);
      duplicates_in_group(e, small, j - i);
    } else {
      uint64_t *g = cpd__malloc((j - i) * sizeof *g);
      if (!g) {
        e->oom = 1;
        return;
      }
      memcpy(g, keys + i, (j - i) * sizeof *keys);
      duplicates_in_big_group(e, g, j - i);
      cpd__free(g);
    }
  }
}

/* ------------------------------------------------------- evidence (R12) */

/* R12 and R16 competencies. */
static void check_evidence_and_competencies(ev *e, uint32_t i) {
  const cpd__pact *a = &e->app->acts[i];
  const act_state *st = &e->acts[i];
  uint32_t j;
  if (!st->rejected && e->p->sections[st->cat].evidence_required &&
      !a->has_evidence)
    diag_s(e, CPD__M_EVIDENCE_MISSING, CPD_FIELD_ID_ACT_EVIDENCE, i,
           e->r->activities[i].section);
  for (j = 0; j < a->ncomp; j++)
    if (a->comp[j].t != CPD__T_TEXT ||
        !cpd__policy_has_competency(e->p, a->comp_key[j], a->comp[j].s,
                                    a->comp[j].n)) {
      cpd__diag *d =
          diag(e, CPD__M_UNKNOWN_COMPETENCY, CPD_FIELD_ID_ACT_COMPETENCIES, i);
      if (d && !a->comp_single)
        d->sub = j;
    }
}

/* ---------------------------------------------------------- caps (R6) */

/* Each section counts in date order up to its cap (keys: the placed
 * activities in counting order, so a section's are together and sections
 * come in order). */
static void apply_caps(ev *e, const uint64_t *keys, size_t m) {
  size_t i;
  int last = -1;
  for (i = 0; i < m; i++) {
    uint32_t k = key_index(keys[i]);
    const act_state *st = &e->acts[k];
    cpd_section_total *sec;
    cpd_activity_result *out = &e->r->activities[k];
    cpd_points worth = st->worth, room, take;
    if (st->rejected) /* a duplicate */
      continue;
    sec = &e->r->sections[st->section];
    room = sec->cap == CPD_NO_CAP ? worth : sec->cap - sec->counted;
    take = worth < room ? worth : room;
    sec->claimed += worth;
    sec->counted += take;
    sec->entries++;
    out->counted = take;
    out->status = take == worth ? CPD_ACTIVITY_COUNTED
                  : take > 0    ? CPD_ACTIVITY_PARTIALLY_COUNTED
                                : CPD_ACTIVITY_CAPPED;
  }
  /* one section.capped per section over its cap, at the first activity
   * that did not fully count */
  for (i = 0; i < m && !e->oom; i++) {
    uint32_t k = key_index(keys[i]);
    const act_state *st = &e->acts[k];
    const cpd_section_total *sec;
    cpd__diag *d;
    if (st->rejected || e->r->activities[k].status == CPD_ACTIVITY_COUNTED ||
        st->section == last)
      continue;
    last = st->section;
    sec = &e->r->sections[st->section];
    d = diag(e, CPD__M_SECTION_CAPPED, CPD_FIELD_ID_ACTIVITY, k);
    if (d) {
      d->s = sec->section;
      d->a[0] = sec->cap;
      d->a[1] = sec->claimed - sec->counted;
    }
  }
}

static void check_form_rows(ev *e) {
  size_t i, k = 0;
  const cpd_policy *p = e->p;
  for (i = 0; i < p->section_count; i++) {
    int years = p->sections[i].per_year ? p->period_years : 1, y;
    for (y = 0; y < years; y++, k++) {
      const cpd_section_total *sec = &e->r->sections[k];
      if (sec->entries > (size_t)p->sections[i].form_rows) {
        cpd__diag *d = diag(e, CPD__M_CONTINUATION_SHEET,
                            CPD_FIELD_ID_ACTIVITIES, CPD__NONE);
        if (d) {
          d->s = sec->section;
          d->a[0] = (int64_t)sec->entries;
          d->a[1] = p->sections[i].form_rows;
        }
      }
    }
  }
}

/* ------------------------------------------------------------ the total */

static void totals_and_decision(ev *e) {
  cpd_summary *sm = &e->r->summary;
  size_t i;
  int y, mo, d;
  size_t n = strlen(e->p->email_subject_prefix);
  char *subject;

  sm->required = e->p->required;
  sm->counted = 0;
  for (i = 0; i < e->r->section_count; i++)
    sm->counted += e->r->sections[i].counted;
  sm->shortfall = sm->required > sm->counted ? sm->required - sm->counted : 0;
  if (sm->shortfall > 0)
    diag3(e, CPD__M_SHORTFALL, CPD_FIELD_ID_ACTIVITIES, CPD__NONE, sm->counted,
          sm->required, sm->shortfall);
  sm->decision = e->r->worst == CPD_SEVERITY_FATAL   ? CPD_INELIGIBLE
                 : e->r->worst == CPD_SEVERITY_ERROR ? CPD_INCOMPLETE
                                                     : CPD_ELIGIBLE;
  if (sm->decision != CPD_ELIGIBLE)
    sm->renewal_starts_on = sm->renewal_expires_on = CPD_DAY_NONE;
  /* the e-mail subject: prefix + yymmdd of applied_on (R16) */
  cpd_day_to_ymd(sm->applied_on, &y, &mo, &d);
  subject = cpd__arena_alloc(&e->r->arena, n + 7);
  if (!subject) {
    e->oom = 1;
    return;
  }
  memcpy(subject, e->p->email_subject_prefix, n);
  subject[n] = (char)('0' + y % 100 / 10);
  subject[n + 1] = (char)('0' + y % 10);
  subject[n + 2] = (char)('0' + mo / 10);
  subject[n + 3] = (char)('0' + mo % 10);
  subject[n + 4] = (char)('0' + d / 10);
  subject[n + 5] = (char)('0' + d % 10);
  subject[n + 6] = '\0';
  sm->email_subject = subject;
}

/* --------------------------------------------------------- period, window */

static void window_and_period(ev *e, cpd_day expires) {
  const cpd_policy *p = e->p;
  cpd_summary *sm = &e->r->summary;
  int fy_e = cpd_policy_fiscal_year(p, expires), y;
  cpd_day renewal = expires + 1;

  sm->period_years = p->period_years;
  sm->period_expires_on = expires;
  sm->period_starts_on = cpd__fiscal_year_start(p, fy_e - p->period_years + 1);
  for (y = 0; y < p->period_years; y++) {
    int fy = fy_e - p->period_years + 1 + y;
    e->r->year_starts[y] = cpd__fiscal_year_start(p, fy);
    e->r->year_ends[y] = cpd__fiscal_year_start(p, fy + 1) - 1;
  }
  if (expires != cpd__fiscal_year_start(p, fy_e + 1) - 1)
    diag1(e, CPD__M_EXPIRY_NOT_FY_END, CPD_FIELD_ID_EXPIRES_ON, CPD__NONE,
          p->period_years);

  cpd__window(p, expires, &sm->window_opens_on, &sm->window_closes_on);
  sm->renewal_starts_on = renewal;
  sm->renewal_expires_on =
      cpd__fiscal_year_start(p, cpd_policy_fiscal_year(p, renewal) +
                                    p->period_years) -
      1;
  if (sm->applied_on < sm->window_opens_on) {
    sm->window_status = CPD_WINDOW_NOT_YET_OPEN;
    diag3(e, CPD__M_WINDOW_NOT_YET_OPEN, CPD_FIELD_ID_APPLIED_ON, CPD__NONE,
          sm->window_opens_on, sm->window_closes_on, 0);
  } else if (sm->applied_on > sm->window_closes_on) {
    sm->window_status = CPD_WINDOW_CLOSED;
    diag1(e, CPD__M_WINDOW_CLOSED, CPD_FIELD_ID_APPLIED_ON, CPD__NONE,
          sm->window_closes_on);
  } else {
    sm->window_status = CPD_WINDOW_OPEN;
  }
}

/* ------------------------------------------------------------ entry */

/* The note of a key close to field f (or to its object, when that is
 * missing too) that the document has instead, or NULL. */
static const cpd__pnote *misspelt(const cpd__papp *app, cpd_field_id f) {
  size_t i;
  for (i = 0; i < app->nnotes; i++)
    if (app->notes[i].key &&
        (app->notes[i].suggest == (int)f ||
         (f == CPD_FIELD_ID_EXPIRES_ON &&
          app->notes[i].suggest == CPD_FIELD_ID_CERTIFICATION &&
          !app->notes[i].present)))
      return &app->notes[i];
  return NULL;
}

/* The messages of a required date: missing, missing with a misspelt key
 * in its place, a wrong weekday, not a date. */
typedef struct date_messages {
  cpd__msg_id missing, misspelt, weekday, invalid;
} date_messages;

static cpd_status required_date(const cpd__papp *app, const cpd__pdate *d,
                                cpd_field_id f, const date_messages *m,
                                cpd_error *err) {
  const char *path = cpd__field(f)->pointer;
  const cpd__pnote *typo;
  if (d->t == CPD__D_DATE)
    return CPD_OK;
  if (d->t == CPD__D_NONE && (typo = misspelt(app, f)) != NULL) {
    /* "applied_at": name both, the typo first */
    char key[48];
    cpd__copy_utf8(key, sizeof key, typo->key);
    return cpd__fail_args(err, m->misspelt, path, -1, key, typo->suggest, 0);
  }
  return cpd__fail(err,
                   d->t == CPD__D_NONE      ? m->missing
                   : d->t == CPD__D_WEEKDAY ? m->weekday
                                            : m->invalid,
                   path, -1);
}

/* The period before expires and the renewal after it stay within years
 * 1..9999, where day numbers format as ISO dates. */
static int dates_in_range(const cpd_policy *p, cpd_day expires) {
  cpd_day first = 0, last = 0;
  int fy_e = cpd_policy_fiscal_year(p, expires);
  int fy_n = cpd_policy_fiscal_year(p, expires + 1);
  cpd_day_from_ymd(&first, 1, 1, 1);
  cpd_day_from_ymd(&last, 9999, 12, 31);
  return cpd__fiscal_year_start(p, fy_e - p->period_years + 1) >= first &&
         cpd__fiscal_year_start(p, fy_n + p->period_years) - 1 <= last &&
         expires + 1 <= last;
}

/* The mapping's notes (unknown fields) come first; a key close to a known
 * one says which, and that the known one is missing when it is required. */
static void add_notes(ev *e) {
  size_t i;
  for (i = 0; i < e->app->nnotes && !e->oom; i++) {
    const cpd__pnote *n = &e->app->notes[i];
    cpd__msg_id msg = (cpd__msg_id)n->msg;
    cpd__diag *d;
    if (n->suggest >= 0 && n->key)
      msg = !n->present && cpd__field((cpd_field_id)n->suggest)->required &&
                    strchr(cpd__field((cpd_field_id)n->suggest)->pointer + 1,
                           '/') == NULL
                ? CPD__M_MISSPELT_REQUIRED
                : CPD__M_UNKNOWN_SUGGEST;
    d = diag(e, msg, CPD_FIELD_ID_ACTIVITIES, CPD__NONE);
    if (!d)
      return;
    d->activity = cpd__path_activity(n->path);
    d->a[0] = n->suggest;
    /* the path and key live in the document: the result keeps copies */
    d->path = cpd__arena_strndup(&e->r->arena, n->path, strlen(n->path));
    if (msg != (cpd__msg_id)n->msg) {
      char key[48];
      cpd__copy_utf8(key, sizeof key, n->key);
      d->s = cpd__arena_strndup(&e->r->arena, key, strlen(key));
      if (!d->s)
        e->oom = 1;
    }
    if (!d->path)
      e->oom = 1;
  }
}

static int activities_and_scratch(ev *e) {
  size_t n = e->app->nacts;
  cpd_result *r = e->r;
  size_t i, id_bytes = 0;
  if (!n)
    return 1;
  if (n > (SIZE_MAX / 2) / (sizeof(act_state) + sizeof(uint64_t)))
    return 0;
  for (i = 0; i < n; i++)
    if (e->app->acts[i].id)
      id_bytes += e->app->acts[i].id_len + 1u;
  if (!(e->ids = cpd__arena_alloc(&r->arena, id_bytes ? id_bytes : 1)))
    return 0;
  r->activities = cpd__arena_alloc(&r->arena, n * sizeof(cpd_activity_result));
  r->rows = cpd__arena_alloc(&r->arena, n * sizeof *r->rows);
  e->acts = cpd__result_scratch(r, n * (sizeof(act_state) + sizeof(uint64_t)));
  if (!r->activities || !r->rows || !e->acts)
    return 0;
  e->keys = (uint64_t *)(void *)(e->acts + n);
  r->activity_count = n;
  return 1;
}

static const date_messages applied_on_messages = {
    CPD__M_IN_APPLIED_ON_MISSING, CPD__M_IN_APPLIED_ON_MISSPELT,
    CPD__M_IN_APPLIED_ON_WEEKDAY, CPD__M_IN_APPLIED_ON_INVALID};
static const date_messages expires_on_messages = {
    CPD__M_IN_EXPIRES_ON_MISSING, CPD__M_IN_EXPIRES_ON_MISSPELT,
    CPD__M_IN_EXPIRES_ON_WEEKDAY, CPD__M_IN_EXPIRES_ON_INVALID};

cpd_status cpd__evaluate(cpd_result *r, const cpd_policy *policy,
                         const cpd__papp *app, cpd_error *err) {
  ev e;
  cpd_status st;
  size_t m;
  uint32_t i;

  memset(&e, 0, sizeof e);
  e.p = policy ? policy : cpd__policy_builtin();
  e.app = app;
  e.r = r;
  if ((st = required_date(app, &app->applied_on, CPD_FIELD_ID_APPLIED_ON,
                          &applied_on_messages, err)) != CPD_OK ||
      (st = required_date(app, &app->expires_on, CPD_FIELD_ID_EXPIRES_ON,
                          &expires_on_messages, err)) != CPD_OK)
    return st;
  r->summary.applied_on = app->applied_on.day;
  e.p = cpd__policy_in_force(e.p, app->applied_on.day);
  if (!dates_in_range(e.p, app->expires_on.day))
    return cpd__fail(err, CPD__M_IN_EXPIRES_ON_RANGE,
                     cpd__field(CPD_FIELD_ID_EXPIRES_ON)->pointer, -1);
  if (!cpd__arena_reserve(
          &r->arena, 1024 + app->nacts * (sizeof(cpd_activity_result) + 20)))
    return cpd__out_of_memory(err);
  r->summary.policy_name =
      e.p->name ? cpd__arena_strndup(&r->arena, e.p->name, strlen(e.p->name))
                : NULL;
  r->summary.policy_effective_from = e.p->effective_from;
  if ((e.p->name && !r->summary.policy_name) || !build_sections(&e) ||
      !activities_and_scratch(&e))
    return cpd__out_of_memory(err);

  add_notes(&e);
  window_and_period(&e, app->expires_on.day);
  check_qualification(&e);
  check_applicant(&e);
  check_fee(&e);
  if (!app->oath)
    diag(&e, CPD__M_OATH, CPD_FIELD_ID_OATH, CPD__NONE);
  for (i = 0; i < app->nacts && !e.oom; i++)
    place_activity(&e, i);
  m = e.oom ? 0 : placed_in_order(&e, e.keys);
  find_duplicates(&e, e.keys, m);
  for (i = 0; i < app->nacts && !e.oom; i++)
    check_evidence_and_competencies(&e, i);
  if (!e.oom)
    apply_caps(&e, e.keys, m);
  if (!e.oom)
    check_form_rows(&e);
  if (!e.oom)
    totals_and_decision(&e);
  if (e.oom)
    return cpd__out_of_memory(err);
  return CPD_OK;
}
