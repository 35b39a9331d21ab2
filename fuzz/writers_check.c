/* writers_check.c - the writers' invariants (writers_check.h), written
 * independently of cli/: a small HTML tokenizer with the writer's own
 * elements as an allow-list, an RFC 4180 CSV reader, a UTF-8 and control
 * character check of the terminal report. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fuzz_common.h"
#include "writers_check.h"

/* ------------------------------------------------------------------ HTML */

/* The elements the report writes: anything else is markup that escaped
 * from a document. */
static const char *const allowed_tags[] = {
    "html",  "head", "meta", "title", "style",    "body",    "main",  "div",
    "p",     "h1",   "h2",   "h3",    "span",     "section", "table", "thead",
    "tbody", "tr",   "th",   "td",    "colgroup", "col",     "a",     "b",
    "code",  "dl",   "dt",   "dd",    "footer",   "svg",     "defs",  "pattern",
    "rect",  "line", "g",    "text",  NULL};

static int allowed(const char *name, size_t n) {
  size_t i;
  for (i = 0; allowed_tags[i]; i++)
    if (strlen(allowed_tags[i]) == n && memcmp(allowed_tags[i], name, n) == 0)
      return 1;
  return 0;
}

static int is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         (c >= 'A' && c <= 'Z');
}

void fz_check_html(const char *page, size_t len) {
  static const char doctype[] = "<!DOCTYPE html>\n";
  size_t i = sizeof doctype - 1, metas = 0;
  FZ_CHECK(len >= i && memcmp(page, doctype, i) == 0, "no doctype");
  while (i < len) {
    size_t name, n;
    int closing;
    char c = page[i];
    if (c != '<') {
      /* text: escaped, so no markup character may appear in it */
      FZ_CHECK(c != '>' && c != '\0', "a raw '%c' in text at %zu", c, i);
      i++;
      continue;
    }
    closing = i + 1 < len && page[i + 1] == '/';
    name = i + 1 + (size_t)closing;
    for (n = 0; name + n < len && is_name_char(page[name + n]); n++)
      ;
    FZ_CHECK(n > 0 && allowed(page + name, n),
             "an element the writer does not make at %zu: %.40s", i, page + i);
    i = name + n;
    if (closing) {
      FZ_CHECK(i < len && page[i] == '>', "a broken end tag at %zu", i);
      i++;
      continue;
    }
    if (n == 4 && memcmp(page + name, "meta", 4) == 0)
      metas++;
    /* attributes: name="value", the value without < > " */
    for (;;) {
      size_t an;
      FZ_CHECK(i < len, "a tag runs off the end");
      if (page[i] == '>' ||
          (page[i] == '/' && i + 1 < len && page[i + 1] == '>'))
        break;
      FZ_CHECK(page[i] == ' ', "no space before an attribute at %zu: %.40s", i,
               page + i);
      i++;
      for (an = 0; i + an < len && is_name_char(page[i + an]); an++)
        ;
      FZ_CHECK(an > 0 && i + an + 1 < len && page[i + an] == '=' &&
                   page[i + an + 1] == '"',
               "an attribute that is not name=\"value\" at %zu: %.40s", i,
               page + i);
      i += an + 2;
      while (i < len && page[i] != '"') {
        FZ_CHECK(page[i] != '<' && page[i] != '>' && page[i] != '\0',
                 "a raw '%c' in an attribute value at %zu", page[i], i);
        i++;
      }
      FZ_CHECK(i < len, "an attribute value runs off the end");
      i++; /* the closing quote */
    }
    i += page[i] == '/' ? 2 : 1;
    if (n == 5 && memcmp(page + name, "style", 5) == 0) {
      /* the style sheet is the writer's own: up to its end tag */
      const char *end = NULL;
      size_t k;
      for (k = i; k + 8 <= len; k++)
        if (memcmp(page + k, "</style>", 8) == 0) {
          end = page + k;
          break;
        }
      FZ_CHECK(end != NULL, "no </style>");
      i = (size_t)(end - page);
    }
  }
  FZ_CHECK(metas == 4, "%zu <meta> elements, not 4", metas);
  FZ_CHECK(fz_utf8_valid(page, len), "the page is not UTF-8");
}

/* ------------------------------------------------------------------- CSV */

/* An independent reading of a formula start (cli_csv_formula_like): after
 * spaces, = + - @ or ＝ ＋ － ＠, a tab or a CR. */
static int starts_formula(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  if (i == n)
    return 0;
  if (strchr("=+-@\t\r", s[i]) && s[i] != '\0')
    return 1;
  return n - i >= 3 && (memcmp(s + i, "\xEF\xBC\x9D", 3) == 0 ||
                        memcmp(s + i, "\xEF\xBC\x8B", 3) == 0 ||
                        memcmp(s + i, "\xEF\xBC\x8D", 3) == 0 ||
                        memcmp(s + i, "\xEF\xBC\xA0", 3) == 0);
}

/* A number of a numeric column: empty, or -?digits(.digits)?. */
static int is_number(const char *s, size_t n) {
  size_t i = 0, digits = 0;
  if (n == 0)
    return 1;
  if (s[0] == '-')
    i++;
  for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
    digits++;
  if (i < n && s[i] == '.') {
    size_t d = 0;
    for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
      d++;
    if (!d)
      return 0;
  }
  return digits && i == n;
}

#define MAX_COLS 32

void fz_check_csv(const char *doc, size_t len) {
  size_t i = 3, ncols = 0, record = 0, col = 0;
  int numeric[MAX_COLS];
  char *cell = malloc(len + 1);
  FZ_CHECK(cell != NULL, "out of memory");
  FZ_CHECK(fz_utf8_valid(doc, len), "the CSV is not UTF-8");
  FZ_CHECK(len >= 3 && memcmp(doc, "\xEF\xBB\xBF", 3) == 0, "no BOM");
  FZ_CHECK(len > 3 && doc[len - 1] == '\n' && doc[len - 2] == '\r',
           "the last record does not end in CRLF");
  while (i < len) {
    size_t n = 0;
    int quoted = 0;
    if (doc[i] == '"') { /* a quoted cell: "" is a quote */
      quoted = 1;
      for (i++;; i++) {
        FZ_CHECK(i < len, "a quoted cell runs off the end");
        if (doc[i] == '"') {
          if (i + 1 < len && doc[i + 1] == '"') {
            cell[n++] = '"';
            i++;
            continue;
          }
          i++;
          break;
        }
        cell[n++] = doc[i];
      }
    } else {
      for (; i < len && doc[i] != ',' && doc[i] != '\r'; i++) {
        FZ_CHECK(doc[i] != '"' && doc[i] != '\n',
                 "a quote or line break in an unquoted cell at %zu", i);
        cell[n++] = doc[i];
      }
    }
    FZ_CHECK(col < MAX_COLS, "too many columns");
    if (record == 0) {
      /* the header says which columns are numbers */
      numeric[col] = (n == 8 && memcmp(cell, "activity", 8) == 0) ||
                     (n == 5 && memcmp(cell, "index", 5) == 0) ||
                     (n == 3 && memcmp(cell, "row", 3) == 0) ||
                     (n == 4 && memcmp(cell, "year", 4) == 0) ||
                     (n == 7 && memcmp(cell, "claimed", 7) == 0) ||
                     (n == 7 && memcmp(cell, "counted", 7) == 0);
    } else if (numeric[col]) {
      FZ_CHECK(!quoted && is_number(cell, n), "not a number: %.*s", (int)n,
               cell);
    } else {
      FZ_CHECK(!starts_formula(cell, n), "a text cell starts a formula: %.*s",
               (int)n, cell);
    }
    col++;
    FZ_CHECK(i < len, "a record without CRLF");
    if (doc[i] == ',') {
      i++;
      continue;
    }
    FZ_CHECK(doc[i] == '\r' && i + 1 < len && doc[i + 1] == '\n',
             "a record not ended by CRLF at %zu", i);
    i += 2;
    if (record == 0)
      ncols = col;
    FZ_CHECK(col == ncols, "record %zu has %zu columns, the header %zu", record,
             col, ncols);
    record++;
    col = 0;
  }
  free(cell);
}

/* ------------------------------------------------------------------ text */

void fz_check_text(const char *text, size_t len) {
  size_t i;
  FZ_CHECK(fz_utf8_valid(text, len), "the report is not UTF-8");
  for (i = 0; i < len; i++) {
    unsigned char c = (unsigned char)text[i];
    FZ_CHECK(c >= 0x20 || c == '\n', "control 0x%02X at %zu", c, i);
    FZ_CHECK(c != 0x7F, "DEL at %zu", i);
    /* C1 (U+0080..U+009F) and the bidi controls */
    FZ_CHECK(!(c == 0xC2 && i + 1 < len && (unsigned char)text[i + 1] < 0xA0),
             "a C1 control at %zu", i);
    FZ_CHECK(!(c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
               (unsigned char)text[i + 2] >= 0xAA &&
               (unsigned char)text[i + 2] <= 0xAE),
             "a bidi embedding or override at %zu", i);
    FZ_CHECK(!(c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x81 &&
               (unsigned char)text[i + 2] >= 0xA6 &&
               (unsigned char)text[i + 2] <= 0xA9),
             "a bidi isolate at %zu", i);
  }
}

/* --------------------------------------------------------------- writers */

typedef struct sink {
  char *p;
  size_t n;
  FILE *f;
} sink;

static void open_sink(sink *s) {
  s->p = NULL;
  s->n = 0;
  s->f = open_memstream(&s->p, &s->n);
  FZ_CHECK(s->f != NULL, "open_memstream");
}

static void close_sink(sink *s) { FZ_CHECK(fclose(s->f) == 0, "memstream"); }

void fz_check_writers(const cpd_result *r, const cpd_application *app) {
  int ja;
  for (ja = 0; ja <= 1; ja++) {
    sink s;
    int rc;
    open_sink(&s);
    /* personal: ja; the default policy's rows (a section of another
     * policy gets none) */
    rc = cli_html_write(s.f, app, NULL, r, ja, ja, NULL);
    close_sink(&s);
    FZ_CHECK(rc == 0, "cli_html_write: out of memory");
    fz_check_html(s.p, s.n);
    free(s.p);

    open_sink(&s);
    cli_print_report(s.f, r, ja ? app : NULL, ja, 0);
    close_sink(&s);
    fz_check_text(s.p, s.n);
    free(s.p);

    open_sink(&s);
    rc = cli_print_csv(s.f, r, ja);
    close_sink(&s);
    FZ_CHECK(rc == 0, "cli_print_csv: out of memory");
    fz_check_csv(s.p, s.n);
    FZ_CHECK(s.n > 3, "an empty CSV");
    free(s.p);
  }
}
