/* name_match_fuzzer.c - payer names (kana.c): the fold and the match.
 *
 * The input is two names separated by the first newline; a first byte
 * 'C' asks for the second one cut (other_cut).  Invariants: a name that
 * is not UTF-8 is refused, any other folds; a key is UTF-8 and holds no
 * white space, ・, long vowel mark, hiragana, small kana, ヰ ヱ or
 * lower-case ASCII, and folding it again gives nothing longer; a name
 * matches itself exactly when its key is not empty; the match is
 * symmetric without a cut, and a cut only adds matches; the one-shot
 * calls agree with the handles. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

static void check_key(const cpd_name *n) {
  size_t len = 0, i = 0;
  const char *k = cpd_name_key(n, &len);
  FZ_CHECK(k && strlen(k) == len, "key length");
  FZ_CHECK(fz_utf8_valid(k, len), "the key is not UTF-8");
  while (i < len) {
    const unsigned char *u = (const unsigned char *)k + i;
    long c;
    size_t w = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
    c = w == 1   ? u[0]
        : w == 2 ? ((u[0] & 0x1F) << 6) | (u[1] & 0x3F)
        : w == 3 ? ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F)
                 : ((long)(u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) |
                       ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    FZ_CHECK(c != ' ' && c != 0x3000 && c != 0x30FB && c != 0x30FC &&
                 c != '.' && !(c >= 'a' && c <= 'z') &&
                 !(c >= 0x3041 && c <= 0x3096),
             "the key holds U+%04lX, which the fold takes out", c);
    FZ_CHECK(c != 0x30A1 && c != 0x30A3 && c != 0x30A5 && c != 0x30A7 &&
                 c != 0x30A9 && c != 0x30C3 && c != 0x30E3 && c != 0x30E5 &&
                 c != 0x30E7 && c != 0x30EE && c != 0x30F0 && c != 0x30F1 &&
                 c != 0x30F5 && c != 0x30F6 && !(c >= 0x31F0 && c <= 0x31FF),
             "the key holds the small kana U+%04lX", c);
    i += w;
  }
}

/* NULL for a name that is not UTF-8 (checked refused). */
static cpd_name *fold(const char *s, size_t n) {
  cpd_name *nm = NULL;
  cpd_error err;
  cpd_status st = cpd_name_new(&nm, s, n, &err);
  if (!fz_utf8_valid(s, n) || memchr(s, '\0', n)) {
    FZ_CHECK(st == CPD_EINVAL && !nm, "a name that is not UTF-8 folded");
    FZ_CHECK(strcmp(err.code, "invalid_argument") == 0, "error code %s",
             err.code);
    return NULL;
  }
  FZ_CHECK(st == CPD_OK && nm, "UTF-8 did not fold (%d)", (int)st);
  check_key(nm);
  FZ_CHECK(cpd_name_script_of(nm) <= CPD_NAME_OTHER, "script %d",
           (int)cpd_name_script_of(nm));
  {
    size_t len;
    cpd_name_key(nm, &len);
    FZ_CHECK((len == 0) == (cpd_name_script_of(nm) == CPD_NAME_EMPTY),
             "an empty key is CPD_NAME_EMPTY, and only it");
  }
  {
    size_t len, len2;
    const char *k = cpd_name_key(nm, &len);
    cpd_name *again = NULL;
    char *f = NULL;
    FZ_CHECK(cpd_name_new(&again, k, len, NULL) == CPD_OK, "key refused");
    cpd_name_key(again, &len2);
    FZ_CHECK(len2 <= len, "folding a key made it longer");
    FZ_CHECK(cpd_name_fold(&f, &len2, s, n) == CPD_OK && f && len2 == len &&
                 memcmp(f, k, len) == 0,
             "cpd_name_fold differs from cpd_name_key");
    cpd_string_free(f);
    cpd_name_free(again);
  }
  return nm;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  const char *nl;
  int cut = 0, m = -1;
  size_t alen, blen;
  const char *b;
  cpd_name *x, *y;
  if (size && s[0] == 'C') {
    cut = 1;
    s++;
    size--;
  }
  nl = memchr(s, '\n', size);
  alen = nl ? (size_t)(nl - s) : size;
  b = nl ? nl + 1 : s;
  blen = nl ? size - alen - 1 : size;
  x = fold(s, alen);
  y = fold(b, blen);
  if (x) {
    size_t len;
    cpd_name_key(x, &len);
    FZ_CHECK(cpd_name_matches(x, x, 0) == (len > 0),
             "a name does not match itself");
  }
  if (x && y) {
    int xy = cpd_name_matches(x, y, 0);
    FZ_CHECK(xy == cpd_name_matches(y, x, 0), "the match is not symmetric");
    FZ_CHECK(!xy || cpd_name_matches(x, y, 1), "a cut lost a match");
    FZ_CHECK(cpd_name_match(&m, s, alen, b, blen, cut) == CPD_OK &&
                 m == cpd_name_matches(x, y, cut),
             "cpd_name_match differs from cpd_name_matches");
    if (cpd_name_entity(x) && cpd_name_entity(y) &&
        strcmp(cpd_name_entity(x)->abbreviation,
               cpd_name_entity(y)->abbreviation) != 0)
      FZ_CHECK(!cpd_name_matches(x, y, 1), "different entities matched");
  } else {
    FZ_CHECK(cpd_name_match(&m, s, alen, b, blen, cut) == CPD_EINVAL && m == 0,
             "cpd_name_match took a name that is not UTF-8");
  }
  cpd_name_free(x);
  cpd_name_free(y);
  return 0;
}
