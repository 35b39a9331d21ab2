/* api.c - the public entry points that run the pipeline: on JSON documents
 * the application document (cpd_document_*), the one-call check and
 * evaluate and the plan from a document; on applications built in C
 * cpd_application_prepare, cpd_prepared_evaluate, cpd_evaluate and
 * cpd_plan_evaluate[_prepared].  Bytes go scan.c -> map.c -> prepare.c ->
 * rules.c -> json_out.c; this file calls them, and only checker.c calls
 * back into it (cpd__load). */
#include <cjson/cJSON.h>
#include <string.h>

#include "internal.h"

void cpd__tree_free(struct cJSON *root) { cJSON_Delete(root); }

cpd_status cpd__load(struct cJSON **root, cpd_application *app, cpd__papp *papp,
                     cpd__arena *arena, cpd__buf *norm, const char *json,
                     size_t len, const cpd_limits *lim, cpd_error *err) {
  cpd_status st = cpd__parse(root, json, len, lim, err);
  if (st != CPD_OK)
    return st;
  st = cpd__map(app, papp, arena, norm, *root, lim,
                len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0, err);
  if (st != CPD_OK) {
    cJSON_Delete(*root);
    *root = NULL;
  }
  return st;
}

struct cpd_document {
  cJSON *root;
  cpd__arena arena;
  cpd_application app;
  cpd__papp papp;
};

void cpd_document_free(cpd_document *doc) {
  if (!doc)
    return;
  cpd__arena_free(&doc->arena);
  cJSON_Delete(doc->root);
  cpd__free(doc);
}

cpd_status cpd_document_load_json(cpd_document **out, const char *json,
                                  size_t len, const cpd_limits *limits,
                                  cpd_error *err) {
  cpd_limits lim;
  cpd_document *doc;
  cpd__buf norm = CPD__BUF_INIT;
  cpd_status st;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  if (!cpd__limits_resolve(&lim, limits))
    return cpd__invalid_argument(err);
  doc = cpd__calloc(1, sizeof *doc);
  if (!doc)
    return cpd__out_of_memory(err);
  st = cpd__load(&doc->root, &doc->app, &doc->papp, &doc->arena, &norm, json,
                 len, &lim, err);
  cpd__buf_free(&norm);
  if (st != CPD_OK) {
    cpd_document_free(doc);
    return st;
  }
  *out = doc;
  return CPD_OK;
}

const cpd_application *cpd_document_application(const cpd_document *doc) {
  return doc ? &doc->app : NULL;
}

static cpd_status evaluate(cpd_result **out, const cpd_policy *policy,
                           const cpd__papp *papp, cpd_error *err) {
  cpd_result *r = cpd__result_new();
  cpd_status st;
  if (!r)
    return cpd__out_of_memory(err);
  st = cpd__evaluate(r, policy, papp, err);
  if (st != CPD_OK) {
    cpd_result_free(r);
    return st;
  }
  *out = r;
  return CPD_OK;
}

/* What the entry points run on a prepared application: an evaluation into
 * *result or, where plan is set, the plan as of as_of into *plan. */
typedef struct {
  cpd_result **result;
  cpd_plan **plan;
  const cpd_policy *policy;
  cpd_day as_of;
} job;

static cpd_status run(const job *j, const cpd__papp *papp, cpd_error *err) {
  return j->plan ? cpd__plan(j->plan, j->policy, papp, j->as_of, err)
                 : evaluate(j->result, j->policy, papp, err);
}

/* j on the application of a JSON document; applied_on, unless
 * CPD_DAY_NONE, stands for the document's application date. */
static cpd_status run_json(const job *j, const char *json, size_t len,
                           const cpd_limits *limits, cpd_day applied_on,
                           cpd_error *err) {
  cpd_document *doc = NULL;
  cpd_status st = cpd_document_load_json(&doc, json, len, limits, err);
  if (st == CPD_OK && applied_on != CPD_DAY_NONE)
    cpd__set_day(&doc->papp.applied_on, applied_on);
  if (st == CPD_OK)
    st = run(j, &doc->papp, err);
  cpd_document_free(doc);
  return st;
}

/* j on a private prepared copy of an application built in C. */
static cpd_status run_application(const job *j, const cpd_application *app,
                                  cpd_error *err) {
  cpd__arena arena = CPD__ARENA_INIT;
  cpd__papp papp;
  cpd_status st = cpd__prepare(&papp, &arena, app, err);
  if (st == CPD_OK)
    st = run(j, &papp, err);
  cpd__arena_free(&arena);
  return st;
}

cpd_status cpd_document_evaluate(cpd_result **out, const cpd_policy *policy,
                                 const cpd_document *doc, cpd_error *err) {
  if (out)
    *out = NULL;
  if (!out || !doc)
    return cpd__invalid_argument(err);
  return evaluate(out, policy, &doc->papp, err);
}

cpd_status cpd_evaluate_json_opts(cpd_result **out, const cpd_policy *policy,
                                  const char *json, size_t len,
                                  const cpd_check_options *opts,
                                  cpd_error *err) {
  const job j = {out, NULL, policy, CPD_DAY_NONE};
  if (out)
    *out = NULL;
  if (!out ||
      (opts && !CPD__VERSION_OK(opts->version, CPD_CHECK_OPTIONS_VERSION)))
    return cpd__invalid_argument(err);
  return run_json(&j, json, len, opts ? opts->limits : NULL,
                  opts ? opts->as_of : CPD_DAY_NONE, err);
}

cpd_status cpd_evaluate_json(cpd_result **out, const cpd_policy *policy,
                             const char *json, size_t len,
                             const cpd_limits *limits, cpd_error *err) {
  cpd_check_options o = CPD_CHECK_OPTIONS_INIT;
  o.limits = limits;
  return cpd_evaluate_json_opts(out, policy, json, len, &o, err);
}

cpd_status cpd_check_json_opts(char **out, const cpd_policy *policy,
                               const char *json, size_t len,
                               const cpd_check_options *opts, cpd_error *err) {
  cpd_result *r = NULL;
  cpd_status st;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  st = cpd_evaluate_json_opts(&r, policy, json, len, opts, err);
  if (st == CPD_OK && cpd_result_to_json(out, r) != CPD_OK)
    st = cpd__out_of_memory(err);
  cpd_result_free(r);
  return st;
}

cpd_status cpd_check_json(char **out, const cpd_policy *policy,
                          const char *json, size_t len,
                          const cpd_limits *limits, cpd_error *err) {
  cpd_check_options o = CPD_CHECK_OPTIONS_INIT;
  o.limits = limits;
  return cpd_check_json_opts(out, policy, json, len, &o, err);
}

cpd_status cpd_plan_evaluate_json(cpd_plan **out, const cpd_policy *policy,
                                  const char *json, size_t len, cpd_day as_of,
                                  const cpd_limits *limits, cpd_error *err) {
  const job j = {NULL, out, policy, as_of};
  if (!out || as_of == CPD_DAY_NONE)
    return cpd__invalid_argument(err);
  *out = NULL;
  return run_json(&j, json, len, limits, CPD_DAY_NONE, err);
}

cpd_status cpd_plan_json(char **out, const cpd_policy *policy, const char *json,
                         size_t len, cpd_day as_of, const cpd_limits *limits,
                         cpd_error *err) {
  cpd_plan *plan = NULL;
  cpd_status st;
  if (!out)
    return cpd__invalid_argument(err);
  *out = NULL;
  st = cpd_plan_evaluate_json(&plan, policy, json, len, as_of, limits, err);
  if (st == CPD_OK && cpd_plan_to_json(out, plan) != CPD_OK)
    st = cpd__out_of_memory(err);
  cpd_plan_free(plan);
  return st;
}

/* ------------------------------------------- C applications, prepared */

struct cpd_prepared {
  cpd__arena arena;
  cpd__papp app;
};

cpd_status cpd_application_prepare(cpd_prepared **out,
                                   const cpd_application *app, cpd_error *err) {
  cpd_prepared *p;
  cpd_status st;
  if (out)
    *out = NULL;
  if (!out || !cpd__application_ok(app))
    return cpd__invalid_argument(err);
  p = cpd__calloc(1, sizeof *p);
  if (!p)
    return cpd__out_of_memory(err);
  st = cpd__prepare(&p->app, &p->arena, app, err);
  if (st != CPD_OK) {
    cpd_prepared_free(p);
    return st;
  }
  *out = p;
  return CPD_OK;
}

void cpd_prepared_free(cpd_prepared *p) {
  if (!p)
    return;
  cpd__arena_free(&p->arena);
  cpd__free(p);
}

cpd_status cpd_prepared_evaluate(cpd_result **out, const cpd_policy *policy,
                                 const cpd_prepared *p, cpd_error *err) {
  if (out)
    *out = NULL;
  if (!out || !p)
    return cpd__invalid_argument(err);
  return evaluate(out, policy, &p->app, err);
}

cpd_status cpd_evaluate(cpd_result **out, const cpd_policy *policy,
                        const cpd_application *app, cpd_error *err) {
  const job j = {out, NULL, policy, CPD_DAY_NONE};
  if (out)
    *out = NULL;
  if (!out || !cpd__application_ok(app))
    return cpd__invalid_argument(err);
  return run_application(&j, app, err);
}

cpd_status cpd_plan_evaluate_prepared(cpd_plan **out, const cpd_policy *policy,
                                      const cpd_prepared *p, cpd_day as_of,
                                      cpd_error *err) {
  if (out)
    *out = NULL;
  if (!out || !p)
    return cpd__invalid_argument(err);
  return cpd__plan(out, policy, &p->app, as_of, err);
}

cpd_status cpd_plan_evaluate(cpd_plan **out, const cpd_policy *policy,
                             const cpd_application *app, cpd_day as_of,
                             cpd_error *err) {
  const job j = {NULL, out, policy, as_of};
  if (out)
    *out = NULL;
  if (!out || !cpd__application_ok(app))
    return cpd__invalid_argument(err);
  return run_application(&j, app, err);
}
