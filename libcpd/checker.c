/* checker.c - the reusable checker (cpd_checker_*): one per thread, it
 * keeps its output buffer and the last result between calls, so a batch
 * costs no more heap work per application than the first one. */
#include <string.h>

#include "internal.h"

struct cpd_checker {
  const cpd_policy *policy;
  cpd_check_options opts;
  cpd_limits limits;
  cpd__buf out;
  cpd_result *last;
};

cpd_status cpd_checker_new(cpd_checker **out, const cpd_policy *policy,
                           const cpd_check_options *opts, cpd_error *err) {
  cpd_checker *c;
  cpd_check_options o = CPD_CHECK_OPTIONS_INIT;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  if (opts) {
    if (!CPD__VERSION_OK(opts->version, CPD_CHECK_OPTIONS_VERSION))
      return cpd__invalid_argument(err);
    o.limits = opts->limits;
    o.as_of = opts->as_of;
  }
  c = cpd__calloc(1, sizeof *c);
  if (!c)
    return cpd__out_of_memory(err);
  if (!cpd__limits_resolve(&c->limits, o.limits)) {
    cpd__free(c);
    return cpd__invalid_argument(err);
  }
  c->policy = policy;
  c->opts = o;
  c->opts.limits = &c->limits;
  *out = c;
  return CPD_OK;
}

void cpd_checker_free(cpd_checker *c) {
  if (!c)
    return;
  cpd_result_free(c->last);
  cpd__buf_free(&c->out);
  cpd__free(c);
}

const cpd_result *cpd_checker_result(const cpd_checker *c) {
  return c ? c->last : NULL;
}

cpd_status cpd_checker_evaluate(cpd_checker *c, const cpd_result **out,
                                const char *json, size_t len, cpd_error *err) {
  cpd_status st;
  if (out)
    *out = NULL;
  if (!c || !out)
    return cpd__invalid_argument(err);
  cpd_result_free(c->last);
  c->last = NULL;
  st = cpd_evaluate_json_opts(&c->last, c->policy, json, len, &c->opts, err);
  *out = c->last;
  return st;
}

cpd_status cpd_checker_check(cpd_checker *c, const char **out,
                             size_t *out_len, const char *json, size_t len,
                             cpd_error *err) {
  cpd_error local;
  /* cppcheck-suppress uninitvar ; only local's address is taken here: the
   * calls below fill it before anything reads it */
  cpd_error *e = err ? err : &local;
  const cpd_result *r;
  cpd_status st;
  if (out)
    *out = NULL;
  if (out_len)
    *out_len = 0;
  if (!c || !out)
    return cpd__invalid_argument(err);
  st = cpd_checker_evaluate(c, &r, json, len, e);
  if (st != CPD_OK && st != CPD_EINPUT)
    return st;
  c->out.len = 0;
  c->out.oom = 0;
  if (st == CPD_OK)
    cpd__write_result(&c->out, r);
  else
    cpd__write_error(&c->out, e);
  if (!cpd__buf_cstr(&c->out)) {
    cpd__buf_free(&c->out);
    return cpd__out_of_memory(err);
  }
  *out = c->out.p;
  if (out_len)
    *out_len = c->out.len;
  return st;
}
