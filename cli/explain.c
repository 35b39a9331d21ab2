/* explain.c - `cpd explain CODE|RULE [--lang ja|en] [--format text|json]`
 * and `cpd explain --list`: what a diagnostic code or a rule ID means -
 * the rule, the form's own words it comes from, the policy keys that set
 * it and a short example - read from the library's catalogue
 * (cpd_code_*, cpd_rule_*, cpd_explain_json).  docs/RULES.md says the
 * same at length. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define WIDTH 78 /* columns of wrapped text */

static const char *kind_label(const cpd_code_info *c, int ja) {
  switch (c->kind) {
  case CPD_CODE_DIAGNOSTIC:
    return cli_label(cpd_severity_label(c->severity), ja);
  case CPD_CODE_INPUT_ERROR:
    return ja ? "入力エラー" : "input error";
  case CPD_CODE_CALL_ERROR:
    break;
  }
  return ja ? "呼び出しのエラー" : "call error";
}

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const char *s) {
  unsigned char c = (unsigned char)*s;
  size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  size_t i;
  for (i = 1; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      return 1;
  return n;
}

/* Characters a line may not start with (Japanese line-breaking rules). */
static int no_line_start(const char *s, size_t n) {
  static const char *const marks[] = {"。", "、", "）", "」", "・", "ー",
                                      "：", ")",  ",",  ".",  ";",  ":"};
  size_t i;
  for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (strlen(marks[i]) == n && memcmp(marks[i], s, n) == 0)
      return 1;
  return 0;
}

/* Prints text wrapped to WIDTH columns: the first line after a lead of
 * `used` columns already printed, the next ones indented by `indent`
 * spaces.  Breaks at a space, or between two wide characters (Japanese
 * has no spaces), never before closing punctuation nor inside a "quoted"
 * example (a date such as "平成31年5月1日" stays whole); "\n" in text
 * starts a new line. */
static void wrap(FILE *out, const char *text, int used, int indent) {
  const char *s = text;
  while (*s) {
    const char *p = s, *brk = NULL, *end;
    int w = used, prev = 0, quoted = 0;
    while (*p && *p != '\n') {
      size_t n = char_len(p);
      char one[5];
      int cw;
      memcpy(one, p, n);
      one[n] = '\0';
      cw = cli_text_columns(one);
      if (*p == '"')
        quoted = !quoted;
      if (*p == ' ' && !quoted)
        brk = p;
      else if (cw == 2 && prev == 2 && !quoted && !no_line_start(p, n))
        brk = p;
      if (w + cw > WIDTH && brk && brk > s)
        break;
      w += cw;
      prev = cw;
      p += n;
    }
    end = *p && *p != '\n' && brk && brk > s ? brk : p;
    fwrite(s, 1, (size_t)(end - s), out);
    fputc('\n', out);
    s = end;
    while (*s == ' ' || *s == '\n')
      s++;
    if (*s)
      fprintf(out, "%*s", indent, "");
    used = indent;
  }
}

/* "Lead: text", wrapped and indented by 2. */
static void field(FILE *out, const char *lead, const char *text) {
  fputs(lead, out);
  wrap(out, text, cli_text_columns(lead), 2);
}

static void print_rule(FILE *out, const cpd_rule_info *r, int ja) {
  const char *s = r->source_ja;
  fprintf(out, "%s %s\n", r->id, ja ? r->title_ja : r->title);
  fputs(ja ? "出典（申請フォーム・CPD 方針の記載）:\n"
           : "Source (the form's and the CPD policy's own words):\n",
        out);
  while (*s) { /* one quoted line each, as in docs/RULES.md */
    size_t n = strcspn(s, "\n");
    fprintf(out, "  > %.*s\n", (int)n, s);
    s += n + (s[n] == '\n');
  }
  field(out, ja ? "規則: " : "Rule: ", ja ? r->text_ja : r->text);
  field(out, ja ? "方針のキー: " : "Policy keys: ",
        r->policy_keys[0] ? r->policy_keys
        : ja              ? "なし"
                          : "none");
  field(out, ja ? "例: " : "Example: ", ja ? r->example_ja : r->example);
  fprintf(out,
          ja ? "詳しくは docs/RULES.md の %s を参照してください。\n"
             : "More: docs/RULES.md, %s.\n",
          r->id);
}

static void print_code(FILE *out, const cpd_code_info *c, int ja) {
  if (c->rule[0])
    fprintf(out, ja ? "%s（%s、%s）\n" : "%s (%s, %s)\n", c->code,
            kind_label(c, ja), c->rule);
  else
    fprintf(out, ja ? "%s（%s）\n" : "%s (%s)\n", c->code, kind_label(c, ja));
  wrap(out, ja ? c->summary_ja : c->summary, 0, 0);
}

static void print_list(FILE *out, int ja) {
  size_t i;
  fputs(ja ? "診断コード・エラーコード:\n" : "Codes:\n", out);
  for (i = 0; i < cpd_code_count(); i++) {
    const cpd_code_info *c = cpd_code_at(i);
    const char *label = kind_label(c, ja);
    fprintf(out, "  %-42s %s%*s %s\n", c->code, label,
            10 - cli_text_columns(label), "", c->rule[0] ? c->rule : "-");
  }
  fputs(ja ? "ルール:\n" : "Rules:\n", out);
  for (i = 0; i < cpd_rule_count(); i++) {
    const cpd_rule_info *r = cpd_rule_at(i);
    fprintf(out, "  %-4s %s\n", r->id, ja ? r->title_ja : r->title);
  }
}

static int unknown(const char *name, int ja) {
  fputs("cpd explain: ", stderr);
  cli_message(stderr,
              ja ? "'%s' は診断コードでもルール ID（R1〜R16）でもありません。"
                   "一覧は cpd explain --list で表示できます。\n"
                 : "'%s' is neither a diagnostic code nor a rule ID (R1-R16); "
                   "cpd explain --list lists them.\n",
              name);
  return EXIT_USAGE;
}

int cli_cmd_explain(int argc, char **argv) {
  static const char *const formats[] = {"text", "json", NULL};
  const char *name = NULL, *lang = NULL, *format = NULL;
  const cpd_code_info *c;
  const cpd_rule_info *r;
  int help = 0, list = 0, ja, rc;
  const cli_option options[] = {
      {"--lang", NULL, &lang, NULL, cli_lang_choices, NULL, NULL},
      {"--format", NULL, &format, NULL, formats, NULL, NULL},
      {"--list", NULL, NULL, &list, NULL, NULL, NULL}};
  rc = cli_parse_args("explain", argc, argv, options,
                      sizeof options / sizeof options[0], &name, 1, &help);
  if (rc)
    return rc;
  ja = cli_lang(lang);
  if (help)
    return cli_help("explain", ja);
  if (list) {
    if (name)
      return cli_usage("explain", "%s", "give a NAME or --list, not both");
    print_list(stdout, ja);
    return cli_stdout_done("explain", ja, 0);
  }
  if (!name)
    return cli_usage("explain", "%s",
                     "explain needs a diagnostic code or a rule ID (R1-R16)");
  c = cpd_code_find(name);
  r = cpd_rule_find(c ? c->rule : name);
  if (!c && !r)
    return unknown(name, ja);
  if (format && strcmp(format, "json") == 0) {
    char *doc = NULL;
    cpd_error err;
    if (cpd_explain_json(&doc, name, &err) != CPD_OK) {
      fputs("cpd: out of memory\n", stderr);
      return EXIT_NOMEM;
    }
    puts(doc);
    cpd_string_free(doc);
    return cli_stdout_done("explain", ja, 0);
  }
  if (c)
    print_code(stdout, c, ja);
  if (c && r)
    fputc('\n', stdout);
  if (r)
    print_rule(stdout, r, ja);
  return cli_stdout_done("explain", ja, 0);
}
