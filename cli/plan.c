/* plan.c - `cpd plan` (not yet implemented). */
#include <stdio.h>

#include "cli.h"

int cli_cmd_plan(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fputs("cpd: plan is not implemented yet\n", stderr);
  return 3;
}
