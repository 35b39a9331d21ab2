/* standalone_main.c - replays fuzz inputs without libFuzzer, so any C
 * compiler (and ctest) can run a harness over its corpus:
 *
 *     NAME_replay FILE|DIR...
 *
 * Each file is read whole and passed once to LLVMFuzzerTestOneInput in a
 * heap buffer of exactly its size (so a sanitizer sees any over-read); a
 * directory means every regular file in it, in name order.  A broken
 * invariant aborts.  Prints how many inputs ran; exit 0, or 1 when an
 * argument cannot be read or nothing ran. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  unsigned char *buf = NULL;
  size_t len = 0, cap = 0;
  if (!f) {
    fprintf(stderr, "replay: cannot open %s\n", path);
    return -1;
  }
  for (;;) {
    size_t got;
    if (len == cap) {
      unsigned char *nb;
      cap = cap ? cap * 2 : 65536;
      nb = realloc(buf, cap);
      if (!nb) {
        fprintf(stderr, "replay: out of memory reading %s\n", path);
        free(buf);
        fclose(f);
        return -1;
      }
      buf = nb;
    }
    got = fread(buf + len, 1, cap - len, f);
    len += got;
    if (got == 0)
      break;
  }
  fclose(f);
  {
    /* an exact-size copy: nothing to read past the end but a redzone */
    unsigned char *exact = malloc(len ? len : 1);
    if (!exact) {
      free(buf);
      return -1;
    }
    if (len)
      memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
  }
  return 1;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *path) {
  DIR *d = opendir(path);
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, cap = 0, i;
  int count = 0;
  if (!d) {
    fprintf(stderr, "replay: cannot open %s\n", path);
    return -1;
  }
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      char **nn;
      cap = cap ? cap * 2 : 64;
      nn = realloc(names, cap * sizeof *names);
      if (!nn)
        break;
      names = nn;
    }
    names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
    if (!names[n])
      break;
    sprintf(names[n], "%s/%s", path, e->d_name);
    n++;
  }
  closedir(d);
  if (n)
    qsort(names, n, sizeof *names, cmp_names);
  for (i = 0; i < n; i++) {
    struct stat st;
    if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
      int rc = run_file(names[i]);
      if (rc < 0)
        count = -1;
      else if (count >= 0)
        count += rc;
    }
    free(names[i]);
  }
  free(names);
  return count;
}

int main(int argc, char **argv) {
  int i, total = 0, bad = 0;
  LLVMFuzzerInitialize(&argc, &argv);
  for (i = 1; i < argc; i++) {
    struct stat st;
    int rc;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "replay: cannot open %s\n", argv[i]);
      bad = 1;
      continue;
    }
    rc = S_ISDIR(st.st_mode) ? run_dir(argv[i]) : run_file(argv[i]);
    if (rc < 0)
      bad = 1;
    else
      total += rc;
  }
  printf("replay: %d inputs, no invariant broken\n", total);
  return bad || total == 0;
}
