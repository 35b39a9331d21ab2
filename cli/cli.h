/* cli.h - what the files of the `cpd` command line share. */
#ifndef CPD_CLI_H
#define CPD_CLI_H
#include <stdio.h>

#include "cpd.h"

/* Exit statuses of every command. */
enum {
  EXIT_ELIGIBLE = 0,
  EXIT_NOT_ELIGIBLE = 1,
  EXIT_INPUT = 2,
  EXIT_USAGE = 3,
  EXIT_IO = 4,
  EXIT_NOMEM = 5
};

/* Reads a whole file (or stdin for "-") up to max bytes, plus one byte so
 * an over-long input shows as such.  0, or EXIT_IO / EXIT_NOMEM with a
 * message on stderr.  The caller free()s *out. */
int cli_read_all(const char *path, size_t max, char **out, size_t *len);
/* The library's default document limit. */
size_t cli_doc_limit(void);
/* Loads --policy FILE (NULL: *policy = NULL, the default).  0, or an exit
 * status with the error on stderr (and as a JSON error document on stdout
 * when json). */
int cli_load_policy(const char *path, int ja, int json, cpd_policy **policy);
/* 1 when LC_ALL / LC_MESSAGES / LANG asks for Japanese. */
int cli_default_ja(void);

/* The readable verdict of `cpd check --format text`. */
void cli_print_text(FILE *out, const cpd_result *r, int ja);
/* An input error for a person, on stderr. */
void cli_print_error_text(FILE *out, const cpd_error *err, int ja);
/* The same without the "cpd: input error: " lead. */
void cli_print_error_detail(FILE *out, const cpd_error *err, int ja);
/* Commands in their own files: each parses its own arguments (argv[0] is
 * the command name) and returns the exit status. */
int cli_cmd_audit(int argc, char **argv);
int cli_cmd_redact(int argc, char **argv);
int cli_cmd_plan(int argc, char **argv);
#endif
