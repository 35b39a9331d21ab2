/* text.c - Unicode text: UTF-8 validation, NFKC with white-space folding
 * (utf8proc, through the library's allocator), the field checks of
 * docs/RULES.md R11, and exact decimal numbers for R5. */
#include <math.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

/* Bytes of the well-formed UTF-8 sequence at s (s[0] >= 0x80, left > 0
 * bytes), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t left) {
  unsigned char c = s[0];
  if (c >= 0xC2 && c <= 0xDF)
    return left >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
      return 0;
    if (c == 0xE0 && s[1] < 0xA0) /* overlong */
      return 0;
    if (c == 0xED && s[1] >= 0xA0) /* surrogate */
      return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
        (s[3] & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && s[1] < 0x90) /* overlong */
      return 0;
    if (c == 0xF4 && s[1] >= 0x90) /* above U+10FFFF */
      return 0;
    return 4;
  }
  return 0;
}

size_t cpd__utf8_prefix(const char *str, size_t len, size_t *chars) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, n = 0, k;
  while (i < len) {
    unsigned char c = s[i];
    if (c < 0x80) {
      /* ASCII runs, the common case, without the multi-byte checks */
      do {
        if (c == 0)
          goto done;
        n++;
        if (++i == len)
          goto done;
        c = s[i];
      } while (c < 0x80);
      continue;
    }
    if (!(k = utf8_seq(s + i, len - i)))
      break;
    i += k;
    n++;
  }
done:
  if (chars)
    *chars = n;
  return i;
}

int cpd__utf8_valid(const char *str, size_t len) {
  return cpd__utf8_prefix(str, len, NULL) == len;
}

cpd_status cpd_utf8_check(size_t *valid_len, size_t *chars, const char *s,
                          size_t len) {
  size_t n;
  if (!s && len)
    return CPD_EINVAL;
  n = cpd__utf8_prefix(s ? s : "", len, chars);
  if (valid_len)
    *valid_len = n;
  return n == len ? CPD_OK : CPD_EINVAL;
}

static int is_space_cp(int32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Copy s into out with trimming and white-space runs folded to one space.
 * s is valid UTF-8. */
/* Length of the white-space character at s[i] (valid UTF-8), 0 if none.
 * Only these lead bytes can start one: ASCII, C2 (U+0085, U+00A0), E1
 * (U+1680), E2 (U+2000-200A, U+2028-2029, U+202F, U+205F), E3 (U+3000). */
static size_t space_len(const unsigned char *p, size_t i, size_t len) {
  unsigned char c = p[i];
  if (c < 0x80)
    return c == ' ' || (c >= 0x09 && c <= 0x0D);
  if (c == 0xC2 && i + 1 < len)
    return p[i + 1] == 0x85 || p[i + 1] == 0xA0 ? 2 : 0;
  if (c >= 0xE1 && c <= 0xE3 && i + 2 < len) {
    int32_t cp = (int32_t)(((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) |
                           (p[i + 2] & 0x3F));
    return is_space_cp(cp) ? 3 : 0;
  }
  return 0;
}

/* Copy s into out with trimming and white-space runs folded to one space.
 * s is valid UTF-8.  Runs of other bytes are copied whole. */
static void fold_spaces(cpd__buf *out, const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, run;
  int pending = 0;
  out->len = 0;
  if (!cpd__buf_reserve(out, len))
    return;
  while (i < len) {
    size_t sp = space_len(p, i, len);
    if (sp) {
      pending = out->len > 0;
      i += sp;
      continue;
    }
    run = i + 1;
    while (run < len && !space_len(p, run, len))
      run++;
    if (pending)
      out->p[out->len++] = ' ';
    pending = 0;
    memcpy(out->p + out->len, s + i, run - i);
    out->len += run - i;
    i = run;
  }
  out->p[out->len] = '\0';
}

/* U+3000..U+3FFF that NFKC leaves alone and that cannot compose with what
 * follows (a bit per code point): the common CJK punctuation, 〒,
 * hiragana and katakana.  With ASCII and the unified ideographs
 * U+4E00..U+9FFF they are most Japanese text.  (test_text_fastpath checks
 * every one against utf8proc.) */
static const uint64_t cjk_stable[64] = {
    0x000000000004f026u, 0xfffffffffffffffeu, 0xfffffffe607fffffu,
    0x7fffffffffffffffu, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u, 0x0000000000000000u, 0x0000000000000000u,
    0x0000000000000000u,
};

/* What a character of valid UTF-8 at p (n bytes left) is to the fast
 * paths: its length, and its class. */
enum { C_STABLE, C_SPACE, C_FULLWIDTH, C_OTHER };
static CPD__INLINE int char_class(const unsigned char *p, size_t n,
                                  size_t *len) {
  unsigned char c = p[0];
  if (c < 0x80) {
    *len = 1;
    return c == ' ' || (c >= 0x09 && c <= 0x0D) ? C_SPACE : C_STABLE;
  }
  if (c < 0xE0 || c >= 0xF0 || n < 3) {
    *len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (*len > n)
      *len = n;
    return *len == 2 && c == 0xC2 && (p[1] == 0x85 || p[1] == 0xA0) ? C_SPACE
                                                                    : C_OTHER;
  }
  *len = 3;
  if (c >= 0xE5 && c <= 0xE9) /* U+5000..U+9FFF: ideographs */
    return C_STABLE;
  if (c == 0xE4) /* U+4000..U+4FFF: ideographs from U+4E00 */
    return p[1] >= 0xB8 ? C_STABLE : C_OTHER;
  if (c == 0xE3) {
    unsigned cp = ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (cp == 0)
      return C_SPACE; /* U+3000 */
    return cjk_stable[cp >> 6] >> (cp & 63) & 1 ? C_STABLE : C_OTHER;
  }
  if (c == 0xEF && (p[1] == 0xBC || p[1] == 0xBD)) {
    unsigned cp = 0xF000u | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return cp >= 0xFF01 && cp <= 0xFF5E ? C_FULLWIDTH : C_OTHER;
  }
  if (c == 0xE1 || c == 0xE2) {
    int32_t cp =
        (int32_t)(((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
    return is_space_cp(cp) ? C_SPACE : C_OTHER;
  }
  return C_OTHER;
}

/* Eight ASCII bytes at once: 1 when none is a control, a space or not
 * ASCII (such bytes are normal as they are, whatever is around them). */
static CPD__INLINE int plain8(const unsigned char *p) {
  uint64_t x;
  memcpy(&x, p, 8);
  return ((x | (x - UINT64_C(0x2121212121212121))) &
          UINT64_C(0x8080808080808080)) == 0;
}

/* 1 when s is already what cpd__text_normalize would make of it: no
 * leading, trailing or repeated white space, no white space but ' ', and
 * only characters NFKC leaves alone. */
static int already_normal(const char *str, size_t len) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, k;
  int prev_space = 1; /* so a leading space fails */
  while (i < len) {
    if (s[i] > ' ' && s[i] < 0x80) { /* ASCII, by eights where it can */
      i++;
      while (len - i >= 8 && plain8(s + i))
        i += 8;
      prev_space = 0;
      continue;
    }
    if (s[i] == ' ') {
      if (prev_space)
        return 0;
      prev_space = 1;
      i++;
      continue;
    }
    if (s[i] >= 0xE5 && s[i] <= 0xE9 && len - i >= 3) { /* kanji */
      prev_space = 0;
      i += 3;
      continue;
    }
    if (char_class(s + i, len - i, &k) != C_STABLE)
      return 0;
    prev_space = 0;
    i += k;
  }
  return !prev_space || len == 0;
}

int cpd__text_present(const char *str) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, len = strlen(str), k;
  while (i < len) {
    if (s[i] > ' ' && s[i] < 0x80)
      return 1;
    if (!(k = space_len(s, i, len)))
      return 1; /* a character NFKC keeps as something */
    i += k;
  }
  return 0;
}

cpd_status cpd__text_view(cpd__buf *scratch, const char *s, size_t len,
                          const char **out, size_t *outlen) {
  cpd_status st;
  if (already_normal(s, len)) {
    *out = s;
    *outlen = len;
    return CPD_OK;
  }
  st = cpd__text_normalize(scratch, s, len);
  if (st != CPD_OK)
    return st;
  *out = scratch->p ? scratch->p : "";
  *outlen = scratch->len;
  return CPD_OK;
}

/* NFKC and folding in one pass when every character is stable, white
 * space or a full-width ASCII form (U+FF01..U+FF5E, which NFKC maps to
 * U+0021..U+007E); 0, with out unspecified, when some other character
 * needs utf8proc. */
static int simple_nfkc(cpd__buf *out, const char *str, size_t len) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, k;
  int pending = 0;
  out->len = 0;
  if (!cpd__buf_reserve(out, len))
    return 1; /* out->oom tells */
  while (i < len) {
    int c = char_class(s + i, len - i, &k);
    if (c == C_OTHER)
      return 0;
    if (c == C_SPACE) {
      pending = out->len > 0;
      i += k;
      continue;
    }
    if (pending)
      out->p[out->len++] = ' ';
    pending = 0;
    if (c == C_FULLWIDTH) { /* U+FF01 + x -> '!' + x */
      unsigned cp =
          0xF000u | ((unsigned)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      out->p[out->len++] = (char)(cp - 0xFEE0u);
    } else {
      size_t j;
      for (j = 0; j < k; j++)
        out->p[out->len + j] = (char)s[i + j];
      out->len += k;
    }
    i += k;
  }
  out->p[out->len] = '\0';
  return 1;
}

/* s mapped by utf8proc with opts (decomposed, then composed and
 * re-encoded as utf8proc_map does, but in the library's allocator): the
 * UTF-8 lands in the bytes of *cps, *m of them; the caller frees *cps. */
static cpd_status utf8_map(utf8proc_int32_t **cps, utf8proc_ssize_t *m,
                           const char *s, size_t len, utf8proc_option_t opts) {
  utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)len, NULL, 0, opts);
  if (n < 0)
    return CPD_EINVAL;
  *cps = cpd__reallocarray(NULL, (size_t)n + 1, sizeof **cps);
  if (!*cps)
    return CPD_ENOMEM;
  *m = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                          *cps, n, opts);
  if (*m >= 0 && *m <= n) /* composes (utf8proc_normalize_utf32), re-encodes */
    *m = utf8proc_reencode(*cps, *m, opts);
  if (*m < 0 || *m > n * 4) {
    cpd__free(*cps);
    return CPD_EINVAL;
  }
  return CPD_OK;
}

cpd_status cpd__text_normalize(cpd__buf *out, const char *s, size_t len) {
  const utf8proc_option_t opts =
      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
  utf8proc_int32_t *cps;
  utf8proc_ssize_t m;
  cpd_status st;

  if (len > (size_t)PTRDIFF_MAX / 8)
    return CPD_EINVAL;
  if (simple_nfkc(out, s, len)) /* most text: NFKC without utf8proc */
    return out->oom ? CPD_ENOMEM : CPD_OK;
  if ((st = utf8_map(&cps, &m, s, len, opts)) != CPD_OK)
    return st;
  fold_spaces(out, (const char *)cps, (size_t)m);
  cpd__free(cps);
  return out->oom ? CPD_ENOMEM : CPD_OK;
}

cpd_status cpd__header_key(cpd__buf *out, const char *s, size_t len) {
  const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                 UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                 UTF8PROC_IGNORE;
  utf8proc_int32_t *cps;
  utf8proc_ssize_t m, i;
  cpd_status st;
  out->len = 0;
  if (len > (size_t)PTRDIFF_MAX / 8)
    return CPD_EINVAL;
  if ((st = utf8_map(&cps, &m, s, len, opts)) != CPD_OK)
    return st;
  for (i = 0; i < m; i++) {
    char c = ((const char *)cps)[i];
    if (c != ' ' && c != '\t' && c != '_' && c != '-')
      cpd__buf_addc(out, c);
  }
  cpd__free(cps);
  return cpd__buf_cstr(out) ? CPD_OK : CPD_ENOMEM;
}

/* Next code point of valid UTF-8, advancing *i; -1 at the end. */
static int32_t next_cp(const char *s, size_t len, size_t *i) {
  int32_t cp;
  utf8proc_ssize_t n;
  if (*i >= len)
    return -1;
  n = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                       (utf8proc_ssize_t)(len - *i), &cp);
  if (n <= 0) {
    *i = len;
    return 0xFFFD;
  }
  *i += (size_t)n;
  return cp;
}

int cpd__text_is_kana(const char *s, size_t len) {
  size_t i = 0;
  int32_t c;
  int any = 0;
  while ((c = next_cp(s, len, &i)) >= 0) {
    int ok = c == ' ' || (c >= 0x3041 && c <= 0x3096) || /* hiragana */
             (c >= 0x309D && c <= 0x309F) ||             /* ゝゞゟ */
             (c >= 0x30A1 && c <= 0x30FA) ||             /* katakana */
             (c >= 0x30FB && c <= 0x30FF); /* ・ ー ヽ ヾ ヿ */
    if (!ok)
      return 0;
    if (c != ' ')
      any = 1;
  }
  return any;
}

static int is_dash_cp(int32_t c) {
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 ||
         c == 0x30FC || c == 0xFE63 || c == 0xFF0D || c == 0xFF70;
}

int cpd__text_postal_code(const char *s, size_t len, char out[9]) {
  char dig[8];
  size_t i = 0, nd = 0;
  int32_t c;
  int dash_at = -1, first = 1, mark = 0;
  while ((c = next_cp(s, len, &i)) >= 0) {
    if (first && c == 0x3012) { /* 〒 */
      first = 0;
      mark = 1;
      continue;
    }
    first = 0;
    if (mark && c == ' ') { /* "〒 100-0005": one space after the mark */
      mark = 0;
      continue;
    }
    mark = 0;
    if (c >= '0' && c <= '9') {
      if (nd == 7)
        return 0;
      dig[nd++] = (char)c;
    } else if (is_dash_cp(c) && dash_at < 0) {
      dash_at = (int)nd;
    } else {
      return 0;
    }
  }
  if (nd != 7 || (dash_at >= 0 && dash_at != 3))
    return 0;
  if (out) {
    memcpy(out, dig, 3);
    out[3] = '-';
    memcpy(out + 4, dig + 3, 4);
    out[8] = '\0';
  }
  return 1;
}

int cpd__text_phone(const char *s, size_t len) {
  size_t i = 0, nd = 0;
  int32_t c;
  char first = 0;
  while ((c = next_cp(s, len, &i)) >= 0) {
    if (c == ' ' || c == '(' || c == ')' || is_dash_cp(c))
      continue;
    if (c < '0' || c > '9')
      return 0;
    if (nd == 0)
      first = (char)c;
    if (++nd > 11)
      return 0;
  }
  return (nd == 10 || nd == 11) && first == '0';
}

int cpd__text_email(const char *s, size_t len) {
  const char *at = NULL, *dom;
  size_t i, dlen;
  for (i = 0; i < len; i++) {
    if (s[i] == ' ')
      return 0;
    if (s[i] == '@') {
      if (at)
        return 0;
      at = s + i;
    }
  }
  if (!at || at == s)
    return 0;
  dom = at + 1;
  dlen = len - (size_t)(dom - s);
  if (dlen < 3 || dom[0] == '.' || dom[dlen - 1] == '.' ||
      !memchr(dom, '.', dlen))
    return 0;
  for (i = 0; i + 1 < dlen; i++)
    if (dom[i] == '.' && dom[i + 1] == '.')
      return 0;
  return 1;
}

cpd__nrc cpd__decimal_parse(const char *s, size_t len, cpd_points *out) {
  size_t i = 0, fstart, fd, sig;
  int neg = 0, nint = 0;
  long long whole = 0, frac = 0;
  if (i < len && (s[i] == '-' || s[i] == '+'))
    neg = s[i++] == '-';
  while (i < len && s[i] >= '0' && s[i] <= '9') {
    if (nint < 13)
      whole = whole * 10 + (s[i] - '0');
    nint++;
    i++;
  }
  if (nint == 0)
    return CPD__N_BAD;
  fd = sig = 0;
  fstart = i + 1;
  if (i < len && s[i] == '.') {
    for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
      fd++;
    if (fd == 0)
      return CPD__N_BAD; /* "1." */
    sig = fd;
    while (sig > 0 && s[fstart + sig - 1] == '0')
      sig--;
  }
  if (i != len)
    return CPD__N_BAD;
  if (nint > 12)
    return CPD__N_TOO_LARGE;
  if (sig > 2)
    return CPD__N_DECIMALS;
  if (sig >= 1)
    frac = (s[fstart] - '0') * 10;
  if (sig >= 2)
    frac += s[fstart + 1] - '0';
  *out = (neg ? -1 : 1) * (whole * 100 + frac);
  return CPD__N_OK;
}

cpd__nrc cpd__double_to_points(double x, cpd_points *out) {
  double scaled;
  long long n;
  if (!isfinite(x))
    return CPD__N_BAD;
  if (fabs(x) >= 1e12)
    return CPD__N_TOO_LARGE;
  scaled = x * 100.0;
  n = llround(scaled);
  /* x has at most 2 decimals exactly when it is the double nearest n/100
   * (IEEE division rounds correctly, as strtod does for the text). */
  if ((double)n / 100.0 != x)
    return CPD__N_DECIMALS;
  *out = (cpd_points)n;
  return CPD__N_OK;
}

cpd_status cpd_text_normalize(char **out, size_t *out_len, const char *text,
                              size_t len) {
  cpd__buf b = CPD__BUF_INIT;
  cpd_status st;
  if (out)
    *out = NULL;
  if (out_len)
    *out_len = 0;
  if (!out || (!text && len))
    return CPD_EINVAL;
  if (!cpd__utf8_valid(text ? text : "", len))
    return CPD_EINVAL;
  st = cpd__text_normalize(&b, text ? text : "", len);
  if (st == CPD_OK && !cpd__buf_cstr(&b))
    st = CPD_ENOMEM;
  if (st != CPD_OK) {
    cpd__buf_free(&b);
    return st;
  }
  *out = b.p;
  if (out_len)
    *out_len = b.len;
  return CPD_OK;
}
