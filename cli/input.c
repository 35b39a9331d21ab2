/* input.c - what the commands read: a whole input file (or stdin) up to
 * a limit, and the --policy document. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Reads a whole file (or stdin for "-") up to max bytes; one more byte is
 * read so that an over-long input is seen as such.  Returns 0, or EXIT_IO
 * with a message. */
int cli_read_all(const char *path, size_t max, char **out, size_t *len) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  size_t cap = 65536, n = 0;
  char *buf;
  *out = NULL;
  *len = 0;
  if (!f) {
    cli_message(stderr,
                cli_messages_ja() ? "cpd: %s を開けません: %s\n"
                                  : "cpd: cannot open %s: %s\n",
                path, strerror(errno));
    return EXIT_IO;
  }
  buf = malloc(cap);
  while (buf) {
    size_t got;
    if (n == cap) {
      char *nb;
      if (cap > max)
        break;
      cap *= 2;
      nb = realloc(buf, cap);
      if (!nb) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
    }
    /* cppcheck-suppress nullPointerArithmeticRedundantCheck ; buf is not
     * NULL inside `while (buf)`: the loop is left as soon as it becomes so */
    got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0 || n > max)
      break;
  }
  if (buf && ferror(f)) {
    cli_message(stderr,
                cli_messages_ja() ? "cpd: %s を読み込めません: %s\n"
                                  : "cpd: cannot read %s: %s\n",
                path, strerror(errno));
    free(buf);
    buf = NULL;
    if (f != stdin)
      fclose(f);
    return EXIT_IO;
  }
  if (f != stdin)
    fclose(f);
  if (!buf) {
    fputs("cpd: out of memory\n", stderr);
    return EXIT_NOMEM;
  }
  *out = buf;
  *len = n;
  return 0;
}

int cli_load_policy(const char *path, int ja, int json, cpd_policy **policy) {
  char *text;
  size_t len;
  cpd_error err;
  cpd_status st;
  int rc;
  *policy = NULL;
  if (!path)
    return 0;
  rc = cli_read_all(path, CPD_POLICY_MAX_BYTES, &text, &len);
  if (rc)
    return rc;
  st = cpd_policy_load_json(policy, text, len, NULL, &err);
  free(text);
  if (st == CPD_OK)
    return 0;
  if (st == CPD_ENOMEM) {
    fputs("cpd: out of memory\n", stderr);
    return EXIT_NOMEM;
  }
  cli_message(stderr,
              ja ? "cpd: ポリシー %s を読み込めません: "
                 : "cpd: the policy %s is refused: ",
              path);
  cli_print_error_detail(stderr, &err, ja);
  if (json) {
    char *doc = NULL;
    if (cpd_error_to_json(&doc, &err) == CPD_OK)
      printf("%s\n", doc);
    cpd_string_free(doc);
  }
  return EXIT_INPUT;
}
