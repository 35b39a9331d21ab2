/* payments.h - the bank's record of incoming payments, as `cpd reconcile`
 * reads it: a Zengin file (全銀協 振込入金通知 or 入出金取引明細, zengin.c)
 * or a net-banking CSV export (payments_csv.c), told apart by their
 * content.  Messages name the file, the record or row, and the column;
 * they never echo a name. */
#ifndef CPD_CLI_PAYMENTS_H
#define CPD_CLI_PAYMENTS_H
#include <stdio.h>

#include "cli.h"

/* The input limits: 32 MiB of file (160,000 Zengin records), 100,000
 * payments. */
#define PAYMENTS_MAX_BYTES ((size_t)32 << 20)
#define PAYMENTS_MAX (100000u)

/* The era of a Zengin date (YYMMDD, 和暦: the year has no era digit). */
typedef enum pay_era { PAY_ERA_REIWA = 0, PAY_ERA_HEISEI = 1 } pay_era;

typedef enum pay_source { PAY_ZENGIN_01, PAY_ZENGIN_03, PAY_CSV } pay_source;

typedef struct payment {
  unsigned long record; /* Zengin: the record, 1-based from the file's
                           first; CSV: the row as a spreadsheet shows it */
  char reference[12];   /* 照会番号 as written ("" when none) */
  cpd_day date;         /* 勘定日 / the date column */
  long long amount;     /* yen */
  char *name;           /* 振込依頼人名 as the bank wrote it (UTF-8:
                           half-width kana stay half-width), trimmed */
  size_t match_at;      /* where the payer's name starts in name: after
                           the "振込" a 摘要 column begins with */
  int cut;              /* the name filled its fixed-width field: it may
                           have been cut there */
} payment;

typedef struct payments {
  payment *items;
  size_t n, cap;
  pay_source source;
  unsigned long left_out; /* records that are no payment by transfer:
                             cancelled notices (and what they cancel),
                             03's withdrawals and other deposits */
} payments;

/* Messages of one reading: "cpd reconcile: FILE: record N, column C
 * (金額): ..." on out (NULL: counted only), in the chosen language. */
typedef struct pay_msgs {
  const char *cmd;  /* "reconcile" */
  const char *file; /* as named on the command line */
  int ja;
  FILE *out;
  unsigned long errors;
} pay_msgs;

/* One error: at record/row `where` (0: the whole file), column `col` (0:
 * none), in field `field` (NULL: none; its Japanese name, as the
 * published layouts name it, in both languages); ja_fmt is en_fmt in
 * Japanese, a literal beside it at every call. */
void pay_error(pay_msgs *m, int csv, unsigned long where, size_t col,
               const char *field, const char *ja_fmt, const char *en_fmt, ...)
    CLI_PRINTF(7, 8);

/* Appends one payment (name copied, len bytes).  0, or -1 out of memory;
 * EXIT_INPUT (after a message) past PAYMENTS_MAX. */
int payments_add(payments *p, pay_msgs *m, const payment *item,
                 const char *name, size_t len);
void payments_free(payments *p);

/* 1 when raw looks like a Zengin file: a header record "1" + 種別コード
 * of two digits + コード区分. */
int zengin_detect(const char *raw, size_t len);
/* The payments of a Zengin file of 種別コード 01 or 03.  0, EXIT_INPUT
 * after messages (nothing kept), or EXIT_NOMEM. */
int zengin_read(payments *out, pay_msgs *m, const char *raw, size_t len,
                pay_era era);
/* The payments of a CSV export (encoding "auto", "utf-8" or "cp932").
 * 0, EXIT_INPUT after messages, or EXIT_NOMEM. */
int payments_csv_read(payments *out, pay_msgs *m, const char *encoding,
                      const char *raw, size_t len);
/* Either, from the content.  The same returns. */
int payments_read(payments *out, pay_msgs *m, const char *encoding,
                  const char *raw, size_t len, pay_era era);

#endif
