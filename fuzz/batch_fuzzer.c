/* batch_fuzzer.c - NDJSON as `cpd batch` reads it, through the library's
 * one reader (cpd_lines_*), fed in chunks whose sizes the input chooses.
 *
 * The harness also splits the input itself by the documented rules (lines
 * end at '\n'; one '\r' before it is dropped; the last line needs no '\n';
 * a line of only spaces, tabs and '\r' is blank: skipped but counted) and
 * requires the reader to give exactly the non-blank lines, with their
 * 1-based numbers, a line over the limit (its bytes before '\n') reported
 * as too long.  Every line within the limit goes through the one-call
 * entry point with the invariants of fuzz_common.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

/* The CLI's limit is the library's default, 4 MiB; the fuzzer's inputs are
 * far smaller, so a small stand-in exercises the same branch. */
#define LINE_LIMIT 4096

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

static int blank(const uint8_t *s, size_t n) {
  size_t k;
  for (k = 0; k < n; k++)
    if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
      return 0;
  return 1;
}

typedef struct expect {
  const uint8_t *data;
  size_t size, pos;
  unsigned long number;
} expect;

/* The next non-blank line by the documented rules: its start, length
 * (CR dropped), raw length and number; 0 at the end. */
static int next_expected(expect *x, size_t *start, size_t *n, size_t *raw,
                         unsigned long *number) {
  while (x->pos < x->size) {
    const uint8_t *nl = memchr(x->data + x->pos, '\n', x->size - x->pos);
    size_t end = nl ? (size_t)(nl - x->data) : x->size;
    size_t len = end - x->pos, s = x->pos;
    x->pos = nl ? end + 1 : x->size;
    x->number++;
    *raw = len;
    if (len && x->data[s + len - 1] == '\r')
      len--;
    if (*raw <= LINE_LIMIT && blank(x->data + s, len))
      continue;
    *start = s;
    *n = len;
    *number = x->number;
    return 1;
  }
  return 0;
}

static void check_line(expect *x, const char *line, size_t len,
                       unsigned long number, int too_long,
                       const cpd_check_options *opts) {
  size_t start = 0, n = 0, raw = 0;
  unsigned long want = 0;
  FZ_CHECK(next_expected(x, &start, &n, &raw, &want),
           "the reader gave a line after the last one");
  FZ_CHECK(number == want, "line %lu, expected %lu", number, want);
  FZ_CHECK(too_long == (raw > LINE_LIMIT),
           "line %lu: too_long %d for %zu bytes", want, too_long, raw);
  if (!too_long) {
    FZ_CHECK(len == n && (n == 0 || memcmp(line, x->data + start, n) == 0),
             "line %lu: the reader's text differs", want);
    fz_check_application(NULL, (const uint8_t *)line, len, opts);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cpd_check_options opts = CPD_CHECK_OPTIONS_INIT;
  cpd_limits lim = CPD_LIMITS_INIT;
  cpd_lines *r = NULL;
  expect x;
  size_t pos = 0, chunk, start, n, raw;
  unsigned long number;
  const char *line;
  size_t len;
  int too_long;
  lim.max_document_bytes = LINE_LIMIT;
  opts.limits = &lim;

  if (size == 0)
    return 0;
  chunk = (size_t)data[0] % 64 + 1; /* the first byte picks the chunk size */
  data++;
  size--;
  memset(&x, 0, sizeof x);
  x.data = data;
  x.size = size;
  FZ_CHECK(cpd_lines_new(&r, LINE_LIMIT) == CPD_OK, "out of memory");
  while (pos < size) {
    size_t take = size - pos < chunk ? size - pos : chunk;
    FZ_CHECK(cpd_lines_feed(r, (const char *)data + pos, take) == CPD_OK,
             "feed failed");
    pos += take;
    while (cpd_lines_next(r, &line, &len, &number, &too_long))
      check_line(&x, line, len, number, too_long, &opts);
  }
  FZ_CHECK(cpd_lines_feed(r, NULL, 0) == CPD_OK, "end failed");
  while (cpd_lines_next(r, &line, &len, &number, &too_long))
    check_line(&x, line, len, number, too_long, &opts);
  FZ_CHECK(!next_expected(&x, &start, &n, &raw, &number),
           "the reader stopped before line %lu", number);
  cpd_lines_free(r);
  return 0;
}
