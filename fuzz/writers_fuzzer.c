/* writers_fuzzer.c - the command line's writers over results made from
 * arbitrary applications: the HTML form (cli_html_write), the terminal
 * report (cli_print_report, with and without the application) and the
 * CSV export (cli_print_csv), in English and Japanese.
 *
 * Input: an application document (JSON), evaluated under the default
 * policy; a first byte that cannot start JSON picks a policy with markup,
 * controls and bidi overrides in its strings (name, qualifications,
 * competencies) and caps of 0 to 999999.99, so that policy strings reach
 * the writers too.  Invariants (writers_check.h): every output is valid
 * UTF-8; the page has no element or attribute the writer does not make;
 * every CSV record has the header's column count and no text cell starts
 * a formula; the terminal report holds no control character. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "writers_check.h"

static const char *const policies[] = {
    "{\"name\":\"<b>x</b>\\\"><meta http-equiv=refresh "
    "content=0>\\u202e\\u001b[31m\","
    "\"qualifications\":[\"OMP\",\"CAP\",\"\\\"><form "
    "action=x>\",\"<i>\\u2066\"],"
    "\"competencies\":[\"OP-1\",\"<script>alert(1)</script>\",\"\\u0085x\"],"
    "\"sections\":[{\"category\":\"B\",\"per_year\":true,\"cap\":999999.99},"
    "{\"category\":\"C\",\"per_year\":true,\"cap\":0}]}",
    "{\"name\":\"\xe5\x90\x8d\xe5\x89\x8d'&\\u0007?\",\"required_points\":"
    "0.01,\"sections\":[{\"category\":\"A\",\"per_year\":true,\"cap\":10},"
    "{\"category\":\"D\",\"per_year\":false,\"cap\":12345.67}]}",
};
#define NPOLICIES (sizeof policies / sizeof policies[0])
static cpd_policy *loaded[NPOLICIES];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fz_load_policies(policies, NPOLICIES, loaded);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const cpd_policy *policy = NULL;
  cpd_document *doc = NULL;
  cpd_result *r = NULL;
  cpd_error err;
  /* a leading byte that is not JSON's: a policy of ours */
  if (size && data[0] >= 0xF0) {
    policy = loaded[data[0] % NPOLICIES];
    data++;
    size--;
  }
  if (cpd_document_load_json(&doc, (const char *)data, size, NULL, &err) !=
      CPD_OK)
    return 0;
  if (cpd_document_evaluate(&r, policy, doc, &err) == CPD_OK) {
    fz_check_writers(r, cpd_document_application(doc));
    cpd_result_free(r);
  }
  cpd_document_free(doc);
  return 0;
}
