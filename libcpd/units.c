/* units.c - hours as people write them (docs/RULES.md R5): a plain decimal, or
 * one with a unit, 2時間, 2 時間, 1.5時間, 1時間30分, 90分, 1.5h, 1.5 h.
 * Minutes become exact hundredths of an hour, truncated (80分 = 1.33). */
#include <string.h>

#include "internal.h"

#define U_JIKAN "\xe6\x99\x82\xe9\x96\x93" /* 時間 */
#define U_FUN "\xe5\x88\x86"               /* 分 */
#define MAX_DIGITS 12 /* as cpd__decimal_parse: more is "too large" */

static int eat(const char *s, size_t len, size_t *i, const char *lit) {
  size_t n = strlen(lit);
  if (len - *i >= n && memcmp(s + *i, lit, n) == 0) {
    *i += n;
    return 1;
  }
  return 0;
}

static void skip_space(const char *s, size_t len, size_t *i) {
  if (*i < len && s[*i] == ' ')
    (*i)++;
}

/* A whole number of plain digits at s[*i]: 0 ok, -1 none, -3 too long. */
static int whole(const char *s, size_t len, size_t *i, long long *v) {
  size_t start = *i;
  *v = 0;
  while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
    if (*i - start < MAX_DIGITS)
      *v = *v * 10 + (s[*i] - '0');
    (*i)++;
  }
  if (*i == start)
    return -1;
  return *i - start > MAX_DIGITS ? -3 : 0;
}

/* Minutes in hundredths of an hour, truncated. */
static cpd_points of_minutes(long long minutes) {
  return (cpd_points)(minutes * 100 / 60);
}

int cpd__hours_parse(const char *s, size_t len, cpd_points *out) {
  size_t i = 0, num_end;
  long long h, m;
  int plain, rc;

  /* the number: what cpd__decimal_parse reads, sign and decimals included */
  if (i < len && (s[i] == '-' || s[i] == '+'))
    i++;
  while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
    i++;
  num_end = i;
  if (num_end == len)
    return cpd__decimal_parse(s, len, out);
  if (num_end == 0)
    return -1;
  /* plain digits only: what may stand before 分 */
  for (plain = 1, i = 0; i < num_end; i++)
    if (s[i] < '0' || s[i] > '9')
      plain = 0;

  i = num_end;
  skip_space(s, len, &i);
  if (i < len && s[i] == 'h') { /* 1.5h */
    return i + 1 == len ? cpd__decimal_parse(s, num_end, out) : -1;
  }
  if (eat(s, len, &i, U_FUN)) { /* 90分 */
    if (i != len || !plain)
      return -1;
    i = 0;
    rc = whole(s, num_end, &i, &m);
    if (rc != 0)
      return rc;
    *out = of_minutes(m);
    return 0;
  }
  if (!eat(s, len, &i, U_JIKAN))
    return -1;
  if (i == len) /* 2時間, 1.5時間 */
    return cpd__decimal_parse(s, num_end, out);

  /* 1時間30分: whole hours and 0-59 minutes */
  if (!plain)
    return -1;
  skip_space(s, len, &i);
  rc = whole(s, len, &i, &m);
  if (rc != 0)
    return -1;
  skip_space(s, len, &i);
  if (!eat(s, len, &i, U_FUN) || i != len || m >= 60)
    return -1;
  i = 0;
  rc = whole(s, num_end, &i, &h);
  if (rc != 0)
    return rc;
  *out = (cpd_points)(h * 100) + of_minutes(m);
  return 0;
}
