/* html.c - `cpd report`: the filled-in renewal form as one self-contained
 * HTML page (inline CSS and SVG, no script, nothing fetched), laid out as
 * the association's form (申請者情報, sections A, B-1 ... D-3 with their rows,
 * 合計 and 上限), with the result, an SVG chart of counted points against
 * the caps and the requirement, and print CSS for A4.  Every text from the
 * application is HTML-escaped; personal details appear only with
 * --include-personal.  Also `cpd report --format text` (the terminal
 * report with titles and dates). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

#include "cli.h"

typedef struct html {
  FILE *out;
  int ja;
  int personal; /* --include-personal */
  const cpd_application *app;
  const cpd_policy *policy; /* the sections' rows on the form */
  const cpd_result *r;
  const cpd_summary *s;
  size_t *order; /* diagnostics, worst first */
  size_t ndiag;
  size_t *ref_first, *ref_next; /* each activity's diagnostics, as
                                   positions k in order, linked */
  const char *css_href;         /* NULL: the CSS inline; else a <link> to it */
} html;

#define T(h, ja_text, en_text) ((h)->ja ? (ja_text) : (en_text))
/* A field's label, from the library's field table. */
static const char *field_label(int ja, cpd_field_id id) {
  const cpd_field_info *f = cpd_field_by_id(id);
  return f ? (ja ? f->label_ja : f->label) : "?";
}
#define FIELD(h, id) field_label((h)->ja, id)

/* ------------------------------------------------------------- escaping */

/* Text as HTML character data or attribute value: & < > " ' escaped;
 * everything else made safe as all text for people is (safe.c): controls
 * other than tab and newline, and bytes that are not UTF-8, become
 * U+FFFD; bidi overrides and isolates are shown as "<U+202E>" (escaped).
 * Runs of plain bytes are written at once. */
static void esc(FILE *out, const char *s) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  const utf8proc_uint8_t *run = p; /* bytes not yet written, kept as is */
  while (*p) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n;
    const char *r = NULL;
    char buf[16];
    if (*p >= 0x20 && *p < 0x7F && *p != '&' && *p != '<' && *p != '>' &&
        *p != '"' && *p != '\'') {
      p++;
      continue;
    }
    /* kana and kanji (U+3000..U+CFFF): valid, and no control, as they are */
    if (*p >= 0xE3 && *p <= 0xEC && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80) {
      p += 3;
      continue;
    }
    n = utf8proc_iterate(p, -1, &c);
    if (n <= 0) {
      r = "\xEF\xBF\xBD";
      n = 1;
    } else if (c == '&') {
      r = "&amp;";
    } else if (c == '<') {
      r = "&lt;";
    } else if (c == '>') {
      r = "&gt;";
    } else if (c == '"') {
      r = "&quot;";
    } else if (c == '\'') {
      r = "&#39;";
    } else if (cli_is_bidi_control(c)) {
      cli_format(buf, sizeof buf, "&lt;U+%04X&gt;", (unsigned)c);
      r = buf;
    } else {
      r = cli_safe_char(c, 1, buf); /* U+FFFD, or NULL: kept */
    }
    if (r) {
      if (p > run)
        fwrite(run, 1, (size_t)(p - run), out);
      fputs(r, out);
      run = p + n;
    }
    p += n;
  }
  if (p > run)
    fwrite(run, 1, (size_t)(p - run), out);
}

/* " name=\"value\"": every attribute value the page takes from a
 * document (application or policy) goes through here, escaped. */
static void attr(FILE *out, const char *name, const char *value) {
  fprintf(out, " %s=\"", name);
  esc(out, value);
  fputc('"', out);
}

/* A count in decimal, without printf's machinery. */
static void put_size(FILE *out, size_t n) {
  char buf[24], *p = buf + sizeof buf;
  *--p = '\0';
  do
    *--p = (char)('0' + n % 10);
  while ((n /= 10) != 0);
  fputs(p, out);
}

static void pts_attr(FILE *out, const char *name, cpd_points p) {
  char buf[32];
  cpd_points_format(buf, p);
  fprintf(out, " %s=\"%s\"", name, buf);
}

/* A date for people: 2024年6月15日 or 2024-06-15. */
static void date_text(const html *h, char *buf, size_t cap, cpd_day d) {
  int y, m, dd;
  if (d == CPD_DAY_NONE) {
    cli_format(buf, cap, "-");
    return;
  }
  cpd_day_to_ymd(d, &y, &m, &dd);
  if (h->ja)
    cli_format(buf, cap, "%d年%d月%d日", y, m, dd);
  else
    cli_format(buf, cap, "%04d-%02d-%02d", y, m, dd);
}

/* A date the application gave (any R13 form): shown canonical, or as
 * written with a mark when it is not a date. */
static void value_date(const html *h, const cpd_value *v) {
  char buf[64];
  cpd_day d;
  if (v->kind == CPD_VALUE_TEXT &&
      cpd_day_parse(&d, v->text, strlen(v->text)) == CPD_OK) {
    date_text(h, buf, sizeof buf, d);
    fputs(buf, h->out);
  } else if (v->kind == CPD_VALUE_TEXT) {
    fputs("<span class=\"invalid\">", h->out);
    esc(h->out, v->text);
    fputs("</span>", h->out);
  } else if (v->kind != CPD_VALUE_ABSENT && v->kind != CPD_VALUE_NULL) {
    fputs("<span class=\"invalid\">?</span>", h->out);
  }
}

/* A scalar as written: text escaped, a number with at most 2 decimals. */
static void value_plain(const html *h, const cpd_value *v) {
  char buf[64];
  switch (v->kind) {
  case CPD_VALUE_TEXT:
    esc(h->out, v->text);
    break;
  case CPD_VALUE_NUMBER:
    if (v->number >= 0 && v->number < 1e12) {
      cpd_points_format(buf, (cpd_points)(v->number * 100 + 0.5));
      fputs(buf, h->out);
    } else {
      fprintf(h->out, "%g", v->number);
    }
    break;
  case CPD_VALUE_BOOL:
    fputs(v->boolean ? "true" : "false", h->out);
    break;
  default:
    break;
  }
}

static int present(const cpd_value *v) {
  return v->kind == CPD_VALUE_TEXT
             ? v->text[0] != '\0'
             : v->kind != CPD_VALUE_ABSENT && v->kind != CPD_VALUE_NULL;
}

/* ------------------------------------------------------------ applicant */

/* One field of the applicant's part of the form.  A field the library's
 * table marks personal is shown only with --include-personal; otherwise
 * the row says whether it was filled in. */
/* The HTML id of a field's row: its key, after its object's key unless
 * that is the applicant ("certification-number", "fee-paid-on", "name",
 * "postal-code"), with "-" for "_". */
static void row_id(char *buf, size_t cap, const cpd_field_info *f) {
  char parent[CPD_ERROR_PATH_SIZE];
  const cpd_field_info *p;
  const char *slash = strrchr(f->pointer, '/');
  size_t n = slash ? (size_t)(slash - f->pointer) : 0, i;
  cli_format(parent, sizeof parent, "%.*s", (int)n, f->pointer);
  p = n ? cpd_field_find(parent, NULL) : NULL;
  if (p && p != cpd_field_by_id(CPD_FIELD_ID_APPLICANT))
    cli_format(buf, cap, "%s-%s", p->key, f->key);
  else
    cli_format(buf, cap, "%s", f->key);
  for (i = 0; buf[i]; i++)
    if (buf[i] == '_')
      buf[i] = '-';
}

/* One field of the applicant's part of the form, its value read through
 * the library's table.  A field the table marks personal is shown only
 * with --include-personal; otherwise the row says whether it was filled
 * in. */
static void field_row(const html *h, cpd_field_id id, const char *prefix) {
  const cpd_field_info *f = cpd_field_by_id(id);
  const cpd_value *v = cpd_application_get(h->app, f, 0, NULL);
  char rid[64];
  row_id(rid, sizeof rid, f);
  fprintf(h->out, "<tr><th>%s</th><td id=\"%s\"",
          h->ja ? f->label_ja : f->label, rid);
  if (!v || !present(v)) {
    fprintf(h->out, " class=\"empty\"%s>%s</td></tr>\n",
            f->personal ? " data-state=\"empty\"" : "",
            T(h, "（未記入）", "(not given)"));
    return;
  }
  if (f->personal && !h->personal) {
    fprintf(h->out,
            " class=\"withheld\" data-state=\"withheld\">%s</td></tr>\n",
            T(h, "記入あり（非表示）", "given (withheld)"));
    return;
  }
  fputs(f->personal ? " data-state=\"shown\">" : ">", h->out);
  if (prefix && !(v->kind == CPD_VALUE_TEXT &&
                  strncmp(v->text, prefix, strlen(prefix)) == 0))
    fputs(prefix, h->out);
  if (f->kind == CPD_FIELD_DATE)
    value_date(h, v);
  else
    value_plain(h, v);
  fputs("</td></tr>\n", h->out);
}

/* Which details are withheld: the fields the library's table marks
 * personal, by their labels. */
static void personal_note(const html *h) {
  size_t i, n = cpd_field_count();
  int any = 0;
  fprintf(h->out, "<p class=\"note\">%s",
          T(h, "個人情報（", "Personal details ("));
  for (i = 0; i < n; i++) {
    const cpd_field_info *f = cpd_field_at(i);
    if (!f->personal)
      continue;
    fputs(any ? T(h, "・", ", ") : "", h->out);
    esc(h->out, h->ja ? f->label_ja : f->label);
    any = 1;
  }
  fprintf(h->out, "%s</p>\n",
          T(h,
            "）は表示していません。表示するには --include-personal を"
            "付けてください。",
            ") are withheld; --include-personal shows them."));
}

static void applicant(const html *h) {
  const cpd_application *a = h->app;
  const char *q = h->s->qualification;
  FILE *o = h->out;
  fprintf(o, "<section id=\"applicant\" data-personal=\"%s\">\n",
          h->personal ? "included" : "withheld");
  fprintf(o, "<h2>%s</h2>\n<table class=\"kv\">\n",
          T(h, "■申請者情報", "■ Applicant"));
  field_row(h, CPD_FIELD_ID_CERT_NUMBER, NULL);
  field_row(h, CPD_FIELD_ID_NAME, NULL);
  field_row(h, CPD_FIELD_ID_NAME_KANA, NULL);
  /* the qualification is one of the policy's: escaped like any text */
  fprintf(o, "<tr><th>%s</th><td class=\"quals\" id=\"qualification\"",
          FIELD(h, CPD_FIELD_ID_QUALIFICATION));
  attr(o, "data-qualification", q ? q : "");
  fprintf(o,
          ">"
          "<div><span class=\"box%s\"></span>%s</div>"
          "<div><span class=\"box%s\"></span>%s</div></td></tr>\n",
          q && strcmp(q, "OMP") == 0 ? " on" : "",
          T(h, "オペレーションマネジメントプロフェショナル（OMP）",
            "Operation Management Professional (OMP)"),
          q && strcmp(q, "CAP") == 0 ? " on" : "",
          T(h, "コンタクトセンターアーキテクチャプロフェショナル（CAP）",
            "Contact Center Architecture Professional (CAP)"));
  field_row(h, CPD_FIELD_ID_COMPANY, NULL);
  field_row(h, CPD_FIELD_ID_COMPANY_KANA, NULL);
  field_row(h, CPD_FIELD_ID_FEE_PAID_ON, NULL);
  field_row(h, CPD_FIELD_ID_FEE_PAYER, NULL);
  fputs("</table>\n", o);
  fprintf(o, "<h3>%s</h3>\n<table class=\"kv\">\n",
          T(h, "・連絡先", "· Contact"));
  field_row(h, CPD_FIELD_ID_POSTAL_CODE, "〒");
  field_row(h, CPD_FIELD_ID_ADDRESS, NULL);
  field_row(h, CPD_FIELD_ID_PHONE, NULL);
  field_row(h, CPD_FIELD_ID_MOBILE, NULL);
  field_row(h, CPD_FIELD_ID_EMAIL, NULL);
  fputs("</table>\n", o);
  if (!h->personal)
    personal_note(h);
  {
    int agreed =
        a->oath_agreed.kind == CPD_VALUE_BOOL && a->oath_agreed.boolean;
    fprintf(
        o,
        "<p id=\"oath\" data-agreed=\"%s\"><span class=\"box%s\"></span>"
        "%s</p>\n",
        agreed ? "true" : "false", agreed ? " on" : "",
        T(h,
          "倫理綱領・職業倫理規定ならびに継続教育・学習方針（CPD）を理解し、"
          "順守することに同意します。",
          "I understand the code of ethics and the CPD policy and agree "
          "to follow them."));
  }
  fputs("</section>\n", o);
}

/* ------------------------------------------------------------- sections */

/* Column titles as printed on the form for each category (the library's
 * words for them). */
static void section_columns(const html *h, const cpd_category_info *c) {
  const char *name = h->ja ? c->title_column_ja : c->title_column;
  const char *date = h->ja ? c->date_column_ja : c->date_column;
  const char *hours = h->ja ? c->hours_column_ja : c->hours_column;
  fprintf(h->out,
          "<colgroup><col class=\"no\"><col class=\"title\"><col "
          "class=\"date\"><col class=\"hours\"><col class=\"pts\"><col "
          "class=\"cnt\"><col class=\"st\"></colgroup>\n"
          "<thead><tr><th class=\"num\">#</th><th>%s</th><th>%s</th>"
          "<th class=\"num\">%s</th><th class=\"num\">%s</th>"
          "<th class=\"num reviewer\">%s</th><th class=\"reviewer\">%s</th>"
          "</tr></thead>\n",
          name, date, hours, T(h, "CPDポイント", "CPD points"),
          T(h, "算入", "Counted"), T(h, "状態", "Status"));
}

/* Diagnostics about activity i, as ※n references (n = the number in the
 * problems table), from the index built once (diags.c). */
static void refs(const html *h, size_t index) {
  size_t k;
  int any = 0;
  for (k = h->ref_first[index]; k != (size_t)-1; k = h->ref_next[k]) {
    fprintf(h->out, "%s<a href=\"#diag-%zu\">※%zu</a>",
            any ? " " : " <span class=\"refs\">", k + 1, k + 1);
    any = 1;
  }
  fputs("</span>", h->out);
}

/* h->ref_first / ref_next from h->order: 0, or -1 out of memory. */
static int link_refs(html *h) {
  size_t n = cpd_result_activity_count(h->r), k, i;
  h->ref_first = malloc((n ? n : 1) * sizeof *h->ref_first);
  h->ref_next = malloc((h->ndiag ? h->ndiag : 1) * sizeof *h->ref_next);
  if (!h->ref_first || !h->ref_next)
    return -1;
  for (i = 0; i < n; i++)
    h->ref_first[i] = (size_t)-1;
  for (k = h->ndiag; k-- > 0;) {
    size_t a = cpd_result_diagnostic(h->r, h->order[k])->activity;
    if (a < n) {
      h->ref_next[k] = h->ref_first[a];
      h->ref_first[a] = k;
    }
  }
  return 0;
}

static void entry_row(const html *h, const cpd_activity_result *a) {
  const cpd_activity *src = h->app && a->index < h->app->activity_count
                                ? &h->app->activities[a->index]
                                : NULL;
  FILE *o = h->out;
  size_t row = cpd_result_activity_row(h->r, a->index);
  char c1[32], c2[32];
  cpd_points_format(c1, a->claimed);
  cpd_points_format(c2, a->counted);
  /* data-index: the JSON index (0-based); data-activity: the number people
   * see (1-based); data-row: the row of its section on the form */
  fprintf(o,
          "<tr class=\"entry\" id=\"activity-%zu\" data-index=\"%zu\" "
          "data-activity=\"%zu\" data-row=\"%zu\"",
          a->index, a->index, a->index + 1, row);
  if (a->id) {
    fputs(" data-id=\"", o);
    esc(o, a->id);
    fputc('"', o);
  }
  fprintf(o, " data-claimed=\"%s\" data-counted=\"%s\" data-status=\"%s\">", c1,
          c2, cpd_activity_status_str(a->status));
  /* the form's row in a section ("B-2 の 2 行目"); the activity number
   * where the activity has no section */
  fprintf(o, "<td class=\"no\" title=\"%s %zu\">%zu</td><td class=\"title\">",
          T(h, "活動", "Activity"), a->index + 1, row ? row : a->index + 1);
  if (src)
    value_plain(h, &src->title);
  fputs("</td><td class=\"date\">", o);
  if (src)
    value_date(h, &src->completed_on);
  fputs("</td><td class=\"num\">", o);
  if (src && present(&src->hours)) {
    value_plain(h, &src->hours);
    /* the unit, unless the value carries its own (1時間30分, 90分, 1.5h) */
    if (src->hours.kind != CPD_VALUE_TEXT ||
        (!strstr(src->hours.text, "\xE6\x99\x82") && /* 時 */
         !strstr(src->hours.text, "\xE5\x88\x86") && /* 分 */
         !strpbrk(src->hours.text, "hH") &&
         !strstr(src->hours.text, "\xEF\xBD\x88"))) /* ｈ */
      fputs(T(h, " 時間", " h"), o);
  }
  fprintf(o,
          "</td><td class=\"num\">%s</td><td class=\"num reviewer%s\">%s</td>"
          "<td class=\"st reviewer status-%s\"><span class=\"label\">%s</span>",
          c1, a->counted < a->claimed ? " over" : "", c2,
          cpd_activity_status_str(a->status),
          cli_label(cpd_activity_status_label(a->status), h->ja));
  refs(h, a->index);
  fputs("</td></tr>\n", o);
}

static void blank_row(const html *h) {
  fprintf(h->out,
          "<tr class=\"blank\"><td class=\"no\"></td><td></td><td>%s</td>"
          "<td class=\"num\">%s</td><td></td><td class=\"reviewer\"></td>"
          "<td class=\"reviewer\"></td></tr>\n",
          T(h, "　　年　　月　　日", ""), T(h, "時間", ""));
}

static void section(const html *h, const cpd_section_total *s) {
  FILE *o = h->out;
  size_t i, n = cpd_result_activity_count(h->r), rows = 0, form_rows = 0;
  const cpd_category_info *cat = cpd_category_find(s->section);
  cpd_section_info info;
  char c1[32], c2[32], cap[96]; /* "合計（上限999999.99ポイント）" */
  fputs("<section class=\"cpd-section\" id=\"section-", o);
  esc(o, s->section);
  fputc('"', o);
  attr(o, "data-section", s->section);
  fprintf(o, " data-entries=\"%zu\"", s->entries);
  pts_attr(o, "data-claimed", s->claimed);
  pts_attr(o, "data-counted", s->counted);
  if (s->cap == CPD_NO_CAP)
    fputs(" data-cap=\"none\"", o);
  else
    pts_attr(o, "data-cap", s->cap);
  /* the rows the paper form prints for the section (the policy's) */
  if (cpd_policy_section_find(&info, h->policy, h->s->applied_on, s->section) ==
          CPD_OK &&
      info.form_rows > 0)
    form_rows = (size_t)info.form_rows;
  fputs(">\n<h3>", o);
  esc(o, s->section);
  if (cat)
    fprintf(o, "　%s", h->ja ? cat->label_ja : cat->label);
  if (s->year > 0) {
    cpd_day a, b;
    char d1[40], d2[40];
    fprintf(o, T(h, "（%d年目）", " (year %d)"), s->year);
    if (cpd_result_period_year(h->r, s->year, &a, &b) == CPD_OK) {
      date_text(h, d1, sizeof d1, a);
      date_text(h, d2, sizeof d2, b);
      fprintf(o, "<span class=\"years\">%s〜%s</span>", d1, d2);
    }
  }
  fputs("</h3>\n<table>\n", o);
  section_columns(h, cat ? cat : cpd_category_at(0));
  fputs("<tbody>\n", o);
  for (i = 0; i < n; i++) {
    const cpd_activity_result *a = cpd_result_activity(h->r, i);
    if (a->section && strcmp(a->section, s->section) == 0) {
      entry_row(h, a);
      rows++;
    }
  }
  for (; rows < form_rows; rows++)
    blank_row(h);
  cpd_points_format(c1, s->claimed);
  cpd_points_format(c2, s->counted);
  if (s->cap == CPD_NO_CAP)
    cli_format(cap, sizeof cap, "%s",
               T(h, "合計（上限なし）", "Total (no cap)"));
  else {
    char capn[CPD_POINTS_TEXT_SIZE];
    cpd_points_format(capn, s->cap);
    cli_format(cap, sizeof cap,
               T(h, "合計（上限%sポイント）", "Total (cap %s)"), capn);
  }
  fprintf(o,
          "<tr class=\"total\"><th colspan=\"4\">%s</th>"
          "<td class=\"num section-claimed\">%s</td>"
          "<td class=\"num reviewer section-counted%s\">%s</td>"
          "<td class=\"st reviewer\">%s</td></tr>\n",
          cap, c1, s->counted < s->claimed ? " over" : "", c2,
          s->cap != CPD_NO_CAP && s->claimed > s->cap
              ? T(h, "上限到達", "capped")
              : "");
  fputs("</tbody></table>\n</section>\n", o);
}

static void unplaced(const html *h) {
  size_t i, n = cpd_result_activity_count(h->r), k = 0;
  for (i = 0; i < n; i++)
    k += cpd_result_activity(h->r, i)->section == NULL;
  if (!k)
    return;
  fprintf(h->out,
          "<section class=\"cpd-section\" id=\"section-unplaced\" "
          "data-section=\"\" data-entries=\"%zu\">\n<h3>%s</h3>\n<table>\n",
          k,
          T(h, "区分外の活動（期間外・記入不備などにより集計しない）",
            "Activities not placed (outside the period, invalid entries, "
            "...): not counted"));
  section_columns(h, cpd_category_at(0));
  fputs("<tbody>\n", h->out);
  for (i = 0; i < n; i++) {
    const cpd_activity_result *a = cpd_result_activity(h->r, i);
    if (!a->section)
      entry_row(h, a);
  }
  fputs("</tbody></table>\n</section>\n", h->out);
}

/* ---------------------------------------------------------------- chart */

/* A colour for each category, in the library's order (A, B, C, D). */
static const char *category_color(const cpd_category_info *c) {
  static const char *const colors[] = {"#2563eb", "#0891b2", "#16a34a",
                                       "#9333ea"};
  size_t i, n = cpd_category_count();
  for (i = 0; i < n; i++)
    if (cpd_category_at(i) == c)
      return colors[i % (sizeof colors / sizeof *colors)];
  return colors[sizeof colors / sizeof *colors - 1];
}

/* Points as an SVG length: x = p * scale, with 2 decimals. */
static double px(cpd_points p, double scale) {
  return (double)p / 100.0 * scale;
}

static void chart(const html *h) {
  FILE *o = h->out;
  const cpd_summary *s = h->s;
  size_t i, n = cpd_result_section_count(h->r);
  const double W = 680, left = 52, right = 120, bar_w = W - left - right;
  const double row = 20, top_h = 92;
  double H = top_h + (double)n * row + 12, scale, x, y;
  cpd_points max = s->required > s->counted ? s->required : s->counted;
  char buf[32], buf2[32];
  size_t c;

  /* one scale for the total and every section, so that a cap of 5 and
   * the requirement of 30 are seen in proportion */
  for (i = 0; i < n; i++) {
    const cpd_section_total *t = cpd_result_section(h->r, i);
    if (t->claimed > max)
      max = t->claimed;
    if (t->cap != CPD_NO_CAP && t->cap > max)
      max = t->cap;
  }
  if (max <= 0)
    max = 100;
  scale = bar_w / ((double)max / 100.0);

  fprintf(
      o,
      "<svg class=\"chart\" id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
      "aria-labelledby=\"chart-title\">\n"
      "<title id=\"chart-title\">%s</title>\n"
      "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" "
      "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
      "<rect width=\"6\" height=\"6\" fill=\"#fde68a\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#d97706\" "
      "stroke-width=\"2\"/></pattern></defs>\n"
      "<g font-size=\"11\" fill=\"#1a1a1a\">\n",
      W, H,
      T(h, "算入ポイント: 各区分の上限と必要ポイントに対して",
        "Counted points against each cap and against the requirement"));

  /* the total: counted per category, stacked, against the requirement */
  cpd_points_format(buf, s->counted);
  cpd_points_format(buf2, s->required);
  fprintf(o,
          "<text x=\"0\" y=\"13\" font-weight=\"700\">%s</text>\n"
          "<g id=\"chart-total\" data-counted=\"%s\" data-required=\"%s\">"
          "<text x=\"0\" y=\"37\" font-weight=\"700\">%s</text>\n"
          "<rect x=\"%.0f\" y=\"22\" width=\"%.2f\" height=\"22\" "
          "fill=\"#eef1f5\" stroke=\"#9aa3ad\"/>\n",
          T(h, "合計と必要ポイント", "Total against the requirement"), buf,
          buf2, T(h, "合計", "Total"), left, px(s->required, scale));
  x = left;
  for (c = 0; c < cpd_category_count(); c++) {
    const cpd_category_info *cat = cpd_category_at(c);
    cpd_points sum = 0;
    for (i = 0; i < n; i++) {
      const cpd_section_total *t = cpd_result_section(h->r, i);
      if (cpd_category_find(t->section) == cat)
        sum += t->counted;
    }
    if (sum <= 0)
      continue;
    cpd_points_format(buf, sum);
    fprintf(o,
            "<rect class=\"seg\" data-category=\"%s\" x=\"%.2f\" y=\"22\" "
            "width=\"%.2f\" height=\"22\" fill=\"%s\"><title>%s: %s</title>"
            "</rect>\n",
            cat->category, x, px(sum, scale), category_color(cat),
            cat->category, buf);
    if (px(sum, scale) >= 34)
      fprintf(o,
              "<text x=\"%.2f\" y=\"37\" text-anchor=\"middle\" "
              "fill=\"#fff\" font-weight=\"700\">%s %s</text>\n",
              x + px(sum, scale) / 2, cat->category, buf);
    x += px(sum, scale);
  }
  cpd_points_format(buf, s->counted);
  fprintf(
      o, "<text x=\"%.2f\" y=\"37\" font-weight=\"700\">%s / %s%s</text>\n",
      (x > left + px(s->required, scale) ? x : left + px(s->required, scale)) +
          6,
      buf, buf2,
      s->shortfall > 0 ? T(h, "（不足）", " (short)")
                       : T(h, "（充足）", " (met)"));
  x = left + px(s->required, scale);
  fprintf(o,
          "<line x1=\"%.2f\" y1=\"17\" x2=\"%.2f\" y2=\"49\" stroke=\"#111\" "
          "stroke-width=\"2\"/>\n"
          "<text x=\"%.2f\" y=\"60\" text-anchor=\"end\" font-size=\"10\">"
          "%s %s</text></g>\n",
          x, x, x, T(h, "必要", "required"), buf2);

  /* each section against its cap */
  y = top_h;
  fprintf(o, "<text x=\"0\" y=\"%.0f\" font-weight=\"700\">%s</text>\n", y - 8,
          T(h, "区分ごと（点線が上限、斜線は上限を超えて算入されない分）",
            "Per section (dashed: the cap; hatched: over the cap, not "
            "counted)"));
  for (i = 0; i < n; i++) {
    const cpd_section_total *t = cpd_result_section(h->r, i);
    double yy = y + (double)i * row, end;
    cpd_points_format(buf, t->counted);
    fputs("<g class=\"bar\"", o);
    attr(o, "data-section", t->section);
    fprintf(o, "><text x=\"0\" y=\"%.2f\">", yy + 13);
    esc(o, t->section);
    fputs("</text>", o);
    if (t->cap != CPD_NO_CAP)
      fprintf(o,
              "<rect x=\"%.0f\" y=\"%.2f\" width=\"%.2f\" height=\"14\" "
              "fill=\"#eef1f5\" stroke=\"#9aa3ad\"/>",
              left, yy + 2, px(t->cap, scale));
    if (t->claimed > t->counted)
      fprintf(o,
              "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"14\" "
              "fill=\"url(#hatch)\"/>",
              left + px(t->counted, scale), yy + 2,
              px(t->claimed - t->counted, scale));
    if (t->counted > 0)
      fprintf(o,
              "<rect x=\"%.0f\" y=\"%.2f\" width=\"%.2f\" height=\"14\" "
              "fill=\"%s\"/>",
              left, yy + 2, px(t->counted, scale),
              category_color(cpd_category_find(t->section)));
    end = left + px(t->claimed > t->counted ? t->claimed : t->counted, scale);
    if (t->cap != CPD_NO_CAP) {
      x = left + px(t->cap, scale);
      if (x > end)
        end = x;
      fprintf(o,
              "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
              "stroke=\"#b91c1c\" stroke-width=\"1.5\" "
              "stroke-dasharray=\"3 2\"/>",
              x, yy, x, yy + 18);
    }
    if (t->cap == CPD_NO_CAP)
      fprintf(o, "<text x=\"%.2f\" y=\"%.2f\">%s %s</text>", end + 6, yy + 13,
              buf, T(h, "（上限なし）", "(no cap)"));
    else {
      char capn[CPD_POINTS_TEXT_SIZE];
      cpd_points_format(capn, t->cap);
      fprintf(o, "<text x=\"%.2f\" y=\"%.2f\">%s / %s</text>", end + 6, yy + 13,
              buf, capn);
    }
    fputs("</g>\n", o);
  }
  fputs("</g>\n</svg>\n", o);
}

/* --------------------------------------------------------------- result */

static void result(const html *h) {
  FILE *o = h->out;
  const cpd_summary *s = h->s;
  char d1[40], d2[40], c1[32], c2[32], c3[32];
  size_t k;
  const char *dec = cpd_decision_str(s->decision);

  fprintf(o, "<section id=\"result\" data-decision=\"%s\">\n<h2>%s</h2>\n", dec,
          T(h, "■審査結果（libcpd による判定）", "■ Result (libcpd)"));
  fputs("<dl class=\"summary\">\n", o);
  fprintf(o,
          "<dt>%s</dt><dd><span id=\"decision\" class=\"badge %s\" "
          "data-decision=\"%s\">%s</span></dd>\n",
          T(h, "判定", "Decision"), dec, dec,
          cli_label(cpd_decision_label(s->decision), h->ja));
  date_text(h, d1, sizeof d1, s->period_starts_on);
  date_text(h, d2, sizeof d2, s->period_expires_on);
  fprintf(o, "<dt>%s</dt><dd id=\"period\">%s 〜 %s</dd>\n",
          T(h, "認定期間", "Period"), d1, d2);
  date_text(h, d1, sizeof d1, s->window_opens_on);
  date_text(h, d2, sizeof d2, s->window_closes_on);
  fprintf(
      o,
      "<dt>%s</dt><dd id=\"window\" data-status=\"%s\">%s 〜 %s（%s）</dd>\n",
      T(h, "受付期間", "Window"), cpd_window_status_str(s->window_status), d1,
      d2, cli_label(cpd_window_status_label(s->window_status), h->ja));
  cpd_points_format(c1, s->counted);
  cpd_points_format(c2, s->required);
  cpd_points_format(c3, s->shortfall);
  fprintf(o,
          "<dt>%s</dt><dd id=\"total\" data-counted=\"%s\" "
          "data-required=\"%s\" data-shortfall=\"%s\"><b>%s</b> / %s",
          T(h, "合計", "Total"), c1, c2, c3, c1, c2);
  if (s->shortfall > 0)
    fprintf(o, T(h, "（%s ポイント不足）", " (%s short)"), c3);
  fputs("</dd>\n", o);
  if (s->decision == CPD_ELIGIBLE) {
    date_text(h, d1, sizeof d1, s->renewal_starts_on);
    date_text(h, d2, sizeof d2, s->renewal_expires_on);
    fprintf(o, "<dt>%s</dt><dd id=\"renewal\">%s 〜 %s</dd>\n",
            T(h, "更新後の認定期間", "Renewed period"), d1, d2);
  }
  if (s->email_subject) {
    fprintf(o, "<dt>%s</dt><dd id=\"email-subject\">",
            T(h, "メール件名", "E-mail subject"));
    esc(o, s->email_subject);
    fputs("</dd>\n", o);
  }
  if (s->policy_name && s->policy_name[0]) {
    fprintf(o, "<dt>%s</dt><dd id=\"policy\">", T(h, "CPD方針", "CPD policy"));
    esc(o, s->policy_name);
    fputs("</dd>\n", o);
  }
  fputs("</dl>\n", o);
  chart(h);
  unplaced(h);

  fprintf(o, "<h3>%s</h3>\n", T(h, "指摘事項", "Problems"));
  if (!h->ndiag) {
    fprintf(o, "<p id=\"diagnostics\" data-count=\"0\">%s</p>\n",
            T(h, "指摘事項はありません。", "No problems found."));
    fputs("</section>\n", o);
    return;
  }
  fprintf(o,
          "<table class=\"diags\" id=\"diagnostics\" data-count=\"%zu\">\n"
          "<thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th></tr>"
          "</thead><tbody>\n",
          h->ndiag, T(h, "区分", "Severity"), T(h, "項目", "Field"),
          T(h, "内容", "Message"));
  for (k = 0; k < h->ndiag; k++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(h->r, h->order[k]);
    char field[160];
    cli_field_label(field, sizeof field, d->path, h->r, h->ja);
    /* fputs and put_size rather than fprintf: this runs once a
     * diagnostic, 250,000 times at the documented limits */
    fputs("<tr class=\"diag sev-", o);
    fputs(cpd_severity_str(d->severity), o);
    fputs("\" id=\"diag-", o);
    put_size(o, k + 1);
    fputs("\" data-code=\"", o);
    esc(o, d->code);
    fputs("\" data-severity=\"", o);
    fputs(cpd_severity_str(d->severity), o);
    fputs("\" data-path=\"", o);
    esc(o, d->path);
    fputs("\"><td>", o);
    put_size(o, k + 1);
    fputs("</td><td class=\"sev\">", o);
    fputs(cli_label(cpd_severity_label(d->severity), h->ja), o);
    fputs("</td><td>", o);
    esc(o, field);
    fputs("</td><td>", o);
    esc(o, h->ja ? d->message_ja : d->message);
    fputs(" <code>", o);
    esc(o, d->code);
    fputs("</code></td></tr>\n", o);
  }
  fputs("</tbody></table>\n</section>\n", o);
}

/* ----------------------------------------------------------------- page */

static void page(const html *h) {
  FILE *o = h->out;
  const cpd_summary *s = h->s;
  size_t i, n = cpd_result_section_count(h->r);
  char d1[40];
  const char *dec = cpd_decision_str(s->decision), *group = NULL;

  fprintf(o,
          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta "
          "charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
          "'none'; style-src %s; img-src data:; "
          "form-action 'none'; base-uri 'none'\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"cpd %s\">\n<title>",
          h->ja ? "ja" : "en", h->css_href ? "'self'" : cli_report_css_hash,
          cpd_version_string());
  fputs(T(h, "プロフェッショナル資格 更新審査申請フォーム",
          "Professional certification renewal application"),
        o);
  if (present(&h->app->certification_number)) {
    fputs(" - ", o);
    value_plain(h, &h->app->certification_number);
  }
  if (h->css_href) {
    fputs("</title>\n<link rel=\"stylesheet\" href=\"", o);
    esc(o, h->css_href);
    fputs("\">\n</head>\n", o);
  } else {
    /* exactly the text the CSP's hash names (cmake/report_css.cmake) */
    fprintf(o, "</title>\n<style>%s</style>\n</head>\n", cli_html_css());
  }
  fprintf(o,
          "<body>\n<main id=\"report\" data-decision=\"%s\" "
          "data-personal=\"%s\"",
          dec, h->personal ? "included" : "withheld");
  pts_attr(o, "data-counted", s->counted);
  pts_attr(o, "data-required", s->required);
  fputs(">\n", o);

  /* sheet 1: (A) 更新申請書 - the applicant, A, B-1, B-2 */
  fprintf(o,
          "<div class=\"sheet\" id=\"sheet-1\">\n<p class=\"form-id\">%s</p>\n",
          T(h, "（Ａ）プロフェッショナル資格　更新申請書",
            "(A) Professional certification renewal application"));
  fprintf(o,
          "<div class=\"head\"><div><p class=\"org\">%s</p><h1>%s</h1></div>"
          "<div><p class=\"applied\">%s <span id=\"applied-on\">",
          T(h, "一般社団法人 日本コンタクトセンター教育検定協会",
            "Japan Contact Center Education and Certification Association"),
          T(h, "プロフェッショナル資格 更新審査申請フォーム",
            "Professional certification renewal application"),
          FIELD(h, CPD_FIELD_ID_APPLIED_ON));
  date_text(h, d1, sizeof d1, s->applied_on);
  fprintf(o,
          "%s</span></p><p class=\"applied\"><span class=\"badge %s\">%s</span>"
          "</p></div></div>\n",
          d1, dec, cli_label(cpd_decision_label(s->decision), h->ja));
  fprintf(o, "<p class=\"addressee\">%s</p>\n",
          T(h, "一般社団法人　日本コンタクトセンター教育検定協会　殿",
            "To the Japan Contact Center Education and Certification "
            "Association"));
  applicant(h);
  for (i = 0; i < n; i++) {
    const cpd_section_total *t = cpd_result_section(h->r, i);
    const cpd_category_info *cat = cpd_category_find(t->section);
    if (strcmp(t->section, "B-3") == 0) {
      /* sheet 2: (B) CPDポイント取得レポートフォーム, from B-3 on */
      fprintf(o,
              "</div>\n<div class=\"sheet\" id=\"sheet-2\">\n"
              "<p class=\"form-id\">%s</p>\n",
              T(h, "（Ｂ）ＣＰＤポイント取得レポートフォーム　更新申請書",
                "(B) CPD points report form"));
    }
    /* the form's group heading (■学習活動カテゴリ) where the group of
     * the sections' categories changes */
    if (cat && (!group || strcmp(group, cat->group) != 0)) {
      group = cat->group;
      fprintf(o, "<h2 class=\"group\">%s%s</h2>\n", T(h, "■", "■ "),
              h->ja ? cat->group_ja : cat->group);
    }
    section(h, t);
  }
  fputs("</div>\n", o);

  /* sheet 3: the result */
  fputs("<div class=\"sheet\" id=\"sheet-3\">\n", o);
  result(h);
  fprintf(o, "<footer>%s cpd %s", T(h, "作成:", "Made by"),
          cpd_version_string());
  if (s->policy_name && s->policy_name[0]) {
    fputs(" / ", o);
    esc(o, s->policy_name);
  }
  fprintf(o, "。%s</footer>\n",
          T(h,
            "この判定は申請内容を CPD 方針の規則に当てはめた結果であり、"
            "協会の審査結果そのものではありません。",
            " The decision applies the CPD policy's rules to what the "
            "application says; it is not the association's review."));
  fputs("</div>\n</main>\n</body>\n</html>\n", o);
}

/* Diagnostics worst first (fatal, error, warning, info), input order
 * within a severity: the numbering the rows refer to. */
static size_t *diag_order(const cpd_result *r, size_t *count) {
  size_t n = cpd_result_diagnostic_count(r), i, k = 0;
  size_t *order = malloc((n ? n : 1) * sizeof *order);
  int sev;
  if (!order)
    return NULL;
  for (sev = CPD_SEVERITY_FATAL; sev >= CPD_SEVERITY_INFO; sev--)
    for (i = 0; i < n; i++)
      if ((int)cpd_result_diagnostic(r, i)->severity == sev)
        order[k++] = i;
  *count = k;
  return order;
}

const char *cli_html_css(void) { return (const char *)cli_report_css; }

int cli_html_write(FILE *out, const cpd_application *app,
                   const cpd_policy *policy, const cpd_result *r, int ja,
                   int personal, const char *css_href) {
  html h;
  int rc = 0;
  memset(&h, 0, sizeof h);
  h.r = r;
  h.order = diag_order(r, &h.ndiag);
  if (!h.order || link_refs(&h) != 0) {
    rc = EXIT_NOMEM;
  } else {
    h.out = out;
    h.ja = ja;
    h.personal = personal;
    h.app = app;
    h.policy = policy;
    h.s = cpd_result_summary(r);
    h.css_href = css_href;
    page(&h);
  }
  free(h.order);
  free(h.ref_first);
  free(h.ref_next);
  return rc;
}

/* a usage error of this command (a literal format, checked) */
#define usage(...) cli_usage("report", __VA_ARGS__)

int cli_cmd_report(int argc, char **argv) {
  const char *file = NULL, *policy_file = NULL, *out_path = NULL;
  int text = 0, ja, personal = 0, rc;
  cpd_policy *policy = NULL;
  cpd_document *doc = NULL;
  cpd_result *r = NULL;
  cpd_error err;
  cpd_status st;
  char *json = NULL;
  size_t len;
  cli_out out;

  {
    static const char *const formats[] = {"html", "text", NULL};
    const char *format = NULL, *lang = NULL;
    int help = 0;
    const cli_option options[] = {
        {"--include-personal", NULL, NULL, &personal, NULL, NULL, NULL},
        {"--policy", NULL, &policy_file, NULL, NULL, NULL, NULL},
        {"--format", NULL, &format, NULL, formats, NULL, NULL},
        {"--lang", NULL, &lang, NULL, cli_lang_choices, NULL, NULL},
        {"--output", "-o", &out_path, NULL, NULL, NULL, NULL}};
    rc = cli_parse_args("report", argc, argv, options,
                        sizeof options / sizeof options[0], &file, 1, &help);
    if (rc)
      return rc;
    ja = cli_lang(lang);
    if (help)
      return cli_help("report", ja);
    text = format && strcmp(format, "text") == 0;
  }
  if (!file)
    return usage("%s", "report needs a FILE (or - for stdin)");
  rc = cli_load_policy(policy_file, ja, 0, &policy);
  if (rc)
    return rc;
  rc = cli_read_all(file, CPD_DEFAULT_MAX_DOCUMENT_BYTES, &json, &len);
  if (rc) {
    cpd_policy_free(policy);
    return rc;
  }
  st = cpd_document_load_json(&doc, json, len, NULL, &err);
  if (st == CPD_OK)
    st = cpd_document_evaluate(&r, policy, doc, &err);
  if (st == CPD_EINPUT) {
    cli_print_error_text(stderr, &err, ja);
    rc = EXIT_INPUT;
    goto done;
  }
  if (st != CPD_OK) {
    fprintf(stderr, "cpd: %s\n", cpd_status_str(st));
    rc = st == CPD_ENOMEM ? EXIT_NOMEM : EXIT_INPUT;
    goto done;
  }

  /* the page goes to a temporary file renamed over OUT at the end
   * (output.c): a failure leaves OUT as it was */
  rc = cli_out_open(&out, "report", out_path, ja);
  if (rc)
    goto done;
  if (text) {
    /* colour only on a terminal, never into a file */
    const char *nc = getenv("NO_COLOR");
    int color = out.is_stdout && !(nc && *nc) && isatty(fileno(stdout));
    cli_print_report(out.f, r, cpd_document_application(doc), ja, color);
  } else if (cli_html_write(out.f, cpd_document_application(doc), policy, r, ja,
                            personal, NULL) != 0) {
    cli_out_abort(&out);
    rc = EXIT_NOMEM;
    goto done;
  }
  rc = cli_out_close(&out);
  if (!rc)
    rc = cpd_result_summary(r)->decision == CPD_ELIGIBLE ? EXIT_ELIGIBLE
                                                         : EXIT_NOT_ELIGIBLE;
done:
  if (rc == EXIT_NOMEM)
    fputs("cpd: out of memory\n", stderr);
  free(json);
  cpd_result_free(r);
  cpd_document_free(doc);
  cpd_policy_free(policy);
  return rc;
}
