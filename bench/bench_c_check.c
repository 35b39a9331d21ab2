/* bench_c_check.c - time of one cpd_check_json_opts call on a realistic
 * application, the C side of bench/bench_python.py.
 *
 *   bench_c_check FILE [N]   (default N = 100000)
 *
 * Reads FILE once, then checks it N times (freeing each result) after a
 * warm-up, and prints the mean time per call in microseconds. */
#define _POSIX_C_SOURCE 199309L
#include <cpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_c_check FILE [N]\n");
    return 2;
  }
  long n = argc > 2 ? strtol(argv[2], NULL, 10) : 100000;
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  static char buf[1 << 20];
  size_t len = fread(buf, 1, sizeof buf, f);
  fclose(f);

  cpd_error err;
  char *out = NULL;
  for (long i = 0; i < n / 10 + 1; i++) { /* warm-up */
    if (cpd_check_json_opts(&out, NULL, buf, len, NULL, &err) != CPD_OK) {
      fprintf(stderr, "%s: %s\n", err.code, err.message);
      return 1;
    }
    cpd_string_free(out);
  }
  double t0 = now();
  for (long i = 0; i < n; i++) {
    cpd_check_json_opts(&out, NULL, buf, len, NULL, &err);
    cpd_string_free(out);
  }
  double t = now() - t0;
  printf("c: cpd_check_json_opts %.2f us/call (%ld calls, %zu bytes in)\n",
         t / (double)n * 1e6, n, len);
  return 0;
}
