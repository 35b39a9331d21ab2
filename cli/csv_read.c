/* csv_read.c - the reading of a spreadsheet export: its encoding (UTF-8
 * with or without BOM, or CP932 as Japanese Excel writes it, decided from
 * the whole file), its CSV (libcsv, strict), and the library's limits on
 * one application applied while it is read, so that memory stays bounded
 * whatever the input.  Rows are numbered as the spreadsheet shows them. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csv_sheet.h"

void sheet_error(sheet_msgs *m, unsigned long row, const char *ja_fmt,
                 const char *en_fmt, ...) {
  va_list ap;
  m->errors++;
  if (m->errors > SHEET_MAX_REPORTED || !m->out)
    return;
  /* the file name and the cells quoted are made safe for the terminal */
  cli_message(m->out, "cpd %s: %s: ", m->cmd ? m->cmd : "import-csv", m->file);
  if (row && m->activity)
    cli_message(m->out,
                m->ja ? "%lu 行目（活動 %zu）: " : "row %lu (activity %zu): ",
                row, m->activity);
  else if (row)
    cli_message(m->out, m->ja ? "%lu 行目: " : "row %lu: ", row);
  va_start(ap, en_fmt);
  cli_vmessage_line(m->out, m->ja, ja_fmt, en_fmt, ap);
  va_end(ap);
}

/* Trims ASCII and ideographic spaces in place; returns s. */
char *sheet_trim(char *s) {
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

/* UTF-8 check of a whole text, by the library's definition
 * (cpd_utf8_check): 1 when valid; else 0 with the offset of the first bad
 * byte in *bad, and how many multi-byte characters were valid (*good)
 * against how many bytes were not (*bad_bytes).  A NUL byte is left to
 * the CSV reader, which reports the cell that holds one. */
static int is_utf8(const char *s, size_t len, size_t *bad, size_t *good,
                   size_t *bad_bytes) {
  size_t off = 0;
  int ok = 1;
  *good = *bad_bytes = 0;
  while (off < len) {
    size_t valid = 0, chars = 0, k;
    cpd_status st = cpd_utf8_check(&valid, &chars, s + off, len - off);
    for (k = 0; k < valid; k++)
      chars -= (unsigned char)s[off + k] < 0x80; /* multi-byte ones only */
    *good += chars;
    if (st == CPD_OK)
      break;
    off += valid;
    if (s[off] != '\0') {
      if (ok)
        *bad = off;
      ok = 0;
      ++*bad_bytes;
    }
    off++;
  }
  return ok;
}

static int copy_text(const char *raw, size_t len, char **text, size_t *tlen) {
  *text = malloc(len + 1);
  if (!*text)
    return EXIT_NOMEM;
  memcpy(*text, raw, len);
  (*text)[len] = '\0';
  *tlen = len;
  return 0;
}

/* Which limit stopped the reading. */
enum { STOP_NONE, STOP_CELL, STOP_COLUMNS, STOP_ROWS };

typedef struct reader {
  sheet *out; /* the rows with any text (blank rows are only counted) */
  char **cur;
  size_t ncur, capcur;
  size_t cur_nul;
  unsigned long row;
  int last_cr; /* the previous record ended on CR (a CRLF's LF follows) */
  int oom;
  int stop;               /* STOP_*: a limit was reached; reading stopped */
  unsigned long stop_row; /* where */
  size_t stop_col;
  size_t max_rows; /* rows kept at most, the header included */
} reader;

static void on_field(void *s, size_t len, void *data) {
  reader *rd = data;
  char *cell;
  if (rd->oom || rd->stop)
    return;
  if (len > CPD_DEFAULT_MAX_STRING_BYTES || rd->ncur == SHEET_MAX_COLUMNS) {
    /* checked before the cell is copied: a 10 MB cell costs nothing */
    rd->stop = len > CPD_DEFAULT_MAX_STRING_BYTES ? STOP_CELL : STOP_COLUMNS;
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
  sheet_trim(
      cell); /* once, here: a row of spaces is as blank as an empty one */
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
  sheet *sh = rd->out;
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
  if (sh->n == rd->max_rows) { /* by default the header and 10,000 */
    rd->stop = STOP_ROWS;
    rd->stop_row = rd->row;
    drop_current(rd);
    return;
  }
  if (sh->n == sh->cap) {
    size_t cap = sh->cap ? sh->cap * 2 : 64;
    sheet_row *nr = realloc(sh->rows, cap * sizeof *nr);
    if (!nr) {
      rd->oom = 1;
      return;
    }
    sh->rows = nr;
    sh->cap = cap;
  }
  sh->rows[sh->n].cells = rd->cur;
  sh->rows[sh->n].n = rd->ncur;
  sh->rows[sh->n].row = rd->row;
  sh->rows[sh->n].nul_col = rd->cur_nul;
  sh->n++;
  rd->cur = NULL;
  rd->ncur = rd->capcur = 0;
  rd->cur_nul = 0;
}

void sheet_free(sheet *s) {
  size_t i, j;
  for (i = 0; i < s->n; i++) {
    for (j = 0; j < s->rows[i].n; j++)
      free(s->rows[i].cells[j]);
    free(s->rows[i].cells);
  }
  free(s->rows);
  s->rows = NULL;
  s->n = s->cap = 0;
}

/* Bytes to UTF-8 text without a BOM, the encoding decided from the whole
 * file (--encoding auto): with a BOM, UTF-8; valid UTF-8, UTF-8; else
 * valid CP932, CP932 - unless the file is UTF-8 but for a few bytes (more
 * valid UTF-8 characters than bad bytes: a pasted Shift_JIS cell), which
 * is an error, as is a file that is neither.  Errors name the row and
 * column of the first bad byte, and nothing is written.  0, or an exit
 * status after a message. */
static int decode(sheet_msgs *m, const char *enc, const char *raw, size_t len,
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
    sheet_error(
        m, 0,
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
      sheet_error(m, row,
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
  switch (cli_cp932_to_utf8(text, tlen, raw, len, &bad)) {
  case 0:
    return 0;
  case CLI_CONV_NONE:
    sheet_error(m, 0, "この環境の iconv は CP932 を変換できません",
                "this system's iconv cannot convert CP932");
    return EXIT_INPUT;
  case CLI_CONV_NOMEM:
    return EXIT_NOMEM;
  default:
    cell_at(raw, len, bad, &row, &col);
    sheet_error(m, row,
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
static void limit_error(sheet_msgs *m, const reader *rd) {
  switch (rd->stop) {
  case STOP_CELL:
    sheet_error(
        m, rd->stop_row,
        "列 %zu: セルが %d バイトを超えています（申請書の文字列の上限）",
        "column %zu: the cell is longer than %d bytes (the limit of a "
        "text in an application)",
        rd->stop_col, CPD_DEFAULT_MAX_STRING_BYTES);
    break;
  case STOP_COLUMNS:
    sheet_error(m, rd->stop_row, "列が %d を超えています",
                "more than %d columns", SHEET_MAX_COLUMNS);
    break;
  default:
    if (m->max_rows)
      sheet_error(m, rd->stop_row, "行が %zu を超えています（読める上限）",
                  "more than %zu rows (the limit this command reads)",
                  m->max_rows - 1);
    else
      sheet_error(m, rd->stop_row,
                  "活動が %d 件を超えています（1 通の申請書の上限）",
                  "more than %d activities (the limit of one application)",
                  CPD_DEFAULT_MAX_ACTIVITIES);
    break;
  }
}

/* Parses the UTF-8 text into rd in chunks, stopping at a limit.  0, or an
 * exit status after a message. */
static int parse_csv(sheet_msgs *m, const char *text, size_t tlen, reader *rd) {
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
      sheet_error(m, row,
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
      sheet_error(m, row,
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
    limit_error(m, rd);
    rc = EXIT_INPUT;
  }
  return rc;
}

int sheet_read(sheet *out, sheet_msgs *m, const char *encoding, const char *raw,
               size_t len) {
  reader rd;
  char *text = NULL;
  size_t tlen = 0, j;
  int rc;
  memset(out, 0, sizeof *out);
  if (m->max_bytes && len > m->max_bytes) {
    sheet_error(m, 0, "%zu バイトを超えています（読める上限）",
                "larger than %zu bytes (the limit this command reads)",
                m->max_bytes);
    return EXIT_INPUT;
  }
  if (!m->max_bytes && len > CPD_DEFAULT_MAX_DOCUMENT_BYTES) {
    sheet_error(m, 0, "%zu バイトを超えています（申請書 1 通の上限）",
                "larger than %zu bytes (the limit of one application "
                "document)",
                (size_t)CPD_DEFAULT_MAX_DOCUMENT_BYTES);
    return EXIT_INPUT;
  }
  rc = decode(m, encoding ? encoding : "auto", raw, len, &text, &tlen);
  if (rc)
    return rc;
  memset(&rd, 0, sizeof rd);
  rd.out = out;
  rd.max_rows = m->max_rows ? m->max_rows : CPD_DEFAULT_MAX_ACTIVITIES + 1;
  rc = parse_csv(m, text, tlen, &rd);
  for (j = 0; j < rd.ncur; j++)
    free(rd.cur[j]);
  free(rd.cur);
  free(text);
  if (rc)
    sheet_free(out);
  return rc;
}
