/* test_kana.c - payer names as banks write them against names as
 * applicants write them (kana.c): the fold, the legal entities, the
 * match, and the calls' edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpd.h"

/* ----------------------------------------------------------------- helpers */

static void assert_key(const char *text, const char *key) {
  char *out = NULL;
  size_t len = 99;
  assert_int_equal(cpd_name_fold(&out, &len, text, strlen(text)), CPD_OK);
  assert_non_null(out);
  assert_string_equal(out, key);
  assert_int_equal(len, strlen(key));
  cpd_string_free(out);
}

static int match(const char *a, const char *b) {
  int m = -1;
  assert_int_equal(cpd_name_match(&m, a, strlen(a), b, strlen(b), 0), CPD_OK);
  return m;
}

static int match_cut(const char *a, const char *b) {
  int m = -1;
  assert_int_equal(cpd_name_match(&m, a, strlen(a), b, strlen(b), 1), CPD_OK);
  return m;
}

/* The entity's abbreviation of text, "" for none; and its key. */
static void assert_entity(const char *text, const char *abbreviation,
                          const char *key) {
  cpd_name *n = NULL;
  const cpd_legal_entity *e;
  assert_int_equal(cpd_name_new(&n, text, strlen(text), NULL), CPD_OK);
  e = cpd_name_entity(n);
  if (*abbreviation) {
    assert_non_null(e);
    assert_string_equal(e->abbreviation, abbreviation);
  } else {
    assert_null(e);
  }
  assert_string_equal(cpd_name_key(n, NULL), key);
  cpd_name_free(n);
}

static cpd_name_script script(const char *text) {
  cpd_name *n = NULL;
  cpd_name_script k;
  assert_int_equal(cpd_name_new(&n, text, strlen(text), NULL), CPD_OK);
  k = cpd_name_script_of(n);
  cpd_name_free(n);
  return k;
}

/* -------------------------------------------------------------- the fold */

static void test_half_width_kana_and_spaces(void **state) {
  (void)state;
  assert_key("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ");
  assert_key("ヤマダ　タロウ", "ヤマダタロウ");
  assert_key("  ヤマダ   タロウ ", "ヤマダタロウ");
  assert_true(match("ヤマダ タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ"));
}

static void test_hiragana_is_katakana(void **state) {
  (void)state;
  assert_key("やまだ たろう", "ヤマダタロウ");
  assert_true(match("やまだ たろう", "ﾔﾏﾀﾞ ﾀﾛｳ"));
  assert_key("ゔぃ", "ヴイ"); /* ゔ is ヴ, small ぃ large */
}

static void test_small_kana_written_large(void **state) {
  (void)state;
  assert_key("キッカワ", "キツカワ");
  assert_true(match("キッカワ", "ｷﾂｶﾜ"));
  assert_true(match("ジュンイチ", "ｼﾞﾕﾝｲﾁ"));
  assert_true(match("ショウ", "ｼﾖｳ"));
  assert_key("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ");
  assert_key("ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ",
             "クシストヌハヒフヘホムラリルレロ");
  /* small kana as the bank's JIS X 0201 has them (ｧ ｯ ｬ) */
  assert_true(match("キッカワ", "ｷｯｶﾜ"));
}

static void test_long_vowel_and_dashes(void **state) {
  (void)state;
  assert_key("ジョージ", "ジヨ-ジ");
  assert_true(match("ジョージ", "ｼﾞﾖ-ｼﾞ"));
  assert_true(match("ジョージ", "ｼﾞﾖｰｼﾞ"));
  assert_true(match("ジョ－ジ", "ｼﾞﾖ-ｼﾞ")); /* full-width hyphen */
  assert_true(match("ジョ—ジ", "ｼﾞﾖ-ｼﾞ"));  /* em dash */
  assert_true(match("ジョ−ジ", "ｼﾞﾖ-ｼﾞ"));  /* minus */
  assert_true(match("ジョ‐ジ", "ｼﾞﾖ-ｼﾞ"));  /* hyphen */
  assert_false(match("ジョージ", "ｼﾞﾖｼﾞ")); /* a missing mark differs */
}

static void test_latin_full_width_and_case(void **state) {
  (void)state;
  assert_key("ＡＢＣ ｓｈｏｊｉ", "ABCSHOJI");
  assert_true(match("Abc", "ABC"));
  assert_true(match("ｊｏｈｎ ｓｍｉｔｈ", "JOHN SMITH"));
}

static void test_middle_dot_and_full_stop_left_out(void **state) {
  (void)state;
  assert_true(match("ヤマダ・タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ"));
  assert_true(match("ヤマダ･タロウ", "ﾔﾏﾀﾞﾀﾛｳ"));
  assert_true(match("J.SMITH", "J SMITH"));
}

static void test_voiced_mark_written_apart(void **state) {
  (void)state;
  assert_key("ヒ゛ル", "ビル"); /* U+309B after the kana, the old way */
  assert_key("ﾊﾟﾝ", "パン");
  assert_key("ウ゛", "ヴ");
}

static void test_wi_we_as_i_e(void **state) {
  (void)state;
  assert_key("ヰヱ", "イエ");
  assert_true(match("サヰトウ", "ｻｲﾄｳ"));
}

static void test_different_names_differ(void **state) {
  (void)state;
  assert_false(match("ヤマダ タロウ", "ﾔﾏﾀﾞ ｼﾞﾛｳ"));
  assert_false(match("ヤマダタロウ", "ﾔﾏﾀﾞﾀﾛ"));
  assert_false(match("", "ﾔﾏﾀﾞ"));
  assert_false(match("   ", "   "));
  assert_false(match("山田太郎", "ﾔﾏﾀﾞﾀﾛｳ"));
}

/* ------------------------------------------------------- the legal entities */

static void test_entity_abbreviated_where_it_stands(void **state) {
  (void)state;
  assert_entity("ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", "カ", "ヤマダシヨウジ");
  assert_entity("ﾔﾏﾀﾞｼﾖｳｼﾞ(ｶ", "カ", "ヤマダシヨウジ");
  assert_entity("ﾔﾏﾀﾞ(ｶ)ﾁﾊﾞｼﾃﾝ", "カ", "ヤマダチバシテン");
  assert_entity("ﾕ)ﾔﾏﾀﾞ", "ユ", "ヤマダ");
  assert_entity("ｼﾔ)ﾆﾎﾝｷﾖｳｶｲ", "シヤ", "ニホンキヨウカイ");
  assert_entity("ﾄｸﾋ)ｻﾎﾟ-ﾄ", "トクヒ", "サポ-ト");
  /* a person's name has no entity */
  assert_entity("ﾔﾏﾀﾞ ﾀﾛｳ", "", "ヤマダタロウ");
}

static void test_entity_written_out_or_in_kanji(void **state) {
  (void)state;
  assert_entity("株式会社ヤマダショウジ", "カ", "ヤマダシヨウジ");
  assert_entity("ヤマダショウジ株式会社", "カ", "ヤマダシヨウジ");
  assert_entity("カブシキガイシャ ヤマダショウジ", "カ", "ヤマダシヨウジ");
  assert_entity("かぶしきがいしゃ やまだしょうじ", "カ", "ヤマダシヨウジ");
  assert_entity("(株)ヤマダショウジ", "カ", "ヤマダシヨウジ");
  assert_entity("（株）ヤマダショウジ", "カ", "ヤマダシヨウジ");
  assert_entity("㈱ヤマダショウジ", "カ", "ヤマダシヨウジ");
  assert_entity("ヤマダショウジ㈲", "ユ", "ヤマダシヨウジ");
  assert_entity("一般社団法人日本協会", "シヤ", "日本協会");
  assert_entity("イッパンシャダンホウジン ニホンキョウカイ", "シヤ",
                "ニホンキヨウカイ");
  assert_entity("(一社)ニホンキョウカイ", "シヤ", "ニホンキヨウカイ");
  /* the longest form at a place wins: 医療法人社団, not 医療法人 + 社団 */
  assert_entity("医療法人社団ヤマダカイ", "イ", "ヤマダカイ");
  assert_entity("(株式会社)ヤマダ", "カ", "ヤマダ");
}

static void test_entity_matching(void **state) {
  (void)state;
  assert_true(match("株式会社ヤマダ商事", "ｶ)ﾔﾏﾀﾞ商事"));
  assert_true(match("カブシキガイシャヤマダショウジ", "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ"));
  assert_true(match("ヤマダショウジ（カ", "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ"));
  /* an entity on one side only still matches */
  assert_true(match("ヤマダショウジ", "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ"));
  assert_true(match("カ)ヤマダショウジ", "ﾔﾏﾀﾞｼﾖｳｼﾞ"));
  /* different kinds do not */
  assert_false(match("ユ)ヤマダショウジ", "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ"));
  assert_false(match("有限会社ヤマダショウジ", "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ"));
  /* the kinds that share an abbreviation are one kind */
  assert_true(match("一般社団法人ニホンキョウカイ", "ｼﾔ)ﾆﾎﾝｷﾖｳｶｲ"));
  assert_true(match("公益社団法人ニホンキョウカイ", "ｼﾔ)ﾆﾎﾝｷﾖｳｶｲ"));
  /* an entity alone is no name */
  assert_false(match("株式会社", "ｶ)"));
}

static void test_entity_table(void **state) {
  static const char *const small[] = {"ァ", "ィ", "ゥ", "ェ", "ォ",
                                      "ッ", "ャ", "ュ", "ョ", "ヮ",
                                      "ヵ", "ヶ", "ー", "・", " "};
  size_t i, k, n = cpd_legal_entity_count();
  (void)state;
  assert_true(n >= 30);
  assert_null(cpd_legal_entity_at(n));
  for (i = 0; i < n; i++) {
    const cpd_legal_entity *e = cpd_legal_entity_at(i);
    char buf[128];
    assert_non_null(e);
    assert_true(*e->abbreviation && *e->name && *e->reading);
    /* stored folded: no small kana, long vowel, dot or space */
    for (k = 0; k < sizeof small / sizeof small[0]; k++)
      assert_null(strstr(e->reading, small[k]));
    /* every form is found, the key left empty */
    assert_entity(e->name, e->abbreviation, "");
    assert_entity(e->reading, e->abbreviation, "");
    snprintf(buf, sizeof buf, "%s)ア", e->abbreviation);
    assert_entity(buf, e->abbreviation, "ア");
    snprintf(buf, sizeof buf, "ア(%s", e->abbreviation);
    assert_entity(buf, e->abbreviation, "ア");
    snprintf(buf, sizeof buf, "ア(%s)イ", e->abbreviation);
    assert_entity(buf, e->abbreviation, "アイ");
    if (*e->kanji_abbreviation) {
      snprintf(buf, sizeof buf, "(%s)ア", e->kanji_abbreviation);
      assert_entity(buf, e->abbreviation, "ア");
    }
  }
}

/* ---------------------------------------------------------------- is kana */

static void test_script(void **state) {
  (void)state;
  assert_int_equal(script("ヤマダ タロウ"), CPD_NAME_KANA);
  assert_int_equal(script("やまだ たろう"), CPD_NAME_KANA);
  assert_int_equal(script("ﾔﾏﾀﾞ ﾀﾛｳ"), CPD_NAME_KANA);
  assert_int_equal(script("ジョージ・スミス"), CPD_NAME_KANA);
  assert_int_equal(script("ABCﾄﾚ-ﾃﾞｲﾝｸﾞ(ｶ"), CPD_NAME_KANA);
  assert_int_equal(script("(株)ヤマダショウジ"), CPD_NAME_KANA);
  assert_int_equal(script("株式会社ヤマダショウジ"), CPD_NAME_KANA);
  assert_int_equal(script("YAMADA TARO"), CPD_NAME_LATIN);
  assert_int_equal(script("Ｊｏｈｎ Ｂｒｏｗｎ"), CPD_NAME_LATIN);
  assert_int_equal(script("ABC(ｶ"), CPD_NAME_LATIN);
  assert_int_equal(script("山田 太郎"), CPD_NAME_OTHER);
  assert_int_equal(script("ヤマダ 太郎"), CPD_NAME_OTHER);
  assert_int_equal(script("株式会社山田商事"), CPD_NAME_OTHER);
  assert_int_equal(script("---"), CPD_NAME_OTHER);
  assert_int_equal(script(""), CPD_NAME_EMPTY);
  assert_int_equal(script("株式会社"), CPD_NAME_EMPTY);
}

/* --------------------------------------------------------------------- cut */

static void test_cut_name(void **state) {
  (void)state;
  /* the bank's field ended inside ﾃﾞ: ﾃ is kept, its ﾞ lost */
  assert_true(match_cut("ヤマダショウジホールディングス", "ﾔﾏﾀﾞｼﾖｳｼﾞﾎ-ﾙﾃ"));
  assert_false(match("ヤマダショウジホールディングス", "ﾔﾏﾀﾞｼﾖｳｼﾞﾎ-ﾙﾃ"));
  assert_true(match_cut("ヤマダショウジホールディングス", "ﾔﾏﾀﾞｼﾖｳｼﾞﾎ-ﾙﾃﾞ"));
  /* too short to be taken for the start of a name */
  assert_false(match_cut("ヤマダタロウ", "ﾔﾏﾀﾞﾀ"));
  assert_false(match_cut("ヤマダタロウ", "ﾔﾏﾀﾞﾀﾛｳﾔﾏﾀﾞ"));
  /* the whole name, cut or not */
  assert_true(match_cut("ヤマダタロウ", "ﾔﾏﾀﾞﾀﾛｳ"));
}

/* -------------------------------------------------------------------- calls */

static void test_handles(void **state) {
  cpd_name *a = NULL, *b = NULL;
  size_t len = 0;
  (void)state;
  assert_int_equal(cpd_name_new(&a, "ｶ)ﾔﾏﾀﾞ", strlen("ｶ)ﾔﾏﾀﾞ"), NULL), CPD_OK);
  assert_int_equal(
      cpd_name_new(&b, "株式会社やまだ", strlen("株式会社やまだ"), NULL),
      CPD_OK);
  assert_string_equal(cpd_name_key(a, &len), "ヤマダ");
  assert_int_equal(len, strlen("ヤマダ"));
  assert_true(cpd_name_matches(a, b, 0));
  assert_true(cpd_name_matches(b, a, 1));
  assert_false(cpd_name_matches(a, NULL, 0));
  assert_false(cpd_name_matches(NULL, b, 0));
  assert_null(cpd_name_key(NULL, &len));
  assert_int_equal(len, 0);
  assert_null(cpd_name_entity(NULL));
  assert_int_equal(cpd_name_script_of(NULL), CPD_NAME_EMPTY);
  cpd_name_free(a);
  cpd_name_free(b);
  cpd_name_free(NULL);
}

static void test_bad_arguments(void **state) {
  cpd_name *n = (cpd_name *)&n;
  cpd_error err;
  char *out = (char *)"x";
  int m = 7;
  (void)state;
  memset(&err, 0, sizeof err);
  assert_int_equal(cpd_name_new(&n, "\xff", 1, &err), CPD_EINVAL);
  assert_null(n);
  assert_string_equal(err.code, "invalid_argument");
  assert_non_null(strstr(err.message, "UTF-8"));
  assert_non_null(strstr(err.message_ja, "UTF-8"));
  assert_int_equal(cpd_name_new(&n, "a\0b", 3, NULL), CPD_EINVAL);
  assert_int_equal(cpd_name_new(NULL, "a", 1, &err), CPD_EINVAL);
  assert_int_equal(cpd_name_new(&n, NULL, 1, NULL), CPD_EINVAL);
  assert_int_equal(cpd_name_new(&n, NULL, 0, NULL), CPD_OK);
  assert_string_equal(cpd_name_key(n, NULL), "");
  assert_int_equal(cpd_name_script_of(n), CPD_NAME_EMPTY);
  cpd_name_free(n);
  assert_int_equal(cpd_name_fold(&out, NULL, "\xc3", 1), CPD_EINVAL);
  assert_null(out);
  assert_int_equal(cpd_name_fold(NULL, NULL, "a", 1), CPD_EINVAL);
  assert_int_equal(cpd_name_match(&m, "a", 1, "\xe3\x81", 2, 0), CPD_EINVAL);
  assert_int_equal(m, 0);
  assert_int_equal(cpd_name_match(NULL, "a", 1, "a", 1, 0), CPD_EINVAL);
}

/* A long text folds in one pass and keeps its length bound. */
static void test_long_text(void **state) {
  size_t n = 4000, i;
  char *s = malloc(n * 3 + 1), *out = NULL;
  size_t len = 0;
  (void)state;
  assert_non_null(s);
  for (i = 0; i < n; i++) /* "(A)ッ(A)ッ..." */
    memcpy(s + i * 3, (i % 2) ? "ッ" : "(A)", 3);
  assert_int_equal(cpd_name_fold(&out, &len, s, n * 3), CPD_OK);
  assert_true(len <= n * 3);
  cpd_string_free(out);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_half_width_kana_and_spaces),
      cmocka_unit_test(test_hiragana_is_katakana),
      cmocka_unit_test(test_small_kana_written_large),
      cmocka_unit_test(test_long_vowel_and_dashes),
      cmocka_unit_test(test_latin_full_width_and_case),
      cmocka_unit_test(test_middle_dot_and_full_stop_left_out),
      cmocka_unit_test(test_voiced_mark_written_apart),
      cmocka_unit_test(test_wi_we_as_i_e),
      cmocka_unit_test(test_different_names_differ),
      cmocka_unit_test(test_entity_abbreviated_where_it_stands),
      cmocka_unit_test(test_entity_written_out_or_in_kanji),
      cmocka_unit_test(test_entity_matching),
      cmocka_unit_test(test_entity_table),
      cmocka_unit_test(test_script),
      cmocka_unit_test(test_cut_name),
      cmocka_unit_test(test_handles),
      cmocka_unit_test(test_bad_arguments),
      cmocka_unit_test(test_long_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
