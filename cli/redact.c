/* redact.c - `cpd redact FILE|- [-o OUT]`: the application with the
 * applicant's personal data masked, to share a case. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* a usage error of this command (a literal format, checked) */
#define usage(...) cli_usage("redact", __VA_ARGS__)

int cli_cmd_redact(int argc, char **argv) {
  const char *file = NULL, *out_path = NULL;
  int ja, rc;
  char *text = NULL, *doc = NULL;
  size_t len;
  cpd_error err;
  cpd_status st;
  {
    const char *lang = NULL;
    int help = 0;
    const cli_option options[] = {
        {"--output", "-o", &out_path, NULL, NULL, NULL, NULL},
        {"--lang", NULL, &lang, NULL, cli_lang_choices, NULL, NULL}};
    rc = cli_parse_args("redact", argc, argv, options,
                        sizeof options / sizeof options[0], &file, 1, &help);
    if (rc)
      return rc;
    ja = cli_lang(lang);
    if (help)
      return cli_help("redact", ja);
  }
  if (!file)
    return usage("%s", "redact needs a FILE (or - for stdin)");
  rc = cli_read_all(file, CPD_DEFAULT_MAX_DOCUMENT_BYTES, &text, &len);
  if (rc)
    return rc;
  st = cpd_redact_json(&doc, text, len, NULL, &err);
  free(text);
  if (st == CPD_EINPUT) {
    cli_print_error_text(stderr, &err, ja);
    return EXIT_INPUT;
  }
  if (st != CPD_OK) {
    fprintf(stderr, "cpd: %s\n", cpd_status_str(st));
    return st == CPD_ENOMEM ? EXIT_NOMEM : EXIT_INPUT;
  }
  /* atomically into OUT (output.c), or stdout */
  rc = cli_write_output("redact", out_path, doc, strlen(doc), ja);
  cpd_string_free(doc);
  return rc;
}
