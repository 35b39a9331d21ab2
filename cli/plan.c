/* plan.c - `cpd plan FILE --as-of DATE`: points so far, room left in each
 * section still open, the window, and what is still needed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* a usage error of this command (a literal format, checked) */
#define usage(...) cli_usage("plan", __VA_ARGS__)

static void cell(const char *s, int width) {
  int pad = width - cli_text_columns(s);
  fputs(s, stdout);
  while (pad-- > 0)
    putchar(' ');
}

static void print_text(const cpd_plan *plan, int ja) {
  const cpd_plan_totals *t = cpd_plan_get_totals(plan);
  const cpd_result *r = cpd_plan_result(plan);
  char d1[11], d2[11], a[CPD_POINTS_TEXT_SIZE], b[CPD_POINTS_TEXT_SIZE];
  size_t i, n;
  cpd_day_format(d1, t->as_of);
  printf("%s %s\n", ja ? "基準日:" : "As of:", d1);
  cpd_day_format(d1, t->window_opens_on);
  cpd_day_format(d2, t->window_closes_on);
  if (t->days_until_opens > 0)
    printf(ja ? "受付期間: %s〜%s（開始まで %d 日%s）\n"
              : "Window: %s - %s (opens in %d day%s)\n",
           d1, d2, t->days_until_opens,
           ja ? "" : cli_plural((unsigned long)t->days_until_opens, "", "s"));
  else if (t->days_until_closes >= 0)
    printf(ja ? "受付期間: %s〜%s（受付中、終了まで %d 日%s）\n"
              : "Window: %s - %s (open, closes in %d day%s)\n",
           d1, d2, t->days_until_closes,
           ja ? "" : cli_plural((unsigned long)t->days_until_closes, "", "s"));
  else
    printf(ja ? "受付期間: %s〜%s（%s）\n" : "Window: %s - %s (%s)\n", d1, d2,
           cli_label(cpd_window_status_label(CPD_WINDOW_CLOSED), ja));
  cpd_points_format(a, t->counted);
  cpd_points_format(b, t->required);
  printf(ja ? "算入済み: %s / %s\n" : "Counted so far: %s / %s\n", a, b);
  printf("\n%s\n", ja ? "区分     算入    上限    残り    期限"
                      : "Section  Counted Cap     Room    Open until");
  n = cpd_plan_section_count(plan);
  for (i = 0; i < n; i++) {
    const cpd_plan_section *s = cpd_plan_section_at(plan, i);
    char c[CPD_POINTS_TEXT_SIZE], cap[CPD_POINTS_TEXT_SIZE],
        room[CPD_POINTS_TEXT_SIZE], until[16];
    cpd_points_format(c, s->counted);
    if (s->cap == CPD_NO_CAP)
      cli_format(cap, sizeof cap, "%s", ja ? "なし" : "none");
    else
      cpd_points_format(cap, s->cap);
    if (!s->open)
      cli_format(room, sizeof room, "%s", ja ? "終了" : "closed");
    else if (s->room == CPD_NO_CAP)
      cli_format(room, sizeof room, "%s", ja ? "無制限" : "any");
    else
      cpd_points_format(room, s->room);
    if (s->open)
      cpd_day_format(until, s->open_until);
    else
      cli_format(until, sizeof until, "-");
    printf("%-8s %7s ", s->section, c);
    cell(cap, 8);
    cell(room, 8);
    printf("%s\n", until);
  }
  putchar('\n');
  cli_fputs_safe(stdout, ja ? t->advice_ja : t->advice, 0);
  putchar('\n');
  n = cpd_result_diagnostic_count(r);
  if (n) {
    printf(ja ? "\n既にある問題（%zu件）\n" : "\nAlready wrong (%zu)\n", n);
    for (i = 0; i < n; i++) {
      const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
      /* messages and paths can quote the application (a key): safe */
      cli_message(stdout, "  [%s] %s\n",
                  cli_label(cpd_severity_label(d->severity), ja),
                  ja ? d->message_ja : d->message);
      cli_message(stdout, "         %s  (%s)\n", d->path[0] ? d->path : "/",
                  d->code);
    }
  }
}

int cli_cmd_plan(int argc, char **argv) {
  const char *file = NULL, *policy_file = NULL, *as_of_text = NULL;
  int text = 0, ja, rc;
  cpd_policy *policy = NULL;
  cpd_plan *plan = NULL;
  cpd_error err;
  cpd_day as_of;
  cpd_status st;
  char *json = NULL, *doc = NULL;
  size_t len;

  {
    static const char *const formats[] = {"json", "text", NULL};
    const char *format = NULL, *lang = NULL;
    int help = 0;
    const cli_option options[] = {
        {"--as-of", NULL, &as_of_text, NULL, NULL, NULL, NULL},
        {"--policy", NULL, &policy_file, NULL, NULL, NULL, NULL},
        {"--format", NULL, &format, NULL, formats, NULL, NULL},
        {"--lang", NULL, &lang, NULL, cli_lang_choices, NULL, NULL}};
    rc = cli_parse_args("plan", argc, argv, options,
                        sizeof options / sizeof options[0], &file, 1, &help);
    if (rc)
      return rc;
    ja = cli_lang(lang);
    if (help)
      return cli_help("plan", ja);
    text = format && strcmp(format, "text") == 0;
  }
  if (!file)
    return usage("%s", "plan needs a FILE (or - for stdin)");
  if (!as_of_text)
    return usage("%s", "plan needs --as-of DATE (the tool never reads the "
                       "clock)");
  if (cpd_day_parse(&as_of, as_of_text, strlen(as_of_text)) != CPD_OK)
    return usage("--as-of: '%s' is not a date", as_of_text);
  rc = cli_load_policy(policy_file, ja, !text, &policy);
  if (rc)
    return rc;
  rc = cli_read_all(file, CPD_DEFAULT_MAX_DOCUMENT_BYTES, &json, &len);
  if (rc) {
    cpd_policy_free(policy);
    return rc;
  }
  st = cpd_plan_evaluate_json(&plan, policy, json, len, as_of, NULL, &err);
  free(json);
  if (st == CPD_OK) {
    rc = cpd_plan_get_totals(plan)->reachable ? 0 : EXIT_NOT_ELIGIBLE;
    if (text)
      print_text(plan, ja);
    else if (cpd_plan_to_json(&doc, plan) == CPD_OK)
      puts(doc);
    else
      rc = EXIT_NOMEM;
  } else if (st == CPD_EINPUT) {
    cli_print_error_text(stderr, &err, ja);
    if (!text && cpd_error_to_json(&doc, &err) == CPD_OK)
      puts(doc);
    rc = EXIT_INPUT;
  } else {
    fprintf(stderr, "cpd: %s\n", cpd_status_str(st));
    rc = st == CPD_ENOMEM ? EXIT_NOMEM : EXIT_INPUT;
  }
  cpd_string_free(doc);
  cpd_plan_free(plan);
  cpd_policy_free(policy);
  return cli_stdout_done("plan", ja, rc);
}
