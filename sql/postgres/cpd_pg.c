/*
 * cpd_pg.c - libcpd as a PostgreSQL extension (CREATE EXTENSION cpd).
 *
 *   SELECT count(*) FILTER (WHERE cpd_decision(doc) = 'eligible')
 *   FROM applications;
 *
 * The functions of cpd--0.2.sql (docs/SQL.md) take the application as
 * jsonb, json or text and a policy as jsonb.  The extension is a client of
 * the public API (cpd.h) only: every document, decision and number comes
 * from the library.  jsonb reaches the library as its text form
 * (doc::text), json and text as they are.
 *
 * Memory: the library allocates with malloc, outside PostgreSQL's memory
 * contexts.  Each call site (FmgrInfo) keeps a cache in fn_extra - a
 * checker, and the parsed policy with the policy's bytes - whose library
 * objects are freed by a reset callback on fn_mcxt, the context the call
 * site lives in: at the end of the query, and also when the query fails
 * or is cancelled (the context is deleted then).  Anything else the
 * library returns is freed before the function returns or raises
 * (PG_FINALLY), so ereport's longjmp leaks nothing.  cpd_diagnostics
 * builds its whole set in one call (materialize mode) from the cached
 * checker's result: a set cancelled midway holds no library memory.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include <string.h>

#include <cpd.h>

PG_MODULE_MAGIC;

/* ------------------------------------------------------------- errors */

/* Raises the error of a failed library call; never returns.  Input errors
 * are 22P02 with the JSON Pointer and byte offset in DETAIL; a refused
 * policy argument is 22023.  The library's texts name fields, never their
 * values, so no personal data reaches the log. */
static void pg_raise(const char *fn, cpd_status st, const cpd_error *err,
                     int policy_arg) pg_attribute_noreturn();

static void pg_raise(const char *fn, cpd_status st, const cpd_error *err,
                     int policy_arg) {
  char offset[32];
  /* the pointer as a JSON string: a key of the document may hold a
   * control character, escaped here as the library's documents escape it
   * (copied to the stack and freed before ereport jumps) */
  char path[6 * CPD_ERROR_PATH_SIZE + 8];
  char *q = NULL;
  size_t qlen = 0;
  if (st == CPD_ENOMEM)
    ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY),
                    errmsg("%s: out of memory in libcpd", fn)));
  if (!err || !err->code[0])
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("%s: %s", fn, cpd_status_str(st))));
  if (cpd_json_quote(&q, &qlen, err->path, strlen(err->path)) == CPD_OK)
    snprintf(path, sizeof path, "%.*s", (int)qlen, q);
  else
    snprintf(path, sizeof path, "\"(unavailable)\"");
  cpd_string_free(q);
  if (err->offset >= 0)
    snprintf(offset, sizeof offset, "%lld", err->offset);
  else
    snprintf(offset, sizeof offset, "unknown");
  if (policy_arg)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("%s: the policy is refused: %s: %s", fn, err->code,
                           err->message),
                    errdetail("JSON Pointer %s in the policy, byte offset "
                              "%s.\n%s",
                              path, offset, err->message_ja)));
  ereport(ERROR, (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
                  errmsg("%s: %s: %s", fn, err->code, err->message),
                  errdetail("JSON Pointer %s, byte offset %s.\n%s", path,
                            offset, err->message_ja)));
}

/* ------------------------------------------------------ the documents */

/* How a function received its document. */
typedef enum pg_doc_kind { PG_DOC_JSONB, PG_DOC_TEXT } pg_doc_kind;

/* The document's bytes (palloc'd or pointing into the argument, in the
 * current memory context). */
static const char *pg_doc(FunctionCallInfo fcinfo, int arg, pg_doc_kind kind,
                          size_t *len) {
  if (kind == PG_DOC_JSONB) {
    Jsonb *jb = PG_GETARG_JSONB_P(arg);
    StringInfoData buf;
    initStringInfo(&buf);
    (void)JsonbToCString(&buf, &jb->root, (int)VARSIZE(jb));
    *len = (size_t)buf.len;
    return buf.data;
  } else {
    text *t = PG_GETARG_TEXT_PP(arg);
    *len = VARSIZE_ANY_EXHDR(t);
    return VARDATA_ANY(t);
  }
}

/* ------------------------------------------------ the call site's cache */

typedef struct pg_cache {
  cpd_checker *checker; /* for policy (NULL: the default policy) */
  cpd_policy *policy;
  char *policy_bytes; /* the jsonb policy argument it was made from */
  Size policy_len;
  bool has_policy;
  MemoryContextCallback cb;
} pg_cache;

static void pg_cache_clear(pg_cache *c) {
  cpd_checker_free(c->checker);
  cpd_policy_free(c->policy);
  c->checker = NULL;
  c->policy = NULL;
  if (c->policy_bytes)
    pfree(c->policy_bytes);
  c->policy_bytes = NULL;
  c->policy_len = 0;
  c->has_policy = false;
}

/* The reset callback of fn_mcxt: the library's objects go with it. */
static void pg_cache_release(void *arg) {
  pg_cache *c = arg;
  cpd_checker_free(c->checker);
  cpd_policy_free(c->policy);
  c->checker = NULL;
  c->policy = NULL;
}

static pg_cache *pg_cache_get(FunctionCallInfo fcinfo) {
  FmgrInfo *fl = fcinfo->flinfo;
  pg_cache *c = fl->fn_extra;
  if (!c) {
    c = MemoryContextAllocZero(fl->fn_mcxt, sizeof *c);
    c->cb.func = pg_cache_release;
    c->cb.arg = c;
    MemoryContextRegisterResetCallback(fl->fn_mcxt, &c->cb);
    fl->fn_extra = c;
  }
  return c;
}

/* The policy of this call: argument arg when there is one (parsed once per
 * call site while the argument's bytes stay the same), else the default
 * (NULL). */
static const cpd_policy *pg_policy(FunctionCallInfo fcinfo, const char *fn,
                                   int arg, pg_cache *c) {
  Jsonb *jb;
  StringInfoData buf;
  cpd_error err;
  cpd_status st;
  Size len;
  if (PG_NARGS() <= arg) {
    if (c->has_policy)
      pg_cache_clear(c);
    return NULL;
  }
  jb = PG_GETARG_JSONB_P(arg);
  len = VARSIZE(jb);
  if (c->has_policy && c->policy_len == len &&
      memcmp(c->policy_bytes, jb, len) == 0)
    return c->policy;
  pg_cache_clear(c);
  initStringInfo(&buf);
  (void)JsonbToCString(&buf, &jb->root, (int)len);
  st = cpd_policy_load_json(&c->policy, buf.data, (size_t)buf.len, NULL, &err);
  pfree(buf.data);
  if (st != CPD_OK) {
    c->policy = NULL;
    pg_raise(fn, st, &err, 1);
  }
  c->policy_bytes = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, len);
  memcpy(c->policy_bytes, jb, len);
  c->policy_len = len;
  c->has_policy = true;
  return c->policy;
}

/* The call site's checker for its policy argument (or the default). */
static cpd_checker *pg_checker(FunctionCallInfo fcinfo, const char *fn,
                               int policy_arg) {
  pg_cache *c = pg_cache_get(fcinfo);
  const cpd_policy *policy = pg_policy(fcinfo, fn, policy_arg, c);
  cpd_error err;
  cpd_status st;
  if (!c->checker) {
    st = cpd_checker_new(&c->checker, policy, NULL, &err);
    if (st != CPD_OK) {
      c->checker = NULL;
      pg_raise(fn, st, &err, 0);
    }
  }
  return c->checker;
}

/* A NUL-terminated JSON document as jsonb. */
static Datum pg_jsonb(const char *json) {
  return DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
}

/* ------------------------------------------------------ the functions */

/* cpd_check(doc [, policy]) -> jsonb: the result document. */
static Datum pg_check(FunctionCallInfo fcinfo, pg_doc_kind kind) {
  cpd_checker *checker = pg_checker(fcinfo, "cpd_check", 1);
  const char *json, *out = NULL;
  size_t len;
  cpd_error err;
  cpd_status st;
  json = pg_doc(fcinfo, 0, kind, &len);
  st = cpd_checker_check(checker, &out, NULL, json, len, &err);
  if (st != CPD_OK)
    pg_raise("cpd_check", st, &err, 0);
  /* out is the checker's until its next call: nothing to free */
  return pg_jsonb(out);
}

/* cpd_input_error(doc [, policy]) -> jsonb: the error document, or NULL
 * when the application can be evaluated. */
static Datum pg_input_error(FunctionCallInfo fcinfo, pg_doc_kind kind) {
  cpd_checker *checker = pg_checker(fcinfo, "cpd_input_error", 1);
  const char *json, *out = NULL;
  size_t len;
  cpd_error err;
  cpd_status st;
  json = pg_doc(fcinfo, 0, kind, &len);
  st = cpd_checker_check(checker, &out, NULL, json, len, &err);
  if (st == CPD_OK)
    PG_RETURN_NULL();
  if (st != CPD_EINPUT)
    pg_raise("cpd_input_error", st, &err, 0);
  return pg_jsonb(out);
}

/* The typed result of doc for cpd_decision and cpd_counted. */
static const cpd_summary *pg_summary(FunctionCallInfo fcinfo, pg_doc_kind kind,
                                     const char *fn) {
  cpd_checker *checker = pg_checker(fcinfo, fn, 1);
  const cpd_result *r = NULL;
  const char *json;
  size_t len;
  cpd_error err;
  cpd_status st;
  json = pg_doc(fcinfo, 0, kind, &len);
  st = cpd_checker_evaluate(checker, &r, json, len, &err);
  if (st != CPD_OK)
    pg_raise(fn, st, &err, 0);
  return cpd_result_summary(r);
}

/* cpd_decision(doc [, policy]) -> text: eligible, incomplete, ineligible. */
static Datum pg_decision(FunctionCallInfo fcinfo, pg_doc_kind kind) {
  const cpd_summary *s = pg_summary(fcinfo, kind, "cpd_decision");
  PG_RETURN_TEXT_P(cstring_to_text(cpd_decision_str(s->decision)));
}

/* cpd_counted(doc [, policy]) -> numeric: the points counted, exactly
 * (the library's own text of its integer hundredths, read by numeric). */
static Datum pg_counted(FunctionCallInfo fcinfo, pg_doc_kind kind) {
  const cpd_summary *s = pg_summary(fcinfo, kind, "cpd_counted");
  char buf[CPD_POINTS_TEXT_SIZE];
  (void)cpd_points_format(buf, s->counted);
  return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
                             ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* cpd_plan(doc, as_of date [, policy]) -> jsonb: the plan document. */
static Datum pg_plan(FunctionCallInfo fcinfo, pg_doc_kind kind) {
  pg_cache *c = pg_cache_get(fcinfo);
  const cpd_policy *policy = pg_policy(fcinfo, "cpd_plan", 2, c);
  DateADT d = PG_GETARG_DATEADT(1);
  const char *json;
  char *out = NULL;
  size_t len;
  cpd_error err;
  cpd_status st;
  volatile Datum res = (Datum)0;
  if (DATE_NOT_FINITE(d))
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("cpd_plan: as_of must be a finite date")));
  json = pg_doc(fcinfo, 0, kind, &len);
  st = cpd_plan_json(&out, policy, json, len,
                     (cpd_day)(d + (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE)),
                     NULL, &err);
  if (st != CPD_OK)
    pg_raise("cpd_plan", st, &err, 0);
  PG_TRY();
  { res = pg_jsonb(out); }
  PG_FINALLY();
  { cpd_string_free(out); }
  PG_END_TRY();
  return res;
}

/* cpd_redact(doc) -> the same type: personal data masked. */
static Datum pg_redact(FunctionCallInfo fcinfo, pg_doc_kind kind) {
  const char *json;
  char *out = NULL;
  size_t len;
  cpd_error err;
  cpd_status st;
  volatile Datum res = (Datum)0;
  json = pg_doc(fcinfo, 0, kind, &len);
  st = cpd_redact_json(&out, json, len, NULL, &err);
  if (st != CPD_OK)
    pg_raise("cpd_redact", st, &err, 0);
  PG_TRY();
  {
    if (kind == PG_DOC_JSONB)
      res = pg_jsonb(out);
    else
      res = PointerGetDatum(cstring_to_text(out));
  }
  PG_FINALLY();
  { cpd_string_free(out); }
  PG_END_TRY();
  return res;
}

/* cpd_diagnostics(doc [, policy]) -> SETOF ("index", code, severity, rule,
 * path, message_en, message_ja, activity). */
static Datum pg_diagnostics(FunctionCallInfo fcinfo, pg_doc_kind kind) {
  ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
  cpd_checker *checker;
  const cpd_result *r = NULL;
  const char *json;
  size_t len, i, n;
  cpd_error err;
  cpd_status st;
  InitMaterializedSRF(fcinfo, 0);
  checker = pg_checker(fcinfo, "cpd_diagnostics", 1);
  json = pg_doc(fcinfo, 0, kind, &len);
  st = cpd_checker_evaluate(checker, &r, json, len, &err);
  if (st != CPD_OK)
    pg_raise("cpd_diagnostics", st, &err, 0);
  n = cpd_result_diagnostic_count(r);
  for (i = 0; i < n; i++) {
    /* r is the checker's, which stays in the cache: an interrupt or an
     * error here leaks nothing */
    const cpd_diagnostic *dg = cpd_result_diagnostic(r, i);
    Datum values[8];
    bool nulls[8] = {false};
    CHECK_FOR_INTERRUPTS();
    if (!dg)
      pg_raise("cpd_diagnostics", CPD_ENOMEM, NULL, 0);
    values[0] = Int32GetDatum((int32)i);
    values[1] = PointerGetDatum(cstring_to_text(dg->code));
    values[2] =
        PointerGetDatum(cstring_to_text(cpd_severity_str(dg->severity)));
    values[3] = PointerGetDatum(cstring_to_text(dg->rule));
    values[4] = PointerGetDatum(cstring_to_text(dg->path));
    values[5] = PointerGetDatum(cstring_to_text(dg->message));
    values[6] = PointerGetDatum(cstring_to_text(dg->message_ja));
    if (dg->activity == CPD_NO_ACTIVITY)
      nulls[7] = true;
    else
      values[7] = Int32GetDatum((int32)dg->activity);
    tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
  }
  return (Datum)0;
}

/* ------------------------------------------------- the entry points */

/* Each function twice: jsonb, and text (json shares it: the same bytes). */
#define PG_ENTRY(name)                                                         \
  PG_FUNCTION_INFO_V1(cpd_pg_##name##_jsonb);                                  \
  Datum cpd_pg_##name##_jsonb(PG_FUNCTION_ARGS) {                              \
    return pg_##name(fcinfo, PG_DOC_JSONB);                                    \
  }                                                                            \
  PG_FUNCTION_INFO_V1(cpd_pg_##name##_text);                                   \
  Datum cpd_pg_##name##_text(PG_FUNCTION_ARGS) {                               \
    return pg_##name(fcinfo, PG_DOC_TEXT);                                     \
  }

PG_ENTRY(check)
PG_ENTRY(input_error)
PG_ENTRY(decision)
PG_ENTRY(counted)
PG_ENTRY(plan)
PG_ENTRY(redact)
PG_ENTRY(diagnostics)

/* cpd_version() -> text: the libcpd the extension runs. */
PG_FUNCTION_INFO_V1(cpd_pg_version);
Datum cpd_pg_version(PG_FUNCTION_ARGS) {
  PG_RETURN_TEXT_P(cstring_to_text(cpd_version_string()));
}
