/* cpd.c - the `cpd` command line: check one application, batch NDJSON,
 * print the policy.  A thin user of the public API (include/cpd.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cpd_git.h" /* CPD_GIT_DESCRIBE, in a build from git */

typedef struct opts {
  const char *command;
  const char *file;
  const char *policy_file;
  int text;
  int ja;
  int help;
} opts;

/* a usage error of no command (a literal format, checked) */
#define usage_error(...) cli_usage(NULL, __VA_ARGS__)

static int parse_args(int argc, char **argv, opts *o) {
  static const char *const formats[] = {"json", "text", "csv", NULL};
  const char *format = NULL, *lang = NULL, *pos[2] = {NULL, NULL};
  const cli_option options[] = {
      {"--policy", NULL, &o->policy_file, NULL, NULL, NULL, NULL},
      {"--format", NULL, &format, NULL, formats, NULL, NULL},
      {"--lang", NULL, &lang, NULL, cli_lang_choices, NULL, NULL}};
  int rc;
  memset(o, 0, sizeof *o);
  rc = cli_parse_args(NULL, argc, argv, options,
                      sizeof options / sizeof options[0], pos, 2, &o->help);
  if (rc)
    return rc;
  o->command = pos[0];
  o->file = pos[1];
  o->text = !format || strcmp(format, "json") == 0 ? 0
            : strcmp(format, "text") == 0          ? 1
                                                   : 2;
  o->ja = cli_lang(lang);
  return 0;
}

static int load_policy(const opts *o, cpd_policy **policy) {
  return cli_load_policy(o->policy_file, o->ja, !o->text, policy);
}

static int cmd_check(const opts *o) {
  cpd_policy *policy = NULL;
  cpd_document *app_doc = NULL;
  cpd_result *r = NULL;
  cpd_error err;
  char *text = NULL, *doc = NULL;
  size_t len;
  cpd_status st;
  int rc;
  if (!o->file)
    return usage_error("%s", "check needs a FILE (or - for stdin)");
  rc = load_policy(o, &policy);
  if (rc)
    return rc;
  rc = cli_read_all(o->file, CPD_DEFAULT_MAX_DOCUMENT_BYTES, &text, &len);
  if (rc) {
    cpd_policy_free(policy);
    return rc;
  }
  /* the document is kept for the text report's titles and dates */
  st = cpd_document_load_json(&app_doc, text, len, NULL, &err);
  if (st == CPD_OK)
    st = cpd_document_evaluate(&r, policy, app_doc, &err);
  free(text);
  if (st == CPD_OK) {
    const cpd_summary *s = cpd_result_summary(r);
    if (o->text == 2) {
      if (cli_print_csv(stdout, r, o->ja) != 0)
        st = CPD_ENOMEM;
    } else if (o->text) {
      cli_print_report(stdout, r, cpd_document_application(app_doc), o->ja, -1);
    } else if (cpd_result_to_json(&doc, r) == CPD_OK) {
      puts(doc);
    } else {
      st = CPD_ENOMEM;
    }
    rc = s->decision == CPD_ELIGIBLE ? EXIT_ELIGIBLE : EXIT_NOT_ELIGIBLE;
  }
  if (st == CPD_EINPUT) {
    cli_print_error_text(stderr, &err, o->ja);
    if (!o->text && cpd_error_to_json(&doc, &err) == CPD_OK)
      puts(doc);
    rc = EXIT_INPUT;
  } else if (st != CPD_OK) {
    fprintf(stderr, "cpd: %s\n", cpd_status_str(st));
    rc = st == CPD_ENOMEM ? EXIT_NOMEM : EXIT_INPUT;
  }
  cpd_string_free(doc);
  cpd_result_free(r);
  cpd_document_free(app_doc);
  cpd_policy_free(policy);
  return cli_stdout_done("check", o->ja, rc);
}

typedef struct batch_stats {
  unsigned long lines, eligible, incomplete, ineligible, errors;
} batch_stats;

/* One NDJSON line: check with the reusable checker and print with
 * "line": N. */
static int batch_line(cpd_checker *checker, const cli_lines *r, int too_long,
                      batch_stats *bs) {
  cpd_error err;
  const char *doc = NULL;
  char *errdoc = NULL;
  cpd_status st;
  if (too_long) {
    cli_line_too_long(r, &err);
    st = cpd_error_to_json(&errdoc, &err) == CPD_OK ? CPD_EINPUT : CPD_ENOMEM;
    doc = errdoc;
  } else {
    st = cpd_checker_check(checker, &doc, NULL, r->line, r->len, &err);
  }
  if (st == CPD_OK) {
    switch (cpd_result_summary(cpd_checker_result(checker))->decision) {
    case CPD_ELIGIBLE:
      bs->eligible++;
      break;
    case CPD_INCOMPLETE:
      bs->incomplete++;
      break;
    case CPD_INELIGIBLE:
      bs->ineligible++;
      break;
    }
  } else if (st == CPD_EINPUT) {
    bs->errors++;
  } else {
    fputs("cpd: out of memory\n", stderr);
    return EXIT_NOMEM;
  }
  printf("{\"line\":%lu,%s\n", r->number, doc + 1);
  cpd_string_free(errdoc);
  return 0;
}

static int cmd_batch(const opts *o) {
  cpd_policy *policy = NULL;
  const char *path = o->file ? o->file : "-";
  cli_lines *r = NULL;
  cpd_checker *checker = NULL;
  int too_long = 0, rc = 0, got, tty = isatty(fileno(stderr));
  batch_stats bs = {0, 0, 0, 0, 0};

  rc = load_policy(o, &policy);
  if (rc)
    return rc;
  if (cpd_checker_new(&checker, policy, NULL, NULL) != CPD_OK) {
    fputs("cpd: out of memory\n", stderr);
    cpd_policy_free(policy);
    return EXIT_NOMEM;
  }
  rc = cli_lines_open(&r, path, "cpd", o->ja);
  if (rc == EXIT_IO) {
    cpd_checker_free(checker);
    cpd_policy_free(policy);
    return rc;
  }
  while (!rc && (got = cli_lines_next(r, &too_long)) != 0) {
    if (ferror(stdout)) /* the output cannot be written: stop reading */
      break;
    if (got < 0) {
      rc = EXIT_NOMEM;
      break;
    }
    bs.lines++;
    rc = batch_line(checker, r, too_long, &bs);
    if (tty && bs.lines % 1000 == 0)
      fprintf(stderr, "\rcpd batch: %lu applications...", bs.lines);
  }
  rc = cli_lines_close(r, "cpd", o->ja, rc);
  cpd_checker_free(checker);
  cpd_policy_free(policy);
  if (cli_stdout_done("batch", o->ja, 0) != 0)
    rc = EXIT_IO;
  if (tty)
    fputs("\r", stderr);
  fprintf(stderr,
          "cpd batch: %lu %s: %lu eligible, %lu incomplete, "
          "%lu ineligible, %lu input %s\n",
          bs.lines, cli_plural(bs.lines, "application", "applications"),
          bs.eligible, bs.incomplete, bs.ineligible, bs.errors,
          cli_plural(bs.errors, "error", "errors"));
  if (rc == EXIT_NOMEM)
    fputs("cpd: out of memory\n", stderr);
  if (!rc && bs.errors)
    rc = EXIT_INPUT;
  return rc;
}

static int cmd_policy(const opts *o) {
  cpd_policy *policy = NULL;
  char *doc = NULL;
  int rc = load_policy(o, &policy);
  if (rc)
    return rc;
  if (cpd_policy_to_json(&doc, policy) != CPD_OK) {
    cpd_policy_free(policy);
    fputs("cpd: out of memory\n", stderr);
    return EXIT_NOMEM;
  }
  puts(doc);
  cpd_string_free(doc);
  cpd_policy_free(policy);
  return cli_stdout_done("policy", o->ja, 0);
}

#ifdef _WIN32
int cli_main(int argc, char **argv) { /* from wmain (win32_main.c), UTF-8 */
#else
int main(int argc, char **argv) {
#endif
  opts o;
  int rc, i;
  for (i = 1; i < argc; i++)
    if (strcmp(argv[i], "--version") == 0) {
#ifdef CPD_GIT_DESCRIBE
      printf("cpd %s (libcpd %s, git %s)\n", CPD_VERSION_STRING,
             cpd_version_string(), CPD_GIT_DESCRIBE);
#else
      printf("cpd %s (libcpd %s)\n", CPD_VERSION_STRING, cpd_version_string());
#endif
      return cli_stdout_done("--version", cli_default_ja(), 0);
    }
  if (argc > 1 && strcmp(argv[1], "audit") == 0)
    return cli_cmd_audit(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "redact") == 0)
    return cli_cmd_redact(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "plan") == 0)
    return cli_cmd_plan(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "report") == 0)
    return cli_cmd_report(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "import-csv") == 0)
    return cli_cmd_import_csv(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "serve") == 0)
    return cli_cmd_serve(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "explain") == 0)
    return cli_cmd_explain(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "reconcile") == 0)
    return cli_cmd_reconcile(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "notices") == 0)
    return cli_cmd_notices(argc - 1, argv + 1);
  rc = parse_args(argc, argv, &o);
  if (rc)
    return rc;
  if (!o.command) {
    if (o.help)
      return cli_help(NULL, o.ja);
    fputs(cli_help_text(NULL, o.ja), stderr);
    return EXIT_USAGE;
  }
  if (strcmp(o.command, "check") == 0)
    return o.help ? cli_help("check", o.ja) : cmd_check(&o);
  if (strcmp(o.command, "batch") == 0)
    return o.help ? cli_help("batch", o.ja) : cmd_batch(&o);
  if (strcmp(o.command, "policy") == 0)
    return o.help ? cli_help("policy", o.ja) : cmd_policy(&o);
  if (strcmp(o.command, "help") == 0) /* cpd help [COMMAND] */
    return cli_help(o.file, o.ja);
  return usage_error("unknown command '%s'", o.command);
}
