/* cli.h - what the files of the `cpd` command line share. */
#ifndef CPD_CLI_H
#define CPD_CLI_H
#include <stdio.h>

#include "cpd.h"

/* The readable verdict of `cpd check --format text`. */
void cli_print_text(FILE *out, const cpd_result *r, int ja);
/* An input error for a person, on stderr. */
void cli_print_error_text(FILE *out, const cpd_error *err, int ja);
/* Commands in their own files: each parses its own arguments (argv[0] is
 * the command name) and returns the exit status. */
int cli_cmd_audit(int argc, char **argv);
int cli_cmd_redact(int argc, char **argv);
int cli_cmd_plan(int argc, char **argv);
#endif
