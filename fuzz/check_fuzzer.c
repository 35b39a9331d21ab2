/* check_fuzzer.c - application JSON through the one-call entry point.
 *
 * An input is an application document under the default policy and
 * limits.  When its first byte cannot start a JSON text (a control
 * character other than white space, or a byte >= 0x80 other than the
 * first of a BOM) it is a selector instead: the rest of the input is
 * checked under the default policy and again under a policy, limits and
 * as-of day the selector picks, so the fuzzer reaches the policy-dependent
 * rules without writing a policy document.  fz_check_application checks
 * every outcome against the invariants of fuzz_common.h, and the same
 * document through the other routes (document, plan, redaction). */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "internal.h"

/* Policies that move every number of docs/RULES.md somewhere else. */
static const char *const policy_docs[] = {
    "{}",
    "{\"window\":{\"opens_months_before_renewal\":3,"
    "\"closes_months_before_renewal\":1}}",
    "{\"period_years\":1,\"required_points\":0}",
    "{\"period_years\":10,\"fiscal_year_starts\":\"01-01\","
    "\"required_points\":12.5,\"points_per_hour\":0.5}",
    "{\"fiscal_year_starts\":\"02-28\",\"points_per_hour\":2.25,"
    "\"sections\":[{\"category\":\"A\",\"per_year\":true,\"cap\":0,"
    "\"form_rows\":0},{\"category\":\"C\",\"per_year\":false,\"cap\":null,"
    "\"evidence_required\":true}]}",
    "{\"sections\":[{\"category\":\"B\",\"cap\":0.01},{\"category\":\"D\","
    "\"cap\":9999.99,\"form_rows\":1000}],\"competencies\":[],"
    "\"qualifications\":[\"CAP\"],\"window\":{"
    "\"opens_months_before_renewal\":120,"
    "\"closes_months_before_renewal\":119}}",
    "{\"name\":\"\xe3\x80\x80 fuzz \xef\xbc\xb0olicy \",\"effective_from\":"
    "\"R1.5.1\",\"period_years\":2,\"qualifications\":[\"OMP\",\"\xef\xbc\xa3"
    "AP\",\"X\"],\"competencies\":[\"ZZ-9\",\"AA-1\",\"OP-1\"]}",
};
#define NPOLICIES (sizeof policy_docs / sizeof policy_docs[0])

static cpd_policy *policies[NPOLICIES];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fz_load_policies(policy_docs, NPOLICIES, policies);
  return 0;
}

static int is_selector(uint8_t b) {
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\r') ||
         (b >= 0x80 && b != 0xEF);
}

/* The fast pre-scan and the detailed one give the same verdict (the fast
 * one decides; the detailed one only explains a refusal). */
static void same_verdict(const uint8_t *data, size_t size) {
  static const size_t max_string[] = {4096, 8, 0};
  size_t i;
  for (i = 0; i < sizeof max_string / sizeof max_string[0]; i++)
    FZ_CHECK(cpd__quick_valid(data, size, max_string[i]) ==
                 cpd__scan_valid(data, size, max_string[i]),
             "the fast and the detailed pre-scan disagree (max_string %zu)",
             max_string[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cpd_check_options opts = CPD_CHECK_OPTIONS_INIT;
  cpd_limits lim = CPD_LIMITS_INIT;
  unsigned sel;

  same_verdict(data, size);

  if (size == 0 || !is_selector(data[0])) {
    fz_check_application(NULL, data, size, NULL);
    fz_check_other_routes(NULL, data, size);
    return 0;
  }
  sel = data[0];
  data++;
  size--;
  fz_check_application(NULL, data, size, NULL);
  opts.limits = &lim;
  switch ((sel / NPOLICIES) % 6) {
  case 0: /* defaults */
    break;
  case 1: /* tiny limits */
    lim.max_document_bytes = 2048;
    lim.max_activities = 2;
    lim.max_string_bytes = 8;
    break;
  case 2: /* exactly at the document limit */
    lim.max_document_bytes = size ? size : 1;
    break;
  case 3: /* one byte short */
    lim.max_document_bytes = size > 1 ? size - 1 : 1;
    break;
  case 4: /* as of 2027-02-10, inside the default window */
    opts.as_of = 20859;
    break;
  default: /* as of 2027-04-01, after it */
    opts.as_of = 20909;
    break;
  }
  fz_check_application(policies[sel % NPOLICIES], data, size, &opts);
  fz_check_other_routes(policies[sel % NPOLICIES], data, size);
  return 0;
}
