/* json_in.c - JSON documents in: a strict RFC 8259 pre-scan (grammar,
 * depth, UTF-8, escapes, sizes, with byte offsets), then cJSON for the
 * tree, then duplicate keys and non-finite numbers, then the mapping onto
 * the application and policy values.  With json_out.c, the only file that
 * includes cJSON. */
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

/* ------------------------------------------------------------- parsing */

static void path_push_key(cpd__buf *path, const char *key) {
  cpd__buf_addc(path, '/');
  cpd__buf_add_pointer_token(path, key, strlen(key));
}

static int cmp_key(const void *a, const void *b) {
  return strcmp((*(const cJSON *const *)a)->string,
                (*(const cJSON *const *)b)->string);
}

/* The JSON Pointer of target inside node, appended to path (error paths
 * only: the walk below does not build paths as it goes). */
static int path_to(const cJSON *node, const cJSON *target, cpd__buf *path) {
  size_t mark = path->len, i = 0;
  const cJSON *ch;
  if (node == target)
    return 1;
  for (ch = node->child; ch; ch = ch->next, i++) {
    if (cJSON_IsObject(node)) {
      path_push_key(path, ch->string);
    } else {
      cpd__buf_addc(path, '/');
      cpd__buf_add_uint(path, i);
    }
    if (path_to(ch, target, path))
      return 1;
    path->len = mark;
  }
  return 0;
}

enum { TREE_OK, TREE_DUPLICATE, TREE_NON_FINITE, TREE_NOMEM };

/* The first duplicate key (its second member) or non-finite number
 * anywhere in the tree, in document order. */
static int find_bad(const cJSON *node, const cJSON **bad) {
  size_t n = 0, i;
  const cJSON *ch;
  int r;
  if (cJSON_IsNumber(node) && !isfinite(node->valuedouble)) {
    *bad = node;
    return TREE_NON_FINITE;
  }
  if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
    return TREE_OK;
  for (ch = node->child; ch; ch = ch->next)
    n++;
  if (cJSON_IsObject(node) && n > 1) {
    const cJSON *dup = NULL;
    if (n <= 16) {
      const cJSON *a, *b;
      for (a = node->child; a && !dup; a = a->next)
        for (b = a->next; b; b = b->next)
          if (strcmp(a->string, b->string) == 0) {
            dup = b;
            break;
          }
    } else {
      const cJSON **keys = cpd__reallocarray(NULL, n, sizeof *keys);
      if (!keys)
        return TREE_NOMEM;
      for (i = 0, ch = node->child; ch; ch = ch->next)
        keys[i++] = ch;
      qsort(keys, n, sizeof *keys, cmp_key);
      for (i = 1; i < n && !dup; i++)
        if (strcmp(keys[i - 1]->string, keys[i]->string) == 0)
          dup = keys[i];
      cpd__free(keys);
    }
    if (dup) {
      *bad = dup;
      return TREE_DUPLICATE;
    }
  }
  for (ch = node->child; ch; ch = ch->next)
    if ((r = find_bad(ch, bad)) != TREE_OK)
      return r;
  return TREE_OK;
}

/* Duplicate keys and non-finite numbers anywhere in the tree. */
static cpd_status check_tree(const cJSON *root, cpd_error *err) {
  const cJSON *bad = NULL;
  cpd__buf path = CPD__BUF_INIT;
  int r = find_bad(root, &bad);
  if (r == TREE_OK)
    return CPD_OK;
  if (r == TREE_NOMEM)
    return CPD_ENOMEM;
  path_to(root, bad, &path);
  if (!cpd__buf_cstr(&path)) {
    cpd__buf_free(&path);
    return CPD_ENOMEM;
  }
  if (r == TREE_NON_FINITE)
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

/* The whole input pipeline: BOM, size, pre-scan, cJSON, tree checks. */
static cpd_status parse_document(cJSON **out, const char *json, size_t len,
                                 const cpd_limits *lim, cpd_error *err) {
  scanner c;
  size_t bom = 0;
  const char *end = NULL;
  cJSON *root;
  cpd_status st;

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
  if (!root) {
    /* the pre-scan accepted it, so cJSON could only fail to allocate */
    return cpd__out_of_memory(err);
  }
  st = check_tree(root, err);
  if (st == CPD_ENOMEM)
    cpd__out_of_memory(err);
  if (st != CPD_OK) {
    cJSON_Delete(root);
    return st;
  }
  if (!cJSON_IsObject(root)) {
    cpd__error_set(err, "input.not_object", "", (long long)bom,
                   "The document must be a JSON object.",
                   "文書は JSON オブジェクトである必要があります。");
    cJSON_Delete(root);
    return CPD_EINPUT;
  }
  *out = root;
  return CPD_OK;
}

/* ------------------------------------------------------------ application */

typedef struct mapper {
  cpd__arena arena;
  cpd__prediag *pre;
  size_t npre, cap;
  int oom;
} mapper;

static cpd_value value_of(const cJSON *j) {
  cpd_value v = CPD_ABSENT;
  if (!j)
    return v;
  if (cJSON_IsString(j)) {
    v.kind = CPD_VALUE_TEXT;
    v.text = j->valuestring;
  } else if (cJSON_IsNumber(j)) {
    v.kind = CPD_VALUE_NUMBER;
    v.number = j->valuedouble;
  } else if (cJSON_IsBool(j)) {
    v.kind = CPD_VALUE_BOOL;
    v.boolean = cJSON_IsTrue(j);
  } else if (cJSON_IsNull(j)) {
    v.kind = CPD_VALUE_NULL;
  } else {
    v.kind = CPD_VALUE_OTHER;
  }
  return v;
}

static void unknown_field(mapper *m, const char *prefix, const char *key) {
  cpd__buf b = CPD__BUF_INIT;
  char *path;
  if (m->oom)
    return;
  if (m->npre == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 8;
    cpd__prediag *np = cpd__reallocarray(m->pre, cap, sizeof *np);
    if (!np) {
      m->oom = 1;
      return;
    }
    m->pre = np;
    m->cap = cap;
  }
  cpd__buf_adds(&b, prefix);
  path_push_key(&b, key);
  path = b.oom ? NULL : cpd__arena_strndup(&m->arena, b.p, b.len);
  cpd__buf_free(&b);
  if (!path) {
    m->oom = 1;
    return;
  }
  m->pre[m->npre].code = "application.unknown_field";
  m->pre[m->npre].path = path;
  m->pre[m->npre].detail_en = NULL;
  m->pre[m->npre].detail_ja = NULL;
  m->npre++;
}

/* A known key whose value has the wrong type: a warning naming the type
 * wanted, as the field is then ignored. */
static void wrong_type(mapper *m, const char *key, const char *want_en,
                       const char *want_ja) {
  size_t before = m->npre;
  unknown_field(m, "", key);
  if (m->npre == before)
    return;
  m->pre[before].detail_en = want_en;
  m->pre[before].detail_ja = want_ja;
}

static int key_is(const cJSON *j, const char *k) {
  return strcmp(j->string, k) == 0;
}

/* A list of scalars: an array's items, or one item for a lone value. */
static const cpd_value *list_of(mapper *m, const cJSON *j, size_t *count) {
  cpd_value *items;
  const cJSON *ch;
  size_t n = 0, i = 0;
  *count = 0;
  if (!j || cJSON_IsNull(j))
    return NULL;
  if (!cJSON_IsArray(j)) {
    items = cpd__arena_alloc(&m->arena, sizeof *items);
    if (!items) {
      m->oom = 1;
      return NULL;
    }
    items[0] = value_of(j);
    *count = 1;
    return items;
  }
  for (ch = j->child; ch; ch = ch->next)
    n++;
  if (!n)
    return NULL;
  items = cpd__arena_alloc(&m->arena, n * sizeof *items);
  if (!items) {
    m->oom = 1;
    return NULL;
  }
  for (ch = j->child; ch; ch = ch->next)
    items[i++] = value_of(ch);
  *count = n;
  return items;
}

/* Scalar members: a key and where its cpd_value lives in the struct. */
typedef struct field {
  const char *key;
  size_t offset;
} field;

#define FIELD(type, key, member) {key, offsetof(type, member)}
static const field activity_fields[] = {
    FIELD(cpd_activity, "id", id),
    FIELD(cpd_activity, "category", category),
    FIELD(cpd_activity, "title", title),
    FIELD(cpd_activity, "completed_on", completed_on),
    FIELD(cpd_activity, "hours", hours),
    FIELD(cpd_activity, "points", points),
    FIELD(cpd_activity, "year", year)};
static const field top_fields[] = {
    FIELD(cpd_application, "applied_on", applied_on),
    FIELD(cpd_application, "qualification", qualification),
    FIELD(cpd_application, "oath_agreed", oath_agreed)};
static const field certification_fields[] = {
    FIELD(cpd_application, "number", certification_number),
    FIELD(cpd_application, "expires_on", expires_on)};
static const field fee_fields[] = {
    FIELD(cpd_application, "paid_on", fee_paid_on),
    FIELD(cpd_application, "payer_name", fee_payer_name)};
static const field applicant_fields[] = {
    FIELD(cpd_application, "name", applicant.name),
    FIELD(cpd_application, "name_kana", applicant.name_kana),
    FIELD(cpd_application, "company", applicant.company),
    FIELD(cpd_application, "company_kana", applicant.company_kana),
    FIELD(cpd_application, "postal_code", applicant.postal_code),
    FIELD(cpd_application, "address", applicant.address),
    FIELD(cpd_application, "phone", applicant.phone),
    FIELD(cpd_application, "mobile", applicant.mobile),
    FIELD(cpd_application, "email", applicant.email)};
#undef FIELD
#define COUNT(t) (sizeof t / sizeof t[0])

/* Stores ch when its key is in the table; 0 when it is not. */
static int map_scalar(const cJSON *ch, const field *t, size_t n, void *base) {
  size_t i;
  for (i = 0; i < n; i++)
    if (key_is(ch, t[i].key)) {
      *(cpd_value *)(void *)((char *)base + t[i].offset) = value_of(ch);
      return 1;
    }
  return 0;
}

/* A nested object of scalars ("certification", "applicant", "fee"). */
static void map_object(mapper *m, const cJSON *obj, const field *t, size_t n,
                       cpd_application *app) {
  const cJSON *ch;
  char prefix[32];
  if (!cJSON_IsObject(obj)) {
    if (!cJSON_IsNull(obj))
      wrong_type(m, obj->string, "This field must be an object; it is ignored.",
                 "この項目はオブジェクトである必要があります。無視されます。");
    return;
  }
  snprintf(prefix, sizeof prefix, "/%s", obj->string);
  for (ch = obj->child; ch; ch = ch->next)
    if (!map_scalar(ch, t, n, app))
      unknown_field(m, prefix, ch->string);
}

static void map_activity(mapper *m, const cJSON *j, size_t index,
                         cpd_activity *a) {
  const cJSON *ch;
  char prefix[48];
  memset(a, 0, sizeof *a);
  if (!cJSON_IsObject(j))
    return;
  snprintf(prefix, sizeof prefix, "/activities/%zu", index);
  for (ch = j->child; ch; ch = ch->next) {
    if (map_scalar(ch, activity_fields, COUNT(activity_fields), a))
      continue;
    if (key_is(ch, "evidence"))
      a->evidence = list_of(m, ch, &a->evidence_count);
    else if (key_is(ch, "competencies"))
      a->competencies = list_of(m, ch, &a->competency_count);
    else
      unknown_field(m, prefix, ch->string);
  }
}

static cpd_status map_application(mapper *m, const cJSON *root,
                                  cpd_application *app, const cpd_limits *lim,
                                  cpd_error *err) {
  const cJSON *ch, *sub;
  memset(app, 0, sizeof *app);
  app->version = CPD_APPLICATION_VERSION;
  for (ch = root->child; ch; ch = ch->next) {
    if (map_scalar(ch, top_fields, COUNT(top_fields), app))
      continue;
    if (key_is(ch, "certification")) {
      map_object(m, ch, certification_fields, COUNT(certification_fields), app);
    } else if (key_is(ch, "applicant")) {
      map_object(m, ch, applicant_fields, COUNT(applicant_fields), app);
    } else if (key_is(ch, "fee")) {
      map_object(m, ch, fee_fields, COUNT(fee_fields), app);
    } else if (key_is(ch, "activities")) {
      size_t n = 0, i = 0;
      cpd_activity *acts;
      if (!cJSON_IsArray(ch)) {
        if (!cJSON_IsNull(ch))
          wrong_type(m, ch->string,
                     "activities must be an array; it is ignored.",
                     "activities は配列である必要があります。無視されます。");
        continue;
      }
      for (sub = ch->child; sub; sub = sub->next)
        n++;
      if (n > lim->max_activities) {
        cpd__error_set(err, "input.too_large", "/activities", -1,
                       "There are more activities than the limit allows.",
                       "活動の件数が上限を超えています。");
        return CPD_EINPUT;
      }
      if (!n)
        continue;
      acts = cpd__arena_alloc(&m->arena, n * sizeof *acts);
      if (!acts)
        return CPD_ENOMEM;
      for (sub = ch->child; sub; sub = sub->next, i++)
        map_activity(m, sub, i, &acts[i]);
      app->activities = acts;
      app->activity_count = n;
    } else {
      unknown_field(m, "", ch->string);
    }
  }
  return m->oom ? CPD_ENOMEM : CPD_OK;
}

struct cpd_document {
  cJSON *root;
  mapper m;
  cpd_application app;
};

void cpd_document_free(cpd_document *doc) {
  if (!doc)
    return;
  cpd__free(doc->m.pre);
  cpd__arena_free(&doc->m.arena);
  cJSON_Delete(doc->root);
  cpd__free(doc);
}

cpd_status cpd_document_load_json(cpd_document **out, const char *json,
                                  size_t len, const cpd_limits *limits,
                                  cpd_error *err) {
  cpd_limits lim;
  cpd_document *doc;
  cpd_status st;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  if (!cpd__limits_resolve(&lim, limits))
    return cpd__invalid_argument(err);
  doc = cpd__calloc(1, sizeof *doc);
  if (!doc)
    return cpd__out_of_memory(err);
  st = parse_document(&doc->root, json, len, &lim, err);
  if (st == CPD_OK)
    st = map_application(&doc->m, doc->root, &doc->app, &lim, err);
  if (st != CPD_OK) {
    if (st == CPD_ENOMEM)
      cpd__out_of_memory(err);
    cpd_document_free(doc);
    return st;
  }
  *out = doc;
  return CPD_OK;
}

const cpd_application *cpd_document_application(const cpd_document *doc) {
  return doc ? &doc->app : NULL;
}

cpd_status cpd_document_evaluate(cpd_result **out, const cpd_policy *policy,
                                 const cpd_document *doc, cpd_error *err) {
  cpd__origin from;
  if (!out || !doc)
    return cpd__invalid_argument(err);
  from.pre = doc->m.pre;
  from.npre = doc->m.npre;
  return cpd__evaluate(out, policy, &doc->app, &from, err);
}

cpd_status cpd_evaluate_json_opts(cpd_result **out, const cpd_policy *policy,
                                  const char *json, size_t len,
                                  const cpd_check_options *opts,
                                  cpd_error *err) {
  cpd_document *doc = NULL;
  cpd_status st;
  char as_of[11];
  if (!out ||
      (opts && !CPD__VERSION_OK(opts->version, CPD_CHECK_OPTIONS_VERSION)))
    return cpd__invalid_argument(err);
  *out = NULL;
  st = cpd_document_load_json(&doc, json, len, opts ? opts->limits : NULL,
                              err);
  if (st == CPD_OK && opts && opts->as_of != CPD_DAY_NONE) {
    cpd_day_format(as_of, opts->as_of);
    doc->app.applied_on.kind = CPD_VALUE_TEXT;
    doc->app.applied_on.text = as_of;
  }
  if (st == CPD_OK)
    st = cpd_document_evaluate(out, policy, doc, err);
  cpd_document_free(doc);
  return st;
}

cpd_status cpd_plan_evaluate_json(cpd_plan **out, const cpd_policy *policy,
                                  const char *json, size_t len, cpd_day as_of,
                                  const cpd_limits *limits, cpd_error *err) {
  cpd_document *doc = NULL;
  cpd_status st;
  if (!out || as_of == CPD_DAY_NONE)
    return cpd__invalid_argument(err);
  *out = NULL;
  st = cpd_document_load_json(&doc, json, len, limits, err);
  if (st == CPD_OK)
    st = cpd__plan(out, policy, &doc->app, as_of,
                   &(cpd__origin){doc->m.pre, doc->m.npre}, err);
  cpd_document_free(doc);
  return st;
}

cpd_status cpd_plan_json(char **out, const cpd_policy *policy,
                         const char *json, size_t len, cpd_day as_of,
                         const cpd_limits *limits, cpd_error *err) {
  cpd_plan *plan = NULL;
  cpd_status st;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  st = cpd_plan_evaluate_json(&plan, policy, json, len, as_of, limits, err);
  if (st == CPD_OK && cpd_plan_to_json(out, plan) != CPD_OK)
    st = cpd__out_of_memory(err);
  cpd_plan_free(plan);
  return st;
}

cpd_status cpd_evaluate_json(cpd_result **out, const cpd_policy *policy,
                             const char *json, size_t len,
                             const cpd_limits *limits, cpd_error *err) {
  cpd_check_options o = CPD_CHECK_OPTIONS_INIT;
  o.limits = limits;
  return cpd_evaluate_json_opts(out, policy, json, len, &o, err);
}

cpd_status cpd_check_json_opts(char **out, const cpd_policy *policy,
                               const char *json, size_t len,
                               const cpd_check_options *opts, cpd_error *err) {
  cpd_result *r = NULL;
  cpd_status st;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  st = cpd_evaluate_json_opts(&r, policy, json, len, opts, err);
  if (st == CPD_OK && cpd_result_to_json(out, r) != CPD_OK)
    st = cpd__out_of_memory(err);
  cpd_result_free(r);
  return st;
}

cpd_status cpd_check_json(char **out, const cpd_policy *policy,
                          const char *json, size_t len,
                          const cpd_limits *limits, cpd_error *err) {
  cpd_check_options o = CPD_CHECK_OPTIONS_INIT;
  o.limits = limits;
  return cpd_check_json_opts(out, policy, json, len, &o, err);
}

/* ---------------------------------------------------------------- policy */

typedef struct ploader {
  cpd_policy *p;
  cpd_error *err;
  cpd__buf norm;
  char prefix[32]; /* "/versions/N" inside a versioned document */
} ploader;

static cpd_status pol_bad(ploader *l, const char *path, const char *en,
                          const char *ja) {
  char full[300];
  snprintf(full, sizeof full, "%s%s", l->prefix, path);
  cpd__error_set(l->err, "policy.invalid", full, -1, en, ja);
  return CPD_EPOLICY;
}

/* A whole number in [lo, hi]. */
static int pol_int(const cJSON *j, int lo, int hi, int *out) {
  cpd_points v;
  if (!cJSON_IsNumber(j) || cpd__double_to_points(j->valuedouble, &v) != 0 ||
      v % 100 != 0 || v / 100 < lo || v / 100 > hi)
    return 0;
  *out = (int)(v / 100);
  return 1;
}

/* Points in hundredths in [lo, hi]. */
static int pol_points(const cJSON *j, cpd_points lo, cpd_points hi,
                      cpd_points *out) {
  cpd_points v;
  if (!cJSON_IsNumber(j) || cpd__double_to_points(j->valuedouble, &v) != 0 ||
      v < lo || v > hi)
    return 0;
  *out = v;
  return 1;
}

static int pol_bool(const cJSON *j, int *out) {
  if (!cJSON_IsBool(j))
    return 0;
  *out = cJSON_IsTrue(j);
  return 1;
}

/* Normalised copy of a string into the policy's arena. */
/* Normalised copy of a non-empty string into the policy's arena: CPD_OK,
 * CPD_EPOLICY when j is not such a string (the caller says why and where),
 * or CPD_ENOMEM. */
static cpd_status pol_text(ploader *l, const cJSON *j, const char **out) {
  cpd_status st;
  *out = NULL;
  if (!cJSON_IsString(j))
    return CPD_EPOLICY;
  st = cpd__text_normalize(&l->norm, j->valuestring, strlen(j->valuestring));
  if (st != CPD_OK)
    return st == CPD_ENOMEM ? CPD_ENOMEM : CPD_EPOLICY;
  if (l->norm.len == 0)
    return CPD_EPOLICY;
  *out = cpd__arena_strndup(l->p->arena, l->norm.p, l->norm.len);
  return *out ? CPD_OK : CPD_ENOMEM;
}

static cpd_status pol_sections(ploader *l, const cJSON *arr) {
  const cJSON *it;
  size_t i = 0;
  char path[64];
  int seen[CPD__MAX_CATEGORIES] = {0};
  if (!cJSON_IsArray(arr))
    return pol_bad(l, "/sections", "sections must be an array.",
                   "sections は配列である必要があります。");
  for (it = arr->child; it; it = it->next, i++) {
    const cJSON *f;
    cpd__section_policy *sp = NULL;
    const char *cat;
    snprintf(path, sizeof path, "/sections/%zu", i);
    if (!cJSON_IsObject(it))
      return pol_bad(l, path, "Each section must be an object.",
                     "各 section はオブジェクトである必要があります。");
    f = cJSON_GetObjectItemCaseSensitive(it, "category");
    cat = cJSON_IsString(f) ? f->valuestring : "";
    snprintf(path, sizeof path, "/sections/%zu/category", i);
    if (strlen(cat) == 1)
      sp = (cpd__section_policy *)cpd__policy_section(l->p, cat[0]);
    if (!sp)
      return pol_bad(l, path, "A section's category must be A, B, C or D.",
                     "section の category は A・B・C・D のいずれかです。");
    if (seen[sp - l->p->sections]++)
      return pol_bad(l, path, "A category is listed twice.",
                     "同じ category が 2 回あります。");
    for (f = it->child; f; f = f->next) {
      int ok = 1;
      snprintf(path, sizeof path, "/sections/%zu/%s", i,
               strlen(f->string) < 24 ? f->string : "?");
      if (key_is(f, "category"))
        continue;
      else if (key_is(f, "per_year"))
        ok = pol_bool(f, &sp->per_year);
      else if (key_is(f, "evidence_required"))
        ok = pol_bool(f, &sp->evidence_required);
      else if (key_is(f, "form_rows"))
        ok = pol_int(f, 0, 1000, &sp->form_rows);
      else if (key_is(f, "cap")) {
        if (cJSON_IsNull(f))
          sp->cap = CPD_NO_CAP;
        else
          ok = pol_points(f, 0, 99999999, &sp->cap);
      } else
        return pol_bad(l, path, "Unknown key in a section.",
                       "section に不明なキーがあります。");
      if (!ok)
        return pol_bad(l, path,
                       "Invalid value: per_year and evidence_required are "
                       "true/false, form_rows a whole number >= 0, cap null or "
                       "a number >= 0 with at most 2 decimals.",
                       "値が正しくありません（per_year・evidence_required は "
                       "true/false、form_rows は 0 以上の整数、cap は null または"
                       " 0 以上の数値）。");
    }
  }
  return CPD_OK;
}

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static cpd_status pol_list(ploader *l, const cJSON *arr, const char *name,
                           const char *const **out, size_t *count, int sort) {
  const cJSON *it;
  size_t n = 0, i = 0, k;
  const char **items;
  char path[64];
  cpd_status st;
  if (!cJSON_IsArray(arr)) {
    snprintf(path, sizeof path, "/%s", name);
    return pol_bad(l, path, "This must be an array of strings.",
                   "文字列の配列である必要があります。");
  }
  for (it = arr->child; it; it = it->next)
    n++;
  items = cpd__arena_alloc(l->p->arena, (n ? n : 1) * sizeof *items);
  if (!items)
    return CPD_ENOMEM;
  for (it = arr->child; it; it = it->next, i++) {
    snprintf(path, sizeof path, "/%s/%zu", name, i);
    st = pol_text(l, it, &items[i]);
    if (st == CPD_ENOMEM)
      return st;
    if (st != CPD_OK)
      return pol_bad(l, path, "Each entry must be a non-empty string.",
                     "各要素は空でない文字列である必要があります。");
    for (k = 0; k < i; k++)
      if (strcmp(items[k], items[i]) == 0)
        return pol_bad(l, path, "An entry is listed twice.",
                       "同じ値が 2 回あります。");
  }
  if (sort && n)
    qsort(items, n, sizeof *items, cmp_cstr);
  *out = items;
  *count = n;
  return CPD_OK;
}

static cpd_status map_policy(ploader *l, const cJSON *root) {
  cpd_policy *p = l->p;
  const cJSON *ch;
  cpd_status st = CPD_OK;
  for (ch = root->child; ch && st == CPD_OK; ch = ch->next) {
    char path[64];
    snprintf(path, sizeof path, "/%s",
             strlen(ch->string) < 40 ? ch->string : "?");
    if (key_is(ch, "name")) {
      st = pol_text(l, ch, &p->name);
      if (st == CPD_EPOLICY)
        st = pol_bad(l, path, "name must be a non-empty string.",
                     "name は空でない文字列です。");
    } else if (key_is(ch, "effective_from")) {
      cpd_day d = 0;
      cpd_status dst = cJSON_IsString(ch) ? cpd_day_parse(&d, ch->valuestring,
                                                          strlen(ch->valuestring))
                                          : CPD_EINVAL;
      if (dst == CPD_ENOMEM)
        st = CPD_ENOMEM;
      else if (dst != CPD_OK)
        st = pol_bad(l, path, "effective_from must be a date.",
                     "effective_from は日付です。");
      else
        p->effective_from = d;
    } else if (key_is(ch, "fiscal_year_starts")) {
      const char *s = cJSON_IsString(ch) ? ch->valuestring : "";
      int mo, d;
      if (strlen(s) != 5 || s[2] != '-' || !is_digit((unsigned char)s[0]) ||
          !is_digit((unsigned char)s[1]) || !is_digit((unsigned char)s[3]) ||
          !is_digit((unsigned char)s[4]) ||
          (mo = (s[0] - '0') * 10 + (s[1] - '0')) < 1 || mo > 12 ||
          (d = (s[3] - '0') * 10 + (s[4] - '0')) < 1 ||
          d > cpd__days_in_month(2001, mo))
        st = pol_bad(l, path,
                     "fiscal_year_starts must be \"MM-DD\", a day that every "
                     "year has.",
                     "fiscal_year_starts は毎年ある日付の \"MM-DD\" です。");
      else {
        p->fy_month = mo;
        p->fy_day = d;
      }
    } else if (key_is(ch, "period_years")) {
      if (!pol_int(ch, 1, CPD__MAX_PERIOD_YEARS, &p->period_years))
        st = pol_bad(l, path, "period_years must be a whole number from 1 to 10.",
                     "period_years は 1〜10 の整数です。");
    } else if (key_is(ch, "required_points")) {
      if (!pol_points(ch, 0, 99999999, &p->required))
        st = pol_bad(l, path,
                     "required_points must be a number >= 0 with at most 2 "
                     "decimals.",
                     "required_points は 0 以上の数値（小数第2位まで）です。");
    } else if (key_is(ch, "points_per_hour")) {
      if (!pol_points(ch, 1, 999999, &p->points_per_hour))
        st = pol_bad(l, path,
                     "points_per_hour must be a number > 0 with at most 2 "
                     "decimals.",
                     "points_per_hour は 0 より大きい数値（小数第2位まで）です。");
    } else if (key_is(ch, "window")) {
      const cJSON *w;
      if (!cJSON_IsObject(ch)) {
        st = pol_bad(l, path, "window must be an object.",
                     "window はオブジェクトです。");
        continue;
      }
      for (w = ch->child; w && st == CPD_OK; w = w->next) {
        snprintf(path, sizeof path, "/window/%s",
                 strlen(w->string) < 40 ? w->string : "?");
        if (key_is(w, "opens_months_before_renewal")) {
          if (!pol_int(w, 0, 120, &p->opens_months))
            st = pol_bad(l, path, "This must be a whole number from 0 to 120.",
                         "0〜120 の整数です。");
        } else if (key_is(w, "closes_months_before_renewal")) {
          if (!pol_int(w, 0, 120, &p->closes_months))
            st = pol_bad(l, path, "This must be a whole number from 0 to 120.",
                         "0〜120 の整数です。");
        } else
          st = pol_bad(l, path, "Unknown key in window.",
                       "window に不明なキーがあります。");
      }
    } else if (key_is(ch, "sections")) {
      st = pol_sections(l, ch);
    } else if (key_is(ch, "qualifications")) {
      st = pol_list(l, ch, "qualifications", &p->qualifications,
                    &p->qualification_count, 0);
      if (st == CPD_OK && p->qualification_count == 0)
        st = pol_bad(l, path, "At least one qualification is needed.",
                     "資格が 1 つ以上必要です。");
    } else if (key_is(ch, "competencies")) {
      st = pol_list(l, ch, "competencies", &p->competencies,
                    &p->competency_count, 1);
    } else {
      st = pol_bad(l, path, "Unknown key in the policy document.",
                   "ポリシー文書に不明なキーがあります。");
    }
  }
  if (st == CPD_OK && p->closes_months >= p->opens_months)
    st = pol_bad(l, "/window",
                 "The window must open more months before renewal than it "
                 "closes (opens_months_before_renewal > "
                 "closes_months_before_renewal).",
                 "受付開始は受付終了より前である必要があります"
                 "（opens_months_before_renewal > "
                 "closes_months_before_renewal）。");
  return st;
}

/* {"versions": [ {...}, ... ]}: each version is merged over the one before
 * it (the first over the default), needs its own effective_from, and comes
 * after the one before. */
static cpd_status map_versions(ploader *l, const cJSON *root) {
  const cJSON *arr = root->child, *it;
  cpd_policy *top = l->p, *prev = l->p;
  const cpd_policy **list;
  size_t n = 0, i = 0;
  if (arr->next || !cJSON_IsArray(arr))
    return pol_bad(l, "/versions",
                   "A versioned policy holds only \"versions\": an array of "
                   "policy documents.",
                   "版付きのポリシーは \"versions\"（ポリシー文書の配列）だけを持ちます。");
  for (it = arr->child; it; it = it->next)
    n++;
  if (n == 0)
    return pol_bad(l, "/versions", "At least one version is needed.",
                   "版が 1 つ以上必要です。");
  list = cpd__arena_alloc(top->arena, n * sizeof *list);
  if (!list)
    return CPD_ENOMEM;
  for (it = arr->child; it; it = it->next, i++) {
    cpd_policy *v = cpd__arena_alloc(top->arena, sizeof *v);
    cpd_status st;
    if (!v)
      return CPD_ENOMEM;
    *v = *prev;
    v->versions = NULL;
    v->version_count = 0;
    v->effective_from = CPD_DAY_NONE;
    snprintf(l->prefix, sizeof l->prefix, "/versions/%zu", i);
    if (!cJSON_IsObject(it))
      return pol_bad(l, "", "Each version must be a policy document (an object).",
                     "各版はポリシー文書（オブジェクト）です。");
    l->p = v;
    st = map_policy(l, it);
    l->p = top;
    if (st != CPD_OK)
      return st;
    if (v->effective_from == CPD_DAY_NONE)
      return pol_bad(l, "/effective_from",
                     "Each version needs its effective_from date.",
                     "各版には effective_from（施行日）が必要です。");
    if (!cJSON_GetObjectItemCaseSensitive(it, "name")) {
      /* not the name of the version before it: name it by its date */
      char name[40], d[11];
      cpd_day_format(d, v->effective_from);
      snprintf(name, sizeof name, "from %s", d);
      v->name = cpd__arena_strndup(top->arena, name, strlen(name));
      if (!v->name)
        return CPD_ENOMEM;
    }
    list[i] = v;
    prev = v;
  }
  l->prefix[0] = '\0';
  for (i = 1; i < n; i++)
    if (list[i]->effective_from <= list[i - 1]->effective_from) {
      char path[48];
      snprintf(path, sizeof path, "/versions/%zu/effective_from", i);
      return pol_bad(l, path,
                     "Versions must be listed by effective_from, each later "
                     "than the one before.",
                     "版は effective_from の昇順（前の版より後の日付）で並べてください。");
    }
  {
    cpd__arena *arena = top->arena;
    *top = *list[n - 1]; /* the newest, for callers that ignore dates */
    top->arena = arena;
    top->versions = list;
    top->version_count = n;
  }
  return CPD_OK;
}

cpd_status cpd_policy_load_json(cpd_policy **out, const char *json, size_t len,
                                const cpd_limits *limits, cpd_error *err) {
  cpd_limits lim;
  cJSON *root = NULL;
  ploader l;
  cpd_status st;
  cpd_policy *p;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  if (!cpd__limits_resolve(&lim, limits))
    return cpd__invalid_argument(err);
  st = parse_document(&root, json, len, &lim, err);
  if (st != CPD_OK)
    return st;
  st = cpd_policy_default(&p);
  if (st == CPD_OK) {
    p->arena = cpd__calloc(1, sizeof *p->arena);
    if (!p->arena)
      st = CPD_ENOMEM;
  }
  if (st == CPD_OK) {
    memset(&l, 0, sizeof l);
    l.p = p;
    l.err = err;
    if (root->child && strcmp(root->child->string, "versions") == 0)
      st = map_versions(&l, root);
    else
      st = map_policy(&l, root);
    cpd__buf_free(&l.norm);
  }
  cJSON_Delete(root);
  if (st != CPD_OK) {
    if (st == CPD_ENOMEM)
      cpd__out_of_memory(err);
    cpd_policy_free(p);
    return st;
  }
  *out = p;
  return CPD_OK;
}

/* ---- audit and redaction documents (audit.c, redact.c) ---- */

/* A document read through the strict pipeline, for the audit roster and
 * for redaction: the cJSON tree plus replacements that the printer writes
 * in place of some members (the redaction masks), so the tree itself is
 * never edited and every replacement is allocated by cpd__malloc. */
typedef struct json_replacement {
  const cJSON *node;
  char *text; /* NULL: null */
} json_replacement;

struct cpd__json {
  cJSON *root;
  json_replacement *rep;
  size_t nrep, cap;
};

cpd_status cpd__json_parse(cpd__json **out, const char *json, size_t len,
                           const cpd_limits *limits, int application,
                           cpd_error *err) {
  cpd_limits lim;
  cJSON *root = NULL;
  cpd__json *doc;
  cpd_status st;
  if (!out || (!json && len))
    return cpd__invalid_argument(err);
  *out = NULL;
  if (!cpd__limits_resolve(&lim, limits))
    return cpd__invalid_argument(err);
  st = parse_document(&root, json ? json : "", len, &lim, err);
  if (st != CPD_OK)
    return st;
  if (application) { /* the mapping's own input errors (activity count) */
    cpd_application app;
    mapper m;
    memset(&m, 0, sizeof m);
    st = map_application(&m, root, &app, &lim, err);
    cpd__free(m.pre);
    cpd__arena_free(&m.arena);
  }
  doc = st == CPD_OK ? cpd__calloc(1, sizeof *doc) : NULL;
  if (st == CPD_OK && !doc)
    st = CPD_ENOMEM;
  if (st != CPD_OK) {
    if (st == CPD_ENOMEM)
      cpd__out_of_memory(err);
    cJSON_Delete(root);
    return st;
  }
  doc->root = root;
  *out = doc;
  return CPD_OK;
}

void cpd__json_free(cpd__json *doc) {
  size_t i;
  if (!doc)
    return;
  for (i = 0; i < doc->nrep; i++)
    cpd__free(doc->rep[i].text);
  cpd__free(doc->rep);
  cJSON_Delete(doc->root);
  cpd__free(doc);
}

static const cJSON *doc_member(const cpd__json *doc, const char *key,
                               const char *sub) {
  const cJSON *j = cJSON_GetObjectItemCaseSensitive(doc->root, key);
  if (j && sub)
    j = cJSON_IsObject(j) ? cJSON_GetObjectItemCaseSensitive(j, sub) : NULL;
  return j;
}

cpd_value cpd__json_member(const cpd__json *doc, const char *key,
                           const char *sub) {
  return value_of(doc_member(doc, key, sub));
}

int cpd__json_member_is_object(const cpd__json *doc, const char *key,
                               const char *sub) {
  return cJSON_IsObject(doc_member(doc, key, sub));
}

cpd_status cpd__json_replace(cpd__json *doc, const char *key, const char *sub,
                             const char *text) {
  const cJSON *j = doc_member(doc, key, sub);
  char *copy = NULL;
  size_t i;
  if (!j)
    return CPD_OK;
  if (text && !(copy = cpd__strndup(text, strlen(text))))
    return CPD_ENOMEM;
  for (i = 0; i < doc->nrep && doc->rep[i].node != j; i++)
    ;
  if (i == doc->cap) {
    size_t cap = doc->cap ? doc->cap * 2 : 8;
    json_replacement *nr = cpd__reallocarray(doc->rep, cap, sizeof *nr);
    if (!nr) {
      cpd__free(copy);
      return CPD_ENOMEM;
    }
    doc->rep = nr;
    doc->cap = cap;
  }
  if (i < doc->nrep)
    cpd__free(doc->rep[i].text);
  else
    doc->nrep++;
  doc->rep[i].node = j;
  doc->rep[i].text = copy;
  return CPD_OK;
}

/* The shortest of %.15g..%.17g that reads back as x. */
static void doc_number(cpd__buf *b, double x) {
  char buf[40];
  int prec;
  size_t i;
  /* (%.17g reads back as any finite double: the loop ends by break) */
  for (prec = 15; prec <= 17; prec++) { /* GCOVR_EXCL_BR_LINE */
    snprintf(buf, sizeof buf, "%.*g", prec, x);
    if (strtod(buf, NULL) == x)
      break;
  }
  for (i = 0; buf[i]; i++)
    if (buf[i] == ',') /* the decimal comma of a caller's locale */
      buf[i] = '.';
  cpd__buf_adds(b, buf);
}

static void doc_newline(cpd__buf *b, int depth) {
  int i;
  cpd__buf_addc(b, '\n');
  for (i = 0; i < depth; i++)
    cpd__buf_add(b, "  ", 2);
}

static void doc_print(cpd__buf *b, const cpd__json *doc, const cJSON *j,
                      int depth) {
  size_t i;
  for (i = 0; i < doc->nrep; i++)
    if (doc->rep[i].node == j) {
      if (doc->rep[i].text)
        cpd__buf_add_json_string(b, doc->rep[i].text);
      else
        cpd__buf_adds(b, "null");
      return;
    }
  if (cJSON_IsObject(j) || cJSON_IsArray(j)) {
    int obj = cJSON_IsObject(j);
    const cJSON *ch;
    if (!j->child) {
      cpd__buf_adds(b, obj ? "{}" : "[]");
      return;
    }
    cpd__buf_addc(b, obj ? '{' : '[');
    for (ch = j->child; ch; ch = ch->next) {
      doc_newline(b, depth + 1);
      if (obj) {
        cpd__buf_add_json_string(b, ch->string);
        cpd__buf_add(b, ": ", 2);
      }
      doc_print(b, doc, ch, depth + 1);
      if (ch->next)
        cpd__buf_addc(b, ',');
    }
    doc_newline(b, depth);
    cpd__buf_addc(b, obj ? '}' : ']');
  } else if (cJSON_IsString(j)) {
    cpd__buf_add_json_string(b, j->valuestring);
  } else if (cJSON_IsNumber(j)) {
    doc_number(b, j->valuedouble);
  } else if (cJSON_IsTrue(j)) {
    cpd__buf_adds(b, "true");
  } else if (cJSON_IsFalse(j)) {
    cpd__buf_adds(b, "false");
  } else {
    cpd__buf_adds(b, "null");
  }
}

cpd_status cpd__json_print(cpd__buf *out, const cpd__json *doc) {
  doc_print(out, doc, doc->root, 0);
  cpd__buf_addc(out, '\n');
  return out->oom ? CPD_ENOMEM : CPD_OK;
}
