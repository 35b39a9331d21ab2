/* csv_json.h - what the import needs to know about fields and codes
 * beyond the public field table.  Each function here stands for a public
 * call of the library that is on its way (see csv_json.c). */
#ifndef CPD_CLI_CSV_JSON_H
#define CPD_CLI_CSV_JSON_H
#include <stddef.h>

#include "cli.h"

/* The activity fields the import treats apart: a category cell may name
 * a section of the form ("B-2"), which sets the year too. */
typedef struct csv_special {
  const cpd_field_info *category, *year;
} csv_special;
void csv_special_init(csv_special *sp);

/* Sets field fi of activity a: a scalar from *v; a list borrows
 * items[0..count). */
void csv_activity_set(cpd_activity *a, const csv_special *sp,
                      const cpd_field_info *fi, const cpd_value *v);
void csv_activity_set_list(cpd_activity *a, const csv_special *sp,
                           const cpd_field_info *fi, const cpd_value *items,
                           size_t count);

/* The characters that separate the items of a list cell of field fi (a
 * UTF-8 string), and the length of the one p starts with (0: none). */
const char *csv_list_separators(const cpd_field_info *fi);
size_t csv_separator_at(const char *seps, const char *p);
/* The length of a dash p starts with: "-", U+2010, U+2212 or U+2013. */
size_t csv_dash_at(const char *p);

/* 1 when a diagnostic code says the value as written cannot be read. */
int csv_code_unreadable(const char *code);

#endif
