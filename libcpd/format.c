/* format.c - text pieces appended to a buffer or written to an array:
 * integers, hundredths as the documents write them, doubles without the
 * caller's locale, JSON string contents and JSON Pointer tokens escaped
 * as every document of the library escapes them.  A leaf: it uses only
 * the buffer of alloc.c, so the catalogue, the scanner and every writer
 * can share it without depending on each other. */
#define _POSIX_C_SOURCE 200809L /* newlocale, uselocale */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------ numbers */

size_t cpd__utoa(char *buf, unsigned long long v) {
  char tmp[24];
  size_t n = sizeof tmp;
  do {
    tmp[--n] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  memcpy(buf, tmp + n, sizeof tmp - n);
  buf[sizeof tmp - n] = '\0';
  return sizeof tmp - n;
}

/* The loop of cpd__utoa again, not a helper shared with it: gcc then
 * copies every number of the writers through memcpy (callgrind, `cpd
 * batch` as bench/results.md measures it: +1.6k instructions an
 * application). */
void cpd__buf_add_uint(cpd__buf *b, unsigned long long v) {
  char tmp[24];
  size_t n = sizeof tmp;
  do {
    tmp[--n] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  cpd__put(b, tmp + n, sizeof tmp - n);
}

void cpd__buf_add_int(cpd__buf *b, long long v) {
  if (v < 0) {
    cpd__putc(b, '-');
    cpd__buf_add_uint(b, (unsigned long long)(-(v + 1)) + 1u);
  } else {
    cpd__buf_add_uint(b, (unsigned long long)v);
  }
}

/* Hundredths as the documents write them, right-aligned in tmp[0..32):
 * returns where the text starts.  By hand, not snprintf: this runs for
 * every number of every result. */
static size_t points_text(char tmp[32], cpd_points p) {
  unsigned long long a =
      p < 0 ? (unsigned long long)(-(p + 1)) + 1u : (unsigned long long)p;
  unsigned long long frac = a % 100, whole = a / 100;
  size_t n = 32;
  if (frac) {
    if (frac % 10)
      tmp[--n] = (char)('0' + frac % 10);
    tmp[--n] = (char)('0' + frac / 10);
    tmp[--n] = '.';
  }
  do {
    tmp[--n] = (char)('0' + whole % 10);
    whole /= 10;
  } while (whole);
  if (p < 0)
    tmp[--n] = '-';
  return n;
}

void cpd__points_format(char *buf, size_t cap, cpd_points p) {
  char tmp[32];
  size_t n = points_text(tmp, p), k = 32 - n;
  if (cap == 0)
    return;
  if (k >= cap)
    k = cap - 1; /* (ASCII: no character to keep whole) */
  memcpy(buf, tmp + n, k);
  buf[k] = '\0';
}

void cpd__buf_add_points(cpd__buf *b, cpd_points p) {
  char tmp[32];
  size_t n;
  if (p >= 0 && p < 1000 && p % 100 == 0 && b->cap - b->len > 1) {
    b->p[b->len++] = (char)('0' + p / 100); /* 0 to 9 points: one digit */
    return;
  }
  n = points_text(tmp, p);
  cpd__put(b, tmp + n, 32 - n);
}

size_t cpd_points_format(char *buf, cpd_points p) {
  if (!buf)
    return 0;
  cpd__points_format(buf, CPD_POINTS_TEXT_SIZE, p);
  return strlen(buf);
}

size_t cpd_yen_format(char *buf, long long yen) {
  char digits[24];
  unsigned long long v =
      yen < 0 ? 0ull - (unsigned long long)yen : (unsigned long long)yen;
  size_t n, i, o = 0;
  if (!buf)
    return 0;
  n = cpd__utoa(digits, v);
  if (yen < 0)
    buf[o++] = '-';
  for (i = 0; i < n; i++) {
    if (i && (n - i) % 3 == 0)
      buf[o++] = ',';
    buf[o++] = digits[i];
  }
  buf[o] = '\0';
  return o;
}

/* A "C" locale for the number text, whatever the caller's: POSIX makes it
 * the calling thread's for a moment (uselocale); the Windows C runtime has
 * no such thing, but takes a locale object in each call (_snprintf_l,
 * _strtod_l).  NUMBER_PRINT and NUMBER_READ take the object made by
 * c_locale_new (NULL if that failed: then the global locale). */
#ifdef _WIN32
typedef _locale_t c_locale;
#define c_locale_new() _create_locale(LC_NUMERIC, "C")
#define c_locale_enter(c) ((void)(c), (c_locale)0)
#define c_locale_leave(c, old) ((void)(old), _free_locale(c))
/* The C runtime writes three exponent digits ("1e+021"), C99 at least two
 * ("1e+21", as glibc): the leading zero goes. */
static void number_print(_locale_t c, char *buf, int prec, double x) {
  char *e;
  if (!c) {
    snprintf(buf, CPD__NUMBER_TEXT_SIZE, "%.*g", prec, x);
    return;
  }
  _snprintf_l(buf, CPD__NUMBER_TEXT_SIZE, "%.*g", c, prec, x);
  e = strchr(buf, 'e');
  if (e && (e[1] == '+' || e[1] == '-') && e[2] == '0' && e[3] && e[4])
    memmove(e + 2, e + 3, strlen(e + 3) + 1);
}
#define NUMBER_PRINT(c, buf, prec, x) number_print(c, buf, prec, x)
#define NUMBER_READ(c, buf) ((c) ? _strtod_l(buf, NULL, c) : strtod(buf, NULL))
#else
typedef locale_t c_locale;
#define c_locale_new() newlocale(LC_NUMERIC_MASK, "C", (locale_t)0)
#define c_locale_enter(c) uselocale(c)
#define c_locale_leave(c, old) (uselocale(old), freelocale(c))
#define NUMBER_PRINT(c, buf, prec, x)                                          \
  ((void)(c), snprintf(buf, CPD__NUMBER_TEXT_SIZE, "%.*g", prec, x))
#define NUMBER_READ(c, buf) ((void)(c), strtod(buf, NULL))
#endif

/* The shortest of %.15g..%.17g that reads back as x, in the "C" locale
 * whatever the caller's (a decimal comma would make "1,5"): integers by
 * hand, others through snprintf under a "C" locale (c_locale above). */
size_t cpd__number_format(char buf[CPD__NUMBER_TEXT_SIZE], double x) {
  c_locale c, old;
  int prec;
  if (x == 0) {
    const char *z = signbit(x) ? "-0" : "0";
    memcpy(buf, z, strlen(z) + 1);
    return strlen(buf);
  }
  if (x == floor(x) && fabs(x) < 1e15) {
    long long v = (long long)x;
    size_t n = 0;
    if (v < 0) {
      buf[n++] = '-';
      v = -v;
    }
    return n + cpd__utoa(buf + n, (unsigned long long)v);
  }
  if (!isfinite(x)) { /* (JSON has none; a C caller's) */
    const char *t = isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
    memcpy(buf, t, strlen(t) + 1);
    return strlen(buf);
  }
  c = c_locale_new();
  old = c ? c_locale_enter(c) : (c_locale)0;
  /* (%.17g reads back as any finite double: the loop ends by break) */
  for (prec = 15; prec <= 17; prec++) { /* GCOVR_EXCL_BR_LINE */
    NUMBER_PRINT(c, buf, prec, x);
    if (NUMBER_READ(c, buf) == x)
      break;
  }
  if (c) {
    c_locale_leave(c, old);
  } else {
    char *p = strchr(buf, ','); /* no locale object: mend the comma */
    if (p)
      *p = '.';
  }
  return strlen(buf);
}

/* ---------------------------------------------------------------- texts */

void cpd__copy_utf8(char *dst, size_t cap, const char *s) {
  size_t n;
  if (!dst || cap == 0)
    return;
  n = s ? strlen(s) : 0;
  if (n >= cap) {
    n = cap - 1;
    /* back up to the start of a UTF-8 sequence */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
      n--;
  }
  if (n)
    memcpy(dst, s, n);
  dst[n] = '\0';
}

void cpd__buf_add_newline(cpd__buf *b, int depth) {
  int i;
  cpd__buf_addc(b, '\n');
  for (i = 0; i < depth; i++)
    cpd__buf_add(b, "  ", 2);
}

void cpd__buf_add_pointer_token(cpd__buf *b, const char *s, size_t n) {
  size_t i, start = 0;
  for (i = 0; i < n; i++) {
    if (s[i] == '~' || s[i] == '/') {
      cpd__buf_add(b, s + start, i - start);
      cpd__buf_add(b, s[i] == '~' ? "~0" : "~1", 2);
      start = i + 1;
    }
  }
  cpd__buf_add(b, s + start, n - start);
}

/* 1 for the bytes a JSON string must escape ('"', '\\', controls, DEL);
 * 2 for the lead bytes of characters written escaped although JSON allows
 * them raw (escaped_cp says which). */
static const unsigned char must_escape[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 1,
    /* 0x80-0xFF: 0, but for these leads */
    [0xC2] = 2, [0xD8] = 2, [0xE2] = 2};

/* The character at p when it is one that a terminal or a bidirectional
 * display would act on rather than show: C1 controls (U+0080-U+009F; U+009B
 * is CSI), the Arabic letter mark U+061C, the marks U+200E-U+200F, the
 * separators and embeddings U+2028-U+202E and the isolates U+2066-U+2069.
 * The writers escape them (\u009b), the same JSON value, so that printing
 * a document cannot reorder or drive a terminal.  0: any other. */
static unsigned escaped_cp(const unsigned char *p, size_t left) {
  if (p[0] == 0xC2)
    return left >= 2 && p[1] >= 0x80 && p[1] <= 0x9F ? p[1] : 0;
  if (p[0] == 0xD8)
    return left >= 2 && p[1] == 0x9C ? 0x61C : 0;
  if (left < 3)
    return 0;
  if (p[1] == 0x80 &&
      ((p[2] >= 0x8E && p[2] <= 0x8F) || (p[2] >= 0xA8 && p[2] <= 0xAE)))
    return 0x2000u + (p[2] & 0x3Fu);
  if (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
    return 0x2040u + (p[2] & 0x3Fu);
  return 0;
}

/* The escape of cp, one of the characters must_escape and escaped_cp
 * name: JSON's two-character escape where it has one, else \uXXXX. */
static void add_escape(cpd__buf *b, unsigned cp) {
  static const char hex[] = "0123456789abcdef";
  static const char short_escape[0x60] = {
      ['"'] = '"',  ['\\'] = '\\', ['\n'] = 'n', ['\r'] = 'r',
      ['\t'] = 't', ['\b'] = 'b',  ['\f'] = 'f'};
  if (cp < sizeof short_escape && short_escape[cp]) {
    char e[2] = {'\\', short_escape[cp]};
    cpd__buf_add(b, e, 2);
  } else {
    char u[6] = {
        '\\',        'u', hex[cp >> 12], hex[cp >> 8 & 15], hex[cp >> 4 & 15],
        hex[cp & 15]};
    cpd__buf_add(b, u, 6);
  }
}

void cpd__buf_add_json_chars(cpd__buf *b, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t start = 0, i = 0;
  for (;;) {
    unsigned cp;
    while (i < n && !must_escape[p[i]])
      i++;
    if (i == n)
      break;
    cp = p[i];
    if (must_escape[cp] == 2 && (cp = escaped_cp(p + i, n - i)) == 0) {
      i++; /* the lead byte of a character written raw */
      continue;
    }
    cpd__buf_add(b, s + start, i - start);
    add_escape(b, cp);
    i += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
    start = i;
  }
  cpd__buf_add(b, s + start, n - start);
}

void cpd__buf_add_json_string(cpd__buf *b, const char *s) {
  cpd__buf_addc(b, '"');
  cpd__buf_add_json_chars(b, s, strlen(s));
  cpd__buf_addc(b, '"');
}
