/* consumer.c - a program outside the project, as an office developer on
 * Windows would write it: built with MinGW against the zip's
 * include/cpd.h and lib/libcpd.dll.a only, run with bin/libcpd-0.dll
 * (scripts/windows, under Wine).
 *
 *   consumer APPLICATION.json [POLICY.json]
 *
 * prints what `cpd check APPLICATION.json --format json` prints on stdout
 * (the result document, or the error document of an input error) and
 * exits as it does: 0 eligible, 1 incomplete or ineligible, 2 input
 * error; 4 when a file cannot be read.  Its stdout is binary, as cpd.exe's
 * is (a Windows program's text mode would write "\r\n"). */
#include <cpd.h>

#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (!f)
    return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
      fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
    *len = fread(buf, 1, (size_t)n, f);
    if (*len != (size_t)n) {
      free(buf);
      buf = NULL;
    }
  }
  fclose(f);
  return buf;
}

int main(int argc, char **argv) {
  cpd_policy *policy = NULL;
  cpd_result *result = NULL;
  cpd_error err;
  char *app, *doc = NULL;
  size_t len = 0;
  cpd_status st;
  int rc;
  _setmode(_fileno(stdout), _O_BINARY);
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: consumer APPLICATION.json [POLICY.json]\n");
    return 3;
  }
  if (argc == 3) {
    size_t plen = 0;
    char *p = read_file(argv[2], &plen);
    if (!p) {
      fprintf(stderr, "consumer: cannot read %s\n", argv[2]);
      return 4;
    }
    st = cpd_policy_load_json(&policy, p, plen, NULL, &err);
    free(p);
    if (st != CPD_OK) {
      if (cpd_error_to_json(&doc, &err) == CPD_OK)
        puts(doc);
      cpd_string_free(doc);
      return 2;
    }
  }
  app = read_file(argv[1], &len);
  if (!app) {
    fprintf(stderr, "consumer: cannot read %s\n", argv[1]);
    cpd_policy_free(policy);
    return 4;
  }
  st = cpd_evaluate_json(&result, policy, app, len, NULL, &err);
  free(app);
  if (st == CPD_OK) {
    rc = cpd_result_summary(result)->decision == CPD_ELIGIBLE ? 0 : 1;
    st = cpd_result_to_json(&doc, result);
  } else {
    rc = 2;
    if (st == CPD_EINPUT)
      st = cpd_error_to_json(&doc, &err);
  }
  if (st == CPD_OK)
    puts(doc);
  else
    fprintf(stderr, "consumer: %s\n", cpd_status_str(st));
  fprintf(stderr, "consumer: libcpd %s: %s\n", cpd_version_string(),
          rc == 2 ? "input error"
                  : cpd_decision_str(cpd_result_summary(result)->decision));
  cpd_string_free(doc);
  cpd_result_free(result);
  cpd_policy_free(policy);
  return st == CPD_OK ? rc : 5;
}
