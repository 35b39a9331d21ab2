/* csv_json.c - stand-ins for public calls the library is adding: values
 * by field (cpd_activity_set), list separators (cpd_field_separators),
 * section names (cpd_section_parse), unreadable codes
 * (cpd_code_unreadable).  Each goes when its call lands; nothing else in
 * the CLI knows what these know. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
