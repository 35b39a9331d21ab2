/*
 * cpd.i - the one language-neutral SWIG interface over include/cpd.h.
 *
 * What every binding gets from here:
 *   - the cpd_ / CPD_ prefix stripped (cpd_check_json_opts -> check_json_opts,
 *     CPD_EINPUT -> EINPUT);
 *   - out-parameters as return values: `char **out` (JSON text), `cpd_policy
 *     **out`, `cpd_result **out`, `cpd_audit **out`, `cpd_day *out` and
 *     `uint64_t *out` take no argument in the target language and come back
 *     as the function's value (cpd_policy_window's two days likewise, where
 *     the language returns several values);
 *   - ownership: what the library allocates for the caller becomes owned by
 *     the target language.  %newobject marks owned *return values*, and
 *     cpd.h returns nothing owned that way (every owned output is an
 *     out-parameter), so the out-parameter typemaps do what %newobject
 *     would: SWIG_POINTER_OWN for the handles, whose destructors call
 *     cpd_policy_free / cpd_result_free / cpd_audit_free; JSON text copied
 *     into the target language and released with cpd_string_free at once;
 *   - `cpd_error *err` takes no argument; a failing cpd_status becomes the
 *     target language's exception carrying err's code, path, offset and
 *     messages (or just the status where a function has no err).
 *
 * Each language has an entry file naming its module (python/capi.i,
 * java/CpdNative.i, csharp/CpdNative.i) that includes this one; this one
 * includes the language file (python/cpd_python.swg, java/cpd_java.swg,
 * csharp/cpd_csharp.swg), which supplies the conversions each of those
 * needs, through these names:
 *   typemaps  (const char *json, size_t len)  input bytes (also `text`,
 *                                               `number`)
 *             char **out                        JSON text out
 *             cpd_policy **out, cpd_result **out, cpd_audit **out,
 *             cpd_day *out, cpd_fee_status *out (the function's value)
 *             char *buf                         a formatter's text (the
 *                                               function's value)
 *             const char **name                 a text of the library out
 *                                               (cpd_policy_version_at's,
 *                                               the function's value)
 *             cpd_error *err                    argout: raise on failure
 *             cpd_status                        out: raise on failure
 *             cpd_status CPD_ERR_FUNCS          out: leave it to err
 * Functions whose failure detail comes in `err` are listed once, here, in
 * CPD_FOR_EACH_ERR_FUNC; the others raise from their status alone.
 *
 * One call per application: the bindings speak the JSON documents, so
 * an application crosses the boundary once, as bytes, and its result comes
 * back once.  (The typed cpd_result_* accessors are wrapped too; what they
 * return lives as long as its result: keep the result referenced.)  An
 * audit takes one call per roster line (cpd_audit_add_json); the entries
 * of cpd_audit_entry_at live as long as the audit.
 */

%{
#include "cpd.h"
#include <stdlib.h>
#include <string.h>
/* The buffer of the `char *buf` formatters (cpd_points_format,
 * cpd_yen_format): the larger of their sizes. */
#define CPD_BIND_BUF_SIZE                                                \
  (CPD_YEN_TEXT_SIZE > CPD_POINTS_TEXT_SIZE ? CPD_YEN_TEXT_SIZE          \
                                            : CPD_POINTS_TEXT_SIZE)
%}

%include <stdint.i>
%include <typemaps.i>

/* ------------------------------------------------------------------ names
 * The bindings wrap a chosen list, not whatever the header declares today:
 * every cpd_ name is left out unless it is listed here, so a new function
 * in cpd.h changes no binding until someone decides how it should look.
 * Macros and enum values (CPD_...) all come, prefix stripped. */
%rename("$ignore", regextarget=1) "^cpd_";
%rename("%(regex:/^CPD_(.*)$/\\1/)s", regextarget=1) "^CPD_";
%define CPD_WRAP(NAME)
%rename("%(regex:/^cpd_(.*)$/\\1/)s") NAME;
%enddef

/* types */
CPD_WRAP(cpd_status)
CPD_WRAP(cpd_policy)
CPD_WRAP(cpd_limits)
CPD_WRAP(cpd_check_options)
CPD_WRAP(cpd_result)
CPD_WRAP(cpd_summary)
CPD_WRAP(cpd_section_total)
CPD_WRAP(cpd_activity_result)
CPD_WRAP(cpd_diagnostic)
CPD_WRAP(cpd_decision)
CPD_WRAP(cpd_severity)
CPD_WRAP(cpd_window_status)
CPD_WRAP(cpd_activity_status)
CPD_WRAP(cpd_audit)
CPD_WRAP(cpd_audit_options)
CPD_WRAP(cpd_audit_entry)
CPD_WRAP(cpd_checker)
CPD_WRAP(cpd_lines)
CPD_WRAP(cpd_plan)
CPD_WRAP(cpd_plan_totals)
CPD_WRAP(cpd_plan_section)
CPD_WRAP(cpd_code_kind)
CPD_WRAP(cpd_code_info)
CPD_WRAP(cpd_rule_info)
CPD_WRAP(cpd_field_kind)
CPD_WRAP(cpd_redaction)
CPD_WRAP(cpd_field_info)
/* functions */
CPD_WRAP(cpd_version_number)
CPD_WRAP(cpd_version_string)
CPD_WRAP(cpd_status_str)
CPD_WRAP(cpd_day_from_ymd)
CPD_WRAP(cpd_day_to_ymd)
CPD_WRAP(cpd_day_parse)
CPD_WRAP(cpd_day_format)
CPD_WRAP(cpd_day_add_months)
CPD_WRAP(cpd_policy_default)
CPD_WRAP(cpd_policy_load_json)
CPD_WRAP(cpd_policy_to_json)
CPD_WRAP(cpd_policy_fiscal_year)
CPD_WRAP(cpd_policy_window)
/* Java and C# read a policy's versions with these; Python's Policy reads
 * cpd_policy_to_json, and its language file has no typemap yet for
 * `const char **name`: left out there until bindings/python wants them. */
#if !defined(SWIGPYTHON)
CPD_WRAP(cpd_policy_version_count)
CPD_WRAP(cpd_policy_version_at)
#endif
CPD_WRAP(cpd_check_json)
CPD_WRAP(cpd_check_json_opts)
CPD_WRAP(cpd_evaluate_json)
CPD_WRAP(cpd_evaluate_json_opts)
CPD_WRAP(cpd_result_to_json)
CPD_WRAP(cpd_result_summary)
CPD_WRAP(cpd_result_period_year)
CPD_WRAP(cpd_result_section_count)
CPD_WRAP(cpd_result_section)
CPD_WRAP(cpd_result_activity_count)
CPD_WRAP(cpd_result_activity)
CPD_WRAP(cpd_result_diagnostic_count)
CPD_WRAP(cpd_result_diagnostic)
CPD_WRAP(cpd_decision_str)
CPD_WRAP(cpd_severity_str)
CPD_WRAP(cpd_window_status_str)
CPD_WRAP(cpd_activity_status_str)
CPD_WRAP(cpd_plan_json)
CPD_WRAP(cpd_redact_json)
CPD_WRAP(cpd_audit_hash)
CPD_WRAP(cpd_audit_rate_parse)
CPD_WRAP(cpd_audit_new)
CPD_WRAP(cpd_audit_add)
CPD_WRAP(cpd_audit_add_json)
CPD_WRAP(cpd_audit_finish)
CPD_WRAP(cpd_audit_count)
CPD_WRAP(cpd_audit_entry_at)
CPD_WRAP(cpd_checker_new)
CPD_WRAP(cpd_checker_check)
CPD_WRAP(cpd_checker_evaluate)
CPD_WRAP(cpd_checker_result)
CPD_WRAP(cpd_lines_new)
CPD_WRAP(cpd_lines_feed)
CPD_WRAP(cpd_lines_next)
%rename(lines_too_long) cpd_bind_lines_too_long;
%rename(result_pack) cpd_bind_result_pack;
%rename(error_to_json) cpd_bind_error_to_json;
CPD_WRAP(cpd_plan_evaluate_json)
CPD_WRAP(cpd_plan_get_totals)
CPD_WRAP(cpd_plan_section_count)
CPD_WRAP(cpd_plan_section_at)
CPD_WRAP(cpd_plan_result)
CPD_WRAP(cpd_plan_to_json)
CPD_WRAP(cpd_code_count)
CPD_WRAP(cpd_code_at)
CPD_WRAP(cpd_code_find)
CPD_WRAP(cpd_rule_count)
CPD_WRAP(cpd_rule_at)
CPD_WRAP(cpd_rule_find)
CPD_WRAP(cpd_explain_json)
CPD_WRAP(cpd_field_count)
CPD_WRAP(cpd_field_at)
CPD_WRAP(cpd_field_find)
CPD_WRAP(cpd_field_kind_str)
CPD_WRAP(cpd_redaction_str)
#if defined(SWIGPYTHON) /* its test compares cpd.fields() with it */
CPD_WRAP(cpd_fields_to_json)
#endif
CPD_WRAP(cpd_points_format)
CPD_WRAP(cpd_text_normalize)
/* Payer names as banks write them: Python's fold_name, match_name and
 * legal_entities (the other languages have no typemap yet for two texts
 * in one call). */
#if defined(SWIGPYTHON)
CPD_WRAP(cpd_legal_entity)
CPD_WRAP(cpd_legal_entity_count)
CPD_WRAP(cpd_legal_entity_at)
CPD_WRAP(cpd_name_fold)
CPD_WRAP(cpd_name_match)
#endif
/* The fee's status as `cpd reconcile` decides it (its name, the name
 * parsed, its words), and amounts of yen as the office writes them. */
CPD_WRAP(cpd_fee_status)
CPD_WRAP(cpd_label)
CPD_WRAP(cpd_fee_status_str)
CPD_WRAP(cpd_fee_status_parse)
CPD_WRAP(cpd_fee_status_label)
CPD_WRAP(cpd_yen_format)
/* Left out: cpd_evaluate, cpd_application_prepare / cpd_prepared_* and
 * the C structs of an application (bindings speak the JSON documents;
 * preparing pays off only for an application built in C), cpd_error (its
 * fields come in the exception; its document, cpd_error_to_json, through
 * cpd_bind_error_to_json below), the *_free functions
 * (destructors and typemaps call them), cpd_document_* (the application's
 * own fields are the caller's JSON), cpd_plan_evaluate and
 * cpd_plan_evaluate_prepared (C structs again), cpd_lines_too_long_error
 * (wrapped as cpd_bind_lines_too_long below, a failing call like any
 * other). */

/* Functions that report failure detail through `cpd_error *err`. */
%define CPD_FOR_EACH_ERR_FUNC(M)
M(cpd_policy_load_json)
M(cpd_check_json)
M(cpd_check_json_opts)
M(cpd_evaluate_json)
M(cpd_evaluate_json_opts)
M(cpd_plan_json)
M(cpd_redact_json)
M(cpd_audit_add)
M(cpd_audit_add_json)
M(cpd_audit_rate_parse)
M(cpd_checker_new)
M(cpd_checker_check)
M(cpd_checker_evaluate)
M(cpd_bind_lines_too_long)
M(cpd_plan_evaluate_json)
M(cpd_explain_json)
%enddef

/* Function-like and brace-initialiser macros are not values. */
%ignore CPD_LIMITS_INIT;
%ignore CPD_CHECK_OPTIONS_INIT;
%ignore CPD_AUDIT_OPTIONS_INIT;
%ignore CPD_ABSENT;
%ignore CPD_APPLICATION_VERSION;
%ignore CPD_AUDIT_OPTIONS_VERSION;
%warnfilter(314) cpd_value::boolean; /* `boolean`: a Java keyword, in a struct left out */

/* ------------------------------------------------------ the shared typemaps
 * Plain numeric outputs use SWIG's OUTPUT typemaps; a language file may
 * override `cpd_day *out` to make it the return value where OUTPUT is not. */
%apply int *OUTPUT { int *year, int *month, int *day };
%apply int *OUTPUT { cpd_day *out };
%apply unsigned int *OUTPUT { uint32_t *rate_ppm };
%apply int *OUTPUT { cpd_day *starts_on, cpd_day *ends_on };
%apply int *OUTPUT { cpd_day *opens_on, cpd_day *closes_on };
%apply int *OUTPUT { cpd_day *effective_from };
%apply unsigned long long *OUTPUT { uint64_t *out };
/* cpd_field_find's activity index is dropped: the bindings take the
 * field, and the index is in the pointer they passed. */
%typemap(in, numinputs=0) size_t *activity (size_t tmp_ = 0) "$1 = &tmp_;";

/* ------------------------------------------------------- the language file */
#if defined(SWIGPYTHON)
%include "python/cpd_python.swg"
#elif defined(SWIGJAVA)
%include "java/cpd_java.swg"
#elif defined(SWIGCSHARP)
%include "csharp/cpd_csharp.swg"
#else
#error "bindings/cpd.i: no language file for this target language"
#endif

%apply (const char *json, size_t len) { (const char *text, size_t len) };
%apply (const char *json, size_t len) { (const char *number, size_t len) };
%apply (const char *json, size_t len) { (const char *bytes, size_t len) };
#if defined(SWIGPYTHON)
%apply (const char *json, size_t len) { (const char *other, size_t other_len) };
%apply int *OUTPUT { int *matches };
#endif

/* ----------------------------------------------------------- opaque handles
 * SWIG sees them as empty structs so each gets a class whose destructor
 * frees it; C only ever sees pointers to the incomplete types. */
%nodefaultctor cpd_policy;
%nodefaultctor cpd_result;
%nodefaultctor cpd_audit;
%nodefaultctor cpd_checker;
%nodefaultctor cpd_lines;
%nodefaultctor cpd_plan;
struct cpd_policy {};
struct cpd_result {};
struct cpd_audit {};
struct cpd_checker {};
struct cpd_lines {};
struct cpd_plan {};
%extend cpd_policy {
  ~cpd_policy() { cpd_policy_free($self); }
}
%extend cpd_result {
  ~cpd_result() { cpd_result_free($self); }
}
%extend cpd_audit {
  ~cpd_audit() { cpd_audit_free($self); }
}
%extend cpd_checker {
  ~cpd_checker() { cpd_checker_free($self); }
}
%extend cpd_lines {
  ~cpd_lines() { cpd_lines_free($self); }
}
%extend cpd_plan {
  ~cpd_plan() { cpd_plan_free($self); }
}

/* Options structs start from their CPD_..._INIT value. */
%extend cpd_limits {
  cpd_limits() {
    cpd_limits *l = (cpd_limits *)calloc(1, sizeof *l);
    if (l) l->version = CPD_LIMITS_VERSION;
    return l;
  }
  ~cpd_limits() { free($self); }
}
%extend cpd_check_options {
  cpd_check_options() {
    cpd_check_options *o = (cpd_check_options *)calloc(1, sizeof *o);
    if (o) {
      o->version = CPD_CHECK_OPTIONS_VERSION;
      o->limits = NULL;
      o->as_of = CPD_DAY_NONE;
    }
    return o;
  }
  ~cpd_check_options() { free($self); }
}
/* The audit options own their include list: include_add copies each
 * number in (bytes of UTF-8), the destructor frees the copies.  C's
 * `include` array itself is not reachable from the target language. */
%ignore cpd_audit_options::include;
%extend cpd_audit_options {
  cpd_audit_options() {
    cpd_audit_options *o = (cpd_audit_options *)calloc(1, sizeof *o);
    if (o) o->version = CPD_AUDIT_OPTIONS_VERSION;
    return o;
  }
  ~cpd_audit_options() {
    size_t i;
    for (i = 0; i < $self->include_count; i++) free((void *)$self->include[i]);
    free((void *)$self->include);
    free($self);
  }
  /* CPD_EINVAL for a number holding a NUL byte, CPD_ENOMEM. */
  cpd_status include_add(const char *bytes, size_t len) {
    const char **list;
    char *copy;
    if (!bytes || memchr(bytes, '\0', len)) return CPD_EINVAL;
    copy = (char *)malloc(len + 1);
    if (!copy) return CPD_ENOMEM;
    list = (const char **)realloc((void *)$self->include,
                                  ($self->include_count + 1) * sizeof *list);
    if (!list) {
      free(copy);
      return CPD_ENOMEM;
    }
    memcpy(copy, bytes, len);
    copy[len] = '\0';
    list[$self->include_count++] = copy;
    $self->include = list;
    return CPD_OK;
  }
}

/* Results are read-only views; only the options structs can be set. */
%immutable;
%feature("immutable", "0") cpd_limits::version;
%feature("immutable", "0") cpd_limits::max_document_bytes;
%feature("immutable", "0") cpd_limits::max_activities;
%feature("immutable", "0") cpd_limits::max_string_bytes;
%feature("immutable", "0") cpd_check_options::version;
%feature("immutable", "0") cpd_check_options::limits;
%feature("immutable", "0") cpd_check_options::as_of;
%feature("immutable", "0") cpd_audit_options::version;
%feature("immutable", "0") cpd_audit_options::seed;
%feature("immutable", "0") cpd_audit_options::rate_ppm;
%feature("immutable", "0") cpd_audit_options::stratify;

/* INT32_MIN is not a constant SWIG can evaluate. */
%ignore CPD_DAY_NONE;
%constant int32_t DAY_NONE = CPD_DAY_NONE;
/* Nor casts to the library's typedefs. */
%ignore CPD_NO_CAP;
%constant long long NO_CAP = CPD_NO_CAP;
%ignore CPD_NO_ACTIVITY;
%constant size_t NO_ACTIVITY = CPD_NO_ACTIVITY;

/* The header itself; CPD_STATIC keeps CPD_API empty for SWIG's eyes. */
#define CPD_STATIC
%include "cpd.h"

/* cpd_lines_too_long_error as a failing call: CPD_EINPUT with the
 * input.too_large error of the line cpd_lines_next just reported too long,
 * so that each language raises it as it raises any input error. */
%inline %{
static cpd_status cpd_bind_lines_too_long(const cpd_lines *lines,
                                          cpd_error *err) {
  if (!lines) return CPD_EINVAL;
  cpd_lines_too_long_error(lines, err);
  return CPD_EINPUT;
}
%}

/* cpd_bind_error_to_json: the error document {"error":{...}} of an
 * exception's fields, written by the library as it writes every error
 * document (cpd_error_to_json): each language's exception carries
 * cpd_error's fields, and its to_json() / toJson() / ToJson() asks this,
 * so that no binding escapes JSON itself.  A text longer than cpd_error's
 * buffer is cut at a UTF-8 character boundary (the library's own errors
 * always fit). */
#if !defined(SWIGCSHARP) /* C#: byte[] and length, csharp/cpd_csharp.swg */
%apply (const char *json, size_t len) {
  (const char *err_code, size_t code_len),
  (const char *err_path, size_t path_len),
  (const char *err_message, size_t message_len),
  (const char *err_message_ja, size_t message_ja_len)
};
#endif
%inline %{
static void cpd_bind_copy(char *dst, size_t cap, const char *s, size_t n) {
  if (n >= cap) {
    n = cap - 1;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  }
  if (n) memcpy(dst, s, n);
  dst[n] = '\0';
}

static cpd_status cpd_bind_error_to_json(
    char **out, const char *err_code, size_t code_len, const char *err_path,
    size_t path_len, long long offset, const char *err_message,
    size_t message_len, const char *err_message_ja, size_t message_ja_len) {
  cpd_error e;
  cpd_bind_copy(e.code, sizeof e.code, err_code, code_len);
  cpd_bind_copy(e.path, sizeof e.path, err_path, path_len);
  e.offset = offset < 0 ? -1 : offset;
  cpd_bind_copy(e.message, sizeof e.message, err_message, message_len);
  cpd_bind_copy(e.message_ja, sizeof e.message_ja, err_message_ja,
                message_ja_len);
  return cpd_error_to_json(out, &e);
}
%}

/* cpd_bind_result_pack: a typed result, read through cpd.h's accessors,
 * in two flat buffers, for the languages where each call across the
 * boundary costs (Java, C#: one call instead of one per field).  nums
 * (int64) holds the numbers and, for each text, its offset and length in
 * texts (UTF-8, not NUL-terminated; offset -1 for NULL):
 *
 *   0 decision, 1 applied_on, 2-3 qualification, 4 period_starts_on,
 *   5 period_expires_on, 6 period_years, 7 window_opens_on,
 *   8 window_closes_on, 9 window_status, 10 required, 11 counted,
 *   12 shortfall, 13 renewal_starts_on, 14 renewal_expires_on,
 *   15-16 email_subject, 17-18 policy_name, 19 policy_effective_from,
 *   20 section count S, 21 activity count A, 22 diagnostic count D, then
 *   per year of the period: starts_on, ends_on;
 *   per section (7): name (2), claimed, counted, cap, entries, year;
 *   per activity (9): index, id (2), section (2), year, claimed, counted,
 *     status;
 *   per diagnostic (12): code (2), severity, path (2), message (2),
 *     message_ja (2), rule (2), activity (-1: none).
 *
 * Returns the count of int64s written.  When a buffer is too small it
 * writes nothing but nums[0] = the int64s needed and nums[1] = the text
 * bytes needed (nums must hold at least 2), and returns -1: call again
 * with bigger buffers.  -2 when the diagnostics' messages cannot be
 * rendered (no memory) or r is NULL. */
%inline %{
#define CPD_BIND_TEXT(P, PTR)                                        \
  do {                                                               \
    const char *t_ = (PTR);                                          \
    if (!t_) {                                                       \
      if (fits) { nums[(P)] = -1; nums[(P) + 1] = 0; }               \
    } else {                                                         \
      size_t l_ = strlen(t_);                                        \
      if (fits) {                                                    \
        memcpy(texts + tn, t_, l_);                                  \
        nums[(P)] = (int64_t)tn;                                     \
        nums[(P) + 1] = (int64_t)l_;                                 \
      }                                                              \
      tn += l_;                                                      \
    }                                                                \
  } while (0)

static long long cpd_bind_result_pack(const cpd_result *r, int64_t *nums,
                                      size_t nums_cap, char *texts,
                                      size_t texts_cap) {
  const cpd_summary *s = r ? cpd_result_summary(r) : NULL;
  size_t ns, na, nd, need, tn, i, k;
  int pass, fits, y;
  if (!s) return -2;
  ns = cpd_result_section_count(r);
  na = cpd_result_activity_count(r);
  nd = cpd_result_diagnostic_count(r);
  need = 23 + 2 * (size_t)(s->period_years > 0 ? s->period_years : 0) +
         7 * ns + 9 * na + 12 * nd;
  for (i = 0; i < nd; i++)
    if (!cpd_result_diagnostic(r, i)) return -2;
  /* pass 0 measures the texts; pass 1 writes, when everything fits */
  for (pass = 0; pass < 2; pass++) {
    fits = pass == 1;
    tn = 0;
    if (fits) {
      nums[0] = s->decision;
      nums[1] = s->applied_on;
      nums[4] = s->period_starts_on;
      nums[5] = s->period_expires_on;
      nums[6] = s->period_years;
      nums[7] = s->window_opens_on;
      nums[8] = s->window_closes_on;
      nums[9] = s->window_status;
      nums[10] = s->required;
      nums[11] = s->counted;
      nums[12] = s->shortfall;
      nums[13] = s->renewal_starts_on;
      nums[14] = s->renewal_expires_on;
      nums[19] = s->policy_effective_from;
      nums[20] = (int64_t)ns;
      nums[21] = (int64_t)na;
      nums[22] = (int64_t)nd;
    }
    CPD_BIND_TEXT(2, s->qualification);
    CPD_BIND_TEXT(15, s->email_subject);
    CPD_BIND_TEXT(17, s->policy_name);
    k = 23;
    for (y = 1; y <= s->period_years; y++, k += 2) {
      cpd_day a = 0, b = 0;
      cpd_result_period_year(r, y, &a, &b);
      if (fits) { nums[k] = a; nums[k + 1] = b; }
    }
    for (i = 0; i < ns; i++, k += 7) {
      const cpd_section_total *t = cpd_result_section(r, i);
      CPD_BIND_TEXT(k, t->section);
      if (fits) {
        nums[k + 2] = t->claimed;
        nums[k + 3] = t->counted;
        nums[k + 4] = t->cap;
        nums[k + 5] = (int64_t)t->entries;
        nums[k + 6] = t->year;
      }
    }
    for (i = 0; i < na; i++, k += 9) {
      const cpd_activity_result *a = cpd_result_activity(r, i);
      CPD_BIND_TEXT(k + 1, a->id);
      CPD_BIND_TEXT(k + 3, a->section);
      if (fits) {
        nums[k] = (int64_t)a->index;
        nums[k + 5] = a->year;
        nums[k + 6] = a->claimed;
        nums[k + 7] = a->counted;
        nums[k + 8] = a->status;
      }
    }
    for (i = 0; i < nd; i++, k += 12) {
      const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
      CPD_BIND_TEXT(k, d->code);
      CPD_BIND_TEXT(k + 3, d->path);
      CPD_BIND_TEXT(k + 5, d->message);
      CPD_BIND_TEXT(k + 7, d->message_ja);
      CPD_BIND_TEXT(k + 9, d->rule);
      if (fits) {
        nums[k + 2] = d->severity;
        nums[k + 11] = d->activity == CPD_NO_ACTIVITY ? -1 : (int64_t)d->activity;
      }
    }
    if (pass == 0 && (!nums || need > nums_cap || (tn && !texts) ||
                      tn > texts_cap)) {
      if (nums && nums_cap >= 2) {
        nums[0] = (int64_t)need;
        nums[1] = (int64_t)tn;
      }
      return -1;
    }
  }
  return (long long)need;
}
#undef CPD_BIND_TEXT
%}

