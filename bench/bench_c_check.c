/* bench_c_check.c - the C side of the bindings' per-call figures
 * (bench/bench_python.py, bench/bench_bindings.py): one application
 * checked N times a round, the best of R rounds kept.
 *
 *   bench_c_check FILE [N [MODE [ROUNDS]]]   (N 100000, MODE json, ROUNDS 1)
 *
 * MODE json          cpd_check_json_opts + cpd_string_free (the one call)
 *      checker       cpd_checker_check on one reusable checker: the result
 *                    document and the typed result, as the bindings call it
 *      checker-read  checker, then every typed field of the result read
 *                    (summary, period years, sections, activities,
 *                    diagnostics with their messages), as a binding that
 *                    hands back a typed result does
 *
 * Reads FILE once, warms up with N/10 + 1 calls, and prints the best
 * round's mean time per call in microseconds, wall and process CPU time:
 *   c: MODE W us/call (cpu C us/call, N calls x R rounds, B bytes in)
 */
#define _POSIX_C_SOURCE 199309L
#include <cpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Every typed field, folded into a number the compiler must compute. */
static unsigned long read_all(const cpd_result *r) {
  const cpd_summary *s = cpd_result_summary(r);
  unsigned long h = (unsigned long)s->decision + (unsigned long)s->counted;
  size_t i, n;
  int y;
  h += (unsigned long)s->applied_on + (unsigned long)s->window_opens_on +
       (unsigned long)s->window_status + (unsigned long)s->required +
       (unsigned long)s->shortfall + (unsigned long)s->renewal_starts_on +
       (s->qualification ? strlen(s->qualification) : 0) +
       (s->email_subject ? strlen(s->email_subject) : 0) +
       (s->policy_name ? strlen(s->policy_name) : 0);
  for (y = 1; y <= s->period_years; y++) {
    cpd_day a = 0, b = 0;
    cpd_result_period_year(r, y, &a, &b);
    h += (unsigned long)(a + b);
  }
  n = cpd_result_section_count(r);
  for (i = 0; i < n; i++) {
    const cpd_section_total *t = cpd_result_section(r, i);
    h += strlen(t->section) +
         (unsigned long)(t->claimed + t->counted + t->cap) + t->entries +
         (unsigned long)t->year;
  }
  n = cpd_result_activity_count(r);
  for (i = 0; i < n; i++) {
    const cpd_activity_result *a = cpd_result_activity(r, i);
    h += a->index + (a->id ? strlen(a->id) : 0) +
         (a->section ? strlen(a->section) : 0) +
         (unsigned long)(a->claimed + a->counted + a->year + (int)a->status);
  }
  n = cpd_result_diagnostic_count(r);
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    if (d)
      h += strlen(d->code) + strlen(d->path) + strlen(d->message) +
           strlen(d->message_ja) + strlen(d->rule) + d->activity +
           (unsigned long)d->severity;
  }
  return h;
}

int main(int argc, char **argv) {
  long n, k, rounds, round, warm;
  const char *mode;
  static char buf[1 << 22];
  size_t len;
  FILE *f;
  cpd_checker *checker = NULL;
  cpd_error err;
  double best_wall = 1e300, best_cpu = 1e300;
  unsigned long sink = 0;
  if (argc < 2) {
    fprintf(
        stderr,
        "usage: bench_c_check FILE [N [json|checker|checker-read [ROUNDS]]]\n");
    return 2;
  }
  n = argc > 2 ? strtol(argv[2], NULL, 10) : 100000;
  mode = argc > 3 ? argv[3] : "json";
  rounds = argc > 4 ? strtol(argv[4], NULL, 10) : 1;
  if (n < 1 || rounds < 1 ||
      (strcmp(mode, "json") && strcmp(mode, "checker") &&
       strcmp(mode, "checker-read"))) {
    fprintf(stderr, "bench_c_check: bad arguments\n");
    return 2;
  }
  f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  len = fread(buf, 1, sizeof buf, f);
  fclose(f);
  if (cpd_checker_new(&checker, NULL, NULL, &err) != CPD_OK) {
    fprintf(stderr, "%s: %s\n", err.code, err.message);
    return 1;
  }
  warm = n / 10 + 1;
  for (round = -1; round < rounds; round++) { /* round -1: the warm-up */
    long calls = round < 0 ? warm : n;
    double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (k = 0; k < calls; k++) {
      if (mode[0] == 'j') {
        char *out = NULL;
        if (cpd_check_json_opts(&out, NULL, buf, len, NULL, &err) != CPD_OK) {
          fprintf(stderr, "%s: %s\n", err.code, err.message);
          return 1;
        }
        cpd_string_free(out);
      } else {
        const char *out = NULL;
        size_t out_len = 0;
        if (cpd_checker_check(checker, &out, &out_len, buf, len, &err) !=
            CPD_OK) {
          fprintf(stderr, "%s: %s\n", err.code, err.message);
          return 1;
        }
        sink += out_len;
        if (mode[7] == '-')
          sink += read_all(cpd_checker_result(checker));
      }
    }
    if (round >= 0) {
      double w = (now(CLOCK_MONOTONIC) - w0) / (double)n;
      double c = (now(CLOCK_PROCESS_CPUTIME_ID) - c0) / (double)n;
      if (w < best_wall)
        best_wall = w;
      if (c < best_cpu)
        best_cpu = c;
    }
  }
  cpd_checker_free(checker);
  printf("c: %s %.2f us/call (cpu %.2f us/call, %ld calls x %ld rounds, %zu "
         "bytes in%s)\n",
         mode, best_wall * 1e6, best_cpu * 1e6, n, rounds, len,
         sink == 1 ? "" : "");
  return 0;
}
