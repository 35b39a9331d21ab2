/* genlib.h - the seeded generator of realistic renewal applications shared
 * by bench/gen.c (NDJSON to stdout) and bench/bench.c (in-memory inputs).
 *
 * One call writes one application document (one line, no newline) into a
 * growable buffer.  Everything is drawn from a xoshiro256** stream seeded
 * with splitmix64, so a seed gives the same bytes on every machine. */
#ifndef CPD_BENCH_GENLIB_H
#define CPD_BENCH_GENLIB_H

#include <stddef.h>
#include <stdint.h>

typedef struct gen_rng {
  uint64_t s[4];
} gen_rng;

void gen_seed(gen_rng *r, uint64_t seed);
uint64_t gen_next(gen_rng *r);
/* Uniform in 0..n-1 (n > 0). */
uint32_t gen_below(gen_rng *r, uint32_t n);

typedef struct gen_buf {
  char *p;
  size_t len, cap;
} gen_buf;

void gen_buf_reserve(gen_buf *b, size_t extra); /* aborts on OOM */
void gen_buf_free(gen_buf *b);

typedef struct gen_opts {
  /* Activities per application: 0 draws 20..40 per line. */
  unsigned activities;
  /* Lines (per mille) that are input errors (missing applied_on, a bad
   * expiry date, a duplicate key, a truncated line).  Default 10. */
  unsigned error_permille;
  /* 0: every field valid and the application eligible-looking (still with
   * caps exceeded); 1 (default): a realistic share of invalid fields. */
  int invalid_fields;
} gen_opts;
#define GEN_OPTS_INIT                                                          \
  { 0, 10, 1 }

/* Append one application (one line of NDJSON, without the newline). */
void gen_application(gen_rng *r, gen_buf *out, const gen_opts *o);

#endif
