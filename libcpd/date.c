/* date.c - the calendar: proleptic Gregorian day numbers, month arithmetic,
 * and the date forms of docs/RULES.md R13 (ISO and its "/" "." variants and the
 * dashes of input methods, compact YYYYMMDD, 年月日 in digits or kanji
 * numerals, the eras 令和 平成 昭和 (令 平 昭, R H S) with 元年, JIS X 0301
 * R06.04.01, a trailing weekday checked against the date). */
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

/* The parser reads normalised text (NFKC, trimmed, spaces folded) once,
 * left to right, with no allocation: a date is short, so it is copied
 * without its spaces into a fixed buffer first. */

typedef struct era {
  const char *kanji; /* UTF-8 */
  const char *abbr;  /* the one-kanji abbreviation (令6.4.1) */
  char letter;
  int offset; /* Gregorian year = offset + era year */
  int from_y, from_m, from_d, to_y, to_m, to_d;
} era;

static const era eras[] = {
    {"\xe4\xbb\xa4\xe5\x92\x8c", "\xe4\xbb\xa4", 'R', 2018, 2019, 5, 1, 9999,
     12, 31}, /* 令和 令 */
    {"\xe5\xb9\xb3\xe6\x88\x90", "\xe5\xb9\xb3", 'H', 1988, 1989, 1, 8, 2019, 4,
     30}, /* 平成 平 */
    {"\xe6\x98\xad\xe5\x92\x8c", "\xe6\x98\xad", 'S', 1925, 1926, 12, 25, 1989,
     1, 7}, /* 昭和 昭 */
};

#define U_NEN "\xe5\xb9\xb4"   /* 年 */
#define U_TSUKI "\xe6\x9c\x88" /* 月 */
#define U_NICHI "\xe6\x97\xa5" /* 日 */
#define U_GAN "\xe5\x85\x83"   /* 元 */
#define U_JU "\xe5\x8d\x81"    /* 十 */
#define U_YOU "\xe6\x9b\x9c"   /* 曜 */

/* Kanji digits 0-9, then the other zero people type (○, U+25CB). */
static const char kanji_digits[11][4] = {
    "\xe3\x80\x87", "\xe4\xb8\x80", "\xe4\xba\x8c", "\xe4\xb8\x89",
    "\xe5\x9b\x9b", "\xe4\xba\x94", "\xe5\x85\xad", "\xe4\xb8\x83",
    "\xe5\x85\xab", "\xe4\xb9\x9d", "\xe2\x97\x8b"}; /* 〇一二三四五六七八九○ */

/* Weekdays, Sunday first (day 0 of the week). */
static const char weekdays[7][4] = {
    "\xe6\x97\xa5", "\xe6\x9c\x88", "\xe7\x81\xab", "\xe6\xb0\xb4",
    "\xe6\x9c\xa8", "\xe9\x87\x91", "\xe5\x9c\x9f"}; /* 日月火水木金土 */

/* Dashes that survive NFKC (‐ ‒ – — ― − ー; ‑ is ‐ after NFKC) and the
 * ideographic full stop 。, each a form of '-' or '.'. */
static const struct {
  char utf8[4];
  char as;
} wide_seps[] = {
    {"\xe2\x80\x90", '-'}, {"\xe2\x80\x92", '-'}, {"\xe2\x80\x93", '-'},
    {"\xe2\x80\x94", '-'}, {"\xe2\x80\x95", '-'}, {"\xe2\x88\x92", '-'},
    {"\xe3\x83\xbc", '-'}, {"\xe3\x80\x82", '.'},
};

size_t cpd__dash_len(const char *s, size_t n) {
  size_t i;
  if (n >= 1 && s[0] == '-')
    return 1;
  for (i = 0; n >= 3 && i < sizeof wide_seps / sizeof wide_seps[0]; i++)
    if (wide_seps[i].as == '-' && memcmp(s, wide_seps[i].utf8, 3) == 0)
      return 3;
  return 0;
}

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

/* 1..maxd ASCII digits; returns the count read (0 when none or more). */
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

/* One kanji digit at the cursor: its value, or -1 (nothing consumed). */
static int kanji_digit(cursor *c) {
  int i;
  if (c->end - c->p < 3)
    return -1;
  for (i = 0; i < 11; i++)
    if (memcmp(c->p, kanji_digits[i], 3) == 0) {
      c->p += 3;
      return i == 10 ? 0 : i;
    }
  return -1;
}

#define NUM_NONE 0
#define NUM_ASCII 1
#define NUM_KANJI 2     /* positional: 二〇二四, 六, 〇六 */
#define NUM_KANJI_TEN 3 /* with 十: 十, 十五, 二十, 三十一 */

/* A number of at most maxd digits at the cursor: ASCII digits, positional
 * kanji digits, or (ten_ok) the 十 form up to 99.  Returns its kind,
 * NUM_NONE when there is none or it is malformed (一十, 十〇, 二三十). */
static int number(cursor *c, int maxd, int ten_ok, int *value) {
  int n = 0, v = 0, dg;
  if (c->p < c->end && *c->p >= '0' && *c->p <= '9')
    return digits(c, maxd, value) ? NUM_ASCII : NUM_NONE;
  while ((dg = kanji_digit(c)) >= 0) {
    if (n == maxd)
      return NUM_NONE;
    v = v * 10 + dg;
    n++;
  }
  if (!eat(c, U_JU)) {
    *value = v;
    return n ? NUM_KANJI : NUM_NONE;
  }
  /* tens: nothing (10) or one digit 2-9 before 十, units 1-9 after it */
  if (!ten_ok || n > 1 || (n == 1 && v < 2))
    return NUM_NONE;
  v = (n ? v : 1) * 10;
  {
    const char *at = c->p;
    dg = kanji_digit(c);
    if (dg == 0 && c->p != at)
      return NUM_NONE; /* 十〇 */
    if (dg > 0)
      v += dg;
  }
  *value = v;
  return NUM_KANJI_TEN;
}

/* A date separator at the cursor as '-', '/' or '.'; 0 when none. */
static char separator(cursor *c) {
  size_t i;
  if (c->p >= c->end)
    return 0;
  if (*c->p == '-' || *c->p == '/' || *c->p == '.')
    return *c->p++;
  for (i = 0; i < sizeof wide_seps / sizeof wide_seps[0]; i++)
    if (eat(c, wide_seps[i].utf8))
      return wide_seps[i].as;
  return 0;
}

/* The weekday written after a date: "(土)", "(土曜)", "(土曜日)" or
 * "土曜日" (NFKC turned （） into ()).  Its index (Sunday 0) when it is
 * all that is left, -1 when there is none, -2 when something else is. */
static int weekday_suffix(cursor *c) {
  int paren, w = -1, i;
  if (c->p == c->end)
    return -1;
  paren = *c->p == '(';
  if (paren)
    c->p++;
  for (i = 0; i < 7 && w < 0; i++)
    if (eat(c, weekdays[i]))
      w = i;
  if (w < 0)
    return -2;
  if (eat(c, U_YOU)) {
    if (!eat(c, U_NICHI) && !paren)
      return -2; /* 土曜 alone: not a form people write after a date */
  } else if (!paren) {
    return -2; /* a bare 土 is not a weekday */
  }
  if (paren && !eat(c, ")"))
    return -2;
  return c->p == c->end ? w : -2;
}

/* Zero-width characters a copied cell may carry around a date: U+200B
 * ZERO WIDTH SPACE, U+FEFF BOM, U+2060 WORD JOINER.  Their length at s
 * (of n bytes), else 0. */
static size_t invisible_len(const char *s, size_t n) {
  if (n < 3 || ((unsigned char)s[0] != 0xE2 && (unsigned char)s[0] != 0xEF))
    return 0;
  if (memcmp(s, "\xe2\x80\x8b", 3) == 0 || memcmp(s, "\xef\xbb\xbf", 3) == 0 ||
      memcmp(s, "\xe2\x81\xa0", 3) == 0)
    return 3;
  return 0;
}

static int ymd_ok(int y, int m, int d, cpd_day *out) {
  return cpd_day_from_ymd(out, y, m, d) == CPD_OK;
}

static int weekday_of(cpd_day d) {
  /* 1970-01-01, day 0, was a Thursday (4) */
  return (int)(((d % 7) + 7 + 4) % 7);
}

int cpd__day_parse_detail(cpd_day *out, const char *s, size_t len, int *why) {
  char tmp[128];
  size_t n = 0, i, k;
  cursor c;
  const era *e = NULL;
  int y, m, d, ky, km, kd, w, compact = 0, gap = 0;
  cpd_day day;
  int dummy;

  if (!why)
    why = &dummy;
  *why = CPD__DATE_NOT_A_DATE;

  /* zero-width characters and spaces around the date carry nothing */
  for (;;) {
    if (len > 0 && s[0] == ' ') {
      s++;
      len--;
    } else if ((k = invisible_len(s, len)) != 0) {
      s += k;
      len -= k;
    } else {
      break;
    }
  }
  for (;;) {
    if (len > 0 && s[len - 1] == ' ')
      len--;
    else if (len >= 3 && invisible_len(s + len - 3, 3))
      len -= 3;
    else
      break;
  }
  /* spaces inside a date carry nothing either ("令和 6年 4月 1日"); one
   * between two digits is remembered: "2024 06 15" is no compact date */
  for (i = 0; i < len; i++) {
    if (s[i] == ' ') {
      if (n > 0 && tmp[n - 1] >= '0' && tmp[n - 1] <= '9' && i + 1 < len &&
          s[i + 1] >= '0' && s[i + 1] <= '9')
        gap = 1;
      continue;
    }
    if (n == sizeof tmp)
      return 0;
    tmp[n++] = s[i];
  }
  c.p = tmp;
  c.end = tmp + n;
  if (n == 0)
    return 0;

  /* (most dates start with a digit: no era to look for) */
  for (i = 0;
       i < sizeof eras / sizeof eras[0] && !e && !(*c.p >= '0' && *c.p <= '9');
       i++) {
    if (eat(&c, eras[i].kanji) || eat(&c, eras[i].abbr))
      e = &eras[i];
    else if (*c.p == eras[i].letter || *c.p == eras[i].letter + ('a' - 'A')) {
      e = &eras[i];
      c.p++;
    }
  }

  if (e) {
    if (eat(&c, U_GAN)) {
      y = 1;
      ky = NUM_KANJI;
    } else if ((ky = number(&c, 2, 1, &y)) == NUM_NONE || y < 1) {
      return 0;
    }
    y += e->offset;
  } else {
    ky = *c.p >= '0' && *c.p <= '9' ? (digits(&c, 8, &y) ? NUM_ASCII : NUM_NONE)
                                    : number(&c, 8, 0, &y);
    if (ky == NUM_ASCII && c.p - tmp == 8 && !gap) {
      compact = 1; /* 20240615 */
      m = y / 100 % 100;
      d = y % 100;
      y /= 10000;
    } else if (ky == NUM_NONE || c.p - tmp != (ky == NUM_ASCII ? 4 : 12)) {
      return 0; /* four digits, or four kanji digits of 3 bytes each */
    }
  }

  if (compact) {
    /* month and day taken above */
  } else if (eat(&c, U_NEN)) {
    km = number(&c, 2, 1, &m);
    if (km == NUM_NONE || !eat(&c, U_TSUKI))
      return 0;
    kd = number(&c, 2, 1, &d);
    if (kd == NUM_NONE || !eat(&c, U_NICHI))
      return 0;
  } else {
    char sep;
    if (ky != NUM_ASCII) /* kanji numerals come with 年月日 only */
      return 0;
    sep = separator(&c);
    if (!sep || !digits(&c, 2, &m) || separator(&c) != sep ||
        !digits(&c, 2, &d))
      return 0;
  }
  w = weekday_suffix(&c);
  if (w == -2)
    return 0;
  if (!ymd_ok(y, m, d, &day)) {
    *why = CPD__DATE_NO_SUCH_DAY;
    return 0;
  }
  if (e) {
    cpd_day from, to;
    /* (the era table holds real dates: the first two never fail) */
    if (!ymd_ok(e->from_y, e->from_m, e->from_d,
                &from) || /* GCOVR_EXCL_BR_LINE */
        !ymd_ok(e->to_y, e->to_m, e->to_d, &to) ||
        day < from || day > to) {
      *why = CPD__DATE_OUTSIDE_ERA;
      return 0;
    }
  }
  if (w >= 0 && w != weekday_of(day)) {
    *why = CPD__DATE_WEEKDAY_MISMATCH;
    return 0;
  }
  *why = CPD__DATE_OK;
  *out = day;
  return 1;
}

int cpd__day_parse_normalized(cpd_day *out, const char *s, size_t len) {
  return cpd__day_parse_detail(out, s, len, NULL);
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
