/* policy_fuzzer.c - policy documents through cpd_policy_load_json.
 *
 * A refused document must fail cleanly (policy.invalid or an input.* code,
 * nothing returned).  An accepted one must survive a round trip: written
 * with cpd_policy_to_json, it loads again and writes the same text (a fixed
 * point); and applications evaluated under it keep every invariant of
 * fuzz_common.h. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

/* Applications that touch every rule: caps, duplicates, years, evidence,
 * competencies, fee, window. */
static const char *const apps[] = {
    "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
    "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":\"2027-03-31\"},"
    "\"applicant\":{\"name\":\"N\",\"name_kana\":\"\xe3\x81\x82\","
    "\"postal_code\":\"100-0005\",\"address\":\"A\",\"phone\":"
    "\"03-1234-5678\",\"email\":\"a@b.jp\"},\"fee\":{\"paid_on\":"
    "\"2027-02-01\",\"payer_name\":\"P\"},\"oath_agreed\":true,"
    "\"activities\":["
    "{\"category\":\"A\",\"title\":\"t1\",\"completed_on\":\"2024-06-15\","
    "\"hours\":12,\"evidence\":[\"e\"],\"competencies\":[\"OP-1\"]},"
    "{\"category\":\"B\",\"title\":\"t2\",\"completed_on\":\"2024-09-01\","
    "\"hours\":4,\"points\":4,\"evidence\":\"e\",\"year\":1},"
    "{\"category\":\"B\",\"title\":\"t3\",\"completed_on\":\"2024-10-01\","
    "\"hours\":3.5,\"points\":3.5,\"evidence\":[\"e\"],\"year\":2},"
    "{\"category\":\"C\",\"title\":\"t4\",\"completed_on\":\"2025-12-31\","
    "\"hours\":\"\xef\xbc\x96\"},"
    "{\"category\":\"C\",\"title\":\"t4\",\"completed_on\":\"2025-12-31\","
    "\"hours\":6},"
    "{\"category\":\"D\",\"title\":\"t5\",\"completed_on\":\"2027-01-10\","
    "\"hours\":9999.99,\"points\":1,\"competencies\":[\"ZZ-9\"]},"
    "{\"category\":\"D\",\"title\":\"t6\",\"completed_on\":\"2019-01-01\","
    "\"hours\":1}]}",
    "{\"applied_on\":\"R9.3.31\",\"certification\":{\"expires_on\":"
    "\"2027-02-28\"},\"qualification\":\"CAP\",\"fee\":{\"paid_on\":"
    "\"2026-01-01\"},\"activities\":[{\"category\":\"A\",\"completed_on\":"
    "\"2026-04-01\",\"hours\":40,\"evidence\":[\"x\"]}]}",
};
#define NAPPS (sizeof apps / sizeof apps[0])

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cpd_policy *p = (cpd_policy *)&size, *p2 = NULL; /* p must be cleared */
  cpd_error err;
  cpd_status st;
  char *text = NULL, *text2 = NULL;
  size_t i;
  /* the written policy is reloaded with room to spare: NFKC may have grown
   * a name past the default 4 KiB string limit */
  cpd_limits big = {CPD_LIMITS_VERSION, (size_t)1 << 30, 0, (size_t)1 << 30};

  st = cpd_policy_load_json(&p, (const char *)data, size, NULL, &err);
  if (st != CPD_OK) {
    FZ_CHECK(p == NULL, "a refused policy was returned");
    fz_check_error(st, &err, size, 1);
    return 0;
  }
  FZ_CHECK(p != NULL, "no policy returned");
  FZ_CHECK(cpd_policy_to_json(&text, p) == CPD_OK && text,
           "cpd_policy_to_json failed");
  st = cpd_policy_load_json(&p2, text, strlen(text), &big, &err);
  FZ_CHECK(st == CPD_OK, "the written policy does not load again: %s at %s: %s",
           err.code, err.path, text);
  FZ_CHECK(cpd_policy_to_json(&text2, p2) == CPD_OK && text2,
           "cpd_policy_to_json failed");
  FZ_CHECK(strcmp(text, text2) == 0,
           "the policy is not a fixed point of write and load:\n%s\n%s", text,
           text2);
  for (i = 0; i < NAPPS; i++)
    fz_check_application(p, (const uint8_t *)apps[i], strlen(apps[i]), NULL);
  for (i = 0; i < 4; i++) {
    /* fiscal years: FY(d) starts on or before d, the next one after it */
    cpd_day d = 20000 + (cpd_day)i * 97;
    int fy = cpd_policy_fiscal_year(p, d);
    FZ_CHECK(fy == cpd_policy_fiscal_year(p2, d), "fiscal years disagree");
  }
  cpd_string_free(text);
  cpd_string_free(text2);
  cpd_policy_free(p);
  cpd_policy_free(p2);
  return 0;
}
