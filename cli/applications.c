/* applications.c - the applications file of `cpd reconcile` and `cpd
 * notices` (applications.h). */
#include <stdio.h>

#include "applications.h"

typedef struct app_reader {
  const char *cmd, *path;
  int ja;
  unsigned long errors;
} app_reader;

static void line_error(app_reader *ar, unsigned long line,
                       const cpd_error *err) {
  ar->errors++;
  if (ar->errors > APPLICATIONS_MAX_REPORTED)
    return;
  cli_message(stderr,
              ar->ja ? "cpd %s: %s: %lu 行目: " : "cpd %s: %s: line %lu: ",
              ar->cmd, ar->path, line);
  cli_print_error_detail(stderr, err, ar->ja);
}

/* One line: 0 (an error is counted), fn's status, or EXIT_NOMEM. */
static int one_line(app_reader *ar, const cli_lines *r, int too_long,
                    const cpd_policy *policy, cli_application_fn fn,
                    void *ctx) {
  cpd_document *doc = NULL;
  cpd_result *res = NULL;
  cpd_error err;
  cpd_status st;
  int rc = 0;
  if (too_long) {
    cli_line_too_long(r, &err);
    line_error(ar, r->number, &err);
    return 0;
  }
  st = cpd_document_load_json(&doc, r->line, r->len, NULL, &err);
  if (st == CPD_OK)
    st = cpd_document_evaluate(&res, policy, doc, &err);
  if (st == CPD_ENOMEM)
    rc = EXIT_NOMEM;
  else if (st != CPD_OK)
    line_error(ar, r->number, &err);
  else if (!ar->errors)
    rc = fn(ctx, r->number, cpd_document_application(doc), res);
  cpd_result_free(res);
  cpd_document_free(doc);
  return rc;
}

int cli_applications_read(const char *cmd, const char *path, int ja,
                          const cpd_policy *policy, cli_application_fn fn,
                          void *ctx) {
  app_reader ar;
  cli_lines *r;
  char who[32];
  int too_long = 0, got, rc;
  ar.cmd = cmd;
  ar.path = path;
  ar.ja = ja;
  ar.errors = 0;
  snprintf(who, sizeof who, "cpd %s", cmd);
  rc = cli_lines_open(&r, path, who, ja);
  while (!rc && (got = cli_lines_next(r, &too_long)) != 0)
    rc = got < 0 ? EXIT_NOMEM : one_line(&ar, r, too_long, policy, fn, ctx);
  rc = cli_lines_close(r, who, ja, rc);
  if (!rc && ar.errors) {
    if (ar.errors > APPLICATIONS_MAX_REPORTED)
      cli_message(stderr,
                  ja ? "cpd %s: %s: ほかに %lu 行のエラー\n"
                     : "cpd %s: %s: %lu more lines in error\n",
                  cmd, path, ar.errors - APPLICATIONS_MAX_REPORTED);
    rc = EXIT_INPUT;
  }
  return rc;
}
