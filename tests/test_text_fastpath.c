/* test_text_fastpath.c - the NFKC fast path of cpd__text_normalize (text
 * that NFKC would not change skips utf8proc) agrees with utf8proc's own
 * NFKC for every code point of the stable set and around it. */
#include "cpd_test.h"

#include <utf8proc.h>

#include "internal.h"

static size_t encode(int32_t c, char *out) {
  return (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out);
}

/* "x" c "y" through the library and through utf8proc_NFKC directly. */
static void same_as_utf8proc(int32_t c) {
  char in[16];
  size_t n = 0;
  cpd__buf b = CPD__BUF_INIT;
  utf8proc_uint8_t *ref;
  in[n++] = 'x';
  n += encode(c, in + n);
  in[n++] = 'y';
  in[n] = '\0';
  ref = utf8proc_NFKC((const utf8proc_uint8_t *)in);
  assert_non_null(ref);
  assert_int_equal(cpd__text_normalize(&b, in, n), CPD_OK);
  if (c == 0x3000) /* folded: NFKC gives "x y" too */
    assert_string_equal(b.p, "x y");
  else if (strcmp(b.p, (const char *)ref) != 0)
    fail_msg("U+%04X: library '%s', utf8proc '%s'", (unsigned)c, b.p, ref);
  free(ref);
  cpd__buf_free(&b);
}

static void
test_fast_path_agrees_with_utf8proc_on_kana_kanji_punct(void **state) {
  int32_t c;
  (void)state;
  for (c = 0x2FF0; c <= 0x3100; c++) /* CJK punctuation, kana and around */
    if (c < 0x3099 || c > 0x309A)    /* lone combining marks: NFKC reorders */
      same_as_utf8proc(c);
  for (c = 0x4DF0; c <= 0xA010; c++) /* unified ideographs and edges */
    same_as_utf8proc(c);
  for (c = 0xFF00; c <= 0xFFEF; c++) /* full- and half-width forms: slow */
    same_as_utf8proc(c);
}

static void test_kana_followed_by_combining_mark_still_composes(void **state) {
  cpd__buf b = CPD__BUF_INIT;
  (void)state;
  /* か + U+3099 must become が: the mark is outside the stable set */
  assert_int_equal(cpd__text_normalize(&b, "\xe3\x81\x8b\xe3\x82\x99", 6),
                   CPD_OK);
  assert_string_equal(b.p, "\xe3\x81\x8c");
  cpd__buf_free(&b);
}

/* Whole texts of full-width forms, kana, kanji and spaces (the one-pass
 * path) against utf8proc's NFKC with the spaces folded by hand. */
static void test_full_width_texts_agree_with_utf8proc(void **state) {
  static const char *const texts[] = {
      "（株）サンプル　ＡＢＣ１２３",
      "　令和６年　４月１日　",
      "ＯＭＰ－０００１２３",
      "〒１００－０００５　東京都",
      "Ａ\xcc\x81", /* + U+0301: composes, so utf8proc decides */
      "ｶﾞｲﾄﾞ",      /* half-width katakana: utf8proc */
      "ｘ～ｙ！＠＃＄％＾＆＊",
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    cpd__buf b = CPD__BUF_INIT;
    char *ref = (char *)utf8proc_NFKC((const utf8proc_uint8_t *)texts[i]);
    char folded[256];
    size_t k = 0, j;
    int pending = 0;
    assert_non_null(ref);
    for (j = 0; ref[j]; j++) {
      if (ref[j] == ' ') {
        pending = k > 0;
        continue;
      }
      if (pending)
        folded[k++] = ' ';
      pending = 0;
      folded[k++] = ref[j];
    }
    folded[k] = '\0';
    assert_int_equal(cpd__text_normalize(&b, texts[i], strlen(texts[i])),
                     CPD_OK);
    assert_string_equal(b.p, folded);
    free(ref);
    cpd__buf_free(&b);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fast_path_agrees_with_utf8proc_on_kana_kanji_punct),
      cmocka_unit_test(test_kana_followed_by_combining_mark_still_composes),
      cmocka_unit_test(test_full_width_texts_agree_with_utf8proc),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
