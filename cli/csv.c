/* csv.c - spreadsheets in and out: `cpd import-csv` turns the activities of
 * a spreadsheet export (UTF-8 with or without BOM, or Shift_JIS/CP932 as
 * Japanese Excel writes it; headers as on the form or in English) plus an
 * applicant document into an application document, and `cpd check --format
 * csv` writes the per-activity result as CSV that Excel opens as it is
 * (UTF-8 with BOM, CRLF).  Parsing is libcsv's; the CLI writes JSON text
 * but never parses JSON (the applicant document goes through
 * cpd_document_load_json). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <utf8proc.h>

#include "cli.h"

/* ------------------------------------------------------------ CSV output */

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
  size_t *rows = cli_form_rows(r);
  /* each activity's diagnostics in input order, linked once (first[i],
   * then next[j]): linear however many there are */
  size_t *first = malloc((n ? n : 1) * sizeof *first);
  size_t *next = malloc((nd ? nd : 1) * sizeof *next);
  int rc = 0;
  if (!rows || !first || !next) {
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
    if (rows[i])
      fprintf(out, "%zu", rows[i]);
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
  free(rows);
  free(first);
  free(next);
  return rc;
}

/* ------------------------------------------------------------- CSV input */

enum field_id {
  F_TITLE,
  F_DATE,
  F_HOURS,
  F_POINTS,
  F_CATEGORY,
  F_ID,
  F_EVIDENCE,
  F_COMPETENCIES,
  F_YEAR,
  F_COUNT
};

/* The column of each field comes from the library's field table (the
 * headers accepted for it, whether it is required): this is only which row
 * each column is. */
static const char *const field_pointer[F_COUNT] = {
    "/activities/-/title",    "/activities/-/completed_on",
    "/activities/-/hours",    "/activities/-/points",
    "/activities/-/category", "/activities/-/id",
    "/activities/-/evidence", "/activities/-/competencies",
    "/activities/-/year"};

#define MAX_HEADERS 8 /* per field in the table */

static const cpd_field_info *field_info(size_t f) {
  return cpd_field_find(field_pointer[f], NULL);
}

/* The headers of field f, split from the table's "a|b|c" into store;
 * returns how many. */
static size_t field_headers(size_t f, char store[256],
                            const char *out[MAX_HEADERS]) {
  const char *h = field_info(f)->csv_headers;
  size_t n = 0, len = strlen(h) < 255 ? strlen(h) : 255, i, start = 0;
  memcpy(store, h, len);
  store[len] = '\0';
  for (i = 0; i <= len && n < MAX_HEADERS; i++)
    if (store[i] == '|' || store[i] == '\0') {
      store[i] = '\0';
      out[n++] = store + start;
      start = i + 1;
    }
  return n;
}

/* Every accepted header, field by field ("a, b, c; d, e; ..."). */
static void all_headers(char *buf, size_t cap) {
  size_t f, k, used = 0;
  buf[0] = '\0';
  for (f = 0; f < F_COUNT; f++) {
    char store[256];
    const char *h[MAX_HEADERS];
    size_t n = field_headers(f, store, h);
    for (k = 0; k < n; k++) {
      int w = snprintf(buf + used, cap - used, "%s%s",
                       k   ? ", "
                       : f ? "; "
                           : "",
                       h[k]);
      if (w < 0 || (size_t)w >= cap - used)
        return;
      used += (size_t)w;
    }
  }
}

typedef struct record {
  char **cells;
  size_t n;
  unsigned long row; /* spreadsheet row, 1-based */
  size_t nul_col;    /* 1-based column of a cell holding a NUL byte, or 0 */
} record;

/* The limits an import applies while it reads, so that what it writes is
 * a document `cpd check` accepts (the library's defaults, cpd.h's
 * cpd_limits) and memory stays bounded whatever the input. */
#define CSV_MAX_ACTIVITIES 10000 /* cpd_limits.max_activities */
#define CSV_MAX_CELL 4096        /* cpd_limits.max_string_bytes */
#define CSV_MAX_COLUMNS 256      /* a row's cells */

/* Which limit stopped the reading. */
enum { STOP_NONE, STOP_CELL, STOP_COLUMNS, STOP_ROWS };

typedef struct reader {
  record *recs; /* the rows with any text (blank rows are only counted) */
  size_t nrec, caprec;
  char **cur;
  size_t ncur, capcur;
  size_t cur_nul;
  unsigned long row;
  int last_cr; /* the previous record ended on CR (a CRLF's LF follows) */
  int oom;
  int stop;               /* STOP_*: a limit was reached; reading stopped */
  unsigned long stop_row; /* where */
  size_t stop_col;
} reader;

static char *trim(char *s);

static void on_field(void *s, size_t len, void *data) {
  reader *rd = data;
  char *cell;
  if (rd->oom || rd->stop)
    return;
  if (len > CSV_MAX_CELL || rd->ncur == CSV_MAX_COLUMNS) {
    /* checked before the cell is copied: a 10 MB cell costs nothing */
    rd->stop = len > CSV_MAX_CELL ? STOP_CELL : STOP_COLUMNS;
    rd->stop_row = rd->row + 1;
    rd->stop_col = rd->ncur + 1;
    return;
  }
  if (rd->ncur == rd->capcur) {
    size_t cap = rd->capcur ? rd->capcur * 2 : 16;
    char **nc = realloc(rd->cur, cap * sizeof *nc);
    if (!nc) {
      rd->oom = 1;
      return;
    }
    rd->cur = nc;
    rd->capcur = cap;
  }
  cell = malloc(len + 1);
  if (!cell) {
    rd->oom = 1;
    return;
  }
  if (len)
    memcpy(cell, s, len);
  cell[len] = '\0';
  if (len && memchr(cell, '\0', len) && !rd->cur_nul)
    rd->cur_nul = rd->ncur + 1;
  trim(cell); /* once, here: a row of spaces is as blank as an empty one */
  rd->cur[rd->ncur++] = cell;
}

static void drop_current(reader *rd) {
  size_t j;
  for (j = 0; j < rd->ncur; j++)
    free(rd->cur[j]);
  rd->ncur = 0;
  rd->cur_nul = 0;
}

/* With CSV_REPALL_NL every unquoted CR and LF ends a record: an LF right
 * after a CR-ended record is the second half of a CRLF, any other empty
 * one a blank row.  So rows are numbered as a spreadsheet shows them. */
static void on_record(int c, void *data) {
  reader *rd = data;
  size_t j;
  int blank = 1;
  if (rd->oom || rd->stop)
    return;
  if (rd->ncur == 0 && c == '\n' && rd->last_cr) {
    rd->last_cr = 0;
    return;
  }
  rd->row++;
  rd->last_cr = c == '\r';
  for (j = 0; j < rd->ncur && blank; j++)
    blank = !rd->cur[j][0] && rd->cur_nul != j + 1;
  if (blank) { /* counted, not kept: 64 MiB of ",\n" is no memory */
    drop_current(rd);
    return;
  }
  if (rd->nrec == CSV_MAX_ACTIVITIES + 1) { /* the header and 10,000 */
    rd->stop = STOP_ROWS;
    rd->stop_row = rd->row;
    drop_current(rd);
    return;
  }
  if (rd->nrec == rd->caprec) {
    size_t cap = rd->caprec ? rd->caprec * 2 : 64;
    record *nr = realloc(rd->recs, cap * sizeof *nr);
    if (!nr) {
      rd->oom = 1;
      return;
    }
    rd->recs = nr;
    rd->caprec = cap;
  }
  rd->recs[rd->nrec].cells = rd->cur;
  rd->recs[rd->nrec].n = rd->ncur;
  rd->recs[rd->nrec].row = rd->row;
  rd->recs[rd->nrec].nul_col = rd->cur_nul;
  rd->nrec++;
  rd->cur = NULL;
  rd->ncur = rd->capcur = 0;
  rd->cur_nul = 0;
}

static void reader_free(reader *rd) {
  size_t i, j;
  for (i = 0; i < rd->nrec; i++) {
    for (j = 0; j < rd->recs[i].n; j++)
      free(rd->recs[i].cells[j]);
    free(rd->recs[i].cells);
  }
  for (j = 0; j < rd->ncur; j++)
    free(rd->cur[j]);
  free(rd->cur);
  free(rd->recs);
}

/* The import's state: its options, messages and what it has read. */
typedef struct import {
  const char *csv_path;
  int ja;
  unsigned long errors;
  size_t activity; /* 1-based number of the row's activity; 0: none */
  FILE *msgs;      /* where messages go (stderr), or NULL: none */
} import;

#define MAX_REPORTED_ERRORS 200

/* "cpd import-csv: FILE: row N: message" on stderr, in the chosen
 * language; row 0 for a message about the whole file. */
static void row_error(import *im, unsigned long row, const char *ja_fmt,
                      const char *en_fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void row_error(import *im, unsigned long row, const char *ja_fmt,
                      const char *en_fmt, ...) {
  va_list ap;
  im->errors++;
  if (im->errors > MAX_REPORTED_ERRORS || !im->msgs)
    return;
  /* the file name and the cells quoted are made safe for the terminal */
  cli_message(im->msgs, "cpd import-csv: %s: ", im->csv_path);
  if (row && im->activity)
    cli_message(im->msgs,
                im->ja ? "%lu 行目（活動 %zu）: " : "row %lu (activity %zu): ",
                row, im->activity);
  else if (row)
    cli_message(im->msgs, im->ja ? "%lu 行目: " : "row %lu: ", row);
  va_start(ap, en_fmt);
  /* ja_fmt is en_fmt in Japanese, a literal beside it at every call: the
   * compiler checks en_fmt against the arguments */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
  cli_vmessage(im->msgs, im->ja ? ja_fmt : en_fmt, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  va_end(ap);
  fputc('\n', im->msgs);
}

/* The spreadsheet row and column (1-based, as a spreadsheet shows them)
 * of byte off of a CSV text.  The structure of a CSV (quotes, commas, line
 * breaks) is ASCII, and neither UTF-8 nor CP932 uses those bytes inside a
 * character, so this holds for the raw bytes of either encoding; rows are
 * counted as the reader counts them (CR, LF or CRLF ends one, outside
 * quotes). */
static void cell_at(const char *s, size_t len, size_t off, unsigned long *row,
                    size_t *col) {
  size_t i;
  int quoted = 0, start = 1;
  *row = 1;
  *col = 1;
  for (i = 0; i < off && i < len; i++) {
    char c = s[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < len && s[i + 1] == '"' && i + 1 < off)
          i++; /* "" inside quotes */
        else
          quoted = 0;
      }
      continue;
    }
    if (c == '"' && start) {
      quoted = 1;
    } else if (c == ',') {
      ++*col;
      start = 1;
      continue;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < len && s[i + 1] == '\n' && i + 1 < off)
        i++;
      ++*row;
      *col = 1;
      start = 1;
      continue;
    }
    if (c != ' ' && c != '\t')
      start = 0;
  }
}

/* UTF-8 check of a whole text: 1 when valid; else 0 with the offset of
 * the first bad byte in *bad, and how many multi-byte characters were
 * valid (*good) against how many bytes were not (*bad_bytes). */
static int is_utf8(const char *s, size_t len, size_t *bad, size_t *good,
                   size_t *bad_bytes) {
  size_t i = 0;
  int ok = 1;
  *good = *bad_bytes = 0;
  while (i < len) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n;
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                         (utf8proc_ssize_t)(len - i), &c);
    if (n <= 0) {
      if (ok)
        *bad = i;
      ok = 0;
      ++*bad_bytes;
      i++;
      continue;
    }
    ++*good;
    i += (size_t)n;
  }
  return ok;
}

/* CP932 (Shift_JIS as Windows and Excel write it) to UTF-8 with glibc's
 * iconv.  Returns 0, or -1 with the offset of the first bad byte, or -2
 * when the system has no CP932 converter, -3 out of memory. */
static int from_cp932(const char *in, size_t len, char **out, size_t *olen,
                      size_t *bad) {
  iconv_t cd = iconv_open("UTF-8", "CP932");
  size_t cap = len * 3 + 4, inleft = len, outleft = cap;
  char *buf, *ip = (char *)in, *op;
  if (cd == (iconv_t)-1)
    return -2;
  buf = malloc(cap);
  if (!buf) {
    iconv_close(cd);
    return -3;
  }
  op = buf;
  if (iconv(cd, &ip, &inleft, &op, &outleft) == (size_t)-1) {
    *bad = (size_t)(ip - in);
    free(buf);
    iconv_close(cd);
    return -1;
  }
  iconv_close(cd);
  *out = buf;
  *olen = (size_t)(op - buf);
  return 0;
}

/* NFKC, case-folded, without spaces, underscores or hyphens: how header
 * names are compared ("学習（受講）時間" == "学習(受講)時間",
 * "Completed On" == "completed_on").  The caller free()s the result. */
static char *header_key(const char *s) {
  utf8proc_uint8_t *m = NULL;
  utf8proc_ssize_t n =
      utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
                   UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                       UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  char *r, *w;
  if (n < 0)
    return NULL;
  for (r = w = (char *)m; *r; r++)
    if (*r != ' ' && *r != '_' && *r != '-' && *r != '\t')
      *w++ = *r;
  *w = '\0';
  return (char *)m;
}

/* NFKC of a cell, trimmed of spaces (the ideographic space becomes one
 * under NFKC).  The caller free()s it; NULL when out of memory or not
 * UTF-8. */
static char *nfkc_trim(const char *s) {
  utf8proc_uint8_t *m = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                        UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
  char *b, *e;
  if (n < 0)
    return NULL;
  b = (char *)m;
  while (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n')
    b++;
  e = b + strlen(b);
  while (e > b &&
         (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
    e--;
  memmove(m, b, (size_t)(e - b));
  m[e - b] = '\0';
  return (char *)m;
}

/* Trims ASCII and ideographic spaces in place; returns s. */
static char *trim(char *s) {
  char *b = s, *e;
  for (;;) {
    if (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n')
      b++;
    else if (strncmp(b, "\xE3\x80\x80", 3) == 0)
      b += 3;
    else
      break;
  }
  e = b + strlen(b);
  for (;;) {
    if (e > b &&
        (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
      e--;
    else if (e - b >= 3 && strncmp(e - 3, "\xE3\x80\x80", 3) == 0)
      e -= 3;
    else
      break;
  }
  memmove(s, b, (size_t)(e - b));
  s[e - b] = '\0';
  return s;
}

/* A decimal with at most 2 decimals (trailing zeros beyond them are a
 * spreadsheet's formatting and are dropped) as hundredths.  0 or -1. */
static int parse_hundredths(const char *s, long long *out) {
  long long v = 0;
  int dec = -1;
  const char *p = s;
  if (!*p)
    return -1;
  for (; *p; p++) {
    if (*p == '.') {
      if (dec >= 0 || p == s)
        return -1;
      dec = 0;
    } else if (*p >= '0' && *p <= '9') {
      if (dec >= 2) {
        if (*p != '0')
          return -1;
        continue;
      }
      if (v > 100000000LL)
        return -1;
      v = v * 10 + (*p - '0');
      if (dec >= 0)
        dec++;
    } else {
      return -1;
    }
  }
  if (p[-1] == '.')
    return -1;
  if (dec < 0)
    dec = 0;
  while (dec++ < 2)
    v *= 10;
  *out = v;
  return 0;
}

/* One activity as read from a row (text in UTF-8, owned). */
typedef struct row_activity {
  unsigned long row;
  char *id, *title;
  char category;
  int year;             /* 0: none */
  char date[11];        /* ISO */
  char *hours, *points; /* the cells as written (points NULL when empty):
                          the library reads them, as it reads JSON */
  char **evidence;
  size_t evidence_count;
  char **competencies;
  size_t competency_count;
} row_activity;

static void row_activity_free(row_activity *a) {
  size_t i;
  free(a->id);
  free(a->title);
  free(a->hours);
  free(a->points);
  for (i = 0; i < a->evidence_count; i++)
    free(a->evidence[i]);
  free(a->evidence);
  for (i = 0; i < a->competency_count; i++)
    free(a->competencies[i]);
  free(a->competencies);
}

/* Splits a cell at any of the separators (ASCII set, plus the UTF-8
 * sequences in wide) into trimmed, non-empty parts.  -1 when out of
 * memory. */
static int split(const char *cell, const char *seps, const char *const *wide,
                 char ***out, size_t *count) {
  char *copy = strdup(cell), *p, *start;
  char **parts = NULL;
  size_t n = 0;
  *out = NULL;
  *count = 0;
  if (!copy)
    return -1;
  for (p = start = copy;; p++) {
    size_t skip = 0, k;
    if (*p == '\0' || strchr(seps, *p))
      skip = 1;
    for (k = 0; !skip && wide && wide[k]; k++)
      if (strncmp(p, wide[k], strlen(wide[k])) == 0)
        skip = strlen(wide[k]);
    if (skip) {
      char end = *p;
      *p = '\0';
      trim(start);
      if (*start) {
        char **np = realloc(parts, (n + 1) * sizeof *np);
        char *dup = strdup(start);
        if (!np || !dup) {
          free(np ? np : parts);
          free(dup);
          free(copy);
          return -1;
        }
        parts = np;
        parts[n++] = dup;
      }
      if (end == '\0')
        break;
      p += skip - 1;
      start = p + 1;
    }
  }
  free(copy);
  *out = parts;
  *count = n;
  return 0;
}

/* The category cell: A..D, or a form section such as B-1 (the year). */
static int parse_category(const char *cell, char *cat, int *year) {
  char *n = nfkc_trim(cell), *p;
  int ok = 0;
  if (!n)
    return -1;
  p = n;
  if ((*p >= 'A' && *p <= 'D') || (*p >= 'a' && *p <= 'd')) {
    *cat = (char)(*p & ~0x20);
    p++;
    *year = 0;
    if (*p == '\0') {
      ok = 1;
    } else {
      /* any dash: ASCII, hyphen U+2010, minus U+2212, en dash U+2013 */
      if (*p == '-')
        p++;
      else if (strncmp(p, "\xE2\x80\x90", 3) == 0 ||
               strncmp(p, "\xE2\x88\x92", 3) == 0 ||
               strncmp(p, "\xE2\x80\x93", 3) == 0)
        p += 3;
      if (*p >= '1' && *p <= '9' && p[1] == '\0') {
        *year = *p - '0';
        ok = 1;
      }
    }
  }
  free(n);
  return ok ? 0 : -1;
}

typedef struct columns {
  int col[F_COUNT];          /* cell index of each field, -1 when absent */
  const char *name[F_COUNT]; /* the header as written */
  char store[F_COUNT][256];  /* the table's headers of each field, split */
  size_t ncols;
  const record *header;
} columns;

/* Maps the header row to fields.  Every column must be known (nothing is
 * dropped silently), no field may appear twice, the required ones must be
 * there. */
static int map_header(import *im, const record *h, columns *c) {
  size_t i, f, k;
  int bad = 0;
  char *keys[F_COUNT][MAX_HEADERS];
  memset(keys, 0, sizeof keys);
  for (f = 0; f < F_COUNT; f++) {
    const char *names[MAX_HEADERS];
    size_t n = field_headers(f, c->store[f], names);
    c->col[f] = -1;
    c->name[f] = names[0];
    for (k = 0; k < n; k++)
      if (!(keys[f][k] = header_key(names[k])))
        bad = -1;
  }
  c->ncols = h->n;
  c->header = h;
  for (i = 0; bad >= 0 && i < h->n; i++) {
    char *key;
    int found = -1;
    if (!h->cells[i][0])
      continue; /* an empty header cell: its column must stay empty */
    key = header_key(h->cells[i]);
    if (!key) {
      bad = -1;
      break;
    }
    for (f = 0; f < F_COUNT && found < 0; f++)
      for (k = 0; k < MAX_HEADERS && keys[f][k]; k++)
        if (strcmp(key, keys[f][k]) == 0) {
          found = (int)f;
          break;
        }
    free(key);
    if (found < 0) {
      char list[1024];
      all_headers(list, sizeof list);
      row_error(im, h->row,
                "列 %zu の見出し「%s」は分かりません。使える見出し: %s",
                "column %zu: unknown header \"%s\"; the headers are: %s", i + 1,
                h->cells[i], list);
      bad = 1;
    } else if (c->col[found] >= 0) {
      row_error(im, h->row, "列 %zu「%s」と列 %zu「%s」は同じ項目です",
                "columns %zu (\"%s\") and %zu (\"%s\") are the same field",
                (size_t)c->col[found] + 1, c->name[found], i + 1, h->cells[i]);
      bad = 1;
    } else {
      c->col[found] = (int)i;
      c->name[found] = h->cells[i];
    }
  }
  for (f = 0; bad >= 0 && f < F_COUNT; f++)
    if (field_info(f)->required && c->col[f] < 0) {
      const char *names[MAX_HEADERS];
      char store[256];
      size_t n = field_headers(f, store, names);
      /* the form's header, and the English one (the last) */
      row_error(im, h->row, "必須の列「%s」(%s) がありません",
                "the required column \"%s\" (%s) is missing", names[0],
                names[n - 1]);
      bad = 1;
    }
  for (f = 0; f < F_COUNT; f++)
    for (k = 0; k < MAX_HEADERS; k++)
      free(keys[f][k]);
  return bad;
}

static int record_blank(const record *r) {
  size_t k;
  for (k = 0; k < r->n; k++)
    if (r->cells[k][0])
      return 0;
  return 1;
}

static const char *cell_of(const record *r, const columns *c, int f) {
  int i = c->col[f];
  return i >= 0 && (size_t)i < r->n ? r->cells[i] : "";
}

/* Reads one data row into a; reports each problem.  0 ok, 1 bad row,
 * -1 out of memory. */
static int read_row(import *im, const record *r, const columns *c,
                    row_activity *a) {
  static const char *const semicolons[] = {"\xEF\xBC\x9B", NULL}; /* ； */
  static const char *const commas[] = {"\xEF\xBC\x9B", "\xEF\xBC\x8C",
                                       "\xE3\x80\x81", "\xE3\x80\x80",
                                       NULL}; /* ；，、and U+3000 */
  size_t i;
  int bad = 0;
  const char *s;
  char *n;
  memset(a, 0, sizeof *a);
  a->row = r->row;
  if (r->nul_col) {
    row_error(im, r->row, "列 %zu: セルに NUL バイトがあります",
              "column %zu: the cell holds a NUL byte", r->nul_col);
    return 1;
  }
  for (i = 0; i < r->n; i++)
    if ((i >= c->ncols || !c->header->cells[i][0]) && r->cells[i][0]) {
      row_error(im, r->row, "列 %zu に値がありますが見出しがありません",
                "column %zu has a value but no header", i + 1);
      bad = 1;
    }

  s = cell_of(r, c, F_TITLE);
  a->title = strdup(s);
  if (!a->title)
    return -1;
  if (!a->title[0]) {
    row_error(im, r->row, "「%s」が空です", "\"%s\" is empty",
              c->name[F_TITLE]);
    bad = 1;
  }

  s = cell_of(r, c, F_CATEGORY);
  if (!s[0]) {
    row_error(im, r->row, "「%s」が空です", "\"%s\" is empty",
              c->name[F_CATEGORY]);
    bad = 1;
  } else if (parse_category(s, &a->category, &a->year) != 0) {
    row_error(im, r->row,
              "「%s」の「%s」は A, B, C, D（または B-1 〜 D-3）ではありません",
              "\"%s\": \"%s\" is not A, B, C or D (or B-1 ... D-3)",
              c->name[F_CATEGORY], s);
    bad = 1;
  }

  s = cell_of(r, c, F_YEAR);
  if (s[0]) {
    long long y;
    n = nfkc_trim(s);
    if (!n)
      return -1;
    /* "2" or "2年目" */
    if (strlen(n) > 6 && strcmp(n + strlen(n) - 6, "年目") == 0)
      n[strlen(n) - 6] = '\0';
    if (parse_hundredths(n, &y) != 0 || y % 100 != 0 || y < 100 || y > 900) {
      row_error(im, r->row, "「%s」の「%s」は 1 〜 9 の年目ではありません",
                "\"%s\": \"%s\" is not a year 1 to 9", c->name[F_YEAR], s);
      bad = 1;
    } else if (a->year && a->year != (int)(y / 100)) {
      row_error(im, r->row, "「%s」(%d年目) と「%s」(%s) が食い違います",
                "\"%s\" (year %d) and \"%s\" (%s) disagree",
                c->name[F_CATEGORY], a->year, c->name[F_YEAR], s);
      bad = 1;
    } else {
      a->year = (int)(y / 100);
    }
    free(n);
  }

  s = cell_of(r, c, F_DATE);
  if (!s[0]) {
    row_error(im, r->row, "「%s」が空です", "\"%s\" is empty", c->name[F_DATE]);
    bad = 1;
  } else {
    cpd_day d;
    if (cpd_day_parse(&d, s, strlen(s)) != CPD_OK) {
      row_error(im, r->row,
                "「%s」の「%s」は日付ではありません（2024-06-15, "
                "2024/6/15, 令和6年6月15日, R6.6.15 などの形で）",
                "\"%s\": \"%s\" is not a date (write 2024-06-15, "
                "2024/6/15, 令和6年6月15日 or R6.6.15)",
                c->name[F_DATE], s);
      bad = 1;
    } else {
      cpd_day_format(a->date, d);
    }
  }

  /* hours and points as written: the library says whether they are
   * numbers (library_check), the same as for JSON (RULES.md R5) */
  s = cell_of(r, c, F_HOURS);
  if (!s[0]) {
    row_error(im, r->row, "「%s」が空です", "\"%s\" is empty",
              c->name[F_HOURS]);
    bad = 1;
  }
  if (!(a->hours = strdup(s)))
    return -1;
  s = cell_of(r, c, F_POINTS);
  if (s[0] && !(a->points = strdup(s)))
    return -1;

  s = cell_of(r, c, F_ID);
  if (s[0] && !(a->id = strdup(s)))
    return -1;
  s = cell_of(r, c, F_EVIDENCE);
  if (split(s, ";", semicolons, &a->evidence, &a->evidence_count) != 0)
    return -1;
  s = cell_of(r, c, F_COMPETENCIES);
  if (split(s, ";, \t", commas, &a->competencies, &a->competency_count) != 0)
    return -1;
  return bad;
}

/* -------------------------------------------------------- JSON writing */

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

/* An hours or points cell as the document carries it: the text as the
 * library reads it (NFKC, spaces folded), a JSON number when it is a plain
 * number ("６" -> 6), else a string ("1時間30分").  0, or -1 out of
 * memory. */
static int json_amount(FILE *out, const char *key, const char *cell) {
  char *norm = NULL;
  size_t len = 0;
  cpd_status st = cpd_text_normalize(&norm, &len, cell, strlen(cell));
  if (st == CPD_ENOMEM)
    return -1;
  fprintf(out, "      \"%s\": ", key);
  if (st != CPD_OK) /* (not reached: the CSV was checked as UTF-8) */
    json_string(out, cell);
  else if (plain_number(norm))
    fputs(norm, out);
  else
    json_string(out, norm);
  cpd_string_free(norm);
  return 0;
}

/* Writes the application: the applicant document's fields, then the
 * activities read from the CSV.  0, -1 after a message, or -2 out of
 * memory. */
static int write_application(FILE *out, const cpd_application *ap,
                             const row_activity *acts, size_t n,
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
  size_t g, i, k;
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
  for (i = 0; i < n; i++) {
    const row_activity *a = &acts[i];
    fputs(i ? ",\n    {\n" : "\n    {\n", out);
    if (a->id) {
      fputs("      \"id\": ", out);
      json_string(out, a->id);
      fputs(",\n", out);
    }
    fprintf(out, "      \"category\": \"%c\",\n      \"title\": ", a->category);
    json_string(out, a->title);
    fprintf(out, ",\n      \"completed_on\": \"%s\",\n", a->date);
    if (json_amount(out, "hours", a->hours) != 0)
      return -2;
    if (a->points) {
      fputs(",\n", out);
      if (json_amount(out, "points", a->points) != 0)
        return -2;
    }
    if (a->year)
      fprintf(out, ",\n      \"year\": %d", a->year);
    if (a->evidence_count) {
      fputs(",\n      \"evidence\": [", out);
      for (k = 0; k < a->evidence_count; k++) {
        if (k)
          fputs(", ", out);
        json_string(out, a->evidence[k]);
      }
      fputc(']', out);
    }
    if (a->competency_count) {
      fputs(",\n      \"competencies\": [", out);
      for (k = 0; k < a->competency_count; k++) {
        if (k)
          fputs(", ", out);
        json_string(out, a->competencies[k]);
      }
      fputc(']', out);
    }
    fputs("\n    }", out);
  }
  fputs(n ? "\n  ]\n}\n" : "]\n}\n", out);
  return 0;
}

/* The activities as the C API takes them, for the library to judge the
 * rows: hours and points exactly as written (RULES.md R5: the same forms
 * as in JSON), and the dates and categories the rows gave.  Its
 * activity.invalid_number / _date / _category findings are reported with
 * the row; problems the rows already showed are not repeated.  0, or -1
 * out of memory. */
static int library_check(import *im, const cpd_application *ap,
                         const row_activity *acts, size_t n,
                         const columns *cols, const char *applicant_path) {
  cpd_activity *ca = calloc(n ? n : 1, sizeof *ca);
  cpd_value *vals = NULL;
  char(*cats)[2] = calloc(n ? n : 1, sizeof *cats);
  size_t i, k, nv = 0, total = 0;
  cpd_application app = *ap;
  cpd_result *r = NULL;
  cpd_error err;
  cpd_status st;
  int rc = 0;
  for (i = 0; i < n; i++)
    total += acts[i].evidence_count + acts[i].competency_count;
  vals = calloc(total ? total : 1, sizeof *vals);
  if (!ca || !vals || !cats) {
    rc = -1;
    goto done;
  }
  for (i = 0; i < n; i++) {
    const row_activity *a = &acts[i];
    cpd_activity *c = &ca[i];
    cats[i][0] = a->category;
    c->category.kind = CPD_VALUE_TEXT;
    c->category.text = cats[i];
    /* (a row with a NUL byte was not read: its cells are absent) */
    c->title.kind = a->title ? CPD_VALUE_TEXT : CPD_VALUE_ABSENT;
    c->title.text = a->title;
    c->completed_on.kind = CPD_VALUE_TEXT;
    c->completed_on.text = a->date;
    c->hours.kind = a->hours ? CPD_VALUE_TEXT : CPD_VALUE_ABSENT;
    c->hours.text = a->hours;
    if (a->points) {
      c->points.kind = CPD_VALUE_TEXT;
      c->points.text = a->points;
    }
    if (a->year) {
      c->year.kind = CPD_VALUE_NUMBER;
      c->year.number = a->year;
    }
    if (a->id) {
      c->id.kind = CPD_VALUE_TEXT;
      c->id.text = a->id;
    }
    c->evidence = vals + nv;
    c->evidence_count = a->evidence_count;
    for (k = 0; k < a->evidence_count; k++, nv++) {
      vals[nv].kind = CPD_VALUE_TEXT;
      vals[nv].text = a->evidence[k];
    }
    c->competencies = vals + nv;
    c->competency_count = a->competency_count;
    for (k = 0; k < a->competency_count; k++, nv++) {
      vals[nv].kind = CPD_VALUE_TEXT;
      vals[nv].text = a->competencies[k];
    }
  }
  app.activities = ca;
  app.activity_count = n;
  st = cpd_evaluate(&r, NULL, &app, &err);
  if (st == CPD_EINPUT) {
    /* not the rows' fault: the applicant document lacks applied_on or the
     * expiry date; the application is written all the same.  The rows are
     * still judged, with stand-in dates: an activity's numbers, date and
     * category do not depend on them. */
    if (im->msgs) {
      cli_message(im->msgs,
                  im->ja ? "cpd import-csv: 注意: %s: "
                         : "cpd import-csv: note: %s: ",
                  applicant_path);
      cli_print_error_detail(im->msgs, &err, im->ja);
    }
    app.applied_on.kind = app.expires_on.kind = CPD_VALUE_TEXT;
    app.applied_on.text = "2027-03-01";
    app.expires_on.text = "2027-03-31";
    st = cpd_evaluate(&r, NULL, &app, &err);
  }
  if (st == CPD_ENOMEM) {
    rc = -1;
  } else if (st == CPD_OK) {
    size_t nd = cpd_result_diagnostic_count(r);
    for (i = 0; i < nd; i++) {
      const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
      const row_activity *a;
      const char *field = strrchr(d->path, '/');
      int hours = field && strcmp(field, "/hours") == 0;
      int points = field && strcmp(field, "/points") == 0;
      if (d->activity >= n)
        continue;
      a = &acts[d->activity];
      if (strcmp(d->code, "activity.invalid_number") == 0) {
        if (hours && (!a->hours || !a->hours[0]))
          continue; /* "is empty" (or the row unread), said already */
      } else if (strcmp(d->code, "activity.invalid_date") == 0) {
        if (!a->date[0])
          continue;
      } else if (strcmp(d->code, "activity.invalid_category") == 0) {
        if (!a->category)
          continue;
      } else {
        continue;
      }
      im->activity = d->activity + 1;
      if (hours || points)
        row_error(im, a->row, "「%s」の「%s」: %s [%s]",
                  "\"%s\": \"%s\": %s [%s]",
                  cols->name[hours ? F_HOURS : F_POINTS],
                  hours ? a->hours : a->points,
                  im->ja ? d->message_ja : d->message, d->code);
      else
        row_error(im, a->row, "%s [%s]", "%s [%s]",
                  im->ja ? d->message_ja : d->message, d->code);
      im->activity = 0;
    }
  } else {
    if (im->msgs)
      cli_print_error_detail(im->msgs, &err, im->ja);
    rc = -2;
  }
done:
  cpd_result_free(r);
  free(ca);
  free(vals);
  free(cats);
  return rc;
}

/* Unknown keys of the applicant document are not carried over: say so. */
static int warn_unknown_fields(const cpd_document *doc, const char *path,
                               int ja) {
  cpd_result *r = NULL;
  cpd_error err;
  size_t i, n;
  if (cpd_document_evaluate(&r, NULL, doc, &err) != CPD_OK)
    return 0;
  n = cpd_result_diagnostic_count(r);
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    if (strcmp(d->code, "application.unknown_field") == 0)
      cli_message(stderr,
                  ja ? "cpd import-csv: 注意: %s: %s は申請書の項目ではないため"
                       "引き継ぎません\n"
                     : "cpd import-csv: note: %s: %s is not a field of the "
                       "application and is not carried over\n",
                  path, d->path);
  }
  cpd_result_free(r);
  return 0;
}

/* a usage error of this command (a literal format, checked) */
#define usage(...) cli_usage("import-csv", __VA_ARGS__)

static int copy_text(const char *raw, size_t len, char **text, size_t *tlen) {
  *text = malloc(len + 1);
  if (!*text)
    return EXIT_NOMEM;
  memcpy(*text, raw, len);
  (*text)[len] = '\0';
  *tlen = len;
  return 0;
}

/* Bytes to UTF-8 text without a BOM, the encoding decided from the whole
 * file (--encoding auto): with a BOM, UTF-8; valid UTF-8, UTF-8; else
 * valid CP932, CP932 - unless the file is UTF-8 but for a few bytes (more
 * valid UTF-8 characters than bad bytes: a pasted Shift_JIS cell), which
 * is an error, as is a file that is neither.  Errors name the row and
 * column of the first bad byte, and nothing is written.  0, or an exit
 * status after a message. */
static int decode(import *im, const char *enc, const char *raw, size_t len,
                  char **text, size_t *tlen) {
  size_t bad = 0, good = 0, bad_bytes = 0, skip = 0;
  unsigned long row;
  size_t col;
  int want_cp932 = strcmp(enc, "cp932") == 0;
  int want_utf8 = strcmp(enc, "utf-8") == 0;
  *text = NULL;
  if (len >= 2 &&
      ((unsigned char)raw[0] == 0xFF || (unsigned char)raw[0] == 0xFE) &&
      ((unsigned char)raw[1] == 0xFE || (unsigned char)raw[1] == 0xFF) &&
      raw[0] != raw[1]) {
    row_error(
        im, 0,
        "UTF-16 の CSV は読めません。Excel では「CSV UTF-8（コンマ区切り）」"
        "または「CSV（コンマ区切り）」で保存してください",
        "UTF-16 is not supported; in Excel save as \"CSV UTF-8 (Comma "
        "delimited)\" or \"CSV (Comma delimited)\"");
    return EXIT_INPUT;
  }
  if (!want_cp932 && len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
    skip = 3; /* a BOM: UTF-8 for certain */
    want_utf8 = 1;
  }
  if (!want_cp932) {
    if (is_utf8(raw + skip, len - skip, &bad, &good, &bad_bytes))
      return copy_text(raw + skip, len - skip, text, tlen);
    if (want_utf8 || good > bad_bytes) {
      cell_at(raw + skip, len - skip, bad, &row, &col);
      row_error(im, row,
                want_utf8 ? "列 %zu: UTF-8 ではないバイト 0x%02X があります"
                          : "列 %zu: UTF-8 ではないバイト 0x%02X があります"
                            "（ほかは UTF-8 のファイルです。Shift_JIS の"
                            "文字が貼り付けられていないか確かめてください）",
                want_utf8 ? "column %zu: byte 0x%02X is not UTF-8"
                          : "column %zu: byte 0x%02X is not UTF-8 (the rest "
                            "of the file is UTF-8: was Shift_JIS text pasted "
                            "in?)",
                col, (unsigned)(unsigned char)raw[skip + bad]);
      return EXIT_INPUT;
    }
  }
  switch (from_cp932(raw, len, text, tlen, &bad)) {
  case 0:
    return 0;
  case -2:
    row_error(im, 0, "この環境の iconv は CP932 を変換できません",
              "this system's iconv cannot convert CP932");
    return EXIT_INPUT;
  case -3:
    return EXIT_NOMEM;
  default:
    cell_at(raw, len, bad, &row, &col);
    row_error(im, row,
              want_cp932
                  ? "列 %zu: CP932 (Shift_JIS) として読めないバイト 0x%02X が"
                    "あります"
                  : "列 %zu: UTF-8 でも CP932 (Shift_JIS) でもないバイト "
                    "0x%02X があります",
              want_cp932 ? "column %zu: byte 0x%02X is not CP932 (Shift_JIS)"
                         : "column %zu: byte 0x%02X is neither UTF-8 nor "
                           "CP932 (Shift_JIS)",
              col, bad < len ? (unsigned)(unsigned char)raw[bad] : 0u);
    return EXIT_INPUT;
  }
}

/* The limit a reading stopped at, said with its row and column. */
static void limit_error(import *im, const reader *rd) {
  switch (rd->stop) {
  case STOP_CELL:
    row_error(im, rd->stop_row,
              "列 %zu: セルが %d バイトを超えています（申請書の文字列の上限）",
              "column %zu: the cell is longer than %d bytes (the limit of a "
              "text in an application)",
              rd->stop_col, CSV_MAX_CELL);
    break;
  case STOP_COLUMNS:
    row_error(im, rd->stop_row, "列が %d を超えています",
              "more than %d columns", CSV_MAX_COLUMNS);
    break;
  default:
    row_error(im, rd->stop_row,
              "活動が %d 件を超えています（1 通の申請書の上限）",
              "more than %d activities (the limit of one application)",
              CSV_MAX_ACTIVITIES);
    break;
  }
}

/* Parses the UTF-8 text into rd in chunks, stopping at a limit.  0, or an
 * exit status after a message. */
static int parse_csv(import *im, const char *text, size_t tlen, reader *rd) {
  struct csv_parser parser;
  size_t off = 0;
  int rc = 0;
  if (csv_init(&parser, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI |
                            CSV_APPEND_NULL) != 0)
    return EXIT_NOMEM;
  while (!rc && !rd->stop && !rd->oom && off < tlen) {
    size_t n = tlen - off < 65536 ? tlen - off : 65536;
    size_t got = csv_parse(&parser, text + off, n, on_field, on_record, rd);
    if (got != n && !rd->oom && csv_error(&parser) != CSV_ENOMEM) {
      unsigned long row;
      size_t col;
      cell_at(text, tlen, off + got, &row, &col);
      row_error(im, row,
                "列 %zu: CSV として読めません（%s）。引用符 \" で囲んだ"
                "セルの中の \" は \"\" と書きます",
                "column %zu: not valid CSV (%s); inside a quoted cell a "
                "quote is written as \"\"",
                col, csv_strerror(csv_error(&parser)));
      rc = EXIT_INPUT;
    } else if (got != n) {
      rc = EXIT_NOMEM;
    }
    off += n;
  }
  if (!rc && !rd->stop && !rd->oom &&
      csv_fini(&parser, on_field, on_record, rd) != 0) {
    if (csv_error(&parser) == CSV_ENOMEM) {
      rc = EXIT_NOMEM;
    } else {
      unsigned long row;
      size_t col;
      cell_at(text, tlen, tlen, &row, &col);
      row_error(im, row,
                "列 %zu: CSV として読めません（%s）。引用符 \" が閉じて"
                "いません",
                "column %zu: not valid CSV (%s); a quote is not closed", col,
                csv_strerror(csv_error(&parser)));
      rc = EXIT_INPUT;
    }
  }
  csv_free(&parser);
  if (!rc && rd->oom)
    rc = EXIT_NOMEM;
  if (!rc && rd->stop) {
    limit_error(im, rd);
    rc = EXIT_INPUT;
  }
  return rc;
}

int cli_import_csv(cli_import *o, const cpd_document *applicant,
                   const char *raw, size_t len, char **json, size_t *json_len) {
import im;
  char *text = NULL, *doc_text = NULL;
  size_t tlen = 0, doc_len = 0, i, nacts = 0;
  reader rd;
  columns cols;
  row_activity *acts = NULL;
  const record *header = NULL;
  cpd_document *check = NULL;
  cpd_error err;
  int rc = 0;
  FILE *mem = NULL;

  *json = NULL;
  *json_len = 0;
  o->errors = 0;
  o->activities = 0;
  im.csv_path = o->csv_name;
  im.ja = o->ja;
  im.errors = 0;
  im.activity = 0;
  im.msgs = o->msgs;
  memset(&rd, 0, sizeof rd);

  if (len > CPD_DEFAULT_MAX_DOCUMENT_BYTES) {
    row_error(&im, 0, "%zu バイトを超えています（申請書 1 通の上限）",
              "larger than %zu bytes (the limit of one application document)",
              (size_t)CPD_DEFAULT_MAX_DOCUMENT_BYTES);
    rc = EXIT_INPUT;
    goto done;
  }
  rc = decode(&im, o->encoding ? o->encoding : "auto", raw, len, &text, &tlen);
  if (rc)
    goto done;
  rc = parse_csv(&im, text, tlen, &rd);
  if (rc)
    goto done;

  /* the first row with any text is the header (blank rows were not kept) */
  header = rd.nrec ? &rd.recs[0] : NULL;
  if (!header) {
    row_error(&im, 0, "見出しの行がありません（空のファイル）",
              "no header row (the file is empty)");
    rc = EXIT_INPUT;
    goto done;
  }
  if (header->nul_col) {
    /* a header cut at a NUL would name another column: refused */
    row_error(&im, header->row, "列 %zu: 見出しに NUL バイトがあります",
              "column %zu: the header holds a NUL byte", header->nul_col);
    rc = EXIT_INPUT;
    goto done;
  }
  if (map_header(&im, header, &cols) != 0) {
    rc = im.errors ? EXIT_INPUT : EXIT_NOMEM;
    goto done;
  }
  acts = calloc(rd.nrec, sizeof *acts);
  if (!acts) {
    rc = EXIT_NOMEM;
    goto done;
  }
  for (i = 1; i < rd.nrec; i++) {
    int r;
    if (record_blank(&rd.recs[i]))
      continue;
    im.activity = nacts + 1;
    r = read_row(&im, &rd.recs[i], &cols, &acts[nacts]);
    im.activity = 0;
    nacts++;
    if (r < 0) {
      rc = EXIT_NOMEM;
      goto done;
    }
  }
  /* the library judges every row's numbers (and confirms dates and
   * categories), whatever else was wrong */
  switch (library_check(&im, cpd_document_application(applicant), acts, nacts,
                        &cols, o->applicant_name)) {
  case 0:
    break;
  case -1:
    rc = EXIT_NOMEM;
    goto done;
  default:
    rc = EXIT_INPUT;
    goto done;
  }
  if (im.errors) {
    rc = EXIT_INPUT;
    goto done;
  }

  /* all rows are good: the application in one go */
  mem = open_memstream(&doc_text, &doc_len);
  if (!mem) {
    rc = EXIT_NOMEM;
    goto done;
  }
  rc = write_application(mem, cpd_document_application(applicant), acts, nacts,
                         o->applicant_name, o->ja);
  if (fclose(mem) != 0 && rc == 0)
    rc = -2;
  mem = NULL;
  if (rc != 0) {
    im.errors++;
    rc = rc == -2 ? EXIT_NOMEM : EXIT_INPUT;
    goto done;
  }
  /* what is written must be what `cpd check` accepts: its size, then the
   * library's own reading of it */
  if (doc_len > CPD_DEFAULT_MAX_DOCUMENT_BYTES) {
    row_error(&im, 0,
              "申請書にすると %zu バイトになり、上限の %zu バイトを超えます",
              "the application would be %zu bytes, over the limit of %zu "
              "bytes of a document",
              doc_len, (size_t)CPD_DEFAULT_MAX_DOCUMENT_BYTES);
    rc = EXIT_INPUT;
    goto done;
  }
  switch (cpd_document_load_json(&check, doc_text, doc_len, NULL, &err)) {
  case CPD_OK:
    break;
  case CPD_ENOMEM:
    rc = EXIT_NOMEM;
    goto done;
  default:
    im.errors++;
    if (im.msgs) {
      cli_message(im.msgs,
                  o->ja ? "cpd import-csv: %s: 申請書がライブラリに受け付け"
                          "られません: "
                        : "cpd import-csv: %s: the application is refused "
                          "by the library: ",
                  im.csv_path);
      cli_print_error_detail(im.msgs, &err, o->ja);
    }
    rc = EXIT_INPUT;
    goto done;
  }
  *json = doc_text;
  *json_len = doc_len;
  doc_text = NULL;
  o->activities = nacts;
  rc = 0;

done:
  o->errors = im.errors;
  cpd_document_free(check);
  if (acts) {
    for (i = 0; i < nacts; i++)
      row_activity_free(&acts[i]);
    free(acts);
  }
  reader_free(&rd);
  free(doc_text);
  free(text);
  return rc;
}

int cli_cmd_import_csv(int argc, char **argv) {
  const char *csv_path = NULL, *applicant_path = NULL, *out_path = NULL,
             *enc = "auto";
  char *raw = NULL, *ajson = NULL, *json = NULL;
  size_t len = 0, alen = 0, json_len = 0;
  cpd_document *doc = NULL;
  cpd_error err;
  cpd_status st;
  cli_import o;
  int rc = 0, ja;

  {
    static const char *const encodings[] = {"auto", "utf-8", "cp932", NULL};
    const char *lang = NULL;
    int help = 0;
    const cli_option options[] = {
        {"--applicant", NULL, &applicant_path, NULL, NULL, NULL, NULL},
        {"--output", "-o", &out_path, NULL, NULL, NULL, NULL},
        {"--encoding", NULL, &enc, NULL, encodings, NULL, NULL},
        {"--lang", NULL, &lang, NULL, cli_lang_choices, NULL, NULL}};
    rc =
        cli_parse_args("import-csv", argc, argv, options,
                       sizeof options / sizeof options[0], &csv_path, 1, &help);
    if (rc)
      return rc;
    ja = cli_lang(lang);
    if (help)
      return cli_help("import-csv", ja);
  }
  if (!csv_path)
    return usage("%s", "import-csv needs ACTIVITIES.csv (or - for stdin)");
  if (!applicant_path)
    return usage("%s", "import-csv needs --applicant APPLICANT.json");
  if (strcmp(csv_path, "-") == 0 && strcmp(applicant_path, "-") == 0)
    return usage("%s", "only one of ACTIVITIES.csv and APPLICANT.json can be "
                       "stdin");
  memset(&o, 0, sizeof o);
  o.csv_name = strcmp(csv_path, "-") == 0 ? "(stdin)" : csv_path;
  o.applicant_name = applicant_path;
  o.encoding = enc;
  o.ja = ja;
  o.msgs = stderr;

  /* the applicant document, through the library */
  rc = cli_read_all(applicant_path, CPD_DEFAULT_MAX_DOCUMENT_BYTES, &ajson,
                    &alen);
  if (rc)
    goto done;
  st = cpd_document_load_json(&doc, ajson, alen, NULL, &err);
  if (st == CPD_ENOMEM) {
    rc = EXIT_NOMEM;
    goto done;
  }
  if (st != CPD_OK) {
    cli_message(stderr, "cpd import-csv: %s: ", applicant_path);
    cli_print_error_detail(stderr, &err, ja);
    rc = EXIT_INPUT;
    goto done;
  }
  if (cpd_document_application(doc)->activity_count > 0) {
    cli_message(
        stderr,
        ja ? "cpd import-csv: %s: 申請者情報の文書に活動 (activities) が"
             "あります。活動は CSV から読み込むので、文書から外してください\n"
           : "cpd import-csv: %s: the applicant document already lists "
             "activities; the CSV gives them, so remove \"activities\" "
             "from it\n",
        applicant_path);
    rc = EXIT_INPUT;
    goto done;
  }
  warn_unknown_fields(doc, applicant_path, ja);

  /* the spreadsheet: read one byte past the limit, so that a larger file
   * is seen as such (and never read whole) */
  rc = cli_read_all(csv_path, CPD_DEFAULT_MAX_DOCUMENT_BYTES, &raw, &len);
  if (rc)
    goto done;
  rc = cli_import_csv(&o, doc, raw, len, &json, &json_len);
  if (rc == EXIT_INPUT) {
    if (o.errors > MAX_REPORTED_ERRORS)
      cli_message(stderr,
                  ja ? "cpd import-csv: %s: ほか %lu 件のエラー%s\n"
                     : "cpd import-csv: %s: and %lu more error%s\n",
                  o.csv_name, o.errors - MAX_REPORTED_ERRORS,
                  ja ? ""
                     : cli_plural(o.errors - MAX_REPORTED_ERRORS, "", "s"));
    cli_message(stderr,
                ja ? "cpd import-csv: %s: %lu 件のエラーのため何も書き出して"
                     "いません%s\n"
                   : "cpd import-csv: %s: %lu error%s; nothing was written\n",
                o.csv_name, o.errors, ja ? "" : cli_plural(o.errors, "", "s"));
  }
  if (rc)
    goto done;
  /* atomically into OUT (output.c): a failure leaves OUT as it was */
  rc = cli_write_output("import-csv", out_path, json, json_len, ja);
  if (rc)
    goto done;
  cli_message(stderr,
              ja ? "cpd import-csv: %zu 件の活動を読み込みました%s\n"
                 : "cpd import-csv: %zu %s read\n",
              o.activities,
              ja ? "" : cli_plural(o.activities, "activity", "activities"));
  rc = 0;

done:
  if (rc == EXIT_NOMEM)
    fputs("cpd: out of memory\n", stderr);
  free(json);
  free(raw);
  free(ajson);
  cpd_document_free(doc);
  return rc;
}
