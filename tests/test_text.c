/* test_text.c - the text helpers of text.c: UTF-8 validation, NFKC with
 * white-space folding (docs/RULES.md R11), the kana / postal code / phone /
 * e-mail checks (R11), and exact decimals in hundredths (R5). */
#include "cpd_test.h"

#include <math.h>

#include "internal.h"

/* ----------------------------------------------------------------- helpers */

#define U3000 "　" /* U+3000 IDEOGRAPHIC SPACE, written as itself */

static void assert_normalizes_to(const char *in, const char *expected) {
  cpd__buf b = CPD__BUF_INIT;
  assert_int_equal(cpd__text_normalize(&b, in, strlen(in)), CPD_OK);
  assert_non_null(cpd__buf_cstr(&b));
  assert_string_equal(cpd__buf_cstr(&b), expected);
  assert_int_equal(b.len, strlen(expected));
  cpd__buf_free(&b);
}

static int valid(const char *s, size_t len) { return cpd__utf8_valid(s, len); }

static int kana(const char *s) { return cpd__text_is_kana(s, strlen(s)); }

static void assert_postal_ok(const char *s) {
  char out[9];
  memset(out, 'x', sizeof out);
  assert_int_equal(cpd__text_postal_code(s, strlen(s), out), 1);
  assert_string_equal(out, "100-0005");
}

static int postal(const char *s) {
  char out[9];
  return cpd__text_postal_code(s, strlen(s), out);
}

static int phone(const char *s) { return cpd__text_phone(s, strlen(s)); }

static int email(const char *s) { return cpd__text_email(s, strlen(s)); }

static void assert_decimal(const char *s, cpd_points expected) {
  cpd_points out = -12345;
  assert_int_equal(cpd__decimal_parse(s, strlen(s), &out), 0);
  assert_int_equal(out, expected);
}

static void assert_decimal_fails(const char *s, int expected_rc) {
  cpd_points out = -12345;
  assert_int_equal(cpd__decimal_parse(s, strlen(s), &out), expected_rc);
}

static void assert_double(double x, cpd_points expected) {
  cpd_points out = -12345;
  assert_int_equal(cpd__double_to_points(x, &out), 0);
  assert_int_equal(out, expected);
}

static void assert_double_fails(double x, int expected_rc) {
  cpd_points out = -12345;
  assert_int_equal(cpd__double_to_points(x, &out), expected_rc);
}

/* ------------------------------------------------------------------ UTF-8 */

static void test_utf8_accepts_ascii(void **state) {
  (void)state;
  assert_true(valid("Hello, world", 12));
}

static void test_utf8_accepts_japanese(void **state) {
  const char *s = "継続教育・カタカナ〒";
  (void)state;
  assert_true(valid(s, strlen(s)));
}

static void test_utf8_accepts_four_byte_sequence(void **state) {
  (void)state;
  assert_true(valid("\xf0\x9f\x98\x80", 4)); /* U+1F600 */
}

static void test_utf8_accepts_empty(void **state) {
  (void)state;
  assert_true(valid("", 0));
}

static void test_utf8_rejects_overlong_c0_af(void **state) {
  (void)state;
  assert_false(valid("\xc0\xaf", 2));
}

static void test_utf8_rejects_overlong_e0_80_af(void **state) {
  (void)state;
  assert_false(valid("\xe0\x80\xaf", 3));
}

static void test_utf8_rejects_surrogate_ed_a0_80(void **state) {
  (void)state;
  assert_false(valid("\xed\xa0\x80", 3));
}

static void test_utf8_rejects_above_u10ffff_f4_90_80_80(void **state) {
  (void)state;
  assert_false(valid("\xf4\x90\x80\x80", 4));
}

static void test_utf8_rejects_truncated_e3_81(void **state) {
  (void)state;
  assert_false(valid("\xe3\x81", 2));
}

static void test_utf8_rejects_truncated_sequence_before_ascii(void **state) {
  (void)state;
  assert_false(valid("\xe3\x81"
                     "a",
                     3));
}

static void test_utf8_rejects_lone_ff(void **state) {
  (void)state;
  assert_false(valid("\xff", 1));
}

static void test_utf8_rejects_lone_continuation_byte(void **state) {
  (void)state;
  assert_false(valid("\x80", 1));
}

static void test_utf8_rejects_nul_byte(void **state) {
  (void)state;
  assert_false(valid("a\0b", 3));
}

/* -------------------------------------------------------------- normalise */

static void test_normalize_full_width_digits_to_ascii(void **state) {
  (void)state;
  assert_normalizes_to("０１２３４５６７８９", "0123456789");
}

static void test_normalize_full_width_letters_to_ascii(void **state) {
  (void)state;
  assert_normalizes_to("ＡＢＣａｂｃ", "ABCabc");
}

static void test_normalize_full_width_omp_to_ascii(void **state) {
  (void)state;
  assert_normalizes_to("ＯＭＰ", "OMP");
}

static void test_normalize_trims_both_ends(void **state) {
  (void)state;
  assert_normalizes_to("  山田 ", "山田");
}

static void test_normalize_folds_ascii_space_run(void **state) {
  (void)state;
  assert_normalizes_to("a    b", "a b");
}

static void test_normalize_folds_ideographic_space(void **state) {
  (void)state;
  assert_normalizes_to("山田" U3000 U3000 "太郎", "山田 太郎");
}

static void test_normalize_folds_mixed_space_tab_ideographic_run(void **state) {
  (void)state;
  assert_normalizes_to("山田 \t" U3000 " 太郎", "山田 太郎");
}

static void test_normalize_folds_tabs_in_ascii(void **state) {
  (void)state;
  assert_normalizes_to("\ta\t\tb\t", "a b");
}

static void test_normalize_trims_ideographic_space(void **state) {
  (void)state;
  assert_normalizes_to(U3000 "山田" U3000, "山田");
}

static void test_normalize_only_spaces_becomes_empty(void **state) {
  (void)state;
  assert_normalizes_to(" " U3000 "\t ", "");
}

static void test_normalize_half_width_katakana_to_full_width(void **state) {
  (void)state;
  assert_normalizes_to("ｶﾀｶﾅ", "カタカナ");
}

static void test_normalize_half_width_voiced_katakana_composes(void **state) {
  (void)state;
  assert_normalizes_to("ｶﾞｯｺｳ", "ガッコウ");
}

static void test_normalize_ascii_fast_path_leaves_text_unchanged(void **state) {
  (void)state;
  assert_normalizes_to("Hello, World! 123-4567 a@b.jp",
                       "Hello, World! 123-4567 a@b.jp");
}

static void test_normalize_reiwa_ligature_to_two_kanji(void **state) {
  (void)state;
  assert_normalizes_to("㋿", "令和");
}

static void test_normalize_empty_is_empty(void **state) {
  (void)state;
  assert_normalizes_to("", "");
}

static void test_normalize_2000_combining_marks_completes(void **state) {
  enum { MARKS = 2000 };
  size_t len = 1 + 2 * (size_t)MARKS, i;
  char *s = malloc(len);
  cpd__buf b = CPD__BUF_INIT;
  (void)state;
  assert_non_null(s);
  s[0] = 'a';
  for (i = 0; i < MARKS; i++) { /* U+0301 COMBINING ACUTE ACCENT */
    s[1 + 2 * i] = '\xcc';
    s[2 + 2 * i] = '\x81';
  }
  assert_int_equal(cpd__text_normalize(&b, s, len), CPD_OK);
  /* NFC composes the first mark into U+00E1; the other 1,999 stay. */
  assert_int_equal(b.len, 2 + 2 * ((size_t)MARKS - 1));
  assert_memory_equal(b.p, "\xc3\xa1\xcc\x81", 4);
  cpd__buf_free(&b);
  free(s);
}

/* ------------------------------------------------------------------- kana */

static void test_kana_accepts_hiragana(void **state) {
  (void)state;
  assert_true(kana("やまだ たろう"));
}

static void test_kana_accepts_katakana(void **state) {
  (void)state;
  assert_true(kana("ヤマダ タロウ"));
}

static void test_kana_accepts_prolonged_sound_mark(void **state) {
  (void)state;
  assert_true(kana("スーパー"));
}

static void test_kana_accepts_middle_dot(void **state) {
  (void)state;
  assert_true(kana("ジョン・スミス"));
}

static void test_kana_accepts_spaces_between_words(void **state) {
  (void)state;
  assert_true(kana("やまだ タロウ"));
}

static void test_kana_rejects_kanji(void **state) {
  (void)state;
  assert_false(kana("山田"));
}

static void test_kana_rejects_kanji_among_kana(void **state) {
  (void)state;
  assert_false(kana("やまだ太郎"));
}

static void test_kana_rejects_latin(void **state) {
  (void)state;
  assert_false(kana("yamada"));
}

static void test_kana_rejects_digits(void **state) {
  (void)state;
  assert_false(kana("やまだ1"));
}

static void test_kana_rejects_empty(void **state) {
  (void)state;
  assert_false(kana(""));
}

static void test_kana_rejects_only_spaces(void **state) {
  (void)state;
  assert_false(kana(" "));
}

/* ------------------------------------------------------------ postal code */

static void test_postal_accepts_nnn_dash_nnnn(void **state) {
  (void)state;
  assert_postal_ok("100-0005");
}

static void test_postal_accepts_seven_digits(void **state) {
  (void)state;
  assert_postal_ok("1000005");
}

static void test_postal_accepts_leading_postal_mark(void **state) {
  (void)state;
  assert_postal_ok("〒100-0005");
}

static void test_postal_accepts_postal_mark_and_space(void **state) {
  (void)state;
  assert_postal_ok("〒 100-0005");
}

static void test_postal_accepts_prolonged_sound_mark_as_dash(void **state) {
  (void)state;
  assert_postal_ok("100ー0005");
}

static void test_postal_rejects_six_digits(void **state) {
  (void)state;
  assert_false(postal("100-005"));
}

static void test_postal_rejects_dash_after_fourth_digit(void **state) {
  (void)state;
  assert_false(postal("1000-005"));
}

static void test_postal_rejects_eight_digits(void **state) {
  (void)state;
  assert_false(postal("10000055"));
}

static void test_postal_rejects_letters(void **state) {
  (void)state;
  assert_false(postal("abc"));
}

static void test_postal_rejects_empty(void **state) {
  (void)state;
  assert_false(postal(""));
}

/* ------------------------------------------------------------------ phone */

static void test_phone_accepts_landline_with_dashes(void **state) {
  (void)state;
  assert_true(phone("03-1234-5678"));
}

static void test_phone_accepts_mobile_eleven_digits(void **state) {
  (void)state;
  assert_true(phone("090-1234-5678"));
}

static void test_phone_accepts_parentheses(void **state) {
  (void)state;
  assert_true(phone("(03)1234-5678"));
}

static void test_phone_accepts_bare_digits(void **state) {
  (void)state;
  assert_true(phone("0312345678"));
}

static void test_phone_rejects_no_leading_zero(void **state) {
  (void)state;
  assert_false(phone("3-1234-5678"));
}

static void test_phone_rejects_nine_digits(void **state) {
  (void)state;
  assert_false(phone("03-1234-567"));
}

static void test_phone_rejects_twelve_digits(void **state) {
  (void)state;
  assert_false(phone("090-1234-56789"));
}

static void test_phone_rejects_letter(void **state) {
  (void)state;
  assert_false(phone("03-1234-567a"));
}

static void test_phone_rejects_ten_digits_not_starting_with_zero(void **state) {
  (void)state;
  assert_false(phone("1312345678"));
}

/* ------------------------------------------------------------------ email */

static void test_email_accepts_plain_address(void **state) {
  (void)state;
  assert_true(email("taro@example.jp"));
}

static void test_email_rejects_two_at_signs(void **state) {
  (void)state;
  assert_false(email("taro@@example.jp"));
}

static void test_email_rejects_empty_local_part(void **state) {
  (void)state;
  assert_false(email("@example.jp"));
}

static void test_email_rejects_domain_without_dot(void **state) {
  (void)state;
  assert_false(email("taro@example"));
}

static void test_email_rejects_domain_starting_with_dot(void **state) {
  (void)state;
  assert_false(email("taro@.jp"));
}

static void test_email_rejects_space(void **state) {
  (void)state;
  assert_false(email("ta ro@example.jp"));
}

static void test_email_rejects_consecutive_dots_in_domain(void **state) {
  (void)state;
  assert_false(email("taro@example..jp"));
}

static void test_email_rejects_missing_at(void **state) {
  (void)state;
  assert_false(email("taro.example.jp"));
}

/* ------------------------------------------------------- decimal text (R5) */

static void test_decimal_integer(void **state) {
  (void)state;
  assert_decimal("6", 600);
}

static void test_decimal_one_decimal(void **state) {
  (void)state;
  assert_decimal("1.5", 150);
}

static void test_decimal_two_decimals(void **state) {
  (void)state;
  assert_decimal("0.25", 25);
}

static void test_decimal_trailing_zero_is_not_a_third_decimal(void **state) {
  (void)state;
  assert_decimal("1.50", 150);
}

static void test_decimal_three_trailing_zeros_are_fine(void **state) {
  (void)state;
  assert_decimal("1.000", 100);
}

static void test_decimal_rejects_three_significant_decimals(void **state) {
  (void)state;
  assert_decimal_fails("1.005", -2);
}

static void test_decimal_rejects_dot_without_decimals(void **state) {
  (void)state;
  assert_decimal_fails("1.", -1);
}

static void test_decimal_rejects_dot_without_integer(void **state) {
  (void)state;
  assert_decimal_fails(".5", -1);
}

static void test_decimal_rejects_letters(void **state) {
  (void)state;
  assert_decimal_fails("abc", -1);
}

static void test_decimal_rejects_empty(void **state) {
  (void)state;
  assert_decimal_fails("", -1);
}

static void test_decimal_negative_parses_for_range_check(void **state) {
  (void)state;
  assert_decimal("-1", -100);
}

static void test_decimal_rejects_exponent(void **state) {
  (void)state;
  assert_decimal_fails("1e3", -1);
}

static void test_decimal_accepts_twelve_digit_integer(void **state) {
  (void)state;
  assert_decimal("999999999999", 99999999999900);
}

static void test_decimal_rejects_thirteen_digit_integer(void **state) {
  (void)state;
  assert_decimal_fails("1234567890123", -3);
}

/* ------------------------------------------------- decimal double (R5) */

static void test_double_integer(void **state) {
  (void)state;
  assert_double(6.0, 600);
}

static void test_double_0_29_is_exactly_29_hundredths(void **state) {
  (void)state;
  assert_double(0.29, 29); /* 0.29 * 100 == 28.999999999999996 */
}

static void test_double_1_15_is_exactly_115_hundredths(void **state) {
  (void)state;
  assert_double(1.15, 115); /* 1.15 * 100 == 114.99999999999999 */
}

static void test_double_maximum_9999_99(void **state) {
  (void)state;
  assert_double(9999.99, 999999);
}

static void test_double_rejects_three_decimals(void **state) {
  (void)state;
  assert_double_fails(1.005, -2);
}

static void test_double_rejects_sum_not_exactly_0_3(void **state) {
  volatile double a = 0.1, b = 0.2;
  double x = a + b;
  (void)state;
  assert_true(x != 0.3);
  assert_double_fails(x, -2);
}

static void test_double_negative_zero_is_zero(void **state) {
  (void)state;
  assert_double(-0.0, 0);
}

static void test_double_rejects_1e13_as_too_large(void **state) {
  (void)state;
  assert_double_fails(1e13, -3);
}

static void test_double_rejects_infinity(void **state) {
  (void)state;
  assert_double_fails(INFINITY, -1);
}

static void test_double_rejects_nan(void **state) {
  (void)state;
  assert_double_fails(NAN, -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8_accepts_ascii),
      cmocka_unit_test(test_utf8_accepts_japanese),
      cmocka_unit_test(test_utf8_accepts_four_byte_sequence),
      cmocka_unit_test(test_utf8_accepts_empty),
      cmocka_unit_test(test_utf8_rejects_overlong_c0_af),
      cmocka_unit_test(test_utf8_rejects_overlong_e0_80_af),
      cmocka_unit_test(test_utf8_rejects_surrogate_ed_a0_80),
      cmocka_unit_test(test_utf8_rejects_above_u10ffff_f4_90_80_80),
      cmocka_unit_test(test_utf8_rejects_truncated_e3_81),
      cmocka_unit_test(test_utf8_rejects_truncated_sequence_before_ascii),
      cmocka_unit_test(test_utf8_rejects_lone_ff),
      cmocka_unit_test(test_utf8_rejects_lone_continuation_byte),
      cmocka_unit_test(test_utf8_rejects_nul_byte),

      cmocka_unit_test(test_normalize_full_width_digits_to_ascii),
      cmocka_unit_test(test_normalize_full_width_letters_to_ascii),
      cmocka_unit_test(test_normalize_full_width_omp_to_ascii),
      cmocka_unit_test(test_normalize_trims_both_ends),
      cmocka_unit_test(test_normalize_folds_ascii_space_run),
      cmocka_unit_test(test_normalize_folds_ideographic_space),
      cmocka_unit_test(test_normalize_folds_mixed_space_tab_ideographic_run),
      cmocka_unit_test(test_normalize_folds_tabs_in_ascii),
      cmocka_unit_test(test_normalize_trims_ideographic_space),
      cmocka_unit_test(test_normalize_only_spaces_becomes_empty),
      cmocka_unit_test(test_normalize_half_width_katakana_to_full_width),
      cmocka_unit_test(test_normalize_half_width_voiced_katakana_composes),
      cmocka_unit_test(test_normalize_ascii_fast_path_leaves_text_unchanged),
      cmocka_unit_test(test_normalize_reiwa_ligature_to_two_kanji),
      cmocka_unit_test(test_normalize_empty_is_empty),
      cmocka_unit_test(test_normalize_2000_combining_marks_completes),

      cmocka_unit_test(test_kana_accepts_hiragana),
      cmocka_unit_test(test_kana_accepts_katakana),
      cmocka_unit_test(test_kana_accepts_prolonged_sound_mark),
      cmocka_unit_test(test_kana_accepts_middle_dot),
      cmocka_unit_test(test_kana_accepts_spaces_between_words),
      cmocka_unit_test(test_kana_rejects_kanji),
      cmocka_unit_test(test_kana_rejects_kanji_among_kana),
      cmocka_unit_test(test_kana_rejects_latin),
      cmocka_unit_test(test_kana_rejects_digits),
      cmocka_unit_test(test_kana_rejects_empty),
      cmocka_unit_test(test_kana_rejects_only_spaces),

      cmocka_unit_test(test_postal_accepts_nnn_dash_nnnn),
      cmocka_unit_test(test_postal_accepts_seven_digits),
      cmocka_unit_test(test_postal_accepts_leading_postal_mark),
      cmocka_unit_test(test_postal_accepts_postal_mark_and_space),
      cmocka_unit_test(test_postal_accepts_prolonged_sound_mark_as_dash),
      cmocka_unit_test(test_postal_rejects_six_digits),
      cmocka_unit_test(test_postal_rejects_dash_after_fourth_digit),
      cmocka_unit_test(test_postal_rejects_eight_digits),
      cmocka_unit_test(test_postal_rejects_letters),
      cmocka_unit_test(test_postal_rejects_empty),

      cmocka_unit_test(test_phone_accepts_landline_with_dashes),
      cmocka_unit_test(test_phone_accepts_mobile_eleven_digits),
      cmocka_unit_test(test_phone_accepts_parentheses),
      cmocka_unit_test(test_phone_accepts_bare_digits),
      cmocka_unit_test(test_phone_rejects_no_leading_zero),
      cmocka_unit_test(test_phone_rejects_nine_digits),
      cmocka_unit_test(test_phone_rejects_twelve_digits),
      cmocka_unit_test(test_phone_rejects_letter),
      cmocka_unit_test(test_phone_rejects_ten_digits_not_starting_with_zero),

      cmocka_unit_test(test_email_accepts_plain_address),
      cmocka_unit_test(test_email_rejects_two_at_signs),
      cmocka_unit_test(test_email_rejects_empty_local_part),
      cmocka_unit_test(test_email_rejects_domain_without_dot),
      cmocka_unit_test(test_email_rejects_domain_starting_with_dot),
      cmocka_unit_test(test_email_rejects_space),
      cmocka_unit_test(test_email_rejects_consecutive_dots_in_domain),
      cmocka_unit_test(test_email_rejects_missing_at),

      cmocka_unit_test(test_decimal_integer),
      cmocka_unit_test(test_decimal_one_decimal),
      cmocka_unit_test(test_decimal_two_decimals),
      cmocka_unit_test(test_decimal_trailing_zero_is_not_a_third_decimal),
      cmocka_unit_test(test_decimal_three_trailing_zeros_are_fine),
      cmocka_unit_test(test_decimal_rejects_three_significant_decimals),
      cmocka_unit_test(test_decimal_rejects_dot_without_decimals),
      cmocka_unit_test(test_decimal_rejects_dot_without_integer),
      cmocka_unit_test(test_decimal_rejects_letters),
      cmocka_unit_test(test_decimal_rejects_empty),
      cmocka_unit_test(test_decimal_negative_parses_for_range_check),
      cmocka_unit_test(test_decimal_rejects_exponent),
      cmocka_unit_test(test_decimal_accepts_twelve_digit_integer),
      cmocka_unit_test(test_decimal_rejects_thirteen_digit_integer),

      cmocka_unit_test(test_double_integer),
      cmocka_unit_test(test_double_0_29_is_exactly_29_hundredths),
      cmocka_unit_test(test_double_1_15_is_exactly_115_hundredths),
      cmocka_unit_test(test_double_maximum_9999_99),
      cmocka_unit_test(test_double_rejects_three_decimals),
      cmocka_unit_test(test_double_rejects_sum_not_exactly_0_3),
      cmocka_unit_test(test_double_negative_zero_is_zero),
      cmocka_unit_test(test_double_rejects_1e13_as_too_large),
      cmocka_unit_test(test_double_rejects_infinity),
      cmocka_unit_test(test_double_rejects_nan),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
