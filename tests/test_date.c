/* test_date.c - the calendar of date.c: day numbers, ISO formatting, month
 * arithmetic with clamping (RULES.md R3), every date form of R13 (ISO, "/"
 * ".", 年月日, 令和/平成/昭和 with 元年 and era bounds, R6.4.1, JIS X 0301,
 * full-width digits, era ligatures), and fiscal years (R2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "cpd.h"
#include "internal.h"

/* ----------------------------------------------------------------- helpers */

static cpd_day ymd(int y, int m, int d) {
  cpd_day out = CPD_DAY_NONE;
  assert_int_equal(cpd_day_from_ymd(&out, y, m, d), CPD_OK);
  return out;
}

static void assert_day_is(cpd_day d, const char *iso) {
  char buf[11];
  cpd_day_format(buf, d);
  assert_string_equal(buf, iso);
}

static void assert_parses_to(const char *text, const char *iso) {
  cpd_day out = CPD_DAY_NONE;
  assert_int_equal(cpd_day_parse(&out, text, strlen(text)), CPD_OK);
  assert_day_is(out, iso);
}

static void assert_rejected_n(const char *text, size_t len) {
  cpd_day out = CPD_DAY_NONE;
  assert_int_equal(cpd_day_parse(&out, text, len), CPD_EINVAL);
}

static void assert_rejected(const char *text) {
  assert_rejected_n(text, strlen(text));
}

static void assert_ymd_invalid(int y, int m, int d) {
  cpd_day out = CPD_DAY_NONE;
  assert_int_equal(cpd_day_from_ymd(&out, y, m, d), CPD_EINVAL);
}

static void assert_add_months(int y, int m, int d, int months,
                              const char *iso) {
  assert_day_is(cpd_day_add_months(ymd(y, m, d), months), iso);
}

/* ------------------------------------------------- day numbers (from/to) */

static void test_day_1970_01_01_is_day_zero(void **state) {
  (void)state;
  assert_int_equal(ymd(1970, 1, 1), 0);
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
  assert_int_equal(ymd(1969, 12, 31), -1);
}

static void test_day_from_ymd_accepts_2000_02_29_leap_by_400(void **state) {
  (void)state;
  assert_day_is(ymd(2000, 2, 29), "2000-02-29");
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
  assert_day_is(ymd(2024, 2, 29), "2024-02-29");
}

static void test_day_from_ymd_accepts_year_1(void **state) {
  (void)state;
  /* 719162 days from 0001-01-01 to 1970-01-01 (proleptic Gregorian) */
  assert_int_equal(ymd(1, 1, 1), -719162);
}

static void test_day_from_ymd_rejects_year_0(void **state) {
  (void)state;
  assert_ymd_invalid(0, 12, 31);
}

static void test_day_from_ymd_accepts_year_9999(void **state) {
  (void)state;
  assert_int_equal(ymd(9999, 12, 31), 2932896);
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
  cpd_day_to_ymd(ymd(2024, 6, 15), NULL, &m, NULL);
  assert_int_equal(m, 6);
}

static void test_day_round_trips_every_day_of_years_1_to_9999(void **state) {
  cpd_day expected = ymd(1, 1, 1);
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
  assert_int_equal(expected - 1, ymd(9999, 12, 31));
}

/* ------------------------------------------------------------- formatting */

static void test_format_writes_iso_yyyy_mm_dd(void **state) {
  (void)state;
  assert_day_is(ymd(2024, 6, 15), "2024-06-15");
}

static void test_format_day_zero_is_1970_01_01(void **state) {
  (void)state;
  assert_day_is(0, "1970-01-01");
}

static void test_format_pads_year_1_to_four_digits(void **state) {
  (void)state;
  assert_day_is(ymd(1, 1, 1), "0001-01-01");
}

static void test_format_writes_9999_12_31(void **state) {
  (void)state;
  assert_day_is(ymd(9999, 12, 31), "9999-12-31");
}

static void test_format_terminates_with_nul_in_11_bytes(void **state) {
  char buf[12];
  (void)state;
  memset(buf, 'x', sizeof buf);
  cpd_day_format(buf, ymd(2024, 6, 15));
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

/* ----------------------------------------------------------- fiscal year R2 */

static void test_fiscal_year_of_march_31_is_previous_year(void **state) {
  (void)state;
  assert_int_equal(cpd_policy_fiscal_year(NULL, ymd(2025, 3, 31)), 2024);
}

static void test_fiscal_year_of_april_1_is_same_year(void **state) {
  (void)state;
  assert_int_equal(cpd_policy_fiscal_year(NULL, ymd(2025, 4, 1)), 2025);
}

static void test_fiscal_year_of_january_1_is_previous_year(void **state) {
  (void)state;
  assert_int_equal(cpd_policy_fiscal_year(NULL, ymd(2024, 1, 1)), 2023);
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

      cmocka_unit_test(test_fiscal_year_of_march_31_is_previous_year),
      cmocka_unit_test(test_fiscal_year_of_april_1_is_same_year),
      cmocka_unit_test(test_fiscal_year_of_january_1_is_previous_year),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
