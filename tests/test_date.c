/* test_date.c - the calendar of date.c: day numbers, ISO formatting, month
 * arithmetic with clamping (docs/RULES.md R3), every date form of R13 (ISO, "/"
 * ".", 年月日, 令和/平成/昭和 with 元年 and era bounds, R6.4.1, JIS X 0301,
 * full-width digits, era ligatures; and the forms added 2026-11-30: a
 * trailing weekday checked against the date, kanji numerals, 令 平 昭,
 * compact YYYYMMDD, input-method separators, zero-width characters around
 * the date), and fiscal years (R2). */
#include "cpd_test.h"

#include "internal.h"

/* ----------------------------------------------------------------- helpers */

static void assert_parses_to(const char *text, const char *iso) {
  cpd_day out = CPD_DAY_NONE;
  assert_int_equal(cpd_day_parse(&out, text, strlen(text)), CPD_OK);
  cpdt_assert_day(out, iso);
}

static void assert_parses_to_n(const char *text, size_t len, const char *iso) {
  cpd_day out = CPD_DAY_NONE;
  assert_int_equal(cpd_day_parse(&out, text, len), CPD_OK);
  cpdt_assert_day(out, iso);
}

static void assert_rejected_n(const char *text, size_t len) {
  cpd_day out = CPD_DAY_NONE;
  assert_int_equal(cpd_day_parse(&out, text, len), CPD_EINVAL);
}

static void assert_rejected(const char *text) {
  assert_rejected_n(text, strlen(text));
}

/* cpd__day_parse_detail on the normalised text: refused, and why. */
static void assert_refused_because(const char *text, int expected_why) {
  cpd__buf norm = CPD__BUF_INIT;
  cpd_day out = CPD_DAY_NONE;
  int why = -1;
  assert_int_equal(cpd__text_normalize(&norm, text, strlen(text)), CPD_OK);
  assert_int_equal(
      cpd__day_parse_detail(&out, norm.p ? norm.p : "", norm.len, &why), 0);
  cpd__buf_free(&norm);
  assert_int_equal(why, expected_why);
  assert_rejected(text);
}

static void assert_ymd_invalid(int y, int m, int d) {
  cpd_day out = CPD_DAY_NONE;
  assert_int_equal(cpd_day_from_ymd(&out, y, m, d), CPD_EINVAL);
}

static void assert_add_months(int y, int m, int d, int months,
                              const char *iso) {
  cpdt_assert_day(cpd_day_add_months(cpdt_ymd(y, m, d), months), iso);
}

/* ------------------------------------------------- day numbers (from/to) */

static void test_day_1970_01_01_is_day_zero(void **state) {
  (void)state;
  assert_int_equal(cpdt_ymd(1970, 1, 1), 0);
}

static void test_day_zero_is_1970_01_01(void **state) {
  int y = 0, m = 0, d = 0;
  (void)state;
  cpd_day_to_ymd(0, &y, &m, &d);
  assert_int_equal(y, 1970);
  assert_int_equal(m, 1);
  assert_int_equal(d, 1);
}

static void test_day_before_epoch_is_negative(void **state) {
  (void)state;
  assert_int_equal(cpdt_ymd(1969, 12, 31), -1);
}

static void test_day_from_ymd_accepts_2000_02_29_leap_by_400(void **state) {
  (void)state;
  cpdt_assert_day(cpdt_ymd(2000, 2, 29), "2000-02-29");
}

static void
test_day_from_ymd_rejects_1900_02_29_century_not_leap(void **state) {
  (void)state;
  assert_ymd_invalid(1900, 2, 29);
}

static void test_day_from_ymd_rejects_2023_02_29(void **state) {
  (void)state;
  assert_ymd_invalid(2023, 2, 29);
}

static void test_day_from_ymd_accepts_2024_02_29(void **state) {
  (void)state;
  cpdt_assert_day(cpdt_ymd(2024, 2, 29), "2024-02-29");
}

static void test_day_from_ymd_accepts_year_1(void **state) {
  (void)state;
  /* 719162 days from 0001-01-01 to 1970-01-01 (proleptic Gregorian) */
  assert_int_equal(cpdt_ymd(1, 1, 1), -719162);
}

static void test_day_from_ymd_rejects_year_0(void **state) {
  (void)state;
  assert_ymd_invalid(0, 12, 31);
}

static void test_day_from_ymd_accepts_year_9999(void **state) {
  (void)state;
  assert_int_equal(cpdt_ymd(9999, 12, 31), 2932896);
}

static void test_day_from_ymd_rejects_year_10000(void **state) {
  (void)state;
  assert_ymd_invalid(10000, 1, 1);
}

static void test_day_from_ymd_rejects_month_0(void **state) {
  (void)state;
  assert_ymd_invalid(2024, 0, 1);
}

static void test_day_from_ymd_rejects_month_13(void **state) {
  (void)state;
  assert_ymd_invalid(2024, 13, 1);
}

static void test_day_from_ymd_rejects_day_0(void **state) {
  (void)state;
  assert_ymd_invalid(2024, 1, 0);
}

static void test_day_from_ymd_rejects_day_32(void **state) {
  (void)state;
  assert_ymd_invalid(2024, 1, 32);
}

static void test_day_from_ymd_rejects_april_31(void **state) {
  (void)state;
  assert_ymd_invalid(2024, 4, 31);
}

static void test_day_from_ymd_rejects_null_out(void **state) {
  (void)state;
  assert_int_equal(cpd_day_from_ymd(NULL, 2024, 1, 1), CPD_EINVAL);
}

static void test_day_to_ymd_accepts_null_outputs(void **state) {
  int m = 0;
  (void)state;
  cpd_day_to_ymd(cpdt_ymd(2024, 6, 15), NULL, &m, NULL);
  assert_int_equal(m, 6);
}

static void test_day_round_trips_every_day_of_years_1_to_9999(void **state) {
  cpd_day expected = cpdt_ymd(1, 1, 1);
  int y, m, d;
  (void)state;
  for (y = 1; y <= 9999; y++) {
    for (m = 1; m <= 12; m++) {
      int dim = cpd__days_in_month(y, m);
      for (d = 1; d <= dim; d++) {
        cpd_day got = CPD_DAY_NONE;
        int y2 = 0, m2 = 0, d2 = 0;
        if (cpd_day_from_ymd(&got, y, m, d) != CPD_OK || got != expected)
          fail_msg("%04d-%02d-%02d: day %ld, expected %ld", y, m, d, (long)got,
                   (long)expected);
        cpd_day_to_ymd(got, &y2, &m2, &d2);
        if (y2 != y || m2 != m || d2 != d)
          fail_msg("day %ld: %04d-%02d-%02d, expected %04d-%02d-%02d",
                   (long)got, y2, m2, d2, y, m, d);
        expected++;
      }
    }
  }
  assert_int_equal(expected - 1, cpdt_ymd(9999, 12, 31));
}

/* ------------------------------------------------------------- formatting */

static void test_format_writes_iso_yyyy_mm_dd(void **state) {
  (void)state;
  cpdt_assert_day(cpdt_ymd(2024, 6, 15), "2024-06-15");
}

static void test_format_day_zero_is_1970_01_01(void **state) {
  (void)state;
  cpdt_assert_day(0, "1970-01-01");
}

static void test_format_pads_year_1_to_four_digits(void **state) {
  (void)state;
  cpdt_assert_day(cpdt_ymd(1, 1, 1), "0001-01-01");
}

static void test_format_writes_9999_12_31(void **state) {
  (void)state;
  cpdt_assert_day(cpdt_ymd(9999, 12, 31), "9999-12-31");
}

static void test_format_terminates_with_nul_in_11_bytes(void **state) {
  char buf[12];
  (void)state;
  memset(buf, 'x', sizeof buf);
  cpd_day_format(buf, cpdt_ymd(2024, 6, 15));
  assert_int_equal(buf[10], '\0');
  assert_int_equal(buf[11], 'x');
}

/* ---------------------------------------------------- month arithmetic R3 */

static void
test_add_months_2024_03_31_minus_3_clamps_to_2023_12_31(void **state) {
  (void)state;
  assert_add_months(2024, 3, 31, -3, "2023-12-31");
}

static void test_add_months_2027_04_01_minus_3_is_2027_01_01(void **state) {
  (void)state;
  assert_add_months(2027, 4, 1, -3, "2027-01-01");
}

static void
test_add_months_2027_03_31_minus_1_clamps_to_2027_02_28(void **state) {
  (void)state;
  assert_add_months(2027, 3, 31, -1, "2027-02-28");
}

static void
test_add_months_2028_03_31_minus_1_clamps_to_leap_2028_02_29(void **state) {
  (void)state;
  assert_add_months(2028, 3, 31, -1, "2028-02-29");
}

static void test_add_months_forward_across_year_end_clamps(void **state) {
  (void)state;
  assert_add_months(2024, 11, 30, 3, "2025-02-28");
}

static void test_add_months_backward_across_year_end(void **state) {
  (void)state;
  assert_add_months(2025, 1, 15, -2, "2024-11-15");
}

static void test_add_months_forward_several_years(void **state) {
  (void)state;
  assert_add_months(2024, 2, 29, 36, "2027-02-28");
}

static void test_add_months_backward_several_years(void **state) {
  (void)state;
  assert_add_months(2027, 3, 31, -25, "2025-02-28");
}

static void test_add_months_zero_is_identity(void **state) {
  (void)state;
  assert_add_months(2024, 1, 31, 0, "2024-01-31");
}

/* --------------------------------------------------------- parsing R13 ok */

static void test_parse_iso(void **state) {
  (void)state;
  assert_parses_to("2024-06-15", "2024-06-15");
}

static void test_parse_slashes_without_leading_zero(void **state) {
  (void)state;
  assert_parses_to("2024/6/15", "2024-06-15");
}

static void test_parse_dots(void **state) {
  (void)state;
  assert_parses_to("2024.06.15", "2024-06-15");
}

static void test_parse_kanji_year_month_day(void **state) {
  (void)state;
  assert_parses_to("2024年6月15日", "2024-06-15");
}

static void test_parse_era_reiwa(void **state) {
  (void)state;
  assert_parses_to("令和6年6月15日", "2024-06-15");
}

static void test_era_reiwa_gannen_starts_on_2019_05_01(void **state) {
  (void)state;
  assert_parses_to("令和元年5月1日", "2019-05-01");
}

static void test_era_heisei_ends_on_2019_04_30(void **state) {
  (void)state;
  assert_parses_to("平成31年4月30日", "2019-04-30");
}

static void test_era_heisei_gannen_starts_on_1989_01_08(void **state) {
  (void)state;
  assert_parses_to("平成元年1月8日", "1989-01-08");
}

static void test_era_showa_ends_on_1989_01_07(void **state) {
  (void)state;
  assert_parses_to("昭和64年1月7日", "1989-01-07");
}

static void test_era_showa_gannen_starts_on_1926_12_25(void **state) {
  (void)state;
  assert_parses_to("昭和元年12月25日", "1926-12-25");
}

static void test_parse_era_letter_with_dots(void **state) {
  (void)state;
  assert_parses_to("R6.4.1", "2024-04-01");
}

static void test_parse_era_letter_with_slashes(void **state) {
  (void)state;
  assert_parses_to("R6/4/1", "2024-04-01");
}

static void test_parse_era_letter_heisei(void **state) {
  (void)state;
  assert_parses_to("H31.4.30", "2019-04-30");
}

static void test_parse_jis_x_0301_zero_padded(void **state) {
  (void)state;
  assert_parses_to("R06.04.01", "2024-04-01");
}

static void test_parse_era_letter_showa(void **state) {
  (void)state;
  assert_parses_to("S64.1.7", "1989-01-07");
}

static void test_parse_full_width_iso(void **state) {
  (void)state;
  assert_parses_to("２０２４－０６－１５", "2024-06-15");
}

static void test_parse_full_width_era_letter(void **state) {
  (void)state;
  assert_parses_to("Ｒ８．５．２０", "2026-05-20");
}

static void test_parse_reiwa_ligature_u32ff(void **state) {
  (void)state;
  assert_parses_to("㋿6年4月1日", "2024-04-01");
}

static void test_parse_heisei_ligature_u337b(void **state) {
  (void)state;
  assert_parses_to("㍻31年4月30日", "2019-04-30");
}

static void test_parse_trims_surrounding_spaces(void **state) {
  (void)state;
  assert_parses_to("  2024-06-15 ", "2024-06-15");
}

/* ---------------------------------------------------- parsing R13 refused */

static void test_era_heisei_rejects_2019_05_01(void **state) {
  (void)state;
  assert_rejected("平成31年5月1日");
}

static void test_era_reiwa_rejects_2019_04_30(void **state) {
  (void)state;
  assert_rejected("令和元年4月30日");
}

static void test_era_heisei_rejects_1989_01_07(void **state) {
  (void)state;
  assert_rejected("平成元年1月7日");
}

static void test_era_showa_rejects_1989_01_08(void **state) {
  (void)state;
  assert_rejected("昭和64年1月8日");
}

static void test_era_showa_rejects_1926_12_24(void **state) {
  (void)state;
  assert_rejected("昭和元年12月24日");
}

static void test_parse_rejects_2023_02_29(void **state) {
  (void)state;
  assert_rejected("2023-02-29");
}

static void test_parse_rejects_month_13(void **state) {
  (void)state;
  assert_rejected("2024-13-01");
}

static void test_parse_rejects_missing_day(void **state) {
  (void)state;
  assert_rejected("2024-6");
}

static void test_parse_rejects_trailing_garbage(void **state) {
  (void)state;
  assert_rejected("2024-06-15x");
}

static void test_parse_rejects_empty(void **state) {
  (void)state;
  assert_rejected("");
}

static void test_parse_rejects_letters(void **state) {
  (void)state;
  assert_rejected("abc");
}

static void test_parse_rejects_two_digit_year(void **state) {
  (void)state;
  assert_rejected("24-06-15");
}

static void test_parse_rejects_mixed_separators(void **state) {
  (void)state;
  assert_rejected("2024-06/15");
}

static void test_parse_rejects_era_year_zero(void **state) {
  (void)state;
  assert_rejected("R0.1.1");
}

static void test_parse_rejects_invalid_utf8(void **state) {
  (void)state;
  assert_rejected_n("\xff", 1);
}

static void test_parse_rejects_null_out(void **state) {
  (void)state;
  assert_int_equal(cpd_day_parse(NULL, "2024-06-15", 10), CPD_EINVAL);
}

/* ------------------------------------ R13 forms added 2026-11-30: weekday */

static void test_weekday_full_width_parentheses(void **state) {
  (void)state;
  assert_parses_to("2024年6月15日（土）", "2024-06-15");
}

static void test_weekday_ascii_parentheses_after_slashes(void **state) {
  (void)state;
  assert_parses_to("2024/6/15(土)", "2024-06-15");
}

static void test_weekday_spelt_out_after_a_space(void **state) {
  (void)state;
  assert_parses_to("令和6年6月15日 土曜日", "2024-06-15");
}

static void test_weekday_in_parentheses_with_you_and_youbi(void **state) {
  (void)state;
  assert_parses_to("2024-06-15 (土曜)", "2024-06-15");
  assert_parses_to("2024年6月17日（月曜日）", "2024-06-17");
}

static void test_weekday_sunday_after_the_day_kanji(void **state) {
  (void)state;
  /* 日 ends the date and names Sunday */
  assert_parses_to("2024年6月16日(日)", "2024-06-16");
  assert_parses_to("2024年6月16日日曜日", "2024-06-16");
}

static void test_weekday_each_day_of_a_week_matches_only_itself(void **state) {
  static const char *const w[7] = {"日", "月", "火", "水", "木", "金", "土"};
  int day, k;
  (void)state;
  /* 2024-06-09 was a Sunday */
  for (day = 9; day <= 15; day++)
    for (k = 0; k < 7; k++) {
      char text[64];
      cpd_day out = CPD_DAY_NONE;
      snprintf(text, sizeof text, "2024/6/%d(%s)", day, w[k]);
      if ((cpd_day_parse(&out, text, strlen(text)) == CPD_OK) != (k == day - 9))
        fail_msg("%s: %s", text, k == day - 9 ? "refused" : "accepted");
    }
}

static void test_weekday_mismatch_is_refused_and_says_so(void **state) {
  (void)state;
  assert_refused_because("2024年6月15日（日）", CPD__DATE_WEEKDAY_MISMATCH);
  assert_refused_because("令和6年6月15日 金曜日", CPD__DATE_WEEKDAY_MISMATCH);
}

static void test_weekday_on_a_leap_day(void **state) {
  (void)state;
  assert_parses_to("2024-02-29(木)", "2024-02-29");
  assert_refused_because("2024-02-29(金)", CPD__DATE_WEEKDAY_MISMATCH);
}

static void test_weekday_before_1970_and_on_era_first_days(void **state) {
  (void)state;
  assert_parses_to("1969-12-31(水)", "1969-12-31");
  assert_parses_to("0001-01-01(月)", "0001-01-01");
  assert_parses_to("令和元年5月1日(水)", "2019-05-01");
  assert_parses_to("昭和64年1月7日(土)", "1989-01-07");
  assert_parses_to("昭和元年12月25日(土)", "1926-12-25");
}

static void test_weekday_bare_kanji_is_refused(void **state) {
  (void)state;
  assert_refused_because("2024/6/15 土", CPD__DATE_NOT_A_DATE);
  assert_refused_because("2024/6/15土曜", CPD__DATE_NOT_A_DATE);
}

static void test_weekday_malformed_suffixes_are_refused(void **state) {
  (void)state;
  assert_rejected("2024/6/15(土");
  assert_rejected("2024/6/15土)");
  assert_rejected("2024/6/15(土)x");
  assert_rejected("2024/6/15(土)(土)");
  assert_rejected("2024/6/15()");
  assert_rejected("2024/6/15(祝)");
  assert_rejected("2024/6/15(Sat)");
}

static void test_weekday_on_an_impossible_day_says_no_such_day(void **state) {
  (void)state;
  assert_refused_because("2023-02-29(水)", CPD__DATE_NO_SUCH_DAY);
}

/* ------------------------------------------------------ kanji numerals */

static void test_kanji_reiwa_six_april_first(void **state) {
  (void)state;
  assert_parses_to("令和六年四月一日", "2024-04-01");
}

static void test_kanji_positional_gregorian_year(void **state) {
  (void)state;
  assert_parses_to("二〇二四年六月十五日", "2024-06-15");
}

static void test_kanji_heisei_twenty_seven_december_eighth(void **state) {
  (void)state;
  assert_parses_to("平成二十七年十二月八日", "2015-12-08");
}

static void test_kanji_reiwa_gannen_may_first(void **state) {
  (void)state;
  assert_parses_to("令和元年五月一日", "2019-05-01");
}

static void test_kanji_ten_twenty_thirty_thirty_one(void **state) {
  (void)state;
  assert_parses_to("二〇二四年十月十日", "2024-10-10");
  assert_parses_to("二〇二四年十一月二十日", "2024-11-20");
  assert_parses_to("二〇二四年四月三十日", "2024-04-30");
  assert_parses_to("二〇二四年十二月三十一日", "2024-12-31");
  assert_parses_to("二〇二四年一月十九日", "2024-01-19");
}

static void test_kanji_thirty_one_in_a_30_day_month_is_no_day(void **state) {
  (void)state;
  assert_refused_because("二〇二四年四月三十一日", CPD__DATE_NO_SUCH_DAY);
}

static void test_kanji_thirty_two_is_no_day(void **state) {
  (void)state;
  assert_refused_because("二〇二四年一月三十二日", CPD__DATE_NO_SUCH_DAY);
}

static void test_kanji_thirteenth_month_is_no_day(void **state) {
  (void)state;
  assert_refused_because("二〇二四年十三月一日", CPD__DATE_NO_SUCH_DAY);
}

static void test_kanji_leap_days(void **state) {
  (void)state;
  assert_parses_to("二〇二四年二月二十九日", "2024-02-29");
  assert_refused_because("二〇二三年二月二十九日", CPD__DATE_NO_SUCH_DAY);
}

static void test_kanji_era_bounds(void **state) {
  (void)state;
  assert_parses_to("昭和六十四年一月七日", "1989-01-07");
  assert_refused_because("昭和六十四年一月八日", CPD__DATE_OUTSIDE_ERA);
  assert_parses_to("平成三十一年四月三十日", "2019-04-30");
  assert_refused_because("平成三十一年五月一日", CPD__DATE_OUTSIDE_ERA);
  assert_refused_because("令和元年四月三十日", CPD__DATE_OUTSIDE_ERA);
}

static void test_kanji_circle_as_zero(void **state) {
  (void)state;
  assert_parses_to("二○二四年六月十五日", "2024-06-15");
}

static void test_kanji_positional_month_and_day(void **state) {
  (void)state;
  assert_parses_to("二〇二四年〇六月一五日", "2024-06-15");
}

static void test_kanji_with_weekday(void **state) {
  (void)state;
  assert_parses_to("令和六年六月十五日（土）", "2024-06-15");
}

static void test_kanji_malformed_numerals_are_refused(void **state) {
  (void)state;
  assert_rejected("二〇二四年六月一十日"); /* 一十 */
  assert_rejected("二〇二四年六月十〇日"); /* 十〇 */
  assert_rejected("二〇二四年六月二三十日");
  assert_rejected("二〇二四年六月二十十日");
  assert_rejected("二〇二四年六月百日");
  assert_rejected("二〇二年六月十五日");     /* three digits */
  assert_rejected("二〇二四〇年六月十五日"); /* five */
  assert_rejected("二千二十四年六月十五日"); /* 千 is not read */
  assert_rejected("令和百年一月一日");
  assert_rejected("令和〇年五月一日");
}

static void test_kanji_with_separators_is_refused(void **state) {
  (void)state;
  assert_rejected("二〇二四/六/十五");
  assert_rejected("令和六.四.一");
}

/* --------------------------------------------- one-kanji era abbreviations */

static void test_abbreviated_reiwa_with_dots(void **state) {
  (void)state;
  assert_parses_to("令6.4.1", "2024-04-01");
}

static void test_abbreviated_reiwa_with_kanji_units(void **state) {
  (void)state;
  assert_parses_to("令6年4月1日", "2024-04-01");
  assert_parses_to("令元年5月1日", "2019-05-01");
}

static void test_abbreviated_heisei_last_day(void **state) {
  (void)state;
  assert_parses_to("平31.4.30", "2019-04-30");
  assert_refused_because("平31.5.1", CPD__DATE_OUTSIDE_ERA);
}

static void test_abbreviated_showa_last_day(void **state) {
  (void)state;
  assert_parses_to("昭64.1.7", "1989-01-07");
  assert_refused_because("昭64.1.8", CPD__DATE_OUTSIDE_ERA);
}

static void test_abbreviated_reiwa_before_its_first_day(void **state) {
  (void)state;
  assert_refused_because("令1.4.30", CPD__DATE_OUTSIDE_ERA);
  assert_parses_to("令1.5.1", "2019-05-01");
}

/* --------------------------------------------------------- compact dates */

static void test_compact_yyyymmdd(void **state) {
  (void)state;
  assert_parses_to("20240615", "2024-06-15");
  assert_parses_to("２０２４０６１５", "2024-06-15");
  assert_parses_to("20240615(土)", "2024-06-15");
}

static void test_compact_leap_days(void **state) {
  (void)state;
  assert_parses_to("20240229", "2024-02-29");
  assert_refused_because("20230229", CPD__DATE_NO_SUCH_DAY);
  assert_refused_because("20241301", CPD__DATE_NO_SUCH_DAY);
  assert_refused_because("20240600", CPD__DATE_NO_SUCH_DAY);
}

static void test_compact_needs_exactly_eight_digits(void **state) {
  (void)state;
  assert_rejected("2024061");
  assert_rejected("202406150");
  assert_rejected("240615");       /* era-less two-digit year */
  assert_rejected("202406151030"); /* a time of day */
}

static void test_compact_digits_split_by_spaces_are_refused(void **state) {
  (void)state;
  assert_rejected("2024 06 15");
  assert_rejected("2024 0615");
}

/* ----------------------------------------- separators of input methods */

static void test_separators_of_input_methods(void **state) {
  static const char *const forms[] = {
      "2024ー06ー15", /* U+30FC prolonged sound mark */
      "2024−06−15",   /* U+2212 minus sign */
      "2024‐06‐15",   /* U+2010 hyphen */
      "2024‑06‑15",   /* U+2011 non-breaking hyphen (NFKC: U+2010) */
      "2024—06—15",   /* U+2014 em dash */
      "2024–06–15",   /* U+2013 en dash */
      "2024―06―15",   /* U+2015 horizontal bar */
      "2024。06。15", /* U+3002 ideographic full stop */
      "2024｡06｡15",   /* U+FF61 (NFKC: U+3002) */
      "R6ー4ー1",     "令和6。4。1",
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    cpd_day out = CPD_DAY_NONE;
    char iso[11];
    if (cpd_day_parse(&out, forms[i], strlen(forms[i])) != CPD_OK)
      fail_msg("%s refused", forms[i]);
    cpd_day_format(iso, out);
    if (strcmp(iso, "2024-06-15") != 0 && strcmp(iso, "2024-04-01") != 0)
      fail_msg("%s -> %s", forms[i], iso);
  }
}

static void test_separators_of_different_kinds_are_refused(void **state) {
  (void)state;
  assert_rejected("2024ー06/15");
  assert_rejected("2024。06-15");
  assert_rejected("2024・06・15");
  assert_rejected("2024〜06〜15");
}

/* ------------------------------------------------ zero-width characters */

static void test_bom_before_the_date_is_ignored(void **state) {
  (void)state;
  assert_parses_to("\xef\xbb\xbf"
                   "2024-06-15",
                   "2024-06-15");
}

static void test_zero_width_spaces_around_the_date_are_ignored(void **state) {
  (void)state;
  assert_parses_to("\xe2\x80\x8b"
                   "2024-06-15\xe2\x80\x8b",
                   "2024-06-15");
  assert_parses_to(" \xe2\x80\x8b \xef\xbb\xbf"
                   "令和6年4月1日 \xe2\x81\xa0",
                   "2024-04-01");
}

static void test_zero_width_space_inside_the_date_is_refused(void **state) {
  (void)state;
  assert_rejected("2024-\xe2\x80\x8b"
                  "06-15");
  assert_rejected("\xe2\x80\x8b");
}

/* --------------------------------------------------------- still refused */

static void test_eraless_two_digit_years_stay_refused(void **state) {
  (void)state;
  assert_rejected("13.02.03");
  assert_rejected("13年2月3日");
}

static void test_taisho_and_meiji_stay_refused(void **state) {
  (void)state;
  assert_rejected("大正15年1月1日");
  assert_rejected("明治45年7月29日");
  assert_rejected("T15.1.1");
  assert_rejected("M45.7.29");
  assert_rejected("大15.1.1");
}

static void test_times_of_day_stay_refused(void **state) {
  (void)state;
  assert_rejected("2024-06-15 10:00");
  assert_rejected("2024-06-15T10:00");
  assert_rejected("2024年6月15日 10時");
  assert_rejected("2024年6月15日(土) 10:00");
}

static void test_detail_reports_ok_and_not_a_date(void **state) {
  cpd_day out = CPD_DAY_NONE;
  int why = -1;
  (void)state;
  assert_int_equal(cpd__day_parse_detail(&out, "2024-06-15", 10, &why), 1);
  assert_int_equal(why, CPD__DATE_OK);
  assert_refused_because("abc", CPD__DATE_NOT_A_DATE);
  assert_int_equal(cpd__day_parse_detail(&out, "x", 1, NULL), 0);
}

static void test_long_input_is_refused_without_reading_past_it(void **state) {
  static char big[4096];
  (void)state;
  memset(big, '1', sizeof big);
  assert_rejected_n(big, sizeof big);
  memset(big, ' ', sizeof big);
  memcpy(big + 2000, "2024-06-15", 10);
  assert_parses_to_n(big, sizeof big, "2024-06-15");
}

/* ------------------------------------------- the forms in an application */

/* cpd_check_json on an application with these completed_on, paid_on and
 * applied_on; the result JSON (caller frees with cpd_string_free), NULL on
 * an input error (err filled). */
static char *check_dates(const char *completed_on, const char *paid_on,
                         const char *applied_on, cpd_error *err) {
  char json[1024];
  char *out = NULL;
  snprintf(json, sizeof json,
           "{\"applied_on\":\"%s\",\"qualification\":\"OMP\","
           "\"certification\":{\"number\":\"OMP-1\","
           "\"expires_on\":\"2027-03-31\"},\"oath_agreed\":true,"
           "\"fee\":{\"paid_on\":\"%s\",\"payer_name\":\"x\"},"
           "\"activities\":[{\"category\":\"C\",\"title\":\"t\","
           "\"completed_on\":\"%s\",\"hours\":2}]}",
           applied_on, paid_on, completed_on);
  if (cpd_check_json(&out, NULL, json, strlen(json), NULL, err) != CPD_OK)
    return NULL;
  return out;
}

static void test_json_new_forms_are_accepted_in_an_application(void **state) {
  static const char *const forms[] = {
      "2025年1月10日（金）", "令和七年一月十日",        "令7.1.10", "20250110",
      "2025ー01ー10",        "\\ufeff2025-01-10\\u200b"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    cpd_error err;
    char *out =
        check_dates(forms[i], "2027-02-01(月)", "令和9年2月10日 水曜日", &err);
    if (!out)
      fail_msg("%s: input error %s", forms[i], err.code);
    if (strstr(out, "invalid_date") || !strstr(out, "\"C-1\""))
      fail_msg("%s: %s", forms[i], out);
    cpd_string_free(out);
  }
}

static void test_json_weekday_mismatch_in_an_activity_says_so(void **state) {
  cpd_error err;
  char *out;
  (void)state;
  out = check_dates("2025年1月10日（土）", "2027-02-01", "2027-02-10", &err);
  assert_non_null(out);
  assert_non_null(strstr(out, "\"activity.invalid_date\""));
  assert_non_null(strstr(out, "the weekday does not match the date"));
  assert_non_null(strstr(out, "曜日が日付と一致しません"));
  cpd_string_free(out);
}

static void test_json_weekday_mismatch_in_the_fee_date_says_so(void **state) {
  cpd_error err;
  char *out;
  (void)state;
  out = check_dates("2025-01-10", "2027-02-01(火)", "2027-02-10", &err);
  assert_non_null(out);
  assert_non_null(strstr(out, "\"fee.invalid_date\""));
  assert_non_null(strstr(out, "the weekday does not match the date"));
  cpd_string_free(out);
}

static void
test_json_weekday_mismatch_in_applied_on_is_an_input_error(void **state) {
  cpd_error err;
  (void)state;
  memset(&err, 0, sizeof err);
  assert_null(check_dates("2025-01-10", "2027-02-01", "2027-02-10(木)", &err));
  assert_string_equal(err.code, "input.invalid_date");
  assert_string_equal(err.path, "/applied_on");
  assert_non_null(strstr(err.message, "the weekday does not match"));
  assert_non_null(strstr(err.message_ja, "曜日が日付と一致しません"));
}

static void test_json_other_bad_dates_keep_the_plain_message(void **state) {
  cpd_error err;
  char *out;
  (void)state;
  out = check_dates("2025年2月30日", "2027-02-01", "2027-02-10", &err);
  assert_non_null(out);
  assert_non_null(strstr(out, "the completion date is not a valid date."));
  assert_null(strstr(out, "weekday"));
  cpd_string_free(out);
}

/* ----------------------------------------------------------- fiscal year R2 */

static void test_fiscal_year_of_march_31_is_previous_year(void **state) {
  (void)state;
  assert_int_equal(cpd_policy_fiscal_year(NULL, cpdt_ymd(2025, 3, 31)), 2024);
}

static void test_fiscal_year_of_april_1_is_same_year(void **state) {
  (void)state;
  assert_int_equal(cpd_policy_fiscal_year(NULL, cpdt_ymd(2025, 4, 1)), 2025);
}

static void test_fiscal_year_of_january_1_is_previous_year(void **state) {
  (void)state;
  assert_int_equal(cpd_policy_fiscal_year(NULL, cpdt_ymd(2024, 1, 1)), 2023);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_day_1970_01_01_is_day_zero),
      cmocka_unit_test(test_day_zero_is_1970_01_01),
      cmocka_unit_test(test_day_before_epoch_is_negative),
      cmocka_unit_test(test_day_from_ymd_accepts_2000_02_29_leap_by_400),
      cmocka_unit_test(test_day_from_ymd_rejects_1900_02_29_century_not_leap),
      cmocka_unit_test(test_day_from_ymd_rejects_2023_02_29),
      cmocka_unit_test(test_day_from_ymd_accepts_2024_02_29),
      cmocka_unit_test(test_day_from_ymd_accepts_year_1),
      cmocka_unit_test(test_day_from_ymd_rejects_year_0),
      cmocka_unit_test(test_day_from_ymd_accepts_year_9999),
      cmocka_unit_test(test_day_from_ymd_rejects_year_10000),
      cmocka_unit_test(test_day_from_ymd_rejects_month_0),
      cmocka_unit_test(test_day_from_ymd_rejects_month_13),
      cmocka_unit_test(test_day_from_ymd_rejects_day_0),
      cmocka_unit_test(test_day_from_ymd_rejects_day_32),
      cmocka_unit_test(test_day_from_ymd_rejects_april_31),
      cmocka_unit_test(test_day_from_ymd_rejects_null_out),
      cmocka_unit_test(test_day_to_ymd_accepts_null_outputs),
      cmocka_unit_test(test_day_round_trips_every_day_of_years_1_to_9999),

      cmocka_unit_test(test_format_writes_iso_yyyy_mm_dd),
      cmocka_unit_test(test_format_day_zero_is_1970_01_01),
      cmocka_unit_test(test_format_pads_year_1_to_four_digits),
      cmocka_unit_test(test_format_writes_9999_12_31),
      cmocka_unit_test(test_format_terminates_with_nul_in_11_bytes),

      cmocka_unit_test(test_add_months_2024_03_31_minus_3_clamps_to_2023_12_31),
      cmocka_unit_test(test_add_months_2027_04_01_minus_3_is_2027_01_01),
      cmocka_unit_test(test_add_months_2027_03_31_minus_1_clamps_to_2027_02_28),
      cmocka_unit_test(
          test_add_months_2028_03_31_minus_1_clamps_to_leap_2028_02_29),
      cmocka_unit_test(test_add_months_forward_across_year_end_clamps),
      cmocka_unit_test(test_add_months_backward_across_year_end),
      cmocka_unit_test(test_add_months_forward_several_years),
      cmocka_unit_test(test_add_months_backward_several_years),
      cmocka_unit_test(test_add_months_zero_is_identity),

      cmocka_unit_test(test_parse_iso),
      cmocka_unit_test(test_parse_slashes_without_leading_zero),
      cmocka_unit_test(test_parse_dots),
      cmocka_unit_test(test_parse_kanji_year_month_day),
      cmocka_unit_test(test_parse_era_reiwa),
      cmocka_unit_test(test_era_reiwa_gannen_starts_on_2019_05_01),
      cmocka_unit_test(test_era_heisei_ends_on_2019_04_30),
      cmocka_unit_test(test_era_heisei_gannen_starts_on_1989_01_08),
      cmocka_unit_test(test_era_showa_ends_on_1989_01_07),
      cmocka_unit_test(test_era_showa_gannen_starts_on_1926_12_25),
      cmocka_unit_test(test_parse_era_letter_with_dots),
      cmocka_unit_test(test_parse_era_letter_with_slashes),
      cmocka_unit_test(test_parse_era_letter_heisei),
      cmocka_unit_test(test_parse_jis_x_0301_zero_padded),
      cmocka_unit_test(test_parse_era_letter_showa),
      cmocka_unit_test(test_parse_full_width_iso),
      cmocka_unit_test(test_parse_full_width_era_letter),
      cmocka_unit_test(test_parse_reiwa_ligature_u32ff),
      cmocka_unit_test(test_parse_heisei_ligature_u337b),
      cmocka_unit_test(test_parse_trims_surrounding_spaces),

      cmocka_unit_test(test_era_heisei_rejects_2019_05_01),
      cmocka_unit_test(test_era_reiwa_rejects_2019_04_30),
      cmocka_unit_test(test_era_heisei_rejects_1989_01_07),
      cmocka_unit_test(test_era_showa_rejects_1989_01_08),
      cmocka_unit_test(test_era_showa_rejects_1926_12_24),
      cmocka_unit_test(test_parse_rejects_2023_02_29),
      cmocka_unit_test(test_parse_rejects_month_13),
      cmocka_unit_test(test_parse_rejects_missing_day),
      cmocka_unit_test(test_parse_rejects_trailing_garbage),
      cmocka_unit_test(test_parse_rejects_empty),
      cmocka_unit_test(test_parse_rejects_letters),
      cmocka_unit_test(test_parse_rejects_two_digit_year),
      cmocka_unit_test(test_parse_rejects_mixed_separators),
      cmocka_unit_test(test_parse_rejects_era_year_zero),
      cmocka_unit_test(test_parse_rejects_invalid_utf8),
      cmocka_unit_test(test_parse_rejects_null_out),

      cmocka_unit_test(test_weekday_full_width_parentheses),
      cmocka_unit_test(test_weekday_ascii_parentheses_after_slashes),
      cmocka_unit_test(test_weekday_spelt_out_after_a_space),
      cmocka_unit_test(test_weekday_in_parentheses_with_you_and_youbi),
      cmocka_unit_test(test_weekday_sunday_after_the_day_kanji),
      cmocka_unit_test(test_weekday_each_day_of_a_week_matches_only_itself),
      cmocka_unit_test(test_weekday_mismatch_is_refused_and_says_so),
      cmocka_unit_test(test_weekday_on_a_leap_day),
      cmocka_unit_test(test_weekday_before_1970_and_on_era_first_days),
      cmocka_unit_test(test_weekday_bare_kanji_is_refused),
      cmocka_unit_test(test_weekday_malformed_suffixes_are_refused),
      cmocka_unit_test(test_weekday_on_an_impossible_day_says_no_such_day),
      cmocka_unit_test(test_kanji_reiwa_six_april_first),
      cmocka_unit_test(test_kanji_positional_gregorian_year),
      cmocka_unit_test(test_kanji_heisei_twenty_seven_december_eighth),
      cmocka_unit_test(test_kanji_reiwa_gannen_may_first),
      cmocka_unit_test(test_kanji_ten_twenty_thirty_thirty_one),
      cmocka_unit_test(test_kanji_thirty_one_in_a_30_day_month_is_no_day),
      cmocka_unit_test(test_kanji_thirty_two_is_no_day),
      cmocka_unit_test(test_kanji_thirteenth_month_is_no_day),
      cmocka_unit_test(test_kanji_leap_days),
      cmocka_unit_test(test_kanji_era_bounds),
      cmocka_unit_test(test_kanji_circle_as_zero),
      cmocka_unit_test(test_kanji_positional_month_and_day),
      cmocka_unit_test(test_kanji_with_weekday),
      cmocka_unit_test(test_kanji_malformed_numerals_are_refused),
      cmocka_unit_test(test_kanji_with_separators_is_refused),
      cmocka_unit_test(test_abbreviated_reiwa_with_dots),
      cmocka_unit_test(test_abbreviated_reiwa_with_kanji_units),
      cmocka_unit_test(test_abbreviated_heisei_last_day),
      cmocka_unit_test(test_abbreviated_showa_last_day),
      cmocka_unit_test(test_abbreviated_reiwa_before_its_first_day),
      cmocka_unit_test(test_compact_yyyymmdd),
      cmocka_unit_test(test_compact_leap_days),
      cmocka_unit_test(test_compact_needs_exactly_eight_digits),
      cmocka_unit_test(test_compact_digits_split_by_spaces_are_refused),
      cmocka_unit_test(test_separators_of_input_methods),
      cmocka_unit_test(test_separators_of_different_kinds_are_refused),
      cmocka_unit_test(test_bom_before_the_date_is_ignored),
      cmocka_unit_test(test_zero_width_spaces_around_the_date_are_ignored),
      cmocka_unit_test(test_zero_width_space_inside_the_date_is_refused),
      cmocka_unit_test(test_eraless_two_digit_years_stay_refused),
      cmocka_unit_test(test_taisho_and_meiji_stay_refused),
      cmocka_unit_test(test_times_of_day_stay_refused),
      cmocka_unit_test(test_detail_reports_ok_and_not_a_date),
      cmocka_unit_test(test_long_input_is_refused_without_reading_past_it),

      cmocka_unit_test(test_json_new_forms_are_accepted_in_an_application),
      cmocka_unit_test(test_json_weekday_mismatch_in_an_activity_says_so),
      cmocka_unit_test(test_json_weekday_mismatch_in_the_fee_date_says_so),
      cmocka_unit_test(
          test_json_weekday_mismatch_in_applied_on_is_an_input_error),
      cmocka_unit_test(test_json_other_bad_dates_keep_the_plain_message),

      cmocka_unit_test(test_fiscal_year_of_march_31_is_previous_year),
      cmocka_unit_test(test_fiscal_year_of_april_1_is_same_year),
      cmocka_unit_test(test_fiscal_year_of_january_1_is_previous_year),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
