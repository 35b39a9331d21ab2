/* text_fuzzer.c - the text layer: UTF-8 validation, NFKC normalisation with
 * white-space folding (cpd__text_normalize), the field checks of docs/RULES.md
 * R11 (cpd__text_*), exact decimals, and the JSON string and JSON Pointer
 * writers.
 *
 * Invariants: cpd__utf8_valid agrees with an independent decoder; valid
 * text always normalises, to valid UTF-8 with no white space but single
 * inner ASCII spaces, and normalising again changes nothing; a postal code
 * is echoed as NNN-NNNN and that echo passes again; an accepted phone has
 * 10 or 11 digits starting with 0; an accepted e-mail has one @ and no
 * space; a decimal written back with cpd__points_format reads back the
 * same; written JSON strings and pointer tokens decode to their input. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "internal.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

/* Next code point of valid UTF-8. */
static long next_cp(const unsigned char *s, size_t len, size_t *i) {
  unsigned c = s[*i];
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, k;
  long cp = n == 1 ? (long)c : (long)(c & (0x7F >> n));
  for (k = 1; k < n && *i + k < len; k++)
    cp = (cp << 6) | (s[*i + k] & 0x3F);
  *i += n;
  return cp;
}

static int is_white(long c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

static void check_normalized(const char *s, size_t n) {
  size_t i = 0;
  long prev = 0;
  FZ_CHECK(fz_utf8_valid(s, n), "normalised text is not valid UTF-8");
  FZ_CHECK(n == 0 || (s[0] != ' ' && s[n - 1] != ' '),
           "normalised text is not trimmed");
  while (i < n) {
    long c = next_cp((const unsigned char *)s, n, &i);
    FZ_CHECK(!is_white(c), "normalised text holds white space U+%04lX", c);
    FZ_CHECK(!(c == ' ' && prev == ' '), "normalised text holds two spaces");
    prev = c;
  }
}

static void check_fields(const char *s, size_t n) {
  char postal[9], postal2[9];
  size_t i, digits = 0, at = 0;
  cpd_points v = 0, v2 = 0;
  cpd_day day;
  char buf[32];

  (void)cpd__text_is_kana(s, n);
  if (cpd__text_postal_code(s, n, postal)) {
    FZ_CHECK(strlen(postal) == 8 && postal[3] == '-',
             "postal code echoed as %s", postal);
    for (i = 0; i < 8; i++)
      FZ_CHECK(i == 3 || (postal[i] >= '0' && postal[i] <= '9'),
               "postal code echoed as %s", postal);
    FZ_CHECK(cpd__text_postal_code(postal, 8, postal2) &&
                 strcmp(postal, postal2) == 0,
             "the echoed postal code %s does not pass again", postal);
  }
  if (cpd__text_phone(s, n)) {
    char first = 0;
    for (i = 0; i < n; i++)
      if (s[i] >= '0' && s[i] <= '9') {
        if (!digits++)
          first = s[i];
      }
    FZ_CHECK((digits == 10 || digits == 11) && first == '0',
             "phone accepted with %zu digits", digits);
  }
  if (cpd__text_email(s, n)) {
    for (i = 0; i < n; i++) {
      FZ_CHECK(s[i] != ' ', "e-mail accepted with a space");
      at += s[i] == '@';
    }
    FZ_CHECK(at == 1 && s[0] != '@', "e-mail accepted with %zu @", at);
  }
  if (cpd__decimal_parse(s, n, &v) == 0) {
    FZ_CHECK(v > -100000000000000LL && v < 100000000000000LL,
             "decimal %lld out of range", (long long)v);
    cpd__points_format(buf, sizeof buf, v);
    FZ_CHECK(cpd__decimal_parse(buf, strlen(buf), &v2) == 0 && v2 == v,
             "decimal %lld written as %s reads back as %lld", (long long)v, buf,
             (long long)v2);
  }
  /* Hours (units.c): a plain decimal reads as cpd__decimal_parse reads it;
   * a unit never makes a value out of range. */
  {
    int hd = cpd__hours_parse(s, n, &v2);
    FZ_CHECK(hd >= -3 && hd <= 0, "cpd__hours_parse returned %d", hd);
    if (cpd__decimal_parse(s, n, &v) == 0)
      FZ_CHECK(hd == 0 && v2 == v, "plain decimal %lld read as hours %lld",
               (long long)v, (long long)v2);
    if (hd == 0)
      FZ_CHECK(v2 > -100000000000000LL && v2 < 1000000000000000LL,
               "hours %lld out of range", (long long)v2);
  }
  (void)cpd__day_parse_normalized(&day, s, n);
}

static void check_writers(const char *s, size_t n) {
  cpd__buf b = CPD__BUF_INIT;
  cJSON *j;
  size_t i, k;
  char small[7];

  /* JSON string: s has no NUL (it is valid UTF-8) */
  cpd__buf_add_json_string(&b, s);
  FZ_CHECK(cpd__buf_cstr(&b), "out of memory");
  j = cJSON_Parse(b.p);
  FZ_CHECK(j && cJSON_IsString(j) && strcmp(j->valuestring, s) == 0,
           "JSON string does not decode to its input");
  cJSON_Delete(j);

  /* JSON Pointer token: ~0 ~1 decode back */
  b.len = 0;
  cpd__buf_add_pointer_token(&b, s, n);
  FZ_CHECK(cpd__buf_cstr(&b), "out of memory");
  for (i = 0, k = 0; i < b.len; i++, k++) {
    char c = b.p[i];
    FZ_CHECK(c != '/', "pointer token holds '/'");
    if (c == '~') {
      FZ_CHECK(i + 1 < b.len && (b.p[i + 1] == '0' || b.p[i + 1] == '1'),
               "bad ~ escape in a pointer token");
      c = b.p[++i] == '0' ? '~' : '/';
    }
    FZ_CHECK(k < n && s[k] == c, "pointer token does not decode");
  }
  FZ_CHECK(k == n, "pointer token does not decode");
  cpd__buf_free(&b);

  /* cut at a UTF-8 boundary */
  for (i = 1; i <= sizeof small; i++) {
    cpd__copy_utf8(small, i, s);
    FZ_CHECK(strlen(small) < i && strncmp(small, s, strlen(small)) == 0 &&
                 fz_utf8_valid(small, strlen(small)),
             "cpd__copy_utf8 cut badly");
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  cpd__buf out = CPD__BUF_INIT, again = CPD__BUF_INIT;
  cpd_status st;
  int valid = cpd__utf8_valid(s, size);
  double x;
  cpd_points p;

  FZ_CHECK(valid == fz_utf8_valid(s, size),
           "cpd__utf8_valid says %d, the reference decoder the opposite",
           valid);

  /* any 8 bytes as a double */
  if (size >= sizeof x) {
    memcpy(&x, data, sizeof x);
    if (cpd__double_to_points(x, &p) == 0)
      FZ_CHECK((double)p / 100.0 == x, "%.17g taken as %lld hundredths", x,
               (long long)p);
  }

  st = cpd__text_normalize(&out, s, size);
  if (!valid) {
    /* garbage in: refused or passed through, but no crash */
    FZ_CHECK(st == CPD_OK || st == CPD_EINVAL, "normalize status %d", (int)st);
    cpd__buf_free(&out);
    return 0;
  }
  FZ_CHECK(st == CPD_OK, "valid UTF-8 does not normalise (%d)", (int)st);
  FZ_CHECK(out.len == 0 || out.p, "no text");
  if (!out.p) {
    cpd__buf_free(&out);
    return 0;
  }
  check_normalized(out.p, out.len);
  st = cpd__text_normalize(&again, out.p, out.len);
  FZ_CHECK(st == CPD_OK && again.len == out.len &&
               (out.len == 0 || memcmp(again.p, out.p, out.len) == 0),
           "normalising twice changes the text");
  check_fields(out.p, out.len);
  check_fields(s, size); /* the checks must also survive raw text */
  check_writers(out.p, out.len);
  cpd__buf_free(&out);
  cpd__buf_free(&again);
  return 0;
}
