/* units.c - hours and points as people write them (docs/RULES.md R5).
 * Hours: a plain decimal, or one with a unit: 2時間, 2 時間, 1.5時間,
 * 1時間30分, 1時間半, 90分, 1.5h, 2H.  Points: a plain decimal, or one
 * with a unit: 6ポイント, 6 ポイント, 6pt, 6 pts.  The text is normalised
 * (NFKC) first, so ２Ｈ, ６ｐｔ and ６ﾎﾟｲﾝﾄ arrive as 2H, 6pt and 6ポイント.
 * Minutes become exact hundredths of an hour, truncated (80分 = 1.33); 半
 * is half an hour (0.5). */
#include <string.h>

#include "internal.h"

#define U_JIKAN "\xe6\x99\x82\xe9\x96\x93" /* 時間 */
#define U_FUN "\xe5\x88\x86"               /* 分 */
#define U_HAN "\xe5\x8d\x8a"               /* 半 */
#define U_POINT                                                                \
  "\xe3\x83\x9d\xe3\x82\xa4\xe3\x83\xb3\xe3\x83\x88" /* ポイント */
#define MAX_DIGITS 12 /* as cpd__decimal_parse: more is "too large" */

static int eat(const char *s, size_t len, size_t *i, const char *lit) {
  size_t n = strlen(lit);
  if (len - *i >= n && memcmp(s + *i, lit, n) == 0) {
    *i += n;
    return 1;
  }
  return 0;
}

/* lit (lower-case ASCII) at s[*i], in any case. */
static int eat_ascii(const char *s, size_t len, size_t *i, const char *lit) {
  size_t n = strlen(lit), k;
  if (len - *i < n)
    return 0;
  for (k = 0; k < n; k++) {
    char c = s[*i + k];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != lit[k])
      return 0;
  }
  *i += n;
  return 1;
}

static void skip_space(const char *s, size_t len, size_t *i) {
  if (*i < len && s[*i] == ' ')
    (*i)++;
}

/* A whole number of plain digits at s[*i]: CPD__N_OK, _BAD (none) or
 * _TOO_LARGE. */
static cpd__nrc whole(const char *s, size_t len, size_t *i, long long *v) {
  size_t start = *i;
  *v = 0;
  while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
    if (*i - start < MAX_DIGITS)
      *v = *v * 10 + (s[*i] - '0');
    (*i)++;
  }
  if (*i == start)
    return CPD__N_BAD;
  return *i - start > MAX_DIGITS ? CPD__N_TOO_LARGE : CPD__N_OK;
}

/* Minutes in hundredths of an hour, truncated. */
static cpd_points of_minutes(long long minutes) {
  return (cpd_points)(minutes * 100 / 60);
}

/* The number at the start of s (what cpd__decimal_parse reads, sign and
 * decimals included): its end, and whether it is plain digits only. */
static size_t number_end(const char *s, size_t len, int *plain) {
  size_t i = 0, k;
  if (i < len && (s[i] == '-' || s[i] == '+'))
    i++;
  while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
    i++;
  for (*plain = i > 0, k = 0; k < i; k++)
    if (s[k] < '0' || s[k] > '9')
      *plain = 0;
  return i;
}

/* s[0..num_end) as whole hours plus extra hundredths. */
static cpd__nrc hours_and(const char *s, size_t num_end, cpd_points extra,
                          cpd_points *out) {
  size_t i = 0;
  long long h;
  cpd__nrc rc = whole(s, num_end, &i, &h);
  if (rc != CPD__N_OK)
    return rc;
  *out = (cpd_points)(h * 100) + extra;
  return CPD__N_OK;
}

cpd__nrc cpd__hours_parse(const char *s, size_t len, cpd_points *out) {
  size_t i, num_end;
  long long m;
  int plain;
  cpd__nrc rc;

  num_end = number_end(s, len, &plain);
  if (num_end == len)
    return cpd__decimal_parse(s, len, out);
  if (num_end == 0)
    return CPD__N_BAD;

  i = num_end;
  skip_space(s, len, &i);
  if (i < len && (s[i] == 'h' || s[i] == 'H')) { /* 1.5h, 2H */
    return i + 1 == len ? cpd__decimal_parse(s, num_end, out) : CPD__N_BAD;
  }
  if (eat(s, len, &i, U_FUN)) { /* 90分 */
    if (i != len || !plain)
      return CPD__N_BAD;
    i = 0;
    rc = whole(s, num_end, &i, &m);
    if (rc != CPD__N_OK)
      return rc;
    *out = of_minutes(m);
    return CPD__N_OK;
  }
  if (!eat(s, len, &i, U_JIKAN))
    return CPD__N_BAD;
  if (i == len) /* 2時間, 1.5時間 */
    return cpd__decimal_parse(s, num_end, out);

  /* 1時間半 and 1時間30分: whole hours and half an hour or 0-59 minutes */
  if (!plain)
    return CPD__N_BAD;
  if (eat(s, len, &i, U_HAN))
    return i == len ? hours_and(s, num_end, 50, out) : CPD__N_BAD;
  skip_space(s, len, &i);
  rc = whole(s, len, &i, &m);
  if (rc != CPD__N_OK)
    return CPD__N_BAD;
  skip_space(s, len, &i);
  if (!eat(s, len, &i, U_FUN) || i != len || m >= 60)
    return CPD__N_BAD;
  return hours_and(s, num_end, of_minutes(m), out);
}

cpd__nrc cpd__points_parse(const char *s, size_t len, cpd_points *out) {
  size_t i, num_end;
  int plain;

  num_end = number_end(s, len, &plain);
  if (num_end == len || num_end == 0)
    return cpd__decimal_parse(s, len, out);
  i = num_end;
  skip_space(s, len, &i);
  if (!eat(s, len, &i, U_POINT) && !eat_ascii(s, len, &i, "pts") &&
      !eat_ascii(s, len, &i, "pt"))
    return CPD__N_BAD;
  return i == len ? cpd__decimal_parse(s, num_end, out) : CPD__N_BAD;
}
