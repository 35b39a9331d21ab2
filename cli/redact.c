/* redact.c - `cpd redact` (not yet implemented). */
#include <stdio.h>

#include "cli.h"

int cli_cmd_redact(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fputs("cpd: redact is not implemented yet\n", stderr);
  return 3;
}
