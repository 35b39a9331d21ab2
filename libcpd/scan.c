/* scan.c - JSON text in: the strict RFC 8259 pre-scan (grammar, depth,
 * UTF-8, escapes, string and number sizes, with byte offsets and JSON
 * Pointers), then cJSON for the tree, and the checks of the tree that
 * JSON allows but documents may not have (a key twice in one object, a
 * number too large to be finite).  With map.c, policy_load.c and
 * jsondoc.c, the only files that read cJSON trees. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_DEPTH 64
/* cJSON 1.7.15 reads a number through a 64-byte buffer: a longer number
 * token would be cut, so the pre-scan refuses it first. */
#define MAX_NUMBER_CHARS 63

int cpd__limits_resolve(cpd_limits *out, const cpd_limits *in) {
  out->version = CPD_LIMITS_VERSION;
  out->max_document_bytes = CPD_DEFAULT_MAX_DOCUMENT_BYTES;
  out->max_activities = CPD_DEFAULT_MAX_ACTIVITIES;
  out->max_string_bytes = CPD_DEFAULT_MAX_STRING_BYTES;
  if (in) {
    if (in->max_document_bytes)
      out->max_document_bytes = in->max_document_bytes;
    if (in->max_activities)
      out->max_activities = in->max_activities;
    if (in->max_string_bytes)
      out->max_string_bytes = in->max_string_bytes;
  }
  return !in || CPD__VERSION_OK(in->version, CPD_LIMITS_VERSION);
}

/* ------------------------------------------------------------ pre-scan */

typedef struct frame {
  int is_object;
  size_t index;    /* array element index */
  const char *key; /* raw (still escaped) key of the current member */
  size_t key_len;
} frame;

typedef struct scanner {
  const unsigned char *s;
  size_t len, pos, base; /* base: bytes skipped before s (BOM) */
  int depth;
  frame stack[MAX_DEPTH + 1];
  const cpd_limits *lim;
  cpd_error *err;
} scanner;

static unsigned hexval(unsigned char c) {
  if (c >= '0' && c <= '9')
    return (unsigned)(c - '0');
  if (c >= 'a' && c <= 'f')
    return (unsigned)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F')
    return (unsigned)(c - 'A' + 10);
  return 16;
}

static void add_utf8(cpd__buf *b, unsigned long cp) {
  char u[4];
  size_t n;
  if (cp < 0x80) {
    u[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  cpd__buf_add(b, u, n);
}

/* Decode a raw key that the scan has validated. */
static void add_decoded_key(cpd__buf *b, const char *k, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (k[i] != '\\') {
      cpd__buf_addc(b, k[i++]);
      continue;
    }
    i++;
    switch (k[i]) {
    case 'b':
      cpd__buf_addc(b, '\b');
      i++;
      break;
    case 'f':
      cpd__buf_addc(b, '\f');
      i++;
      break;
    case 'n':
      cpd__buf_addc(b, '\n');
      i++;
      break;
    case 'r':
      cpd__buf_addc(b, '\r');
      i++;
      break;
    case 't':
      cpd__buf_addc(b, '\t');
      i++;
      break;
    case 'u': {
      unsigned long cp = 0;
      int j;
      for (j = 1; j <= 4; j++)
        cp = cp * 16 + hexval((unsigned char)k[i + (size_t)j]);
      i += 5;
      if (cp >= 0xD800 && cp <= 0xDBFF && i + 5 < n + 1 && k[i] == '\\') {
        unsigned long lo = 0;
        for (j = 2; j <= 5; j++)
          lo = lo * 16 + hexval((unsigned char)k[i + (size_t)j]);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        i += 6;
      }
      add_utf8(b, cp);
      break;
    }
    default:
      cpd__buf_addc(b, k[i++]);
    }
  }
}

/* The JSON Pointer of where the scan stands (up to depth). */
static void scan_path(const scanner *c, char *out, size_t cap) {
  cpd__buf b = CPD__BUF_INIT;
  int i;
  for (i = 0; i < c->depth; i++) {
    const frame *f = &c->stack[i];
    if (f->is_object) {
      if (!f->key)
        break;
      cpd__buf_addc(&b, '/');
      {
        cpd__buf k = CPD__BUF_INIT;
        add_decoded_key(&k, f->key, f->key_len);
        cpd__buf_add_pointer_token(&b, k.p ? k.p : "", k.len);
        cpd__buf_free(&k);
      }
    } else {
      cpd__buf_printf(&b, "/%zu", f->index);
    }
  }
  cpd__copy_utf8(out, cap, b.oom ? "" : (cpd__buf_cstr(&b) ? b.p : ""));
  cpd__buf_free(&b);
}

/* Says what is wrong at byte at (message m) and where; returns 0. */
static int scan_fail(scanner *c, cpd__msg_id m, size_t at) {
  char path[256];
  scan_path(c, path, sizeof path);
  cpd__fail(c->err, m, path, (long long)(c->base + at));
  return 0;
}

static inline void skip_ws(scanner *c) {
  size_t p = c->pos;
  while (
      p < c->len && c->s[p] <= ' ' &&
      (c->s[p] == ' ' || c->s[p] == '\n' || c->s[p] == '\r' || c->s[p] == '\t'))
    p++;
  c->pos = p;
}

static int bad_byte(scanner *c) {
  size_t at = c->pos;
  if (c->pos >= c->len)
    return scan_fail(c, CPD__M_IN_ENDS_EARLY, at);
  if (c->s[at] >= 0x80) {
    size_t n = c->len - at < 4 ? c->len - at : 4, k;
    int valid = 0;
    for (k = 2; k <= n && !valid; k++)
      valid = cpd__utf8_valid((const char *)c->s + at, k);
    if (!valid)
      return scan_fail(c, CPD__M_IN_BAD_BYTES, at);
  }
  return scan_fail(c, CPD__M_IN_UNEXPECTED, at);
}

/* A string at c->pos (on the opening quote).  Sets *raw and *raw_len to
 * content between the quotes. */
/* Eight bytes at once: a high bit in the lane of each byte that is not
 * printable ASCII other than '"' and '\\'.  A borrow can only mark lanes
 * above a marked one, so the lowest mark is always right. */
static CPD__INLINE uint64_t special8(const unsigned char *p) {
  uint64_t x, q, b;
  memcpy(&x, p, 8);
  q = x ^ UINT64_C(0x2222222222222222);
  b = x ^ UINT64_C(0x5C5C5C5C5C5C5C5C);
  return (x | (x - UINT64_C(0x2020202020202020)) |
          (q - UINT64_C(0x0101010101010101)) |
          (b - UINT64_C(0x0101010101010101))) &
         UINT64_C(0x8080808080808080);
}

static CPD__INLINE int plain_ascii(unsigned char ch) {
  return ch >= 0x20 && ch < 0x80 && ch != '"' && ch != '\\';
}

/* 3-byte UTF-8 that needs no further check (the lead excludes overlongs
 * and surrogates: E1..EC, EE, EF). */
static const unsigned char lead3[256] = {
    [0xE1] = 1, [0xE2] = 1, [0xE3] = 1, [0xE4] = 1, [0xE5] = 1,
    [0xE6] = 1, [0xE7] = 1, [0xE8] = 1, [0xE9] = 1, [0xEA] = 1,
    [0xEB] = 1, [0xEC] = 1, [0xEE] = 1, [0xEF] = 1};

static CPD__INLINE int kana_kanji(const unsigned char *p, size_t left) {
  /* both continuation bytes 10xxxxxx: each XOR 0x80 is below 0x40 */
  return left >= 3 && lead3[p[0]] &&
         ((unsigned)(p[1] ^ 0x80) | (unsigned)(p[2] ^ 0x80)) < 0x40;
}

static int scan_string(scanner *c, const char **raw, size_t *raw_len) {
  /* decoded length = bytes read - shrink (what escapes save) */
  size_t start = ++c->pos, shrink = 0, decoded;
  const unsigned char *s = c->s;
  const size_t len = c->len;
  for (;;) {
    size_t p = c->pos;
    unsigned char ch;
    /* the common cases in a tight loop: plain ASCII eight bytes at a time,
     * and 3-byte UTF-8 (kana, kanji) checked in place */
    while (p < len) {
      if (len - p >= 8) { /* skip the plain ASCII before the first other */
        uint64_t m = special8(s + p);
        if (!m) {
          p += 8;
          continue;
        }
        p += (size_t)__builtin_ctzll(m) >> 3;
      }
      if (plain_ascii(s[p])) {
        p++;
        continue;
      }
      if (!kana_kanji(s + p, len - p))
        break;
      do /* a run of kana and kanji */
        p += 3;
      while (p < len && kana_kanji(s + p, len - p));
    }
    c->pos = p;
    if (p >= len)
      break;
    ch = s[p];
    if (ch == '"') {
      *raw = (const char *)s + start;
      *raw_len = c->pos - start;
      decoded = c->pos - start - shrink;
      c->pos++;
      if (decoded > c->lim->max_string_bytes)
        return scan_fail(c, CPD__M_IN_STRING_TOO_LONG, start - 1);
      return 1;
    }
    if (ch < 0x20)
      return scan_fail(c, CPD__M_IN_CONTROL_CHAR, c->pos);
    if (ch == '\\') {
      unsigned char e;
      if (c->pos + 1 >= c->len)
        break;
      e = s[c->pos + 1];
      if (e == 'u') {
        unsigned long cp = 0;
        int j;
        if (c->pos + 6 > c->len)
          break;
        for (j = 2; j < 6; j++) {
          unsigned h = hexval(s[c->pos + (size_t)j]);
          if (h > 15)
            return scan_fail(c, CPD__M_IN_U_ESCAPE, c->pos);
          cp = cp * 16 + h;
        }
        if (cp == 0)
          return scan_fail(c, CPD__M_IN_U0000, c->pos);
        if (cp >= 0xDC00 && cp <= 0xDFFF)
          return scan_fail(c, CPD__M_IN_LONE_SURROGATE, c->pos);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned long lo = 0;
          if (c->pos + 12 > c->len || s[c->pos + 6] != '\\' ||
              s[c->pos + 7] != 'u')
            return scan_fail(c, CPD__M_IN_LONE_SURROGATE, c->pos);
          for (j = 8; j < 12; j++) {
            unsigned h = hexval(s[c->pos + (size_t)j]);
            if (h > 15)
              return scan_fail(c, CPD__M_IN_U_ESCAPE, c->pos + 6);
            lo = lo * 16 + h;
          }
          if (lo < 0xDC00 || lo > 0xDFFF)
            return scan_fail(c, CPD__M_IN_LONE_SURROGATE, c->pos);
          shrink += 12 - 4;
          c->pos += 12;
        } else {
          shrink += 6 - (cp < 0x80 ? 1u : cp < 0x800 ? 2u : 3u);
          c->pos += 6;
        }
        continue;
      }
      if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' &&
          e != 'n' && e != 'r' && e != 't')
        return scan_fail(c, CPD__M_IN_UNKNOWN_ESCAPE, c->pos);
      shrink++;
      c->pos += 2;
      continue;
    }
    {
      size_t n = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
      if (ch < 0xC2 || ch > 0xF4 || c->pos + n > c->len ||
          !cpd__utf8_valid((const char *)s + c->pos, n))
        return scan_fail(c, CPD__M_IN_STRING_BAD_BYTES, c->pos);
      c->pos += n;
    }
  }
  return scan_fail(c, CPD__M_IN_STRING_OPEN, c->len);
}

static int is_digit(unsigned char ch) { return ch >= '0' && ch <= '9'; }

static int scan_number(scanner *c) {
  size_t start = c->pos, p = c->pos;
  const unsigned char *s = c->s;
  if (p < c->len && s[p] == '-')
    p++;
  if (p >= c->len || !is_digit(s[p]))
    return scan_fail(c, CPD__M_IN_NUMBER, p);
  if (s[p] == '0') {
    p++;
    if (p < c->len && is_digit(s[p]))
      return scan_fail(c, CPD__M_IN_LEADING_ZERO, start);
  } else {
    while (p < c->len && is_digit(s[p]))
      p++;
  }
  if (p < c->len && s[p] == '.') {
    p++;
    if (p >= c->len || !is_digit(s[p]))
      return scan_fail(c, CPD__M_IN_FRACTION_DIGITS, start);
    while (p < c->len && is_digit(s[p]))
      p++;
  }
  if (p < c->len && (s[p] == 'e' || s[p] == 'E')) {
    p++;
    if (p < c->len && (s[p] == '+' || s[p] == '-'))
      p++;
    if (p >= c->len || !is_digit(s[p]))
      return scan_fail(c, CPD__M_IN_EXPONENT_DIGITS, start);
    while (p < c->len && is_digit(s[p]))
      p++;
  }
  if (p - start > MAX_NUMBER_CHARS)
    return scan_fail(c, CPD__M_IN_NUMBER_TOO_LONG, start);
  c->pos = p;
  return 1;
}

static int scan_literal(scanner *c, const char *lit) {
  size_t n = lit[0] == 'f' ? 5 : 4;
  if (c->len - c->pos >= n && memcmp(c->s + c->pos, lit, n) == 0) {
    c->pos += n;
    return 1;
  }
  return bad_byte(c);
}

/* After an object's '{' or ',': a member name and its ':'. */
static int scan_key(scanner *c, frame *f) {
  const char *k;
  size_t kn;
  skip_ws(c);
  f->key = NULL;
  if (c->pos >= c->len || c->s[c->pos] != '"')
    return c->pos < c->len && c->s[c->pos] < 0x80
               ? scan_fail(c, CPD__M_IN_MEMBER_NAME, c->pos)
               : bad_byte(c);
  if (!scan_string(c, &k, &kn))
    return 0;
  f->key = k;
  f->key_len = kn;
  skip_ws(c);
  if (c->pos >= c->len || c->s[c->pos] != ':')
    return c->pos < c->len ? scan_fail(c, CPD__M_IN_COLON, c->pos)
                           : bad_byte(c);
  c->pos++;
  return 1;
}

/* One JSON value, containers included, without recursion: the frames of
 * the open containers are the stack (and the JSON Pointer of an error). */
static int scan_value(scanner *c) {
  const char *raw;
  size_t n;
  for (;;) {
    frame *f;
    /* a value */
    skip_ws(c);
    if (c->pos >= c->len)
      return bad_byte(c);
    switch (c->s[c->pos]) {
    case '{':
    case '[': {
      int is_object = c->s[c->pos] == '{';
      if (c->depth == MAX_DEPTH)
        return scan_fail(c, CPD__M_IN_NESTS_TOO_DEEP, c->pos);
      f = &c->stack[c->depth++];
      f->is_object = is_object;
      f->index = 0;
      f->key = NULL;
      f->key_len = 0;
      c->pos++;
      skip_ws(c);
      if (c->pos < c->len && c->s[c->pos] == (is_object ? '}' : ']')) {
        c->pos++;
        c->depth--;
        break; /* an empty container is a whole value */
      }
      if (is_object && !scan_key(c, f))
        return 0;
      continue; /* its first member's value */
    }
    case '"':
      if (!scan_string(c, &raw, &n))
        return 0;
      break;
    case 't':
      if (!scan_literal(c, "true"))
        return 0;
      break;
    case 'f':
      if (!scan_literal(c, "false"))
        return 0;
      break;
    case 'n':
      if (!scan_literal(c, "null"))
        return 0;
      break;
    default:
      if (c->s[c->pos] != '-' && !is_digit(c->s[c->pos]))
        return bad_byte(c);
      if (!scan_number(c))
        return 0;
    }
    /* after a value: the containers it closes, then the next member */
    for (;;) {
      if (c->depth == 0)
        return 1;
      f = &c->stack[c->depth - 1];
      skip_ws(c);
      if (c->pos >= c->len)
        return bad_byte(c);
      if (c->s[c->pos] == ',') {
        c->pos++;
        f->index++;
        if (f->is_object && !scan_key(c, f))
          return 0;
        break;
      }
      if (c->s[c->pos] == (f->is_object ? '}' : ']')) {
        c->pos++;
        c->depth--;
        continue;
      }
      return c->s[c->pos] < 0x80
                 ? scan_fail(c,
                             f->is_object ? CPD__M_IN_OBJECT_NEXT
                                          : CPD__M_IN_ARRAY_NEXT,
                             c->pos)
                 : bad_byte(c);
    }
  }
}

/* ------------------------------------------------------- the fast path */

/* The same verdict as the scanner above, without saying where or why:
 * every string, number, literal and bracket, in registers, with a bit per
 * open container (1: an object).  A document it accepts is valid; one it
 * refuses goes through the scanner for the error.  (fuzz/check_fuzzer.c
 * holds the two to the same answer on every input.) */

static CPD__INLINE size_t quick_ws(const unsigned char *s, size_t p,
                                   size_t len) {
  while (p < len && s[p] <= ' ' &&
         (s[p] == ' ' || s[p] == '\n' || s[p] == '\r' || s[p] == '\t'))
    p++;
  return p;
}

/* The rest of a string from p, where something other than plain ASCII or
 * kana and kanji stands: escapes, other UTF-8, errors.  start: after the
 * opening quote.  The position after the closing quote, or 0. */
static size_t quick_string_rest(const unsigned char *s, size_t start, size_t p,
                                size_t len, size_t max) {
  size_t shrink = 0;
  for (;;) {
    unsigned char ch;
    if (p >= len)
      return 0;
    ch = s[p];
    if (ch == '"')
      return p - start - shrink <= max ? p + 1 : 0;
    if (plain_ascii(ch)) {
      p++;
      continue;
    }
    if (kana_kanji(s + p, len - p)) {
      p += 3;
      continue;
    }
    if (ch < 0x20)
      return 0;
    if (ch == '\\') {
      unsigned long cp = 0;
      int j;
      if (len - p < 2)
        return 0;
      ch = s[p + 1];
      if (ch != 'u') {
        if (ch != '"' && ch != '\\' && ch != '/' && ch != 'b' && ch != 'f' &&
            ch != 'n' && ch != 'r' && ch != 't')
          return 0;
        shrink++;
        p += 2;
        continue;
      }
      if (len - p < 6)
        return 0;
      for (j = 2; j < 6; j++) {
        unsigned h = hexval(s[p + (size_t)j]);
        if (h > 15)
          return 0;
        cp = cp * 16 + h;
      }
      if (cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
        return 0;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        unsigned long lo = 0;
        if (len - p < 12 || s[p + 6] != '\\' || s[p + 7] != 'u')
          return 0;
        for (j = 8; j < 12; j++) {
          unsigned h = hexval(s[p + (size_t)j]);
          if (h > 15)
            return 0;
          lo = lo * 16 + h;
        }
        if (lo < 0xDC00 || lo > 0xDFFF)
          return 0;
        shrink += 12 - 4;
        p += 12;
      } else {
        shrink += 6 - (cp < 0x80 ? 1u : cp < 0x800 ? 2u : 3u);
        p += 6;
      }
      continue;
    }
    {
      size_t n = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
      if (ch < 0xC2 || ch > 0xF4 || len - p < n ||
          !cpd__utf8_valid((const char *)s + p, n))
        return 0;
      p += n;
    }
  }
}

/* A string's content and closing quote from p (after the opening one):
 * the position after it, or 0.  The common case inline: plain ASCII
 * eight bytes at a time, runs of kana and kanji. */
static CPD__INLINE size_t quick_string(const unsigned char *s, size_t p,
                                       size_t len, size_t max) {
  size_t start = p;
  for (;;) {
    unsigned char ch;
    while (len - p >= 8) {
      uint64_t m = special8(s + p);
      if (m) {
        p += (size_t)__builtin_ctzll(m) >> 3;
        break;
      }
      p += 8;
    }
    if (p >= len)
      return 0;
    ch = s[p];
    if (ch == '"')
      return p - start <= max ? p + 1 : 0;
    if (plain_ascii(ch)) { /* in the last 8 bytes of the document */
      p++;
      continue;
    }
    if (!kana_kanji(s + p, len - p))
      return quick_string_rest(s, start, p, len, max);
    do
      p += 3;
    while (kana_kanji(s + p, len - p));
  }
}

/* A number from p: the position after it, or 0. */
static size_t quick_number(const unsigned char *s, size_t p, size_t len) {
  size_t start = p;
  if (s[p] == '-')
    p++;
  if (p >= len || !is_digit(s[p]))
    return 0;
  if (s[p] == '0') {
    if (++p < len && is_digit(s[p]))
      return 0;
  } else {
    while (p < len && is_digit(s[p]))
      p++;
  }
  if (p < len && s[p] == '.') {
    if (++p >= len || !is_digit(s[p]))
      return 0;
    while (p < len && is_digit(s[p]))
      p++;
  }
  if (p < len && (s[p] == 'e' || s[p] == 'E')) {
    p++;
    if (p < len && (s[p] == '+' || s[p] == '-'))
      p++;
    if (p >= len || !is_digit(s[p]))
      return 0;
    while (p < len && is_digit(s[p]))
      p++;
  }
  return p - start > MAX_NUMBER_CHARS ? 0 : p;
}

int cpd__quick_valid(const unsigned char *s, size_t len, size_t max_string) {
  uint64_t objects = 0; /* bit d: the container at depth d is an object */
  int depth = 0;
  size_t p = 0;
  for (;;) {
    unsigned char ch;
    /* a value */
    p = quick_ws(s, p, len);
    if (p >= len)
      return 0;
    ch = s[p];
    if (ch == '"') {
      if (!(p = quick_string(s, p + 1, len, max_string)))
        return 0;
    } else if (ch == '{' || ch == '[') {
      if (depth == MAX_DEPTH)
        return 0;
      if (ch == '{')
        objects |= UINT64_C(1) << depth;
      else
        objects &= ~(UINT64_C(1) << depth);
      depth++;
      p = quick_ws(s, p + 1, len);
      if (p < len && s[p] == (ch == '{' ? '}' : ']')) {
        p++;
        depth--;
      } else if (ch == '{') {
        goto key;
      } else {
        continue;
      }
    } else if (ch == 't' || ch == 'n') {
      if (len - p < 4 || memcmp(s + p, ch == 't' ? "true" : "null", 4) != 0)
        return 0;
      p += 4;
    } else if (ch == 'f') {
      if (len - p < 5 || memcmp(s + p, "false", 5) != 0)
        return 0;
      p += 5;
    } else if (ch == '-' || is_digit(ch)) {
      if (!(p = quick_number(s, p, len)))
        return 0;
    } else {
      return 0;
    }
    /* after a value: the containers it closes, then the next member */
    for (;;) {
      int obj;
      p = quick_ws(s, p, len);
      if (depth == 0)
        return p == len;
      if (p >= len)
        return 0;
      obj = (int)(objects >> (depth - 1) & 1);
      if (s[p] == ',') {
        p++;
        if (obj)
          goto key;
        break;
      }
      if (s[p] != (obj ? '}' : ']'))
        return 0;
      p++;
      depth--;
    }
    continue;
  key:
    p = quick_ws(s, p, len);
    if (p >= len || s[p] != '"' ||
        !(p = quick_string(s, p + 1, len, max_string)))
      return 0;
    p = quick_ws(s, p, len);
    if (p >= len || s[p] != ':')
      return 0;
    p++;
  }
}

/* ------------------------------------------------------------ the tree */

void cpd__path_write(cpd__buf *b, const cpd__path *p) {
  if (!p)
    return;
  cpd__path_write(b, p->up);
  cpd__buf_addc(b, '/');
  if (p->key)
    cpd__buf_add_pointer_token(b, p->key, strlen(p->key));
  else
    cpd__buf_add_uint(b, p->index);
}

cpd_status cpd__tree_error(cpd_error *err, int code, const cpd__path *at) {
  cpd__buf path = CPD__BUF_INIT;
  cpd_status st;
  cpd__path_write(&path, at);
  if (!cpd__buf_cstr(&path)) {
    cpd__buf_free(&path);
    return cpd__out_of_memory(err);
  }
  st = cpd__fail(err,
                 code == CPD__IN_NON_FINITE ? CPD__M_IN_NUMBER_INFINITE
                                            : CPD__M_IN_KEY_TWICE,
                 path.p, -1);
  cpd__buf_free(&path);
  return st;
}

static int cmp_key(const void *a, const void *b) {
  return strcmp((*(const cJSON *const *)a)->string,
                (*(const cJSON *const *)b)->string);
}

const struct cJSON *cpd__object_duplicate(const struct cJSON *obj, int *nomem) {
  const cJSON *a, *b, *ch, *dup = NULL;
  const cJSON **keys;
  size_t n = 0, i;
  *nomem = 0;
  for (ch = obj->child; ch && n <= 16; ch = ch->next)
    n++;
  if (n <= 16) { /* few keys: each against those after it */
    for (a = obj->child; a; a = a->next)
      for (b = a->next; b; b = b->next)
        if (strcmp(a->string, b->string) == 0)
          return b;
    return NULL;
  }
  for (; ch; ch = ch->next)
    n++;
  keys = cpd__reallocarray(NULL, n, sizeof *keys);
  if (!keys) {
    *nomem = 1;
    return NULL;
  }
  for (i = 0, ch = obj->child; ch; ch = ch->next)
    keys[i++] = ch;
  qsort(keys, n, sizeof *keys, cmp_key);
  for (i = 1; i < n && !dup; i++)
    if (strcmp(keys[i - 1]->string, keys[i]->string) == 0)
      dup = keys[i];
  cpd__free(keys);
  return dup;
}

cpd_status cpd__tree_check(const struct cJSON *node, const cpd__path *at,
                           cpd_error *err) {
  const cJSON *ch;
  cpd__path here;
  size_t i = 0;
  if (cJSON_IsNumber(node))
    return isfinite(node->valuedouble)
               ? CPD_OK
               : cpd__tree_error(err, CPD__IN_NON_FINITE, at);
  if (cJSON_IsObject(node)) {
    int nomem;
    const cJSON *dup = cpd__object_duplicate(node, &nomem);
    if (nomem)
      return cpd__out_of_memory(err);
    if (dup) {
      here.up = at;
      here.key = dup->string;
      here.index = 0;
      return cpd__tree_error(err, CPD__IN_DUPLICATE_KEY, &here);
    }
  } else if (!cJSON_IsArray(node)) {
    return CPD_OK;
  }
  here.up = at;
  for (ch = node->child; ch; ch = ch->next, i++) {
    cpd_status st;
    here.key = cJSON_IsObject(node) ? ch->string : NULL;
    here.index = i;
    if ((st = cpd__tree_check(ch, &here, err)) != CPD_OK)
      return st;
  }
  return CPD_OK;
}

/* The whole input pipeline up to the tree: BOM, size, pre-scan, cJSON. */
cpd_status cpd__parse(struct cJSON **out, const char *json, size_t len,
                      const cpd_limits *lim, cpd_error *err) {
  scanner c;
  size_t bom = 0;
  const char *end = NULL;
  cJSON *root;

  *out = NULL;
  if (!json && len)
    return cpd__invalid_argument(err);
  if (len > lim->max_document_bytes)
    return cpd__fail(err, CPD__M_IN_DOCUMENT_TOO_LARGE, "",
                     (long long)lim->max_document_bytes);
  if (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0)
    bom = 3;
  if (!cpd__quick_valid((const unsigned char *)json + bom, len - bom,
                        lim->max_string_bytes)) { /* say what and where */
    memset(&c, 0, sizeof c);
    c.s = (const unsigned char *)json + bom;
    c.len = len - bom;
    c.base = bom;
    c.lim = lim;
    c.err = err;
    if (!scan_value(&c))
      return CPD_EINPUT;
    skip_ws(&c);
    if (c.pos != c.len) {
      scan_fail(&c, CPD__M_IN_TRAILING, c.pos);
      return CPD_EINPUT;
    }
    /* (the two agree: the fuzzers check it) */
  }
  root = cJSON_ParseWithLengthOpts(json + bom, len - bom, &end, 0);
  /* the pre-scan accepted it, so cJSON could only fail to allocate */
  if (!root)
    return cpd__out_of_memory(err);
  *out = root;
  return CPD_OK;
}

int cpd__scan_valid(const unsigned char *s, size_t len, size_t max_string) {
  scanner c;
  cpd_limits lim;
  cpd__limits_resolve(&lim, NULL);
  lim.max_string_bytes = max_string;
  memset(&c, 0, sizeof c);
  c.s = s;
  c.len = len;
  c.lim = &lim;
  if (!scan_value(&c))
    return 0;
  skip_ws(&c);
  return c.pos == c.len;
}

cpd_status cpd__parse_object(struct cJSON **out, const char *json, size_t len,
                             const cpd_limits *lim, cpd_error *err) {
  cpd_status st = cpd__parse(out, json, len, lim, err);
  if (st == CPD_OK)
    st = cpd__tree_check(*out, NULL, err);
  if (st == CPD_OK && !cJSON_IsObject(*out))
    st = cpd__not_object(err, len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0);
  if (st != CPD_OK) {
    cJSON_Delete(*out);
    *out = NULL;
  }
  return st;
}

cpd_status cpd__not_object(cpd_error *err, int bom) {
  return cpd__fail(err, CPD__M_IN_NOT_AN_OBJECT, "", bom ? 3 : 0);
}

cpd_status cpd__too_many_activities(cpd_error *err) {
  return cpd__fail(err, CPD__M_IN_TOO_MANY_ACTIVITIES,
                   cpd__field(CPD_FIELD_ID_ACTIVITIES)->pointer, -1);
}
