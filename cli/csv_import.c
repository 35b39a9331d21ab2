/* csv_import.c - `cpd import-csv`: the rows of a spreadsheet (csv_read.c)
 * and an applicant document become one application document.  Each
 * column is a field of the library's table (the spreadsheet headers it
 * lists), each row an activity whose cells go to the library as they are
 * written.  The import judges no value itself: the library evaluates the
 * activities, and what it cannot read (a number, a date, a category) is
 * reported with the row, the column and the cell.  What the import says
 * itself is about the sheet: a column nobody asked for, an empty cell of
 * a required column, two cells that say different years, a year the
 * policy's period does not have. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_sheet.h"

/* ------------------------------------------------------------ columns */

#define MAX_FIELDS 32 /* activity fields with spreadsheet headers */
#define MAX_HEADERS 8 /* headers of one field */
#define HEADERS_SIZE 256

/* The activity fields a spreadsheet may hold: those of the library's table
 * that list spreadsheet headers, in the table's order. */
typedef struct columns {
  const cpd_field_info *field[MAX_FIELDS];
  size_t nfields;
  int col[MAX_FIELDS];          /* its cell index, -1 when absent */
  const char *name[MAX_FIELDS]; /* the header as written, or the table's */
  char store[MAX_FIELDS][HEADERS_SIZE]; /* the table's headers, split */
  const char *headers[MAX_FIELDS][MAX_HEADERS];
  size_t nheaders[MAX_FIELDS];
  const sheet_row *header;
} columns;

/* The headers of field fi, split from the table's "a|b|c" into store. */
static size_t split_headers(const cpd_field_info *fi, char store[HEADERS_SIZE],
                            const char *out[MAX_HEADERS]) {
  const char *h = fi->csv_headers;
  size_t n = 0,
         len = strlen(h) < HEADERS_SIZE - 1 ? strlen(h) : HEADERS_SIZE - 1, i,
         start = 0;
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

static void columns_init(columns *c) {
  size_t i, n = cpd_field_count();
  memset(c, 0, sizeof *c);
  for (i = 0; i < n && c->nfields < MAX_FIELDS; i++) {
    const cpd_field_info *fi = cpd_field_at(i);
    size_t k = c->nfields;
    if (!fi->csv_headers)
      continue;
    c->field[k] = fi;
    c->col[k] = -1;
    c->nheaders[k] = split_headers(fi, c->store[k], c->headers[k]);
    c->name[k] = c->headers[k][0];
    c->nfields++;
  }
}

/* The column of field fi among c's fields, or -1. */
static int field_slot(const columns *c, const cpd_field_info *fi) {
  size_t k;
  for (k = 0; k < c->nfields; k++)
    if (c->field[k] == fi)
      return (int)k;
  return -1;
}

/* Every accepted header, field by field ("a, b, c; d, e; ..."). */
static void all_headers(const columns *c, char *buf, size_t cap) {
  size_t f, k, used = 0;
  buf[0] = '\0';
  for (f = 0; f < c->nfields; f++)
    for (k = 0; k < c->nheaders[f]; k++) {
      int w = snprintf(buf + used, cap - used, "%s%s",
                       k   ? ", "
                       : f ? "; "
                           : "",
                       c->headers[f][k]);
      if (w < 0 || (size_t)w >= cap - used)
        return;
      used += (size_t)w;
    }
}

/* Maps the header row to fields.  Every column must be known (nothing is
 * dropped silently), no field may appear twice, the required ones must be
 * there.  0, 1 after messages, -1 out of memory. */
static int map_header(sheet_msgs *m, const sheet_row *h, columns *c) {
  size_t i, f;
  int bad = 0;
  c->header = h;
  for (i = 0; i < h->n; i++) {
    const cpd_field_info *fi = NULL;
    int k;
    if (!h->cells[i][0])
      continue; /* an empty header cell: its column must stay empty */
    switch (cpd_field_find_header(&fi, h->cells[i], strlen(h->cells[i]))) {
    case CPD_OK:
      break;
    case CPD_ENOMEM:
      return -1;
    default: /* (not reached: the sheet was read as UTF-8) */
      fi = NULL;
    }
    k = fi ? field_slot(c, fi) : -1;
    if (k < 0) {
      char list[1024];
      all_headers(c, list, sizeof list);
      sheet_error(m, h->row,
                  "列 %zu の見出し「%s」は分かりません。使える見出し: %s",
                  "column %zu: unknown header \"%s\"; the headers are: %s",
                  i + 1, h->cells[i], list);
      bad = 1;
    } else if (c->col[k] >= 0) {
      sheet_error(m, h->row, "列 %zu「%s」と列 %zu「%s」は同じ項目です",
                  "columns %zu (\"%s\") and %zu (\"%s\") are the same field",
                  (size_t)c->col[k] + 1, c->name[k], i + 1, h->cells[i]);
      bad = 1;
    } else {
      c->col[k] = (int)i;
      c->name[k] = h->cells[i];
    }
  }
  for (f = 0; f < c->nfields; f++)
    if (c->field[f]->required && c->col[f] < 0) {
      /* the form's header, and the English one (the last) */
      sheet_error(m, h->row, "必須の列「%s」(%s) がありません",
                  "the required column \"%s\" (%s) is missing",
                  c->headers[f][0], c->headers[f][c->nheaders[f] - 1]);
      bad = 1;
    }
  return bad;
}

static const char *cell_of(const sheet_row *r, const columns *c, size_t f) {
  int i = c->col[f];
  return i >= 0 && (size_t)i < r->n ? r->cells[i] : "";
}

/* --------------------------------------------------------------- rows */

/* One row's activity and what its values point to (owned). */
typedef struct row_act {
  unsigned long row;         /* the spreadsheet's row */
  uint32_t reported;         /* bit f: field f's cell was reported already */
  int year;                  /* the year the row declares (a cell or B-2), 0 */
  int year_slot;             /* the field that declared it, for messages */
  char *strings[MAX_FIELDS]; /* texts the values point to */
  char **items[MAX_FIELDS];  /* list items */
  cpd_value *lists[MAX_FIELDS];
} row_act;

static void row_act_free(row_act *a, const columns *c) {
  size_t f, k;
  for (f = 0; f < c->nfields; f++) {
    free(a->strings[f]);
    if (a->items[f])
      for (k = 0; a->items[f][k]; k++)
        free(a->items[f][k]);
    free(a->items[f]);
    free(a->lists[f]);
  }
}

/* The length of the separator p starts with, one of seps (UTF-8
 * characters); 0 when it starts with none. */
static size_t separator_at(const char *seps, const char *p) {
  while (*p && *seps) {
    size_t n = 1;
    while (((unsigned char)seps[n] & 0xC0) == 0x80)
      n++;
    if (strncmp(seps, p, n) == 0)
      return n;
    seps += n;
  }
  return 0;
}

/* Splits a list cell at the separators the library gives its field (as
 * the web page splits a list) into trimmed, non-empty items (a
 * NULL-ended array in *out).  -1 when out of memory. */
static int split_list(const cpd_field_info *fi, const char *cell, char ***out,
                      size_t *count) {
  const char *seps = cpd_field_separators(fi);
  char *copy = strdup(cell), *p, *start;
  char **parts = calloc(1, sizeof *parts);
  size_t n = 0;
  *out = NULL;
  *count = 0;
  if (!copy || !parts) {
    free(copy);
    free(parts);
    return -1;
  }
  for (p = start = copy;; p++) {
    size_t skip = seps ? separator_at(seps, p) : 0;
    if (*p == '\0' || skip) {
      char end = *p;
      *p = '\0';
      sheet_trim(start);
      if (*start) {
        char **np = realloc(parts, (n + 2) * sizeof *np);
        char *dup = strdup(start);
        if (!np || !dup) {
          free(np ? np : parts);
          free(dup);
          free(copy);
          return -1;
        }
        parts = np;
        parts[n++] = dup;
        parts[n] = NULL;
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

/* The text of a cell as the library reads it (NFKC, trimmed, spaces
 * folded), or NULL when out of memory. */
static char *normalized(const char *cell) {
  char *n = NULL, *copy;
  size_t len = 0;
  if (cpd_text_normalize(&n, &len, cell, strlen(cell)) != CPD_OK)
    return NULL; /* (invalid UTF-8 is not reached: the sheet was read) */
  copy = strdup(n);
  cpd_string_free(n);
  return copy;
}

/* A year the row declares: "2" or "2年目" (the form's words) as 2; 0 when
 * it is not a whole number. */
static int year_number(const char *cell) {
  char *n = normalized(cell), *end;
  long v;
  size_t len;
  if (!n)
    return -1;
  len = strlen(n);
  if (len > 6 && strcmp(n + len - 6, "年目") == 0)
    n[len - 6] = '\0';
  v = n[0] >= '0' && n[0] <= '9' ? strtol(n, &end, 10) : 0;
  if (v <= 0 || *end != '\0' || v > 999)
    v = 0;
  free(n);
  return (int)v;
}

/* Reads one data row into activity a (values pointing into ra).  0 ok,
 * 1 after messages, -1 out of memory. */
static int read_row(sheet_msgs *m, const sheet_row *r, const columns *c,
                    cpd_activity *a, row_act *ra) {
  const cpd_field_info *category = cpd_field_by_id(CPD_FIELD_ID_ACT_CATEGORY);
  const cpd_field_info *year = cpd_field_by_id(CPD_FIELD_ID_ACT_YEAR);
  size_t i, f;
  int bad = 0;
  ra->row = r->row;
  if (r->nul_col) {
    sheet_error(m, r->row, "列 %zu: セルに NUL バイトがあります",
                "column %zu: the cell holds a NUL byte", r->nul_col);
    ra->reported = UINT32_MAX; /* its cells are not read */
    return 1;
  }
  for (i = 0; i < r->n; i++)
    if ((i >= c->header->n || !c->header->cells[i][0]) && r->cells[i][0]) {
      sheet_error(m, r->row, "列 %zu に値がありますが見出しがありません",
                  "column %zu has a value but no header", i + 1);
      bad = 1;
    }
  for (f = 0; f < c->nfields; f++) {
    const cpd_field_info *fi = c->field[f];
    const char *s = cell_of(r, c, f);
    cpd_value v = CPD_ABSENT;
    if (!s[0]) {
      if (fi->required) {
        sheet_error(m, r->row, "「%s」が空です", "\"%s\" is empty", c->name[f]);
        ra->reported |= (uint32_t)1 << f;
        bad = 1;
      }
      continue;
    }
    if (fi->kind == CPD_FIELD_TEXT_LIST) {
      size_t k, n;
      if (split_list(fi, s, &ra->items[f], &n) != 0)
        return -1;
      ra->lists[f] = calloc(n ? n : 1, sizeof *ra->lists[f]);
      if (!ra->lists[f])
        return -1;
      for (k = 0; k < n; k++) {
        ra->lists[f][k].kind = CPD_VALUE_TEXT;
        ra->lists[f][k].text = ra->items[f][k];
      }
      cpd_activity_set(a, fi, ra->lists[f], n);
      continue;
    }
    if (fi == category) {
      /* a category or a section of the form as people write it ("B-2",
       * "ｂ－２"): category B, declared for year 2; anything else goes to
       * the library as written, which says what is wrong with it */
      const cpd_category_info *cat = NULL;
      int y = 0;
      if (cpd_section_parse(&cat, &y, s, strlen(s)) == CPD_OK) {
        v.kind = CPD_VALUE_TEXT;
        v.text = cat->category;
        if (y) {
          ra->year = y;
          ra->year_slot = (int)f;
        }
        cpd_activity_set(a, fi, &v, 1);
        continue;
      }
    } else if (fi == year) {
      int y = year_number(s);
      if (y < 0)
        return -1;
      if (y == 0) {
        sheet_error(m, r->row, "「%s」の「%s」は年目ではありません",
                    "\"%s\": \"%s\" is not a year", c->name[f], s);
        ra->reported |= (uint32_t)1 << f;
        bad = 1;
      } else if (ra->year && ra->year != y) {
        sheet_error(m, r->row, "「%s」(%d年目) と「%s」(%s) が食い違います",
                    "\"%s\" (year %d) and \"%s\" (%s) disagree",
                    c->name[ra->year_slot], ra->year, c->name[f], s);
        ra->reported |= (uint32_t)1 << f;
        bad = 1;
      } else {
        ra->year = y;
        ra->year_slot = (int)f;
      }
      continue; /* set once the row is read */
    } else if (fi->kind == CPD_FIELD_DATE) {
      cpd_day d;
      if (cpd_day_parse(&d, s, strlen(s)) == CPD_OK) {
        ra->strings[f] = malloc(11);
        if (!ra->strings[f])
          return -1;
        cpd_day_format(ra->strings[f], d); /* ISO, as JSON.md writes */
        v.kind = CPD_VALUE_TEXT;
        v.text = ra->strings[f];
        cpd_activity_set(a, fi, &v, 1);
        continue;
      }
    }
    /* as written: the library reads it as it reads JSON (RULES.md R5,
     * R13) */
    ra->strings[f] = strdup(s);
    if (!ra->strings[f])
      return -1;
    v.kind = CPD_VALUE_TEXT;
    v.text = ra->strings[f];
    cpd_activity_set(a, fi, &v, 1);
  }
  if (ra->year) {
    cpd_value v = CPD_NUMBER(ra->year);
    cpd_activity_set(a, year, &v, 1);
  }
  return bad;
}

/* ---------------------------------------------------- the library's word */

/* The import of rows a..: everything it keeps for the library and the
 * messages. */
typedef struct import {
  sheet_msgs *m;
  const columns *c;
  const sheet *sh;
  const sheet_row **rows; /* the data row of each activity */
  cpd_activity *acts;
  row_act *ras;
  size_t n;
  const char *applicant_name;
  const cpd_policy *policy;
} import;

/* The library's findings about the cells it cannot read, each with its
 * row, column and cell; a year the policy's period does not have. */
static void report_findings(import *im, const cpd_result *r) {
  size_t i, nd = cpd_result_diagnostic_count(r);
  int years = cpd_result_summary(r)->period_years;
  for (i = 0; i < nd; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    size_t act = CPD_NO_ACTIVITY;
    const cpd_field_info *fi = cpd_field_find(d->path, &act);
    int f = fi ? field_slot(im->c, fi) : -1;
    row_act *ra;
    if (act >= im->n || !cpd_code_unreadable(cpd_code_find(d->code)))
      continue;
    ra = &im->ras[act];
    if (f >= 0 && (ra->reported >> f) & 1)
      continue; /* the cell was reported already ("is empty") */
    im->m->activity = act + 1;
    if (f >= 0) {
      ra->reported |= (uint32_t)1 << f;
      sheet_error(im->m, ra->row, "「%s」の「%s」: %s [%s]",
                  "\"%s\": \"%s\": %s [%s]", im->c->name[f],
                  cell_of(im->rows[act], im->c, (size_t)f),
                  im->m->ja ? d->message_ja : d->message, d->code);
    } else {
      sheet_error(im->m, ra->row, "%s [%s]", "%s [%s]",
                  im->m->ja ? d->message_ja : d->message, d->code);
    }
    im->m->activity = 0;
  }
  /* the years a row may declare are the policy's */
  for (i = 0; i < im->n; i++) {
    row_act *ra = &im->ras[i];
    if (!ra->year || ra->year <= years)
      continue;
    im->m->activity = i + 1;
    sheet_error(
        im->m, ra->row, "「%s」の「%s」: 認定期間は %d 年です（1〜%d年目）",
        "\"%s\": \"%s\": the period has %d years (year 1 to %d)",
        im->c->name[ra->year_slot],
        cell_of(im->rows[i], im->c, (size_t)ra->year_slot), years, years);
    im->m->activity = 0;
  }
}

/* The library evaluates the activities with the applicant document:
 * everything the library cannot read is reported.  0, or -1 out of
 * memory, or -2 after a message. */
static int library_check(import *im, const cpd_application *ap) {
  cpd_application app = *ap;
  cpd_result *r = NULL;
  cpd_error err;
  cpd_status st;
  app.activities = im->acts;
  app.activity_count = im->n;
  st = cpd_evaluate(&r, im->policy, &app, &err);
  if (st == CPD_EINPUT) {
    /* not the rows' fault: the applicant document lacks applied_on or the
     * expiry date; the application is written all the same.  The rows are
     * still judged, with stand-in dates: an activity's numbers, date and
     * category do not depend on them. */
    if (im->m->out) {
      cli_message(im->m->out,
                  im->m->ja ? "cpd import-csv: 注意: %s: "
                            : "cpd import-csv: note: %s: ",
                  im->applicant_name);
      cli_print_error_detail(im->m->out, &err, im->m->ja);
    }
    app.applied_on.kind = app.expires_on.kind = CPD_VALUE_TEXT;
    app.applied_on.text = "2027-03-01";
    app.expires_on.text = "2027-03-31";
    st = cpd_evaluate(&r, im->policy, &app, &err);
  }
  if (st == CPD_ENOMEM)
    return -1;
  if (st != CPD_OK) {
    if (im->m->out)
      cli_print_error_detail(im->m->out, &err, im->m->ja);
    return -2;
  }
  report_findings(im, r);
  cpd_result_free(r);
  return 0;
}

/* Unknown keys of the applicant document are not carried over: say so. */
static void warn_unknown_fields(const cpd_document *doc,
                                const cpd_policy *policy, const char *path,
                                int ja) {
  cpd_result *r = NULL;
  cpd_error err;
  size_t i, n;
  if (cpd_document_evaluate(&r, policy, doc, &err) != CPD_OK)
    return;
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

/* The numbers of the rows as the document carries them: the text as the
 * library reads it (NFKC, spaces folded), a JSON number when it is a plain
 * number ("６" -> 6), else text ("1時間30分").  0, or -1 out of memory. */
static int numbers_as_read(import *im) {
  size_t i, f;
  for (i = 0; i < im->n; i++)
    for (f = 0; f < im->c->nfields; f++) {
      row_act *ra = &im->ras[i];
      cpd_value v = CPD_ABSENT;
      char *norm;
      if (im->c->field[f]->kind != CPD_FIELD_NUMBER || !ra->strings[f])
        continue;
      norm = normalized(ra->strings[f]);
      if (!norm)
        return -1;
      free(ra->strings[f]);
      ra->strings[f] = norm;
      if (plain_number(norm)) {
        v.kind = CPD_VALUE_NUMBER;
        v.number = strtod(norm, NULL);
      } else {
        v.kind = CPD_VALUE_TEXT;
        v.text = norm;
      }
      cpd_activity_set(&im->acts[i], im->c->field[f], &v, 1);
    }
  return 0;
}

/* The application written (by the library) and read back: what is
 * written must be what `cpd check` accepts, its size and the library's
 * own reading.  0 with *json, or an exit status after a message. */
static int write_document(import *im, const cpd_application *ap, char **json,
                          size_t *json_len) {
  cpd_application app = *ap;
  cpd_document *check = NULL;
  cpd_error err;
  char *doc = NULL, *copy;
  size_t len;
  cpd_status st;
  if (numbers_as_read(im) != 0)
    return EXIT_NOMEM;
  app.activities = im->acts;
  app.activity_count = im->n;
  memset(&err, 0, sizeof err); /* an output, filled only on failure */
  st = cpd_application_to_json(&doc, &app, &err);
  if (st == CPD_ENOMEM)
    return EXIT_NOMEM;
  if (st != CPD_OK) {
    /* a value of the applicant document that is not a text, number or
     * boolean (an array where a name belongs) */
    im->m->errors++;
    if (im->m->out) {
      cli_message(im->m->out, "cpd import-csv: %s: ", im->applicant_name);
      cli_print_error_detail(im->m->out, &err, im->m->ja);
    }
    return EXIT_INPUT;
  }
  len = strlen(doc);
  if (len > CPD_DEFAULT_MAX_DOCUMENT_BYTES) {
    sheet_error(im->m, 0,
                "申請書にすると %zu バイトになり、上限の %zu バイトを超えます",
                "the application would be %zu bytes, over the limit of %zu "
                "bytes of a document",
                len, (size_t)CPD_DEFAULT_MAX_DOCUMENT_BYTES);
    cpd_string_free(doc);
    return EXIT_INPUT;
  }
  st = cpd_document_load_json(&check, doc, len, NULL, &err);
  cpd_document_free(check);
  if (st != CPD_OK) {
    cpd_string_free(doc);
    if (st == CPD_ENOMEM)
      return EXIT_NOMEM;
    im->m->errors++;
    if (im->m->out) {
      cli_message(im->m->out,
                  im->m->ja ? "cpd import-csv: %s: 申請書がライブラリに受け付け"
                              "られません: "
                            : "cpd import-csv: %s: the application is refused "
                              "by the library: ",
                  im->m->file);
      cli_print_error_detail(im->m->out, &err, im->m->ja);
    }
    return EXIT_INPUT;
  }
  /* the caller free()s what it gets */
  copy = malloc(len + 1);
  if (copy)
    memcpy(copy, doc, len + 1);
  cpd_string_free(doc);
  if (!copy)
    return EXIT_NOMEM;
  *json = copy;
  *json_len = len;
  return 0;
}

static int import_rows(import *im, const cpd_application *ap, char **json,
                       size_t *json_len) {
  const sheet *sh = im->sh;
  size_t i;
  int bad = 0;
  im->acts = calloc(sh->n, sizeof *im->acts);
  im->ras = calloc(sh->n, sizeof *im->ras);
  im->rows = calloc(sh->n, sizeof *im->rows);
  if (!im->acts || !im->ras || !im->rows)
    return EXIT_NOMEM;
  for (i = 1; i < sh->n; i++) {
    int r;
    im->m->activity = im->n + 1;
    im->rows[im->n] = &sh->rows[i];
    r = read_row(im->m, &sh->rows[i], im->c, &im->acts[im->n], &im->ras[im->n]);
    im->m->activity = 0;
    im->n++;
    if (r < 0)
      return EXIT_NOMEM;
  }
  /* the library judges every row, whatever else was wrong */
  switch (library_check(im, ap)) {
  case 0:
    break;
  case -1:
    return EXIT_NOMEM;
  default:
    bad = 1;
  }
  if (bad || im->m->errors)
    return EXIT_INPUT;
  return write_document(im, ap, json, json_len);
}

int cli_import_csv(cli_import *o, const cpd_document *applicant,
                   const char *raw, size_t len, char **json, size_t *json_len) {
  sheet_msgs m;
  sheet sh;
  columns cols;
import im;
  size_t i;
  int rc;

  *json = NULL;
  *json_len = 0;
  o->errors = 0;
  o->activities = 0;
  memset(&m, 0, sizeof m);
  m.file = o->csv_name;
  m.ja = o->ja;
  m.out = o->msgs;
  memset(&im, 0, sizeof im);

  rc = sheet_read(&sh, &m, o->encoding, raw, len);
  if (rc)
    goto done;
  /* the first row with any text is the header (blank rows were not kept) */
  if (sh.n == 0) {
    sheet_error(&m, 0, "見出しの行がありません（空のファイル）",
                "no header row (the file is empty)");
    rc = EXIT_INPUT;
    goto done;
  }
  if (sh.rows[0].nul_col) {
    /* a header cut at a NUL would name another column: refused */
    sheet_error(&m, sh.rows[0].row, "列 %zu: 見出しに NUL バイトがあります",
                "column %zu: the header holds a NUL byte", sh.rows[0].nul_col);
    rc = EXIT_INPUT;
    goto done;
  }
  columns_init(&cols);
  switch (map_header(&m, &sh.rows[0], &cols)) {
  case 0:
    break;
  case 1:
    rc = EXIT_INPUT;
    goto done;
  default:
    rc = EXIT_NOMEM;
    goto done;
  }
  im.m = &m;
  im.c = &cols;
  im.sh = &sh;
  im.applicant_name = o->applicant_name;
  im.policy = o->policy;
  rc = import_rows(&im, cpd_document_application(applicant), json, json_len);
  if (rc == 0)
    o->activities = im.n;

done:
  o->errors = m.errors;
  if (im.ras)
    for (i = 0; i < im.n; i++)
      row_act_free(&im.ras[i], &cols);
  free(im.ras);
  free(im.acts);
  free(im.rows);
  sheet_free(&sh);
  return rc;
}

/* a usage error of this command (a literal format, checked) */
#define usage(...) cli_usage("import-csv", __VA_ARGS__)

int cli_cmd_import_csv(int argc, char **argv) {
  const char *csv_path = NULL, *applicant_path = NULL, *out_path = NULL,
             *enc = "auto", *policy_path = NULL;
  char *raw = NULL, *ajson = NULL, *json = NULL;
  size_t len = 0, alen = 0, json_len = 0;
  cpd_document *doc = NULL;
  cpd_policy *policy = NULL;
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
        {"--policy", NULL, &policy_path, NULL, NULL, NULL, NULL},
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

  rc = cli_load_policy(policy_path, ja, 0, &policy);
  if (rc)
    return rc;
  o.policy = policy;
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
  warn_unknown_fields(doc, policy, applicant_path, ja);

  /* the spreadsheet: read one byte past the limit, so that a larger file
   * is seen as such (and never read whole) */
  rc = cli_read_all(csv_path, CPD_DEFAULT_MAX_DOCUMENT_BYTES, &raw, &len);
  if (rc)
    goto done;
  rc = cli_import_csv(&o, doc, raw, len, &json, &json_len);
  if (rc == EXIT_INPUT) {
    if (o.errors > SHEET_MAX_REPORTED)
      cli_message(stderr,
                  ja ? "cpd import-csv: %s: ほか %lu 件のエラー%s\n"
                     : "cpd import-csv: %s: and %lu more error%s\n",
                  o.csv_name, o.errors - SHEET_MAX_REPORTED,
                  ja ? "" : cli_plural(o.errors - SHEET_MAX_REPORTED, "", "s"));
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
  cpd_policy_free(policy);
  return rc;
}
