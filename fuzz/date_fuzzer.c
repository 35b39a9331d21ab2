/* date_fuzzer.c - the date parser of docs/RULES.md R13 (cpd_day_parse and the
 * internal cpd__day_parse_normalized it ends in), month arithmetic and
 * fiscal years.
 *
 * Invariants: a parsed day is a real date of years 1..9999; its ISO text
 * parses back to the same day; what the internal parser accepts the public
 * one accepts with the same day; adding months lands on the right month and
 * never on a later day of the month; FY(d) starts on or before d. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "internal.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

static void check_day(cpd_day d) {
  char iso[11];
  cpd_day back = CPD_DAY_NONE, again = CPD_DAY_NONE;
  int y, m, dd, fy;
  cpd_day_to_ymd(d, &y, &m, &dd);
  FZ_CHECK(y >= 1 && y <= 9999, "parsed a day of year %d", y);
  FZ_CHECK(cpd_day_from_ymd(&back, y, m, dd) == CPD_OK && back == d,
           "day %d is not %04d-%02d-%02d", (int)d, y, m, dd);
  cpd_day_format(iso, d);
  FZ_CHECK(cpd_day_parse(&again, iso, 10) == CPD_OK && again == d,
           "ISO %s does not parse back", iso);
  fy = cpd_policy_fiscal_year(NULL, d);
  FZ_CHECK(fy == y || fy == y - 1, "FY %d of %s", fy, iso);
  FZ_CHECK(cpd__days_from_civil(fy, 4, 1) <= d &&
               d < cpd__days_from_civil(fy + 1, 4, 1),
           "%s is not in FY %d", iso, fy);
}

static void check_add_months(cpd_day d, int months) {
  int y, m, dd, y2, m2, d2;
  long long want;
  cpd_day r = cpd_day_add_months(d, months);
  cpd_day_to_ymd(d, &y, &m, &dd);
  cpd_day_to_ymd(r, &y2, &m2, &d2);
  want = (long long)y * 12 + (m - 1) + months;
  FZ_CHECK((long long)y2 * 12 + (m2 - 1) == want,
           "%04d-%02d-%02d plus %d months is %04d-%02d-%02d", y, m, dd, months,
           y2, m2, d2);
  FZ_CHECK(d2 <= dd && (d2 == dd || d2 == cpd__days_in_month(y2, m2)),
           "%04d-%02d-%02d plus %d months is %04d-%02d-%02d (clamping)", y, m,
           dd, months, y2, m2, d2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  cpd_day d = CPD_DAY_NONE, raw = CPD_DAY_NONE, d2 = CPD_DAY_NONE;
  cpd_status st;
  int raw_ok;

  st = cpd_day_parse(&d, s, size);
  FZ_CHECK(st == CPD_OK || st == CPD_EINVAL, "cpd_day_parse status %d",
           (int)st);
  if (st == CPD_OK) {
    check_day(d);
    check_add_months(d, size ? (int)(signed char)data[0] : 0);
    check_add_months(d, -(int)size);
  }

  /* The internal parser takes any bytes without reading past them, and
   * says why it refused with one of its reasons. */
  {
    int why = -1;
    raw_ok = cpd__day_parse_detail(&raw, s, size, &why);
    FZ_CHECK(raw_ok ? why == CPD__DATE_OK
                    : why >= CPD__DATE_NOT_A_DATE &&
                          why <= CPD__DATE_WEEKDAY_MISMATCH,
             "parsed %d with reason %d", raw_ok, why);
    FZ_CHECK(raw_ok == cpd__day_parse_normalized(&d2, s, size) &&
                 (!raw_ok || d2 == raw),
             "cpd__day_parse_detail and cpd__day_parse_normalized differ");
  }
  if (raw_ok) {
    check_day(raw);
    /* On valid UTF-8 it accepts only ASCII, spaces and characters NFKC
     * keeps as they are: 令和 平成 昭和 令 平 昭 元 年 月 日, the kanji
     * digits, 〇 ○ 十, the weekdays and 曜, the dashes ‐ ‒ – — ― − ー, 。,
     * U+200B, U+2060 and U+FEFF.  (Raw bytes may hide a space
     * inside a UTF-8 sequence: "\xe6 \x9c\x88" becomes 月 once spaces
     * are dropped; cpd_day_parse rightly refuses those bytes.) */
    if (fz_utf8_valid(s, size))
      FZ_CHECK(st == CPD_OK && d == raw,
               "the internal parser accepts what cpd_day_parse refuses");
  }

  /* Any y-m-d from the bytes: valid ones round-trip. */
  if (size >= 6) {
    int y = (int)(((unsigned)data[0] << 8 | data[1]) % 10100);
    int m = data[2] % 14, dd = data[3] % 33;
    cpd_day v = CPD_DAY_NONE;
    if (cpd_day_from_ymd(&v, y, m, dd) == CPD_OK) {
      check_day(v);
      check_add_months(v, (int)(signed char)data[4] * 8 + data[5] % 8);
    } else {
      FZ_CHECK(y < 1 || y > 9999 || m < 1 || m > 12 || dd < 1 ||
                   dd > cpd__days_in_month(y, m),
               "%d-%d-%d refused", y, m, dd);
    }
  }
  return 0;
}
