/* batch_fuzzer.c - NDJSON as `cpd batch` reads it.
 *
 * The reader of the CLI is static code in cli/cpd.c, so this harness
 * splits the input exactly as it does: lines end at '\n'; one '\r' before
 * it is dropped (CRLF); a line of only spaces, tabs and '\r' is blank and
 * skipped; the last line needs no '\n'; a line over the document limit is
 * refused without being read.  Every other line goes through the one-call
 * entry point with the invariants of fuzz_common.h, and the number of
 * answers must equal the number of non-blank lines. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t pos = 0, lines = 0, blank = 0, answered = 0;
  cpd_check_options opts = CPD_CHECK_OPTIONS_INIT;
  cpd_limits lim = CPD_LIMITS_INIT;
  lim.max_document_bytes = LINE_LIMIT;
  opts.limits = &lim;

  while (pos < size) {
    const uint8_t *nl = memchr(data + pos, '\n', size - pos);
    size_t end = nl ? (size_t)(nl - data) : size, n = end - pos, k;
    lines++;
    if (n && data[pos + n - 1] == '\r')
      n--;
    for (k = 0; k < n; k++)
      if (data[pos + k] != ' ' && data[pos + k] != '\t' &&
          data[pos + k] != '\r')
        break;
    if (k == n) {
      blank++;
    } else if (n > LINE_LIMIT) {
      answered++; /* the CLI answers input.too_large without reading it */
    } else {
      fz_check_application(NULL, data + pos, n, &opts);
      answered++;
    }
    pos = nl ? end + 1 : size;
  }
  FZ_CHECK(answered + blank == lines, "%zu lines, %zu answered, %zu blank",
           lines, answered, blank);
  return 0;
}
