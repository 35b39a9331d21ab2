/* csv_export.c - `cpd check --format csv`: the per-activity result as CSV
 * that Excel opens as it is (UTF-8 with BOM, CRLF), every text cell that a
 * spreadsheet would take for a formula defused. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "cli.h"

/* One cell: quoted by libcsv when it holds a separator, a quote, a line
 * break or edge spaces; plain otherwise, so that numbers stay numbers. */
static void put_cell(FILE *out, const char *s) {
  size_t len = strlen(s);
  if (len && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[len - 1] == ' '))
    csv_fwrite(out, s, len);
  else
    fputs(s, out);
}

/* Does a text cell start like a formula?  A spreadsheet reads a cell that
 * starts with = + - @ (or their full-width forms, which Japanese input
 * gives), a tab or a CR as a formula, even after spaces: "-1+1",
 * "=HYPERLINK(...)", "-2+3+cmd|' /C calc'!A0". */
int cli_csv_formula_like(const char *s) {
  static const char *const wide[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B",
                                     "\xEF\xBC\x8D", "\xEF\xBC\xA0",
                                     NULL}; /* ＝ ＋ － ＠ */
  size_t k;
  while (*s == ' ')
    s++;
  if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
      *s == '\r')
    return 1;
  for (k = 0; wide[k]; k++)
    if (strncmp(s, wide[k], 3) == 0)
      return 1;
  return 0;
}

/* A text cell (an id, a message: anything that is not a number of ours):
 * one that a spreadsheet would take for a formula gets a leading
 * apostrophe, as OWASP's advice on CSV injection has it, whatever
 * follows (a text that merely looks numeric, "-5", is still text).
 * Numbers of the result go in their own columns with fprintf, unprefixed.
 * -1 when out of memory. */
static int put_text_cell(FILE *out, const char *s) {
  if (cli_csv_formula_like(s)) {
    char *q = malloc(strlen(s) + 2);
    if (!q)
      return -1;
    q[0] = '\'';
    strcpy(q + 1, s);
    put_cell(out, q);
    free(q);
    return 0;
  }
  put_cell(out, s);
  return 0;
}

int cli_print_csv(FILE *out, const cpd_result *r, int ja) {
  size_t i, j, n = cpd_result_activity_count(r),
               nd = cpd_result_diagnostic_count(r);
  /* each activity's diagnostics in input order, linked once (first[i],
   * then next[j]): linear however many there are */
  size_t *first = malloc((n ? n : 1) * sizeof *first);
  size_t *next = malloc((nd ? nd : 1) * sizeof *next);
  int rc = 0;
  if (!first || !next) {
    rc = -1;
    goto done;
  }
  for (i = 0; i < n; i++)
    first[i] = (size_t)-1;
  for (j = nd; j-- > 0;) {
    size_t k = cpd_result_diagnostic(r, j)->activity;
    if (k < n) {
      next[j] = first[k];
      first[k] = j;
    }
  }
  /* activity: 1-based, as people count (the JSON index + 1); row: its row
   * in its section on the form */
  fputs("\xEF\xBB\xBF"
        "activity,id,section,row,year,claimed,counted,status,diagnostics\r\n",
        out);
  for (i = 0; i < n && rc == 0; i++) {
    const cpd_activity_result *a = cpd_result_activity(r, i);
    char num[32];
    char *diag = NULL;
    size_t dlen = 0;
    FILE *d = open_memstream(&diag, &dlen);
    if (!d) {
      rc = -1;
      break;
    }
    for (j = first[i]; j != (size_t)-1; j = next[j]) {
      const cpd_diagnostic *g = cpd_result_diagnostic(r, j);
      fprintf(d, "%s%s (%s): %s", j == first[i] ? "" : "; ", g->code,
              cpd_severity_str(g->severity), ja ? g->message_ja : g->message);
    }
    if (fclose(d) != 0 || !diag) {
      free(diag);
      rc = -1;
      break;
    }
    fprintf(out, "%zu,", a->index + 1);
    if (put_text_cell(out, a->id ? a->id : "") != 0)
      rc = -1;
    fputc(',', out);
    put_text_cell(out, a->section ? a->section : "");
    fputc(',', out);
    if (cpd_result_activity_row(r, i)) /* its row on the form */
      fprintf(out, "%zu", cpd_result_activity_row(r, i));
    fputc(',', out);
    if (a->year > 0)
      fprintf(out, "%d", a->year);
    fputc(',', out);
    cpd_points_format(num, a->claimed);
    fprintf(out, "%s,", num);
    cpd_points_format(num, a->counted);
    fprintf(out, "%s,%s,", num, cpd_activity_status_str(a->status));
    if (put_text_cell(out, diag) != 0)
      rc = -1;
    free(diag);
    fputs("\r\n", out);
  }
done:
  free(first);
  free(next);
  return rc;
}
