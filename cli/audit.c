/* audit.c - `cpd audit` (not yet implemented). */
#include <stdio.h>

#include "cli.h"

int cli_cmd_audit(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fputs("cpd: audit is not implemented yet\n", stderr);
  return 3;
}
