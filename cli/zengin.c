/* zengin.c - the Zengin files (全銀協規定形式) a Japanese bank delivers
 * for incoming payments: 振込入金通知 (種別コード 01) and 入出金取引明細
 * (種別コード 03).  Fixed 200-byte records, back to back or each ended by
 * CR LF (or LF), in JIS X 0201 (Shift_JIS's single-byte half: ASCII and
 * half-width katakana): a header record (データ区分 1), data records (2),
 * a trailer (8) whose counts and sums are checked, and an end record (9);
 * several header..trailer groups may come before the end record.
 *
 * The layouts are those of the published specifications; docs/OFFICE.md
 * says which were checked against what.  Dates are 和暦 YYMMDD: the year
 * has no era, so the era is the caller's (令和 unless told 平成), and the
 * library reads the date in it (R09.01.20) and refuses a day outside it. */
#include <stdlib.h>
#include <string.h>

#include "payments.h"

#define RECORD 200

/* A field of a record: its name as the layouts name it, 0-based offset,
 * width in bytes. */
typedef struct zfield {
  const char *name;
  unsigned char at, width;
} zfield;

/* header (01 and 03 alike up to 勘定日(至)) */
static const zfield H_KIND = {"種別コード", 1, 2};
static const zfield H_CODE = {"コード区分", 3, 1};
static const zfield H_MADE = {"作成日", 4, 6};
static const zfield H_FROM = {"勘定日（自）", 10, 6};
static const zfield H_TO = {"勘定日（至）", 16, 6};

/* 01 振込入金通知, data record */
static const zfield D1_REF = {"照会番号", 1, 6};
static const zfield D1_DAY = {"勘定日", 7, 6};
static const zfield D1_VALUE_DAY = {"起算日", 13, 6};
static const zfield D1_AMOUNT = {"金額", 19, 10};
static const zfield D1_OTHER = {"うち他店券金額", 29, 10};
static const zfield D1_NAME = {"振込依頼人名", 49, 48};
static const zfield D1_CANCEL = {"取消区分", 127, 1};
/* 01 trailer */
static const zfield T1_COUNT = {"振込合計件数", 1, 6};
static const zfield T1_SUM = {"振込合計金額", 7, 12};
static const zfield T1_CCOUNT = {"取消合計件数", 19, 6};
static const zfield T1_CSUM = {"取消合計金額", 25, 12};

/* 03 入出金取引明細, data record */
static const zfield D3_REF = {"照会番号", 1, 8};
static const zfield D3_DAY = {"勘定日", 9, 6};
static const zfield D3_VALUE_DAY = {"預入・払出日", 15, 6};
static const zfield D3_INOUT = {"入払区分", 21, 1};
static const zfield D3_KIND = {"取引区分", 22, 2};
static const zfield D3_AMOUNT = {"取引金額", 24, 12};
static const zfield D3_OTHER = {"うち他店券金額", 36, 12};
static const zfield D3_NAME = {"振込依頼人名または契約者番号", 81, 48};
/* 03 trailer */
static const zfield T3_IN_COUNT = {"入金件数", 1, 6};
static const zfield T3_IN_SUM = {"入金額合計", 7, 13};
static const zfield T3_OUT_COUNT = {"出金件数", 20, 6};
static const zfield T3_OUT_SUM = {"出金額合計", 26, 13};
static const zfield T3_RECORDS = {"データ・レコード件数", 54, 7};

static const zfield F_KIND = {"データ区分", 0, 1};

int zengin_detect(const char *raw, size_t len) {
  const unsigned char *u = (const unsigned char *)raw;
  if (len >= 4 && u[0] == '1' && u[1] >= '0' && u[1] <= '9' && u[2] >= '0' &&
      u[2] <= '9' && (u[3] == '0' || u[3] == '1'))
    return 1;
  /* a data, trailer or end record first (no header): 200 bytes of the
   * Zengin set on the first line, no comma, ended there */
  if (len >= 200 && (u[0] == '2' || u[0] == '8' || u[0] == '9') &&
      (len == 200 || u[200] == '\r' || u[200] == '\n' || len % 200 == 0)) {
    size_t i;
    for (i = 0; i < 200; i++)
      if (u[i] == ',' || u[i] == '\r' || u[i] == '\n' || u[i] == '"' ||
          !((u[i] >= 0x20 && u[i] <= 0x7E) || (u[i] >= 0xA1 && u[i] <= 0xDF)))
        break;
    if (i == 200)
      return 1;
  }
  /* "1", two digits, "0"/"1" in EBCDIC (F1 Fx Fx F0/F1) */
  if (len >= 4 && u[0] == 0xF1 && (u[1] & 0xF0) == 0xF0 &&
      (u[2] & 0xF0) == 0xF0 && (u[3] == 0xF0 || u[3] == 0xF1))
    return 2;
  return 0;
}

/* ------------------------------------------------------------------ fields */

typedef struct zreader {
  payments *out;
  pay_msgs *m;
  pay_era era;
  unsigned long record; /* 1-based, of the record being read */
  const char *r;        /* its 200 bytes */
  int kind;             /* 1 or 3: the first header's 種別コード */
  /* the group being read (header .. trailer) */
  cpd_day from, to; /* the header's 勘定日(自)(至), CPD_DAY_NONE if none */
  unsigned long data, cancels, in_count, out_count;
  long long sum, cancel_sum, in_sum, out_sum;
  size_t group_first; /* the group's first payment in out */
  /* cancellations of the file: reference and amount, matched at the end */
  payment *cancel;
  size_t ncancel, capcancel;
} zreader;

static void field_error(zreader *z, const zfield *f, const char *ja,
                        const char *en, const char *text) {
  /* the value is echoed only for numbers and dates (never a name) */
  pay_error(z->m, 0, z->record, (size_t)f->at + 1, f->name, "%s%s%s%s",
            "%s%s%s%s", z->m->ja ? ja : en, text ? " '" : "", text ? text : "",
            text ? "'" : "");
}

/* The field's bytes as a C string (numbers and dates: ASCII). */
static void field_text(const zreader *z, const zfield *f, char buf[64]) {
  memcpy(buf, z->r + f->at, f->width);
  buf[f->width] = '\0';
}

static int all_of(const char *s, size_t n, char c) {
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i] != c)
      return 0;
  return 1;
}

/* A number field: 1 and *v for digits, 0 when blank (spaces), -1 after a
 * message otherwise (unless optional: then -1 silently is not used). */
static int num(zreader *z, const zfield *f, long long *v, int required) {
  const char *s = z->r + f->at;
  char buf[64];
  size_t i;
  *v = 0;
  if (all_of(s, f->width, ' ')) {
    if (!required)
      return 0;
    field_error(z, f, "空欄です（数字の欄）", "blank (a number field)", NULL);
    return -1;
  }
  for (i = 0; i < f->width; i++) {
    if (s[i] < '0' || s[i] > '9') {
      field_text(z, f, buf);
      field_error(z, f, "数字ではありません", "not a number", buf);
      return -1;
    }
    *v = *v * 10 + (s[i] - '0');
  }
  return 1;
}

/* A 和暦 YYMMDD date field, read by the library in the era of the file:
 * 1 and *d, 0 when blank (spaces or zeros), -1 after a message. */
static int date(zreader *z, const zfield *f, cpd_day *d, int required) {
  const char *s = z->r + f->at;
  char buf[64], text[16];
  size_t i;
  *d = CPD_DAY_NONE;
  if (all_of(s, 6, ' ') || all_of(s, 6, '0')) {
    if (!required)
      return 0;
    field_error(z, f, "空欄です（日付の欄）", "blank (a date field)", NULL);
    return -1;
  }
  field_text(z, f, buf);
  for (i = 0; i < 6; i++)
    if (s[i] < '0' || s[i] > '9') {
      field_error(z, f, "和暦の年月日（YYMMDD）ではありません",
                  "not a date (和暦 YYMMDD)", buf);
      return -1;
    }
  /* JIS X 0301's form, which cpd_day_parse reads: R09.01.20 */
  text[0] = z->era == PAY_ERA_HEISEI ? 'H' : 'R';
  memcpy(text + 1, s, 2);
  text[3] = '.';
  memcpy(text + 4, s + 2, 2);
  text[6] = '.';
  memcpy(text + 7, s + 4, 2);
  text[9] = '\0';
  if (cpd_day_parse(d, text, 9) != CPD_OK) {
    if (z->era == PAY_ERA_HEISEI)
      field_error(z, f,
                  "平成の日付として正しくありません（--era reiwa で"
                  "令和として読めます）",
                  "not a date of 平成 (--era reiwa reads it in 令和)", buf);
    else
      field_error(z, f,
                  "令和の日付として正しくありません（平成の日付なら "
                  "--era heisei）",
                  "not a date of 令和 (for a date of 平成, --era heisei)", buf);
    return -1;
  }
  return 1;
}

/* The name field as UTF-8: ASCII as it is, half-width katakana
 * (0xA1-0xDF) as U+FF61-U+FF9F, trailing spaces trimmed.  buf holds at
 * least 3 * width + 1 bytes.  *cut: the field is filled to its end. */
static size_t name_utf8(const zreader *z, const zfield *f, char *buf,
                        int *cut) {
  const unsigned char *s = (const unsigned char *)z->r + f->at;
  size_t n = f->width, i, len = 0;
  while (n > 0 && s[n - 1] == ' ')
    n--;
  *cut = n == f->width;
  for (i = 0; i < n; i++) {
    unsigned cp = s[i] < 0x80 ? s[i] : 0xFF61u + (s[i] - 0xA1u);
    if (cp < 0x80) {
      buf[len++] = (char)cp;
    } else {
      buf[len++] = (char)(0xE0 | (cp >> 12));
      buf[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      buf[len++] = (char)(0x80 | (cp & 0x3F));
    }
  }
  buf[len] = '\0';
  /* leading spaces too */
  i = 0;
  while (buf[i] == ' ')
    i++;
  if (i) {
    memmove(buf, buf + i, len - i + 1);
    len -= i;
  }
  return len;
}

/* ----------------------------------------------------------------- records */

static int add_payment(zreader *z, const zfield *ref, cpd_day day,
                       long long amount, const zfield *name, int cancel) {
  payment p;
  char buf[3 * 48 + 1];
  size_t len;
  int cut;
  memset(&p, 0, sizeof p);
  p.record = z->record;
  memcpy(p.reference, z->r + ref->at, ref->width);
  p.reference[ref->width] = '\0';
  if (all_of(p.reference, ref->width, ' '))
    p.reference[0] = '\0';
  p.date = day;
  p.amount = amount;
  if (cancel) {
    if (z->ncancel == z->capcancel) {
      size_t cap = z->capcancel ? z->capcancel * 2 : 16;
      payment *nc = realloc(z->cancel, cap * sizeof *nc);
      if (!nc)
        return EXIT_NOMEM;
      z->cancel = nc;
      z->capcancel = cap;
    }
    z->cancel[z->ncancel++] = p;
    return 0;
  }
  len = name_utf8(z, name, buf, &cut);
  p.cut = cut;
  switch (payments_add(z->out, z->m, &p, buf, len)) {
  case 0:
    return 0;
  case -1:
    return EXIT_NOMEM;
  default:
    return EXIT_INPUT;
  }
}

/* A data record's 勘定日 within its header's 勘定日(自)(至). */
static int within_header(zreader *z, const zfield *f, cpd_day d) {
  char buf[64];
  if ((z->from != CPD_DAY_NONE && d < z->from) ||
      (z->to != CPD_DAY_NONE && d > z->to)) {
    field_text(z, f, buf);
    field_error(z, f, "ヘッダーの勘定日（自）〜（至）の外です",
                "outside the header's 勘定日 (自)-(至)", buf);
    return -1;
  }
  return 0;
}

static int data_01(zreader *z) {
  long long amount, other;
  cpd_day day, value_day;
  char c = z->r[D1_CANCEL.at];
  int cancel = c == '1';
  if (c != ' ' && c != '0' && c != '1') {
    char buf[64];
    field_text(z, &D1_CANCEL, buf);
    field_error(z, &D1_CANCEL, "1（取消）か空欄です", "is 1 (cancel) or blank",
                buf);
    return EXIT_INPUT;
  }
  if (date(z, &D1_DAY, &day, 1) < 0 || within_header(z, &D1_DAY, day) < 0 ||
      date(z, &D1_VALUE_DAY, &value_day, 0) < 0 ||
      num(z, &D1_AMOUNT, &amount, 1) < 0 || num(z, &D1_OTHER, &other, 0) < 0)
    return EXIT_INPUT;
  if (other > amount) {
    field_error(z, &D1_OTHER, "金額を超えています", "more than the amount",
                NULL);
    return EXIT_INPUT;
  }
  z->data++;
  z->sum += amount;
  if (cancel) {
    z->cancels++;
    z->cancel_sum += amount;
  }
  return add_payment(z, &D1_REF, day, amount, &D1_NAME, cancel);
}

static int data_03(zreader *z) {
  long long amount, other;
  cpd_day day, value_day;
  char io = z->r[D3_INOUT.at];
  const char *kind = z->r + D3_KIND.at;
  char buf[64];
  if (io != '1' && io != '2') {
    field_text(z, &D3_INOUT, buf);
    field_error(z, &D3_INOUT, "1（入金）か 2（出金）です",
                "is 1 (deposit) or 2 (withdrawal)", buf);
    return EXIT_INPUT;
  }
  if (date(z, &D3_DAY, &day, 1) < 0 || within_header(z, &D3_DAY, day) < 0 ||
      date(z, &D3_VALUE_DAY, &value_day, 0) < 0 ||
      num(z, &D3_AMOUNT, &amount, 1) < 0 || num(z, &D3_OTHER, &other, 0) < 0)
    return EXIT_INPUT;
  if (!(all_of(kind, 2, ' ') || (kind[0] >= '0' && kind[0] <= '9' &&
                                 kind[1] >= '0' && kind[1] <= '9'))) {
    field_text(z, &D3_KIND, buf);
    field_error(z, &D3_KIND, "数字 2 桁か空欄です", "is two digits or blank",
                buf);
    return EXIT_INPUT;
  }
  z->data++;
  if (io == '2') {
    z->out_count++;
    z->out_sum += amount;
    z->out->left_out++;
    return 0;
  }
  z->in_count++;
  z->in_sum += amount;
  /* a deposit by transfer (取引区分 11 振込, or not said): cash, cheques,
   * account transfers, corrections and the rest are no fee payment */
  if (!(all_of(kind, 2, ' ') || memcmp(kind, "11", 2) == 0 ||
        memcmp(kind, "00", 2) == 0)) {
    z->out->left_out++;
    return 0;
  }
  return add_payment(z, &D3_REF, day, amount, &D3_NAME, 0);
}

static int header(zreader *z) {
  char buf[64];
  int kind;
  cpd_day made;
  field_text(z, &H_KIND, buf);
  kind = strcmp(buf, "01") == 0 ? 1 : strcmp(buf, "03") == 0 ? 3 : 0;
  if (!kind) {
    field_error(z, &H_KIND,
                "01（振込入金通知）か 03（入出金取引明細）のファイルだけを"
                "読みます",
                "only 01 (振込入金通知) and 03 (入出金取引明細) files are "
                "read",
                buf);
    return EXIT_INPUT;
  }
  if (z->kind && kind != z->kind) {
    field_error(z, &H_KIND, "最初のヘッダーの種別コードと違います",
                "differs from the first header's", buf);
    return EXIT_INPUT;
  }
  z->kind = kind;
  if (z->r[H_CODE.at] != '0') {
    field_text(z, &H_CODE, buf);
    field_error(z, &H_CODE, "0（JIS）のファイルだけを読みます",
                "only 0 (JIS) is read", buf);
    return EXIT_INPUT;
  }
  if (date(z, &H_MADE, &made, 0) < 0 || date(z, &H_FROM, &z->from, 0) < 0 ||
      date(z, &H_TO, &z->to, 0) < 0)
    return EXIT_INPUT;
  if (z->from != CPD_DAY_NONE && z->to != CPD_DAY_NONE && z->from > z->to) {
    field_text(z, &H_TO, buf);
    field_error(z, &H_TO, "勘定日（自）より前です", "before 勘定日 (自)", buf);
    return EXIT_INPUT;
  }
  z->data = z->cancels = z->in_count = z->out_count = 0;
  z->sum = z->cancel_sum = z->in_sum = z->out_sum = 0;
  z->group_first = z->out->n;
  return 0;
}

/* A trailer's number against what the group held. */
static int expect(zreader *z, const zfield *f, long long got, long long want,
                  const char *ja_what, const char *en_what) {
  if (got == want)
    return 0;
  pay_error(z->m, 0, z->record, (size_t)f->at + 1, f->name,
            "トレーラーは %lld、データ・レコードの%sは %lld です",
            "the trailer says %lld, the data records' %s is %lld", got,
            z->m->ja ? ja_what : en_what, want);
  return -1;
}

static int trailer_01(zreader *z) {
  long long count, sum, ccount = 0, csum = 0;
  int has_cc = 0, has_cs = 0;
  if (num(z, &T1_COUNT, &count, 1) < 0 || num(z, &T1_SUM, &sum, 1) < 0 ||
      (has_cc = num(z, &T1_CCOUNT, &ccount, 0)) < 0 ||
      (has_cs = num(z, &T1_CSUM, &csum, 0)) < 0)
    return EXIT_INPUT;
  /* 振込合計 counts every data record, or (a reading some banks have)
   * the data records less the cancellations; either is accepted when the
   * trailer adds up one way */
  if (!((count == (long long)z->data && sum == z->sum) ||
        (z->cancels && count == (long long)(z->data - z->cancels) &&
         sum == z->sum - z->cancel_sum))) {
    if (count != (long long)z->data &&
        !(z->cancels && count == (long long)(z->data - z->cancels)))
      expect(z, &T1_COUNT, count, (long long)z->data, "件数", "count");
    else
      expect(z, &T1_SUM, sum,
             count == (long long)z->data ? z->sum : z->sum - z->cancel_sum,
             "合計", "sum");
    return EXIT_INPUT;
  }
  if ((has_cc && expect(z, &T1_CCOUNT, ccount, (long long)z->cancels,
                        "取消の件数", "count of cancellations") < 0) ||
      (has_cs && expect(z, &T1_CSUM, csum, z->cancel_sum, "取消の合計",
                        "sum of cancellations") < 0))
    return EXIT_INPUT;
  return 0;
}

static int trailer_03(zreader *z) {
  long long in_count, in_sum, out_count, out_sum, records;
  if (num(z, &T3_IN_COUNT, &in_count, 1) < 0 ||
      num(z, &T3_IN_SUM, &in_sum, 1) < 0 ||
      num(z, &T3_OUT_COUNT, &out_count, 1) < 0 ||
      num(z, &T3_OUT_SUM, &out_sum, 1) < 0 ||
      num(z, &T3_RECORDS, &records, 1) < 0)
    return EXIT_INPUT;
  if (expect(z, &T3_IN_COUNT, in_count, (long long)z->in_count, "入金の件数",
             "count of deposits") < 0 ||
      expect(z, &T3_IN_SUM, in_sum, z->in_sum, "入金の合計",
             "sum of deposits") < 0 ||
      expect(z, &T3_OUT_COUNT, out_count, (long long)z->out_count, "出金の件数",
             "count of withdrawals") < 0 ||
      expect(z, &T3_OUT_SUM, out_sum, z->out_sum, "出金の合計",
             "sum of withdrawals") < 0 ||
      expect(z, &T3_RECORDS, records, (long long)z->data, "件数", "count") < 0)
    return EXIT_INPUT;
  return 0;
}

/* Each cancellation (取消区分 1) takes out the notice it cancels when
 * that is in the file: the same 照会番号 and amount. */
static void apply_cancellations(zreader *z) {
  payments *p = z->out;
  size_t i, j, k;
  for (i = 0; i < z->ncancel; i++) {
    const payment *c = &z->cancel[i];
    p->left_out++;
    if (!c->reference[0])
      continue;
    for (j = 0; j < p->n; j++)
      if (p->items[j].record < c->record &&
          strcmp(p->items[j].reference, c->reference) == 0 &&
          p->items[j].amount == c->amount) {
        free(p->items[j].name);
        for (k = j; k + 1 < p->n; k++)
          p->items[k] = p->items[k + 1];
        p->n--;
        p->left_out++;
        break;
      }
  }
}

/* One record's bytes: only JIS X 0201 characters.  0, or -1 after a
 * message naming the first other byte. */
static int check_bytes(zreader *z) {
  const unsigned char *s = (const unsigned char *)z->r;
  size_t i;
  for (i = 0; i < RECORD; i++)
    if (!((s[i] >= 0x20 && s[i] <= 0x7E) || (s[i] >= 0xA1 && s[i] <= 0xDF))) {
      if (s[i] == '\r' || s[i] == '\n')
        pay_error(z->m, 0, z->record, i + 1, NULL,
                  "レコードが %zu バイトで終わっています（200 バイトの"
                  "はずです。切れたレコードではありませんか）",
                  "the record ends after %zu bytes, not 200 (is it cut?)", i);
      else
        pay_error(z->m, 0, z->record, i + 1, NULL,
                  "バイト 0x%02X は全銀の文字（JIS X 0201 の英数字・"
                  "半角カナ）ではありません（UTF-8 や全角の文字が混ざって"
                  "いませんか）",
                  "byte 0x%02X is not a Zengin character (JIS X 0201: "
                  "ASCII or half-width katakana); is UTF-8 or full-width "
                  "text mixed in?",
                  s[i]);
      return -1;
    }
  return 0;
}

enum { WANT_HEADER, IN_GROUP, AFTER_TRAILER, AFTER_END };

int zengin_read(payments *out, pay_msgs *m, const char *raw, size_t len,
                pay_era era) {
  zreader z;
  size_t pos = 0, sep;
  int state = WANT_HEADER, rc = 0;
  memset(out, 0, sizeof *out);
  memset(&z, 0, sizeof z);
  z.out = out;
  z.m = m;
  z.era = era;
  z.from = z.to = CPD_DAY_NONE;
  /* how records are ended, from the first one */
  sep = len >= RECORD + 2 && raw[RECORD] == '\r' && raw[RECORD + 1] == '\n' ? 2
        : len >= RECORD + 1 && raw[RECORD] == '\n'                          ? 1
                                                                            : 0;
  while (!rc && pos < len) {
    if (state == AFTER_END) {
      /* only line ends and an MS-DOS end of file (0x1A) may follow */
      size_t i;
      for (i = pos; i < len; i++)
        if (raw[i] != '\r' && raw[i] != '\n' && raw[i] != 0x1A) {
          pay_error(m, 0, z.record + 1, 0, NULL,
                    "エンド・レコードの後にデータがあります",
                    "data after the end record");
          rc = EXIT_INPUT;
          break;
        }
      break;
    }
    z.record++;
    if (len - pos < RECORD) {
      pay_error(m, 0, z.record, len - pos + 1, NULL,
                "ファイルがレコードの %zu バイト目で終わっています（200 "
                "バイトのはずです。切れたファイルではありませんか）",
                "the file ends after %zu bytes of the record, not 200 (is "
                "it cut?)",
                len - pos);
      rc = EXIT_INPUT;
      break;
    }
    z.r = raw + pos;
    if (check_bytes(&z) < 0) {
      rc = EXIT_INPUT;
      break;
    }
    pos += RECORD;
    if (sep && pos < len) {
      if ((sep == 2 &&
           (len - pos < 2 || raw[pos] != '\r' || raw[pos + 1] != '\n')) ||
          (sep == 1 && raw[pos] != '\n')) {
        pay_error(m, 0, z.record, RECORD + 1, NULL,
                  "レコードが 200 バイトを超えています（または改行が"
                  "ほかのレコードと違います）",
                  "the record is longer than 200 bytes (or ends its line "
                  "unlike the others)");
        rc = EXIT_INPUT;
        break;
      }
      pos += sep;
    }
    switch (z.r[0]) {
    case '1':
      if (state == IN_GROUP) {
        pay_error(m, 0, z.record, 1, F_KIND.name,
                  "トレーラー・レコード（8）の前に次のヘッダーがあります",
                  "a header before the trailer (8) of the group");
        rc = EXIT_INPUT;
      } else {
        rc = header(&z);
        state = IN_GROUP;
      }
      break;
    case '2':
      if (state != IN_GROUP) {
        pay_error(m, 0, z.record, 1, F_KIND.name,
                  "ヘッダー・レコード（1）の前にデータ・レコードがあります",
                  "a data record before its header (1)");
        rc = EXIT_INPUT;
      } else {
        rc = z.kind == 1 ? data_01(&z) : data_03(&z);
      }
      break;
    case '8':
      if (state != IN_GROUP) {
        pay_error(m, 0, z.record, 1, F_KIND.name,
                  "ヘッダー・レコード（1）のないトレーラー・レコードです",
                  "a trailer without its header (1)");
        rc = EXIT_INPUT;
      } else {
        rc = z.kind == 1 ? trailer_01(&z) : trailer_03(&z);
        state = AFTER_TRAILER;
      }
      break;
    case '9':
      if (state != AFTER_TRAILER) {
        pay_error(m, 0, z.record, 1, F_KIND.name,
                  state == WANT_HEADER
                      ? "ヘッダー・レコード（1）の前にエンド・レコードが"
                        "あります"
                      : "トレーラー・レコード（8）の前にエンド・レコードが"
                        "あります",
                  state == WANT_HEADER ? "an end record before any header (1)"
                                       : "an end record before the trailer "
                                         "(8)");
        rc = EXIT_INPUT;
      } else {
        state = AFTER_END;
      }
      break;
    default:
      pay_error(m, 0, z.record, 1, F_KIND.name,
                "1・2・8・9 のどれでもありません", "is none of 1, 2, 8 and 9");
      rc = EXIT_INPUT;
    }
  }
  if (!rc && state != AFTER_END) {
    if (state == AFTER_TRAILER)
      pay_error(m, 0, z.record + 1, 0, NULL,
                "エンド・レコード（9）がありません（切れたファイルでは"
                "ありませんか）",
                "the end record (9) is missing (is the file cut?)");
    else
      pay_error(m, 0, z.record + 1, 0, NULL,
                "トレーラー・レコード（8）とエンド・レコード（9）が"
                "ありません（切れたファイルではありませんか）",
                "the trailer (8) and end (9) records are missing (is the "
                "file cut?)");
    rc = EXIT_INPUT;
  }
  if (!rc) {
    out->source = z.kind == 3 ? PAY_ZENGIN_03 : PAY_ZENGIN_01;
    apply_cancellations(&z);
  }
  free(z.cancel);
  if (rc)
    payments_free(out);
  return rc;
}
