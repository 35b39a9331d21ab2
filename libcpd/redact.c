/* redact.c - an application document with the applicant's personal data
 * masked, so reviewers can share cases: names become initials, the address
 * its prefecture, postal code, phone and e-mail keep only a few characters.
 * Each mask works on the NFKC-normalised text (docs/RULES.md R11) and never
 * keeps more than it says; the document is read and printed by jsondoc.c
 * (cpd__json_*), everything that is not masked is kept in its order. */
#include <string.h>

#include "internal.h"

/* The 47 prefectures, matched as a prefix of the normalised address. */
/* clang-format off */
static const char *const prefectures[] = {
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
    "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
    "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
    "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
    "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
    "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
    "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"};
/* clang-format on */

/* Bytes of the UTF-8 sequence at s[0] (valid, normalised text). */
static size_t cp_len(const char *s, size_t n) {
  unsigned char c = (unsigned char)s[0];
  size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  return k < n ? k : n;
}

/* "山田 太郎" -> "山. 太.": the first character of each space-separated
 * part (normalised text has single spaces and no others), with a dot. */
static void mask_initials(cpd__buf *out, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (out->len)
      cpd__buf_addc(out, ' ');
    cpd__buf_add(out, s + i, cp_len(s + i, n - i));
    cpd__buf_addc(out, '.');
    while (i < n && s[i] != ' ')
      i++;
    if (i < n)
      i++;
  }
}

static void mask_address(cpd__buf *out, const char *s, size_t n) {
  size_t i;
  if (n == 0)
    return;
  for (i = 0; i < sizeof prefectures / sizeof prefectures[0]; i++) {
    size_t k = strlen(prefectures[i]);
    if (n >= k && memcmp(s, prefectures[i], k) == 0) {
      cpd__buf_add(out, s, k);
      return;
    }
  }
  cpd__buf_adds(out, "***");
}

/* Digits: the first keep_first and the last keep_last stay, the others
 * become '*'.  Separators stay (ASCII punctuation and spaces, 〒); any
 * other character becomes one '*'. */
static void mask_digits(cpd__buf *out, const char *s, size_t n,
                        size_t keep_first, size_t keep_last) {
  size_t i, digits = 0, seen = 0;
  for (i = 0; i < n; i++)
    digits += s[i] >= '0' && s[i] <= '9';
  for (i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    size_t k = cp_len(s + i, n - i);
    if (c >= '0' && c <= '9') {
      seen++;
      cpd__buf_addc(
          out, seen <= keep_first || seen + keep_last > digits ? (char)c : '*');
    } else if ((c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) ||
               (k == 3 && memcmp(s + i, "〒", 3) == 0)) {
      cpd__buf_add(out, s + i, k);
    } else {
      cpd__buf_addc(out, '*');
    }
    i += k;
  }
}

/* "100-0005" -> "100-****" */
static void mask_postal_code(cpd__buf *out, const char *s, size_t n) {
  mask_digits(out, s, n, 3, 0);
}

/* "03-1234-5678" -> "**-****-5678" */
static void mask_phone(cpd__buf *out, const char *s, size_t n) {
  mask_digits(out, s, n, 0, 4);
}

/* "taro@example.jp" -> "t***@example.jp"; the domain follows the last @. */
static void mask_email(cpd__buf *out, const char *s, size_t n) {
  size_t at = n;
  while (at > 0 && s[at - 1] != '@')
    at--;
  if (n == 0)
    return;
  if (at == 0) { /* no @: nothing is safe to keep */
    cpd__buf_adds(out, "***");
    return;
  }
  at--; /* on the @ */
  if (at > 0)
    cpd__buf_add(out, s, cp_len(s, at));
  cpd__buf_adds(out, "***");
  cpd__buf_add(out, s + at, n - at);
}

/* "***": nothing of the value is kept. */
static void mask_withhold(cpd__buf *out, const char *s, size_t n) {
  (void)s;
  (void)n;
  cpd__buf_adds(out, "***");
}

typedef void (*mask_fn)(cpd__buf *out, const char *s, size_t n);

static mask_fn mask_of(cpd_redaction r) {
  switch (r) {
  case CPD_REDACT_INITIALS:
    return mask_initials;
  case CPD_REDACT_PREFECTURE:
    return mask_address;
  case CPD_REDACT_POSTAL_CODE:
    return mask_postal_code;
  case CPD_REDACT_PHONE:
    return mask_phone;
  case CPD_REDACT_EMAIL:
    return mask_email;
  case CPD_REDACT_WITHHOLD:
    return mask_withhold;
  case CPD_REDACT_NONE:
    break;
  }
  return NULL;
}

/* "/applicant/name" -> "applicant", "name"; "/x" -> "x", NULL (the table's
 * pointers are short and need no unescaping). */
static void split_pointer(const char *p, char key[32], char sub[32],
                          const char **subp) {
  size_t n = strcspn(p + 1, "/");
  memcpy(key, p + 1, n < 31 ? n : 31);
  key[n < 31 ? n : 31] = '\0';
  *subp = NULL;
  if (p[1 + n] == '/') {
    cpd__copy_utf8(sub, 32, p + 2 + n);
    *subp = sub;
  }
}

/* Masks one field whose redaction is not none (the field table says
 * which and how). */
static cpd_status redact_field(cpd__json *doc, const cpd_field_info *f,
                               cpd__buf *norm, cpd__buf *masked) {
  char key[32], subbuf[32];
  const char *sub;
  cpd_value v;
  cpd_status st;
  split_pointer(f->pointer, key, subbuf, &sub);
  v = cpd__json_member(doc, key, sub);
  if (v.kind == CPD_VALUE_ABSENT)
    return CPD_OK;
  if (v.kind != CPD_VALUE_TEXT)
    return cpd__json_replace(doc, key, sub, NULL);
  st = cpd__text_normalize(norm, v.text, strlen(v.text));
  if (st != CPD_OK)
    return st;
  masked->len = 0;
  mask_of(f->redaction)(masked, norm->p, norm->len);
  if (!cpd__buf_cstr(masked))
    return CPD_ENOMEM;
  return cpd__json_replace(doc, key, sub, masked->p);
}

static cpd_status redact(cpd__json *doc, cpd__buf *norm, cpd__buf *masked) {
  size_t i;
  cpd_status st = CPD_OK;
  /* An object holding a masked field (applicant, fee) that is not an
   * object is ignored by the check (its fields count as missing) but may
   * still hold personal data: it goes whole. */
  for (i = 0; st == CPD_OK && i < CPD_FIELD_ID_COUNT; i++) {
    const cpd_field_info *f = cpd__field((cpd_field_id)i);
    char key[32], subbuf[32];
    const char *sub;
    if (f->redaction == CPD_REDACT_NONE)
      continue;
    split_pointer(f->pointer, key, subbuf, &sub);
    if (sub && cpd__json_member(doc, key, NULL).kind != CPD_VALUE_ABSENT &&
        !cpd__json_member_is_object(doc, key, NULL)) {
      st = cpd__json_replace(doc, key, NULL, NULL);
      continue;
    }
    st = redact_field(doc, f, norm, masked);
  }
  return st;
}

cpd_status cpd_redact_json(char **out, const char *json, size_t len,
                           const cpd_limits *limits, cpd_error *err) {
  cpd__json *doc = NULL;
  cpd__buf norm = CPD__BUF_INIT, masked = CPD__BUF_INIT, text = CPD__BUF_INIT;
  cpd_status st;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  st = cpd__json_parse(&doc, json, len, limits, 1, err);
  if (st != CPD_OK)
    return st;
  st = redact(doc, &norm, &masked);
  if (st == CPD_OK)
    st = cpd__json_print(&text, doc);
  if (st == CPD_OK && !cpd__buf_cstr(&text))
    st = CPD_ENOMEM;
  cpd__buf_free(&norm);
  cpd__buf_free(&masked);
  cpd__json_free(doc);
  if (st != CPD_OK) {
    /* the text was checked as UTF-8 when parsed: only memory can fail */
    cpd__buf_free(&text);
    return st == CPD_ENOMEM ? cpd__out_of_memory(err) : st;
  }
  *out = text.p;
  return CPD_OK;
}
