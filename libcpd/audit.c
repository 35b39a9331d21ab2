/* audit.c - the annual audit (年次監査, docs/RULES.md R16): SipHash-2-4 keyed
 * by the seed over each normalised certification number, a threshold on the
 * hash (or the lowest hashes of each qualification with stratify), the
 * include list, and duplicate numbers.  No JSON here: a roster line is read
 * through jsondoc.c (cpd__json_*). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* k1 = seed ^ "cpd_audi", so that the two halves of the key differ. */
#define AUDIT_K1_TWEAK UINT64_C(0x6370645f61756469)
#define PPM 1000000u

/* ---------------------------------------------------------------- rate */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Digits [. digits] [%], at most 1 (100%), whole millionths. */
static int rate_parse(uint32_t *ppm, const char *s, size_t n) {
  size_t i = 0, decimals = 0, max_decimals = 6;
  uint64_t v = 0;
  if (n > 0 && s[n - 1] == '%') {
    n--;
    max_decimals = 4; /* 0.0001% is one millionth */
  }
  if (n == 0 || !is_digit(s[0]))
    return 0;
  for (; i < n && is_digit(s[i]); i++) {
    v = v * 10 + (uint64_t)(s[i] - '0');
    if (v > 100) /* more than 100%: refused whatever follows */
      return 0;
  }
  if (i < n && s[i] == '.') {
    if (++i == n || !is_digit(s[i]))
      return 0;
    for (; i < n && is_digit(s[i]); i++, decimals++) {
      if (decimals >= max_decimals) {
        if (s[i] != '0') /* finer than a millionth */
          return 0;
        continue;
      }
      v = v * 10 + (uint64_t)(s[i] - '0');
    }
  }
  if (i != n)
    return 0;
  for (; decimals < max_decimals; decimals++)
    v *= 10;
  if (v > PPM)
    return 0;
  *ppm = (uint32_t)v;
  return 1;
}

cpd_status cpd_audit_rate_parse(uint32_t *rate_ppm, const char *text,
                                size_t len, cpd_error *err) {
  if (!rate_ppm || (!text && len))
    return cpd__invalid_argument(err);
  if (!rate_parse(rate_ppm, text, len))
    return cpd__fail(err, CPD__M_AUD_RATE, "", -1);
  return CPD_OK;
}

/* ------------------------------------------------------------ SipHash */

/* SipHash-2-4 (Aumasson and Bernstein, public-domain reference code). */
#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                               \
  do {                                                                         \
    v0 += v1;                                                                  \
    v1 = ROTL(v1, 13);                                                         \
    v1 ^= v0;                                                                  \
    v0 = ROTL(v0, 32);                                                         \
    v2 += v3;                                                                  \
    v3 = ROTL(v3, 16);                                                         \
    v3 ^= v2;                                                                  \
    v0 += v3;                                                                  \
    v3 = ROTL(v3, 21);                                                         \
    v3 ^= v0;                                                                  \
    v2 += v1;                                                                  \
    v1 = ROTL(v1, 17);                                                         \
    v1 ^= v2;                                                                  \
    v2 = ROTL(v2, 32);                                                         \
  } while (0)

static uint64_t load_le64(const unsigned char *p, size_t n) {
  uint64_t v = 0;
  size_t i;
  for (i = n; i > 0; i--)
    v = (v << 8) | p[i - 1];
  return v;
}

uint64_t cpd__siphash24(uint64_t k0, uint64_t k1, const void *msg, size_t len) {
  const unsigned char *in = msg;
  uint64_t v0 = UINT64_C(0x736f6d6570736575) ^ k0;
  uint64_t v1 = UINT64_C(0x646f72616e646f6d) ^ k1;
  uint64_t v2 = UINT64_C(0x6c7967656e657261) ^ k0;
  uint64_t v3 = UINT64_C(0x7465646279746573) ^ k1;
  uint64_t b = (uint64_t)len << 56, m;
  size_t i, whole = len - len % 8;
  for (i = 0; i < whole; i += 8) {
    m = load_le64(in + i, 8);
    v3 ^= m;
    SIPROUND;
    SIPROUND;
    v0 ^= m;
  }
  if (whole < len)
    b |= load_le64(in + whole, len - whole);
  v3 ^= b;
  SIPROUND;
  SIPROUND;
  v0 ^= b;
  v2 ^= 0xff;
  SIPROUND;
  SIPROUND;
  SIPROUND;
  SIPROUND;
  return v0 ^ v1 ^ v2 ^ v3;
}

/* A certification number as one holder's key, in place, after NFKC: the
 * dashes input methods and word processors give (U+2010 ‐, U+2012 ‒,
 * U+2013 –, U+2014 —, U+2015 ―, U+2212 −, U+30FC ー; after NFKC ‑ is ‐,
 * － and ﹣ are '-', ｰ is ー: the date separators' set, date.c) become
 * '-', and ASCII letters upper case, so that "omp‐000101" and
 * "OMP-000101" are one holder. */
static void number_key(cpd__buf *b) {
  static const char *const dashes[] = {
      "\xe2\x80\x90", "\xe2\x80\x92", "\xe2\x80\x93", "\xe2\x80\x94",
      "\xe2\x80\x95", "\xe2\x88\x92", "\xe3\x83\xbc"};
  size_t i, o = 0, k;
  for (i = 0; i < b->len;) {
    unsigned char c = (unsigned char)b->p[i];
    int dash = 0;
    if ((c == 0xe2 || c == 0xe3) && b->len - i >= 3)
      for (k = 0; k < sizeof dashes / sizeof dashes[0] && !dash; k++)
        dash = memcmp(b->p + i, dashes[k], 3) == 0;
    if (dash) {
      b->p[o++] = '-';
      i += 3;
    } else {
      b->p[o++] = (char)(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
      i++;
    }
  }
  b->len = o;
  if (b->p) /* (cpd__buf_cstr made room for the NUL at the old length) */
    b->p[o] = '\0';
}

static uint64_t audit_hash(uint64_t seed, const char *s, size_t n) {
  return cpd__siphash24(seed, seed ^ AUDIT_K1_TWEAK, s, n);
}

cpd_status cpd_audit_hash(uint64_t *out, const char *number, size_t len,
                          uint64_t seed) {
  cpd__buf norm = CPD__BUF_INIT;
  cpd_status st;
  if (!out || (!number && len))
    return CPD_EINVAL;
  *out = 0;
  st = cpd__text_normalize(&norm, number ? number : "", len);
  if (st == CPD_OK && (!cpd__buf_cstr(&norm)))
    st = CPD_ENOMEM;
  if (st == CPD_OK)
    number_key(&norm);
  if (st == CPD_OK && norm.len == 0)
    st = CPD_EINVAL; /* not a certification number */
  if (st == CPD_OK)
    *out = audit_hash(seed, norm.p, norm.len);
  cpd__buf_free(&norm);
  return st;
}

/* ------------------------------------------------------------- selector */

struct cpd_audit {
  uint64_t seed;
  uint32_t rate_ppm;
  int stratify;
  int finished;
  char **include; /* normalised, sorted (strcmp), in the arena */
  size_t include_count;
  cpd_audit_entry *entries;
  size_t count, cap;
  size_t *slots;   /* open addressing over entries: index + 1, 0 empty */
  size_t slot_cap; /* a power of two, at least twice count */
  cpd__arena arena;
  cpd__buf norm;
};

static const char R_SAMPLED[] = "sampled";
static const char R_INCLUDED[] = "included";
static const char R_STRATUM[] = "stratum";
static const char R_NOT_SAMPLED[] = "not_sampled";

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

void cpd_audit_free(cpd_audit *audit) {
  if (!audit)
    return;
  cpd__free(audit->include);
  cpd__free(audit->entries);
  cpd__free(audit->slots);
  cpd__arena_free(&audit->arena);
  cpd__buf_free(&audit->norm);
  cpd__free(audit);
}

/* Normalised copy of s into the arena (a certification number's key
 * when number); NULL with *st set on failure (CPD_EINVAL for invalid
 * UTF-8). */
static char *norm_copy(cpd_audit *a, const char *s, size_t *len, int number,
                       cpd_status *st) {
  char *d;
  *st = cpd__text_normalize(&a->norm, s, strlen(s));
  if (*st != CPD_OK)
    return NULL;
  if (!cpd__buf_cstr(&a->norm)) {
    *st = CPD_ENOMEM;
    return NULL;
  }
  if (number)
    number_key(&a->norm);
  d = cpd__arena_strndup(&a->arena, a->norm.p, a->norm.len);
  if (!d) {
    *st = CPD_ENOMEM;
    return NULL;
  }
  if (len)
    *len = a->norm.len;
  return d;
}

cpd_status cpd_audit_new(cpd_audit **out, const cpd_audit_options *opts) {
  cpd_audit *a;
  size_t i;
  cpd_status st = CPD_OK;
  if (!out)
    return CPD_EINVAL;
  *out = NULL;
  if (!opts || !CPD__VERSION_OK(opts->version, CPD_AUDIT_OPTIONS_VERSION) ||
      opts->rate_ppm > PPM || (opts->include_count && !opts->include))
    return CPD_EINVAL;
  for (i = 0; i < opts->include_count; i++)
    if (!opts->include[i])
      return CPD_EINVAL;
  a = cpd__calloc(1, sizeof *a);
  if (!a)
    return CPD_ENOMEM;
  a->seed = opts->seed;
  a->rate_ppm = opts->rate_ppm;
  a->stratify = opts->stratify != 0;
  if (opts->include_count) {
    a->include = cpd__reallocarray(NULL, opts->include_count, sizeof(char *));
    if (!a->include)
      st = CPD_ENOMEM;
    for (i = 0; st == CPD_OK && i < opts->include_count; i++) {
      size_t n = 0;
      a->include[i] = norm_copy(a, opts->include[i], &n, 1, &st);
      if (st == CPD_OK && n == 0)
        st = CPD_EINVAL; /* an empty certification number */
    }
    a->include_count = opts->include_count;
    if (st == CPD_OK)
      qsort(a->include, a->include_count, sizeof *a->include, cmp_cstr);
  }
  if (st != CPD_OK) {
    cpd_audit_free(a);
    return st;
  }
  *out = a;
  return CPD_OK;
}

/* The slot of number (hash h) in the table: its entry's, or an empty one. */
static size_t *find_slot(const cpd_audit *a, uint64_t h, const char *number) {
  size_t mask = a->slot_cap - 1, i = (size_t)h & mask;
  for (;;) {
    size_t *s = &a->slots[i];
    if (*s == 0 || strcmp(a->entries[*s - 1].number, number) == 0)
      return s;
    i = (i + 1) & mask;
  }
}

static int grow_slots(cpd_audit *a) {
  size_t cap = a->slot_cap ? a->slot_cap * 2 : 64, i, *old = a->slots;
  size_t *slots = cpd__calloc(cap, sizeof *slots);
  if (!slots)
    return 0;
  a->slots = slots;
  a->slot_cap = cap;
  for (i = 0; i < a->count; i++)
    *find_slot(a, a->entries[i].hash, a->entries[i].number) = i + 1;
  cpd__free(old);
  return 1;
}

/* cpd_audit_add with the JSON Pointer of the number (and of the
 * qualification) for error messages. */
static cpd_status audit_add(cpd_audit *a, const char *number,
                            const char *qualification, const char *num_path,
                            const char *qual_path, cpd_error *err) {
  cpd_audit_entry e;
  cpd_status st;
  size_t n, *slot;
  memset(&e, 0, sizeof e);
  st = cpd__text_normalize(&a->norm, number, strlen(number));
  if (st == CPD_EINVAL)
    return cpd__fail(err, CPD__M_AUD_NUMBER_NOT_UTF8, num_path, -1);
  if (st != CPD_OK || !cpd__buf_cstr(&a->norm))
    return cpd__out_of_memory(err);
  number_key(&a->norm);
  n = a->norm.len;
  if (n == 0)
    return cpd__fail(err, CPD__M_AUD_NUMBER_EMPTY, num_path, -1);
  e.hash = audit_hash(a->seed, a->norm.p, n);
  if (a->slots) {
    slot = find_slot(a, e.hash, a->norm.p);
    if (*slot)
      return cpd__fail(err, CPD__M_AUD_NUMBER_TWICE, num_path, -1);
  }
  e.number = cpd__arena_strndup(&a->arena, a->norm.p, n);
  if (!e.number)
    return cpd__out_of_memory(err);
  if (qualification) {
    e.qualification = norm_copy(a, qualification, NULL, 0, &st);
    if (st == CPD_EINVAL)
      return cpd__fail(err, CPD__M_AUD_QUALIFICATION_NOT_UTF8, qual_path, -1);
    if (st != CPD_OK)
      return cpd__out_of_memory(err);
  } else {
    e.qualification = "";
  }
  e.reason = R_NOT_SAMPLED;
  if (a->count == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 64;
    cpd_audit_entry *ne = cpd__reallocarray(a->entries, cap, sizeof *ne);
    if (!ne)
      return cpd__out_of_memory(err);
    a->entries = ne;
    a->cap = cap;
  }
  if ((a->count + 1) * 2 > a->slot_cap && !grow_slots(a))
    return cpd__out_of_memory(err);
  a->entries[a->count] = e;
  *find_slot(a, e.hash, e.number) = a->count + 1;
  a->count++;
  return CPD_OK;
}

cpd_status cpd_audit_add(cpd_audit *audit, const char *number,
                         const char *qualification, cpd_error *err) {
  if (!audit || !number || audit->finished)
    return cpd__invalid_argument(err);
  return audit_add(audit, number, qualification, "", "", err);
}

cpd_status cpd_audit_add_json(cpd_audit *audit, const char *json, size_t len,
                              cpd_error *err) {
  /* a roster line is an application document or its own short form
   * {"number": .., "qualification": ..} */
  static const char roster_number[] = "number", roster_path[] = "/number";
  const cpd_field_info *cert = cpd__field(CPD_FIELD_ID_CERTIFICATION),
                       *number = cpd__field(CPD_FIELD_ID_CERT_NUMBER),
                       *qualification = cpd__field(CPD_FIELD_ID_QUALIFICATION);
  cpd__json *doc = NULL;
  cpd_value num, qual;
  const char *path = number->pointer;
  cpd_status st;
  if (!audit || (!json && len) || audit->finished)
    return cpd__invalid_argument(err);
  st = cpd__json_parse(&doc, json, len, NULL, 0, err);
  if (st != CPD_OK)
    return st;
  num = cpd__json_member(doc, cert->key, number->key);
  if (num.kind == CPD_VALUE_ABSENT) {
    num = cpd__json_member(doc, roster_number, NULL);
    if (num.kind != CPD_VALUE_ABSENT ||
        cpd__json_member(doc, cert->key, NULL).kind == CPD_VALUE_ABSENT)
      path = roster_path;
  }
  qual = cpd__json_member(doc, qualification->key, NULL);
  if (num.kind != CPD_VALUE_TEXT) {
    st = cpd__fail(err,
                   num.kind == CPD_VALUE_ABSENT ? CPD__M_AUD_NO_NUMBER
                                                : CPD__M_AUD_NUMBER_NOT_TEXT,
                   path, -1);
  } else {
    st = audit_add(audit, num.text,
                   qual.kind == CPD_VALUE_TEXT ? qual.text : NULL, path,
                   qualification->pointer, err);
  }
  cpd__json_free(doc);
  return st;
}

/* Stratum order: qualification, then hash, then number. */
static int cmp_stratum(const void *x, const void *y) {
  const cpd_audit_entry *a = *(const cpd_audit_entry *const *)x;
  const cpd_audit_entry *b = *(const cpd_audit_entry *const *)y;
  int c = strcmp(a->qualification, b->qualification);
  if (c)
    return c;
  if (a->hash != b->hash)
    return a->hash < b->hash ? -1 : 1;
  return strcmp(a->number, b->number);
}

/* Marks the ceil(rate * n_q) lowest of each qualification (reason
 * R_STRATUM; the others R_NOT_SAMPLED). */
static int mark_strata(cpd_audit *a) {
  cpd_audit_entry **order;
  size_t i, j;
  if (!a->count)
    return 1;
  order = cpd__reallocarray(NULL, a->count, sizeof *order);
  if (!order)
    return 0;
  for (i = 0; i < a->count; i++)
    order[i] = &a->entries[i];
  qsort(order, a->count, sizeof *order, cmp_stratum);
  for (i = 0; i < a->count; i = j) {
    uint64_t n, take, k;
    for (j = i + 1; j < a->count && strcmp(order[j]->qualification,
                                           order[i]->qualification) == 0;
         j++)
      ;
    n = (uint64_t)(j - i);
    /* n * rate fits: n < 2^44 holders in any real memory */
    take = (n * a->rate_ppm + (PPM - 1)) / PPM;
    for (k = 0; k < n; k++) {
      order[i + (size_t)k]->selected = k < take;
      order[i + (size_t)k]->reason = k < take ? R_STRATUM : R_NOT_SAMPLED;
    }
  }
  cpd__free(order);
  return 1;
}

cpd_status cpd_audit_finish(cpd_audit *audit) {
  size_t i;
  if (!audit)
    return CPD_EINVAL;
  if (audit->stratify && !mark_strata(audit))
    return CPD_ENOMEM;
  for (i = 0; i < audit->count; i++) {
    cpd_audit_entry *e = &audit->entries[i];
    const char *key = e->number;
    if (audit->include_count &&
        bsearch(&key, audit->include, audit->include_count,
                sizeof *audit->include, cmp_cstr)) {
      e->selected = 1;
      e->reason = R_INCLUDED;
    } else if (!audit->stratify) {
      e->selected = e->hash % PPM < audit->rate_ppm;
      e->reason = e->selected ? R_SAMPLED : R_NOT_SAMPLED;
    }
  }
  audit->finished = 1;
  return CPD_OK;
}

size_t cpd_audit_count(const cpd_audit *audit) {
  return audit ? audit->count : 0;
}

const cpd_audit_entry *cpd_audit_entry_at(const cpd_audit *audit, size_t i) {
  if (!audit || !audit->finished || i >= audit->count)
    return NULL;
  return &audit->entries[i];
}
