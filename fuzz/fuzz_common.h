/* fuzz_common.h - what the fuzz harnesses share: the invariants every
 * result and error document must keep (a broken one aborts, which libFuzzer
 * and the standalone replay driver both report as a failure), and the
 * checked evaluation of one application document. */
#ifndef CPD_FUZZ_COMMON_H
#define CPD_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "cpd.h"

#if defined(__GNUC__)
#define FZ_NORETURN __attribute__((noreturn))
#define FZ_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FZ_NORETURN
#define FZ_PRINTF(f, a)
#endif

/* The libFuzzer entry points each harness defines. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints where and why, then abort()s. */
FZ_NORETURN void fz_fail(const char *file, int line, const char *fmt, ...)
    FZ_PRINTF(3, 4);
#define FZ_CHECK(cond, ...)                                                    \
  do {                                                                         \
    if (!(cond))                                                               \
      fz_fail(__FILE__, __LINE__, __VA_ARGS__);                                \
  } while (0)

/* Loads the harness's own policy documents docs[0..n) into out[0..n);
 * one that is refused aborts (fz_fail), naming its index and the error. */
void fz_load_policies(const char *const *docs, size_t n, cpd_policy **out);

/* Evaluates one application document under policy (NULL: the default)
 * with opts (NULL: the defaults) through cpd_check_json_opts and through
 * cpd_evaluate_json_opts + cpd_result_to_json, and checks that both give
 * the same outcome and that it keeps every invariant (fz_check_result_json,
 * fz_check_error).  Returns 1 for a result, 0 for an input error. */
int fz_check_application(const cpd_policy *policy, const uint8_t *data,
                         size_t size, const cpd_check_options *opts);

/* The other routes an application document can take, each checked:
 * cpd_document_load_json + cpd_document_evaluate give the same result
 * document as cpd_check_json; cpd_plan_json (as of 2026-11-01) gives a
 * plan document whose numbers agree (needed = required - counted, room =
 * cap - counted in an open section); cpd_redact_json gives a document
 * that evaluates to the same points, activities and non-personal
 * diagnostics as the original. */
void fz_check_other_routes(const cpd_policy *policy, const uint8_t *data,
                           size_t size);

/* The invariants of a result document (JSON.md), in the harness's own
 * words: it parses as JSON; every section counts at most its cap and at
 * most what it claims; the total is the sum of the sections; every
 * activity counts at most what it claims, and the activities of a section
 * add up to it; the decision agrees with the severities of the diagnostics
 * (fatal -> ineligible, else error -> incomplete, else eligible); the
 * severities are those of docs/RULES.md; dates are real ISO dates. */
void fz_check_result_json(const char *json);

/* The contract of a refused call: CPD_EINPUT with an input.* code (or
 * CPD_EPOLICY with policy.invalid when policy_call), a JSON Pointer path, an
 * offset inside the document or -1, messages, and an error document that
 * parses and says the same.  len is the document's length. */
void fz_check_error(cpd_status st, const cpd_error *err, size_t len,
                    int policy_call);

/* Strict RFC 3629 UTF-8 check written independently of the library's
 * (NUL counts as invalid, as in cpd__utf8_valid). */
int fz_utf8_valid(const char *s, size_t len);

#endif /* CPD_FUZZ_COMMON_H */
