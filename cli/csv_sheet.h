/* csv_sheet.h - what the spreadsheet files share: csv_read.c turns the
 * bytes of a spreadsheet export into rows of UTF-8 cells, csv_import.c
 * turns the rows into an application document.  Messages name the file,
 * the row as the spreadsheet shows it and, for a data row, the activity. */
#ifndef CPD_CLI_CSV_SHEET_H
#define CPD_CLI_CSV_SHEET_H
#include <stdio.h>

#include "cli.h"

/* Messages of one import: "cpd import-csv: FILE: row N (activity K): ..."
 * on out, in the chosen language; the first SHEET_MAX_REPORTED are
 * written, all are counted. */
#define SHEET_MAX_REPORTED 200
typedef struct sheet_msgs {
  const char *file; /* as named on the command line */
  int ja;
  FILE *out;            /* stderr, or NULL: counted only */
  unsigned long errors; /* how many were found */
  size_t activity;      /* 1-based activity of the row reported; 0: none */
  /* Another command's sheet (zero: import-csv's): the command named in
   * messages, the rows (header included) and bytes read at most. */
  const char *cmd;  /* NULL: "import-csv" */
  size_t max_rows;  /* 0: the header and CPD_DEFAULT_MAX_ACTIVITIES */
  size_t max_bytes; /* 0: CPD_DEFAULT_MAX_DOCUMENT_BYTES */
} sheet_msgs;

/* One error at spreadsheet row `row` (0: the whole file); ja_fmt is
 * en_fmt in Japanese, a literal beside it at every call (the compiler
 * checks en_fmt against the arguments). */
void sheet_error(sheet_msgs *m, unsigned long row, const char *ja_fmt,
                 const char *en_fmt, ...) CLI_PRINTF(4, 5);

/* One row that has any text (blank rows are counted, not kept). */
typedef struct sheet_row {
  char **cells; /* UTF-8, trimmed of ASCII and ideographic spaces */
  size_t n;
  unsigned long row; /* as the spreadsheet numbers it, 1-based */
  size_t nul_col;    /* 1-based column of a cell holding a NUL byte, or 0 */
} sheet_row;

typedef struct sheet {
  sheet_row *rows; /* rows[0] is the header */
  size_t n, cap;
} sheet;

/* A row's cells beyond the library's limits stop the reading: a cell is
 * at most one text of an application (CPD_DEFAULT_MAX_STRING_BYTES), the
 * rows at most the header and CPD_DEFAULT_MAX_ACTIVITIES, and a row at
 * most SHEET_MAX_COLUMNS cells. */
#define SHEET_MAX_COLUMNS 256

/* The bytes of a spreadsheet export (at most one document's size,
 * CPD_DEFAULT_MAX_DOCUMENT_BYTES) as rows: UTF-8 or CP932 (encoding
 * "auto", "utf-8" or "cp932", decided from the whole file), CSV as RFC
 * 4180 reads it.  0, EXIT_INPUT after messages (nothing kept), or
 * EXIT_NOMEM.  Free with sheet_free() whatever it returns. */
int sheet_read(sheet *out, sheet_msgs *m, const char *encoding, const char *raw,
               size_t len);
void sheet_free(sheet *s);

/* Trims ASCII and ideographic spaces in place; returns s. */
char *sheet_trim(char *s);

#endif
