/* date.c - the calendar: proleptic Gregorian day numbers, month arithmetic,
 * and the date forms of RULES.md R13 (ISO and its "/" "." variants,
 * 年月日, the eras 令和 平成 昭和 with 元年, R6.4.1, JIS X 0301 R06.04.01). */
#include <string.h>

#include "internal.h"

int cpd__is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int cpd__days_in_month(int y, int m) {
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12)
    return 0;
  return m == 2 && cpd__is_leap(y) ? 29 : dim[m - 1];
}

/* H. Hinnant's days_from_civil: exact for every proleptic Gregorian date. */
cpd_day cpd__days_from_civil(int y, int m, int d) {
  int era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (cpd_day)(era * 146097 + doe - 719468);
}

void cpd_day_to_ymd(cpd_day z, int *year, int *month, int *day) {
  int32_t zz = z + 719468;
  int32_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
  int32_t doe = zz - era * 146097;
  int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int32_t y = yoe + era * 400;
  int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int32_t mp = (5 * doy + 2) / 153;
  int32_t d = doy - (153 * mp + 2) / 5 + 1;
  int32_t m = mp < 10 ? mp + 3 : mp - 9;
  if (year)
    *year = (int)(y + (m <= 2));
  if (month)
    *month = (int)m;
  if (day)
    *day = (int)d;
}

cpd_status cpd_day_from_ymd(cpd_day *out, int year, int month, int day) {
  if (!out)
    return CPD_EINVAL;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > cpd__days_in_month(year, month))
    return CPD_EINVAL;
  *out = cpd__days_from_civil(year, month, day);
  return CPD_OK;
}

void cpd_day_format(char buf[11], cpd_day d) {
  int y, m, dd;
  cpd_day_to_ymd(d, &y, &m, &dd);
  if (y < 0 || y > 9999) {
    memcpy(buf, "0000-00-00", 11);
    return;
  }
  buf[0] = (char)('0' + y / 1000);
  buf[1] = (char)('0' + y / 100 % 10);
  buf[2] = (char)('0' + y / 10 % 10);
  buf[3] = (char)('0' + y % 10);
  buf[4] = '-';
  buf[5] = (char)('0' + m / 10);
  buf[6] = (char)('0' + m % 10);
  buf[7] = '-';
  buf[8] = (char)('0' + dd / 10);
  buf[9] = (char)('0' + dd % 10);
  buf[10] = '\0';
}

cpd_day cpd_day_add_months(cpd_day d, int months) {
  int y, m, dd, dim;
  long long total;
  cpd_day_to_ymd(d, &y, &m, &dd);
  total = (long long)y * 12 + (m - 1) + months;
  y = (int)(total >= 0 ? total / 12 : -((-total + 11) / 12));
  m = (int)(total - (long long)y * 12) + 1;
  dim = cpd__days_in_month(y, m);
  if (dd > dim)
    dd = dim;
  return cpd__days_from_civil(y, m, dd);
}

/* ------------------------------------------------------------- parsing */

typedef struct era {
  const char *kanji; /* UTF-8 */
  char letter;
  int offset; /* Gregorian year = offset + era year */
  int from_y, from_m, from_d, to_y, to_m, to_d;
} era;

static const era eras[] = {
    {"\xe4\xbb\xa4\xe5\x92\x8c", 'R', 2018, 2019, 5, 1, 9999, 12, 31}, /* 令和 */
    {"\xe5\xb9\xb3\xe6\x88\x90", 'H', 1988, 1989, 1, 8, 2019, 4, 30},  /* 平成 */
    {"\xe6\x98\xad\xe5\x92\x8c", 'S', 1925, 1926, 12, 25, 1989, 1, 7}, /* 昭和 */
};

#define U_NEN "\xe5\xb9\xb4"   /* 年 */
#define U_TSUKI "\xe6\x9c\x88" /* 月 */
#define U_NICHI "\xe6\x97\xa5" /* 日 */
#define U_GAN "\xe5\x85\x83"   /* 元 */

typedef struct cursor {
  const char *p, *end;
} cursor;

static int eat(cursor *c, const char *lit) {
  size_t n = strlen(lit);
  if ((size_t)(c->end - c->p) >= n && memcmp(c->p, lit, n) == 0) {
    c->p += n;
    return 1;
  }
  return 0;
}

/* 1..maxd ASCII digits; returns the count read (0 when none). */
static int digits(cursor *c, int maxd, int *value) {
  int n = 0, v = 0;
  while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
    if (n == maxd)
      return 0; /* too many digits */
    v = v * 10 + (*c->p - '0');
    c->p++;
    n++;
  }
  *value = v;
  return n;
}

static int ymd_ok(int y, int m, int d, cpd_day *out) {
  return cpd_day_from_ymd(out, y, m, d) == CPD_OK;
}

int cpd__day_parse_normalized(cpd_day *out, const char *s, size_t len) {
  char tmp[64];
  size_t n = 0, i;
  cursor c;
  const era *e = NULL;
  int y, m, d, nd;
  cpd_day day;

  /* spaces inside a date carry nothing ("令和 6年 4月 1日") */
  for (i = 0; i < len; i++) {
    if (s[i] == ' ')
      continue;
    if (n == sizeof tmp)
      return 0;
    tmp[n++] = s[i];
  }
  c.p = tmp;
  c.end = tmp + n;
  if (n == 0)
    return 0;

  for (i = 0; i < sizeof eras / sizeof eras[0]; i++) {
    if (eat(&c, eras[i].kanji)) {
      e = &eras[i];
      break;
    }
    if (*c.p == eras[i].letter || *c.p == eras[i].letter + ('a' - 'A')) {
      e = &eras[i];
      c.p++;
      break;
    }
  }

  if (e) {
    if (eat(&c, U_GAN))
      y = 1;
    else if ((nd = digits(&c, 2, &y)) == 0 || y < 1)
      return 0;
    y += e->offset;
  } else if (digits(&c, 4, &y) != 4) {
    return 0;
  }

  if (eat(&c, U_NEN)) {
    if (!digits(&c, 2, &m) || !eat(&c, U_TSUKI) || !digits(&c, 2, &d) ||
        !eat(&c, U_NICHI))
      return 0;
  } else {
    char sep;
    if (c.p >= c.end)
      return 0;
    sep = *c.p;
    if (sep != '-' && sep != '/' && sep != '.')
      return 0;
    c.p++;
    if (!digits(&c, 2, &m) || c.p >= c.end || *c.p != sep)
      return 0;
    c.p++;
    if (!digits(&c, 2, &d))
      return 0;
  }
  if (c.p != c.end || !ymd_ok(y, m, d, &day))
    return 0;
  if (e) {
    cpd_day from, to;
    /* (the era table holds real dates: the first two never fail) */
    if (!ymd_ok(e->from_y, e->from_m, e->from_d, &from) || /* GCOVR_EXCL_BR_LINE */
        !ymd_ok(e->to_y, e->to_m, e->to_d, &to) || day < from || day > to)
      return 0;
  }
  *out = day;
  return 1;
}

cpd_status cpd_day_parse(cpd_day *out, const char *text, size_t len) {
  cpd__buf norm = CPD__BUF_INIT;
  cpd_status st;
  int ok;
  if (!out || (!text && len))
    return CPD_EINVAL;
  if (!cpd__utf8_valid(text, len))
    return CPD_EINVAL;
  st = cpd__text_normalize(&norm, text, len);
  if (st != CPD_OK) {
    cpd__buf_free(&norm);
    return st;
  }
  ok = cpd__day_parse_normalized(out, norm.p ? norm.p : "", norm.len);
  cpd__buf_free(&norm);
  return ok ? CPD_OK : CPD_EINVAL;
}
