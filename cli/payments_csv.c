/* payments_csv.c - a net-banking CSV export of an account's deposits as
 * payments.  The file is read as import-csv reads a spreadsheet
 * (csv_read.c: UTF-8 or CP932 decided from the whole file, libcsv,
 * rows numbered as a spreadsheet shows them); its columns are found by
 * the names banks give them; a date is any form libcpd reads
 * (cpd_day_parse), an amount yen in digits ("10,000", "￥10,000",
 * "10000円"). */
#include <stdlib.h>
#include <string.h>

#include "csv_sheet.h"
#include "payments.h"

/* The headers of each column, in the order they are preferred when a
 * file has several (a statement with 入金額 and 金額 takes 入金額). */
static const char *const date_headers[] = {"日付",   "取引日",   "勘定日",
                                           "入金日", "お取引日", "取引年月日",
                                           "年月日", NULL};
static const char *const amount_headers[] = {
    "入金額",   "お預り金額",   "入金金額", "お預入金額",
    "預入金額", "お預かり金額", "金額",     NULL};
static const char *const name_headers[] = {
    "振込依頼人名", "依頼人名", "振込依頼人", "依頼人", "摘要",
    "お取引内容",   "取引内容", "内容",       NULL};
/* the name columns that hold more than the name: "振込 ﾔﾏﾀﾞ ﾀﾛｳ" */
#define FIRST_DESCRIPTION_HEADER 4

/* Up to "(円)" or "（円）", NFKC'd, without spaces: "入金金額（円）" is
 * 入金金額.  NULL when out of memory (or not UTF-8: no match). */
static char *header_key(const char *cell) {
  char *n = NULL, *p, *q;
  size_t len;
  if (cpd_text_normalize(&n, &len, cell, strlen(cell)) != CPD_OK)
    return NULL;
  for (p = q = n; *p; p++)
    if (*p != ' ')
      *q++ = *p;
  *q = '\0';
  p = strstr(n, "(円)");
  if (p && p[strlen("(円)")] == '\0')
    *p = '\0';
  return n;
}

/* The column (0-based) of the first of names found in the header, or
 * (size_t)-1; *which the index of that name. */
static size_t find_column(char *const *keys, size_t ncol,
                          const char *const *names, size_t *which) {
  size_t k, c;
  for (k = 0; names[k]; k++)
    for (c = 0; c < ncol; c++)
      if (keys[c] && strcmp(keys[c], names[k]) == 0) {
        *which = k;
        return c;
      }
  return (size_t)-1;
}

/* Yen from an amount cell: 1 and *v, 0 when blank or 0 (no deposit on
 * this row), -1 when it is not an amount. */
static int amount_of(const char *cell, long long *v) {
  char *n = NULL;
  size_t len, i;
  int digits = 0, rc = 1;
  *v = 0;
  if (cpd_text_normalize(&n, &len, cell, strlen(cell)) != CPD_OK)
    return -1;
  for (i = 0; i < len && rc == 1;) {
    if (n[i] >= '0' && n[i] <= '9') {
      if (*v > 999999999999999LL)
        rc = -1;
      else
        *v = *v * 10 + (n[i] - '0');
      digits++;
      i++;
    } else if (n[i] == ',' && digits) {
      i++;
    } else if (strncmp(n + i, "\xC2\xA5", 2) == 0 && !digits) { /* ¥ */
      i += 2;
    } else if (strncmp(n + i, "円", 3) == 0 && digits && i + 3 == len) {
      i += 3;
    } else if (n[i] == ' ') {
      i++;
    } else {
      rc = -1;
    }
  }
  cpd_string_free(n);
  if (rc < 0)
    return -1;
  return digits && *v > 0 ? 1 : 0;
}

/* Where the payer's name starts in a description cell: after "振込" (or
 * ﾌﾘｺﾐ, フリコミ) and spaces, when a name follows. */
static size_t description_name_at(const char *cell) {
  static const char *const lead[] = {"振込", "ﾌﾘｺﾐ", "フリコミ", NULL};
  size_t k, at;
  for (k = 0; lead[k]; k++) {
    size_t l = strlen(lead[k]);
    if (strncmp(cell, lead[k], l) != 0)
      continue;
    at = l;
    while (cell[at] == ' ' || strncmp(cell + at, "　", 3) == 0)
      at += cell[at] == ' ' ? 1 : 3;
    return cell[at] ? at : 0;
  }
  return 0;
}

int payments_csv_read(payments *out, pay_msgs *m, const char *encoding,
                      const char *raw, size_t len) {
  sheet_msgs sm;
  sheet sh;
  char **keys = NULL;
  size_t c, i, col_date, col_amount, col_name, which = 0, name_which = 0;
  int rc;
  memset(out, 0, sizeof *out);
  out->source = PAY_CSV;
  memset(&sm, 0, sizeof sm);
  sm.file = m->file;
  sm.ja = m->ja;
  sm.out = m->out;
  sm.cmd = m->cmd ? m->cmd : "reconcile";
  sm.max_rows = PAYMENTS_MAX + 1;
  sm.max_bytes = PAYMENTS_MAX_BYTES;
  rc = sheet_read(&sh, &sm, encoding, raw, len);
  m->errors += sm.errors;
  if (rc)
    goto done;
  if (sh.n == 0) {
    pay_error(m, 1, 0, 0, NULL, "見出しの行がありません（空のファイル）",
              "no header row (the file is empty)");
    rc = EXIT_INPUT;
    goto done;
  }
  keys = calloc(sh.rows[0].n ? sh.rows[0].n : 1, sizeof *keys);
  if (!keys) {
    rc = EXIT_NOMEM;
    goto done;
  }
  for (c = 0; c < sh.rows[0].n; c++)
    keys[c] = header_key(sh.rows[0].cells[c]);
  col_date = find_column(keys, sh.rows[0].n, date_headers, &which);
  col_amount = find_column(keys, sh.rows[0].n, amount_headers, &which);
  col_name = find_column(keys, sh.rows[0].n, name_headers, &name_which);
  if (col_date == (size_t)-1 || col_amount == (size_t)-1 ||
      col_name == (size_t)-1) {
    /* the missing ones, "the date, the name" */
    const char *missing[3] = {"", "", ""};
    const char *what[3];
    size_t k = 0;
    what[0] = m->ja ? " 日付" : " the date";
    what[1] = m->ja ? " 金額" : " the amount";
    what[2] = m->ja ? " 名義" : " the name";
    if (col_date == (size_t)-1)
      missing[k++] = what[0];
    if (col_amount == (size_t)-1) {
      missing[k] = k && !m->ja ? ", the amount" : what[1];
      k++;
    }
    if (col_name == (size_t)-1)
      missing[k] = k && !m->ja ? ", the name" : what[2];
    pay_error(m, 1, sh.rows[0].row, 0, NULL,
              "見出しに%s%s%s の列がありません（日付: 日付・取引日・勘定日・"
              "入金日、金額: 入金額・お預り金額・入金金額・金額、名義: "
              "振込依頼人名・依頼人名・摘要・お取引内容）",
              "the header has no column for%s%s%s (the date: 日付, 取引日, "
              "勘定日, 入金日; the amount: 入金額, お預り金額, 入金金額, "
              "金額; the name: 振込依頼人名, 依頼人名, 摘要, お取引内容)",
              missing[0], missing[1], missing[2]);
    rc = EXIT_INPUT;
    goto done;
  }
  for (i = 1; i < sh.n && !rc; i++) {
    const sheet_row *r = &sh.rows[i];
    const char *dcell = col_date < r->n ? r->cells[col_date] : "";
    const char *acell = col_amount < r->n ? r->cells[col_amount] : "";
    const char *ncell = col_name < r->n ? r->cells[col_name] : "";
    payment p;
    long long amount;
    int a;
    if (r->nul_col) {
      pay_error(m, 1, r->row, r->nul_col, NULL, "NUL バイトがあります",
                "the cell holds a NUL byte");
      rc = EXIT_INPUT;
      break;
    }
    a = amount_of(acell, &amount);
    if (a < 0) {
      pay_error(m, 1, r->row, col_amount + 1, sh.rows[0].cells[col_amount],
                "金額ではありません（円の数字: 10000、10,000、￥10,000）: '%s'",
                "not an amount (yen in digits: 10000, 10,000, ￥10,000): "
                "'%s'",
                acell);
      rc = EXIT_INPUT;
      break;
    }
    if (a == 0) { /* no deposit on this row (a withdrawal, a balance) */
      out->left_out++;
      continue;
    }
    memset(&p, 0, sizeof p);
    p.record = r->row;
    p.amount = amount;
    if (cpd_day_parse(&p.date, dcell, strlen(dcell)) != CPD_OK) {
      pay_error(m, 1, r->row, col_date + 1, sh.rows[0].cells[col_date],
                "日付として読めません: '%s'", "not a date: '%s'", dcell);
      rc = EXIT_INPUT;
      break;
    }
    if (name_which >= FIRST_DESCRIPTION_HEADER)
      p.match_at = description_name_at(ncell);
    switch (payments_add(out, m, &p, ncell, strlen(ncell))) {
    case 0:
      break;
    case -1:
      rc = EXIT_NOMEM;
      break;
    default:
      rc = EXIT_INPUT;
    }
  }
done:
  if (keys)
    for (c = 0; c < sh.rows[0].n; c++)
      cpd_string_free(keys[c]);
  free(keys);
  sheet_free(&sh);
  if (rc)
    payments_free(out);
  return rc;
}
