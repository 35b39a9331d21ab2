/* lines.c - NDJSON lines of a file for `cpd batch`, `cpd audit`, and the
 * applications and results `cpd reconcile` and `cpd notices` read: opens
 * the file (or standard input), reads it in chunks and hands them to the
 * library's NDJSON reader (cpd_lines_*), which cuts, numbers and bounds
 * the lines. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int lines_init(cli_lines *r, FILE *f, size_t max) {
  memset(r, 0, sizeof *r);
  r->f = f;
  r->max = max;
  return cpd_lines_new(&r->reader, max) == CPD_OK ? 0 : -1;
}

static void lines_free(cli_lines *r) {
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

int cli_lines_open(cli_lines **out, const char *path, const char *who, int ja) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  cli_lines *r;
  *out = NULL;
  if (!f) {
    cli_message(stderr,
                ja ? "%s: %s を開けません: %s\n" : "%s: cannot open %s: %s\n",
                who, path, strerror(errno));
    return EXIT_IO;
  }
  r = malloc(sizeof *r);
  if (!r || lines_init(r, f, CPD_DEFAULT_MAX_DOCUMENT_BYTES) != 0) {
    free(r);
    if (f != stdin)
      fclose(f);
    return EXIT_NOMEM;
  }
  r->path = path;
  *out = r;
  return 0;
}

int cli_lines_close(cli_lines *r, const char *who, int ja, int rc) {
  if (!r)
    return rc;
  if (!rc && ferror(r->f)) {
    cli_message(stderr,
                ja ? "%s: %s を読み込めません: %s\n"
                   : "%s: cannot read %s: %s\n",
                who, r->path, strerror(errno));
    rc = EXIT_IO;
  }
  if (r->f != stdin)
    fclose(r->f);
  lines_free(r);
  free(r);
  return rc;
}
