/* batch_fuzzer.c - NDJSON as `cpd batch` reads it, through the CLI's own
 * reader (cli/lines.c) over an in-memory stream.
 *
 * The harness also splits the input itself by the documented rules (lines
 * end at '\n'; one '\r' before it is dropped; the last line needs no '\n';
 * a line of only spaces, tabs and '\r' is blank) and requires the reader to
 * give exactly those lines, numbered from 1, with a line over the limit
 * (its bytes before '\n') reported as too long.  Every non-blank line within the limit goes through
 * the one-call entry point with the invariants of fuzz_common.h. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fuzz_common.h"

/* The CLI's limit is the library's default, 4 MiB; the fuzzer's inputs are
 * far smaller, so a small stand-in exercises the same branch. */
#define LINE_LIMIT 4096

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t pos = 0, lines = 0;
  cpd_check_options opts = CPD_CHECK_OPTIONS_INIT;
  cpd_limits lim = CPD_LIMITS_INIT;
  cli_lines *r;
  FILE *f;
  int too_long, got;
  lim.max_document_bytes = LINE_LIMIT;
  opts.limits = &lim;

  if (size == 0) /* fmemopen wants a buffer; an empty input has no line */
    return 0;
  f = fmemopen((void *)(uintptr_t)data, size, "rb");
  FZ_CHECK(f, "fmemopen failed");
  r = malloc(sizeof *r);
  FZ_CHECK(r, "out of memory");
  cli_lines_init(r, f, LINE_LIMIT);

  while ((got = cli_lines_next(r, &too_long)) != 0) {
    const uint8_t *nl;
    size_t end, n;
    FZ_CHECK(got == 1, "the reader ran out of memory");
    FZ_CHECK(pos < size, "the reader gave a line after the end");
    nl = memchr(data + pos, '\n', size - pos);
    end = nl ? (size_t)(nl - data) : size;
    n = end - pos;
    lines++;
    FZ_CHECK(r->number == lines, "line %lu, expected %zu", r->number, lines);
    /* the limit counts the line's bytes before '\n' (a CR included) */
    FZ_CHECK(too_long == (n > LINE_LIMIT), "line %zu: too_long %d for %zu "
             "bytes", lines, too_long, n);
    if (n && data[pos + n - 1] == '\r')
      n--;
    if (!too_long) {
      FZ_CHECK(r->len == n && (n == 0 || memcmp(r->line, data + pos, n) == 0),
               "line %zu: the reader's text differs", lines);
      if (!cli_line_is_blank(r->line, r->len))
        fz_check_application(NULL, (const uint8_t *)r->line, r->len, &opts);
    }
    pos = nl ? end + 1 : size;
  }
  FZ_CHECK(pos == size, "the reader stopped at byte %zu of %zu", pos, size);
  cli_lines_free(r);
  free(r);
  fclose(f);
  return 0;
}
