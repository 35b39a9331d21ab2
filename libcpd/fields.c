/* fields.c - the field table: every field of the application document,
 * declared once (pointer, key, kind, required, personal data, redaction,
 * labels, spreadsheet headers).  The mapping, the redaction and the CLI's
 * labels and spreadsheet columns read it (cpd_field_* in cpd.h). */
#include <string.h>

#include "internal.h"

#define F(ptr, key, kind, req, pers, red, en, ja, csv)                         \
  { ptr, key, CPD_FIELD_##kind, req, pers, CPD_REDACT_##red, en, ja, csv }

static const cpd_field_info fields[CPD_FIELD_ID_COUNT] = {
    F("/applied_on", "applied_on", DATE, 1, 0, NONE, "Date of application",
      "申請年月日", NULL),
    F("/qualification", "qualification", TEXT, 1, 0, NONE, "Qualification",
      "更新対象資格", NULL),
    F("/certification", "certification", OBJECT, 1, 0, NONE, "Certification",
      "認定", NULL),
    F("/certification/number", "number", TEXT, 1, 0, NONE,
      "Certification number", "認定番号", NULL),
    F("/certification/expires_on", "expires_on", DATE, 1, 0, NONE,
      "Certificate expiry", "資格有効期日", NULL),
    F("/applicant", "applicant", OBJECT, 1, 0, NONE, "Applicant", "申請者情報",
      NULL),
    F("/applicant/name", "name", TEXT, 1, 1, INITIALS, "Name", "氏名", NULL),
    F("/applicant/name_kana", "name_kana", TEXT, 1, 1, INITIALS, "Name (kana)",
      "氏名（かな）", NULL),
    F("/applicant/company", "company", TEXT, 0, 1, WITHHOLD, "Company",
      "所属先会社名", NULL),
    F("/applicant/company_kana", "company_kana", TEXT, 0, 1, WITHHOLD,
      "Company (kana)", "所属先会社名（かな）", NULL),
    F("/applicant/postal_code", "postal_code", TEXT, 1, 1, POSTAL_CODE,
      "Postal code", "郵便番号", NULL),
    F("/applicant/address", "address", TEXT, 1, 1, PREFECTURE, "Home address",
      "ご自宅住所", NULL),
    F("/applicant/phone", "phone", TEXT, 0, 1, PHONE, "Phone", "電話番号",
      NULL),
    F("/applicant/mobile", "mobile", TEXT, 0, 1, PHONE, "Mobile phone",
      "携帯電話番号", NULL),
    F("/applicant/email", "email", TEXT, 1, 1, EMAIL, "E-mail address",
      "Eメールアドレス", NULL),
    F("/fee", "fee", OBJECT, 1, 0, NONE, "Fee", "認定審査手数料", NULL),
    F("/fee/paid_on", "paid_on", DATE, 1, 0, NONE, "Fee paid on",
      "認定審査手数料振込日", NULL),
    F("/fee/payer_name", "payer_name", TEXT, 1, 1, INITIALS, "Fee payer name",
      "認定審査手数料振込名義", NULL),
    F("/oath_agreed", "oath_agreed", BOOL, 1, 0, NONE, "Ethics and CPD oath",
      "倫理綱領・CPD方針の順守への宣誓", NULL),
    F("/activities", "activities", ARRAY, 1, 0, NONE, "Activities (all)",
      "活動（全体）", NULL),
    F("/activities/-", "", OBJECT, 0, 0, NONE, "Activity", "活動", NULL),
    F("/activities/-/id", "id", TEXT, 0, 0, NONE, "ID", "ID", "id"),
    F("/activities/-/category", "category", TEXT, 1, 0, NONE, "category",
      "カテゴリ", "カテゴリ|カテゴリー|category"),
    F("/activities/-/title", "title", TEXT, 1, 0, NONE, "title", "名称",
      "受講講座・研修名|個人学習内容|活動内容|title"),
    F("/activities/-/completed_on", "completed_on", DATE, 1, 0, NONE,
      "completion date", "修了日",
      "研修修了日|学習修了日|活動修了日|completed_on"),
    F("/activities/-/hours", "hours", NUMBER, 1, 0, NONE, "hours", "時間",
      "学習時間|学習（受講）時間|活動時間|hours"),
    F("/activities/-/points", "points", NUMBER, 0, 0, NONE, "points",
      "CPDポイント", "CPDポイント|points"),
    F("/activities/-/year", "year", NUMBER, 0, 0, NONE, "year", "年目",
      "年目|year"),
    F("/activities/-/evidence", "evidence", TEXT_LIST, 0, 0, NONE, "evidence",
      "証明書類", "証明書類|evidence"),
    F("/activities/-/competencies", "competencies", TEXT_LIST, 0, 0, NONE,
      "competencies", "コンピテンシー", "コンピテンシー|competencies"),
};

size_t cpd_field_count(void) { return CPD_FIELD_ID_COUNT; }

const cpd_field_info *cpd_field_at(size_t i) {
  return i < CPD_FIELD_ID_COUNT ? &fields[i] : NULL;
}

const cpd_field_info *cpd__field(cpd_field_id id) { return &fields[id]; }

/* The longest field pointer that is p itself or a prefix of p ending at a
 * '/' (p with its activity index already replaced by "-"). */
static const cpd_field_info *nearest(const char *p, size_t n) {
  const cpd_field_info *best = NULL;
  size_t i, best_len = 0;
  for (i = 0; i < CPD_FIELD_ID_COUNT; i++) {
    size_t k = strlen(fields[i].pointer);
    if (k <= n && k > best_len && memcmp(fields[i].pointer, p, k) == 0 &&
        (k == n || p[k] == '/')) {
      best = &fields[i];
      best_len = k;
    }
  }
  return best;
}

const cpd_field_info *cpd_field_find(const char *pointer, size_t *activity) {
  static const char pre[] = "/activities/";
  char buf[128];
  size_t n, k = 0, at = sizeof pre - 1;
  if (activity)
    *activity = CPD_NO_ACTIVITY;
  if (!pointer)
    return NULL;
  n = strlen(pointer);
  if (n < at || memcmp(pointer, pre, at) != 0 || pointer[at] < '0' ||
      pointer[at] > '9')
    return nearest(pointer, n);
  /* "/activities/12/hours" -> "/activities/-/hours" and 12 */
  while (pointer[at] >= '0' && pointer[at] <= '9') {
    if (k > (CPD_NO_ACTIVITY - 10) / 10)
      return NULL; /* not an index this library could have */
    k = k * 10 + (size_t)(pointer[at++] - '0');
  }
  if (pointer[at] != '\0' && pointer[at] != '/')
    return nearest(pointer, n);
  if (n - at + sizeof pre + 1 > sizeof buf)
    n = at + sizeof buf - sizeof pre - 2; /* a long tail: its head decides */
  memcpy(buf, pre, sizeof pre - 1);
  buf[sizeof pre - 1] = '-';
  memcpy(buf + sizeof pre, pointer + at, n - at);
  if (activity)
    *activity = k;
  return nearest(buf, sizeof pre + (n - at));
}

uint32_t cpd__path_activity(const char *p) {
  uint32_t k = 0;
  if (strncmp(p, "/activities/", 12) != 0 || p[12] < '0' || p[12] > '9')
    return CPD__NONE;
  for (p += 12; *p >= '0' && *p <= '9'; p++) {
    if (k > (CPD__NONE - 10) / 10)
      return CPD__NONE;
    k = k * 10 + (uint32_t)(*p - '0');
  }
  return *p == '\0' || *p == '/' ? k : CPD__NONE;
}

cpd_value *cpd__field_slot(cpd_application *app, cpd_activity *act,
                           cpd_field_id id) {
  switch (id) {
  case CPD_FIELD_ID_APPLIED_ON:
    return &app->applied_on;
  case CPD_FIELD_ID_QUALIFICATION:
    return &app->qualification;
  case CPD_FIELD_ID_CERT_NUMBER:
    return &app->certification_number;
  case CPD_FIELD_ID_EXPIRES_ON:
    return &app->expires_on;
  case CPD_FIELD_ID_NAME:
    return &app->applicant.name;
  case CPD_FIELD_ID_NAME_KANA:
    return &app->applicant.name_kana;
  case CPD_FIELD_ID_COMPANY:
    return &app->applicant.company;
  case CPD_FIELD_ID_COMPANY_KANA:
    return &app->applicant.company_kana;
  case CPD_FIELD_ID_POSTAL_CODE:
    return &app->applicant.postal_code;
  case CPD_FIELD_ID_ADDRESS:
    return &app->applicant.address;
  case CPD_FIELD_ID_PHONE:
    return &app->applicant.phone;
  case CPD_FIELD_ID_MOBILE:
    return &app->applicant.mobile;
  case CPD_FIELD_ID_EMAIL:
    return &app->applicant.email;
  case CPD_FIELD_ID_FEE_PAID_ON:
    return &app->fee_paid_on;
  case CPD_FIELD_ID_FEE_PAYER:
    return &app->fee_payer_name;
  case CPD_FIELD_ID_OATH:
    return &app->oath_agreed;
  case CPD_FIELD_ID_ACT_ID:
    return act ? &act->id : NULL;
  case CPD_FIELD_ID_ACT_CATEGORY:
    return act ? &act->category : NULL;
  case CPD_FIELD_ID_ACT_TITLE:
    return act ? &act->title : NULL;
  case CPD_FIELD_ID_ACT_COMPLETED_ON:
    return act ? &act->completed_on : NULL;
  case CPD_FIELD_ID_ACT_HOURS:
    return act ? &act->hours : NULL;
  case CPD_FIELD_ID_ACT_POINTS:
    return act ? &act->points : NULL;
  case CPD_FIELD_ID_ACT_YEAR:
    return act ? &act->year : NULL;
  default:
    return NULL;
  }
}

/* ------------------------------------------------ spreadsheet headers */

/* 1 when one of the "|"-separated headers of list has key want. */
static int has_header(const char *list, const char *want, cpd__buf *key,
                      cpd_status *st) {
  while (*list) {
    size_t n = strcspn(list, "|");
    *st = cpd__header_key(key, list, n);
    if (*st != CPD_OK)
      return 0;
    if (strcmp(key->p, want) == 0)
      return 1;
    list += n + (list[n] == '|');
  }
  return 0;
}

cpd_status cpd_field_find_header(const cpd_field_info **out, const char *header,
                                 size_t len) {
  cpd__buf want = CPD__BUF_INIT, key = CPD__BUF_INIT;
  cpd_status st;
  size_t i;
  if (!out)
    return CPD_EINVAL;
  *out = NULL;
  if (!header && len)
    return CPD_EINVAL;
  if (!cpd__utf8_valid(header ? header : "", len))
    return CPD_EINVAL;
  st = cpd__header_key(&want, header ? header : "", len);
  for (i = 0; st == CPD_OK && i < CPD_FIELD_ID_COUNT; i++)
    if (fields[i].csv_headers &&
        has_header(fields[i].csv_headers, want.p, &key, &st)) {
      *out = &fields[i];
      break;
    }
  cpd__buf_free(&want);
  cpd__buf_free(&key);
  if (st != CPD_OK)
    *out = NULL;
  return st;
}

const char *cpd_field_kind_str(cpd_field_kind kind) {
  static const char *const names[] = {"text",      "date",   "number", "bool",
                                      "text_list", "object", "array"};
  return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind]
                                                         : "unknown";
}

const char *cpd_redaction_str(cpd_redaction r) {
  static const char *const names[] = {"none",        "initials", "prefecture",
                                      "postal_code", "phone",    "email",
                                      "withhold"};
  return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "unknown";
}

/* ------------------------------------------------ an application's values */

const cpd_value *cpd__field_list(const cpd_activity *act, cpd_field_id id,
                                 size_t *n) {
  *n = 0;
  if (!act)
    return NULL;
  if (id == CPD_FIELD_ID_ACT_EVIDENCE) {
    *n = act->evidence_count;
    return act->evidence;
  }
  if (id == CPD_FIELD_ID_ACT_COMPETENCIES) {
    *n = act->competency_count;
    return act->competencies;
  }
  return NULL;
}

int cpd__field_in_activity(cpd_field_id id) {
  return strncmp(fields[id].pointer, "/activities/-/", 14) == 0;
}

/* One field's values: the scalar, or each element of a list. */
static int visit_field(const cpd_application *app, const cpd_activity *act,
                       uint32_t index, cpd_field_id id, cpd__visit_fn fn,
                       void *ctx) {
  const cpd_value *v =
      cpd__field_slot((cpd_application *)app, (cpd_activity *)act, id);
  size_t k, n;
  int rc;
  if (v)
    return fn(ctx, id, index, CPD__NONE, v);
  v = cpd__field_list(act, id, &n);
  for (k = 0; k < n; k++)
    if ((rc = fn(ctx, id, index, (uint32_t)k, &v[k])) != 0)
      return rc;
  return 0;
}

int cpd__application_walk(const cpd_application *app, cpd__visit_fn fn,
                          void *ctx) {
  size_t i, a;
  int rc;
  for (i = 0; i < CPD_FIELD_ID_COUNT; i++)
    if (!cpd__field_in_activity((cpd_field_id)i) &&
        (rc = visit_field(app, NULL, CPD__NONE, (cpd_field_id)i, fn, ctx)) != 0)
      return rc;
  for (a = 0; a < app->activity_count; a++)
    for (i = 0; i < CPD_FIELD_ID_COUNT; i++)
      if (cpd__field_in_activity((cpd_field_id)i) &&
          (rc = visit_field(app, &app->activities[a], (uint32_t)a,
                            (cpd_field_id)i, fn, ctx)) != 0)
        return rc;
  return 0;
}

/* ------------------------------------------------ public field access */

const cpd_field_info *cpd_field_by_id(cpd_field_id id) {
  return (unsigned)id < CPD_FIELD_ID_COUNT ? &fields[id] : NULL;
}

/* The id of a row of the table, or -1 for a pointer that is not one. */
static int field_id_of(const cpd_field_info *f) {
  int i;
  for (i = 0; f && i < CPD_FIELD_ID_COUNT; i++)
    if (&fields[i] == f)
      return i;
  return -1;
}

const char *cpd_field_separators(const cpd_field_info *f) {
  switch (field_id_of(f)) {
  case CPD_FIELD_ID_ACT_EVIDENCE: /* file names may hold spaces and commas */
    return ";\xef\xbc\x9b\r\n";   /* ; ； and line breaks */
  case CPD_FIELD_ID_ACT_COMPETENCIES:
    /* ; ； , ， 、 and white space (U+3000 too) */
    return ";\xef\xbc\x9b,\xef\xbc\x8c\xe3\x80\x81 \t\r\n\xe3\x80\x80";
  default:
    return NULL;
  }
}

const cpd_value *cpd_application_get(const cpd_application *app,
                                     const cpd_field_info *f, size_t activity,
                                     size_t *count) {
  int id = field_id_of(f);
  const cpd_activity *act = NULL;
  const cpd_value *v;
  size_t n = 0;
  if (count)
    *count = 0;
  if (!app || id < 0)
    return NULL;
  if (cpd__field_in_activity((cpd_field_id)id)) {
    if (activity >= app->activity_count || !app->activities)
      return NULL;
    act = &app->activities[activity];
  }
  v = cpd__field_slot((cpd_application *)app, (cpd_activity *)act,
                      (cpd_field_id)id);
  if (v)
    n = 1;
  else
    v = cpd__field_list(act, (cpd_field_id)id, &n);
  if (count)
    *count = n;
  return v;
}

cpd_status cpd_application_set(cpd_application *app, const cpd_field_info *f,
                               const cpd_value *value) {
  int id = field_id_of(f);
  cpd_value *slot;
  if (!app || !value || id < 0 || cpd__field_in_activity((cpd_field_id)id) ||
      !(slot = cpd__field_slot(app, NULL, (cpd_field_id)id)))
    return CPD_EINVAL;
  *slot = *value;
  return CPD_OK;
}

cpd_status cpd_activity_set(cpd_activity *a, const cpd_field_info *f,
                            const cpd_value *values, size_t count) {
  int id = field_id_of(f);
  cpd_value *slot;
  if (!a || id < 0 || !cpd__field_in_activity((cpd_field_id)id) ||
      (count && !values))
    return CPD_EINVAL;
  if ((slot = cpd__field_slot(NULL, a, (cpd_field_id)id)) != NULL) {
    if (count != 1)
      return CPD_EINVAL;
    *slot = values[0];
    return CPD_OK;
  }
  switch (id) {
  case CPD_FIELD_ID_ACT_EVIDENCE:
    a->evidence = count ? values : NULL;
    a->evidence_count = count;
    return CPD_OK;
  case CPD_FIELD_ID_ACT_COMPETENCIES:
    a->competencies = count ? values : NULL;
    a->competency_count = count;
    return CPD_OK;
  default:
    return CPD_EINVAL;
  }
}
