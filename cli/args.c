/* args.c - the one option parser of every `cpd` command: options in any
 * order, `--name VALUE` or `--name=VALUE`, flags, fixed choices, repeated
 * options, positionals, and the usage error every command prints. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_usage(const char *cmd, const char *fmt, ...) {
  va_list ap;
  if (cmd)
    fprintf(stderr, "cpd %s: ", cmd);
  else
    fputs("cpd: ", stderr);
  /* the arguments come from the command line: made safe for the terminal */
  va_start(ap, fmt);
  cli_vmessage(stderr, fmt, ap);
  va_end(ap);
  if (cmd)
    fprintf(stderr, "\nTry 'cpd %s --help'.\n", cmd);
  else
    fputs("\nTry 'cpd --help'.\n", stderr);
  return EXIT_USAGE;
}

static const cli_option *find(const cli_option *opts, size_t n, const char *a,
                              size_t len) {
  size_t i;
  for (i = 0; i < n; i++)
    if ((strlen(opts[i].name) == len && strncmp(opts[i].name, a, len) == 0) ||
        (opts[i].alias && strlen(opts[i].alias) == len &&
         strncmp(opts[i].alias, a, len) == 0))
      return &opts[i];
  return NULL;
}

static int set_value(const char *cmd, const cli_option *o, const char *v) {
  if (o->choices) {
    const char *const *c;
    char what[256];
    size_t n = 0;
    for (c = o->choices; *c; c++)
      if (strcmp(*c, v) == 0)
        break;
    if (!*c) { /* "--format takes json, text or csv, not '%s'" */
      n += (size_t)snprintf(what, sizeof what, "%s takes ", o->name);
      for (c = o->choices; *c && n < sizeof what; c++)
        n += (size_t)snprintf(what + n, sizeof what - n, "%s%s",
                              c == o->choices ? ""
                              : c[1]          ? ", "
                                              : " or ",
                              *c);
      return cli_usage(cmd, "%s, not '%s'", what, v);
    }
  }
  if (o->each)
    return o->each(o->ctx, v);
  *o->value = v;
  return 0;
}

int cli_parse_args(const char *cmd, int argc, char **argv,
                   const cli_option *opts, size_t nopts, const char **pos,
                   size_t max_pos, int *help) {
  int i, rc;
  size_t npos = 0;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i], *eq;
    const cli_option *o;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      *help = 1;
      continue;
    }
    if (a[0] != '-' || a[1] == '\0') { /* "-" is stdin */
      if (npos == max_pos)
        return cli_usage(cmd, "unexpected argument '%s'", a);
      pos[npos++] = a;
      continue;
    }
    eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
    o = find(opts, nopts, a, eq ? (size_t)(eq - a) : strlen(a));
    if (!o)
      return cli_usage(cmd, "unknown option '%s'", a);
    if (o->flag) {
      if (eq)
        return cli_usage(cmd, "%s takes no value", o->name);
      *o->flag = 1;
      continue;
    }
    if (!eq && i + 1 >= argc)
      return cli_usage(cmd, "%s needs a value", a);
    rc = set_value(cmd, o, eq ? eq + 1 : argv[++i]);
    if (rc)
      return rc;
  }
  return 0;
}
