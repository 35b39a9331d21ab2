/* kana.c - payer names as Japanese banks write them (振込依頼人名), and
 * the matching of the name an applicant wrote against them.
 *
 * A bank's record writes the payer in half-width katakana of JIS X 0201
 * (ﾔﾏﾀﾞ ﾀﾛｳ), with small kana written large (ｷﾂｶﾜ, ｼﾞﾕﾝｲﾁ), ー as "-", and
 * legal entities abbreviated where they stand in the name: カ) before it,
 * (カ after it, (カ) inside it.  Both sides are folded to one key: NFKC,
 * hiragana to katakana, small kana to large, ヰ ヱ to イ エ, ー and the
 * dashes to "-", white space, ・ and "." left out, Latin letters upper
 * case.  A legal entity, written out (株式会社, カブシキガイシャ), as the
 * banks abbreviate it (カ), (カ, (カ)) or in kanji ((株), ㈱), is taken out
 * of the key and kept as its kind.  No I/O, no globals but the tables. */
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

struct cpd_name {
  char *key; /* folded, without the legal entity; NUL-terminated */
  size_t key_len;
  size_t key_chars; /* code points in key */
  const cpd_legal_entity *entity;
  cpd_name_script script;
};

/* The legal entities and the abbreviations banks write for them, as the
 * banks publish them for transfer names (京葉銀行「受取人名の入力」,
 * 常陽銀行「受取人名入力に関するご注意点」, after the table the banks
 * share: 法人略語).  Readings are stored folded (small kana large), as
 * the key they are compared with; test_kana checks that folding each one
 * changes nothing.  Several entities share an abbreviation (社団法人,
 * 一般社団法人, 公益社団法人: シヤ): the abbreviation is the kind. */
static const cpd_legal_entity entities[] = {
    {"カ", "株式会社", "カブシキガイシヤ", "株"},
    {"ユ", "有限会社", "ユウゲンガイシヤ", "有"},
    {"メ", "合名会社", "ゴウメイガイシヤ", "名"},
    {"シ", "合資会社", "ゴウシガイシヤ", "資"},
    {"ド", "合同会社", "ゴウドウガイシヤ", "同"},
    {"ソ", "相互会社", "ソウゴガイシヤ", ""},
    {"イ", "医療法人", "イリヨウホウジン", "医"},
    {"イ", "医療法人社団", "イリヨウホウジンシヤダン", ""},
    {"イ", "医療法人財団", "イリヨウホウジンザイダン", ""},
    {"イ", "社会医療法人", "シヤカイイリヨウホウジン", ""},
    {"ザイ", "財団法人", "ザイダンホウジン", "財"},
    {"ザイ", "一般財団法人", "イツパンザイダンホウジン", "一財"},
    {"ザイ", "公益財団法人", "コウエキザイダンホウジン", "公財"},
    {"シヤ", "社団法人", "シヤダンホウジン", "社"},
    {"シヤ", "一般社団法人", "イツパンシヤダンホウジン", "一社"},
    {"シヤ", "公益社団法人", "コウエキシヤダンホウジン", "公社"},
    {"シユウ", "宗教法人", "シユウキヨウホウジン", "宗"},
    {"ガク", "学校法人", "ガツコウホウジン", "学"},
    {"フク", "社会福祉法人", "シヤカイフクシホウジン", "福"},
    {"ホゴ", "更生保護法人", "コウセイホゴホウジン", ""},
    {"トクヒ", "特定非営利活動法人", "トクテイヒエイリカツドウホウジン",
     "特非"},
    {"ドク", "独立行政法人", "ドクリツギヨウセイホウジン", "独"},
    {"チドク", "地方独立行政法人", "チホウドクリツギヨウセイホウジン", ""},
    {"ベン", "弁護士法人", "ベンゴシホウジン", "弁"},
    {"チユウ", "有限責任中間法人", "ユウゲンセキニンチユウカンホウジン", ""},
    {"チユウ", "無限責任中間法人", "ムゲンセキニンチユウカンホウジン", ""},
    {"ギヨ", "行政書士法人", "ギヨウセイシヨシホウジン", ""},
    {"シホウ", "司法書士法人", "シホウシヨシホウジン", ""},
    {"ゼイ", "税理士法人", "ゼイリシホウジン", "税"},
    {"ダイ", "国立大学法人", "コクリツダイガクホウジン", ""},
    {"ダイ", "公立大学法人", "コウリツダイガクホウジン", ""},
    {"ノウ", "農事組合法人", "ノウジクミアイホウジン", ""},
    {"カンリ", "管理組合法人", "カンリクミアイホウジン", ""},
    {"ロウム", "社会保険労務士法人", "シヤカイホケンロウムシホウジン", ""},
};
#define ENTITY_COUNT (sizeof entities / sizeof entities[0])

/* A cut name (the bank's fixed-width field filled to its end) matches the
 * start of a longer one only when this much of it is left: a short prefix
 * would match too many names. */
#define CUT_MIN_CHARS 8

size_t cpd_legal_entity_count(void) { return ENTITY_COUNT; }

const cpd_legal_entity *cpd_legal_entity_at(size_t i) {
  return i < ENTITY_COUNT ? &entities[i] : NULL;
}

static cpd_status name_error(cpd_error *err) {
  return cpd__fail(err, CPD__M_ARG_NAME_NOT_UTF8, "", -1);
}

/* ------------------------------------------------------- the character fold */

/* Small kana to large (katakana, after hiragana became katakana). */
static int32_t large_kana(int32_t c) {
  static const int32_t ext[16] = {
      /* U+31F0..U+31FF, small ㇰ..ㇿ */
      0x30AF, 0x30B7, 0x30B9, 0x30C8, 0x30CC, 0x30CF, 0x30D2, 0x30D5,
      0x30D8, 0x30DB, 0x30E0, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED};
  switch (c) {
  case 0x30A1: /* ァィゥェォ: the large one follows each */
  case 0x30A3:
  case 0x30A5:
  case 0x30A7:
  case 0x30A9:
  case 0x30C3: /* ッ */
  case 0x30E3: /* ャュョ */
  case 0x30E5:
  case 0x30E7:
  case 0x30EE: /* ヮ */
    return c + 1;
  case 0x30F5: /* ヵ */
    return 0x30AB;
  case 0x30F6: /* ヶ */
    return 0x30B1;
  case 0x30F0: /* ヰ ヱ: not in JIS X 0201, banks write イ エ */
    return 0x30A4;
  case 0x30F1:
    return 0x30A8;
  default:
    return c >= 0x31F0 && c <= 0x31FF ? ext[c - 0x31F0] : c;
  }
}

/* The long vowel mark and the dashes and hyphens a name may be typed
 * with (after NFKC: ｰ is ー, － and ﹣ are "-"). */
static int is_dash(int32_t c) {
  return c == '-' || c == 0x30FC || (c >= 0x2010 && c <= 0x2015) ||
         c == 0x2212 || c == 0x2043;
}

/* What a bank leaves out of a name (or writes as a space): white space
 * (one ASCII space after NFKC), ・, ".", "、" and "。". */
static int is_left_out(int32_t c) {
  return c == ' ' || c == 0x30FB || c == '.' || c == 0x3001 || c == 0x3002;
}

/* One code point of NFKC text, folded; -1 when it is left out. */
static int32_t fold_cp(int32_t c) {
  if (is_left_out(c))
    return -1;
  if (c >= 0x3041 && c <= 0x3096) /* hiragana to katakana */
    c += 0x60;
  else if (c == 0x309D || c == 0x309E) /* ゝ ゞ */
    c += 0x60;
  if (is_dash(c))
    return '-';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 'A';
  if (c >= 0x80 && c < 0x3000) /* other letters: upper case */
    return utf8proc_toupper(c);
  return large_kana(c);
}

/* The folded text of s[0..len) (valid UTF-8) as UTF-8 in *out.  The voiced
 * marks that NFKC leaves apart (the old ゛ is a space and U+3099) are
 * composed again once the space is gone: ヒ゛ is ビ. */
static cpd_status fold_text(cpd__buf *out, const char *s, size_t len) {
  cpd__buf nfkc = CPD__BUF_INIT;
  utf8proc_int32_t *cps = NULL;
  utf8proc_ssize_t n = 0, i;
  size_t at = 0;
  cpd_status st = cpd__text_normalize(&nfkc, s, len);
  if (st != CPD_OK) {
    cpd__buf_free(&nfkc);
    return st;
  }
  if (nfkc.len) {
    cps = cpd__reallocarray(NULL, nfkc.len + 1, sizeof *cps);
    if (!cps) {
      cpd__buf_free(&nfkc);
      return CPD_ENOMEM;
    }
    while (at < nfkc.len) {
      utf8proc_int32_t c;
      utf8proc_ssize_t k =
          utf8proc_iterate((const utf8proc_uint8_t *)nfkc.p + at,
                           (utf8proc_ssize_t)(nfkc.len - at), &c);
      int32_t f;
      if (k <= 0) { /* (NFKC of valid UTF-8 is valid) */
        cpd__free(cps);
        cpd__buf_free(&nfkc);
        return CPD_EINVAL;
      }
      at += (size_t)k;
      f = fold_cp(c);
      if (f >= 0)
        cps[n++] = f;
    }
  }
  cpd__buf_free(&nfkc);
  if (n > 0)
    n = utf8proc_normalize_utf32(cps, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  out->len = 0;
  if (!cpd__buf_reserve(out, (size_t)(n > 0 ? n : 0) * 4 + 1)) {
    cpd__free(cps);
    return CPD_ENOMEM;
  }
  for (i = 0; i < n; i++)
    out->len += (size_t)utf8proc_encode_char(
        cps[i], (utf8proc_uint8_t *)out->p + out->len);
  out->p[out->len] = '\0';
  cpd__free(cps);
  return CPD_OK;
}

/* ------------------------------------------------------ the legal entities */

/* The entity whose abbreviation (kana, or kanji as in (株)) t[0..n) is. */
static const cpd_legal_entity *entity_by_abbreviation(const char *t, size_t n) {
  size_t i;
  if (n == 0)
    return NULL;
  for (i = 0; i < ENTITY_COUNT; i++) {
    const cpd_legal_entity *e = &entities[i];
    if ((strlen(e->abbreviation) == n && memcmp(e->abbreviation, t, n) == 0) ||
        (strlen(e->kanji_abbreviation) == n &&
         memcmp(e->kanji_abbreviation, t, n) == 0))
      return e;
  }
  return NULL;
}

/* The longest entity written out (its kanji name or its folded reading)
 * at s[0..n); *len its length. */
static const cpd_legal_entity *entity_written_out(const char *s, size_t n,
                                                  size_t *len) {
  const cpd_legal_entity *best = NULL;
  size_t i;
  *len = 0;
  for (i = 0; i < ENTITY_COUNT; i++) {
    const char *forms[2];
    size_t k;
    forms[0] = entities[i].name;
    forms[1] = entities[i].reading;
    for (k = 0; k < 2; k++) {
      size_t l = strlen(forms[k]);
      if (l > *len && l <= n && memcmp(s, forms[k], l) == 0) {
        best = &entities[i];
        *len = l;
      }
    }
  }
  return best;
}

/* Up to this many bytes between the parentheses of an abbreviation (the
 * longest, 特非 or トクヒ, is 9). */
#define ABBREVIATION_MAX 12

typedef struct cut {
  size_t from, to; /* bytes [from, to) of the folded text */
} cut;

/* Finds the legal entities of the folded text s[0..n): the first one
 * found (by place in the text) in *first, and the bytes to leave out of
 * the key, at most cap of them, in cuts (sorted, not overlapping).
 * Returns how many. */
static size_t find_entities(const char *s, size_t n, cut *cuts, size_t cap,
                            const cpd_legal_entity **first) {
  size_t i = 0, count = 0, first_at = (size_t)-1;
  *first = NULL;
  while (i < n && count < cap) {
    const cpd_legal_entity *e = NULL;
    size_t from = i, to = i, len;
    if (s[i] == '(') { /* (カ) anywhere, (カ at the end */
      const char *close = memchr(s + i + 1, ')', n - i - 1);
      size_t end = close ? (size_t)(close - s) : n;
      if (end - i - 1 <= ABBREVIATION_MAX)
        e = entity_by_abbreviation(s + i + 1, end - i - 1);
      if (e)
        to = close ? end + 1 : n;
    } else if (i == 0) { /* カ) at the start */
      const char *close =
          memchr(s, ')', n < ABBREVIATION_MAX + 1 ? n : ABBREVIATION_MAX + 1);
      if (close && (e = entity_by_abbreviation(s, (size_t)(close - s))) != NULL)
        to = (size_t)(close - s) + 1;
    }
    if (!e && (e = entity_written_out(s + i, n - i, &len)) != NULL) {
      to = i + len;
      /* written out inside parentheses: (株式会社) */
      if (i > 0 && s[i - 1] == '(' && to < n && s[to] == ')') {
        from = i - 1;
        to++;
      }
    }
    if (e) {
      if (count && from < cuts[count - 1].to) /* "((株式会社)" */
        from = cuts[count - 1].to;
      cuts[count].from = from;
      cuts[count].to = to;
      count++;
      if (from < first_at) {
        first_at = from;
        *first = e;
      }
      i = to;
      continue;
    }
    /* next code point */
    i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
      i++;
  }
  return count;
}

/* How the key is written: kana as a bank writes names (katakana, the
 * voiced marks, printable ASCII and ¥, with at least one katakana), Latin
 * (printable ASCII with a letter or digit), or anything else. */
static cpd_name_script script_of(const char *s, size_t n) {
  size_t at = 0;
  int katakana = 0, alnum = 0;
  if (n == 0)
    return CPD_NAME_EMPTY;
  while (at < n) {
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + at,
                                          (utf8proc_ssize_t)(n - at), &c);
    if (k <= 0)
      return CPD_NAME_OTHER;
    at += (size_t)k;
    if (c >= 0x30A1 && c <= 0x30FE)
      katakana = 1;
    else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))
      alnum = 1;
    else if (!(c == 0x3099 || c == 0x309A || (c >= 0x21 && c <= 0x7E) ||
               c == 0xA5))
      return CPD_NAME_OTHER;
  }
  return katakana ? CPD_NAME_KANA : alnum ? CPD_NAME_LATIN : CPD_NAME_OTHER;
}

/* --------------------------------------------------------------- the calls */

cpd_status cpd_name_new(cpd_name **out, const char *text, size_t len,
                        cpd_error *err) {
  cpd__buf f = CPD__BUF_INIT;
  cut cuts[8];
  size_t ncut, i, at;
  cpd_name *nm;
  cpd_status st;
  if (out)
    *out = NULL;
  if (!out || (!text && len))
    return cpd__invalid_argument(err);
  if (!text)
    text = "";
  if (!cpd__utf8_valid(text, len))
    return name_error(err);
  st = fold_text(&f, text, len);
  if (st != CPD_OK) {
    cpd__buf_free(&f);
    return st == CPD_ENOMEM ? cpd__out_of_memory(err) : name_error(err);
  }
  nm = cpd__calloc(1, sizeof *nm);
  if (!nm) {
    cpd__buf_free(&f);
    return cpd__out_of_memory(err);
  }
  ncut = find_entities(f.p, f.len, cuts, sizeof cuts / sizeof cuts[0],
                       &nm->entity);
  /* the key: the folded text without the entities, in place */
  for (i = 0, at = 0; i <= ncut; i++) {
    size_t from = i == 0 ? 0 : cuts[i - 1].to;
    size_t to = i == ncut ? f.len : cuts[i].from;
    memmove(f.p + at, f.p + from, to - from);
    at += to - from;
  }
  f.p[at] = '\0';
  nm->key = f.p;
  nm->key_len = at;
  for (i = 0; i < at; i++)
    nm->key_chars += ((unsigned char)f.p[i] & 0xC0) != 0x80;
  nm->script = script_of(nm->key, nm->key_len);
  *out = nm;
  return CPD_OK;
}

void cpd_name_free(cpd_name *name) {
  if (!name)
    return;
  cpd__free(name->key);
  cpd__free(name);
}

const char *cpd_name_key(const cpd_name *name, size_t *len) {
  if (len)
    *len = name ? name->key_len : 0;
  return name ? name->key : NULL;
}

const cpd_legal_entity *cpd_name_entity(const cpd_name *name) {
  return name ? name->entity : NULL;
}

cpd_name_script cpd_name_script_of(const cpd_name *name) {
  return name ? name->script : CPD_NAME_EMPTY;
}

int cpd_name_matches(const cpd_name *name, const cpd_name *other,
                     int other_cut) {
  size_t keep;
  if (!name || !other || name->key_len == 0 || other->key_len == 0)
    return 0;
  if (name->entity && other->entity &&
      strcmp(name->entity->abbreviation, other->entity->abbreviation) != 0)
    return 0;
  if (name->key_len == other->key_len &&
      memcmp(name->key, other->key, name->key_len) == 0)
    return 1;
  if (!other_cut || other->key_chars <= CUT_MIN_CHARS)
    return 0;
  /* other cut at the end of its field: all but its last character (a
   * voiced mark may have been cut from it) starts name */
  keep = other->key_len - 1;
  while (keep > 0 && ((unsigned char)other->key[keep] & 0xC0) == 0x80)
    keep--;
  return keep < name->key_len && memcmp(name->key, other->key, keep) == 0;
}

cpd_status cpd_name_fold(char **out, size_t *out_len, const char *text,
                         size_t len) {
  cpd_name *nm = NULL;
  cpd_status st;
  if (out)
    *out = NULL;
  if (out_len)
    *out_len = 0;
  if (!out)
    return CPD_EINVAL;
  st = cpd_name_new(&nm, text, len, NULL);
  if (st != CPD_OK)
    return st;
  *out = nm->key; /* the key's buffer is handed over */
  if (out_len)
    *out_len = nm->key_len;
  cpd__free(nm);
  return CPD_OK;
}

cpd_status cpd_name_match(int *matches, const char *text, size_t len,
                          const char *other, size_t other_len, int other_cut) {
  cpd_name *a = NULL, *b = NULL;
  cpd_status st;
  if (matches)
    *matches = 0;
  if (!matches)
    return CPD_EINVAL;
  st = cpd_name_new(&a, text, len, NULL);
  if (st == CPD_OK)
    st = cpd_name_new(&b, other, other_len, NULL);
  if (st == CPD_OK)
    *matches = cpd_name_matches(a, b, other_cut);
  cpd_name_free(a);
  cpd_name_free(b);
  return st;
}
