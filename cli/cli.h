/* cli.h - what the files of the `cpd` command line share. */
#ifndef CPD_CLI_H
#define CPD_CLI_H
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "cpd.h"

#ifdef _WIN32
#include "win32.h" /* UTF-8 file names through the wide API, the console */
#endif

/* printf-style format checks.  MinGW: C99's formats (%zu), which its own
 * stdio prints (the Windows build defines __USE_MINGW_ANSI_STDIO). */
#if defined(__MINGW32__)
#define CLI_PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#elif defined(__GNUC__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF(f, a)
#endif

/* Exit statuses of every command. */
enum {
  EXIT_ELIGIBLE = 0,
  EXIT_NOT_ELIGIBLE = 1,
  EXIT_INPUT = 2,
  EXIT_USAGE = 3,
  EXIT_IO = 4,
  EXIT_NOMEM = 5
};

/* Reads a whole file (or stdin for "-") up to max bytes (the commands give
 * the library's CPD_DEFAULT_MAX_DOCUMENT_BYTES), plus one byte so an
 * over-long input shows as such and the library reports input.too_large.  0, or
 * EXIT_IO / EXIT_NOMEM with a message on stderr.  The caller free()s *out. */
int cli_read_all(const char *path, size_t max, char **out, size_t *len);
/* Loads --policy FILE (NULL: *policy = NULL, the default).  0, or an exit
 * status with the error on stderr (and as a JSON error document on stdout
 * when json). */
int cli_load_policy(const char *path, int ja, int json, cpd_policy **policy);

/* The readable verdict of `cpd check --format text`. */
void cli_print_text(FILE *out, const cpd_result *r, int ja);
/* An input error for a person, on stderr. */
void cli_print_error_text(FILE *out, const cpd_error *err, int ja);
/* The same without the "cpd: input error: " lead. */
void cli_print_error_detail(FILE *out, const cpd_error *err, int ja);
/* ---- lang.c: the language of messages ---- */
/* 1 when LC_ALL / LC_MESSAGES / LANG asks for Japanese. */
int cli_default_ja(void);
/* --lang's value (NULL: from the environment) as 1 for Japanese; also
 * the language of later messages of helpers not told it (cli_read_all). */
int cli_lang(const char *value);
/* That language: the last cli_lang() result, else the environment's. */
int cli_messages_ja(void);
extern const char *const cli_lang_choices[];

/* ---- args.c: options of every command ---- */
typedef struct cli_option {
  const char *name;           /* "--policy" */
  const char *alias;          /* "-o", or NULL */
  const char **value;         /* receives the value (an option with a value) */
  int *flag;                  /* set to 1 (a flag, which takes no value) */
  const char *const *choices; /* NULL-terminated values allowed, or NULL */
  int (*each)(void *ctx, const char *value); /* instead of value: called for
                                                each use (repeatable) */
  void *ctx;
} cli_option;
/* Parses argv[1..] of command cmd (NULL for the top level): options in any
 * order, as "--name VALUE" or "--name=VALUE"; up to max_pos positionals
 * into pos[] (left as they were when absent); --help / -h set *help.
 * 0, or EXIT_USAGE after a message on stderr. */
int cli_parse_args(const char *cmd, int argc, char **argv,
                   const cli_option *opts, size_t nopts, const char **pos,
                   size_t max_pos, int *help);
/* "cpd CMD: <message>" and "Try 'cpd CMD --help'." on stderr; EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) CLI_PRINTF(2, 3);

/* ---- help.c: every --help text, English and Japanese, in one table ---- */
/* The help of command (NULL: `cpd` itself) in Japanese when ja, or NULL
 * for a command that has none. */
const char *cli_help_text(const char *command, int ja);
/* Prints that help on stdout: 0, EXIT_USAGE for an unknown command, or
 * EXIT_IO when it cannot be written. */
int cli_help(const char *command, int ja);

/* ---- output.c: stdout and -o OUT, written atomically ---- */
typedef struct cli_out {
  FILE *f;           /* write here */
  const char *cmd;   /* "report": for messages */
  const char *shown; /* OUT as given (messages) */
  char *target;      /* the file OUT names, links followed */
  char *tmp;         /* the temporary file beside it, or NULL */
  int ja, is_stdout, direct;
} cli_out;
/* Opens where command cmd writes: stdout for NULL or "-"; else OUT, as a
 * temporary file in OUT's directory when OUT is a regular file or does
 * not exist yet, or in place (never unlinked) when it is a device, FIFO
 * or descriptor.  0, or EXIT_IO / EXIT_NOMEM after a message. */
int cli_out_open(cli_out *o, const char *cmd, const char *path, int ja);
/* Flushes; for a temporary file also fsync()s it and renames it over OUT.
 * 0, or EXIT_IO after a message ("cpd report: cannot write OUT: No space
 * left on device"); on failure OUT is exactly as it was. */
int cli_out_close(cli_out *o);
/* Gives up (after another error): the temporary file is removed. */
void cli_out_abort(cli_out *o);
/* The platform's part (output.c; win32.c on Windows): cli_out_open's of
 * a file path (o->cmd, ja and shown set; the same returns); and
 * cli_out_close's of the temporary file o->tmp: on disk (0 or an errno),
 * in OUT's place (0 or an errno, OUT as it was on failure), deleted. */
int cli_out_open_file(cli_out *o, const char *path);
int cli_out_sync_temp(FILE *f);
int cli_out_commit_temp(const cli_out *o);
void cli_out_remove_temp(const cli_out *o);
/* "cpd CMD: cannot write OUT: <strerror(err)>" on stderr (win32.c too). */
void cli_out_error(const cli_out *o, int err);
/* The end of a command that wrote to stdout: flushes it and returns rc,
 * or EXIT_IO after a message when any write to stdout failed. */
int cli_stdout_done(const char *cmd, int ja, int rc);
/* cli_out_open + the bytes + cli_out_close. */
int cli_write_output(const char *cmd, const char *path, const void *data,
                     size_t len, int ja);

/* ---- safe.c: the one sanitiser of text for people ---- */
/* 1 for U+061C, U+200E, U+200F (bidi marks), U+202A..U+202E and
 * U+2066..U+2069 (bidi embeddings, overrides, isolates). */
int cli_is_bidi_control(int32_t c);
/* What code point c becomes in text for a person: NULL when it stays as
 * it is; else " " (tab, CR, LF unless keep_newlines), U+FFFD (other C0
 * controls, DEL, C1 controls) or "<U+202E>" (bidi controls, in buf). */
const char *cli_safe_char(int32_t c, int keep_newlines, char buf[16]);
/* s with those replacements (and U+FFFD for bytes that are not UTF-8). */
void cli_fputs_safe(FILE *out, const char *s, int keep_newlines);
/* The same as a malloc()ed string (NULL when out of memory). */
char *cli_safe_dup(const char *s, int keep_newlines);
/* printf into out, the whole text made safe; a final "\n" is kept. */
void cli_message(FILE *out, const char *fmt, ...) CLI_PRINTF(2, 3);
void cli_vmessage(FILE *out, const char *fmt, va_list ap) CLI_PRINTF(2, 0);
/* The same of a message in the chosen language (ja_fmt is en_fmt in
 * Japanese, a literal beside it at every call: the compiler checks en_fmt
 * against the arguments), and a line break after it. */
void cli_vmessage_line(FILE *out, int ja, const char *ja_fmt,
                       const char *en_fmt, va_list ap) CLI_PRINTF(4, 0);
/* snprintf into buf[cap] that never cuts a UTF-8 character in two: what
 * does not fit is dropped from the last whole character on. */
void cli_format(char *buf, size_t cap, const char *fmt, ...) CLI_PRINTF(3, 4);

/* ---- cp932.c: CP932 (Shift_JIS as Windows and Excel write it) and
 * UTF-8 ---- */
enum { CLI_CONV_BAD = -1, CLI_CONV_NONE = -2, CLI_CONV_NOMEM = -3 };
/* in[len] as UTF-8 in a new buffer (*out, *olen; the caller free()s it).
 * 0; CLI_CONV_BAD with the offset of the first byte that is not CP932 in
 * *bad; CLI_CONV_NONE when the system has no converter; CLI_CONV_NOMEM. */
int cli_cp932_to_utf8(char **out, size_t *olen, const char *in, size_t len,
                      size_t *bad);
/* UTF-8 in[len] as CP932, the same way; a character CP932 has not becomes
 * "?", counted in *lost.  0, CLI_CONV_NONE or CLI_CONV_NOMEM. */
int cli_utf8_to_cp932(char **out, size_t *olen, const char *in, size_t len,
                      unsigned long *lost);

/* ---- lines.c: NDJSON input (a file fed to the library's reader,
 * cpd_lines_*) ---- */
typedef struct cli_lines {
  FILE *f;
  const char *path; /* as named on the command line ("-": stdin) */
  cpd_lines *reader;
  char chunk[65536];
  int eof;
  const char *line; /* the current line, without "\n" / "\r\n" (not
                       NUL-ended); blank lines are skipped */
  size_t len, max;
  unsigned long number; /* its 1-based number, blank lines counted */
} cli_lines;
/* Opens path ("-": standard input) for lines of at most one document
 * (CPD_DEFAULT_MAX_DOCUMENT_BYTES).  0 with *out; EXIT_IO after "WHO:
 * cannot open PATH: why" on stderr (who: "cpd", "cpd notices", ...), or
 * EXIT_NOMEM (nothing said). */
int cli_lines_open(cli_lines **out, const char *path, const char *who, int ja);
/* 1: the next non-blank line (*too_long when over max: its text is not
 * kept), 0: the end, -1: out of memory.  A last line without '\n'
 * counts. */
int cli_lines_next(cli_lines *r, int *too_long);
/* Closes r (NULL: nothing) and returns rc; when rc is 0 and the file
 * could not be read, EXIT_IO after "WHO: cannot read PATH: why". */
int cli_lines_close(cli_lines *r, const char *who, int ja, int rc);
/* The input.too_large error of a line over max bytes. */
void cli_line_too_long(const cli_lines *r, cpd_error *err);

/* Commands in their own files: each parses its own arguments (argv[0] is
 * the command name) and returns the exit status. */
int cli_cmd_audit(int argc, char **argv);
int cli_cmd_redact(int argc, char **argv);
int cli_cmd_plan(int argc, char **argv);
/* serve.c (serve_missing.c when built without libmicrohttpd) */
int cli_cmd_serve(int argc, char **argv);
/* explain.c: `cpd explain CODE|RULE`, from the library's catalogue. */
int cli_cmd_explain(int argc, char **argv);
/* reconcile.c: `cpd reconcile APPLICATIONS PAYMENTS`, the fee payments of
 * the bank's record matched to the applications. */
int cli_cmd_reconcile(int argc, char **argv);
/* notices.c: `cpd notices APPLICATIONS --from ADDRESS -o DIR`, one result
 * notice (RFC 5322) per application. */
int cli_cmd_notices(int argc, char **argv);
/* ---- reports and spreadsheets: report.c, html.c, csv.c ---- */
/* Display columns of UTF-8 text in a terminal: East Asian width from
 * utf8proc_charwidth (CJK and kana 2, combining marks 0). */
int cli_text_columns(const char *s);
/* The terminal report: per-section tables of entries (claimed, counted,
 * cap), the total against the requirement as a bar, the decision, and each
 * problem with its field.  app (may be NULL) adds titles and dates.  color:
 * 1 always, 0 never, -1 when out is a terminal and NO_COLOR is unset or
 * empty.  cli_print_text() is this with app NULL and color -1. */
void cli_print_report(FILE *out, const cpd_result *r,
                      const cpd_application *app, int ja, int color);
/* A label of the library (cpd_decision_label & co.) in the language
 * asked for; "?" for NULL (a value outside its enum). */
static inline const char *cli_label(const cpd_label *l, int ja) {
  return !l ? "?" : ja ? l->label_ja : l->label;
}
/* Its note (decisions: "the renewal can proceed"), or "". */
static inline const char *cli_note(const cpd_label *l, int ja) {
  return !l ? "" : ja ? l->note_ja : l->note;
}
/* Activity index (0-based) as people count: "活動 5（B-2 の 2 行目）",
 * "Activity 5 (B-2, row 2)" (its row on the form is the library's,
 * cpd_result_activity_row). */
void cli_activity_label(char *buf, size_t cap, const cpd_result *r,
                        size_t index, int ja);
/* A readable name for a diagnostic's JSON Pointer ("/applicant/email" ->
 * "Eメールアドレス", "/activities/4/hours" -> "活動 5（B-2 の 2 行目）
 * 時間", "Activity 5 (B-2, row 2): hours"). */
void cli_field_label(char *buf, size_t cap, const char *path,
                     const cpd_result *r, int ja);
/* "1 activity", "2 activities": the English word for n. */
static inline const char *cli_plural(size_t n, const char *one,
                                     const char *many) {
  return n == 1 ? one : many;
}
/* `cpd check --format csv`: one row per activity, UTF-8 with BOM, CRLF.
 * 0, or -1 out of memory (the output is then incomplete). */
int cli_print_csv(FILE *out, const cpd_result *r, int ja);
/* 1 when a spreadsheet would take text cell s for a formula (it starts,
 * after spaces, with = + - @ or their full-width forms, a tab or a CR). */
int cli_csv_formula_like(const char *s);
/* The import of `cpd import-csv` from bytes, for the command and the fuzz
 * harness: the CSV (UTF-8 or CP932, decided from the whole file) and the
 * applicant document (without activities) give an application document
 * that the library accepts, or errors (on msgs) and nothing. */
typedef struct cli_import {
  const char *csv_name;       /* for messages */
  const char *applicant_name; /* for messages */
  const char *encoding;       /* "auto" (NULL), "utf-8" or "cp932" */
  const cpd_policy *policy;   /* NULL: the default; its period's years are
                                 the years a row may declare */
  int ja;
  FILE *msgs;           /* messages (stderr), or NULL: none */
  unsigned long errors; /* out: how many were found */
  size_t activities;    /* out: the activities read */
} cli_import;
/* 0 with *json (free()) and *json_len, EXIT_INPUT after messages, or
 * EXIT_NOMEM. */
int cli_import_csv(cli_import *o, const cpd_document *applicant,
                   const char *raw, size_t len, char **json, size_t *json_len);
/* The filled-in form as one HTML page into out (`cpd report` and
 * `cpd serve`'s POST /v1/report), r evaluated under policy (NULL: the
 * default), which gives the rows the form prints per section.  personal: show
 * the applicant's details; css_href: NULL for the CSS inline in a <style>
 * (allowed by its hash), else a <link> to it (served as cli_html_css()).
 * 0, or EXIT_NOMEM. */
int cli_html_write(FILE *out, const cpd_application *app,
                   const cpd_policy *policy, const cpd_result *r, int ja,
                   int personal, const char *css_href);
const char *cli_html_css(void);
/* The form's style (cli/report.css, NUL-ended) and the CSP source that
 * names it by its SHA-256, "'sha256-BASE64'", both generated at build
 * time (cmake/report_css.cmake): the inline <style> of a file report is
 * allowed by its hash, not by 'unsafe-inline'. */
extern const unsigned char cli_report_css[];
extern const char cli_report_css_hash[];
/* `cpd report` (html.c) and `cpd import-csv` (csv.c). */
int cli_cmd_report(int argc, char **argv);
int cli_cmd_import_csv(int argc, char **argv);
#endif
