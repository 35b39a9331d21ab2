/* genlib.c - seeded generator of realistic renewal applications (see
 * genlib.h).  The documents follow docs/JSON.md: Japanese names,
 * kana, companies, addresses and activity titles; dates in every form of
 * RULES.md R13; activities spread over the three fiscal years of the period
 * and over sections A-D, so that the per-year caps of B, C and D are
 * routinely exceeded; a small share of invalid fields (kana, postal code,
 * phone, e-mail, hours, dates, categories, competencies), duplicates,
 * unknown keys, and - per gen_opts.error_permille - whole lines that are
 * input errors.  Some lines are written the way Python's json.dumps writes
 * them (", " / ": " separators, and sometimes ensure_ascii \uXXXX escapes).
 */
#include "genlib.h"

#include <cpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ rng */

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void gen_seed(gen_rng *r, uint64_t seed) {
  int i;
  for (i = 0; i < 4; i++)
    r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t gen_next(gen_rng *r) {
  uint64_t *s = r->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

uint32_t gen_below(gen_rng *r, uint32_t n) {
  return (uint32_t)(((gen_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* 1 with probability pm per mille. */
static int chance(gen_rng *r, unsigned pm) { return gen_below(r, 1000) < pm; }

static int range(gen_rng *r, int lo, int hi) { /* inclusive */
  return lo + (int)gen_below(r, (uint32_t)(hi - lo + 1));
}

#define PICK(r, arr) ((arr)[gen_below((r), sizeof(arr) / sizeof((arr)[0]))])
#define COUNT(arr) (sizeof(arr) / sizeof((arr)[0]))

/* ------------------------------------------------------------------ buf */

void gen_buf_reserve(gen_buf *b, size_t extra) {
  if (b->len + extra + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    char *p;
    while (cap < b->len + extra + 1)
      cap *= 2;
    p = realloc(b->p, cap);
    if (!p) {
      fputs("gen: out of memory\n", stderr);
      abort();
    }
    b->p = p;
    b->cap = cap;
  }
}

void gen_buf_free(gen_buf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

static void put(gen_buf *b, const char *s, size_t n) {
  gen_buf_reserve(b, n);
  memcpy(b->p + b->len, s, n);
  b->len += n;
}

static void puts_(gen_buf *b, const char *s) { put(b, s, strlen(s)); }

static void putc_(gen_buf *b, char c) { put(b, &c, 1); }

/* ----------------------------------------------------------- JSON writer */

typedef struct jw {
  gen_buf *b;
  int ascii;  /* every non-ASCII character as \uXXXX (ensure_ascii) */
  int spaced; /* ", " and ": " as json.dumps writes by default */
  int depth;
  int first[16];
} jw;

static void jw_sep(jw *w) {
  if (!w->first[w->depth])
    puts_(w->b, w->spaced ? ", " : ",");
  w->first[w->depth] = 0;
}

static void jw_open(jw *w, char c) {
  putc_(w->b, c);
  w->depth++;
  w->first[w->depth] = 1;
}

static void jw_close(jw *w, char c) {
  w->depth--;
  putc_(w->b, c);
}

static void jw_raw_string(jw *w, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  char tmp[32];
  putc_(w->b, '"');
  while (*p) {
    unsigned c = *p;
    if (c == '"' || c == '\\') {
      putc_(w->b, '\\');
      putc_(w->b, (char)c);
      p++;
    } else if (c < 0x20) {
      snprintf(tmp, sizeof tmp, "\\u%04x", c);
      puts_(w->b, tmp);
      p++;
    } else if (c < 0x80 || !w->ascii) {
      putc_(w->b, (char)c);
      p++;
    } else {
      /* The generator only writes well-formed UTF-8. */
      unsigned long cp;
      int n;
      if (c >= 0xF0) {
        cp = c & 0x07;
        n = 3;
      } else if (c >= 0xE0) {
        cp = c & 0x0F;
        n = 2;
      } else {
        cp = c & 0x1F;
        n = 1;
      }
      p++;
      while (n-- > 0 && *p)
        cp = (cp << 6) | (*p++ & 0x3F);
      if (cp >= 0x10000) {
        cp -= 0x10000;
        snprintf(tmp, sizeof tmp, "\\u%04lx\\u%04lx", 0xD800 + (cp >> 10),
                 0xDC00 + (cp & 0x3FF));
      } else {
        snprintf(tmp, sizeof tmp, "\\u%04lx", cp);
      }
      puts_(w->b, tmp);
    }
  }
  putc_(w->b, '"');
}

static void jw_key(jw *w, const char *k) {
  jw_sep(w);
  jw_raw_string(w, k);
  puts_(w->b, w->spaced ? ": " : ":");
}

static void jw_str(jw *w, const char *k, const char *v) {
  jw_key(w, k);
  jw_raw_string(w, v);
}

static void jw_item_str(jw *w, const char *v) {
  jw_sep(w);
  jw_raw_string(w, v);
}

static void jw_lit(jw *w, const char *k, const char *literal) {
  jw_key(w, k);
  puts_(w->b, literal);
}

/* hundredths as a JSON number: 600 -> 6, 250 -> 2.5, 125 -> 1.25 */
static void fmt_hundredths(char *buf, size_t cap, long h) {
  const char *sign = h < 0 ? "-" : "";
  long a = h < 0 ? -h : h;
  if (a % 100 == 0)
    snprintf(buf, cap, "%s%ld", sign, a / 100);
  else if (a % 10 == 0)
    snprintf(buf, cap, "%s%ld.%ld", sign, a / 100, (a % 100) / 10);
  else
    snprintf(buf, cap, "%s%ld.%02ld", sign, a / 100, a % 100);
}

/* ---------------------------------------------------------------- dates */

static int32_t days_from_civil(int y, int m, int d) {
  int era;
  unsigned yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (unsigned)(y - era * 400);
  doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (int32_t)(era * 146097 + (int)doe - 719468);
}

static void civil_from_days(int32_t z, int *y, int *m, int *d) {
  int era;
  unsigned doe, yoe, doy, mp;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (unsigned)(z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)yoe + era * 400 + (*m <= 2);
}

static int fiscal_year(int32_t day) {
  int y, m, d;
  civil_from_days(day, &y, &m, &d);
  return m >= 4 ? y : y - 1;
}

enum {
  DATE_ISO,
  DATE_SLASH,
  DATE_DOT,
  DATE_KANJI,     /* 2025年6月5日 */
  DATE_REIWA,     /* 令和7年6月5日 */
  DATE_R_DOT,     /* R7.6.5 */
  DATE_R_SLASH,   /* R7/6/5 */
  DATE_JIS,       /* R07.06.05 */
  DATE_FULLWIDTH, /* ２０２５－０６－０５ */
  DATE_REIWA_WIDE /* 令和７年６月５日 */
};

/* ASCII digits, '-', '.', '/' to their full-width forms (U+FF0D..FF19). */
static void widen(char *dst, size_t cap, const char *src) {
  size_t n = 0;
  for (; *src && n + 4 < cap; src++) {
    unsigned char c = (unsigned char)*src;
    if ((c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/') {
      unsigned cp = 0xFF00u + (unsigned)(c - 0x20);
      dst[n++] = (char)(0xE0 | (cp >> 12));
      dst[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      dst[n++] = (char)(0x80 | (cp & 0x3F));
    } else {
      dst[n++] = (char)c;
    }
  }
  dst[n] = '\0';
}

static void fmt_date(char *buf, size_t cap, int32_t day, int style) {
  int y, m, d, ry;
  char tmp[64];
  civil_from_days(day, &y, &m, &d);
  ry = y - 2018; /* every generated date is in Reiwa (from 2019-05-01) */
  switch (style) {
  case DATE_SLASH:
    snprintf(buf, cap, "%04d/%02d/%02d", y, m, d);
    break;
  case DATE_DOT:
    snprintf(buf, cap, "%04d.%d.%d", y, m, d);
    break;
  case DATE_KANJI:
    snprintf(buf, cap, "%d年%d月%d日", y, m, d);
    break;
  case DATE_REIWA:
    snprintf(buf, cap, "令和%d年%d月%d日", ry, m, d);
    break;
  case DATE_R_DOT:
    snprintf(buf, cap, "R%d.%d.%d", ry, m, d);
    break;
  case DATE_R_SLASH:
    snprintf(buf, cap, "R%d/%d/%d", ry, m, d);
    break;
  case DATE_JIS:
    snprintf(buf, cap, "R%02d.%02d.%02d", ry, m, d);
    break;
  case DATE_FULLWIDTH:
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    widen(buf, cap, tmp);
    break;
  case DATE_REIWA_WIDE:
    snprintf(tmp, sizeof tmp, "%d", ry);
    {
      char a[32], b[32], c[32], t2[8];
      widen(a, sizeof a, tmp);
      snprintf(t2, sizeof t2, "%d", m);
      widen(b, sizeof b, t2);
      snprintf(t2, sizeof t2, "%d", d);
      widen(c, sizeof c, t2);
      snprintf(buf, cap, "令和%s年%s月%s日", a, b, c);
    }
    break;
  default:
    snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
  }
}

/* Activity and applicant dates: mostly ISO, the rest in the forms people
 * type on a Japanese form. */
static int date_style(gen_rng *r) {
  unsigned x = gen_below(r, 1000);
  if (x < 620)
    return DATE_ISO;
  if (x < 720)
    return DATE_SLASH;
  if (x < 740)
    return DATE_DOT;
  if (x < 800)
    return DATE_KANJI;
  if (x < 880)
    return DATE_REIWA;
  if (x < 930)
    return DATE_R_DOT;
  if (x < 950)
    return DATE_R_SLASH;
  if (x < 965)
    return DATE_JIS;
  if (x < 990)
    return DATE_FULLWIDTH;
  return DATE_REIWA_WIDE;
}

static void bad_date(gen_rng *r, char *buf, size_t cap, int year) {
  switch (gen_below(r, 4)) {
  case 0:
    snprintf(buf, cap, "%04d-02-30", year);
    break;
  case 1:
    snprintf(buf, cap, "%04d-13-01", year);
    break;
  case 2:
    snprintf(buf, cap, "令和%d年2月30日", year - 2018);
    break;
  default:
    snprintf(buf, cap, "%d月頃", range(r, 1, 12));
  }
}

/* ---------------------------------------------------------------- pools */

typedef struct person_name {
  const char *kanji, *kana, *kata, *roma;
} person_name;

static const person_name surnames[] = {
    {"佐藤", "さとう", "サトウ", "sato"},
    {"鈴木", "すずき", "スズキ", "suzuki"},
    {"高橋", "たかはし", "タカハシ", "takahashi"},
    {"田中", "たなか", "タナカ", "tanaka"},
    {"伊藤", "いとう", "イトウ", "ito"},
    {"渡辺", "わたなべ", "ワタナベ", "watanabe"},
    {"山本", "やまもと", "ヤマモト", "yamamoto"},
    {"中村", "なかむら", "ナカムラ", "nakamura"},
    {"小林", "こばやし", "コバヤシ", "kobayashi"},
    {"加藤", "かとう", "カトウ", "kato"},
    {"吉田", "よしだ", "ヨシダ", "yoshida"},
    {"山田", "やまだ", "ヤマダ", "yamada"},
    {"佐々木", "ささき", "ササキ", "sasaki"},
    {"山口", "やまぐち", "ヤマグチ", "yamaguchi"},
    {"松本", "まつもと", "マツモト", "matsumoto"},
    {"井上", "いのうえ", "イノウエ", "inoue"},
    {"木村", "きむら", "キムラ", "kimura"},
    {"林", "はやし", "ハヤシ", "hayashi"},
    {"斎藤", "さいとう", "サイトウ", "saito"},
    {"清水", "しみず", "シミズ", "shimizu"},
    {"長谷川", "はせがわ", "ハセガワ", "hasegawa"},
    {"近藤", "こんどう", "コンドウ", "kondo"}};

static const person_name given_names[] = {
    {"太郎", "たろう", "タロウ", "taro"},
    {"花子", "はなこ", "ハナコ", "hanako"},
    {"翔太", "しょうた", "ショウタ", "shota"},
    {"美咲", "みさき", "ミサキ", "misaki"},
    {"健一", "けんいち", "ケンイチ", "kenichi"},
    {"由美", "ゆみ", "ユミ", "yumi"},
    {"大輔", "だいすけ", "ダイスケ", "daisuke"},
    {"陽子", "ようこ", "ヨウコ", "yoko"},
    {"直樹", "なおき", "ナオキ", "naoki"},
    {"さくら", "さくら", "サクラ", "sakura"},
    {"誠", "まこと", "マコト", "makoto"},
    {"恵子", "けいこ", "ケイコ", "keiko"},
    {"拓也", "たくや", "タクヤ", "takuya"},
    {"愛", "あい", "アイ", "ai"},
    {"浩二", "こうじ", "コウジ", "koji"},
    {"真由美", "まゆみ", "マユミ", "mayumi"},
    {"雄一", "ゆういち", "ユウイチ", "yuichi"},
    {"千尋", "ちひろ", "チヒロ", "chihiro"}};

typedef struct company {
  const char *name, *kana;
} company;

static const company companies[] = {
    {"株式会社サンプル", "かぶしきがいしゃさんぷる"},
    {"株式会社みらいコンタクト", "かぶしきがいしゃみらいこんたくと"},
    {"株式会社あおぞらテレサービス", "かぶしきがいしゃあおぞらてれさーびす"},
    {"北海コンタクト株式会社", "ほっかいこんたくとかぶしきがいしゃ"},
    {"株式会社さくらカスタマーサポート",
     "かぶしきがいしゃさくらかすたまーさぽーと"},
    {"関西テレマーケティング株式会社",
     "かんさいてれまーけてぃんぐかぶしきがいしゃ"},
    {"株式会社ひかりＣＲＭ", "かぶしきがいしゃひかりしーあーるえむ"},
    {"九州コールセンターサービス株式会社",
     "きゅうしゅうこーるせんたーさーびすかぶしきがいしゃ"},
    {"株式会社つばさビジネスサポート",
     "カブシキガイシャツバサビジネスサポート"},
    {"日本顧客応対研究所株式会社",
     "にほんこきゃくおうたいけんきゅうじょかぶしきがいしゃ"}};

typedef struct place {
  const char *city;
  int area; /* phone area code */
  int postal;
} place;

static const place places[] = {{"東京都千代田区丸の内", 3, 100},
                               {"東京都品川区北品川", 3, 140},
                               {"東京都新宿区西新宿", 3, 160},
                               {"大阪府大阪市北区梅田", 6, 530},
                               {"神奈川県横浜市西区みなとみらい", 45, 220},
                               {"愛知県名古屋市中村区名駅", 52, 450},
                               {"福岡県福岡市博多区博多駅前", 92, 812},
                               {"北海道札幌市中央区北一条西", 11, 60},
                               {"宮城県仙台市青葉区中央", 22, 980},
                               {"京都府京都市下京区烏丸通", 75, 600},
                               {"沖縄県那覇市久茂地", 98, 900},
                               {"広島県広島市中区紙屋町", 82, 730}};

static const char *const buildings[] = {"サンプルハイツ",       "コーポ青葉",
                                        "グランドメゾン",       "パークタワー",
                                        "ライオンズマンション", "メゾン桜"};

static const char *const domains[] = {"example.jp", "example.co.jp",
                                      "example.com", "example.ne.jp",
                                      "mail.example.org"};

/* Activity titles by category (A: association courses, B: other
 * training, C: self-study, D: professional activities). */
static const char *const titles_a[] = {"コン検認定 OMP 対策講座",
                                       "コン検認定 OMP フォローアップ講座",
                                       "CAP基礎講座",
                                       "コンタクトセンター応対品質向上研修",
                                       "WFM（要員計画）実践講座",
                                       "コン検主催 VOC 活用セミナー",
                                       "スーパーバイザー育成研修",
                                       "コンタクトセンター KPI 管理講座",
                                       "品質モニタリング実践研修",
                                       "カスタマーエクスペリエンス設計講座",
                                       "コン検認定 CAP アーキテクチャ演習",
                                       "センター運営リスクマネジメント講座"};

static const char *const titles_b[] = {
    "外部研修 応対品質",
    "VOC分析セミナー（外部研修）",
    "スーパーバイザー向けコーチング研修（外部研修）",
    "個人情報保護研修",
    "ハラスメント防止研修",
    "チャットサポート導入研修",
    "生成AI活用セミナー",
    "ITIL ファンデーション研修",
    "リーダーシップ研修",
    "クレーム対応研修",
    "ロジカルシンキング研修",
    "メンタルヘルス・ラインケア研修"};

static const char *const titles_c[] = {
    "CMBOK 学習",
    "書籍学習『コールセンター・マネジメント』",
    "eラーニング 応対品質",
    "コールセンター指標管理の書籍学習",
    "統計学入門（通信講座）",
    "業界誌購読・要約",
    "オンライン講座 データ分析基礎",
    "CX 関連文献の学習",
    "ｅラーニング　情報セキュリティ基礎"};

static const char *const titles_d[] = {"業界団体セミナー登壇",
                                       "社内勉強会講師",
                                       "業界誌への寄稿",
                                       "コン検試験問題作成委員",
                                       "地域コンタクトセンター協議会運営",
                                       "大学での特別講義",
                                       "業界カンファレンス パネリスト",
                                       "新人研修プログラムの設計と講師"};

static const char *const evidence_kinds[] = {
    "受講証明書", "修了証", "研修参加票", "参加証明書", "certificate"};

/* Known competencies are the default policy's (cpd_policy_competency_at);
 * these are codes it does not know. */
static const char *const unknown_competencies[] = {"OP-99", "XX-1", "PE-0",
                                                   "ＯＰ－１２"};

/* ----------------------------------------------------------- activities */

typedef struct gen_act {
  size_t order;  /* input position before sorting */
  char cat;      /* 'A'..'D', or 'E' (invalid) */
  int cat_style; /* 0 ASCII, 1 full-width */
  int32_t day;
  int date_style, date_bad, no_date;
  char title[256];
  int title_idx;
  long hours;     /* hundredths */
  int hours_kind; /* 0 number, 1 text, 2 full-width text, 3 bad text,
                     4 bad number (raw), 5 missing */
  char hours_raw[16];
  int points_kind; /* 0 absent, 1 number, 2 text */
  long points;     /* hundredths */
  int year;        /* 0: absent */
  int evidence;    /* number of files */
  int evidence_kind;
  int comp[4], ncomp, comp_unknown;
  int has_id;
  int memo; /* an unknown key */
} gen_act;

static int cmp_act(const void *pa, const void *pb) {
  const gen_act *a = pa, *b = pb;
  if (a->cat != b->cat)
    return a->cat < b->cat ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

static const char *title_of(gen_rng *r, char cat, int *idx) {
  switch (cat) {
  case 'A':
    *idx = (int)gen_below(r, COUNT(titles_a));
    return titles_a[*idx];
  case 'B':
    *idx = (int)gen_below(r, COUNT(titles_b));
    return titles_b[*idx];
  case 'C':
    *idx = (int)gen_below(r, COUNT(titles_c));
    return titles_c[*idx];
  default:
    *idx = (int)gen_below(r, COUNT(titles_d));
    return titles_d[*idx];
  }
}

static void make_activity(gen_rng *r, gen_act *a, size_t order,
                          int32_t period_start, int32_t last_day,
                          int32_t applied, int fy_exp, int invalid,
                          int sloppy) {
  unsigned x = gen_below(r, 100);
  int32_t span = last_day - period_start + 1;
  const char *t;
  memset(a, 0, sizeof *a);
  a->order = order;
  a->cat = x < 32 ? 'A' : x < 62 ? 'B' : x < 82 ? 'C' : 'D';
  if (chance(r, 40))
    a->cat_style = 1;
  if (sloppy && chance(r, 8))
    a->cat = 'E';
  /* dates: inside the period, sometimes before it or after applied_on */
  a->day =
      period_start + (int32_t)gen_below(r, (uint32_t)(span > 0 ? span : 1));
  if (invalid && chance(r, 25))
    a->day = period_start - range(r, 1, 400);
  else if (sloppy && chance(r, 15))
    a->day = applied + range(r, 1, 60);
  a->date_style = date_style(r);
  if (sloppy && chance(r, 8))
    a->date_bad = 1;
  else if (sloppy && chance(r, 3))
    a->no_date = 1;
  t = title_of(r, a->cat == 'E' ? 'A' : a->cat, &a->title_idx);
  if (chance(r, 350))
    snprintf(a->title, sizeof a->title, "%s 第%d回", t, range(r, 1, 12));
  else if (chance(r, 100))
    snprintf(a->title, sizeof a->title, "%s　（オンライン）", t);
  else
    snprintf(a->title, sizeof a->title, "%s", t);
  /* hours: 1..8, a fifth of them with a half hour */
  a->hours = range(r, 1, 8) * 100L;
  if (chance(r, 200))
    a->hours = a->hours / 2 + 50;
  if (chance(r, 60))
    a->hours_kind = 1;
  else if (chance(r, 20))
    a->hours_kind = 2;
  if (sloppy && chance(r, 10)) {
    a->hours_kind = 3;
  } else if (sloppy && chance(r, 10)) {
    static const char *const raw[] = {"0", "-1", "1.234", "10000"};
    a->hours_kind = 4;
    snprintf(a->hours_raw, sizeof a->hours_raw, "%s", PICK(r, raw));
  } else if (sloppy && chance(r, 5)) {
    a->hours_kind = 5;
  }
  /* points: optional; usually the hours, sometimes claimed higher */
  if (chance(r, 600)) {
    a->points_kind = chance(r, 50) ? 2 : 1;
    a->points = a->hours;
    if (chance(r, 50))
      a->points = a->hours + 100 * range(r, 1, 4);
    else if (chance(r, 50))
      a->points = a->hours / 2;
  }
  if (chance(r, 400)) {
    a->year = fiscal_year(a->day) - fy_exp + 3;
    if (a->year < 1 || a->year > 3 || chance(r, 80))
      a->year = range(r, 1, 3);
  }
  if (a->cat == 'A' || a->cat == 'B' || a->cat == 'E')
    a->evidence = chance(r, sloppy ? 930 : 1000) ? (chance(r, 150) ? 2 : 1) : 0;
  else
    a->evidence = chance(r, 200) ? 1 : 0;
  a->evidence_kind = (int)gen_below(r, COUNT(evidence_kinds));
  if (chance(r, 800)) {
    int i;
    a->ncomp = range(r, 1, 3);
    for (i = 0; i < a->ncomp; i++)
      a->comp[i] = (int)gen_below(
          r, (uint32_t)cpd_policy_competency_count(NULL, CPD_DAY_NONE));
    if (invalid && chance(r, 30))
      a->comp_unknown = 1 + (int)gen_below(r, COUNT(unknown_competencies));
  }
  a->has_id = chance(r, 900);
  a->memo = invalid && chance(r, 10);
}

static void write_hundredths_value(jw *w, long h, int text, int wide) {
  char num[32], wnum[96];
  fmt_hundredths(num, sizeof num, h);
  if (!text) {
    puts_(w->b, num);
  } else if (!wide) {
    jw_raw_string(w, num);
  } else {
    widen(wnum, sizeof wnum, num);
    jw_raw_string(w, wnum);
  }
}

static void write_activity(jw *w, gen_rng *r, const gen_act *a, int fy_exp,
                           unsigned *seq) {
  char buf[320];
  int y, m, d;
  (void)fy_exp;
  jw_sep(w);
  jw_open(w, '{');
  if (a->has_id) {
    int k = fiscal_year(a->day) - fy_exp + 3;
    if (a->cat == 'A' || k < 1 || k > 3)
      snprintf(buf, sizeof buf, "%c-%u", a->cat, ++seq[0]);
    else
      snprintf(buf, sizeof buf, "%c%d-%u", a->cat, k, ++seq[0]);
    jw_str(w, "id", buf);
  }
  if (a->cat_style == 1) {
    /* full-width Ａ..Ｅ: U+FF21.. */
    unsigned cp = 0xFF21u + (unsigned)(a->cat - 'A');
    buf[0] = (char)(0xE0 | (cp >> 12));
    buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = (char)(0x80 | (cp & 0x3F));
    buf[3] = '\0';
  } else {
    buf[0] = a->cat;
    buf[1] = '\0';
  }
  jw_str(w, "category", buf);
  jw_str(w, "title", a->title);
  if (!a->no_date) {
    civil_from_days(a->day, &y, &m, &d);
    if (a->date_bad)
      bad_date(r, buf, sizeof buf, y);
    else
      fmt_date(buf, sizeof buf, a->day, a->date_style);
    jw_str(w, "completed_on", buf);
  }
  switch (a->hours_kind) {
  case 0:
  case 1:
  case 2:
    jw_key(w, "hours");
    write_hundredths_value(w, a->hours, a->hours_kind != 0, a->hours_kind == 2);
    break;
  case 3:
    jw_str(w, "hours", "三時間");
    break;
  case 4:
    jw_lit(w, "hours", a->hours_raw);
    break;
  default:
    break;
  }
  if (a->points_kind) {
    jw_key(w, "points");
    write_hundredths_value(w, a->points, a->points_kind == 2, 0);
  }
  if (a->year) {
    snprintf(buf, sizeof buf, "%d", a->year);
    jw_lit(w, "year", buf);
  }
  if (a->evidence) {
    int i;
    civil_from_days(a->day, &y, &m, &d);
    jw_key(w, "evidence");
    jw_open(w, '[');
    for (i = 0; i < a->evidence; i++) {
      const char *base = a->cat == 'C' || a->cat == 'D'
                             ? "学習記録"
                             : evidence_kinds[a->evidence_kind];
      if (i == 0)
        snprintf(buf, sizeof buf, "%s_%04d%02d%02d.pdf", base, y, m, d);
      else
        snprintf(buf, sizeof buf, "%s_%04d%02d%02d_%d.jpg", "写真", y, m, d,
                 i + 1);
      jw_item_str(w, buf);
    }
    jw_close(w, ']');
  }
  if (a->ncomp) {
    int i;
    jw_key(w, "competencies");
    jw_open(w, '[');
    for (i = 0; i < a->ncomp; i++)
      jw_item_str(
          w, cpd_policy_competency_at(NULL, CPD_DAY_NONE, (size_t)a->comp[i]));
    if (a->comp_unknown)
      jw_item_str(w, unknown_competencies[a->comp_unknown - 1]);
    jw_close(w, ']');
  }
  if (a->memo)
    jw_str(w, "memo", "講師都合により日程変更あり");
  jw_close(w, '}');
}

/* ---------------------------------------------------------- application */

static void phone_number(gen_rng *r, char *buf, size_t cap, int area,
                         int mobile) {
  if (mobile) {
    static const int prefix[] = {90, 80, 70};
    snprintf(buf, cap, "0%d-%04d-%04d", PICK(r, prefix), range(r, 0, 9999),
             range(r, 0, 9999));
  } else if (area < 10) {
    snprintf(buf, cap, "0%d-%04d-%04d", area, range(r, 1000, 9999),
             range(r, 0, 9999));
  } else {
    snprintf(buf, cap, "0%d-%03d-%04d", area, range(r, 100, 999),
             range(r, 0, 9999));
  }
}

void gen_application(gen_rng *r, gen_buf *out, const gen_opts *o) {
  static gen_act *acts;
  static size_t acts_cap;
  jw w;
  char buf[768], tmp[512], tmp2[256];
  const person_name *sn = &PICK(r, surnames), *gn = &PICK(r, given_names);
  const company *co = &PICK(r, companies);
  const place *pl = &PICK(r, places);
  int invalid = o->invalid_fields;
  int exp_y = range(r, 2025, 2028), exp_m = 3, exp_d = 31, fy_exp;
  int32_t expires, opens, applied, period_start, last_day, fee_day;
  int error_kind = -1, omp = chance(r, 700), sep;
  /* a quarter of the applicants make mistakes in their activities */
  int sloppy = invalid && chance(r, 250);
  size_t n, i, start = out->len;
  unsigned seq[1] = {0};

  if (o->error_permille && chance(r, o->error_permille))
    error_kind = (int)gen_below(r, 4);
  memset(&w, 0, sizeof w);
  w.b = out;
  w.spaced = chance(r, 300);
  w.ascii = w.spaced && chance(r, 150);

  if (invalid && chance(r, 20)) { /* not the end of a fiscal year */
    exp_m = 6;
    exp_d = 30;
  }
  expires = days_from_civil(exp_y, exp_m, exp_d);
  fy_exp = fiscal_year(expires);
  /* the window opens 3 months before the renewal date E + 1 */
  {
    int y, m, d;
    civil_from_days(expires + 1, &y, &m, &d);
    m -= 3;
    if (m < 1) {
      m += 12;
      y--;
    }
    opens = days_from_civil(y, m, 1);
  }
  applied = opens + (int32_t)gen_below(r, (uint32_t)(expires - opens + 1));
  if (invalid && chance(r, 50))
    applied = opens - range(r, 1, 60); /* window not yet open */
  else if (invalid && chance(r, 15))
    applied = expires + range(r, 1, 30); /* window closed */
  period_start = days_from_civil(fy_exp - 2, 4, 1);
  last_day = applied < expires ? applied : expires;

  jw_open(&w, '{');
  fmt_date(buf, sizeof buf, applied, chance(r, 600) ? DATE_ISO : date_style(r));
  if (error_kind != 0)
    jw_str(&w, "applied_on", buf);
  if (invalid && chance(r, 8))
    jw_str(&w, "qualification", chance(r, 500) ? "OPM" : "");
  else
    jw_str(&w, "qualification",
           chance(r, 30) ? (omp ? "ＯＭＰ" : "ＣＡＰ") : (omp ? "OMP" : "CAP"));
  if (error_kind == 2)
    jw_str(&w, "qualification", omp ? "OMP" : "CAP");

  jw_key(&w, "certification");
  jw_open(&w, '{');
  snprintf(buf, sizeof buf, "%s-%06d", omp ? "OMP" : "CAP",
           range(r, 1, 999999));
  jw_str(&w, "number", buf);
  if (error_kind == 1) {
    bad_date(r, buf, sizeof buf, exp_y);
  } else {
    fmt_date(buf, sizeof buf, expires,
             chance(r, 850) ? DATE_ISO : date_style(r));
  }
  jw_str(&w, "expires_on", buf);
  jw_close(&w, '}');

  /* applicant */
  jw_key(&w, "applicant");
  jw_open(&w, '{');
  sep = (int)gen_below(r, 20); /* 0: none, 1..5: U+3000, else ' ' */
  {
    const char *s = sep == 0 ? "" : sep <= 5 ? "　" : " ";
    int drop = invalid && chance(r, 30) ? (int)gen_below(r, 6) : -1;
    if (drop != 0) {
      snprintf(buf, sizeof buf, "%s%s%s", sn->kanji, s, gn->kanji);
      jw_str(&w, "name", buf);
    }
    if (drop != 1) {
      if (invalid && chance(r, 20)) /* kanji where kana belongs */
        snprintf(buf, sizeof buf, "%s %s", sn->kanji, gn->kanji);
      else if (chance(r, 250))
        snprintf(buf, sizeof buf, "%s%s%s", sn->kata, s, gn->kata);
      else
        snprintf(buf, sizeof buf, "%s%s%s", sn->kana, s, gn->kana);
      jw_str(&w, "name_kana", buf);
    }
    if (chance(r, 900)) {
      jw_str(&w, "company", co->name);
      if (!(invalid && chance(r, 20)))
        jw_str(&w, "company_kana", co->kana);
    }
    if (drop != 2) {
      int a = pl->postal, b = range(r, 0, 9999);
      unsigned x = gen_below(r, 100);
      if (invalid && chance(r, 20))
        snprintf(buf, sizeof buf, "%03d-%03d", a, b % 1000);
      else if (x < 70)
        snprintf(buf, sizeof buf, "%03d-%04d", a, b);
      else if (x < 82)
        snprintf(buf, sizeof buf, "〒%03d-%04d", a, b);
      else if (x < 94)
        snprintf(buf, sizeof buf, "%03d%04d", a, b);
      else {
        snprintf(tmp, sizeof tmp, "%03d-%04d", a, b);
        widen(buf, sizeof buf, tmp);
      }
      jw_str(&w, "postal_code", buf);
    }
    if (drop != 3) {
      snprintf(tmp, sizeof tmp, "%d-%d-%d", range(r, 1, 9), range(r, 1, 30),
               range(r, 1, 20));
      if (chance(r, 100))
        widen(tmp2, sizeof tmp2, tmp);
      else
        snprintf(tmp2, sizeof tmp2, "%.200s", tmp);
      if (chance(r, 400))
        snprintf(buf, sizeof buf, "%s%s %s%d", pl->city, tmp2,
                 PICK(r, buildings), range(r, 101, 1205));
      else
        snprintf(buf, sizeof buf, "%s%s", pl->city, tmp2);
      jw_str(&w, "address", buf);
    }
    int has_phone = drop != 4 && chance(r, 800);
    if (has_phone) {
      phone_number(r, buf, sizeof buf, pl->area, 0);
      if (invalid && chance(r, 20))
        buf[6] = '\0';
      else if (chance(r, 50)) { /* (03)1234-5678 */
        char *dash = strchr(buf, '-');
        if (dash) {
          size_t k = (size_t)(dash - buf);
          snprintf(tmp, sizeof tmp, "(%.*s)%s", (int)k, buf, dash + 1);
          snprintf(buf, sizeof buf, "%s", tmp);
        }
      }
      jw_str(&w, "phone", buf);
    }
    if (chance(r, 700) || (!has_phone && drop != 4)) {
      phone_number(r, buf, sizeof buf, 0, 1);
      if (chance(r, 30)) {
        snprintf(tmp, sizeof tmp, "%.200s", buf);
        widen(buf, sizeof buf, tmp);
      }
      jw_str(&w, "mobile", buf);
    }
    if (drop != 5) {
      if (invalid && chance(r, 20))
        snprintf(buf, sizeof buf, "%s.%s.%s", gn->roma, sn->roma,
                 PICK(r, domains));
      else
        snprintf(buf, sizeof buf, "%s.%s%s@%s", gn->roma, sn->roma,
                 chance(r, 300) ? "" : "2", PICK(r, domains));
      jw_str(&w, "email", buf);
    }
  }
  jw_close(&w, '}');

  /* fee */
  jw_key(&w, "fee");
  jw_open(&w, '{');
  fee_day =
      opens + (int32_t)gen_below(
                  r, (uint32_t)(applied > opens ? applied - opens + 1 : 1));
  if (invalid && chance(r, 20))
    fee_day = opens - range(r, 1, 30);
  else if (invalid && chance(r, 10))
    fee_day = expires + range(r, 1, 20);
  if (!(invalid && chance(r, 40))) {
    if (invalid && chance(r, 10))
      bad_date(r, buf, sizeof buf, exp_y);
    else
      fmt_date(buf, sizeof buf, fee_day, date_style(r));
    jw_str(&w, "paid_on", buf);
  }
  if (!(invalid && chance(r, 30))) {
    snprintf(buf, sizeof buf, "%s %s", sn->kata, gn->kata);
    jw_str(&w, "payer_name", buf);
  }
  jw_close(&w, '}');
  jw_lit(&w, "oath_agreed", invalid && chance(r, 20) ? "false" : "true");
  if (invalid && chance(r, 10))
    jw_str(&w, "note", "郵送でも提出済み");

  /* activities */
  n = o->activities ? o->activities : (size_t)range(r, 20, 40);
  if (n > acts_cap) {
    gen_act *na = realloc(acts, n * sizeof *na);
    if (!na) {
      fputs("gen: out of memory\n", stderr);
      abort();
    }
    acts = na;
    acts_cap = n;
  }
  for (i = 0; i < n; i++) {
    make_activity(r, &acts[i], i, period_start, last_day, applied, fy_exp,
                  invalid, sloppy);
    if (i > 0 && chance(r, 15)) { /* a duplicate of an earlier entry */
      size_t j = gen_below(r, (uint32_t)i);
      acts[i].cat = acts[j].cat;
      acts[i].day = acts[j].day;
      memcpy(acts[i].title, acts[j].title, sizeof acts[i].title);
    }
  }
  if (chance(r, 700)) /* most people list by section, then by date */
    qsort(acts, n, sizeof *acts, cmp_act);
  jw_key(&w, "activities");
  jw_open(&w, '[');
  for (i = 0; i < n; i++)
    write_activity(&w, r, &acts[i], fy_exp, seq);
  jw_close(&w, ']');
  jw_close(&w, '}');

  if (error_kind == 3) { /* a line cut short (at an ASCII byte) */
    size_t len = out->len - start,
           cut = start + len / 4 + gen_below(r, (uint32_t)(len / 2));
    while (cut > start && (unsigned char)out->p[cut] >= 0x80)
      cut--;
    out->len = cut;
  }
}
