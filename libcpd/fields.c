/* fields.c - the field table and what follows from it: every field of the
 * application document as cpd.h's CPD_FIELDS declares it, where its value
 * lives in a cpd_application, the values of an application in document
 * order, and the public look-ups (cpd_field_*). */
#include <string.h>

#include "internal.h"

#define ROW(id, parent, ptr, key, kind, req, pers, red, en, ja, csv, slot,     \
            read)                                                              \
  [CPD_FIELD_ID_##id] = {                                                      \
      ptr, key, CPD_FIELD_##kind, req, pers, CPD_REDACT_##red, en, ja, csv},
static const cpd_field_info fields[CPD_FIELD_ID_COUNT] = {CPD_FIELDS(ROW)};
#undef ROW

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

/* "/activities/": an activity's pointer up to its index (the element's
 * pointer without its "-"). */
static size_t activity_prefix(const char **pre) {
  *pre = fields[CPD_FIELD_ID_ACTIVITY].pointer;
  return strlen(*pre) - 1;
}

const cpd_field_info *cpd_field_find(const char *pointer, size_t *activity) {
  const char *pre;
  char buf[128];
  size_t n, k = 0, at = activity_prefix(&pre);
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
  {
    size_t np = activity_prefix(&pre); /* (the digits moved at on) */
    if (n - at + np + 2 > sizeof buf)
      n = at + sizeof buf - np - 3; /* a long tail: its head decides */
    memcpy(buf, pre, np + 1);       /* "/activities/-" */
    memcpy(buf + np + 1, pointer + at, n - at);
    if (activity)
      *activity = k;
    return nearest(buf, np + 1 + (n - at));
  }
}

uint32_t cpd__path_activity(const char *p) {
  const char *pre;
  size_t np = activity_prefix(&pre);
  uint32_t k = 0;
  if (strncmp(p, pre, np) != 0 || p[np] < '0' || p[np] > '9')
    return CPD__NONE;
  for (p += np; *p >= '0' && *p <= '9'; p++) {
    if (k > (CPD__NONE - 10) / 10)
      return CPD__NONE;
    k = k * 10 + (uint32_t)(*p - '0');
  }
  return *p == '\0' || *p == '/' ? k : CPD__NONE;
}

/* Where the list's SLOT says a value lives. */
#define SLOT_CPD_S_APP(m) return &app->m;
#define SLOT_CPD_S_ACT(m) return act ? &act->m : NULL;
#define SLOT_CPD_S_LIST(m, count) return NULL;
#define SLOT_CPD_S_NONE return NULL;
#define SLOT_CASE(id, parent, ptr, key, kind, req, pers, red, en, ja, csv,     \
                  slot, read)                                                  \
  case CPD_FIELD_ID_##id:                                                      \
    SLOT_##slot
cpd_value *cpd__field_slot(cpd_application *app, cpd_activity *act,
                           cpd_field_id id) {
  switch (id) {
    CPD_FIELDS(SLOT_CASE)
  default:
    return NULL;
  }
}
#undef SLOT_CASE

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

#define LIST_CPD_S_APP(m)
#define LIST_CPD_S_ACT(m)
#define LIST_CPD_S_LIST(m, count)                                              \
  *values = &act->m;                                                           \
  *n = &act->count;                                                            \
  return 1;
#define LIST_CPD_S_NONE
#define LIST_CASE(id, parent, ptr, key, kind, req, pers, red, en, ja, csv,     \
                  slot, read)                                                  \
  case CPD_FIELD_ID_##id:                                                      \
    LIST_##slot break;
int cpd__field_list_slot(cpd_activity *act, cpd_field_id id,
                         const cpd_value ***values, size_t **n) {
  switch (id) {
    CPD_FIELDS(LIST_CASE)
  default:
    break;
  }
  return 0;
}
#undef LIST_CASE

const cpd_value *cpd__field_list(const cpd_activity *act, cpd_field_id id,
                                 size_t *n) {
  const cpd_value **values;
  size_t *count;
  *n = 0;
  if (!act || !cpd__field_list_slot((cpd_activity *)act, id, &values, &count))
    return NULL;
  *n = *count;
  return *values;
}

int cpd__field_in_activity(cpd_field_id id) {
#define PARENT(id, parent, ...) [CPD_FIELD_ID_##id] = CPD__IN_##parent,
  static const cpd__scope parents[CPD_FIELD_ID_COUNT] = {CPD_FIELDS(PARENT)};
#undef PARENT
  return parents[id] == CPD__IN_ACTIVITY;
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
  {
    const cpd_value **list;
    size_t *n;
    if (!cpd__field_list_slot(a, (cpd_field_id)id, &list, &n))
      return CPD_EINVAL;
    *list = count ? values : NULL;
    *n = count;
    return CPD_OK;
  }
}
