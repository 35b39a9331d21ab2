/* lines.c - NDJSON lines of a FILE for `cpd batch` and `cpd audit`: reads
 * the stream in chunks and hands them to the library's NDJSON reader
 * (cpd_lines_*), which cuts, numbers and bounds the lines. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_lines_init(cli_lines *r, FILE *f, size_t max) {
  memset(r, 0, sizeof *r);
  r->f = f;
  r->max = max;
  return cpd_lines_new(&r->reader, max) == CPD_OK ? 0 : -1;
}

void cli_lines_free(cli_lines *r) {
  cpd_lines_free(r->reader);
  r->reader = NULL;
}

int cli_lines_next(cli_lines *r, int *too_long) {
  for (;;) {
    size_t got;
    if (cpd_lines_next(r->reader, &r->line, &r->len, &r->number, too_long))
      return 1;
    if (r->eof)
      return 0;
    got = fread(r->chunk, 1, sizeof r->chunk, r->f);
    if (got == 0) {
      r->eof = 1;
      if (cpd_lines_feed(r->reader, NULL, 0) != CPD_OK)
        return -1;
      continue;
    }
    if (cpd_lines_feed(r->reader, r->chunk, got) != CPD_OK)
      return -1;
  }
}

void cli_line_too_long(const cli_lines *r, cpd_error *err) {
  cpd_lines_too_long_error(r->reader, err);
}
