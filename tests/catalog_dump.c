/* catalog_dump.c - prints the library's catalogue, one JSON document per
 * line (cpd_explain_json of every code, then of every rule), for
 * tests/test_rules_doc.py to hold docs/RULES.md against.  Public API
 * only.  Exit 0, or 1 when an entry cannot be written. */
#include <stdio.h>

#include "cpd.h"

static int dump(const char *name) {
  char *doc = NULL;
  cpd_error err;
  if (cpd_explain_json(&doc, name, &err) != CPD_OK) {
    fprintf(stderr, "catalog_dump: %s: %s\n", name, err.code);
    return 1;
  }
  puts(doc);
  cpd_string_free(doc);
  return 0;
}

int main(void) {
  size_t i;
  int bad = 0;
  for (i = 0; i < cpd_code_count(); i++)
    bad |= dump(cpd_code_at(i)->code);
  for (i = 0; i < cpd_rule_count(); i++)
    bad |= dump(cpd_rule_at(i)->id);
  if (fflush(stdout) != 0)
    bad = 1;
  return bad;
}
