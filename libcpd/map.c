/* map.c - an application document's tree onto the application value, in
 * one walk that also refuses what JSON allows but a document may not
 * hold (a key twice in one object, a number that is not finite), notes
 * the fields that are not the application's (with "did you mean"), and
 * leaves the values as the field table says.  Keys are found by the
 * lists of CPD_FIELDS, by scope and length; duplicates among known
 * keys show as a bit already set. */
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "internal.h"

/* cJSON's type tests without a call into the shared library. */
#define TYPE(j) ((j)->type & 0xFF)
#define IS_STRING(j) (TYPE(j) == cJSON_String)
#define IS_NUMBER(j) (TYPE(j) == cJSON_Number)
#define IS_OBJECT(j) (TYPE(j) == cJSON_Object)
#define IS_ARRAY(j) (TYPE(j) == cJSON_Array)
#define IS_NULL(j) (TYPE(j) == cJSON_NULL)
#define IS_BOOL(j) (TYPE(j) == cJSON_True || TYPE(j) == cJSON_False)

/* Each scope's keys as a table of its own, made from CPD_FIELDS:
 * IN_<scope>_<parent> keeps the row of a field whose parent is that scope
 * and drops the others, so a lookup compares only its scope's keys, in a
 * loop whose few branches the tests cover (an unrolled chain of every
 * field's comparisons gave gcov hundreds of branches no input can take). */
typedef struct key_row {
  const char *key;
  size_t len;
  int id;
} key_row;
#define KEEP_(...) __VA_ARGS__,
#define DROP_(...)
#define IN_ROOT_ROOT KEEP_
#define IN_ROOT_CERTIFICATION DROP_
#define IN_ROOT_APPLICANT DROP_
#define IN_ROOT_FEE DROP_
#define IN_ROOT_ACTIVITIES DROP_
#define IN_ROOT_ACTIVITY DROP_
#define IN_CERTIFICATION_ROOT DROP_
#define IN_CERTIFICATION_CERTIFICATION KEEP_
#define IN_CERTIFICATION_APPLICANT DROP_
#define IN_CERTIFICATION_FEE DROP_
#define IN_CERTIFICATION_ACTIVITIES DROP_
#define IN_CERTIFICATION_ACTIVITY DROP_
#define IN_APPLICANT_ROOT DROP_
#define IN_APPLICANT_CERTIFICATION DROP_
#define IN_APPLICANT_APPLICANT KEEP_
#define IN_APPLICANT_FEE DROP_
#define IN_APPLICANT_ACTIVITIES DROP_
#define IN_APPLICANT_ACTIVITY DROP_
#define IN_FEE_ROOT DROP_
#define IN_FEE_CERTIFICATION DROP_
#define IN_FEE_APPLICANT DROP_
#define IN_FEE_FEE KEEP_
#define IN_FEE_ACTIVITIES DROP_
#define IN_FEE_ACTIVITY DROP_
#define IN_ACTIVITY_ROOT DROP_
#define IN_ACTIVITY_CERTIFICATION DROP_
#define IN_ACTIVITY_APPLICANT DROP_
#define IN_ACTIVITY_FEE DROP_
#define IN_ACTIVITY_ACTIVITIES DROP_
#define IN_ACTIVITY_ACTIVITY KEEP_
#define KEY_ROW(sel, id, key) sel({key, sizeof(key) - 1, CPD_FIELD_ID_##id})
#define ROOT_ROW(id, parent, ptr, key, ...) KEY_ROW(IN_ROOT_##parent, id, key)
#define CERTIFICATION_ROW(id, parent, ptr, key, ...)                           \
  KEY_ROW(IN_CERTIFICATION_##parent, id, key)
#define APPLICANT_ROW(id, parent, ptr, key, ...)                               \
  KEY_ROW(IN_APPLICANT_##parent, id, key)
#define FEE_ROW(id, parent, ptr, key, ...) KEY_ROW(IN_FEE_##parent, id, key)
#define ACTIVITY_ROW(id, parent, ptr, key, ...)                                \
  KEY_ROW(IN_ACTIVITY_##parent, id, key)
static const key_row root_keys[] = {CPD_FIELDS(ROOT_ROW)};
static const key_row certification_keys[] = {CPD_FIELDS(CERTIFICATION_ROW)};
static const key_row applicant_keys[] = {CPD_FIELDS(APPLICANT_ROW)};
static const key_row fee_keys[] = {CPD_FIELDS(FEE_ROW)};
static const key_row activity_keys[] = {CPD_FIELDS(ACTIVITY_ROW)};

static int find_key(const key_row *rows, size_t count, const char *k,
                    size_t n) {
  size_t i;
  for (i = 0; i < count; i++)
    if (rows[i].len == n && memcmp(rows[i].key, k, n) == 0)
      return rows[i].id;
  return -1;
}
#define FIND_KEY(t) find_key(t, sizeof(t) / sizeof(t[0]), k, n)

static int lookup(cpd__scope sc, const char *k, size_t n) {
  switch (sc) {
  case CPD__IN_ROOT:
    return FIND_KEY(root_keys);
  case CPD__IN_CERTIFICATION:
    return FIND_KEY(certification_keys);
  case CPD__IN_APPLICANT:
    return FIND_KEY(applicant_keys);
  case CPD__IN_FEE:
    return FIND_KEY(fee_keys);
  case CPD__IN_ACTIVITY:
    return FIND_KEY(activity_keys);
  case CPD__IN_ACTIVITIES: /* an array: its items have no keys */
    break;
  }
  return -1;
}

/* The scope of the members of an object field. */
static cpd__scope members_of(cpd_field_id id) {
  switch (id) {
  case CPD_FIELD_ID_CERTIFICATION:
    return CPD__IN_CERTIFICATION;
  case CPD_FIELD_ID_APPLICANT:
    return CPD__IN_APPLICANT;
  case CPD_FIELD_ID_FEE:
    return CPD__IN_FEE;
  default:
    return CPD__IN_ACTIVITY;
  }
}

int cpd__field_lookup(cpd__scope sc, const char *key) {
  return lookup(sc, key, strlen(key));
}

/* ------------------------------------------------------------ the walk */

typedef struct mapper {
  cpd__arena *arena;
  cpd_application *app;
  cpd__papp *papp; /* prepared as it is mapped */
  cpd__pact *pacts;
  cpd__prep prep;
  cpd__pnote *notes;
  size_t nnotes, cap;
  const cpd_limits *lim;
  int too_many; /* more activities than the limit: refused after the walk */
  cpd_error *err;
} mapper;

static CPD__INLINE cpd_value value_of(const cJSON *j) {
  cpd_value v = CPD_ABSENT;
  if (IS_STRING(j)) {
    v.kind = CPD_VALUE_TEXT;
    v.text = j->valuestring;
  } else if (IS_NUMBER(j)) {
    v.kind = CPD_VALUE_NUMBER;
    v.number = j->valuedouble;
  } else if (IS_BOOL(j)) {
    v.kind = CPD_VALUE_BOOL;
    v.boolean = TYPE(j) == cJSON_True;
  } else if (IS_NULL(j)) {
    v.kind = CPD_VALUE_NULL;
  } else {
    v.kind = CPD_VALUE_OTHER;
  }
  return v;
}

/* A value's own insides (an object or array where a scalar belongs, a
 * number) pass the tree checks. */
static CPD__INLINE cpd_status check_value(mapper *m, const cJSON *j,
                                          const cpd__path *at) {
  if (TYPE(j) == cJSON_String)
    return CPD_OK;
  if (IS_NUMBER(j))
    return isfinite(j->valuedouble)
               ? CPD_OK
               : cpd__tree_error(m->err, CPD__IN_NON_FINITE, at);
  if (IS_OBJECT(j) || IS_ARRAY(j))
    return cpd__tree_check(j, at, m->err);
  return CPD_OK;
}

/* -------------------------------------------------------- did you mean */

/* Optimal string alignment distance of a and b, or 3 when it is more than
 * 2 (keys are short; this runs only for unknown keys). */
static int distance(const char *a, size_t n, const char *b, size_t k) {
  int d[24][24];
  size_t i, j;
  if (n > 22 || k > 22 || (n > k ? n - k : k - n) > 2)
    return 3;
  for (i = 0; i <= n; i++)
    d[i][0] = (int)i;
  for (j = 0; j <= k; j++)
    d[0][j] = (int)j;
  for (i = 1; i <= n; i++)
    for (j = 1; j <= k; j++) {
      int c = a[i - 1] != b[j - 1], v = d[i - 1][j - 1] + c;
      if (d[i - 1][j] + 1 < v)
        v = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < v)
        v = d[i][j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < v)
        v = d[i - 2][j - 2] + 1;
      d[i][j] = v;
    }
  return d[n][k];
}

static int lower_eq(const char *a, const char *b, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i];
    if (x != b[i])
      return 0;
  }
  return 1;
}

/* The known key of scope closest to key: within 2 edits, the same but for
 * case, or key a prefix of it of 4 letters or more ("oath" for
 * "oath_agreed"); -1 when none. */
static int suggestion(cpd__scope sc, const char *key) {
  size_t n = strlen(key), i;
  int best = -1, best_d = 3;
  for (i = 0; i < CPD_FIELD_ID_COUNT; i++) {
    const cpd_field_info *f = cpd__field((cpd_field_id)i);
    size_t k = strlen(f->key);
    int d;
    if (!k || lookup(sc, f->key, k) != (int)i)
      continue; /* not a key of this scope */
    if (n == k && lower_eq(key, f->key, n))
      d = 0;
    else if (n >= 4 && n < k && memcmp(key, f->key, n) == 0)
      d = 1;
    else
      d = distance(key, n, f->key, k);
    if (d < best_d) {
      best_d = d;
      best = (int)i;
    }
  }
  return best;
}

/* ------------------------------------------------------------- notes */

static int note(mapper *m, cpd__msg_id msg, const cpd__path *at) {
  cpd__buf b = CPD__BUF_INIT;
  cpd__pnote *n;
  if (m->nnotes == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 8;
    cpd__pnote *nn = cpd__arena_alloc(m->arena, cap * sizeof *nn);
    if (!nn)
      return 0;
    if (m->nnotes)
      memcpy(nn, m->notes, m->nnotes * sizeof *nn);
    m->notes = nn;
    m->cap = cap;
  }
  cpd__path_write(&b, at);
  n = &m->notes[m->nnotes];
  n->msg = (uint16_t)msg;
  n->path = b.oom ? NULL : cpd__arena_strndup(m->arena, b.p ? b.p : "", b.len);
  n->suggest = -1;
  n->present = 0;
  n->key = NULL;
  cpd__buf_free(&b);
  if (!n->path)
    return 0;
  m->nnotes++;
  return 1;
}

static cpd_status unknown(mapper *m, cpd__scope sc, const cJSON *ch,
                          const cpd__path *at) {
  cpd__pnote *n;
  if (!note(m, CPD__M_UNKNOWN_FIELD, at))
    return cpd__out_of_memory(m->err);
  n = &m->notes[m->nnotes - 1];
  n->suggest = (int16_t)suggestion(sc, ch->string);
  n->key = ch->string;
  return check_value(m, ch, at);
}

/* ------------------------------------------------------------- members */

/* A list of scalars: an array's items, or one item for a lone value. */
static cpd_status list_of(mapper *m, const cJSON *j, const cpd__path *at,
                          const cpd_value **out, size_t *count) {
  cpd_value *items;
  const cJSON *ch;
  cpd__path here;
  size_t n = 0, i = 0;
  cpd_status st;
  *out = NULL;
  *count = 0;
  if (IS_NULL(j))
    return CPD_OK;
  if (!IS_ARRAY(j)) {
    if ((st = check_value(m, j, at)) != CPD_OK)
      return st;
    if (!(items = cpd__arena_alloc(m->arena, sizeof *items)))
      return cpd__out_of_memory(m->err);
    items[0] = value_of(j);
    *out = items;
    *count = 1;
    return CPD_OK;
  }
  for (ch = j->child; ch; ch = ch->next)
    n++;
  if (!n)
    return CPD_OK;
  if (!(items = cpd__arena_alloc(m->arena, n * sizeof *items)))
    return cpd__out_of_memory(m->err);
  here.up = at;
  here.key = NULL;
  for (ch = j->child; ch; ch = ch->next, i++) {
    here.index = i;
    if ((st = check_value(m, ch, &here)) != CPD_OK)
      return st;
    items[i] = value_of(ch);
  }
  *out = items;
  *count = n;
  return CPD_OK;
}

static cpd_status map_activities(mapper *m, const cJSON *arr,
                                 const cpd__path *at);

/* The known keys of an object and a duplicate among them, as the old
 * pairwise check found it: the second of the first pair in order. */
static const cJSON *duplicate(const cJSON *obj, cpd__scope sc, int *ids,
                              const cJSON **kids, size_t n) {
  uint64_t seen = 0;
  size_t i, j, unknowns = 0;
  int clash = 0;
  for (i = 0; i < n; i++) {
    if (ids[i] < 0) {
      unknowns++;
      continue;
    }
    if (seen & (UINT64_C(1) << ids[i]))
      clash = 1;
    seen |= UINT64_C(1) << ids[i];
  }
  (void)obj;
  (void)sc;
  if (!clash && unknowns < 2)
    return NULL;
  for (i = 0; i < n; i++)
    for (j = i + 1; j < n; j++)
      if (ids[i] == ids[j] &&
          (ids[i] >= 0 || strcmp(kids[i]->string, kids[j]->string) == 0))
        return kids[j];
  return NULL;
}

static cpd_status map_object(mapper *m, const cJSON *obj, cpd__scope sc,
                             cpd_activity *act, cpd__pact *pact,
                             const cpd__path *at) {
  int ids[16];
  const cJSON *kids[16], *ch, *dup;
  cpd__path here;
  size_t n = 0, i;
  cpd_status st;
  for (ch = obj->child; ch && n < 16; ch = ch->next) {
    kids[n] = ch;
    ids[n++] = lookup(sc, ch->string, strlen(ch->string));
  }
  if (ch) { /* more than 16 members: sort them */
    int nomem;
    dup = cpd__object_duplicate(obj, &nomem);
    if (nomem)
      return cpd__out_of_memory(m->err);
  } else {
    dup = duplicate(obj, sc, ids, kids, n);
  }
  here.up = at;
  here.index = 0;
  if (dup) {
    here.key = dup->string;
    return cpd__tree_error(m->err, CPD__IN_DUPLICATE_KEY, &here);
  }
  for (ch = obj->child, i = 0; ch; ch = ch->next, i++) {
    int id = i < 16 ? ids[i] : lookup(sc, ch->string, strlen(ch->string));
    const cpd_field_info *f;
    here.key = ch->string;
    if (id < 0) {
      if ((st = unknown(m, sc, ch, &here)) != CPD_OK)
        return st;
      continue;
    }
    f = cpd__field((cpd_field_id)id);
    switch (f->kind) {
    case CPD_FIELD_OBJECT:
      if (IS_OBJECT(ch)) {
        st = map_object(m, ch, members_of((cpd_field_id)id), NULL, NULL, &here);
      } else if (!IS_NULL(ch)) {
        st = note(m, CPD__M_NOT_AN_OBJECT, &here) ? check_value(m, ch, &here)
                                                  : cpd__out_of_memory(m->err);
      } else {
        st = CPD_OK;
      }
      break;
    case CPD_FIELD_ARRAY:
      if (IS_ARRAY(ch))
        st = map_activities(m, ch, &here);
      else if (!IS_NULL(ch))
        st = note(m, CPD__M_NOT_AN_ARRAY, &here) ? check_value(m, ch, &here)
                                                 : cpd__out_of_memory(m->err);
      else
        st = CPD_OK;
      break;
    case CPD_FIELD_TEXT_LIST: {
      const cpd_value **list;
      size_t *count;
      cpd__field_list_slot(act, (cpd_field_id)id, &list, &count);
      st = list_of(m, ch, &here, list, count);
      cpd__prep_list(&m->prep, pact, (cpd_field_id)id, *list, *count,
                     !IS_ARRAY(ch) && !IS_NULL(ch));
      break;
    }
    default: {
      cpd_value *slot = cpd__field_slot(m->app, act, (cpd_field_id)id);
      st = check_value(m, ch, &here);
      *slot = value_of(ch);
      cpd__prep_field(&m->prep, m->papp, pact, (cpd_field_id)id, slot);
    }
    }
    if (st != CPD_OK)
      return st;
  }
  return CPD_OK;
}

static cpd_status map_activities(mapper *m, const cJSON *arr,
                                 const cpd__path *at) {
  const cJSON *ch;
  cpd__path here;
  cpd_activity *acts = NULL;
  cpd__pact *pacts = NULL;
  size_t n = 0, i = 0;
  cpd_status st;
  for (ch = arr->child; ch; ch = ch->next)
    n++;
  if (n > m->lim->max_activities || n >= CPD__NONE)
    m->too_many = 1; /* refused once the walk has found nothing worse */
  else if (n && (!(acts = cpd__arena_alloc(m->arena, n * sizeof *acts)) ||
                 !(pacts = cpd__arena_alloc(m->arena, n * sizeof *pacts))))
    return cpd__out_of_memory(m->err);
  here.up = at;
  here.key = NULL;
  for (ch = arr->child; ch; ch = ch->next, i++) {
    here.index = i;
    if (acts) {
      memset(&acts[i], 0, sizeof acts[i]);
      cpd__prep_init_activity(&pacts[i]);
    }
    if (acts && IS_OBJECT(ch))
      st = map_object(m, ch, CPD__IN_ACTIVITY, &acts[i], &pacts[i], &here);
    else
      st = check_value(m, ch, &here);
    if (st != CPD_OK)
      return st;
  }
  m->app->activities = acts;
  m->app->activity_count = acts ? n : 0;
  m->papp->acts = pacts;
  m->papp->nacts = acts ? n : 0;
  return CPD_OK;
}

/* Which required top-level keys are absent: a note for a key close to
 * one of them says so. */
static void mark_missing(mapper *m) {
  size_t i;
  for (i = 0; i < m->nnotes; i++) {
    cpd__pnote *n = &m->notes[i];
    const cpd_value *v;
    if (n->suggest < 0)
      continue;
    v = cpd__field_slot(m->app, NULL, (cpd_field_id)n->suggest);
    if (n->suggest == CPD_FIELD_ID_ACTIVITIES)
      n->present = m->app->activity_count > 0 || m->app->activities != NULL;
    else
      n->present = v && v->kind != CPD_VALUE_ABSENT;
  }
}

cpd_status cpd__map(cpd_application *app, cpd__papp *papp, cpd__arena *arena,
                    cpd__buf *norm, const struct cJSON *root,
                    const cpd_limits *lim, int bom, cpd_error *err) {
  mapper m;
  cpd_status st;
  memset(app, 0, sizeof *app);
  app->version = CPD_APPLICATION_VERSION;
  cpd__prep_init(papp);
  memset(&m, 0, sizeof m);
  m.arena = arena;
  m.app = app;
  m.papp = papp;
  m.prep.arena = arena;
  m.prep.norm = norm;
  m.prep.copy = 0; /* texts stay in the tree when already normal */
  m.lim = lim;
  m.err = err;
  if (!IS_OBJECT(root)) {
    st = cpd__tree_check(root, NULL, err);
    return st != CPD_OK ? st : cpd__not_object(err, bom);
  }
  st = map_object(&m, root, CPD__IN_ROOT, NULL, NULL, NULL);
  if (st == CPD_OK && m.too_many)
    st = cpd__too_many_activities(err);
  if (st == CPD_OK && m.prep.oom)
    st = cpd__out_of_memory(err);
  if (st != CPD_OK)
    return st;
  mark_missing(&m);
  cpd__prep_checks(papp);
  papp->notes = m.notes;
  papp->nnotes = m.nnotes;
  return CPD_OK;
}
