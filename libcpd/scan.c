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
  out->max_document_bytes = 4u << 20;
  out->max_activities = 10000;
  out->max_string_bytes = 4096;
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
  size_t index;          /* array element index */
  const char *key;       /* raw (still escaped) key of the current member */
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

static int scan_fail(scanner *c, const char *code, size_t at, const char *en,
                     const char *ja) {
  char path[256];
  scan_path(c, path, sizeof path);
  cpd__error_set(c->err, code, path, (long long)(c->base + at), en, ja);
  return 0;
}

static int syntax(scanner *c, size_t at, const char *en, const char *ja) {
  return scan_fail(c, "input.syntax", at, en, ja);
}

static void skip_ws(scanner *c) {
  while (c->pos < c->len) {
    unsigned char ch = c->s[c->pos];
    if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
      break;
    c->pos++;
  }
}

static int bad_byte(scanner *c) {
  size_t at = c->pos;
  if (c->pos >= c->len)
    return syntax(c, at, "The document ends too early.",
                  "文書が途中で終わっています。");
  if (c->s[at] >= 0x80) {
    size_t n = c->len - at < 4 ? c->len - at : 4, k;
    int valid = 0;
    for (k = 2; k <= n && !valid; k++)
      valid = cpd__utf8_valid((const char *)c->s + at, k);
    if (!valid)
      return scan_fail(c, "input.invalid_utf8", at,
                       "The document holds bytes that are not valid UTF-8.",
                       "文書に UTF-8 として正しくないバイトがあります。");
  }
  return syntax(c, at, "Unexpected character: this is not valid JSON here.",
                "JSON として正しくない文字があります。");
}

/* A string at c->pos (on the opening quote).  Sets *raw and *raw_len to
 * content between the quotes. */
static int scan_string(scanner *c, const char **raw, size_t *raw_len) {
  size_t start = ++c->pos, decoded = 0;
  const unsigned char *s = c->s;
  while (c->pos < c->len) {
    unsigned char ch = s[c->pos];
    /* the common case first: a run of plain printable ASCII */
    if (ch >= 0x20 && ch < 0x80 && ch != '"' && ch != '\\') {
      size_t p = c->pos + 1;
      while (p < c->len && s[p] >= 0x20 && s[p] < 0x80 && s[p] != '"' &&
             s[p] != '\\')
        p++;
      decoded += p - c->pos;
      c->pos = p;
      continue;
    }
    /* then 3-byte UTF-8 (kana, kanji) checked in place */
    if (ch >= 0xE1 && ch <= 0xEF && ch != 0xED && c->len - c->pos >= 3 &&
        (s[c->pos + 1] & 0xC0) == 0x80 && (s[c->pos + 2] & 0xC0) == 0x80) {
      decoded += 3;
      c->pos += 3;
      continue;
    }
    if (ch == '"') {
      *raw = (const char *)s + start;
      *raw_len = c->pos - start;
      c->pos++;
      if (decoded > c->lim->max_string_bytes)
        return scan_fail(c, "input.too_large", start - 1,
                         "A text is longer than the limit for one string.",
                         "文字列が 1 項目あたりの上限を超えています。");
      return 1;
    }
    if (ch < 0x20)
      return syntax(c, c->pos,
                    "A control character inside a string must be escaped.",
                    "文字列の中に制御文字があります（エスケープが必要です）。");
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
            return syntax(c, c->pos, "A \\u escape needs 4 hex digits.",
                          "\\u エスケープには 16 進数 4 桁が必要です。");
          cp = cp * 16 + h;
        }
        if (cp == 0)
          return scan_fail(c, "input.invalid_utf8", c->pos,
                           "A string holds \\u0000, which is not allowed.",
                           "文字列に \\u0000 は使えません。");
        if (cp >= 0xDC00 && cp <= 0xDFFF)
          return scan_fail(c, "input.invalid_utf8", c->pos,
                           "A string holds a lone surrogate escape.",
                           "文字列に対になっていないサロゲートがあります。");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned long lo = 0;
          if (c->pos + 12 > c->len || s[c->pos + 6] != '\\' ||
              s[c->pos + 7] != 'u')
            return scan_fail(c, "input.invalid_utf8", c->pos,
                             "A string holds a lone surrogate escape.",
                             "文字列に対になっていないサロゲートがあります。");
          for (j = 8; j < 12; j++) {
            unsigned h = hexval(s[c->pos + (size_t)j]);
            if (h > 15)
              return syntax(c, c->pos + 6, "A \\u escape needs 4 hex digits.",
                            "\\u エスケープには 16 進数 4 桁が必要です。");
            lo = lo * 16 + h;
          }
          if (lo < 0xDC00 || lo > 0xDFFF)
            return scan_fail(c, "input.invalid_utf8", c->pos,
                             "A string holds a lone surrogate escape.",
                             "文字列に対になっていないサロゲートがあります。");
          decoded += 4;
          c->pos += 12;
        } else {
          decoded += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
          c->pos += 6;
        }
        continue;
      }
      if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' &&
          e != 'n' && e != 'r' && e != 't')
        return syntax(c, c->pos, "Unknown escape in a string.",
                      "文字列に不明なエスケープがあります。");
      decoded++;
      c->pos += 2;
      continue;
    }
    if (ch < 0x80) {
      decoded++;
      c->pos++;
      continue;
    }
    {
      size_t n = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
      if (ch < 0xC2 || ch > 0xF4 || c->pos + n > c->len ||
          !cpd__utf8_valid((const char *)s + c->pos, n))
        return scan_fail(c, "input.invalid_utf8", c->pos,
                         "A string holds bytes that are not valid UTF-8.",
                         "文字列に UTF-8 として正しくないバイトがあります。");
      decoded += n;
      c->pos += n;
    }
  }
  return syntax(c, c->len, "A string is not closed.",
                "文字列が閉じられていません。");
}

static int is_digit(unsigned char ch) { return ch >= '0' && ch <= '9'; }

static int scan_number(scanner *c) {
  size_t start = c->pos, p = c->pos;
  const unsigned char *s = c->s;
  if (p < c->len && s[p] == '-')
    p++;
  if (p >= c->len || !is_digit(s[p]))
    return syntax(c, p, "A number is not valid JSON.",
                  "数値が JSON として正しくありません。");
  if (s[p] == '0') {
    p++;
    if (p < c->len && is_digit(s[p]))
      return syntax(c, start, "A number may not have a leading zero.",
                    "数値の先頭に 0 は付けられません。");
  } else {
    while (p < c->len && is_digit(s[p]))
      p++;
  }
  if (p < c->len && s[p] == '.') {
    p++;
    if (p >= c->len || !is_digit(s[p]))
      return syntax(c, start, "A number needs digits after its decimal point.",
                    "小数点の後に数字が必要です。");
    while (p < c->len && is_digit(s[p]))
      p++;
  }
  if (p < c->len && (s[p] == 'e' || s[p] == 'E')) {
    p++;
    if (p < c->len && (s[p] == '+' || s[p] == '-'))
      p++;
    if (p >= c->len || !is_digit(s[p]))
      return syntax(c, start, "A number needs digits in its exponent.",
                    "指数部に数字が必要です。");
    while (p < c->len && is_digit(s[p]))
      p++;
  }
  if (p - start > MAX_NUMBER_CHARS)
    return scan_fail(c, "input.too_large", start,
                     "A number is written with more than 63 characters.",
                     "数値の桁数が多すぎます（63 文字まで）。");
  c->pos = p;
  return 1;
}

static int scan_literal(scanner *c, const char *lit) {
  size_t n = strlen(lit);
  if (c->len - c->pos >= n && memcmp(c->s + c->pos, lit, n) == 0) {
    c->pos += n;
    return 1;
  }
  return bad_byte(c);
}

static int scan_value(scanner *c);

static int scan_container(scanner *c) {
  int is_object = c->s[c->pos] == '{';
  frame *f;
  if (c->depth == MAX_DEPTH)
    return scan_fail(c, "input.too_deep", c->pos,
                     "The document nests deeper than 64 levels.",
                     "文書の入れ子が 64 段を超えています。");
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
    return 1;
  }
  for (;;) {
    if (is_object) {
      const char *k;
      size_t kn;
      skip_ws(c);
      f->key = NULL;
      if (c->pos >= c->len || c->s[c->pos] != '"')
        return c->pos < c->len && c->s[c->pos] < 0x80
                   ? syntax(c, c->pos, "A member name (a string) is expected.",
                            "メンバー名（文字列）が必要です。")
                   : bad_byte(c);
      if (!scan_string(c, &k, &kn))
        return 0;
      f->key = k;
      f->key_len = kn;
      skip_ws(c);
      if (c->pos >= c->len || c->s[c->pos] != ':')
        return c->pos < c->len ? syntax(c, c->pos, "':' is expected.",
                                        "':' が必要です。")
                               : bad_byte(c);
      c->pos++;
    }
    if (!scan_value(c))
      return 0;
    skip_ws(c);
    if (c->pos >= c->len)
      return bad_byte(c);
    if (c->s[c->pos] == ',') {
      c->pos++;
      f->index++;
      continue;
    }
    if (c->s[c->pos] == (is_object ? '}' : ']')) {
      c->pos++;
      c->depth--;
      return 1;
    }
    return c->s[c->pos] < 0x80
               ? syntax(c, c->pos,
                        is_object ? "',' or '}' is expected."
                                  : "',' or ']' is expected.",
                        is_object ? "',' または '}' が必要です。"
                                  : "',' または ']' が必要です。")
               : bad_byte(c);
  }
}

static int scan_value(scanner *c) {
  const char *raw;
  size_t n;
  skip_ws(c);
  if (c->pos >= c->len)
    return bad_byte(c);
  switch (c->s[c->pos]) {
  case '{':
  case '[':
    return scan_container(c);
  case '"':
    return scan_string(c, &raw, &n);
  case 't':
    return scan_literal(c, "true");
  case 'f':
    return scan_literal(c, "false");
  case 'n':
    return scan_literal(c, "null");
  default:
    if (c->s[c->pos] == '-' || is_digit(c->s[c->pos]))
      return scan_number(c);
    return bad_byte(c);
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
  cpd__path_write(&path, at);
  if (!cpd__buf_cstr(&path)) {
    cpd__buf_free(&path);
    return cpd__out_of_memory(err);
  }
  if (code == CPD__IN_NON_FINITE)
    cpd__error_set(err, "input.non_finite_number", path.p, -1,
                   "A number is too large to be finite (for example 1e999).",
                   "数値が大きすぎて有限の値になりません（例: 1e999）。");
  else
    cpd__error_set(err, "input.duplicate_key", path.p, -1,
                   "A key appears twice in one object (keys are "
                   "case-sensitive).",
                   "同じオブジェクトに同じキーが 2 回あります（大文字と小文字は"
                   "区別されます）。");
  cpd__buf_free(&path);
  return CPD_EINPUT;
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
  if (len > lim->max_document_bytes) {
    cpd__error_set(err, "input.too_large", "", (long long)lim->max_document_bytes,
                   "The document is larger than the size limit.",
                   "文書がサイズの上限を超えています。");
    return CPD_EINPUT;
  }
  if (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0)
    bom = 3;
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
    syntax(&c, c.pos,
           "There is more after the end of the document (only one JSON value "
           "is allowed).",
           "文書の終わりの後にさらに内容があります（JSON 値はひとつだけです）。");
    return CPD_EINPUT;
  }
  root = cJSON_ParseWithLengthOpts(json + bom, len - bom, &end, 0);
  if (!root) /* the pre-scan accepted it, so cJSON could only fail to allocate */
    return cpd__out_of_memory(err);
  *out = root;
  return CPD_OK;
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
  cpd__error_set(err, "input.not_object", "", bom ? 3 : 0,
                 "The document must be a JSON object.",
                 "文書は JSON オブジェクトである必要があります。");
  return CPD_EINPUT;
}
