/* report.c - `cpd check --format text`: the verdict at a glance (decision,
 * window, points per section against caps, total against the requirement,
 * and each problem with its field), in Japanese or English. */
#include <string.h>

#include "cli.h"

static void pts(char *buf, size_t cap, cpd_points p) {
  long long a = p < 0 ? -p : p;
  if (a % 100 == 0)
    snprintf(buf, cap, "%s%lld", p < 0 ? "-" : "", a / 100);
  else if (a % 10 == 0)
    snprintf(buf, cap, "%s%lld.%lld", p < 0 ? "-" : "", a / 100, a % 100 / 10);
  else
    snprintf(buf, cap, "%s%lld.%02lld", p < 0 ? "-" : "", a / 100, a % 100);
}

static const char *decision_text(cpd_decision d, int ja) {
  switch (d) {
  case CPD_ELIGIBLE:
    return ja ? "更新可（eligible）" : "ELIGIBLE: the renewal can proceed";
  case CPD_INCOMPLETE:
    return ja ? "要修正（incomplete）: 不備を直して再提出してください"
              : "INCOMPLETE: fix the errors below and submit again";
  case CPD_INELIGIBLE:
    return ja ? "更新不可（ineligible）" : "INELIGIBLE: cannot be renewed as it stands";
  }
  return "?";
}

static const char *window_text(cpd_window_status s, int ja) {
  switch (s) {
  case CPD_WINDOW_NOT_YET_OPEN:
    return ja ? "受付前" : "not open yet";
  case CPD_WINDOW_OPEN:
    return ja ? "受付中" : "open";
  case CPD_WINDOW_CLOSED:
    return ja ? "受付終了" : "closed";
  }
  return "?";
}

static const char *severity_text(cpd_severity s, int ja) {
  switch (s) {
  case CPD_SEVERITY_FATAL:
    return ja ? "[不可]" : "[fatal]";
  case CPD_SEVERITY_ERROR:
    return ja ? "[要修正]" : "[error]";
  case CPD_SEVERITY_WARNING:
    return ja ? "[注意]" : "[warning]";
  case CPD_SEVERITY_INFO:
    return ja ? "[情報]" : "[info]";
  }
  return "?";
}

static void bar(FILE *out, cpd_points counted, cpd_points required) {
  int width = 30, filled, i;
  if (required <= 0)
    filled = width;
  else
    filled = (int)(counted >= required ? width : counted * width / required);
  fputc('[', out);
  for (i = 0; i < width; i++)
    fputs(i < filled ? "#" : ".", out);
  fputc(']', out);
}

void cli_print_text(FILE *out, const cpd_result *r, int ja) {
  const cpd_summary *s = cpd_result_summary(r);
  char d1[11], d2[11], c1[32], c2[32], c3[32];
  size_t i, n;
  int sev;

  fprintf(out, "%s %s\n", ja ? "判定:" : "Decision:",
          decision_text(s->decision, ja));
  cpd_day_format(d1, s->applied_on);
  fprintf(out, "%s %s    %s %s\n", ja ? "申請年月日:" : "Applied on:", d1,
          ja ? "更新対象資格:" : "Qualification:",
          s->qualification ? s->qualification : (ja ? "（不明）" : "(unknown)"));
  cpd_day_format(d1, s->period_starts_on);
  cpd_day_format(d2, s->period_expires_on);
  fprintf(out, "%s %s - %s\n", ja ? "認定期間:" : "Period:", d1, d2);
  cpd_day_format(d1, s->window_opens_on);
  cpd_day_format(d2, s->window_closes_on);
  fprintf(out, "%s %s - %s (%s)\n", ja ? "受付期間:" : "Window:", d1, d2,
          window_text(s->window_status, ja));

  fprintf(out, "\n%s\n", ja ? "区分     件数    申告    算入    上限"
                            : "Section  Entries Claimed Counted Cap");
  n = cpd_result_section_count(r);
  for (i = 0; i < n; i++) {
    const cpd_section_total *t = cpd_result_section(r, i);
    pts(c1, sizeof c1, t->claimed);
    pts(c2, sizeof c2, t->counted);
    if (t->cap == CPD_NO_CAP)
      snprintf(c3, sizeof c3, "%s", ja ? "なし" : "none");
    else
      pts(c3, sizeof c3, t->cap);
    fprintf(out, "%-8s %7zu %7s %7s %s%s\n", t->section, t->entries, c1, c2,
            t->cap != CPD_NO_CAP && t->claimed > t->cap ? "*" : " ", c3);
  }
  pts(c1, sizeof c1, s->counted);
  pts(c2, sizeof c2, s->required);
  pts(c3, sizeof c3, s->shortfall);
  fprintf(out, "\n%s %s / %s  ", ja ? "合計:" : "Total:", c1, c2);
  bar(out, s->counted, s->required);
  if (s->shortfall > 0)
    fprintf(out, ja ? "  不足 %s\n" : "  %s short\n", c3);
  else
    fputs(ja ? "  充足\n" : "  enough\n", out);
  if (s->decision == CPD_ELIGIBLE) {
    cpd_day_format(d1, s->renewal_starts_on);
    cpd_day_format(d2, s->renewal_expires_on);
    fprintf(out, "%s %s - %s\n", ja ? "更新後の認定期間:" : "Renewed period:",
            d1, d2);
  }
  fprintf(out, "%s %s\n", ja ? "メール件名:" : "E-mail subject:",
          s->email_subject);

  n = cpd_result_diagnostic_count(r);
  if (n == 0) {
    fputs(ja ? "\n指摘事項はありません。\n" : "\nNo problems found.\n", out);
    return;
  }
  fprintf(out, "\n%s (%zu)\n", ja ? "指摘事項" : "Problems", n);
  /* the worst first: fatal, error, warning, info */
  for (sev = CPD_SEVERITY_FATAL; sev >= CPD_SEVERITY_INFO; sev--)
    for (i = 0; i < n; i++) {
      const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
      if ((int)d->severity != sev)
        continue;
      fprintf(out, "  %-9s %s\n            %s  (%s)\n",
              severity_text(d->severity, ja), ja ? d->message_ja : d->message,
              d->path[0] ? d->path : "/", d->code);
    }
}

void cli_print_error_text(FILE *out, const cpd_error *err, int ja) {
  fprintf(out, "cpd: %s: ", ja ? "入力エラー" : "input error");
  cli_print_error_detail(out, err, ja);
}

void cli_print_error_detail(FILE *out, const cpd_error *err, int ja) {
  fputs(ja ? err->message_ja : err->message, out);
  if (err->path[0])
    fprintf(out, " (%s %s)", ja ? "位置" : "at", err->path);
  if (err->offset >= 0)
    fprintf(out, " (%s %lld)", ja ? "バイト位置" : "byte", err->offset);
  fprintf(out, " [%s]\n", err->code);
}
