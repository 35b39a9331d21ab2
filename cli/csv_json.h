/* csv_json.h - what the import needs to know about fields and codes
 * beyond the public field table, and the application document it writes.
 * Each function here stands for a public call of the library that is on
 * its way (see csv_json.c); the import calls nothing else of the kind. */
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

/* The activity field whose spreadsheet header is header (compared after
 * NFKC and case folding, without spaces, "_" and "-"), or NULL.  CPD_OK,
 * or CPD_ENOMEM. */
cpd_status csv_field_find_header(const cpd_field_info **out, const char *header,
                                 size_t len);

/* The application document of app (its activities' numbers as the
 * library reads them: a plain number as a JSON number).  0 with *out
 * (free()), EXIT_INPUT after a message naming applicant_name, or
 * EXIT_NOMEM. */
int csv_application_json(char **out, size_t *len, const cpd_application *app,
                         const csv_special *sp, const char *applicant_name,
                         int ja);

#endif
