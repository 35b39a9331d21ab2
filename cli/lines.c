/* lines.c - NDJSON lines of a stream for `cpd batch` and `cpd audit`: each
 * cut at '\n' (a '\r' before it dropped), numbered, in bounded memory (a
 * line longer than the limit is read through and reported as too long),
 * blank lines told apart, and the error of a too-long line. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_lines_init(cli_lines *r, FILE *f, size_t max) {
  memset(r, 0, sizeof *r);
  r->f = f;
  r->max = max;
}

void cli_lines_free(cli_lines *r) {
  free(r->line);
  r->line = NULL;
  r->len = r->cap = 0;
}

int cli_lines_next(cli_lines *r, int *too_long) {
  *too_long = 0;
  r->len = 0;
  for (;;) {
    char *nl;
    size_t take;
    if (r->pos == r->got) {
      if (r->eof)
        break;
      r->got = fread(r->chunk, 1, sizeof r->chunk, r->f);
      r->pos = 0;
      if (r->got == 0) {
        r->eof = 1;
        continue;
      }
    }
    nl = memchr(r->chunk + r->pos, '\n', r->got - r->pos);
    take = nl ? (size_t)(nl - (r->chunk + r->pos)) : r->got - r->pos;
    if (!*too_long && r->len + take > r->max) {
      *too_long = 1;
    } else if (!*too_long && take) {
      if (r->len + take > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        char *nb;
        while (cap < r->len + take)
          cap *= 2;
        nb = realloc(r->line, cap);
        if (!nb)
          return -1;
        r->line = nb;
        r->cap = cap;
      }
      memcpy(r->line + r->len, r->chunk + r->pos, take);
      r->len += take;
    }
    r->pos += take;
    if (nl) {
      r->pos++;
      goto line;
    }
  }
  if (!r->len && !*too_long)
    return 0; /* the end (a last line without '\n' was returned before) */
line:
  r->number++;
  if (r->len && r->line[r->len - 1] == '\r')
    r->len--;
  return 1;
}

int cli_line_is_blank(const char *s, size_t n) {
  size_t k;
  for (k = 0; k < n; k++)
    if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
      return 0;
  return 1;
}

void cli_line_too_long(cpd_error *err, size_t max) {
  memset(err, 0, sizeof *err);
  snprintf(err->code, sizeof err->code, "input.too_large");
  err->offset = (long long)max;
  snprintf(err->message, sizeof err->message,
           "The document is larger than the size limit.");
  snprintf(err->message_ja, sizeof err->message_ja,
           "文書がサイズの上限を超えています。");
}
