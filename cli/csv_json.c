/* csv_json.c - stand-ins for public calls the library is adding
 * (/work/notes/api-20.md): values by field (C7), list separators (C4),
 * unreadable codes (C3), header matching (cpd_field_find_header) and the
 * application writer (cpd_application_to_json).  Each goes when its call
 * lands; nothing else in the CLI knows what these know. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "csv_json.h"

/* ------------------------------------------------------ values by field */

typedef struct slot {
  const char *pointer;
  size_t value;       /* offsetof the cpd_value, or (size_t)-1 for a list */
  size_t list, count; /* offsetof the list pointer and its count */
} slot;

#define SCALAR(p, m)                                                           \
  { p, offsetof(cpd_activity, m), 0, 0 }
#define LIST(p, m, n)                                                          \
  { p, (size_t)-1, offsetof(cpd_activity, m), offsetof(cpd_activity, n) }
static const slot slots[] = {
    SCALAR("/activities/-/id", id),
    SCALAR("/activities/-/category", category),
    SCALAR("/activities/-/title", title),
    SCALAR("/activities/-/completed_on", completed_on),
    SCALAR("/activities/-/hours", hours),
    SCALAR("/activities/-/points", points),
    SCALAR("/activities/-/year", year),
    LIST("/activities/-/evidence", evidence, evidence_count),
    LIST("/activities/-/competencies", competencies, competency_count)};

static const slot *slot_of(const cpd_field_info *fi) {
  size_t i;
  for (i = 0; fi && i < sizeof slots / sizeof *slots; i++)
    if (strcmp(slots[i].pointer, fi->pointer) == 0)
      return &slots[i];
  return NULL;
}

void csv_special_init(csv_special *sp) {
  sp->category = cpd_field_find("/activities/-/category", NULL);
  sp->year = cpd_field_find("/activities/-/year", NULL);
}

void csv_activity_set(cpd_activity *a, const csv_special *sp,
                      const cpd_field_info *fi, const cpd_value *v) {
  const slot *s = slot_of(fi);
  (void)sp;
  if (s && s->value != (size_t)-1)
    memcpy((char *)a + s->value, v, sizeof *v);
}

void csv_activity_set_list(cpd_activity *a, const csv_special *sp,
                           const cpd_field_info *fi, const cpd_value *items,
                           size_t count) {
  const slot *s = slot_of(fi);
  (void)sp;
  if (s && s->value == (size_t)-1) {
    memcpy((char *)a + s->list, &items, sizeof items);
    memcpy((char *)a + s->count, &count, sizeof count);
  }
}

static const cpd_value *activity_value(const cpd_activity *a, const slot *s,
                                       size_t *count) {
  if (s->value != (size_t)-1) {
    *count = 1;
    return (const cpd_value *)(const void *)((const char *)a + s->value);
  }
  {
    const cpd_value *items;
    memcpy(&items, (const char *)a + s->list, sizeof items);
    memcpy(count, (const char *)a + s->count, sizeof *count);
    return items;
  }
}

/* --------------------------------------------------------- separators */

const char *csv_list_separators(const cpd_field_info *fi) {
  /* file names may hold spaces and commas; codes never do */
  if (fi->pointer && strcmp(fi->pointer, "/activities/-/evidence") == 0)
    return ";\xEF\xBC\x9B"; /* ; ； */
  return ";, \t\xEF\xBC\x9B\xEF\xBC\x8C\xE3\x80\x81\xE3\x80\x80";
  /* ; , space tab ； ， 、 U+3000 */
}

/* The length of the UTF-8 character at p (1 for a stray byte). */
static size_t char_len(const char *p) {
  unsigned char c = (unsigned char)*p;
  return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

size_t csv_separator_at(const char *seps, const char *p) {
  const char *s;
  if (!*p)
    return 0;
  for (s = seps; *s; s += char_len(s)) {
    size_t n = char_len(s);
    if (strncmp(s, p, n) == 0)
      return n;
  }
  return 0;
}

size_t csv_dash_at(const char *p) {
  /* any dash: ASCII, hyphen U+2010, minus U+2212, en dash U+2013 */
  if (*p == '-')
    return 1;
  if (strncmp(p, "\xE2\x80\x90", 3) == 0 ||
      strncmp(p, "\xE2\x88\x92", 3) == 0 || strncmp(p, "\xE2\x80\x93", 3) == 0)
    return 3;
  return 0;
}

/* -------------------------------------------------------------- codes */

int csv_code_unreadable(const char *code) {
  return strcmp(code, "activity.invalid_number") == 0 ||
         strcmp(code, "activity.invalid_date") == 0 ||
         strcmp(code, "activity.invalid_category") == 0;
}

/* ------------------------------------------------------------ headers */

/* NFKC, case-folded, without spaces, underscores or hyphens: how header
 * names are compared.  NULL when out of memory or not UTF-8. */
static char *header_key(const char *s, size_t len) {
  utf8proc_uint8_t *m = NULL;
  utf8proc_ssize_t n =
      utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
                   UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                       UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  char *r, *w;
  if (n < 0)
    return NULL;
  for (r = w = (char *)m; *r; r++)
    if (*r != ' ' && *r != '_' && *r != '-' && *r != '\t')
      *w++ = *r;
  *w = '\0';
  return (char *)m;
}

cpd_status csv_field_find_header(const cpd_field_info **out, const char *header,
                                 size_t len) {
  size_t i, n = cpd_field_count();
  char *key = header_key(header, len);
  *out = NULL;
  if (!key)
    return CPD_ENOMEM;
  for (i = 0; i < n && !*out; i++) {
    const cpd_field_info *fi = cpd_field_at(i);
    const char *h = fi->csv_headers;
    while (h && *h && !*out) {
      const char *e = strchr(h, '|');
      size_t hl = e ? (size_t)(e - h) : strlen(h);
      char *k = header_key(h, hl);
      if (!k) {
        free(key);
        return CPD_ENOMEM;
      }
      if (strcmp(k, key) == 0)
        *out = fi;
      free(k);
      h = e ? e + 1 : h + hl;
    }
  }
  free(key);
  return CPD_OK;
}

/* ------------------------------------------------------------- writer */

static void json_string(FILE *out, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  fputc('"', out);
  for (; *p; p++) {
    switch (*p) {
    case '"':
      fputs("\\\"", out);
      break;
    case '\\':
      fputs("\\\\", out);
      break;
    case '\n':
      fputs("\\n", out);
      break;
    case '\r':
      fputs("\\r", out);
      break;
    case '\t':
      fputs("\\t", out);
      break;
    default:
      if (*p < 0x20)
        fprintf(out, "\\u%04x", *p);
      else
        fputc(*p, out);
    }
  }
  fputc('"', out);
}

/* A value of the applicant document as it was given.  -1 for an array or
 * object where a scalar belongs (the document API does not keep them). */
static int json_value(FILE *out, const cpd_value *v) {
  switch (v->kind) {
  case CPD_VALUE_TEXT:
    json_string(out, v->text);
    return 0;
  case CPD_VALUE_NUMBER:
    if (v->number == (double)(long long)v->number && v->number < 1e15 &&
        v->number > -1e15)
      fprintf(out, "%lld", (long long)v->number);
    else
      fprintf(out, "%.17g", v->number);
    return 0;
  case CPD_VALUE_BOOL:
    fputs(v->boolean ? "true" : "false", out);
    return 0;
  case CPD_VALUE_NULL:
    fputs("null", out);
    return 0;
  case CPD_VALUE_ABSENT:
  case CPD_VALUE_OTHER:
    break;
  }
  return -1;
}

typedef struct member {
  const char *key;
  const cpd_value *value;
  const char *path;
} member;

/* Writes the present members of one object (at indent); returns how many
 * were written, or -1 (with a message) for a value that cannot be carried
 * over. */
static int json_members(FILE *out, const member *m, size_t n, int indent,
                        const char *name, int ja) {
  size_t i;
  int written = 0;
  for (i = 0; i < n; i++) {
    if (m[i].value->kind == CPD_VALUE_ABSENT)
      continue;
    if (m[i].value->kind == CPD_VALUE_OTHER) {
      cli_message(stderr,
                  ja ? "cpd import-csv: %s: %s は値（文字列・数・真偽値）では"
                       "ありません\n"
                     : "cpd import-csv: %s: %s is not a text, number or "
                       "boolean value\n",
                  name, m[i].path);
      return -1;
    }
    fprintf(out, "%s%*s", written ? ",\n" : "", indent, "");
    json_string(out, m[i].key);
    fputs(": ", out);
    json_value(out, m[i].value);
    written++;
  }
  return written;
}

/* 1 when s is a JSON number as a person writes one: 6, 1.5, 0.25. */
static int plain_number(const char *s) {
  const char *p = s;
  if (*p == '0')
    p++;
  else if (*p >= '1' && *p <= '9')
    while (*p >= '0' && *p <= '9')
      p++;
  else
    return 0;
  if (*p == '.') {
    if (!(p[1] >= '0' && p[1] <= '9'))
      return 0;
    for (p++; *p >= '0' && *p <= '9'; p++)
      ;
  }
  return *p == '\0';
}

/* A number field's text as the document carries it: the text as the
 * library reads it (NFKC, spaces folded), a JSON number when it is a plain
 * number ("６" -> 6), else a string ("1時間30分").  0, or -1 out of
 * memory. */
static int json_amount(FILE *out, const char *cell) {
  char *norm = NULL;
  size_t len = 0;
  cpd_status st = cpd_text_normalize(&norm, &len, cell, strlen(cell));
  if (st == CPD_ENOMEM)
    return -1;
  if (st != CPD_OK) /* (not reached: the CSV was checked as UTF-8) */
    json_string(out, cell);
  else if (plain_number(norm))
    fputs(norm, out);
  else
    json_string(out, norm);
  cpd_string_free(norm);
  return 0;
}

static int write_activity(FILE *out, const cpd_activity *a) {
  size_t f, nf = cpd_field_count(), k;
  int first = 1;
  fputs("\n    {\n", out);
  for (f = 0; f < nf; f++) {
    const cpd_field_info *fi = cpd_field_at(f);
    const slot *s = slot_of(fi);
    size_t count = 0;
    const cpd_value *v;
    if (!s)
      continue;
    v = activity_value(a, s, &count);
    if (s->value == (size_t)-1 ? count == 0 : v->kind == CPD_VALUE_ABSENT)
      continue;
    fprintf(out, "%s      ", first ? "" : ",\n");
    first = 0;
    json_string(out, fi->key);
    fputs(": ", out);
    if (s->value == (size_t)-1) {
      fputc('[', out);
      for (k = 0; k < count; k++) {
        if (k)
          fputs(", ", out);
        json_value(out, &v[k]);
      }
      fputc(']', out);
    } else if (fi->kind == CPD_FIELD_NUMBER && v->kind == CPD_VALUE_TEXT) {
      if (json_amount(out, v->text) != 0)
        return -1;
    } else {
      json_value(out, v);
    }
  }
  fputs("\n    }", out);
  return 0;
}

static int write_application(FILE *out, const cpd_application *ap,
                             const char *applicant_path, int ja) {
  const cpd_applicant *p = &ap->applicant;
  const member top[] = {
      {"applied_on", &ap->applied_on, "/applied_on"},
      {"qualification", &ap->qualification, "/qualification"}};
  const member cert[] = {
      {"number", &ap->certification_number, "/certification/number"},
      {"expires_on", &ap->expires_on, "/certification/expires_on"}};
  const member appl[] = {
      {"name", &p->name, "/applicant/name"},
      {"name_kana", &p->name_kana, "/applicant/name_kana"},
      {"company", &p->company, "/applicant/company"},
      {"company_kana", &p->company_kana, "/applicant/company_kana"},
      {"postal_code", &p->postal_code, "/applicant/postal_code"},
      {"address", &p->address, "/applicant/address"},
      {"phone", &p->phone, "/applicant/phone"},
      {"mobile", &p->mobile, "/applicant/mobile"},
      {"email", &p->email, "/applicant/email"}};
  const member fee[] = {{"paid_on", &ap->fee_paid_on, "/fee/paid_on"},
                        {"payer_name", &ap->fee_payer_name, "/fee/payer_name"}};
  const member oath[] = {{"oath_agreed", &ap->oath_agreed, "/oath_agreed"}};
  const struct {
    const char *key;
    const member *m;
    size_t n;
  } groups[] = {{NULL, top, 2},
                {"certification", cert, 2},
                {"applicant", appl, 9},
                {"fee", fee, 2},
                {NULL, oath, 1}};
  size_t g, i;
  int any = 0;

  fputs("{\n", out);
  for (g = 0; g < sizeof groups / sizeof *groups; g++) {
    size_t present = 0;
    for (i = 0; i < groups[g].n; i++)
      present += groups[g].m[i].value->kind != CPD_VALUE_ABSENT;
    if (!present)
      continue;
    if (groups[g].key) {
      fprintf(out, "%s  ", any ? ",\n" : "");
      json_string(out, groups[g].key);
      fputs(": {\n", out);
      if (json_members(out, groups[g].m, groups[g].n, 4, applicant_path, ja) <
          0)
        return -1;
      fputs("\n  }", out);
    } else {
      if (any)
        fputs(",\n", out);
      if (json_members(out, groups[g].m, groups[g].n, 2, applicant_path, ja) <
          0)
        return -1;
    }
    any = 1;
  }
  fprintf(out, "%s  \"activities\": [", any ? ",\n" : "");
  for (i = 0; i < ap->activity_count; i++) {
    if (i)
      fputc(',', out);
    if (write_activity(out, &ap->activities[i]) != 0)
      return -2;
  }
  fputs(ap->activity_count ? "\n  ]\n}\n" : "]\n}\n", out);
  return 0;
}

int csv_application_json(char **out, size_t *len, const cpd_application *app,
                         const csv_special *sp, const char *applicant_name,
                         int ja) {
  FILE *mem;
  int rc;
  (void)sp;
  *out = NULL;
  *len = 0;
  mem = open_memstream(out, len);
  if (!mem)
    return EXIT_NOMEM;
  rc = write_application(mem, app, applicant_name, ja);
  if (fclose(mem) != 0 && rc == 0)
    rc = -2;
  if (rc != 0) {
    free(*out);
    *out = NULL;
    return rc == -2 ? EXIT_NOMEM : EXIT_INPUT;
  }
  return 0;
}
