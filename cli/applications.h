/* applications.h - an applications file as `cpd reconcile` and `cpd
 * notices` read it: NDJSON, one application a line (as `cpd batch`
 * reads), each evaluated by the library.  A line that cannot be read or
 * evaluated is told on stderr by its number, never by its content. */
#ifndef CPD_CLI_APPLICATIONS_H
#define CPD_CLI_APPLICATIONS_H

#include "cli.h"

/* The most line errors told before the rest are only counted. */
#define APPLICATIONS_MAX_REPORTED 50

/* One application of the file: its 1-based line (blank lines counted),
 * the application and its evaluation (both the reader's: valid during the
 * call).  0 to go on, or an exit status that stops the reading. */
typedef int (*cli_application_fn)(void *ctx, unsigned long line,
                                  const cpd_application *a,
                                  const cpd_result *r);

/* Each application of path ("-": standard input) to fn, in order.  A bad
 * line is told as "cpd CMD: PATH: line N: ..." (the first
 * APPLICATIONS_MAX_REPORTED, then how many more) and reading goes on for
 * the others' errors, but after one fn is called no more: a command does
 * nothing with a file in error.  Returns 0; EXIT_INPUT after a bad line;
 * fn's status; EXIT_IO (cannot open or read, said); or EXIT_NOMEM
 * (nothing said). */
int cli_applications_read(const char *cmd, const char *path, int ja,
                          const cpd_policy *policy, cli_application_fn fn,
                          void *ctx);

#endif
