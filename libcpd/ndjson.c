/* ndjson.c - NDJSON input fed in chunks (cpd_lines_*): lines cut at '\n'
 * (a '\r' before it dropped), numbered, blank lines skipped but counted,
 * and memory bounded by the line limit plus one chunk: a line over the
 * limit is read through without being kept and reported as too long.
 * The one NDJSON reader of the project (cpd batch, cpd audit, the
 * bindings' batch calls). */
#include <string.h>

#include "internal.h"

struct cpd_lines {
  char *buf;
  size_t start, len, cap; /* unread bytes: buf[start .. start+len) */
  size_t scanned;         /* of those, the first bytes known to hold no '\n' */
  size_t max;
  unsigned long number;
  int ended;      /* the end of the input was fed */
  int skipping;   /* inside a line over max: drop bytes up to its '\n' */
  int ready_long; /* a line over max has ended: report it next */
};

cpd_status cpd_lines_new(cpd_lines **out, size_t max_line) {
  cpd_lines *r;
  cpd_limits lim;
  if (!out)
    return CPD_EINVAL;
  *out = NULL;
  cpd__limits_resolve(&lim, NULL);
  r = cpd__calloc(1, sizeof *r);
  if (!r)
    return CPD_ENOMEM;
  r->max = max_line ? max_line : lim.max_document_bytes;
  *out = r;
  return CPD_OK;
}

void cpd_lines_free(cpd_lines *r) {
  if (!r)
    return;
  cpd__free(r->buf);
  cpd__free(r);
}

cpd_status cpd_lines_feed(cpd_lines *r, const char *data, size_t len) {
  if (!r || (!data && len))
    return CPD_EINVAL;
  if (!data) {
    r->ended = 1;
    if (r->skipping) { /* a long last line without '\n' has ended */
      r->skipping = 0;
      r->ready_long = 1;
    }
    return CPD_OK;
  }
  if (r->ended)
    return CPD_EINVAL;
  if (r->skipping) {
    const char *nl = memchr(data, '\n', len);
    if (!nl)
      return CPD_OK; /* still inside the long line: nothing is kept */
    r->skipping = 0;
    r->ready_long = 1;
    len -= (size_t)(nl + 1 - data);
    data = nl + 1;
  }
  if (!len)
    return CPD_OK;
  /* move what is left of the unread bytes to the front, then append */
  if (r->start && r->len)
    memmove(r->buf, r->buf + r->start, r->len);
  r->start = 0;
  if (len > r->cap - r->len) {
    size_t cap = r->cap ? r->cap : 65536;
    char *nb;
    while (cap - r->len < len) {
      if (cap > SIZE_MAX / 2)
        return CPD_ENOMEM;
      cap *= 2;
    }
    nb = cpd__realloc(r->buf, cap);
    if (!nb)
      return CPD_ENOMEM;
    r->buf = nb;
    r->cap = cap;
  }
  memcpy(r->buf + r->len, data, len);
  r->len += len;
  return CPD_OK;
}

static int blank(const char *s, size_t n) {
  size_t k;
  for (k = 0; k < n; k++)
    if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
      return 0;
  return 1;
}

int cpd_lines_next(cpd_lines *r, const char **line, size_t *len,
                   unsigned long *number, int *too_long) {
  const char *nl;
  size_t n, used;
  int long_line;
  if (!r || !line || !len)
    return 0;
  for (;;) {
    if (r->ready_long) {
      r->ready_long = 0;
      r->number++;
      *line = r->buf ? r->buf + r->start : "";
      *len = 0;
      if (number)
        *number = r->number;
      if (too_long)
        *too_long = 1;
      return 1;
    }
    if (!r->len)
      return 0;
    nl = memchr(r->buf + r->start + r->scanned, '\n', r->len - r->scanned);
    if (nl) {
      n = (size_t)(nl - (r->buf + r->start));
      used = n + 1;
    } else if (r->ended) {
      n = used = r->len; /* a last line without '\n' */
    } else {
      r->scanned = r->len;
      if (r->len > r->max) { /* over the limit before its end: drop it */
        r->start = r->len = r->scanned = 0;
        r->skipping = 1;
      }
      return 0;
    }
    *line = r->buf + r->start;
    r->start += used;
    r->len -= used;
    r->scanned = 0;
    r->number++;
    long_line = n > r->max; /* the limit counts a CR before '\n' too */
    if (n && (*line)[n - 1] == '\r')
      n--;
    if (!long_line && blank(*line, n))
      continue;
    if (number)
      *number = r->number;
    if (too_long)
      *too_long = long_line;
    *len = long_line ? 0 : n;
    return 1;
  }
}

void cpd_lines_too_long_error(const cpd_lines *r, cpd_error *err) {
  cpd_limits lim;
  cpd__limits_resolve(&lim, NULL);
  cpd__fail(err, CPD__M_IN_DOCUMENT_TOO_LARGE, "",
            (long long)(r ? r->max : lim.max_document_bytes));
}
