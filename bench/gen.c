/* gen.c - writes N realistic renewal applications as NDJSON (one document
 * per line) to stdout.  Deterministic: the same seed and options give the
 * same bytes.  See genlib.c for what the documents contain.
 *
 *   gen --seed S --lines N [--activities K] [--errors PERMILLE] [--valid]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genlib.h"

static const char usage[] =
    "Usage: gen --seed S --lines N [--activities K] [--errors PERMILLE] "
    "[--valid]\n"
    "  --seed S        seed of the generator (default 1)\n"
    "  --lines N       applications to write, one per line (default 1000)\n"
    "  --activities K  activities per application (default: 20..40 each)\n"
    "  --errors P      per mille of lines that are input errors (default 10)\n"
    "  --valid         no invalid fields and no input-error lines\n";

static int parse_u64(const char *s, unsigned long long *out) {
  char *end;
  errno = 0;
  if (!s || !*s || *s == '-')
    return 0;
  *out = strtoull(s, &end, 10);
  return errno == 0 && *end == '\0';
}

int main(int argc, char **argv) {
  unsigned long long seed = 1, lines = 1000, v;
  gen_opts o = GEN_OPTS_INIT;
  gen_rng r;
  gen_buf b = {NULL, 0, 0};
  unsigned long long i;
  int k;
  for (k = 1; k < argc; k++) {
    const char *a = argv[k], *val = k + 1 < argc ? argv[k + 1] : NULL;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(a, "--valid") == 0) {
      o.invalid_fields = 0;
      o.error_permille = 0;
      continue;
    }
    if (!parse_u64(val, &v)) {
      fprintf(stderr, "gen: %s needs a non-negative number\n%s", a, usage);
      return 3;
    }
    if (strcmp(a, "--seed") == 0)
      seed = v;
    else if (strcmp(a, "--lines") == 0)
      lines = v;
    else if (strcmp(a, "--activities") == 0 && v <= 1000000)
      o.activities = (unsigned)v;
    else if (strcmp(a, "--errors") == 0 && v <= 1000)
      o.error_permille = (unsigned)v;
    else {
      fprintf(stderr, "gen: unknown or out-of-range option %s\n%s", a, usage);
      return 3;
    }
    k++;
  }
  gen_seed(&r, seed);
  for (i = 0; i < lines; i++) {
    gen_application(&r, &b, &o);
    gen_buf_reserve(&b, 1);
    b.p[b.len++] = '\n';
    if (b.len >= (1u << 20)) {
      if (fwrite(b.p, 1, b.len, stdout) != b.len)
        break;
      b.len = 0;
    }
  }
  if (b.len)
    fwrite(b.p, 1, b.len, stdout);
  gen_buf_free(&b);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "gen: cannot write: %s\n", strerror(errno));
    return 1;
  }
  return 0;
}
