/* report.c - the terminal report (`cpd check --format text`, `cpd report
 * --format text`): the decision, the period and window, one table per
 * section (A, B-1 ... D-3) with its entries, claimed, counted and cap, the
 * total against the requirement as a bar, and each problem with its field;
 * in Japanese or English, aligned by East Asian width (the words for
 * decisions, statuses and categories are the library's); plus the input
 * error message. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <utf8proc.h>

#include "cli.h"

/* ------------------------------------------------------------- wording */

void cli_activity_label(char *buf, size_t cap, const cpd_result *r,
                        size_t index, int ja) {
  const cpd_activity_result *a = index < cpd_result_activity_count(r)
                                     ? cpd_result_activity(r, index)
                                     : NULL;
  size_t row = cpd_result_activity_row(r, index); /* the library's */
  if (a && a->section && row)
    cli_format(buf, cap,
               ja ? "活動 %zu（%s の %zu 行目）" : "Activity %zu (%s, row %zu)",
               index + 1, a->section, row);
  else
    cli_format(buf, cap, ja ? "活動 %zu" : "Activity %zu", index + 1);
}

void cli_field_label(char *buf, size_t cap, const char *path,
                     const cpd_result *r, int ja) {
  size_t act = CPD_NO_ACTIVITY;
  const cpd_field_info *f;
  if (!path || !path[0] || strcmp(path, "/") == 0) {
    cli_format(buf, cap, "%s", ja ? "申請全体" : "Application");
    return;
  }
  /* the labels are the library's field table's */
  f = cpd_field_find(path, &act);
  if (act != CPD_NO_ACTIVITY) {
    char who[96];
    /* 1-based, and its row on the form: "活動 5（B-2 の 2 行目）" */
    cli_activity_label(who, sizeof who, r, act, ja);
    if (f && f != cpd_field_by_id(CPD_FIELD_ID_ACTIVITY)) { /* its field */
      size_t wl = strlen(who);
      /* no space after "）": 活動 5（B-2 の 2 行目）時間 */
      int paren = wl >= 3 && strcmp(who + wl - 3, "\xEF\xBC\x89") == 0;
      cli_format(buf, cap, ja ? (paren ? "%s%s" : "%s %s") : "%s: %s", who,
                 ja ? f->label_ja : f->label);
    } else {
      cli_format(buf, cap, "%s", who);
    }
    return;
  }
  if (f && strcmp(f->pointer, path) == 0)
    cli_format(buf, cap, "%s", ja ? f->label_ja : f->label);
  else
    cli_format(buf, cap, "%s", path);
}

/* ------------------------------------------------------- terminal width */

/* Copies text that came from the application (or a policy) into dst for
 * a terminal, made safe as everything printed to a person is (safe.c: an
 * escape sequence in a title must not reach the terminal; controls become
 * U+FFFD or a space, bidi overrides "<U+202E>", bytes that are not UTF-8
 * U+FFFD), and cut with "..." when wider than width columns (ASCII: "…" is
 * ambiguous-width and would break the columns on terminals that draw it
 * wide).  A character is never cut in the middle.  Returns the columns
 * used. */
typedef struct piece {
  const char *s; /* the bytes to write */
  size_t n;
  int cols;
} piece;

/* The next piece of src at *p as fit() writes it. */
static piece next_piece(const utf8proc_uint8_t **p, char buf[16]) {
  piece pc;
  utf8proc_int32_t c;
  utf8proc_ssize_t n = utf8proc_iterate(*p, -1, &c);
  const char *r;
  if (n <= 0) {
    r = "\xEF\xBF\xBD";
    n = 1;
  } else {
    r = cli_safe_char(c, 0, buf);
  }
  if (r) { /* a space, U+FFFD or "<U+202E>": one column a byte but
              U+FFFD's three */
    pc.s = r;
    pc.n = strlen(r);
    pc.cols = r[0] == '\xEF' ? 1 : (int)pc.n;
  } else {
    pc.s = (const char *)*p;
    pc.n = (size_t)n;
    pc.cols = utf8proc_charwidth(c);
  }
  *p += n;
  return pc;
}

/* Columns of s as fit() writes it: East Asian width, a replacement's own
 * width for what is not written as it is. */
int cli_text_columns(const char *s) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  char buf[16];
  int w = 0;
  while (*p)
    w += next_piece(&p, buf).cols;
  return w;
}

static int fit(char *dst, size_t cap, const char *src, int width) {
  const utf8proc_uint8_t *p;
  size_t o = 0;
  int w = 0, total = 0, limit;
  char buf[16];
  for (p = (const utf8proc_uint8_t *)src; *p;)
    total += next_piece(&p, buf).cols;
  limit = total > width && width >= 3 ? width - 3 : width;
  for (p = (const utf8proc_uint8_t *)src; *p;) {
    piece pc = next_piece(&p, buf);
    if (w + pc.cols > limit || o + pc.n + 4 > cap)
      break;
    memcpy(dst + o, pc.s, pc.n);
    o += pc.n;
    w += pc.cols;
  }
  if (total > width && width >= 3 && o + 4 <= cap) {
    memcpy(dst + o, "...", 3);
    o += 3;
    w += 3;
  }
  dst[o] = '\0';
  return w;
}

/* ---------------------------------------------------------------- output */

enum {
  C_RESET,
  C_BOLD,
  C_DIM,
  C_RED,
  C_GREEN,
  C_YELLOW,
  C_CYAN,
  C_BOLD_RED,
  C_BOLD_GREEN,
  C_BOLD_YELLOW
};
static const char *const sgr[] = {
    "\033[0m",  "\033[1m",  "\033[2m",    "\033[31m",   "\033[32m",
    "\033[33m", "\033[36m", "\033[1;31m", "\033[1;32m", "\033[1;33m"};

typedef struct term {
  FILE *out;
  int ja, color;
  int width; /* columns: the terminal's, or 80 when not a terminal */
  const cpd_application *app;
  const cpd_result *r;
} term;

static void on(const term *t, int c) {
  if (t->color)
    fputs(sgr[c], t->out);
}

static void off(const term *t) {
  if (t->color)
    fputs(sgr[C_RESET], t->out);
}

static void spaces(FILE *out, int n) {
  while (n-- > 0)
    fputc(' ', out);
}

/* Text left-aligned in width columns (a colour around the text only). */
static void cell_left(const term *t, const char *s, int width, int c) {
  int w = cli_text_columns(s);
  if (c >= 0)
    on(t, c);
  fputs(s, t->out);
  if (c >= 0)
    off(t);
  spaces(t->out, width - w);
}

static void cell_right(const term *t, const char *s, int width, int c) {
  spaces(t->out, width - cli_text_columns(s));
  if (c >= 0)
    on(t, c);
  fputs(s, t->out);
  if (c >= 0)
    off(t);
}

static int decision_color(cpd_decision d) {
  return d == CPD_ELIGIBLE     ? C_BOLD_GREEN
         : d == CPD_INCOMPLETE ? C_BOLD_YELLOW
                               : C_BOLD_RED;
}

static int severity_color(cpd_severity s) {
  return s == CPD_SEVERITY_FATAL     ? C_BOLD_RED
         : s == CPD_SEVERITY_ERROR   ? C_RED
         : s == CPD_SEVERITY_WARNING ? C_YELLOW
                                     : C_CYAN;
}

static int status_color(cpd_activity_status s) {
  return s == CPD_ACTIVITY_COUNTED             ? C_GREEN
         : s == CPD_ACTIVITY_PARTIALLY_COUNTED ? C_YELLOW
         : s == CPD_ACTIVITY_CAPPED            ? C_YELLOW
                                               : C_RED;
}

/* A label padded to the width of the widest label of its column. */
static void label(const term *t, const char *ja, const char *en, int width) {
  cell_left(t, t->ja ? ja : en, width, C_BOLD);
}

static int want_color(FILE *out, int color) {
  const char *nc;
  if (color >= 0)
    return color;
  nc = getenv("NO_COLOR");
  if (nc && *nc)
    return 0;
  return isatty(fileno(out));
}

/* The short name of a section's category for the terminal (the form's
 * names are too wide for an 80-column table). */
static const char *short_category(const char *section, int ja) {
  const cpd_category_info *c = cpd_category_find(section);
  return !c ? "?" : ja ? c->short_label_ja : c->short_label;
}

/* Status words for the terminal: "partly counted" is shortened so that
 * the title column keeps its room. */
static const char *short_status(cpd_activity_status s, int ja) {
  if (!ja && s == CPD_ACTIVITY_PARTIALLY_COUNTED)
    return "partial";
  return cli_label(cpd_activity_status_label(s), ja);
}

/* The width to lay the tables out in: the terminal's when out is one
 * (80 to 160 columns), else 80, so that files and pipes get the same
 * output everywhere. */
static int out_width(FILE *out) {
  struct winsize ws;
  if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 &&
      ws.ws_col > 0)
    return ws.ws_col < 80 ? 80 : ws.ws_col > 160 ? 160 : ws.ws_col;
  return 80;
}

static int max_int(int a, int b) { return a > b ? a : b; }

/* The table of sections: entries, claimed, counted and cap per section. */
static void section_table(const term *t) {
  FILE *o = t->out;
  size_t i, n = cpd_result_section_count(t->r);
  int wsec = cli_text_columns(t->ja ? "区分" : "Sec."), wname = 0,
      went = cli_text_columns(t->ja ? "件数" : "Entries"),
      wnum = max_int(6, max_int(cli_text_columns(t->ja ? "申告" : "Claimed"),
                                cli_text_columns(t->ja ? "算入" : "Counted"))),
      wcap = max_int(cli_text_columns(t->ja ? "上限" : "Cap"),
                     cli_text_columns(t->ja ? "なし" : "none"));
  char name[128], entries[24], c1[CPD_POINTS_TEXT_SIZE],
      c2[CPD_POINTS_TEXT_SIZE], c3[CPD_POINTS_TEXT_SIZE];

  for (i = 0; i < n; i++) {
    const cpd_section_total *s = cpd_result_section(t->r, i);
    wsec = max_int(wsec, cli_text_columns(s->section));
    if (s->year > 0)
      cli_format(name, sizeof name, t->ja ? "%s（%d年目）" : "%s, year %d",
                 short_category(s->section, t->ja), s->year);
    else
      cli_format(name, sizeof name, "%s", short_category(s->section, t->ja));
    wname = max_int(wname, cli_text_columns(name));
  }
  on(t, C_DIM);
  spaces(o, 2);
  cell_left(t, t->ja ? "区分" : "Sec.", wsec, -1);
  spaces(o, 2);
  cell_left(t, t->ja ? "内容" : "Category", wname, -1);
  spaces(o, 2);
  cell_right(t, t->ja ? "件数" : "Entries", went, -1);
  spaces(o, 2);
  cell_right(t, t->ja ? "申告" : "Claimed", wnum, -1);
  spaces(o, 1);
  cell_right(t, t->ja ? "算入" : "Counted", wnum, -1);
  spaces(o, 2);
  cell_right(t, t->ja ? "上限" : "Cap", wcap, -1);
  off(t);
  fputc('\n', o);
  for (i = 0; i < n; i++) {
    const cpd_section_total *s = cpd_result_section(t->r, i);
    int empty = s->entries == 0;
    if (s->year > 0)
      cli_format(name, sizeof name, t->ja ? "%s（%d年目）" : "%s, year %d",
                 short_category(s->section, t->ja), s->year);
    else
      cli_format(name, sizeof name, "%s", short_category(s->section, t->ja));
    cpd_points_format(c1, s->claimed);
    cpd_points_format(c2, s->counted);
    if (s->cap == CPD_NO_CAP)
      cli_format(c3, sizeof c3, "%s", t->ja ? "なし" : "none");
    else
      cpd_points_format(c3, s->cap);
    spaces(o, 2);
    cell_left(t, s->section, wsec, C_BOLD);
    spaces(o, 2);
    cell_left(t, name, wname, empty ? C_DIM : -1);
    spaces(o, 2);
    snprintf(entries, sizeof entries, "%zu", s->entries);
    cell_right(t, entries, went, empty ? C_DIM : -1);
    spaces(o, 2);
    cell_right(t, c1, wnum, empty ? C_DIM : -1);
    spaces(o, 1);
    cell_right(t, c2, wnum,
               s->counted < s->claimed ? C_BOLD_YELLOW
               : empty                 ? C_DIM
                                       : C_BOLD);
    spaces(o, 2);
    cell_right(t, c3, wcap, C_DIM);
    if (s->counted < s->claimed) {
      char over[32];
      cpd_points_format(over, s->claimed - s->counted);
      spaces(o, 2);
      on(t, C_YELLOW);
      fprintf(o, t->ja ? "上限超過 %s 不算入" : "over the cap: %s not counted",
              over);
      off(t);
    }
    fputc('\n', o);
  }
}

/* The widths of the activity table's columns. */
typedef struct layout {
  int sec, idx, id, date, title, num, status;
} layout;

static void activity_date(char *out, size_t cap, const cpd_activity *a,
                          int width) {
  cpd_day d;
  out[0] = '\0';
  if (a->completed_on.kind != CPD_VALUE_TEXT)
    return;
  if (cpd_day_parse(&d, a->completed_on.text, strlen(a->completed_on.text)) ==
      CPD_OK)
    cpd_day_format(out, d);
  else
    fit(out, cap, a->completed_on.text, width); /* as written, if invalid */
}

static const cpd_activity *app_activity(const term *t, size_t index) {
  if (!t->app || index >= t->app->activity_count)
    return NULL;
  return &t->app->activities[index];
}

static void plan_layout(const term *t, layout *L) {
  size_t i, n = cpd_result_activity_count(t->r);
  char buf[32];
  int fixed;
  L->sec = max_int(3, cli_text_columns(t->ja ? "区分" : "Sec."));
  L->idx = 1;
  L->id = 2; /* "ID" */
  L->num = max_int(6, max_int(cli_text_columns(t->ja ? "申告" : "Claimed"),
                              cli_text_columns(t->ja ? "算入" : "Counted")));
  L->status = cli_text_columns(t->ja ? "状態" : "Status");
  L->date = t->app ? 10 : 0;
  for (i = 0; i < n; i++) {
    const cpd_activity_result *a = cpd_result_activity(t->r, i);
    cli_format(buf, sizeof buf, "%zu", a->index + 1);
    L->idx = max_int(L->idx, (int)strlen(buf));
    if (a->id)
      L->id = max_int(
          L->id, cli_text_columns(a->id) > 12 ? 12 : cli_text_columns(a->id));
    if (a->section)
      L->sec = max_int(L->sec, cli_text_columns(a->section));
    L->status =
        max_int(L->status, cli_text_columns(short_status(a->status, t->ja)));
  }
  fixed = 2 + L->sec + 2 + L->idx + 2 + L->id + 2 +
          (L->date ? L->date + 2 : 0) + L->num + 1 + L->num + 2 + L->status;
  L->title = t->app ? t->width - fixed - 2 : 0;
  if (t->app && L->title < 16)
    L->title = 16;
}

static void activity_header(const term *t, const layout *L) {
  FILE *o = t->out;
  on(t, C_DIM);
  spaces(o, 2);
  cell_left(t, t->ja ? "区分" : "Sec.", L->sec, -1);
  spaces(o, 2);
  cell_right(t, "#", L->idx, -1);
  spaces(o, 2);
  cell_left(t, "ID", L->id, -1);
  spaces(o, 2);
  if (L->date) {
    cell_left(t, t->ja ? "修了日" : "Completed", L->date, -1);
    spaces(o, 2);
  }
  if (L->title) {
    cell_left(t, t->ja ? "名称" : "Title", L->title, -1);
    spaces(o, 2);
  }
  cell_right(t, t->ja ? "申告" : "Claimed", L->num, -1);
  spaces(o, 1);
  cell_right(t, t->ja ? "算入" : "Counted", L->num, -1);
  spaces(o, 2);
  fputs(t->ja ? "状態" : "Status", o);
  off(t);
  fputc('\n', o);
}

static void activity_row(const term *t, const layout *L,
                         const cpd_activity_result *a, int first_of_section) {
  FILE *o = t->out;
  const cpd_activity *src = app_activity(t, a->index);
  char buf[512], c1[32], c2[32];
  spaces(o, 2);
  cell_left(t, first_of_section ? (a->section ? a->section : "-") : "", L->sec,
            C_BOLD);
  spaces(o, 2);
  cli_format(buf, sizeof buf, "%zu", a->index + 1); /* 1-based, as "活動 5" */
  cell_right(t, buf, L->idx, -1);
  spaces(o, 2);
  fit(buf, sizeof buf, a->id ? a->id : "-", L->id);
  cell_left(t, buf, L->id, -1);
  spaces(o, 2);
  if (L->date) {
    if (src)
      activity_date(buf, sizeof buf, src, L->date);
    else
      buf[0] = '\0';
    cell_left(t, buf[0] ? buf : "-", L->date, -1);
    spaces(o, 2);
  }
  if (L->title) {
    if (src && src->title.kind == CPD_VALUE_TEXT && src->title.text[0])
      fit(buf, sizeof buf, src->title.text, L->title);
    else
      cli_format(buf, sizeof buf, "-");
    cell_left(t, buf, L->title, -1);
    spaces(o, 2);
  }
  cpd_points_format(c1, a->claimed);
  cpd_points_format(c2, a->counted);
  cell_right(t, c1, L->num, -1);
  spaces(o, 1);
  cell_right(t, c2, L->num, a->counted < a->claimed ? C_YELLOW : -1);
  spaces(o, 2);
  on(t, status_color(a->status));
  fputs(short_status(a->status, t->ja), o);
  off(t);
  fputc('\n', o);
}

/* The activities, grouped by section in the sections' order (input order
 * within one), those that could not be placed last. */
static void activity_table(const term *t) {
  size_t i, j, n = cpd_result_activity_count(t->r),
               ns = cpd_result_section_count(t->r);
  layout L;
  if (n == 0) {
    on(t, C_DIM);
    fputs(t->ja ? "  （活動の記入はありません）\n" : "  (no activities)\n",
          t->out);
    off(t);
    return;
  }
  plan_layout(t, &L);
  activity_header(t, &L);
  for (j = 0; j <= ns; j++) {
    const char *sec = j < ns ? cpd_result_section(t->r, j)->section : NULL;
    int first = 1;
    for (i = 0; i < n; i++) {
      const cpd_activity_result *a = cpd_result_activity(t->r, i);
      if (sec ? !a->section || strcmp(a->section, sec) != 0
              : a->section != NULL)
        continue;
      activity_row(t, &L, a, first);
      first = 0;
    }
  }
}

static void bar(const term *t, cpd_points counted, cpd_points required) {
  int width = 30, filled, i;
  if (required <= 0 || counted >= required)
    filled = width;
  else
    filled = (int)(counted * width / required);
  fputc('[', t->out);
  on(t, counted >= required ? C_GREEN : C_YELLOW);
  for (i = 0; i < filled; i++)
    fputc('#', t->out);
  off(t);
  on(t, C_DIM);
  for (; i < width; i++)
    fputc('.', t->out);
  off(t);
  fputc(']', t->out);
}

static void diagnostics(const term *t) {
  size_t i, n = cpd_result_diagnostic_count(t->r);
  int sev, pass, lw = 0;
  char field[160];
  if (n == 0) {
    on(t, C_GREEN);
    fputs(t->ja ? "指摘事項はありません。" : "No problems found.", t->out);
    off(t);
    fputc('\n', t->out);
    return;
  }
  for (i = 0; i < n; i++)
    lw = max_int(
        lw, cli_text_columns(cli_label(
                cpd_severity_label(cpd_result_diagnostic(t->r, i)->severity),
                t->ja)));
  on(t, C_BOLD);
  fprintf(t->out, t->ja ? "指摘事項（%zu件）" : "Problems (%zu)", n);
  off(t);
  fputc('\n', t->out);
  /* the document's own shape first (R14: a misspelt key explains the
   * problems that follow from it), then the worst first: fatal, error,
   * warning, info; input order within */
  for (pass = 0; pass < 2; pass++)
    for (sev = CPD_SEVERITY_FATAL; sev >= CPD_SEVERITY_INFO; sev--)
      for (i = 0; i < n; i++) {
        const cpd_diagnostic *d = cpd_result_diagnostic(t->r, i);
        if ((int)d->severity != sev ||
            (strcmp(d->rule, "R14") == 0) != (pass == 0))
          continue;
        spaces(t->out, 2);
        cell_left(t, cli_label(cpd_severity_label(d->severity), t->ja), lw,
                  severity_color(d->severity));
        spaces(t->out, 2);
        cli_field_label(field, sizeof field, d->path, t->r, t->ja);
        on(t, C_BOLD);
        cli_fputs_safe(t->out, field, 0); /* may be the path as given */
        off(t);
        on(t, C_DIM);
        /* a path can hold a key of the application, a message quote it */
        cli_message(t->out, "  %s  [%s]", d->path[0] ? d->path : "/", d->code);
        off(t);
        fputc('\n', t->out);
        spaces(t->out, 2 + lw + 2);
        cli_fputs_safe(t->out, t->ja ? d->message_ja : d->message, 0);
        fputc('\n', t->out);
      }
}

static void heading(const term *t, const char *ja, const char *en) {
  on(t, C_BOLD);
  fputs(t->ja ? ja : en, t->out);
  off(t);
  fputc('\n', t->out);
}

void cli_print_report(FILE *out, const cpd_result *r,
                      const cpd_application *app, int ja, int color) {
  const cpd_summary *s = cpd_result_summary(r);
  static const char *const labels[][2] = {{"判定", "Decision"},
                                          {"申請年月日", "Applied on"},
                                          {"更新対象資格", "Qualification"},
                                          {"認定期間", "Period"},
                                          {"年度", "Years"},
                                          {"受付期間", "Window"},
                                          {"CPD方針", "CPD policy"},
                                          {"合計", "Total"},
                                          {"更新後の期間", "Renewed period"},
                                          {"メール件名", "E-mail subject"}};
  term t;
  char d1[11], d2[11], c1[32], c2[32], c3[32];
  size_t i;
  int lw = 0, y;
  t.out = out;
  t.ja = ja;
  t.color = want_color(out, color);
  t.width = out_width(out);
  t.app = app;
  t.r = r;
  for (i = 0; i < sizeof labels / sizeof *labels; i++)
    lw = max_int(lw, cli_text_columns(labels[i][ja ? 0 : 1]));
  lw += 2;

  label(&t, "判定", "Decision", lw);
  on(&t, decision_color(s->decision));
  fputs(cli_label(cpd_decision_label(s->decision), ja), out);
  off(&t);
  fprintf(out, ja ? "（%s）\n" : " (%s)\n",
          cli_note(cpd_decision_label(s->decision), ja));
  cpd_day_format(d1, s->applied_on);
  label(&t, "申請年月日", "Applied on", lw);
  fprintf(out, "%s\n", d1);
  label(&t, "更新対象資格", "Qualification", lw);
  cli_fputs_safe(
      out,
      s->qualification ? s->qualification : (ja ? "（不明）" : "(unknown)"), 0);
  fputc('\n', out);
  cpd_day_format(d1, s->period_starts_on);
  cpd_day_format(d2, s->period_expires_on);
  label(&t, "認定期間", "Period", lw);
  fprintf(out, ja ? "%s 〜 %s\n" : "%s to %s\n", d1, d2);
  label(&t, "年度", "Years", lw);
  for (y = 1; y <= s->period_years; y++) {
    cpd_day a, b;
    if (cpd_result_period_year(r, y, &a, &b) != CPD_OK)
      break;
    cpd_day_format(d1, a);
    cpd_day_format(d2, b);
    if (y > 1)
      spaces(out, lw);
    fprintf(out, ja ? "%d年目 %s 〜 %s\n" : "year %d: %s to %s\n", y, d1, d2);
  }
  if (s->period_years < 1)
    fputc('\n', out);
  cpd_day_format(d1, s->window_opens_on);
  cpd_day_format(d2, s->window_closes_on);
  label(&t, "受付期間", "Window", lw);
  fprintf(out, ja ? "%s 〜 %s（" : "%s to %s (", d1, d2);
  on(&t, s->window_status == CPD_WINDOW_OPEN ? C_GREEN : C_RED);
  fputs(cli_label(cpd_window_status_label(s->window_status), ja), out);
  off(&t);
  fputs(ja ? "）\n" : ")\n", out);
  if (s->policy_name && s->policy_name[0]) {
    label(&t, "CPD方針", "CPD policy", lw);
    cli_fputs_safe(out, s->policy_name, 0); /* from the policy document */
    fputc('\n', out);
  }

  fputc('\n', out);
  heading(&t, "区分ごとの集計", "Sections");
  section_table(&t);
  fputc('\n', out);
  heading(&t, "活動", "Activities");
  activity_table(&t);
  fputc('\n', out);

  cpd_points_format(c1, s->counted);
  cpd_points_format(c2, s->required);
  cpd_points_format(c3, s->shortfall);
  label(&t, "合計", "Total", lw);
  on(&t, C_BOLD);
  fprintf(out, "%s / %s", c1, c2);
  off(&t);
  fputs("  ", out);
  bar(&t, s->counted, s->required);
  fputs("  ", out);
  if (s->shortfall > 0) {
    on(&t, C_RED);
    fprintf(out, ja ? "%s ポイント不足" : "%s short", c3);
  } else {
    on(&t, C_GREEN);
    fputs(ja ? "充足" : "enough", out);
  }
  off(&t);
  fputc('\n', out);
  if (s->decision == CPD_ELIGIBLE) {
    cpd_day_format(d1, s->renewal_starts_on);
    cpd_day_format(d2, s->renewal_expires_on);
    label(&t, "更新後の期間", "Renewed period", lw);
    fprintf(out, ja ? "%s 〜 %s\n" : "%s to %s\n", d1, d2);
  }
  if (s->email_subject) {
    label(&t, "メール件名", "E-mail subject", lw);
    cli_fputs_safe(out, s->email_subject, 0);
    fputc('\n', out);
  }
  fputc('\n', out);
  diagnostics(&t);
}

void cli_print_text(FILE *out, const cpd_result *r, int ja) {
  cli_print_report(out, r, NULL, ja, -1);
}

void cli_print_error_text(FILE *out, const cpd_error *err, int ja) {
  fprintf(out, "cpd: %s: ", ja ? "入力エラー" : "input error");
  cli_print_error_detail(out, err, ja);
}

void cli_print_error_detail(FILE *out, const cpd_error *err, int ja) {
  /* the path can hold a key of the document: made safe */
  cli_fputs_safe(out, ja ? err->message_ja : err->message, 0);
  if (err->path[0])
    cli_message(out, " (%s %s)", ja ? "位置" : "at", err->path);
  if (err->offset >= 0)
    fprintf(out, " (%s %lld)", ja ? "バイト位置" : "byte", err->offset);
  fprintf(out, " [%s]\n", err->code);
}
