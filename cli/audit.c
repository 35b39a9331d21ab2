/* audit.c - `cpd audit ROSTER --rate R --seed S`: the annual audit
 * selection over a roster (NDJSON, one holder per line), one JSON line per
 * holder in roster order, a summary on stderr. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct audit_args {
  const char *file;
  int have_rate, have_seed, selected_only, ja;
  cpd_audit_options o;
  const char **include; /* pointers into argv copies */
  size_t include_count;
  char **include_lists; /* copies of the --include values, cut at commas */
  size_t list_count;
} audit_args;

/* a usage error of this command (a literal format, checked) */
#define usage(...) cli_usage("audit", __VA_ARGS__)

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int parse_seed(const char *s, uint64_t *seed) {
  uint64_t v = 0;
  size_t i;
  if (!*s)
    return 0;
  for (i = 0; s[i]; i++) {
    unsigned d;
    if (!is_digit(s[i]))
      return 0;
    d = (unsigned)(s[i] - '0');
    if (v > (UINT64_MAX - d) / 10)
      return 0;
    v = v * 10 + d;
  }
  *seed = v;
  return 1;
}

/* Adds the comma-separated numbers of one --include value. */
static int add_include(audit_args *a, const char *value) {
  char *copy = malloc(strlen(value) + 1), **lists, *p;
  if (!copy)
    return EXIT_NOMEM;
  strcpy(copy, value);
  lists = realloc(a->include_lists, (a->list_count + 1) * sizeof *lists);
  if (!lists) {
    free(copy);
    return EXIT_NOMEM;
  }
  a->include_lists = lists;
  a->include_lists[a->list_count++] = copy;
  for (p = copy; p;) {
    char *comma = strchr(p, ','), *q;
    const char **inc;
    if (comma)
      *comma = '\0';
    for (q = p; *q == ' ' || *q == '\t'; q++)
      ;
    if (*q) {
      inc = realloc(a->include, (a->include_count + 1) * sizeof *inc);
      if (!inc)
        return EXIT_NOMEM;
      a->include = inc;
      a->include[a->include_count++] = p;
    }
    p = comma ? comma + 1 : NULL;
  }
  return 0;
}

static void free_args(audit_args *a) {
  size_t i;
  for (i = 0; i < a->list_count; i++)
    free(a->include_lists[i]);
  free(a->include_lists);
  free((void *)a->include);
}

static int on_rate(void *ctx, const char *v) {
  audit_args *a = ctx;
  /* the library reads the rate exactly, as every binding does */
  if (cpd_audit_rate_parse(&a->o.rate_ppm, v, strlen(v), NULL) != CPD_OK)
    return usage("--rate takes a number from 0 to 1 with at most 6 "
                 "decimals, or a percentage such as 5%%, not '%s'",
                 v);
  a->have_rate = 1;
  return 0;
}

static int on_seed(void *ctx, const char *v) {
  audit_args *a = ctx;
  if (!parse_seed(v, &a->o.seed))
    return usage("--seed takes a whole number from 0 to "
                 "18446744073709551615, not '%s'",
                 v);
  a->have_seed = 1;
  return 0;
}

static int on_include(void *ctx, const char *v) {
  if (add_include(ctx, v)) {
    fputs("cpd audit: out of memory\n", stderr);
    return EXIT_NOMEM;
  }
  return 0;
}

static int parse_args(int argc, char **argv, audit_args *a, int *help) {
  const char *lang = NULL;
  const cli_option options[] = {
      {"--stratify", NULL, NULL, &a->o.stratify, NULL, NULL, NULL},
      {"--selected-only", NULL, NULL, &a->selected_only, NULL, NULL, NULL},
      {"--rate", NULL, NULL, NULL, NULL, on_rate, a},
      {"--seed", NULL, NULL, NULL, NULL, on_seed, a},
      {"--include", NULL, NULL, NULL, NULL, on_include, a},
      {"--lang", NULL, &lang, NULL, cli_lang_choices, NULL, NULL}};
  int rc =
      cli_parse_args("audit", argc, argv, options,
                     sizeof options / sizeof options[0], &a->file, 1, help);
  if (rc)
    return rc;
  a->ja = cli_lang(lang);
  if (*help)
    return 0;
  if (!a->file)
    return usage("%s", "audit needs a ROSTER file (or - for stdin)");
  if (!a->have_rate)
    return usage("%s", "audit needs --rate (for example --rate 0.05)");
  if (!a->have_seed)
    return usage("%s", "audit needs --seed (a whole number; write it down: "
                       "the same seed gives the same selection)");
  return 0;
}

/* --------------------------------------------------------------- output */

/* A text as a JSON string, quoted by the library as every document of
 * it is.  0, or -1 out of memory. */
static int put_json_string(FILE *out, const char *s) {
  char *q = NULL;
  size_t n = 0;
  if (cpd_json_quote(&q, &n, s, strlen(s)) != CPD_OK)
    return -1; /* (the library gave s: it is UTF-8) */
  fwrite(q, 1, n, out);
  cpd_string_free(q);
  return 0;
}

static int cmp_qual(const void *x, const void *y) {
  const cpd_audit_entry *a = *(const cpd_audit_entry *const *)x;
  const cpd_audit_entry *b = *(const cpd_audit_entry *const *)y;
  return strcmp(a->qualification, b->qualification);
}

/* "cpd audit: 120 holders, 6 selected (OMP 4/80, CAP 2/40), 1 bad line" */
static int print_summary(const cpd_audit *audit, unsigned long bad, int ja) {
  size_t n = cpd_audit_count(audit), i, j, selected = 0;
  const cpd_audit_entry **by = malloc((n ? n : 1) * sizeof *by);
  if (!by)
    return EXIT_NOMEM;
  for (i = 0; i < n; i++) {
    by[i] = cpd_audit_entry_at(audit, i);
    selected += by[i]->selected != 0;
  }
  qsort(by, n, sizeof *by, cmp_qual);
  if (ja)
    fprintf(stderr, "cpd audit: 対象 %zu 名、選定 %zu 名", n, selected);
  else
    fprintf(stderr, "cpd audit: %zu %s, %zu selected", n,
            cli_plural(n, "holder", "holders"), selected);
  for (i = 0; i < n; i = j) {
    size_t sel = 0;
    for (j = i;
         j < n && strcmp(by[j]->qualification, by[i]->qualification) == 0; j++)
      sel += by[j]->selected != 0;
    /* the qualification comes from the roster: made safe */
    cli_message(stderr, "%s%s %zu/%zu", i ? ", " : " (",
                by[i]->qualification[0] ? by[i]->qualification
                                        : (ja ? "(資格なし)" : "(none)"),
                sel, j - i);
  }
  if (n)
    fputc(')', stderr);
  if (bad && ja)
    fprintf(stderr, "、不正な行 %lu", bad);
  else if (bad)
    fprintf(stderr, ", %lu bad line%s", bad, bad == 1 ? "" : "s");
  fputc('\n', stderr);
  free(by);
  return 0;
}

static int cmp_u64(const void *x, const void *y) {
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return a < b ? -1 : a > b;
}

/* A warning for each --include number that matches no holder of the
 * roster (a typo would otherwise go unnoticed: the holder meant is then
 * not selected).  Numbers are compared by their keyed hash, which is the
 * hash of the normalised number (NFKC, dash variants, case): the same
 * holder the library's include list matches. */
static int warn_unmatched_includes(const audit_args *a,
                                   const cpd_audit *audit) {
  size_t n = cpd_audit_count(audit), i;
  uint64_t *h;
  if (!a->include_count)
    return 0;
  h = malloc((n ? n : 1) * sizeof *h);
  if (!h)
    return EXIT_NOMEM;
  for (i = 0; i < n; i++)
    h[i] = cpd_audit_entry_at(audit, i)->hash;
  qsort(h, n, sizeof *h, cmp_u64);
  for (i = 0; i < a->include_count; i++) {
    uint64_t mine;
    const char *num = a->include[i];
    if (cpd_audit_hash(&mine, num, strlen(num), a->o.seed) != CPD_OK ||
        !bsearch(&mine, h, n, sizeof *h, cmp_u64))
      cli_message(stderr,
                  a->ja ? "cpd audit: 注意: --include の %s は名簿のどの"
                          "認定番号とも一致しません\n"
                        : "cpd audit: warning: --include %s matches no "
                          "holder of the roster\n",
                  num);
  }
  free(h);
  return 0;
}

/* ------------------------------------------------------------------ run */

static int run(const audit_args *a) {
  cpd_audit *audit = NULL;
  cpd_error err;
  cpd_status st;
  cli_lines *r;
  unsigned long lineno, bad = 0, *lines = NULL;
  size_t nlines = 0, caplines = 0, i;
  int rc = 0, got, too_long;
  cpd_audit_options o = a->o;

  o.include = a->include;
  o.include_count = a->include_count;
  st = cpd_audit_new(&audit, &o);
  if (st == CPD_EINVAL)
    return usage("%s", "--include holds a number that is empty or not "
                       "valid UTF-8");
  if (st != CPD_OK) {
    fputs("cpd audit: out of memory\n", stderr);
    return EXIT_NOMEM;
  }
  rc = cli_lines_open(&r, a->file, "cpd", a->ja);
  if (rc) {
    cpd_audit_free(audit);
    if (rc == EXIT_NOMEM)
      fputs("cpd audit: out of memory\n", stderr);
    return rc;
  }
  while (!rc && (got = cli_lines_next(r, &too_long)) != 0) {
    if (got < 0) {
      rc = EXIT_NOMEM;
      break;
    }
    lineno = r->number;
    if (too_long) {
      cli_line_too_long(r, &err);
      st = CPD_EINPUT;
    } else {
      st = cpd_audit_add_json(audit, r->line, r->len, &err);
    }
    if (st == CPD_OK) {
      if (nlines == caplines) {
        size_t cap = caplines ? caplines * 2 : 1024;
        unsigned long *nl = realloc(lines, cap * sizeof *nl);
        if (!nl) {
          rc = EXIT_NOMEM;
          break;
        }
        lines = nl;
        caplines = cap;
      }
      lines[nlines++] = lineno;
    } else if (st == CPD_EINPUT) {
      bad++;
      fprintf(stderr, a->ja ? "cpd audit: %lu 行目: " : "cpd audit: line %lu: ",
              lineno);
      cli_print_error_detail(stderr, &err, a->ja);
    } else {
      rc = EXIT_NOMEM;
    }
  }
  rc = cli_lines_close(r, "cpd", a->ja, rc);

  if (!rc && cpd_audit_finish(audit) != CPD_OK)
    rc = EXIT_NOMEM;
  for (i = 0; !rc && i < cpd_audit_count(audit); i++) {
    const cpd_audit_entry *e = cpd_audit_entry_at(audit, i);
    if (a->selected_only && !e->selected)
      continue;
    printf("{\"line\": %lu, \"number\": ", lines[i]);
    if (put_json_string(stdout, e->number) != 0)
      rc = EXIT_NOMEM;
    fputs(", \"qualification\": ", stdout);
    if (put_json_string(stdout, e->qualification) != 0)
      rc = EXIT_NOMEM;
    printf(", \"selected\": %s, \"reason\": \"%s\"}\n",
           e->selected ? "true" : "false", e->reason);
  }
  if (!rc)
    rc = cli_stdout_done("audit", a->ja, 0);
  if (!rc)
    rc = print_summary(audit, bad, a->ja);
  if (!rc)
    rc = warn_unmatched_includes(a, audit);
  if (rc == EXIT_NOMEM)
    fputs("cpd audit: out of memory\n", stderr);
  if (!rc && bad)
    rc = EXIT_INPUT;
  free(lines);
  cpd_audit_free(audit);
  return rc;
}

int cli_cmd_audit(int argc, char **argv) {
  audit_args a;
  int help = 0, rc;
  cpd_audit_options init = CPD_AUDIT_OPTIONS_INIT;
  memset(&a, 0, sizeof a);
  a.o = init;
  rc = parse_args(argc, argv, &a, &help);
  if (!rc && help)
    rc = cli_help("audit", a.ja);
  else if (!rc)
    rc = run(&a);
  free_args(&a);
  return rc;
}
