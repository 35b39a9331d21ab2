/* rules.c - the rules engine of RULES.md R1-R16: period and window, placing
 * activities, points, duplicates, sections and caps, fee, oath, applicant,
 * evidence and the decision.  Pure: no JSON, no I/O, no globals, no clock;
 * every number comes from the policy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MSG_MAX 512

struct cpd_result {
  cpd__arena arena;
  cpd_summary summary;
  cpd_day year_starts[CPD__MAX_PERIOD_YEARS], year_ends[CPD__MAX_PERIOD_YEARS];
  cpd_section_total *sections;
  size_t section_count;
  cpd_activity_result *activities;
  size_t activity_count;
  cpd_diagnostic *diags;
  size_t diag_count, diag_cap;
};

/* What the engine learns of one activity on the way. */
typedef struct act_state {
  cpd_day date;   /* CPD_DAY_NONE when invalid */
  int cat;        /* index into policy sections, -1 when invalid */
  int section;    /* index into result sections, -1 when not placed */
  int year;       /* 1..period_years, 0 when not placed */
  int numbers_ok; /* hours (and points) valid */
  cpd_points worth;
  int rejected;
  const char *title; /* normalised, in the scratch arena */
  size_t title_len;
} act_state;

typedef struct ev {
  const cpd_policy *p;
  const cpd_application *app;
  cpd_result *r;
  act_state *acts;
  cpd__arena scratch;
  cpd__buf norm;
  const char *cur; /* the text text_of last returned, and its length */
  size_t cur_len;
  int section_base[CPD__MAX_CATEGORIES];
  int oom;
} ev;

/* ---------------------------------------------------------- diagnostics */

static void add_diag(ev *e, const char *code, const char *path,
                     const char *en, const char *ja) {
  cpd_result *r = e->r;
  cpd_diagnostic *d;
  if (e->oom)
    return;
  if (r->diag_count == r->diag_cap) {
    size_t cap = r->diag_cap ? r->diag_cap * 2 : 16;
    cpd_diagnostic *nd = cpd__reallocarray(r->diags, cap, sizeof *nd);
    if (!nd) {
      e->oom = 1;
      return;
    }
    r->diags = nd;
    r->diag_cap = cap;
  }
  d = &r->diags[r->diag_count];
  d->code = code; /* static strings */
  d->severity = cpd__code_severity(code);
  d->rule = cpd__code_rule(code);
  d->activity = CPD_NO_ACTIVITY;
  if (strncmp(path, "/activities/", 12) == 0 && path[12] >= '0' &&
      path[12] <= '9') {
    size_t k = 0;
    const char *q = path + 12;
    while (*q >= '0' && *q <= '9')
      k = k * 10 + (size_t)(*q++ - '0');
    d->activity = k;
  }
  d->path = cpd__arena_strndup(&r->arena, path, strlen(path));
  d->message = cpd__arena_strndup(&r->arena, en, strlen(en));
  d->message_ja = cpd__arena_strndup(&r->arena, ja, strlen(ja));
  if (!d->path || !d->message || !d->message_ja) {
    e->oom = 1;
    return;
  }
  r->diag_count++;
}

/* The English and Japanese formats take the same arguments in the same
 * order. */
static void diagf(ev *e, const char *code, const char *path,
                  const char *en_fmt, const char *ja_fmt, ...) {
  char en[MSG_MAX], ja[MSG_MAX];
  va_list ap, aq;
  va_start(ap, ja_fmt);
  va_copy(aq, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
  vsnprintf(en, sizeof en, en_fmt, ap);
  vsnprintf(ja, sizeof ja, ja_fmt, aq);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  va_end(aq);
  va_end(ap);
  add_diag(e, code, path, en, ja);
}

/* A message whose only argument is a field label, different in each
 * language (so diagf's shared argument list does not fit). */
static void diag_label(ev *e, const char *code, const char *path,
                       const char *en_fmt, const char *ja_fmt,
                       const char *en_label, const char *ja_label) {
  char en[MSG_MAX], ja[MSG_MAX];
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
  snprintf(en, sizeof en, en_fmt, en_label);
  snprintf(ja, sizeof ja, ja_fmt, ja_label);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  add_diag(e, code, path, en, ja);
}

/* "/activities/I" or "/activities/I/FIELD" (by hand: this runs for every
 * field of every activity). */
static void path_act(char *buf, size_t cap, size_t i, const char *field) {
  static const char pre[] = "/activities/";
  char num[24];
  size_t n = sizeof pre - 1, d = cpd__utoa(num, i), f = field ? strlen(field) : 0;
  if (n + d + 1 + f + 1 > cap) {
    buf[0] = '\0';
    return;
  }
  memcpy(buf, pre, n);
  memcpy(buf + n, num, d);
  n += d;
  if (field) {
    buf[n++] = '/';
    memcpy(buf + n, field, f);
    n += f;
  }
  buf[n] = '\0';
}

/* --------------------------------------------------------------- values */

/* Normalised text of a value: the value's own text when it is already
 * normal, else a copy in e->norm; also left in e->cur / e->cur_len.
 * Returns 1 for non-empty text, 0 when absent, null or empty, -1 for
 * another type. */
static int text_of(ev *e, const cpd_value *v, const char **s, size_t *n) {
  cpd_status st;
  *s = e->cur = "";
  *n = e->cur_len = 0;
  if (v->kind == CPD_VALUE_ABSENT || v->kind == CPD_VALUE_NULL)
    return 0;
  if (v->kind != CPD_VALUE_TEXT || !v->text)
    return -1;
  st = cpd__text_view(&e->norm, v->text, strlen(v->text), s, n);
  if (st == CPD_ENOMEM) {
    e->oom = 1;
    *s = "";
    *n = 0;
    return 0;
  }
  if (st != CPD_OK)
    return -1;
  e->cur = *s;
  e->cur_len = *n;
  return *n > 0;
}

/* A number (JSON number or numeric text; with is_hours, text may carry an
 * hours unit, R5).  0 ok, 1 absent, -1 not a number, -2 more than 2
 * decimals, -3 too large. */
static int amount_of(ev *e, const cpd_value *v, int is_hours,
                     cpd_points *out) {
  const char *s;
  size_t n;
  int t;
  if (v->kind == CPD_VALUE_ABSENT || v->kind == CPD_VALUE_NULL)
    return 1;
  if (v->kind == CPD_VALUE_NUMBER)
    return cpd__double_to_points(v->number, out);
  t = text_of(e, v, &s, &n);
  if (t == 0)
    return e->oom ? -1 : 1;
  if (t < 0)
    return -1;
  return is_hours ? cpd__hours_parse(s, n, out) : cpd__decimal_parse(s, n, out);
}

/* A date value.  1 ok, 0 absent, -1 invalid, -2 a date whose written
 * weekday is not its own (R13). */
static int date_of(ev *e, const cpd_value *v, cpd_day *out) {
  const char *s;
  size_t n;
  int t = text_of(e, v, &s, &n), why;
  if (t <= 0)
    return t;
  if (cpd__day_parse_detail(out, s, n, &why))
    return 1;
  return why == CPD__DATE_WEEKDAY_MISMATCH ? -2 : -1;
}

static void fmt_day(char buf[11], cpd_day d) { cpd_day_format(buf, d); }

static void fmt_pts(char *buf, cpd_points p) { cpd__points_format(buf, 32, p); }

/* ---------------------------------------------------------- input check */

static int value_utf8_ok(const cpd_value *v) {
  return v->kind != CPD_VALUE_TEXT || !v->text ||
         cpd__utf8_valid(v->text, strlen(v->text));
}

/* A C caller may hand in any bytes; the JSON layer has checked already. */
static int check_utf8(const cpd_application *a, char *path, size_t cap) {
  static const char *const top[] = {"/applied_on", "/qualification",
                                    "/certification/number",
                                    "/certification/expires_on"};
  static const char *const appl[] = {"name",    "name_kana",   "company",
                                     "company_kana", "postal_code", "address",
                                     "phone",   "mobile",      "email"};
  const cpd_value *tv[4];
  const cpd_value *av[9];
  size_t i, j;
  tv[0] = &a->applied_on;
  tv[1] = &a->qualification;
  tv[2] = &a->certification_number;
  tv[3] = &a->expires_on;
  av[0] = &a->applicant.name;
  av[1] = &a->applicant.name_kana;
  av[2] = &a->applicant.company;
  av[3] = &a->applicant.company_kana;
  av[4] = &a->applicant.postal_code;
  av[5] = &a->applicant.address;
  av[6] = &a->applicant.phone;
  av[7] = &a->applicant.mobile;
  av[8] = &a->applicant.email;
  for (i = 0; i < 4; i++)
    if (!value_utf8_ok(tv[i])) {
      snprintf(path, cap, "%s", top[i]);
      return 0;
    }
  for (i = 0; i < 9; i++)
    if (!value_utf8_ok(av[i])) {
      snprintf(path, cap, "/applicant/%s", appl[i]);
      return 0;
    }
  if (!value_utf8_ok(&a->fee_paid_on)) {
    snprintf(path, cap, "/fee/paid_on");
    return 0;
  }
  if (!value_utf8_ok(&a->fee_payer_name)) {
    snprintf(path, cap, "/fee/payer_name");
    return 0;
  }
  for (i = 0; i < a->activity_count; i++) {
    const cpd_activity *x = &a->activities[i];
    const cpd_value *fv[7];
    static const char *const fn[] = {"id",    "category", "title", "completed_on",
                                     "hours", "points",   "year"};
    fv[0] = &x->id;
    fv[1] = &x->category;
    fv[2] = &x->title;
    fv[3] = &x->completed_on;
    fv[4] = &x->hours;
    fv[5] = &x->points;
    fv[6] = &x->year;
    for (j = 0; j < 7; j++)
      if (!value_utf8_ok(fv[j])) {
        snprintf(path, cap, "/activities/%zu/%s", i, fn[j]);
        return 0;
      }
    for (j = 0; j < x->evidence_count; j++)
      if (!value_utf8_ok(&x->evidence[j])) {
        snprintf(path, cap, "/activities/%zu/evidence/%zu", i, j);
        return 0;
      }
    for (j = 0; j < x->competency_count; j++)
      if (!value_utf8_ok(&x->competencies[j])) {
        snprintf(path, cap, "/activities/%zu/competencies/%zu", i, j);
        return 0;
      }
  }
  return 1;
}

/* --------------------------------------------------------------- helpers */

static int cmp_int(long long a, long long b) { return (a > b) - (a < b); }

typedef struct dup_key {
  int cat;
  cpd_day date;
  const char *title;
  size_t title_len;
  size_t index;
} dup_key;

static int cmp_dup(const void *pa, const void *pb) {
  const dup_key *a = pa, *b = pb;
  int c = cmp_int(a->cat, b->cat);
  size_t n;
  if (c)
    return c;
  if ((c = cmp_int(a->date, b->date)) != 0)
    return c;
  n = a->title_len < b->title_len ? a->title_len : b->title_len;
  if ((c = memcmp(a->title, b->title, n)) != 0)
    return c;
  if ((c = cmp_int((long long)a->title_len, (long long)b->title_len)) != 0)
    return c;
  return cmp_int((long long)a->index, (long long)b->index);
}

static int same_dup(const dup_key *a, const dup_key *b) {
  return a->cat == b->cat && a->date == b->date &&
         a->title_len == b->title_len &&
         memcmp(a->title, b->title, a->title_len) == 0;
}

typedef struct cap_key {
  int section;
  cpd_day date;
  size_t index;
} cap_key;

static int cmp_cap(const void *pa, const void *pb) {
  const cap_key *a = pa, *b = pb;
  int c = cmp_int(a->section, b->section);
  if (c)
    return c;
  if ((c = cmp_int(a->date, b->date)) != 0)
    return c;
  return cmp_int((long long)a->index, (long long)b->index);
}

/* ------------------------------------------------------------ the rules */

static const char *section_name(ev *e, int cat, int year) {
  char buf[16];
  const cpd__section_policy *sp = &e->p->sections[cat];
  if (sp->per_year)
    snprintf(buf, sizeof buf, "%c-%d", sp->category, year);
  else
    snprintf(buf, sizeof buf, "%c", sp->category);
  return cpd__arena_strndup(&e->r->arena, buf, strlen(buf));
}

static int build_sections(ev *e) {
  const cpd_policy *p = e->p;
  size_t n = 0, i;
  int y, k = 0;
  for (i = 0; i < p->section_count; i++)
    n += p->sections[i].per_year ? (size_t)p->period_years : 1;
  e->r->sections = cpd__arena_alloc(&e->r->arena, n * sizeof(cpd_section_total));
  if (!e->r->sections)
    return 0;
  e->r->section_count = n;
  for (i = 0; i < p->section_count; i++) {
    int years = p->sections[i].per_year ? p->period_years : 1;
    e->section_base[i] = k;
    for (y = 1; y <= years; y++, k++) {
      cpd_section_total *s = &e->r->sections[k];
      s->section = section_name(e, (int)i, y);
      if (!s->section)
        return 0;
      s->claimed = s->counted = 0;
      s->cap = p->sections[i].cap;
      s->entries = 0;
      s->year = p->sections[i].per_year ? y : 0;
    }
  }
  return 1;
}

static void check_qualification(ev *e) {
  const char *s;
  size_t n, i;
  int t = text_of(e, &e->app->qualification, &s, &n);
  char list[128] = "";
  for (i = 0; i < e->p->qualification_count; i++) {
    const char *q = e->p->qualifications[i];
    if (t > 0 && strlen(q) == n && strncmp(q, s, n) == 0) {
      e->r->summary.qualification = q;
      return;
    }
    if (strlen(list) + strlen(q) + 3 < sizeof list) {
      if (i)
        strcat(list, ", ");
      strcat(list, q);
    }
  }
  e->r->summary.qualification = NULL;
  if (t == 0)
    diagf(e, "qualification.invalid", "/qualification",
          "The qualification to renew is missing; give one of %s.",
          "更新対象資格が未記入です（%s のいずれか）。", list);
  else
    diagf(e, "qualification.invalid", "/qualification",
          "The qualification to renew is not known; give one of %s.",
          "更新対象資格が不明です（%s のいずれか）。", list);
}

typedef struct field_label {
  const char *en, *ja;
} field_label;

static const field_label L_CERT_NO = {"The certification number", "認定番号"};
static const field_label L_NAME = {"The name", "氏名"};
static const field_label L_NAME_KANA = {"The name in kana", "氏名（かな）"};
static const field_label L_COMPANY_KANA = {"The company name in kana",
                                           "所属先会社名（かな）"};
static const field_label L_POSTAL = {"The postal code", "郵便番号"};
static const field_label L_ADDRESS = {"The home address", "ご自宅住所"};
static const field_label L_PHONE = {"The phone number", "電話番号"};
static const field_label L_MOBILE = {"The mobile number", "携帯電話番号"};
static const field_label L_EMAIL = {"The e-mail address", "Eメールアドレス"};

/* Required text: reports applicant.missing_field and returns 0 when absent
 * or not text; returns 1 with the normalised text in e->cur. */
static int required_text(ev *e, const cpd_value *v, const char *path,
                         const field_label *l) {
  const char *s;
  size_t n;
  int t = text_of(e, v, &s, &n);
  if (t > 0)
    return 1;
  if (t < 0)
    diag_label(e, "applicant.missing_field", path, "%s must be given as text.",
               "%sは文字列で記入してください。", l->en, l->ja);
  else
    diag_label(e, "applicant.missing_field", path, "%s is missing.",
               "%sが未記入です。", l->en, l->ja);
  return 0;
}

static void check_kana(ev *e, const char *path, const field_label *l) {
  if (!cpd__text_is_kana(e->cur, e->cur_len))
    diag_label(e, "applicant.kana_invalid", path,
               "%s may hold only hiragana, katakana, ー, ・ and spaces.",
               "%sはひらがな・カタカナ（ー・を含む）で記入してください。",
               l->en, l->ja);
}

static void check_phone(ev *e, const char *path, const field_label *l) {
  if (!cpd__text_phone(e->cur, e->cur_len))
    diag_label(e, "applicant.phone_invalid", path,
               "%s must have 10 or 11 digits starting with 0.",
               "%sは 0 から始まる 10 桁または 11 桁の番号で記入してください。",
               l->en, l->ja);
}

static void check_applicant(ev *e) {
  const cpd_application *a = e->app;
  const cpd_applicant *ap = &a->applicant;
  const char *s;
  size_t n;
  int tp, tm, tc;

  required_text(e, &a->certification_number, "/certification/number",
                &L_CERT_NO);
  required_text(e, &ap->name, "/applicant/name", &L_NAME);
  if (required_text(e, &ap->name_kana, "/applicant/name_kana", &L_NAME_KANA))
    check_kana(e, "/applicant/name_kana", &L_NAME_KANA);
  tc = text_of(e, &ap->company, &s, &n);
  if (tc != 0 && required_text(e, &ap->company_kana, "/applicant/company_kana",
                               &L_COMPANY_KANA))
    check_kana(e, "/applicant/company_kana", &L_COMPANY_KANA);
  else if (tc == 0 && text_of(e, &ap->company_kana, &s, &n) > 0)
    check_kana(e, "/applicant/company_kana", &L_COMPANY_KANA);
  if (required_text(e, &ap->postal_code, "/applicant/postal_code", &L_POSTAL) &&
      !cpd__text_postal_code(e->cur, e->cur_len, NULL))
    diag_label(e, "applicant.postal_code_invalid", "/applicant/postal_code",
               "%s must have 7 digits, written NNNNNNN or NNN-NNNN.",
               "%sは 7 桁（NNN-NNNN）で記入してください。", L_POSTAL.en,
               L_POSTAL.ja);
  required_text(e, &ap->address, "/applicant/address", &L_ADDRESS);
  if (required_text(e, &ap->email, "/applicant/email", &L_EMAIL) &&
      !cpd__text_email(e->cur, e->cur_len))
    diag_label(e, "applicant.email_invalid", "/applicant/email",
               "%s is not a valid address (one @, a domain with a dot, no "
               "spaces).",
               "%sの形式が正しくありません（@ がひとつ、ドメインにドットを含み、"
               "空白なし）。",
               L_EMAIL.en, L_EMAIL.ja);

  tp = text_of(e, &ap->phone, &s, &n);
  if (tp > 0)
    check_phone(e, "/applicant/phone", &L_PHONE);
  else if (tp < 0) /* a number loses its leading 0: it must be text */
    diag_label(e, "applicant.phone_invalid", "/applicant/phone",
               "%s must be given as text (a JSON number loses its leading 0).",
               "%sは文字列で記入してください。", L_PHONE.en, L_PHONE.ja);
  tm = text_of(e, &ap->mobile, &s, &n);
  if (tm > 0)
    check_phone(e, "/applicant/mobile", &L_MOBILE);
  else if (tm < 0)
    diag_label(e, "applicant.phone_invalid", "/applicant/mobile",
               "%s must be given as text (a JSON number loses its leading 0).",
               "%sは文字列で記入してください。", L_MOBILE.en, L_MOBILE.ja);
  if (tp <= 0 && tm <= 0)
    diagf(e, "applicant.missing_field", "/applicant/phone",
          "A phone or mobile number is required.",
          "電話番号または携帯電話番号のいずれかを記入してください。");
}

static void check_fee(ev *e) {
  const cpd_application *a = e->app;
  const cpd_summary *sm = &e->r->summary;
  cpd_day paid;
  const char *s;
  size_t n;
  char d1[11], d2[11];
  int t = date_of(e, &a->fee_paid_on, &paid);
  if (t == 0)
    diagf(e, "fee.missing", "/fee/paid_on",
          "The fee payment date (振込日) is missing.",
          "認定審査手数料振込日が未記入です。");
  else if (t == -2)
    diagf(e, "fee.invalid_date", "/fee/paid_on",
          "The fee payment date is not a valid date: the weekday does not "
          "match the date.",
          "認定審査手数料振込日が正しい日付ではありません（曜日が日付と一致"
          "しません）。");
  else if (t < 0)
    diagf(e, "fee.invalid_date", "/fee/paid_on",
          "The fee payment date is not a valid date.",
          "認定審査手数料振込日が正しい日付ではありません。");
  else if (paid > sm->window_closes_on) {
    fmt_day(d1, paid);
    fmt_day(d2, sm->window_closes_on);
    diagf(e, "fee.late", "/fee/paid_on",
          "The fee was paid on %s, after the application window closed on %s.",
          "認定審査手数料の振込日 %s が受付期間の終了日 %s より後です。", d1,
          d2);
  } else if (paid < sm->window_opens_on) {
    fmt_day(d1, paid);
    fmt_day(d2, sm->window_opens_on);
    diagf(e, "fee.paid_before_window", "/fee/paid_on",
          "The fee was paid on %s, before the application window opened on "
          "%s.",
          "認定審査手数料の振込日 %s が受付期間の開始日 %s より前です。", d1,
          d2);
  }
  t = text_of(e, &a->fee_payer_name, &s, &n);
  if (t < 0)
    diagf(e, "fee.missing", "/fee/payer_name",
          "The fee payer name (振込名義) must be given as text.",
          "認定審査手数料振込名義は文字列で記入してください。");
  else if (t == 0)
    diagf(e, "fee.missing", "/fee/payer_name",
          "The fee payer name (振込名義) is missing.",
          "認定審査手数料振込名義が未記入です。");
}

static void check_oath(ev *e) {
  const cpd_value *v = &e->app->oath_agreed;
  if (v->kind == CPD_VALUE_BOOL && v->boolean)
    return;
  diagf(e, "oath.not_agreed", "/oath_agreed",
        "The ethics oath and the CPD policy must be agreed to "
        "(oath_agreed: true); without it the renewal cannot proceed.",
        "倫理綱領・職業倫理規程および継続教育・学習方針の順守への宣誓に同意して"
        "ください。同意がない場合は更新できません。");
}

static void number_diag(ev *e, size_t i, const char *field, int rc,
                        int is_hours) {
  char path[64];
  path_act(path, sizeof path, i, field);
  if (rc == 1)
    diagf(e, "activity.invalid_number", path,
          is_hours ? "Activity [%zu]: the hours are missing."
                   : "Activity [%zu]: the points are missing.",
          is_hours ? "活動[%zu]の時間が未記入です。"
                   : "活動[%zu]のCPDポイントが未記入です。",
          i);
  else if (rc == -1)
    diagf(e, "activity.invalid_number", path,
          is_hours ? "Activity [%zu]: the hours must be a number, e.g. 2, "
                     "1.5, 2時間, 1時間30分, 90分 or 1.5h."
                   : "Activity [%zu]: the points must be a number.",
          is_hours ? "活動[%zu]の時間は数値で記入してください（例: 2、1.5、"
                     "2時間、1時間30分、90分、1.5h）。"
                   : "活動[%zu]のCPDポイントは数値で記入してください。",
          i);
  else if (rc == -2)
    diagf(e, "activity.invalid_number", path,
          is_hours ? "Activity [%zu]: the hours may have at most 2 decimals."
                   : "Activity [%zu]: the points may have at most 2 decimals.",
          is_hours ? "活動[%zu]の時間は小数第2位までで記入してください。"
                   : "活動[%zu]のCPDポイントは小数第2位までで記入してください。",
          i);
  else
    diagf(e, "activity.invalid_number", path,
          is_hours ? "Activity [%zu]: the hours must be more than 0 and at "
                     "most 9999.99."
                   : "Activity [%zu]: the points must be from 0 to 9999.99.",
          is_hours ? "活動[%zu]の時間は 0 より大きく 9999.99 以下で記入して"
                     "ください。"
                   : "活動[%zu]のCPDポイントは 0 以上 9999.99 以下で記入して"
                     "ください。",
          i);
}

#define MAX_AMOUNT 999999 /* 9999.99 in hundredths */

/* R4, R5, R13 and the category of one activity. */
static void place_activity(ev *e, size_t i) {
  const cpd_activity *a = &e->app->activities[i];
  act_state *st = &e->acts[i];
  cpd_activity_result *out = &e->r->activities[i];
  const cpd_summary *sm = &e->r->summary;
  const cpd_policy *p = e->p;
  const char *s;
  size_t n;
  char path[64], d1[11], d2[11], d3[11];
  int t, rc;
  cpd_points hours = 0, pts = 0, limit;

  st->date = CPD_DAY_NONE;
  st->cat = -1;
  st->section = -1;
  st->year = 0;
  st->worth = 0;
  st->rejected = 0;
  st->title = "";
  st->title_len = 0;
  out->index = i;
  out->id = NULL;
  out->section = NULL;
  out->year = 0;
  out->claimed = out->counted = 0;
  out->status = CPD_ACTIVITY_REJECTED;

  if (a->id.kind == CPD_VALUE_TEXT && a->id.text) {
    /* echoed normalised, as every text (RULES.md R11) */
    text_of(e, &a->id, &s, &n);
    out->id = cpd__arena_strndup(&e->r->arena, s, n);
  } else if (a->id.kind == CPD_VALUE_NUMBER) {
    char num[40];
    int prec = 15; /* the shortest form that reads back as the same value */
    do
      snprintf(num, sizeof num, "%.*g", prec, a->id.number);
    while (strtod(num, NULL) != a->id.number && ++prec <= 17);
    out->id = cpd__arena_strndup(&e->r->arena, num, strlen(num));
  }
  if (((a->id.kind == CPD_VALUE_TEXT && a->id.text) ||
       a->id.kind == CPD_VALUE_NUMBER) &&
      !out->id)
    e->oom = 1;

  /* category */
  path_act(path, sizeof path, i, "category");
  t = text_of(e, &a->category, &s, &n);
  if (t > 0 && n == 1 && cpd__policy_section(p, s[0]))
    st->cat = (int)(cpd__policy_section(p, s[0]) - p->sections);
  else if (t == 0)
    diagf(e, "activity.invalid_category", path,
          "Activity [%zu] has no category; give A, B, C or D.",
          "活動[%zu]のカテゴリが未記入です（A・B・C・D のいずれか）。", i);
  else
    diagf(e, "activity.invalid_category", path,
          "Activity [%zu] has an unknown category; give A, B, C or D.",
          "活動[%zu]のカテゴリが不明です（A・B・C・D のいずれか）。", i);

  /* date */
  path_act(path, sizeof path, i, "completed_on");
  t = date_of(e, &a->completed_on, &st->date);
  if (t == 0)
    diagf(e, "activity.invalid_date", path,
          "Activity [%zu] has no completion date.",
          "活動[%zu]の修了日が未記入です。", i);
  else if (t == -2)
    diagf(e, "activity.invalid_date", path,
          "Activity [%zu]: the completion date is not a valid date: the "
          "weekday does not match the date.",
          "活動[%zu]の修了日が正しい日付ではありません（曜日が日付と一致"
          "しません）。",
          i);
  else if (t < 0)
    diagf(e, "activity.invalid_date", path,
          "Activity [%zu]: the completion date is not a valid date.",
          "活動[%zu]の修了日が正しい日付ではありません。", i);
  if (t <= 0)
    st->date = CPD_DAY_NONE;

  /* numbers (R5) */
  st->numbers_ok = 1;
  rc = amount_of(e, &a->hours, 1, &hours);
  if (rc == 0 && (hours <= 0 || hours > MAX_AMOUNT))
    rc = -3;
  if (rc != 0) {
    number_diag(e, i, "hours", rc, 1);
    st->numbers_ok = 0;
  }
  limit = hours * p->points_per_hour / 100; /* truncated to hundredths */
  rc = amount_of(e, &a->points, 0, &pts);
  if (rc == 1)
    pts = limit;
  else if (rc == 0 && (pts < 0 || pts > MAX_AMOUNT))
    rc = -3;
  if (rc != 0 && rc != 1) {
    number_diag(e, i, "points", rc, 0);
    st->numbers_ok = 0;
  }
  if (st->numbers_ok) {
    st->worth = pts;
    if (pts > limit) {
      char c1[32], c2[32], c3[32];
      fmt_pts(c1, pts);
      fmt_pts(c2, hours);
      fmt_pts(c3, limit);
      path_act(path, sizeof path, i, "points");
      diagf(e, "activity.points_reduced", path,
            "Activity [%zu] claims %s points, but %s hours are worth at most "
            "%s points; that is what counts.",
            "活動[%zu]の CPD ポイント %s は時間 %s に対する上限を超えています。"
            "%s ポイントとして扱います。",
            i, c1, c2, c3);
      st->worth = limit;
    }
    out->claimed = st->worth;
  }

  /* placing (R4) */
  if (st->date != CPD_DAY_NONE) {
    path_act(path, sizeof path, i, "completed_on");
    fmt_day(d1, st->date);
    if (st->date > sm->applied_on) {
      diagf(e, "activity.date_after_application", path,
            "Activity [%zu] was completed on %s, after the application date.",
            "活動[%zu]の修了日 %s が申請年月日より後です。", i, d1);
      st->rejected = 1;
    } else if (st->date < sm->period_starts_on ||
               st->date > sm->period_expires_on) {
      fmt_day(d2, sm->period_starts_on);
      fmt_day(d3, sm->period_expires_on);
      diagf(e, "activity.outside_period", path,
            "Activity [%zu] was completed on %s, outside the period %s to %s; "
            "it does not count.",
            "活動[%zu]の修了日 %s は認定期間（%s〜%s）外のため算入されません。",
            i, d1, d2, d3);
      st->rejected = 1;
    } else {
      /* k = FY(d) - FY(E) + period_years: the year whose bounds hold d */
      int y = 0;
      while (y + 1 < p->period_years && st->date > e->r->year_ends[y])
        y++;
      st->year = y + 1;
    }
  }
  if (st->year && st->cat >= 0) {
    const cpd__section_policy *sp = &p->sections[st->cat];
    st->section = e->section_base[st->cat] + (sp->per_year ? st->year - 1 : 0);
    out->section = e->r->sections[st->section].section;
    out->year = st->year;
  }

  /* the year the applicant wrote (R4) */
  if (st->year && a->year.kind != CPD_VALUE_ABSENT &&
      a->year.kind != CPD_VALUE_NULL) {
    cpd_points y = 0;
    int yrc = amount_of(e, &a->year, 0, &y);
    path_act(path, sizeof path, i, "year");
    if (yrc != 0 || y % 100 != 0 || y / 100 < 1 || y / 100 > p->period_years)
      diagf(e, "activity.year_mismatch", path,
            "Activity [%zu]: the declared year is not a whole number from 1 "
            "to %d; year %d follows from its date.",
            "活動[%zu]の年目の記入が 1〜%d の整数ではありません。修了日から %d "
            "年目として扱います。",
            i, p->period_years, st->year);
    else if (y / 100 != st->year)
      diagf(e, "activity.year_mismatch", path,
            "Activity [%zu] is declared for year %d, but its date falls in "
            "year %d; year %d is used.",
            "活動[%zu]は %d 年目と記入されていますが、修了日は %d 年目です。%d "
            "年目として扱います。",
            i, (int)(y / 100), st->year, st->year);
  }

  if (st->cat < 0 || st->date == CPD_DAY_NONE || !st->numbers_ok)
    st->rejected = 1;

  /* the title, kept normalised for R7 */
  if (!st->rejected) {
    t = text_of(e, &a->title, &s, &n);
    if (t > 0) {
      char *copy = cpd__arena_strndup(&e->scratch, s, n);
      if (!copy)
        e->oom = 1;
      else {
        st->title = copy;
        st->title_len = n;
      }
    }
  }
}

/* R7: the later of two same activities is rejected. */
static void find_duplicates(ev *e) {
  size_t n = e->app->activity_count, m = 0, i, j;
  dup_key *keys;
  if (n < 2)
    return;
  keys = cpd__arena_alloc(&e->scratch, n * sizeof *keys);
  if (!keys) {
    e->oom = 1;
    return;
  }
  for (i = 0; i < n; i++) {
    const act_state *st = &e->acts[i];
    if (st->rejected)
      continue;
    keys[m].cat = st->cat;
    keys[m].date = st->date;
    keys[m].title = st->title;
    keys[m].title_len = st->title_len;
    keys[m].index = i;
    m++;
  }
  qsort(keys, m, sizeof *keys, cmp_dup);
  for (i = 0; i < m; i = j) {
    for (j = i + 1; j < m && same_dup(&keys[i], &keys[j]); j++) {
      char path[64];
      size_t k = keys[j].index;
      path_act(path, sizeof path, k, NULL);
      diagf(e, "activity.duplicate", path,
            "Activity [%zu] repeats activity [%zu] (same category, date and "
            "title); it does not count again.",
            "活動[%zu]は活動[%zu]と重複しています（カテゴリ・修了日・名称が同一）。"
            "重複分は算入されません。",
            k, keys[i].index);
      e->acts[k].rejected = 1;
    }
  }
}

/* R12 and R16 competencies. */
static void check_evidence_and_competencies(ev *e, size_t i) {
  const cpd_activity *a = &e->app->activities[i];
  const act_state *st = &e->acts[i];
  const char *s;
  size_t n, j;
  char path[80];
  if (!st->rejected && st->cat >= 0 &&
      e->p->sections[st->cat].evidence_required) {
    int any = 0;
    for (j = 0; j < a->evidence_count && !any; j++)
      any = text_of(e, &a->evidence[j], &s, &n) > 0;
    if (!any) {
      path_act(path, sizeof path, i, "evidence");
      diagf(e, "activity.evidence_missing", path,
            "Activity [%zu] in section %s needs a certificate or attendance "
            "record (受講証明書・研修参加票); name at least one evidence file.",
            "活動[%zu]（%s）には受講証明書・研修参加票などの証明書類を添付"
            "してください。",
            /* (an activity that is not rejected is placed: never "") */
            i, e->r->activities[i].section ? e->r->activities[i].section : ""); /* GCOVR_EXCL_BR_LINE */
    }
  }
  for (j = 0; j < a->competency_count; j++) {
    int t = text_of(e, &a->competencies[j], &s, &n);
    if (t > 0 && cpd__policy_has_competency(e->p, s))
      continue;
    snprintf(path, sizeof path, "/activities/%zu/competencies/%zu", i, j);
    diagf(e, "activity.unknown_competency", path,
          "Activity [%zu] lists a competency code that is not in the CMBOK "
          "catalogue (別紙２).",
          "活動[%zu]のコンピテンシーコードが CMBOK（別紙２）にありません。", i);
  }
}

/* R6: count each section in date order up to its cap. */
static void apply_caps(ev *e) {
  size_t n = e->app->activity_count, m = 0, i;
  cap_key *keys = NULL;
  if (n) {
    keys = cpd__arena_alloc(&e->scratch, n * sizeof *keys);
    if (!keys) {
      e->oom = 1;
      return;
    }
  }
  for (i = 0; i < n; i++) {
    const act_state *st = &e->acts[i];
    /* (an activity that is not rejected is placed: section >= 0) */
    if (st->rejected || st->section < 0) /* GCOVR_EXCL_BR_LINE */
      continue;
    keys[m].section = st->section;
    keys[m].date = st->date;
    keys[m].index = i;
    m++;
  }
  if (m)
    qsort(keys, m, sizeof *keys, cmp_cap);
  for (i = 0; i < m; i++) {
    size_t k = keys[i].index;
    cpd_section_total *sec = &e->r->sections[keys[i].section];
    cpd_activity_result *out = &e->r->activities[k];
    cpd_points worth = e->acts[k].worth, room, take;
    room = sec->cap == CPD_NO_CAP ? worth : sec->cap - sec->counted;
    /* (a section never counts more than its cap: room is never < 0) */
    if (room < 0) /* GCOVR_EXCL_BR_LINE */
      room = 0;   /* GCOVR_EXCL_LINE */
    take = worth < room ? worth : room;
    sec->claimed += worth;
    sec->counted += take;
    sec->entries++;
    out->counted = take;
    if (take == worth)
      out->status = CPD_ACTIVITY_COUNTED;
    else if (take > 0)
      out->status = CPD_ACTIVITY_PARTIALLY_COUNTED;
    else
      out->status = CPD_ACTIVITY_CAPPED;
  }
  /* one section.capped per section over its cap, at the first activity that
   * did not fully count */
  {
    int last = -1;
    for (i = 0; i < m; i++) {
      size_t k = keys[i].index;
      const cpd_section_total *sec = &e->r->sections[keys[i].section];
      char path[64], c1[32], c2[32];
      if (e->r->activities[k].status == CPD_ACTIVITY_COUNTED ||
          keys[i].section == last)
        continue;
      last = keys[i].section;
      path_act(path, sizeof path, k, NULL);
      fmt_pts(c1, sec->cap);
      fmt_pts(c2, sec->claimed - sec->counted);
      diagf(e, "section.capped", path,
            "Section %s is capped at %s points; %s points do not count.",
            "%s は上限 %s ポイントです。%s ポイントは算入されません。",
            sec->section, c1, c2);
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
      if (sec->entries > (size_t)p->sections[i].form_rows)
        diagf(e, "form.continuation_sheet", "/activities",
              "Section %s has %zu entries but the form has %d rows; attach a "
              "continuation sheet.",
              "%s の記入は %zu 件で、用紙の記入欄（%d 行）を超えています。続紙"
              "を添付してください。",
              sec->section, sec->entries, p->sections[i].form_rows);
    }
  }
}

/* ------------------------------------------------------------ entry */

static cpd_status input_error(cpd_error *err, const char *code,
                              const char *path, const char *en,
                              const char *ja) {
  cpd__error_set(err, code, path, -1, en, ja);
  return CPD_EINPUT;
}

static cpd_status required_date(ev *e, const cpd_value *v, const char *path,
                                const char *en_name, const char *ja_name,
                                cpd_day *out, cpd_error *err) {
  char en[200], ja[300];
  int t = date_of(e, v, out);
  if (e->oom)
    return CPD_ENOMEM;
  if (t > 0)
    return CPD_OK;
  if (t == 0) {
    snprintf(en, sizeof en, "%s is missing; it is needed to evaluate anything.",
             en_name);
    snprintf(ja, sizeof ja, "%sが未記入です。審査には必須です。", ja_name);
    return input_error(err, "input.missing_field", path, en, ja);
  }
  if (t == -2) {
    snprintf(en, sizeof en,
             "%s is not a valid date: the weekday does not match the date.",
             en_name);
    snprintf(ja, sizeof ja,
             "%sが正しい日付ではありません（曜日が日付と一致しません）。",
             ja_name);
  } else {
    snprintf(en, sizeof en, "%s is not a valid date.", en_name);
    snprintf(ja, sizeof ja, "%sが正しい日付ではありません。", ja_name);
  }
  return input_error(err, "input.invalid_date", path, en, ja);
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

static void window_and_period(ev *e, cpd_day expires) {
  const cpd_policy *p = e->p;
  cpd_summary *sm = &e->r->summary;
  int fy_e = cpd_policy_fiscal_year(p, expires), y;
  cpd_day renewal = expires + 1;
  char d1[11], d2[11];

  sm->period_years = p->period_years;
  sm->period_expires_on = expires;
  sm->period_starts_on = cpd__fiscal_year_start(p, fy_e - p->period_years + 1);
  for (y = 0; y < p->period_years; y++) {
    int fy = fy_e - p->period_years + 1 + y;
    e->r->year_starts[y] = cpd__fiscal_year_start(p, fy);
    e->r->year_ends[y] = cpd__fiscal_year_start(p, fy + 1) - 1;
  }
  if (expires != cpd__fiscal_year_start(p, fy_e + 1) - 1)
    diagf(e, "certification.expiry_not_fiscal_year_end",
          "/certification/expires_on",
          "The expiry date is not the last day of a fiscal year; the period "
          "is still the %d fiscal years ending with it.",
          "資格有効期日が年度末ではありません。認定期間はこの日を含む年度までの "
          "%d 年度として扱います。",
          p->period_years);

  cpd__window(p, expires, &sm->window_opens_on, &sm->window_closes_on);
  sm->renewal_starts_on = renewal;
  sm->renewal_expires_on =
      cpd__fiscal_year_start(p, cpd_policy_fiscal_year(p, renewal) +
                                    p->period_years) -
      1;
  if (sm->applied_on < sm->window_opens_on) {
    sm->window_status = CPD_WINDOW_NOT_YET_OPEN;
    fmt_day(d1, sm->window_opens_on);
    fmt_day(d2, sm->window_closes_on);
    diagf(e, "window.not_yet_open", "/applied_on",
          "The application window is %s to %s; it is not open yet, so apply "
          "again inside it.",
          "受付期間は %s〜%s です。まだ受付期間前のため、受付期間内に再度申請し"
          "てください。",
          d1, d2);
  } else if (sm->applied_on > sm->window_closes_on) {
    sm->window_status = CPD_WINDOW_CLOSED;
    fmt_day(d1, sm->window_closes_on);
    diagf(e, "window.closed", "/applied_on",
          "The application window closed on %s; the qualification can no "
          "longer be renewed.",
          "受付期間は %s に終了しました。資格の更新はできません。", d1);
  } else {
    sm->window_status = CPD_WINDOW_OPEN;
  }
}

static void totals_and_decision(ev *e) {
  cpd_summary *sm = &e->r->summary;
  size_t i;
  int y, mo, d;
  char subject[160];
  cpd_severity worst = CPD_SEVERITY_INFO;

  sm->required = e->p->required;
  sm->counted = 0;
  for (i = 0; i < e->r->section_count; i++)
    sm->counted += e->r->sections[i].counted;
  sm->shortfall = sm->required > sm->counted ? sm->required - sm->counted : 0;
  if (sm->shortfall > 0) {
    char c1[32], c2[32], c3[32];
    fmt_pts(c1, sm->counted);
    fmt_pts(c2, sm->required);
    fmt_pts(c3, sm->shortfall);
    diagf(e, "points.shortfall", "/activities",
          "%s points count toward the %s required; %s more are needed.",
          "算入ポイントは %s で、必要な %s ポイントに %s ポイント不足しています。",
          c1, c2, c3);
  }
  for (i = 0; i < e->r->diag_count; i++)
    if (e->r->diags[i].severity > worst)
      worst = e->r->diags[i].severity;
  sm->decision = worst == CPD_SEVERITY_FATAL   ? CPD_INELIGIBLE
                 : worst == CPD_SEVERITY_ERROR ? CPD_INCOMPLETE
                                               : CPD_ELIGIBLE;
  if (sm->decision != CPD_ELIGIBLE)
    sm->renewal_starts_on = sm->renewal_expires_on = CPD_DAY_NONE;
  cpd_day_to_ymd(sm->applied_on, &y, &mo, &d);
  snprintf(subject, sizeof subject, "%s%02d%02d%02d",
           e->p->email_subject_prefix, y % 100, mo, d);
  sm->email_subject = cpd__arena_strndup(&e->r->arena, subject, strlen(subject));
  if (!sm->email_subject)
    e->oom = 1;
}

static void add_prediags(ev *e, const cpd__prediag *pre, size_t npre) {
  size_t i;
  for (i = 0; i < npre; i++) {
    if (pre[i].detail_en)
      add_diag(e, pre[i].code, pre[i].path, pre[i].detail_en,
               pre[i].detail_ja ? pre[i].detail_ja : pre[i].detail_en);
    else
      add_diag(e, pre[i].code, pre[i].path,
               "This field is not part of the application and is ignored.",
               "この項目は申請書の項目ではないため無視されます。");
  }
}

cpd_status cpd__evaluate(cpd_result **out, const cpd_policy *policy,
                         const cpd_application *app,
                         const cpd__origin *from_json, cpd_error *err) {
  ev e;
  cpd_result *r;
  cpd_status st = CPD_OK;
  cpd_day applied = 0, expires = 0;
  size_t i;

  if (out)
    *out = NULL;
  if (!out || !app || !CPD__VERSION_OK(app->version, CPD_APPLICATION_VERSION) ||
      (app->activity_count && !app->activities))
    return cpd__invalid_argument(err);
  for (i = 0; i < app->activity_count; i++)
    if ((app->activities[i].evidence_count && !app->activities[i].evidence) ||
        (app->activities[i].competency_count &&
         !app->activities[i].competencies))
      return cpd__invalid_argument(err);

  memset(&e, 0, sizeof e);
  e.p = policy ? policy : cpd__policy_builtin();
  e.app = app;
  r = cpd__calloc(1, sizeof *r);
  if (!r)
    return cpd__out_of_memory(err);
  e.r = r;

  if (!from_json) { /* the JSON layer's pre-scan has checked its texts */
    char path[96];
    if (!check_utf8(app, path, sizeof path)) {
      st = input_error(err, "input.invalid_utf8", path,
                       "The text at this path is not valid UTF-8.",
                       "この項目の文字列が正しい UTF-8 ではありません。");
      goto done;
    }
  }
  st = required_date(&e, &app->applied_on, "/applied_on",
                     "applied_on (the application date)",
                     "申請年月日（applied_on）", &applied, err);
  if (st == CPD_OK)
    st = required_date(&e, &app->expires_on, "/certification/expires_on",
                       "certification.expires_on (the expiry date)",
                       "資格有効期日（certification.expires_on）", &expires,
                       err);
  if (st != CPD_OK)
    goto done;

  r->summary.applied_on = applied;
  e.p = cpd__policy_in_force(e.p, applied);
  if (!dates_in_range(e.p, expires)) {
    st = input_error(err, "input.invalid_date", "/certification/expires_on",
                     "certification.expires_on is too close to year 1 or "
                     "9999: the period or the renewal would fall outside the "
                     "calendar this library computes (years 1-9999).",
                     "資格有効期日が西暦 1 年または 9999 年に近すぎます"
                     "（認定期間・更新後の期間が計算できる範囲を外れます）。");
    goto done;
  }
  r->summary.policy_name =
      e.p->name ? cpd__arena_strndup(&r->arena, e.p->name, strlen(e.p->name))
                : NULL;
  if (e.p->name && !r->summary.policy_name) {
    st = CPD_ENOMEM;
    goto done;
  }
  r->summary.policy_effective_from = e.p->effective_from;
  if (!build_sections(&e)) {
    st = CPD_ENOMEM;
    goto done;
  }
  if (app->activity_count) {
    r->activities = cpd__arena_alloc(
        &r->arena, app->activity_count * sizeof(cpd_activity_result));
    e.acts = cpd__arena_alloc(&e.scratch, app->activity_count * sizeof(act_state));
    if (!r->activities || !e.acts) {
      st = CPD_ENOMEM;
      goto done;
    }
  }
  r->activity_count = app->activity_count;

  if (from_json)
    add_prediags(&e, from_json->pre, from_json->npre);
  window_and_period(&e, expires);
  check_qualification(&e);
  check_applicant(&e);
  check_fee(&e);
  check_oath(&e);
  for (i = 0; i < app->activity_count && !e.oom; i++)
    place_activity(&e, i);
  if (!e.oom)
    find_duplicates(&e);
  for (i = 0; i < app->activity_count && !e.oom; i++)
    check_evidence_and_competencies(&e, i);
  if (!e.oom)
    apply_caps(&e);
  if (!e.oom)
    check_form_rows(&e);
  if (!e.oom)
    totals_and_decision(&e);
  if (e.oom)
    st = CPD_ENOMEM;

done:
  cpd__buf_free(&e.norm);
  cpd__arena_free(&e.scratch);
  if (st != CPD_OK) {
    cpd_result_free(r);
    if (st == CPD_ENOMEM)
      cpd__out_of_memory(err);
    return st;
  }
  *out = r;
  return CPD_OK;
}

cpd_status cpd_evaluate(cpd_result **out, const cpd_policy *policy,
                        const cpd_application *app, cpd_error *err) {
  return cpd__evaluate(out, policy, app, NULL, err);
}

void cpd__result_filter(cpd_result *r, int (*keep)(const char *)) {
  size_t i, k = 0;
  for (i = 0; i < r->diag_count; i++)
    if (keep(r->diags[i].code))
      r->diags[k++] = r->diags[i];
  r->diag_count = k;
}

void cpd_result_free(cpd_result *r) {
  if (!r)
    return;
  cpd__free(r->diags);
  cpd__arena_free(&r->arena);
  cpd__free(r);
}

const cpd_summary *cpd_result_summary(const cpd_result *r) {
  return r ? &r->summary : NULL;
}

cpd_status cpd_result_period_year(const cpd_result *r, int year,
                                  cpd_day *starts_on, cpd_day *ends_on) {
  if (!r || year < 1 || year > r->summary.period_years)
    return CPD_EINVAL;
  if (starts_on)
    *starts_on = r->year_starts[year - 1];
  if (ends_on)
    *ends_on = r->year_ends[year - 1];
  return CPD_OK;
}

size_t cpd_result_section_count(const cpd_result *r) {
  return r ? r->section_count : 0;
}

const cpd_section_total *cpd_result_section(const cpd_result *r, size_t i) {
  return r && i < r->section_count ? &r->sections[i] : NULL;
}

size_t cpd_result_activity_count(const cpd_result *r) {
  return r ? r->activity_count : 0;
}

const cpd_activity_result *cpd_result_activity(const cpd_result *r, size_t i) {
  return r && i < r->activity_count ? &r->activities[i] : NULL;
}

size_t cpd_result_diagnostic_count(const cpd_result *r) {
  return r ? r->diag_count : 0;
}

const cpd_diagnostic *cpd_result_diagnostic(const cpd_result *r, size_t i) {
  return r && i < r->diag_count ? &r->diags[i] : NULL;
}
