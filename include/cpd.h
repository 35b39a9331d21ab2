/*
 * cpd.h - the whole public API of libcpd, the CPD renewal rules engine.
 *
 * If it is not in this header it is not API.  Conventions:
 *   - every function returns a cpd_status (CPD_OK == 0, errors < 0) unless it
 *     is a pure accessor; outputs come first in the argument list;
 *   - an optional caller-owned cpd_error *err (may be NULL) receives detail;
 *   - whatever the library allocates for the caller is released with the
 *     matching cpd_*_free() function; every *_free(NULL) is a no-op;
 *   - points are integer hundredths (cpd_points), dates are day numbers
 *     (cpd_day, days since 1970-01-01 in the proleptic Gregorian calendar);
 *   - no global state: a cpd_policy is immutable once made and may be shared
 *     by any number of threads evaluating at once.
 */
#ifndef CPD_H
#define CPD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CPD_STATIC)
#define CPD_API
#elif defined(_WIN32)
#if defined(CPD_BUILDING)
#define CPD_API __declspec(dllexport)
#else
#define CPD_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define CPD_API __attribute__((visibility("default")))
#else
#define CPD_API
#endif

#define CPD_VERSION_MAJOR 0
#define CPD_VERSION_MINOR 2
#define CPD_VERSION_PATCH 0
#define CPD_VERSION_STRING "0.2.0"
#define CPD_VERSION_NUMBER                                                     \
  (CPD_VERSION_MAJOR * 10000 + CPD_VERSION_MINOR * 100 + CPD_VERSION_PATCH)

/* The runtime twin of CPD_VERSION_NUMBER / CPD_VERSION_STRING. */
CPD_API int cpd_version_number(void);
CPD_API const char *cpd_version_string(void);

/* ------------------------------------------------------------------ status */

/* Append only; never renumber. */
typedef enum cpd_status {
  CPD_OK = 0,
  CPD_ENOMEM = -1, /* an allocation failed; nothing was leaked */
  CPD_EINPUT = -2, /* the application cannot be evaluated (docs/RULES.md R14) */
  CPD_EPOLICY = -3, /* the policy document is refused (policy.invalid) */
  CPD_EINVAL = -4   /* the caller passed an invalid argument */
} cpd_status;

/* Static English text for a status ("out of memory", ...). */
CPD_API const char *cpd_status_str(cpd_status status);

/* Sizes of the cpd_error buffers (bytes, the NUL included).  A longer text
 * is cut at a UTF-8 character boundary. */
#define CPD_ERROR_CODE_SIZE 40
#define CPD_ERROR_PATH_SIZE 256
#define CPD_ERROR_MESSAGE_SIZE 256
#define CPD_ERROR_MESSAGE_JA_SIZE 384

/* Detail of a failing call.  Caller-owned, filled only on failure; the
 * strings are NUL-terminated UTF-8 and never contain the applicant's
 * personal data (they name fields, never echo values). */
typedef struct cpd_error {
  char code[CPD_ERROR_CODE_SIZE]; /* "input.duplicate_key", ... */
  char path[CPD_ERROR_PATH_SIZE]; /* JSON Pointer (RFC 6901) */
  long long offset; /* byte offset in the document, -1 if unknown */
  char message[CPD_ERROR_MESSAGE_SIZE];       /* English */
  char message_ja[CPD_ERROR_MESSAGE_JA_SIZE]; /* Japanese */
} cpd_error;

/* ------------------------------------------------------------------- dates */

typedef int32_t cpd_day; /* days since 1970-01-01, proleptic Gregorian */
#define CPD_DAY_NONE INT32_MIN

/* Day number of a calendar date; CPD_EINVAL if it does not exist
 * (2023-02-29) or the year is outside 1..9999. */
CPD_API cpd_status cpd_day_from_ymd(cpd_day *out, int year, int month, int day);
/* Calendar date of a day number (any of the three outputs may be NULL). */
CPD_API void cpd_day_to_ymd(cpd_day d, int *year, int *month, int *day);
/* Parse any date form of docs/RULES.md R13: ISO 2024-06-15, 2024/6/15,
 * 2024.6.15, compact 20240615, 2024年6月15日; the eras 令和/平成/昭和 (also
 * 令 平 昭, R H S) with 元年: 令和6年4月1日, 令6.4.1, R6/4/1, JIS X 0301
 * R06.04.01; kanji numerals in the 年月日 forms (二〇二四年六月十五日,
 * 平成二十七年十二月八日, 〇 or ○ for zero); the separators - / . and the
 * dashes of input methods (ー − ‐ ‑ – — ―) and 。; a trailing weekday (土),
 * (土曜日) or 土曜日 that must be the date's own; full-width digits, ㋿
 * ㍻; spaces, zero-width spaces and a BOM around the date.  CPD_EINVAL for
 * anything else, including an era date outside its era, a wrong weekday,
 * era-less 13.02.03, 大正/明治 and a time of day. */
CPD_API cpd_status cpd_day_parse(cpd_day *out, const char *text, size_t len);
/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
CPD_API void cpd_day_format(char buf[11], cpd_day d);
/* d plus n months, the day clamped to the end of the target month. */
CPD_API cpd_day cpd_day_add_months(cpd_day d, int months);

/* ------------------------------------------------------------------ policy */

typedef struct cpd_policy cpd_policy; /* immutable once made */

/* Versioned structs (cpd_limits, cpd_check_options, cpd_audit_options,
 * cpd_application): the caller sets version to the CPD_..._VERSION of the
 * header it was built with; the library accepts any 0 < version <= its own
 * (a program built against an older header keeps working) and refuses 0 or
 * a newer version with CPD_EINVAL.  Start from the CPD_..._INIT macros. */

/* Limits on one input document (docs/RULES.md R14).  Zero means the default. */
typedef struct cpd_limits {
  int version;               /* CPD_LIMITS_VERSION */
  size_t max_document_bytes; /* default 4 MiB */
  size_t max_activities;     /* default 10,000 */
  size_t max_string_bytes;   /* default 4 KiB (each string, in bytes) */
} cpd_limits;
#define CPD_LIMITS_VERSION 1
#define CPD_LIMITS_INIT                                                        \
  { CPD_LIMITS_VERSION, 0, 0, 0 }
/* The defaults that a zero in cpd_limits stands for. */
#define CPD_DEFAULT_MAX_DOCUMENT_BYTES 4194304 /* 4 MiB */
#define CPD_DEFAULT_MAX_ACTIVITIES 10000
#define CPD_DEFAULT_MAX_STRING_BYTES 4096
/* A policy document's own limits (cpd_policy_load_json): its size, the
 * entries of each list, its dated versions. */
#define CPD_POLICY_MAX_BYTES 1048576 /* 1 MiB */
#define CPD_POLICY_MAX_LIST 5000
#define CPD_POLICY_MAX_VERSIONS 64

/* The built-in default policy (JSON.md "Policy document").  The caller frees
 * *out with cpd_policy_free(). */
CPD_API cpd_status cpd_policy_default(cpd_policy **out);
/* A policy document merged over the default.  A policy has limits of its
 * own besides the given document limits: at most 1 MiB, 5,000 entries in
 * a list, 64 versions (policy.invalid with the path of the list, or
 * input.too_large).  CPD_EPOLICY with
 * err->code "policy.invalid" and a path when it contradicts itself; an input
 * error code (input.syntax, ...) when it is not valid JSON.  limits may be
 * NULL.  The caller frees *out with cpd_policy_free(). */
CPD_API cpd_status cpd_policy_load_json(cpd_policy **out, const char *json,
                                        size_t len, const cpd_limits *limits,
                                        cpd_error *err);
/* The policy as a complete JSON policy document.  The caller frees *out
 * with cpd_string_free(). */
CPD_API cpd_status cpd_policy_to_json(char **out, const cpd_policy *policy);
CPD_API void cpd_policy_free(cpd_policy *policy);
/* The application window for a certificate expiring on expires_on
 * (docs/RULES.md R3), under the policy version in force on that day (NULL: the
 * default).  CPD_EINVAL for a NULL output. */
CPD_API cpd_status cpd_policy_window(cpd_day *opens_on, cpd_day *closes_on,
                                     const cpd_policy *policy,
                                     cpd_day expires_on);
/* Fiscal year of a day under a policy (FY(2025-03-31) = 2024 by default).
 * policy may be NULL for the default. */
CPD_API int cpd_policy_fiscal_year(const cpd_policy *policy, cpd_day d);
/* The dated versions of a policy, oldest first: an unversioned policy (and
 * NULL, the default) has one, itself.  cpd_policy_version_at gives the
 * name and effective_from (CPD_DAY_NONE when it has none) of version i;
 * name stays valid as long as the policy.  CPD_EINVAL for i out of range
 * or both outputs NULL. */
CPD_API size_t cpd_policy_version_count(const cpd_policy *policy);
CPD_API cpd_status cpd_policy_version_at(const cpd_policy *policy, size_t i,
                                         const char **name,
                                         cpd_day *effective_from);

/* ------------------------------------------------------------- application */

/* The caller-allocated input structs cpd_value, cpd_activity and
 * cpd_applicant are frozen for 1.x: their members, order and size will not
 * change (cpd_activity is an array element, so its size is ABI).  New
 * input fields, if any, come through a new CPD_APPLICATION_VERSION and
 * members appended to cpd_application only. */

/* A JSON-like scalar as the application gave it.  Text is NUL-terminated
 * UTF-8, kept as given (the engine normalises a copy to check it). */
typedef enum cpd_value_kind {
  CPD_VALUE_ABSENT = 0,
  CPD_VALUE_TEXT,
  CPD_VALUE_NUMBER,
  CPD_VALUE_BOOL,
  CPD_VALUE_NULL,
  CPD_VALUE_OTHER /* an array or object where a scalar belongs */
} cpd_value_kind;

typedef struct cpd_value {
  cpd_value_kind kind;
  const char *text; /* CPD_VALUE_TEXT */
  double number;    /* CPD_VALUE_NUMBER */
  int boolean;      /* CPD_VALUE_BOOL */
} cpd_value;

#define CPD_ABSENT                                                             \
  { CPD_VALUE_ABSENT, NULL, 0.0, 0 }
#define CPD_TEXT(s)                                                            \
  { CPD_VALUE_TEXT, (s), 0.0, 0 }
#define CPD_NUMBER(x)                                                          \
  { CPD_VALUE_NUMBER, NULL, (x), 0 }
#define CPD_BOOL(b)                                                            \
  { CPD_VALUE_BOOL, NULL, 0.0, (b) }

typedef struct cpd_activity {
  cpd_value id;       /* optional, echoed (normalised) in the result */
  cpd_value category; /* "A".."D" (full-width accepted) */
  cpd_value title;
  cpd_value completed_on;    /* any R13 date form */
  cpd_value hours;           /* number or numeric text */
  cpd_value points;          /* optional: number or numeric text */
  cpd_value year;            /* optional: the year the applicant wrote (1..3) */
  const cpd_value *evidence; /* evidence file names */
  size_t evidence_count;
  const cpd_value *competencies; /* CMBOK codes (別紙２) */
  size_t competency_count;
} cpd_activity;

typedef struct cpd_applicant {
  cpd_value name, name_kana, company, company_kana, postal_code, address, phone,
      mobile, email;
} cpd_applicant;

/* One renewal application.  Everything is borrowed: the engine copies what
 * it keeps into the result. */
typedef struct cpd_application {
  int version;             /* CPD_APPLICATION_VERSION */
  cpd_value applied_on;    /* required (an input error when missing) */
  cpd_value qualification; /* "OMP" | "CAP" */
  cpd_value certification_number;
  cpd_value expires_on; /* required (certification.expires_on) */
  cpd_applicant applicant;
  cpd_value fee_paid_on;
  cpd_value fee_payer_name;
  cpd_value oath_agreed; /* must be true */
  const cpd_activity *activities;
  size_t activity_count;
} cpd_application;
#define CPD_APPLICATION_VERSION 1

/* ------------------------------------------------------------------ result */

typedef enum cpd_decision {
  CPD_ELIGIBLE = 0,
  CPD_INCOMPLETE = 1,
  CPD_INELIGIBLE = 2
} cpd_decision;

typedef enum cpd_severity {
  CPD_SEVERITY_INFO = 0,
  CPD_SEVERITY_WARNING = 1,
  CPD_SEVERITY_ERROR = 2, /* fixable */
  CPD_SEVERITY_FATAL = 3
} cpd_severity;

typedef enum cpd_window_status {
  CPD_WINDOW_NOT_YET_OPEN = 0,
  CPD_WINDOW_OPEN = 1,
  CPD_WINDOW_CLOSED = 2
} cpd_window_status;

typedef enum cpd_activity_status {
  CPD_ACTIVITY_COUNTED = 0,
  CPD_ACTIVITY_PARTIALLY_COUNTED = 1,
  CPD_ACTIVITY_CAPPED = 2,
  CPD_ACTIVITY_REJECTED = 3
} cpd_activity_status;

typedef int64_t cpd_points; /* hundredths of a point: 150 == 1.5 points */
#define CPD_NO_CAP ((cpd_points)-1)

typedef struct cpd_result cpd_result; /* owned by the caller */

typedef struct cpd_summary {
  cpd_decision decision;
  cpd_day applied_on;
  const char *qualification; /* canonical ("OMP"), NULL when invalid */
  cpd_day period_starts_on, period_expires_on;
  int period_years;
  cpd_day window_opens_on, window_closes_on;
  cpd_window_status window_status;
  cpd_points required, counted, shortfall;
  cpd_day renewal_starts_on,
      renewal_expires_on; /* CPD_DAY_NONE unless eligible */
  const char *email_subject;
  const char *policy_name;       /* the policy version in force on applied_on */
  cpd_day policy_effective_from; /* its effective_from */
} cpd_summary;

typedef struct cpd_section_total {
  const char *section; /* "A", "B-1", ... */
  cpd_points claimed, counted;
  cpd_points cap; /* CPD_NO_CAP when there is none */
  size_t entries;
  int year; /* 1..period_years, 0 for a whole-period section */
} cpd_section_total;

typedef struct cpd_activity_result {
  size_t index;
  const char *id;      /* normalised (NFKC, spaces folded), or NULL */
  const char *section; /* NULL when the activity could not be placed */
  int year;            /* 1..period_years, 0 when not placed */
  cpd_points claimed, counted;
  cpd_activity_status status;
} cpd_activity_result;

#define CPD_NO_ACTIVITY ((size_t)-1)

typedef struct cpd_diagnostic {
  const char *code; /* "section.capped", ... (see cpd_code_find) */
  cpd_severity severity;
  const char *path;    /* JSON Pointer into the application */
  const char *message; /* English, no personal data */
  const char *message_ja;
  const char *rule; /* the rule it comes from: "R1" .. "R16" */
  size_t activity;  /* index of the activity it is about, or
                       CPD_NO_ACTIVITY */
} cpd_diagnostic;

/* Evaluate an application built in C (no JSON involved).  policy may be
 * NULL for the default.  On CPD_EINPUT (applied_on or expires_on missing or
 * invalid) err says which and *out is NULL.  The caller frees *out with
 * cpd_result_free(). */
CPD_API cpd_status cpd_evaluate(cpd_result **out, const cpd_policy *policy,
                                const cpd_application *app, cpd_error *err);
CPD_API void cpd_result_free(cpd_result *result);

/* An application prepared once for many evaluations (the planner, what-if
 * tools, fuzzers): every text normalised (NFKC, spaces folded), every date
 * and amount parsed.  Nothing is borrowed: the caller may change or free
 * app afterwards.  The caller frees *out with cpd_prepared_free(). */
typedef struct cpd_prepared cpd_prepared;
CPD_API cpd_status cpd_application_prepare(cpd_prepared **out,
                                           const cpd_application *app,
                                           cpd_error *err);
/* cpd_evaluate on a prepared application; the same result. */
CPD_API cpd_status cpd_prepared_evaluate(cpd_result **out,
                                         const cpd_policy *policy,
                                         const cpd_prepared *prepared,
                                         cpd_error *err);
CPD_API void cpd_prepared_free(cpd_prepared *prepared);

/* Typed, read-only access; pointers live as long as the result. */
CPD_API const cpd_summary *cpd_result_summary(const cpd_result *result);
/* Dates of year 1..period_years of the period; CPD_EINVAL when out of
 * range. */
CPD_API cpd_status cpd_result_period_year(const cpd_result *result, int year,
                                          cpd_day *starts_on, cpd_day *ends_on);
CPD_API size_t cpd_result_section_count(const cpd_result *result);
CPD_API const cpd_section_total *cpd_result_section(const cpd_result *result,
                                                    size_t i);
CPD_API size_t cpd_result_activity_count(const cpd_result *result);
CPD_API const cpd_activity_result *cpd_result_activity(const cpd_result *result,
                                                       size_t i);
/* The row of activity i on the form: its place among the activities of its
 * section in input order (1-based, as form.continuation_sheet counts
 * them); 0 when it is not placed or i is out of range. */
CPD_API size_t cpd_result_activity_row(const cpd_result *result, size_t i);
CPD_API size_t cpd_result_diagnostic_count(const cpd_result *result);
/* The messages are rendered from the catalogue when the first diagnostic
 * is read (safe from several threads at once).  NULL when i is out of
 * range, or when there was no memory to render the messages. */
CPD_API const cpd_diagnostic *cpd_result_diagnostic(const cpd_result *result,
                                                    size_t i);

/* Static names: "eligible", "warning", "open", "partially_counted". */
CPD_API const char *cpd_decision_str(cpd_decision d);
CPD_API const char *cpd_severity_str(cpd_severity s);
CPD_API const char *cpd_window_status_str(cpd_window_status s);
CPD_API const char *cpd_activity_status_str(cpd_activity_status s);

/* The words the reports and the form page print for these values, in
 * English and Japanese (static text, one table in the catalogue). */
typedef struct cpd_label {
  const char *name;     /* as cpd_decision_str & co.: "eligible" */
  const char *label;    /* "eligible", "not open yet", "partly counted" */
  const char *label_ja; /* "更新可", "受付前", "一部算入" */
  const char *note;     /* decisions: "the renewal can proceed"; else "" */
  const char *note_ja;  /* decisions: "更新できます"; else "" */
} cpd_label;
/* NULL for a value outside the enum. */
CPD_API const cpd_label *cpd_decision_label(cpd_decision d);
CPD_API const cpd_label *cpd_severity_label(cpd_severity s);
CPD_API const cpd_label *cpd_window_status_label(cpd_window_status s);
CPD_API const cpd_label *cpd_activity_status_label(cpd_activity_status s);
/* Every label above as one JSON document (for the form page):
 * {"decision":{"eligible":{"label":..,"label_ja":..,"note":..,"note_ja":..},
 * ..},"severity":{..},"window_status":{..},"activity_status":{..},
 * "categories":[{"category":"A","label":..,..},..]} and a newline.  Free
 * *out with cpd_string_free(). */
CPD_API cpd_status cpd_labels_to_json(char **out);

/* -------------------------------------------------------------------- JSON */

/* The one call: application JSON text in, result JSON text out (JSON.md).
 * policy may be NULL for the default, limits NULL for the defaults.
 * On CPD_EINPUT *out is NULL and err holds the input error (code, path,
 * offset, messages).  The caller frees *out with cpd_string_free(). */
CPD_API cpd_status cpd_check_json(char **out, const cpd_policy *policy,
                                  const char *json, size_t len,
                                  const cpd_limits *limits, cpd_error *err);
/* Same, but returns the typed result instead of JSON text. */
CPD_API cpd_status cpd_evaluate_json(cpd_result **out, const cpd_policy *policy,
                                     const char *json, size_t len,
                                     const cpd_limits *limits, cpd_error *err);
/* Options of one check.  Start from CPD_CHECK_OPTIONS_INIT. */
typedef struct cpd_check_options {
  int version;              /* CPD_CHECK_OPTIONS_VERSION */
  const cpd_limits *limits; /* NULL: the default limits */
  cpd_day as_of; /* CPD_DAY_NONE, or evaluate as if applied on this day
                    (replaces the document's applied_on) */
} cpd_check_options;
#define CPD_CHECK_OPTIONS_VERSION 1
#define CPD_CHECK_OPTIONS_INIT                                                 \
  { CPD_CHECK_OPTIONS_VERSION, NULL, CPD_DAY_NONE }

/* cpd_check_json / cpd_evaluate_json with options (opts may be NULL). */
CPD_API cpd_status cpd_check_json_opts(char **out, const cpd_policy *policy,
                                       const char *json, size_t len,
                                       const cpd_check_options *opts,
                                       cpd_error *err);
CPD_API cpd_status cpd_evaluate_json_opts(cpd_result **out,
                                          const cpd_policy *policy,
                                          const char *json, size_t len,
                                          const cpd_check_options *opts,
                                          cpd_error *err);
/* The result document (JSON.md) of a result. Free with cpd_string_free(). */
CPD_API cpd_status cpd_result_to_json(char **out, const cpd_result *result);
/* The error document {"error":{...}} of an error. Free with
 * cpd_string_free(). */
CPD_API cpd_status cpd_error_to_json(char **out, const cpd_error *err);
/* An application built in C as its document (JSON.md), printed as cpd
 * redact prints (2-space indent, one member per line, a final newline):
 * members in the field table's order, absent values left out,
 * certification, applicant and fee only when one of their members is
 * given, activities always (an array, its lists as arrays); texts as given,
 * numbers as the shortest text that reads back.  CPD_EINPUT with err
 * (input.invalid_utf8, input.non_finite_number; the path names the value),
 * CPD_EINVAL with err for a CPD_VALUE_OTHER value or an unknown version.
 * The caller frees *out with cpd_string_free(). */
CPD_API cpd_status cpd_application_to_json(char **out,
                                           const cpd_application *app,
                                           cpd_error *err);
/* Releases a string the library returned. */
CPD_API void cpd_string_free(char *s);

/* A parsed application document, for callers that need the application's
 * own fields (titles, dates, applicant) beside the result, e.g. a report.
 * The application's text points into the document and lives as long as
 * it.  Free with cpd_document_free(). */
typedef struct cpd_document cpd_document;
CPD_API cpd_status cpd_document_load_json(cpd_document **out, const char *json,
                                          size_t len, const cpd_limits *limits,
                                          cpd_error *err);
CPD_API const cpd_application *
cpd_document_application(const cpd_document *doc);
/* Evaluate the document (as cpd_evaluate_json does, unknown-field warnings
 * included).  The caller frees *out with cpd_result_free(). */
CPD_API cpd_status cpd_document_evaluate(cpd_result **out,
                                         const cpd_policy *policy,
                                         const cpd_document *doc,
                                         cpd_error *err);
CPD_API void cpd_document_free(cpd_document *doc);

/* ---------------------------------------------------------------- checker */

/* A reusable checker for batch callers and bindings: it keeps its buffers
 * and arenas between calls, so checking many applications costs no more
 * heap work than the first.  One checker per thread; the policy (NULL: the
 * default) is borrowed and must outlive the checker, opts (may be NULL) is
 * copied (its limits too).  Free with cpd_checker_free(). */
typedef struct cpd_checker cpd_checker;
CPD_API cpd_status cpd_checker_new(cpd_checker **out, const cpd_policy *policy,
                                   const cpd_check_options *opts,
                                   cpd_error *err);
CPD_API void cpd_checker_free(cpd_checker *checker);
/* Checks one application document.  CPD_OK: *out is the result document;
 * CPD_EINPUT: *out is the error document {"error":{...}} and err (may be
 * NULL) holds the error.  *out is NUL-terminated, *out_len (may be NULL)
 * its length; both belong to the checker and stay valid until its next
 * call.  CPD_ENOMEM / CPD_EINVAL: *out is NULL. */
CPD_API cpd_status cpd_checker_check(cpd_checker *checker, const char **out,
                                     size_t *out_len, const char *json,
                                     size_t len, cpd_error *err);
/* The same, typed: *out belongs to the checker until its next call. */
CPD_API cpd_status cpd_checker_evaluate(cpd_checker *checker,
                                        const cpd_result **out,
                                        const char *json, size_t len,
                                        cpd_error *err);
/* The typed result of the last successful cpd_checker_check or
 * cpd_checker_evaluate (NULL after an error); valid until the next call. */
CPD_API const cpd_result *cpd_checker_result(const cpd_checker *checker);
/* The result document of that result, into the checker's buffer (as
 * cpd_checker_check's *out).  A caller that reads the typed result and
 * wants the document too calls cpd_checker_evaluate, reads, then this: the
 * messages are rendered once.  CPD_EINVAL when there is no result. */
CPD_API cpd_status cpd_checker_document(cpd_checker *checker, const char **out,
                                        size_t *out_len);

/* ------------------------------------------------------------------ NDJSON */

/* NDJSON input (one document per line), fed in chunks of any size: lines
 * end with "\n" or "\r\n", a last line without one counts, blank lines
 * (only spaces, tabs, CR) are skipped but counted, and a line longer than
 * max_line bytes (0: the default document limit, 4 MiB) is reported as
 * too long without being kept, so memory stays bounded.  Free with
 * cpd_lines_free(). */
typedef struct cpd_lines cpd_lines;
CPD_API cpd_status cpd_lines_new(cpd_lines **out, size_t max_line);
CPD_API void cpd_lines_free(cpd_lines *lines);
/* More input (copied); len 0 with data NULL marks the end of the input. */
CPD_API cpd_status cpd_lines_feed(cpd_lines *lines, const char *data,
                                  size_t len);
/* The next complete line: 1 and *line / *len (not NUL-terminated; valid
 * until the next feed or next call), *number (1-based, blank lines
 * counted) and *too_long (1: the line was over max_line, *len is 0);
 * 0 when more input is needed, or at the end once the end was fed. */
CPD_API int cpd_lines_next(cpd_lines *lines, const char **line, size_t *len,
                           unsigned long *number, int *too_long);
/* The input.too_large error of a line over max_line bytes. */
CPD_API void cpd_lines_too_long_error(const cpd_lines *lines, cpd_error *err);

/* ------------------------------------------------------------------- plan */

/* Planning ahead: for an application in progress, evaluated as of a day
 * (no applied_on needed), what counts so far, the room left in each
 * section that can still take activities, the window, and whether the
 * requirement can still be reached by the window's close. */
typedef struct cpd_plan cpd_plan; /* owned by the caller */

typedef struct cpd_plan_totals {
  cpd_day as_of;
  cpd_points required, counted, needed; /* needed = max(0, required-counted) */
  cpd_day window_opens_on, window_closes_on;
  cpd_window_status window_status;
  int days_until_opens;     /* negative once the window has opened */
  int days_until_closes;    /* negative once it has closed */
  int reachable;            /* 1: the requirement can still be met in time */
  int unlimited;            /* 1: an open section without a cap remains */
  cpd_points reachable_max; /* counted + room of every open section (when
                               not unlimited) */
  const char *advice; /* "8 more points: up to 5 in B-3, ..., or any in A" */
  const char *advice_ja;
} cpd_plan_totals;

typedef struct cpd_plan_section {
  const char *section; /* "A", "B-1", ... */
  int year;            /* 0 for a whole-period section */
  cpd_points counted;
  cpd_points cap;     /* CPD_NO_CAP when there is none */
  int open;           /* an activity completed from as_of on can count */
  cpd_day open_until; /* its last such day (CPD_DAY_NONE when closed) */
  cpd_points room;    /* what it can still take; CPD_NO_CAP: unlimited */
} cpd_plan_section;

/* Plan an application built in C.  as_of is required (there is no hidden
 * clock): the application is evaluated as if applied on that day, and the
 * diagnostics of what is already wrong are kept (those that only say the
 * application is not finished yet - window.not_yet_open, points.shortfall,
 * fee.missing, oath.not_agreed, applicant.missing_field - are left out).
 * The caller frees *out with cpd_plan_free(). */
CPD_API cpd_status cpd_plan_evaluate(cpd_plan **out, const cpd_policy *policy,
                                     const cpd_application *app, cpd_day as_of,
                                     cpd_error *err);
/* The same for a prepared application (cpd_application_prepare). */
CPD_API cpd_status cpd_plan_evaluate_prepared(cpd_plan **out,
                                              const cpd_policy *policy,
                                              const cpd_prepared *prepared,
                                              cpd_day as_of, cpd_error *err);
/* The same from an application document (typed plan). */
CPD_API cpd_status cpd_plan_evaluate_json(
    cpd_plan **out, const cpd_policy *policy, const char *json, size_t len,
    cpd_day as_of, const cpd_limits *limits, cpd_error *err);
/* The same from an application document; *out is the plan document
 * (docs/PLAN.md).  Free with cpd_string_free(). */
CPD_API cpd_status cpd_plan_json(char **out, const cpd_policy *policy,
                                 const char *json, size_t len, cpd_day as_of,
                                 const cpd_limits *limits, cpd_error *err);
CPD_API void cpd_plan_free(cpd_plan *plan);
CPD_API const cpd_plan_totals *cpd_plan_get_totals(const cpd_plan *plan);
CPD_API size_t cpd_plan_section_count(const cpd_plan *plan);
CPD_API const cpd_plan_section *cpd_plan_section_at(const cpd_plan *plan,
                                                    size_t i);
/* The evaluation behind the plan: period, activities, and the diagnostics
 * kept (see above).  Lives as long as the plan. */
CPD_API const cpd_result *cpd_plan_result(const cpd_plan *plan);
/* The plan document.  Free with cpd_string_free(). */
CPD_API cpd_status cpd_plan_to_json(char **out, const cpd_plan *plan);

/* ------------------------------------------------------------------ audit */

/* The annual audit (年次監査, docs/RULES.md R16): a deterministic, seedable
 * selection of holders.  A holder is selected when a keyed hash
 * (SipHash-2-4 keyed by the seed) of the NFKC-normalised certification
 * number falls under the rate, so the same seed selects the same people
 * whatever the roster order, and one holder's selection does not depend on
 * who else is listed (except with stratify, which takes the lowest hashes
 * of each qualification so that every qualification gets its share). */
typedef struct cpd_audit cpd_audit; /* owned by the caller */

typedef struct cpd_audit_options {
  int version; /* CPD_AUDIT_OPTIONS_VERSION */
  uint64_t seed;
  uint32_t rate_ppm;          /* selection rate in millionths: 50000 == 5% */
  int stratify;               /* 1: exactly ceil(rate * n) per qualification */
  const char *const *include; /* certification numbers always selected */
  size_t include_count;
} cpd_audit_options;
#define CPD_AUDIT_OPTIONS_VERSION 1
#define CPD_AUDIT_OPTIONS_INIT                                                 \
  { CPD_AUDIT_OPTIONS_VERSION, 0, 0, 0, NULL, 0 }

typedef struct cpd_audit_entry {
  const char *number;        /* certification number as normalised */
  const char *qualification; /* as given (normalised), or "" */
  uint64_t hash;             /* the keyed hash */
  int selected;
  const char *reason; /* "sampled", "included", "stratum", "not_sampled" */
} cpd_audit_entry;

/* The keyed hash of one certification number (normalised first).
 * CPD_EINVAL for an empty or invalid UTF-8 number. */
/* An audit rate as people write it, exactly (no floating point): "0.05",
 * "1", "0", "5%", "0.5%", "100%" -> millionths (*rate_ppm 50000 for 5%).
 * Accepted: ASCII digits, then optionally "." and more digits, then
 * optionally "%"; from 0 to 1 (0% to 100%); at most 6 decimals (4 with %),
 * zeros beyond them allowed ("0.0500000").  CPD_EINVAL with err
 * (invalid_argument) for anything else: empty text, spaces, a sign, an
 * exponent, ".5", "5.", full-width digits, more than 1, a rate finer than
 * a millionth. */
CPD_API cpd_status cpd_audit_rate_parse(uint32_t *rate_ppm, const char *text,
                                        size_t len, cpd_error *err);
CPD_API cpd_status cpd_audit_hash(uint64_t *out, const char *number, size_t len,
                                  uint64_t seed);
/* A new selector.  Free with cpd_audit_free(). */
CPD_API cpd_status cpd_audit_new(cpd_audit **out,
                                 const cpd_audit_options *opts);
CPD_API void cpd_audit_free(cpd_audit *audit);
/* Add one holder by certification number and qualification (may be NULL).
 * CPD_EINVAL after cpd_audit_finish(); CPD_EINPUT with err->code
 * audit.duplicate_number, audit.missing_number or input.*. */
CPD_API cpd_status cpd_audit_add(cpd_audit *audit, const char *number,
                                 const char *qualification, cpd_error *err);
/* Add one roster line: a JSON object, either an application document
 * (certification.number, qualification) or {"number":..,
 * "qualification":..}.  CPD_EINPUT with err for a bad line. */
CPD_API cpd_status cpd_audit_add_json(cpd_audit *audit, const char *json,
                                      size_t len, cpd_error *err);
/* Decide (after the last add).  Entries stay in roster order. */
CPD_API cpd_status cpd_audit_finish(cpd_audit *audit);
CPD_API size_t cpd_audit_count(const cpd_audit *audit);
/* NULL before cpd_audit_finish() or when i is out of range. */
CPD_API const cpd_audit_entry *cpd_audit_entry_at(const cpd_audit *audit,
                                                  size_t i);

/* -------------------------------------------------------------- redaction */

/* The application with personal data masked so reviewers can share cases:
 * name, name_kana and the fee payer name -> initials, address -> the
 * prefecture only, postal code -> its first 3 digits, phone and mobile ->
 * the last 4 digits, e-mail -> first letter and domain; the certification
 * number and everything else are kept.  check() on the redacted
 * application equals the original's except for applicant-field
 * diagnostics.  The caller frees *out with cpd_string_free(). */
CPD_API cpd_status cpd_redact_json(char **out, const char *json, size_t len,
                                   const cpd_limits *limits, cpd_error *err);

/* ------------------------------------------------------------- catalogue */

/* Every code the library can report, with its severity and the rule it
 * comes from (docs/RULES.md), and the rules R1-R16 themselves.  One
 * table; the CLI, the bindings and the documentation read it. */
typedef enum cpd_code_kind {
  CPD_CODE_DIAGNOSTIC = 0,  /* in a result's diagnostics */
  CPD_CODE_INPUT_ERROR = 1, /* input.*: the document cannot be evaluated */
  CPD_CODE_CALL_ERROR = 2   /* policy.invalid, audit.*, out_of_memory, ... */
} cpd_code_kind;

typedef struct cpd_code_info {
  const char *code; /* "section.capped" */
  cpd_code_kind kind;
  cpd_severity severity; /* of a diagnostic; CPD_SEVERITY_ERROR otherwise */
  const char *rule;      /* "R6"; "" for call errors */
  const char *summary;   /* one line, English */
  const char *summary_ja;
} cpd_code_info;

CPD_API size_t cpd_code_count(void);
CPD_API const cpd_code_info *cpd_code_at(size_t i);
/* NULL when the code is not known. */
CPD_API const cpd_code_info *cpd_code_find(const char *code);
/* 1 when the code says a value as written is not a value of its kind (not
 * a number, a date or a category: activity.invalid_number,
 * activity.invalid_date, activity.invalid_category, fee.invalid_date), so
 * that a spreadsheet import refuses the cell; 0 otherwise and for NULL. */
CPD_API int cpd_code_unreadable(const cpd_code_info *code);

typedef struct cpd_rule_info {
  const char *id;    /* "R6" */
  const char *title; /* "Sections and caps" */
  const char *title_ja;
  const char *source_ja; /* the words of the form or CPD policy it
                            comes from, quoted exactly */
  const char *text;      /* the rule as libcpd applies it */
  const char *text_ja;
  const char *policy_keys; /* the policy keys that set it, or "" */
  const char *example;     /* a short example */
  const char *example_ja;
} cpd_rule_info;

CPD_API size_t cpd_rule_count(void);
CPD_API const cpd_rule_info *cpd_rule_at(size_t i);
/* "R6" or "r6"; NULL when there is no such rule. */
CPD_API const cpd_rule_info *cpd_rule_find(const char *id);
/* What a code or a rule ID means, as a JSON document:
 * {"code": {...} or null, "rule": {...}}.  CPD_EINVAL with err for a name
 * that is neither.  Free *out with cpd_string_free(). */
CPD_API cpd_status cpd_explain_json(char **out, const char *code_or_rule,
                                    cpd_error *err);

/* ------------------------------------------------------------ field table */

/* The fields of the application document, each declared once. */
typedef enum cpd_field_kind {
  CPD_FIELD_TEXT = 0,
  CPD_FIELD_DATE,
  CPD_FIELD_NUMBER, /* a number or numeric text (hours: with a unit) */
  CPD_FIELD_BOOL,
  CPD_FIELD_TEXT_LIST, /* an array of texts (or one text) */
  CPD_FIELD_OBJECT,
  CPD_FIELD_ARRAY /* the activities */
} cpd_field_kind;

typedef enum cpd_redaction {
  CPD_REDACT_NONE = 0,
  CPD_REDACT_INITIALS,    /* "山田 太郎" -> "山. 太." */
  CPD_REDACT_PREFECTURE,  /* the address's prefecture only */
  CPD_REDACT_POSTAL_CODE, /* the first 3 digits */
  CPD_REDACT_PHONE,       /* the last 4 digits */
  CPD_REDACT_EMAIL,       /* first letter and domain */
  CPD_REDACT_WITHHOLD     /* "***": nothing of it is kept */
} cpd_redaction;

typedef struct cpd_field_info {
  const char *pointer; /* "/applicant/name"; an activity's fields with
                          "-" for the index: "/activities/-/hours" */
  const char *key;     /* "name" */
  cpd_field_kind kind;
  int required; /* 1: missing is reported (R11) or refused (R14) */
  int personal; /* 1: personal data, never echoed in messages */
  cpd_redaction redaction;
  const char *label;       /* "Name" */
  const char *label_ja;    /* "氏名" */
  const char *csv_headers; /* activity fields: the spreadsheet headers
                              accepted for its column, "|"-separated
                              ("受講講座・研修名|個人学習内容|...|title");
                              NULL for others */
} cpd_field_info;

/* The fields of the application document, declared once.  The library's
 * field table (cpd_field_at), the ids below, where each value lives in a
 * cpd_application, how a document's keys are found and how the engine
 * reads each value are all made from this list:
 *   X(ID, PARENT, pointer, key, kind, required, personal, redaction,
 *     label, label_ja, csv_headers, SLOT, READ)
 * PARENT is the object that holds it (ROOT, CERTIFICATION, APPLICANT, FEE,
 * ACTIVITIES, ACTIVITY); kind and redaction name CPD_FIELD_* and
 * CPD_REDACT_*; SLOT is the member that holds the value, CPD_S_APP(member)
 * of cpd_application, CPD_S_ACT(member) of cpd_activity, CPD_S_LIST(member,
 * count) of cpd_activity, or CPD_S_NONE; READ is how the engine reads it
 * (the library's own concern: a text, only whether it is given, a date,
 * hours, points, a reading of its own, or nothing).  Append only. */
#define CPD_FIELDS(X)                                                          \
  X(APPLIED_ON, ROOT, "/applied_on", "applied_on", DATE, 1, 0, NONE,           \
    "Date of application", "申請年月日", NULL, CPD_S_APP(applied_on),          \
    CPD_R_DATE(applied_on))                                                    \
  X(QUALIFICATION, ROOT, "/qualification", "qualification", TEXT, 1, 0, NONE,  \
    "Qualification", "更新対象資格", NULL, CPD_S_APP(qualification),           \
    CPD_R_TEXT(qualification))                                                 \
  X(CERTIFICATION, ROOT, "/certification", "certification", OBJECT, 1, 0,      \
    NONE, "Certification", "認定", NULL, CPD_S_NONE, CPD_R_NONE)               \
  X(CERT_NUMBER, CERTIFICATION, "/certification/number", "number", TEXT, 1, 0, \
    NONE, "Certification number", "認定番号", NULL,                            \
    CPD_S_APP(certification_number), CPD_R_TEXT(cert_number))                  \
  X(EXPIRES_ON, CERTIFICATION, "/certification/expires_on", "expires_on",      \
    DATE, 1, 0, NONE, "Certificate expiry", "資格有効期日", NULL,              \
    CPD_S_APP(expires_on), CPD_R_DATE(expires_on))                             \
  X(APPLICANT, ROOT, "/applicant", "applicant", OBJECT, 1, 0, NONE,            \
    "Applicant", "申請者情報", NULL, CPD_S_NONE, CPD_R_NONE)                   \
  X(NAME, APPLICANT, "/applicant/name", "name", TEXT, 1, 1, INITIALS, "Name",  \
    "氏名", NULL, CPD_S_APP(applicant.name), CPD_R_PRESENCE(name))             \
  X(NAME_KANA, APPLICANT, "/applicant/name_kana", "name_kana", TEXT, 1, 1,     \
    INITIALS, "Name (kana)", "氏名（かな）", NULL,                             \
    CPD_S_APP(applicant.name_kana), CPD_R_TEXT(name_kana))                     \
  X(COMPANY, APPLICANT, "/applicant/company", "company", TEXT, 0, 1, WITHHOLD, \
    "Company", "所属先会社名", NULL, CPD_S_APP(applicant.company),             \
    CPD_R_PRESENCE(company))                                                   \
  X(COMPANY_KANA, APPLICANT, "/applicant/company_kana", "company_kana", TEXT,  \
    0, 1, WITHHOLD, "Company (kana)", "所属先会社名（かな）", NULL,            \
    CPD_S_APP(applicant.company_kana), CPD_R_TEXT(company_kana))               \
  X(POSTAL_CODE, APPLICANT, "/applicant/postal_code", "postal_code", TEXT, 1,  \
    1, POSTAL_CODE, "Postal code", "郵便番号", NULL,                           \
    CPD_S_APP(applicant.postal_code), CPD_R_TEXT(postal_code))                 \
  X(ADDRESS, APPLICANT, "/applicant/address", "address", TEXT, 1, 1,           \
    PREFECTURE, "Home address", "ご自宅住所", NULL,                            \
    CPD_S_APP(applicant.address), CPD_R_PRESENCE(address))                     \
  X(PHONE, APPLICANT, "/applicant/phone", "phone", TEXT, 0, 1, PHONE, "Phone", \
    "電話番号", NULL, CPD_S_APP(applicant.phone), CPD_R_TEXT(phone))           \
  X(MOBILE, APPLICANT, "/applicant/mobile", "mobile", TEXT, 0, 1, PHONE,       \
    "Mobile phone", "携帯電話番号", NULL, CPD_S_APP(applicant.mobile),         \
    CPD_R_TEXT(mobile))                                                        \
  X(EMAIL, APPLICANT, "/applicant/email", "email", TEXT, 1, 1, EMAIL,          \
    "E-mail address", "Eメールアドレス", NULL, CPD_S_APP(applicant.email),     \
    CPD_R_TEXT(email))                                                         \
  X(FEE, ROOT, "/fee", "fee", OBJECT, 1, 0, NONE, "Fee", "認定審査手数料",     \
    NULL, CPD_S_NONE, CPD_R_NONE)                                              \
  X(FEE_PAID_ON, FEE, "/fee/paid_on", "paid_on", DATE, 1, 0, NONE,             \
    "Fee paid on", "認定審査手数料振込日", NULL, CPD_S_APP(fee_paid_on),       \
    CPD_R_DATE(fee_paid_on))                                                   \
  X(FEE_PAYER, FEE, "/fee/payer_name", "payer_name", TEXT, 1, 1, INITIALS,     \
    "Fee payer name", "認定審査手数料振込名義", NULL,                          \
    CPD_S_APP(fee_payer_name), CPD_R_PRESENCE(payer))                          \
  X(OATH, ROOT, "/oath_agreed", "oath_agreed", BOOL, 1, 0, NONE,               \
    "Ethics and CPD oath", "倫理綱領・CPD方針の順守への宣誓", NULL,            \
    CPD_S_APP(oath_agreed), CPD_R_OWN(OATH))                                   \
  X(ACTIVITIES, ROOT, "/activities", "activities", ARRAY, 1, 0, NONE,          \
    "Activities (all)", "活動（全体）", NULL, CPD_S_NONE, CPD_R_NONE)          \
  X(ACTIVITY, ACTIVITIES, "/activities/-", "", OBJECT, 0, 0, NONE, "Activity", \
    "活動", NULL, CPD_S_NONE, CPD_R_NONE)                                      \
  X(ACT_ID, ACTIVITY, "/activities/-/id", "id", TEXT, 0, 0, NONE, "ID", "ID",  \
    "id", CPD_S_ACT(id), CPD_R_OWN(ACT_ID))                                    \
  X(ACT_CATEGORY, ACTIVITY, "/activities/-/category", "category", TEXT, 1, 0,  \
    NONE, "category", "カテゴリ", "カテゴリ|カテゴリー|category",              \
    CPD_S_ACT(category), CPD_R_OWN(CATEGORY))                                  \
  X(ACT_TITLE, ACTIVITY, "/activities/-/title", "title", TEXT, 1, 0, NONE,     \
    "title", "名称", "受講講座・研修名|個人学習内容|活動内容|title",           \
    CPD_S_ACT(title), CPD_R_TEXT(title))                                       \
  X(ACT_COMPLETED_ON, ACTIVITY, "/activities/-/completed_on", "completed_on",  \
    DATE, 1, 0, NONE, "completion date", "修了日",                             \
    "研修修了日|学習修了日|活動修了日|completed_on", CPD_S_ACT(completed_on),  \
    CPD_R_DATE(date))                                                          \
  X(ACT_HOURS, ACTIVITY, "/activities/-/hours", "hours", NUMBER, 1, 0, NONE,   \
    "hours", "時間", "学習時間|学習（受講）時間|活動時間|hours",               \
    CPD_S_ACT(hours), CPD_R_HOURS(hours))                                      \
  X(ACT_POINTS, ACTIVITY, "/activities/-/points", "points", NUMBER, 0, 0,      \
    NONE, "points", "CPDポイント", "CPDポイント|points", CPD_S_ACT(points),    \
    CPD_R_POINTS(points))                                                      \
  X(ACT_YEAR, ACTIVITY, "/activities/-/year", "year", NUMBER, 0, 0, NONE,      \
    "year", "年目", "年目|year", CPD_S_ACT(year), CPD_R_OWN(YEAR))             \
  X(ACT_EVIDENCE, ACTIVITY, "/activities/-/evidence", "evidence", TEXT_LIST,   \
    0, 0, NONE, "evidence", "証明書類", "証明書類|evidence",                   \
    CPD_S_LIST(evidence, evidence_count), CPD_R_LIST(EVIDENCE))                \
  X(ACT_COMPETENCIES, ACTIVITY, "/activities/-/competencies", "competencies",  \
    TEXT_LIST, 0, 0, NONE, "competencies", "コンピテンシー",                   \
    "コンピテンシー|competencies", CPD_S_LIST(competencies, competency_count), \
    CPD_R_LIST(COMPETENCIES))

/* Every field by name, in the table's order (cpd_field_at(i) is the field
 * whose id is i). */
#define CPD_FIELD_ID_ROW_(id, ...) CPD_FIELD_ID_##id,
typedef enum cpd_field_id {
  CPD_FIELDS(CPD_FIELD_ID_ROW_) CPD_FIELD_ID_COUNT
} cpd_field_id;
#undef CPD_FIELD_ID_ROW_

CPD_API size_t cpd_field_count(void);
CPD_API const cpd_field_info *cpd_field_at(size_t i);
/* The field of an id; NULL for a value outside the enum. */
CPD_API const cpd_field_info *cpd_field_by_id(cpd_field_id id);
/* The field a JSON Pointer names, or the nearest one containing it
 * ("/activities/3/evidence/0" -> evidence, *activity = 3;
 * "/applicant" -> the applicant object); NULL when none.  activity (may
 * be NULL) receives the activity index or CPD_NO_ACTIVITY. */
CPD_API const cpd_field_info *cpd_field_find(const char *pointer,
                                             size_t *activity);
/* The activity field whose spreadsheet header (csv_headers) header[0..len)
 * is, compared after NFKC and case folding and without spaces, tabs, "_"
 * and "-" ("学習(受講)時間" is "学習（受講）時間", "Completed On" is
 * "completed_on"): CPD_OK and *out, NULL when no field has that header.
 * CPD_EINVAL for invalid UTF-8 or a NULL out, CPD_ENOMEM. */
CPD_API cpd_status cpd_field_find_header(const cpd_field_info **out,
                                         const char *header, size_t len);
/* The characters that separate items written in one text cell of a
 * TEXT_LIST field (a spreadsheet cell, a text box), as UTF-8: evidence
 * ";；" and line breaks (a file name may hold spaces and commas),
 * competencies ";；,，、" and white space (U+3000 too); NULL for other
 * fields. */
CPD_API const char *cpd_field_separators(const cpd_field_info *field);
/* The value(s) of a field in an application, by the table: a scalar gives
 * its value (*count 1), a TEXT_LIST its array and count (NULL and 0 when
 * empty); an activity's field is read from activities[activity] (NULL
 * when out of range); objects and arrays give NULL.  count may be NULL.
 * Points into app. */
CPD_API const cpd_value *cpd_application_get(const cpd_application *app,
                                             const cpd_field_info *field,
                                             size_t activity, size_t *count);
/* Sets a scalar field outside the activities (*value copied; its text is
 * borrowed).  CPD_EINVAL for an activity's field, an object or array, or a
 * field that is not one of the table's. */
CPD_API cpd_status cpd_application_set(cpd_application *app,
                                       const cpd_field_info *field,
                                       const cpd_value *value);
/* Sets an activity's field: a scalar from values[0] (count 1), a TEXT_LIST
 * borrows values[0..count).  CPD_EINVAL for another field or count. */
CPD_API cpd_status cpd_activity_set(cpd_activity *activity,
                                    const cpd_field_info *field,
                                    const cpd_value *values, size_t count);
/* Static names as the documents write them: "text", "date", "number",
 * "bool", "text_list", "object", "array"; "none", "initials",
 * "prefecture", "postal_code", "phone", "email", "withhold". */
CPD_API const char *cpd_field_kind_str(cpd_field_kind kind);
CPD_API const char *cpd_redaction_str(cpd_redaction redaction);
/* The field table as a JSON document (what GET /v1/fields serves):
 * {"fields":[{"pointer":..,"key":..,"kind":"text","required":true,
 * "personal":true,"redaction":"initials","label":..,"label_ja":..,
 * "csv_headers":[..] or null,"separators":".." or null},..]} and a
 * newline.  Free *out with
 * cpd_string_free(). */
CPD_API cpd_status cpd_fields_to_json(char **out);

/* ------------------------------------------------- categories and sections */

/* The categories of activities as the form names them, with the headings
 * of their columns (static text). */
typedef struct cpd_category_info {
  const char *category; /* "A" .. "D" */
  const char *label;    /* "Courses and training certified or run by ..." */
  const char *label_ja; /* "コン検認定・主催講座・研修の受講" */
  const char *short_label, *short_label_ja; /* for narrow tables */
  const char *group; /* "Learning activities", "Professional activities" */
  const char
      *group_ja; /* "学習活動カテゴリ", "プロフェッショナル活動カテゴリ" */
  const char *title_column, *title_column_ja; /* "受講講座・研修名", ... */
  const char *date_column, *date_column_ja; /* "研修修了日", ... */
  const char *hours_column, *hours_column_ja; /* "学習（受講）時間", ... */
} cpd_category_info;
CPD_API size_t cpd_category_count(void);
/* NULL when i is out of range. */
CPD_API const cpd_category_info *cpd_category_at(size_t i);
/* The category of "A" .. "D" (or "a" .. "d"), or of a section name
 * ("B-2"); NULL for anything else (normalise full-width text first). */
CPD_API const cpd_category_info *cpd_category_find(const char *name);

/* One section of a policy as a result lists it (cpd_section_total): a
 * category, or one year of a category that counts per year.  A
 * caller-allocated output, frozen for 1.x like cpd_value. */
#define CPD_SECTION_NAME_SIZE 8
typedef struct cpd_section_info {
  char section[CPD_SECTION_NAME_SIZE]; /* "A", "B-1", ... */
  const cpd_category_info *category;   /* its names (static) */
  int year;              /* 1..period_years; 0 for a whole-period section */
  int per_year;          /* 1: the category has a section per year */
  cpd_points cap;        /* of this section; CPD_NO_CAP when none */
  int form_rows;         /* the rows the paper form prints for it */
  int evidence_required; /* 1: an activity without evidence is rejected */
} cpd_section_info;
/* The sections of the policy version in force on day on (CPD_DAY_NONE: the
 * newest version), in the order of a result's sections (A, B-1, B-2, B-3,
 * C-1, ... by default).  policy may be NULL for the default. */
CPD_API size_t cpd_policy_section_count(const cpd_policy *policy, cpd_day on);
/* CPD_EINVAL for a NULL out or i out of range. */
CPD_API cpd_status cpd_policy_section_at(cpd_section_info *out,
                                         const cpd_policy *policy, cpd_day on,
                                         size_t i);
/* The period's years of that policy version (3 by default). */
CPD_API int cpd_policy_period_years(const cpd_policy *policy, cpd_day on);
/* The fee of that policy version in yen (its key fee.amount, 1 to
 * 9,999,999,999), as `cpd reconcile` checks payments against it; 0 when
 * the version sets none (the default policy sets none).  Not a rule of
 * the engine: no result depends on it. */
CPD_API long long cpd_policy_fee_amount(const cpd_policy *policy, cpd_day on);
/* The CMBOK competency codes that policy version knows (別紙２ by default:
 * "AU-1" ... "ST-5"), in strcmp order: cpd_policy_competency_at(policy, on,
 * i) for i below cpd_policy_competency_count(policy, on); NULL for i out of
 * range.  The text stays valid as long as the policy. */
CPD_API size_t cpd_policy_competency_count(const cpd_policy *policy,
                                           cpd_day on);
CPD_API const char *cpd_policy_competency_at(const cpd_policy *policy,
                                             cpd_day on, size_t i);
/* A category or section as people write it in a cell: NFKC and trimmed,
 * a letter (either case), then optionally a dash ('-' or one that
 * cpd_day_parse accepts: ‐ ‑ ‒ – — ― − ー, full-width too) and a year of
 * 1 or 2 digits: "B-1", "ｂ－１", "B−1" -> B and 1; "C" -> C and 0.
 * CPD_EINVAL for anything else (invalid UTF-8 too); cpd_policy_section_find
 * says whether a policy has the section. */
CPD_API cpd_status cpd_section_parse(const cpd_category_info **category,
                                     int *year, const char *text, size_t len);
/* By name ("B-2"); CPD_EINVAL when the policy has no such section. */
CPD_API cpd_status cpd_policy_section_find(cpd_section_info *out,
                                           const cpd_policy *policy, cpd_day on,
                                           const char *section);
/* The same sections as a JSON document: {"sections":[{"section":"A",
 * "category":"A","year":0,"per_year":false,"cap":null,"form_rows":6,
 * "evidence_required":true},..]} and a newline.  Free *out with
 * cpd_string_free(). */
CPD_API cpd_status cpd_policy_sections_to_json(char **out,
                                               const cpd_policy *policy,
                                               cpd_day on);

/* ---------------------------------------------------------------- helpers */

/* Points as the documents write them ("6", "1.5", "0.25", "-3"): at least
 * CPD_POINTS_TEXT_SIZE bytes; returns the length. */
#define CPD_POINTS_TEXT_SIZE 24
CPD_API size_t cpd_points_format(char *buf, cpd_points points);
/* Whether s[0..len) is UTF-8 as the library reads it (no overlongs, no
 * surrogates, nothing above U+10FFFF, no NUL byte): CPD_OK, or CPD_EINVAL
 * with *valid_len the offset of the first bad byte.  *valid_len (the
 * length of the valid prefix) and *chars (the characters in it) may be
 * NULL. */
CPD_API cpd_status cpd_utf8_check(size_t *valid_len, size_t *chars,
                                  const char *s, size_t len);
/* text[0..len) as a JSON string literal, quotes included, escaped as every
 * document of the library is (controls, and C1 and bidirectional controls
 * as \uXXXX).  *out_len (may be NULL) receives its length.  CPD_EINVAL for
 * invalid UTF-8.  The caller frees *out with cpd_string_free(). */
CPD_API cpd_status cpd_json_quote(char **out, size_t *out_len, const char *text,
                                  size_t len);
/* Text as the engine sees it (docs/RULES.md R11): NFKC, trimmed, every run of
 * white space (U+3000 included) one ASCII space.  CPD_EINVAL for invalid
 * UTF-8.  The caller frees *out with cpd_string_free(). */
CPD_API cpd_status cpd_text_normalize(char **out, size_t *out_len,
                                      const char *text, size_t len);

/* ------------------------------------------------------------ payer names */

/* The fee payer as a Japanese bank's record names him (振込依頼人名), and
 * the name an applicant wrote, compared (kana.c).  A bank writes names in
 * half-width katakana (ﾔﾏﾀﾞ ﾀﾛｳ), small kana large (ｷﾂｶﾜ for キッカワ),
 * ー as "-", and a legal entity abbreviated where it stands in the name:
 * ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ (株式会社ヤマダ商事), ﾔﾏﾀﾞｼﾖｳｼﾞ(ｶ (ヤマダ商事株式会社),
 * ﾔﾏﾀﾞ(ｶ)ﾁﾊﾞｼﾃﾝ.  Both sides are folded to one key: NFKC; hiragana to
 * katakana; small kana to large (ァ->ア, ッ->ツ, ャ->ヤ, ヮ->ワ, ヵ->カ,
 * ヶ->ケ, ㇰ->ク ...) and ヰ ヱ to イ エ; ー and the dashes and hyphens
 * (- ‐ ‑ ‒ – — ― − －) to "-"; white space, ・, ".", "、" and "。" left
 * out; letters upper case ("ｙａｍａｄａ" is "YAMADA"); a voiced mark
 * written apart (ﾋﾞ, ヒ゛) joined to its kana.  A legal entity is taken out
 * of the key and kept as its kind: written out (株式会社,
 * カブシキガイシャ), abbreviated as banks do (カ) at the start, (カ at the
 * end, (カ) anywhere) or in kanji ((株), ㈱). */
typedef struct cpd_legal_entity {
  const char *abbreviation;       /* as banks write it: "カ" (its kind) */
  const char *name;               /* "株式会社" */
  const char *reading;            /* folded: "カブシキガイシヤ" */
  const char *kanji_abbreviation; /* "株" as in (株); "" when none */
} cpd_legal_entity;
/* The table of legal entities, from the banks' published list of
 * abbreviations (法人略語); several share an abbreviation (社団法人,
 * 一般社団法人, 公益社団法人: シヤ).  Static; NULL out of range. */
CPD_API size_t cpd_legal_entity_count(void);
CPD_API const cpd_legal_entity *cpd_legal_entity_at(size_t i);

typedef struct cpd_name cpd_name; /* a folded name; owned by the caller */
/* Folds text[0..len).  CPD_EINVAL with err for invalid UTF-8 (or a NUL
 * byte) or NULL arguments; CPD_ENOMEM.  Free *out with cpd_name_free(). */
CPD_API cpd_status cpd_name_new(cpd_name **out, const char *text, size_t len,
                                cpd_error *err);
CPD_API void cpd_name_free(cpd_name *name);
/* The key: the folded name without its legal entity ("ヤマダシヨウジ"),
 * NUL-terminated, *len (may be NULL) its length; lives as long as name. */
CPD_API const char *cpd_name_key(const cpd_name *name, size_t *len);
/* The legal entity the name holds (the first, by place), or NULL. */
CPD_API const cpd_legal_entity *cpd_name_entity(const cpd_name *name);
/* How the name (its key) is written. */
typedef enum cpd_name_script {
  CPD_NAME_EMPTY = 0, /* nothing is left once the legal entity is out */
  CPD_NAME_KANA = 1,  /* kana as a bank writes names: katakana (hiragana
                         was folded to it) with printable ASCII and ¥ */
  CPD_NAME_LATIN = 2, /* printable ASCII only, with a letter or digit:
                         banks write some names so (foreign residents') */
  CPD_NAME_OTHER = 3  /* kanji or another script a bank does not write */
} cpd_name_script;
/* CPD_NAME_EMPTY for NULL. */
CPD_API cpd_name_script cpd_name_script_of(const cpd_name *name);
/* 1 when name and other name the same payer: the same key, and the same
 * legal entity or at most one of them names one.  other_cut: other may
 * have been cut at its end (a bank's fixed-width field filled to its last
 * byte); then other's key without its last character, when at least 8
 * characters are left, may also be the start of name's.  0 for an empty
 * key and for NULL. */
CPD_API int cpd_name_matches(const cpd_name *name, const cpd_name *other,
                             int other_cut);
/* The key of text[0..len) as a new string (cpd_name_new + cpd_name_key).
 * CPD_EINVAL for invalid UTF-8 or NULL out.  Free *out with
 * cpd_string_free(). */
CPD_API cpd_status cpd_name_fold(char **out, size_t *out_len, const char *text,
                                 size_t len);
/* cpd_name_matches of two texts: *matches 1 or 0.  CPD_EINVAL for invalid
 * UTF-8 or NULL matches, CPD_ENOMEM. */
CPD_API cpd_status cpd_name_match(int *matches, const char *text, size_t len,
                                  const char *other, size_t other_len,
                                  int other_cut);

/* What the bank's record says of an application's fee, as `cpd reconcile`
 * decides it and `cpd notices` tells it (the form: 申請書類の提出・認定審査
 * 手数料の入金をもって、申請を受理します).  Append only; never renumbered. */
typedef enum cpd_fee_status {
  CPD_FEE_PAID = 0,           /* one payment, the fee's amount, in the window */
  CPD_FEE_UNPAID = 1,         /* no payment names the applicant */
  CPD_FEE_AMBIGUOUS = 2,      /* several payments name the applicant, or its
                                 one payment names several applicants */
  CPD_FEE_AMOUNT_DIFFERS = 3, /* one payment, of another amount than the fee */
  CPD_FEE_OUTSIDE_WINDOW = 4, /* one payment of the fee, dated outside the
                                 application window */
  CPD_FEE_UNCLAIMED = 5       /* a payment that names no applicant */
} cpd_fee_status;
/* Static names as the reconcile documents write them: "paid",
 * "amount_differs", ...; "unknown" for a value outside the enum. */
CPD_API const char *cpd_fee_status_str(cpd_fee_status s);
/* The status whose name (cpd_fee_status_str) is name: CPD_OK and *out, or
 * CPD_EINVAL (another name, or NULL arguments). */
CPD_API cpd_status cpd_fee_status_parse(cpd_fee_status *out, const char *name);
/* Its words in English and Japanese ("amount differs", "金額相違", and a
 * note saying what it means), static; NULL outside the enum. */
CPD_API const cpd_label *cpd_fee_status_label(cpd_fee_status s);

/* An amount of yen with a comma every three digits ("10,000", "-1,500")
 * into buf of at least CPD_YEN_TEXT_SIZE bytes; returns the length (0 and
 * nothing written for a NULL buf). */
#define CPD_YEN_TEXT_SIZE 32
CPD_API size_t cpd_yen_format(char *buf, long long yen);

#ifdef __cplusplus
}
#endif
#endif /* CPD_H */
