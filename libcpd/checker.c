/* checker.c - the reusable checker (cpd_checker_*): one per thread.  It
 * keeps its arena, scratch, result and output buffer between calls, so a
 * batch does no heap work per application beyond cJSON's own tree; the
 * tree is freed before the output is written into the kept buffer, so no
 * large allocation follows the tree's small frees (which would make the
 * allocator consolidate them, application after application). */
#include <string.h>

#include "internal.h"

struct cpd_checker {
  const cpd_policy *policy;
  cpd_day as_of;
  cpd_limits limits;
  cpd__arena arena;
  cpd__buf norm, out;
  cpd_result *result;
  int have_result; /* the last call left a result */
};

cpd_status cpd_checker_new(cpd_checker **out, const cpd_policy *policy,
                           const cpd_check_options *opts, cpd_error *err) {
  cpd_checker *c;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  if (opts && !CPD__VERSION_OK(opts->version, CPD_CHECK_OPTIONS_VERSION))
    return cpd__invalid_argument(err);
  c = cpd__calloc(1, sizeof *c);
  if (!c)
    return cpd__out_of_memory(err);
  if (!cpd__limits_resolve(&c->limits, opts ? opts->limits : NULL)) {
    cpd__free(c);
    return cpd__invalid_argument(err);
  }
  c->result = cpd__result_new();
  if (!c->result) {
    cpd__free(c);
    return cpd__out_of_memory(err);
  }
  c->policy = policy;
  c->as_of = opts ? opts->as_of : CPD_DAY_NONE;
  *out = c;
  return CPD_OK;
}

void cpd_checker_free(cpd_checker *c) {
  if (!c)
    return;
  cpd_result_free(c->result);
  cpd__arena_free(&c->arena);
  cpd__buf_free(&c->norm);
  cpd__buf_free(&c->out);
  cpd__free(c);
}

const cpd_result *cpd_checker_result(const cpd_checker *c) {
  return c && c->have_result ? c->result : NULL;
}

/* Bytes to c->result (the tree is gone when this returns). */
static cpd_status run(cpd_checker *c, const char *json, size_t len,
                      cpd_error *err) {
  struct cJSON *root = NULL;
  cpd_application app;
  cpd__papp papp;
  cpd_status st;
  c->have_result = 0;
  cpd__arena_reset(&c->arena);
  cpd__result_reset(c->result);
  st = cpd__load(&root, &app, &papp, &c->arena, &c->norm, json, len, &c->limits,
                 err);
  if (st != CPD_OK)
    return st;
  if (c->as_of != CPD_DAY_NONE)
    cpd__set_day(&papp.applied_on, c->as_of);
  st = cpd__evaluate(c->result, c->policy, &papp, err);
  cpd__tree_free(root); /* the result keeps copies of what it needs */
  c->have_result = st == CPD_OK;
  return st;
}

cpd_status cpd_checker_evaluate(cpd_checker *c, const cpd_result **out,
                                const char *json, size_t len, cpd_error *err) {
  cpd_status st;
  if (out)
    *out = NULL;
  if (!c || !out)
    return cpd__invalid_argument(err);
  st = run(c, json, len, err);
  if (st == CPD_OK)
    *out = c->result;
  return st;
}

cpd_status cpd_checker_check(cpd_checker *c, const char **out, size_t *out_len,
                             const char *json, size_t len, cpd_error *err) {
  cpd_error local;
  /* cppcheck-suppress uninitvar ; only local's address is taken here: the
   * calls below fill it before anything reads it */
  cpd_error *e = err ? err : &local;
  cpd_status st;
  if (out)
    *out = NULL;
  if (out_len)
    *out_len = 0;
  if (!c || !out)
    return cpd__invalid_argument(err);
  st = run(c, json, len, e);
  if (st != CPD_OK && st != CPD_EINPUT)
    return st;
  c->out.len = 0;
  if (st == CPD_OK)
    cpd__write_result(&c->out, c->result);
  else
    cpd__write_error(&c->out, e);
  if (!cpd__buf_cstr(&c->out)) {
    cpd__buf_free(&c->out);
    c->have_result = 0;
    return cpd__out_of_memory(err);
  }
  *out = c->out.p;
  if (out_len)
    *out_len = c->out.len;
  return st;
}

cpd_status cpd_checker_document(cpd_checker *c, const char **out,
                                size_t *out_len) {
  if (out)
    *out = NULL;
  if (out_len)
    *out_len = 0;
  if (!c || !out || !c->have_result)
    return CPD_EINVAL;
  c->out.len = 0;
  cpd__write_result(&c->out, c->result);
  if (!cpd__buf_cstr(&c->out)) {
    cpd__buf_free(&c->out);
    return CPD_ENOMEM;
  }
  *out = c->out.p;
  if (out_len)
    *out_len = c->out.len;
  return CPD_OK;
}
