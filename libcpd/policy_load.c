/* policy_load.c - policy documents in (JSON.md "Policy document"): one
 * document merged over the default, or dated versions, each checked. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int key_is(const cJSON *j, const char *k) {
  return strcmp(j->string, k) == 0;
}

static int is_digit(unsigned char ch) { return ch >= '0' && ch <= '9'; }

/* ---------------------------------------------------------------- policy */

typedef struct ploader {
  cpd_policy *p;
  cpd_error *err;
  cpd__buf norm;
  char prefix[32]; /* "/versions/N" inside a versioned document */
} ploader;

/* Says what is wrong (message m) and where; CPD_EPOLICY. */
static cpd_status pol_bad(ploader *l, const char *path, cpd__msg_id m) {
  char full[300];
  snprintf(full, sizeof full, "%s%s", l->prefix, path);
  return cpd__fail(l->err, m, full, -1);
}

/* A whole number in [lo, hi]. */
static int pol_int(const cJSON *j, int lo, int hi, int *out) {
  cpd_points v;
  if (!cJSON_IsNumber(j) ||
      cpd__double_to_points(j->valuedouble, &v) != CPD__N_OK || v % 100 != 0 ||
      v / 100 < lo || v / 100 > hi)
    return 0;
  *out = (int)(v / 100);
  return 1;
}

/* Points in hundredths in [lo, hi]. */
static int pol_points(const cJSON *j, cpd_points lo, cpd_points hi,
                      cpd_points *out) {
  cpd_points v;
  if (!cJSON_IsNumber(j) ||
      cpd__double_to_points(j->valuedouble, &v) != CPD__N_OK || v < lo ||
      v > hi)
    return 0;
  *out = v;
  return 1;
}

static int pol_bool(const cJSON *j, int *out) {
  if (!cJSON_IsBool(j))
    return 0;
  *out = cJSON_IsTrue(j);
  return 1;
}

/* Normalised copy of a string into the policy's arena. */
/* Normalised copy of a non-empty string into the policy's arena: CPD_OK,
 * CPD_EPOLICY when j is not such a string (the caller says why and where),
 * or CPD_ENOMEM. */
static cpd_status pol_text(ploader *l, const cJSON *j, const char **out) {
  cpd_status st;
  *out = NULL;
  if (!cJSON_IsString(j))
    return CPD_EPOLICY;
  st = cpd__text_normalize(&l->norm, j->valuestring, strlen(j->valuestring));
  if (st != CPD_OK)
    return st == CPD_ENOMEM ? CPD_ENOMEM : CPD_EPOLICY;
  if (l->norm.len == 0)
    return CPD_EPOLICY;
  *out = cpd__arena_strndup(l->p->arena, l->norm.p, l->norm.len);
  return *out ? CPD_OK : CPD_ENOMEM;
}

static cpd_status pol_sections(ploader *l, const cJSON *arr) {
  const cJSON *it;
  size_t i = 0;
  char path[64];
  int seen[CPD__MAX_CATEGORIES] = {0};
  if (!cJSON_IsArray(arr))
    return pol_bad(l, "/sections", CPD__M_POL_SECTIONS_ARRAY);
  for (it = arr->child; it; it = it->next, i++) {
    const cJSON *f;
    cpd__section_policy *sp = NULL;
    const char *cat;
    snprintf(path, sizeof path, "/sections/%zu", i);
    if (!cJSON_IsObject(it))
      return pol_bad(l, path, CPD__M_POL_SECTION_OBJECT);
    f = cJSON_GetObjectItemCaseSensitive(it, "category");
    cat = cJSON_IsString(f) ? f->valuestring : "";
    snprintf(path, sizeof path, "/sections/%zu/category", i);
    if (strlen(cat) == 1)
      sp = (cpd__section_policy *)cpd__policy_section(l->p, cat[0]);
    if (!sp)
      return pol_bad(l, path, CPD__M_POL_SECTION_CATEGORY);
    if (seen[sp - l->p->sections]++)
      return pol_bad(l, path, CPD__M_POL_CATEGORY_TWICE);
    for (f = it->child; f; f = f->next) {
      int ok = 1;
      snprintf(path, sizeof path, "/sections/%zu/%s", i,
               strlen(f->string) < 24 ? f->string : "?");
      if (key_is(f, "category"))
        continue;
      else if (key_is(f, "per_year"))
        ok = pol_bool(f, &sp->per_year);
      else if (key_is(f, "evidence_required"))
        ok = pol_bool(f, &sp->evidence_required);
      else if (key_is(f, "form_rows"))
        ok = pol_int(f, 0, 1000, &sp->form_rows);
      else if (key_is(f, "cap")) {
        if (cJSON_IsNull(f))
          sp->cap = CPD_NO_CAP;
        else
          ok = pol_points(f, 0, 99999999, &sp->cap);
      } else
        return pol_bad(l, path, CPD__M_POL_SECTION_KEY);
      if (!ok)
        return pol_bad(l, path, CPD__M_POL_SECTION_VALUE);
    }
  }
  return CPD_OK;
}

/* {"amount": yen}: a whole number in [1, CPD__MAX_FEE_AMOUNT], the only
 * key, and needed (a fee without an amount says nothing). */
static cpd_status pol_fee(ploader *l, const cJSON *fee) {
  const cJSON *f, *amount = NULL;
  char path[64];
  double v;
  if (!cJSON_IsObject(fee))
    return pol_bad(l, "/fee", CPD__M_POL_FEE_OBJECT);
  for (f = fee->child; f; f = f->next) {
    if (!key_is(f, "amount")) {
      snprintf(path, sizeof path, "/fee/%s",
               strlen(f->string) < 40 ? f->string : "?");
      return pol_bad(l, path, CPD__M_POL_FEE_KEY);
    }
    amount = f;
  }
  v = cJSON_IsNumber(amount) ? amount->valuedouble : 0;
  /* in range first, so that the conversion is defined; then whole */
  if (!(v >= 1 && v <= (double)CPD__MAX_FEE_AMOUNT) ||
      (double)(long long)v != v)
    return pol_bad(l, "/fee/amount", CPD__M_POL_FEE_AMOUNT);
  l->p->fee_amount = (long long)v;
  return CPD_OK;
}

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

typedef struct ref {
  const char *s;
  size_t i;
} ref;

static int cmp_ref(const void *a, const void *b) {
  const ref *x = a, *y = b;
  int c = strcmp(x->s, y->s);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The index of the first entry that repeats an earlier one, or n: sorted
 * by text then position (n log n, whatever the list). */
static cpd_status first_repeat(const char **items, size_t n, size_t *at) {
  ref *r;
  size_t i;
  *at = n;
  if (n < 2)
    return CPD_OK;
  r = cpd__reallocarray(NULL, n, sizeof *r);
  if (!r)
    return CPD_ENOMEM;
  for (i = 0; i < n; i++) {
    r[i].s = items[i];
    r[i].i = i;
  }
  qsort(r, n, sizeof *r, cmp_ref);
  for (i = 1; i < n; i++)
    if (strcmp(r[i - 1].s, r[i].s) == 0 && r[i].i < *at)
      *at = r[i].i;
  cpd__free(r);
  return CPD_OK;
}

static cpd_status pol_list(ploader *l, const cJSON *arr, const char *name,
                           const char *const **out, size_t *count, int sort) {
  const cJSON *it;
  size_t n = 0, i = 0, bad = SIZE_MAX, dup;
  const char **items;
  char path[64];
  cpd_status st;
  if (!cJSON_IsArray(arr)) {
    snprintf(path, sizeof path, "/%s", name);
    return pol_bad(l, path, CPD__M_POL_STRING_ARRAY);
  }
  for (it = arr->child; it; it = it->next)
    n++;
  if (n > CPD__POLICY_MAX_LIST) {
    snprintf(path, sizeof path, "/%s", name);
    return pol_bad(l, path, CPD__M_POL_LIST_TOO_LONG);
  }
  items = cpd__arena_alloc(l->p->arena, (n ? n : 1) * sizeof *items);
  if (!items)
    return CPD_ENOMEM;
  for (it = arr->child; it; it = it->next, i++) {
    st = pol_text(l, it, &items[i]);
    if (st == CPD_ENOMEM)
      return st;
    if (st != CPD_OK) {
      bad = i;
      break;
    }
  }
  /* the first entry that is not a text, or that repeats one before it */
  if ((st = first_repeat(items, bad < n ? bad : n, &dup)) != CPD_OK)
    return st;
  if (dup < n && dup < bad) {
    snprintf(path, sizeof path, "/%s/%zu", name, dup);
    return pol_bad(l, path, CPD__M_POL_ENTRY_TWICE);
  }
  if (bad < n) {
    snprintf(path, sizeof path, "/%s/%zu", name, bad);
    return pol_bad(l, path, CPD__M_POL_ENTRY_EMPTY);
  }
  if (sort && n)
    qsort(items, n, sizeof *items, cmp_cstr);
  *out = items;
  *count = n;
  return CPD_OK;
}

/* The lookup keys of the sorted competencies (cpd__competency_key). */
static cpd_status competency_keys(ploader *l) {
  cpd_policy *p = l->p;
  uint64_t *keys;
  size_t i;
  keys = cpd__arena_alloc(
      p->arena, (p->competency_count ? p->competency_count : 1) * sizeof *keys);
  if (!keys)
    return CPD_ENOMEM;
  for (i = 0; i < p->competency_count; i++)
    keys[i] =
        cpd__competency_key(p->competencies[i], strlen(p->competencies[i]));
  p->competency_keys = keys;
  return CPD_OK;
}

static cpd_status map_policy(ploader *l, const cJSON *root) {
  cpd_policy *p = l->p;
  const cJSON *ch;
  cpd_status st = CPD_OK;
  for (ch = root->child; ch && st == CPD_OK; ch = ch->next) {
    char path[64];
    snprintf(path, sizeof path, "/%s",
             strlen(ch->string) < 40 ? ch->string : "?");
    if (key_is(ch, "name")) {
      st = pol_text(l, ch, &p->name);
      if (st == CPD_EPOLICY)
        st = pol_bad(l, path, CPD__M_POL_NAME);
    } else if (key_is(ch, "effective_from")) {
      cpd_day d = 0;
      cpd_status dst =
          cJSON_IsString(ch)
              ? cpd_day_parse(&d, ch->valuestring, strlen(ch->valuestring))
              : CPD_EINVAL;
      if (dst == CPD_ENOMEM)
        st = CPD_ENOMEM;
      else if (dst != CPD_OK)
        st = pol_bad(l, path, CPD__M_POL_EFFECTIVE_FROM);
      else
        p->effective_from = d;
    } else if (key_is(ch, "fiscal_year_starts")) {
      const char *s = cJSON_IsString(ch) ? ch->valuestring : "";
      int mo, d;
      if (strlen(s) != 5 || s[2] != '-' || !is_digit((unsigned char)s[0]) ||
          !is_digit((unsigned char)s[1]) || !is_digit((unsigned char)s[3]) ||
          !is_digit((unsigned char)s[4]) ||
          (mo = (s[0] - '0') * 10 + (s[1] - '0')) < 1 || mo > 12 ||
          (d = (s[3] - '0') * 10 + (s[4] - '0')) < 1 ||
          d > cpd__days_in_month(2001, mo))
        st = pol_bad(l, path, CPD__M_POL_FISCAL_YEAR);
      else {
        p->fy_month = mo;
        p->fy_day = d;
      }
    } else if (key_is(ch, "period_years")) {
      if (!pol_int(ch, 1, CPD__MAX_PERIOD_YEARS, &p->period_years))
        st = pol_bad(l, path, CPD__M_POL_PERIOD_YEARS);
    } else if (key_is(ch, "required_points")) {
      if (!pol_points(ch, 0, 99999999, &p->required))
        st = pol_bad(l, path, CPD__M_POL_REQUIRED_POINTS);
    } else if (key_is(ch, "points_per_hour")) {
      if (!pol_points(ch, 1, 999999, &p->points_per_hour))
        st = pol_bad(l, path, CPD__M_POL_POINTS_PER_HOUR);
    } else if (key_is(ch, "window")) {
      const cJSON *w;
      if (!cJSON_IsObject(ch)) {
        st = pol_bad(l, path, CPD__M_POL_WINDOW_OBJECT);
        continue;
      }
      for (w = ch->child; w && st == CPD_OK; w = w->next) {
        snprintf(path, sizeof path, "/window/%s",
                 strlen(w->string) < 40 ? w->string : "?");
        if (key_is(w, "opens_months_before_renewal")) {
          if (!pol_int(w, 0, 120, &p->opens_months))
            st = pol_bad(l, path, CPD__M_POL_MONTHS);
        } else if (key_is(w, "closes_months_before_renewal")) {
          if (!pol_int(w, 0, 120, &p->closes_months))
            st = pol_bad(l, path, CPD__M_POL_MONTHS);
        } else
          st = pol_bad(l, path, CPD__M_POL_WINDOW_KEY);
      }
    } else if (key_is(ch, "fee")) {
      st = pol_fee(l, ch);
    } else if (key_is(ch, "sections")) {
      st = pol_sections(l, ch);
    } else if (key_is(ch, "qualifications")) {
      st = pol_list(l, ch, "qualifications", &p->qualifications,
                    &p->qualification_count, 0);
      if (st == CPD_OK && p->qualification_count == 0)
        st = pol_bad(l, path, CPD__M_POL_QUALIFICATIONS);
    } else if (key_is(ch, "competencies")) {
      st = pol_list(l, ch, "competencies", &p->competencies,
                    &p->competency_count, 1);
      if (st == CPD_OK)
        st = competency_keys(l);
    } else {
      st = pol_bad(l, path, CPD__M_POL_KEY);
    }
  }
  if (st == CPD_OK && p->closes_months >= p->opens_months)
    st = pol_bad(l, "/window", CPD__M_POL_WINDOW_ORDER);
  return st;
}

/* {"versions": [ {...}, ... ]}: each version is merged over the one before
 * it (the first over the default), needs its own effective_from, and comes
 * after the one before. */
static cpd_status map_versions(ploader *l, const cJSON *root) {
  const cJSON *arr = root->child, *it;
  cpd_policy *top = l->p, *prev = l->p;
  const cpd_policy **list;
  size_t n = 0, i = 0;
  if (arr->next || !cJSON_IsArray(arr))
    return pol_bad(l, "/versions", CPD__M_POL_VERSIONS_ONLY);
  for (it = arr->child; it; it = it->next)
    n++;
  if (n == 0)
    return pol_bad(l, "/versions", CPD__M_POL_NO_VERSION);
  if (n > CPD__POLICY_MAX_VERSIONS)
    return pol_bad(l, "/versions", CPD__M_POL_TOO_MANY_VERSIONS);
  list = cpd__arena_alloc(top->arena, n * sizeof *list);
  if (!list)
    return CPD_ENOMEM;
  for (it = arr->child; it; it = it->next, i++) {
    cpd_policy *v = cpd__arena_alloc(top->arena, sizeof *v);
    cpd_status st;
    if (!v)
      return CPD_ENOMEM;
    *v = *prev;
    v->versions = NULL;
    v->version_count = 0;
    v->effective_from = CPD_DAY_NONE;
    snprintf(l->prefix, sizeof l->prefix, "/versions/%zu", i);
    if (!cJSON_IsObject(it))
      return pol_bad(l, "", CPD__M_POL_VERSION_OBJECT);
    l->p = v;
    st = map_policy(l, it);
    l->p = top;
    if (st != CPD_OK)
      return st;
    if (v->effective_from == CPD_DAY_NONE)
      return pol_bad(l, "/effective_from", CPD__M_POL_VERSION_DATE);
    if (!cJSON_GetObjectItemCaseSensitive(it, "name")) {
      /* not the name of the version before it: name it by its date */
      char name[40];
      cpd__text(name, sizeof name, CPD__M_VERSION_NAME, 0, NULL,
                v->effective_from, 0);
      v->name = cpd__arena_strndup(top->arena, name, strlen(name));
      if (!v->name)
        return CPD_ENOMEM;
    }
    list[i] = v;
    prev = v;
  }
  l->prefix[0] = '\0';
  for (i = 1; i < n; i++)
    if (list[i]->effective_from <= list[i - 1]->effective_from) {
      char path[48];
      snprintf(path, sizeof path, "/versions/%zu/effective_from", i);
      return pol_bad(l, path, CPD__M_POL_VERSION_ORDER);
    }
  {
    cpd__arena *arena = top->arena;
    *top = *list[n - 1]; /* the newest, for callers that ignore dates */
    top->arena = arena;
    top->versions = list;
    top->version_count = n;
  }
  return CPD_OK;
}

cpd_status cpd_policy_load_json(cpd_policy **out, const char *json, size_t len,
                                const cpd_limits *limits, cpd_error *err) {
  cpd_limits lim;
  cJSON *root = NULL;
  ploader l;
  cpd_status st;
  cpd_policy *p;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  if (!cpd__limits_resolve(&lim, limits))
    return cpd__invalid_argument(err);
  if (lim.max_document_bytes > CPD__POLICY_MAX_BYTES)
    lim.max_document_bytes = CPD__POLICY_MAX_BYTES; /* a policy's own limit */
  st = cpd__parse_object(&root, json, len, &lim, err);
  if (st != CPD_OK)
    return st;
  st = cpd_policy_default(&p);
  if (st == CPD_OK) {
    p->arena = cpd__calloc(1, sizeof *p->arena);
    if (!p->arena)
      st = CPD_ENOMEM;
  }
  if (st == CPD_OK) {
    memset(&l, 0, sizeof l);
    l.p = p;
    l.err = err;
    if (root->child && strcmp(root->child->string, "versions") == 0)
      st = map_versions(&l, root);
    else
      st = map_policy(&l, root);
    cpd__buf_free(&l.norm);
  }
  cJSON_Delete(root);
  if (st != CPD_OK) {
    if (st == CPD_ENOMEM)
      cpd__out_of_memory(err);
    cpd_policy_free(p);
    return st;
  }
  *out = p;
  return CPD_OK;
}
