/* internal.h - what the library's files share and nobody else may use.
 * Every name here is cpd__* and hidden (not exported from the shared
 * library). */
#ifndef CPD_INTERNAL_H
#define CPD_INTERNAL_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cpd.h"

#if defined(__MINGW32__)
/* A DLL exports only what is marked CPD_API: nothing to hide.  C99
 * formats, with the MinGW stdio the Windows build uses
 * (__USE_MINGW_ANSI_STDIO), not the C runtime's own printf's. */
#define CPD__INLINE __attribute__((always_inline)) inline
#define CPD__HIDDEN
#define CPD__PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#elif defined(__GNUC__)
#define CPD__INLINE __attribute__((always_inline)) inline
#define CPD__HIDDEN __attribute__((visibility("hidden")))
#define CPD__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CPD__INLINE inline
#define CPD__HIDDEN
#define CPD__PRINTF(f, a)
#endif

/* ---------------------------------------------------------------- alloc.c */
/* The one allocator family: every allocation of the library goes here so a
 * test can make the N-th one fail (see alloc.c). */
CPD__HIDDEN void *cpd__malloc(size_t n);
CPD__HIDDEN void *cpd__calloc(size_t count, size_t size);
CPD__HIDDEN void *cpd__realloc(void *p, size_t n);
CPD__HIDDEN void cpd__free(void *p);
CPD__HIDDEN char *cpd__strndup(const char *s, size_t n);
/* realloc of an array of count*size bytes, NULL on overflow or failure. */
CPD__HIDDEN void *cpd__reallocarray(void *p, size_t count, size_t size);

/* Growable byte buffer.  An allocation failure is sticky: b->oom is set,
 * later appends do nothing, and the owner checks it once at the end. */
typedef struct cpd__buf {
  char *p;
  size_t len, cap;
  int oom;
  int fixed; /* p is the caller's array of cap bytes: never grown or freed;
                what does not fit is dropped (oom is set) */
} cpd__buf;
#define CPD__BUF_INIT                                                          \
  { NULL, 0, 0, 0, 0 }
CPD__HIDDEN int cpd__buf_reserve(cpd__buf *b, size_t extra);
CPD__HIDDEN void cpd__buf_add(cpd__buf *b, const char *s, size_t n);
CPD__HIDDEN void cpd__buf_adds(cpd__buf *b, const char *s);
CPD__HIDDEN void cpd__buf_addc(cpd__buf *b, char c);
CPD__HIDDEN void cpd__buf_printf(cpd__buf *b, const char *fmt, ...)
    CPD__PRINTF(2, 3);
/* The hot appends of the writers, inline: a copy when it fits, else the
 * growing path.  (A buffer that failed keeps failing: oom is sticky.) */
static inline void cpd__put(cpd__buf *b, const char *s, size_t n) {
  if (b->cap - b->len > n) {
    memcpy(b->p + b->len, s, n);
    b->len += n;
  } else {
    cpd__buf_add(b, s, n);
  }
}
static inline void cpd__putc(cpd__buf *b, char c) {
  if (b->cap - b->len > 1)
    b->p[b->len++] = c;
  else
    cpd__buf_addc(b, c);
}
/* A string literal: its length is a constant. */
#define CPD__LIT(b, s) cpd__put((b), (s), sizeof(s) - 1)
/* NUL-terminates and returns the text (NULL after an allocation failure). */
CPD__HIDDEN const char *cpd__buf_cstr(cpd__buf *b);
CPD__HIDDEN void cpd__buf_free(cpd__buf *b);

/* Bump arena of chunks: pointers stay valid until cpd__arena_free. */
typedef struct cpd__arena_chunk cpd__arena_chunk;
typedef struct cpd__arena {
  cpd__arena_chunk *head;
  size_t used, size; /* of head */
} cpd__arena;
#define CPD__ARENA_INIT                                                        \
  { NULL, 0, 0 }
CPD__HIDDEN void *cpd__arena_alloc(cpd__arena *a, size_t n);
CPD__HIDDEN char *cpd__arena_strndup(cpd__arena *a, const char *s, size_t n);
CPD__HIDDEN void cpd__arena_free(cpd__arena *a);
/* Room for n more bytes in one chunk (0: out of memory). */
CPD__HIDDEN int cpd__arena_reserve(cpd__arena *a, size_t n);
/* Forget every allocation but keep the memory (one chunk as large as all
 * of them), for objects reused call after call. */
CPD__HIDDEN void cpd__arena_reset(cpd__arena *a);

/* --------------------------------------------------------------- format.c */
/* Copy at most cap-1 bytes of s into dst, cutting at a UTF-8 boundary. */
CPD__HIDDEN void cpd__copy_utf8(char *dst, size_t cap, const char *s);
/* A newline and depth levels of the pretty-printed documents' 2-space
 * indent. */
CPD__HIDDEN void cpd__buf_add_newline(cpd__buf *b, int depth);
/* Append s to b escaped as a JSON Pointer reference token (~0 ~1). */
CPD__HIDDEN void cpd__buf_add_pointer_token(cpd__buf *b, const char *s,
                                            size_t n);
/* Append s to b as a JSON string literal (quotes included). */
CPD__HIDDEN void cpd__buf_add_json_string(cpd__buf *b, const char *s);
/* Append s[0..n) escaped as the inside of a JSON string. */
CPD__HIDDEN void cpd__buf_add_json_chars(cpd__buf *b, const char *s, size_t n);
/* Append hundredths as a JSON number with at most 2 decimals. */
CPD__HIDDEN void cpd__buf_add_points(cpd__buf *b, cpd_points p);
/* Decimal digits of v and a NUL into buf (at least 21 bytes); the length. */
CPD__HIDDEN size_t cpd__utoa(char *buf, unsigned long long v);
CPD__HIDDEN void cpd__buf_add_uint(cpd__buf *b, unsigned long long v);
CPD__HIDDEN void cpd__buf_add_int(cpd__buf *b, long long v);
/* A double as JSON writes it: the shortest of %.15g..%.17g that reads back
 * as x, with a '.' whatever the locale; returns the length. */
#define CPD__NUMBER_TEXT_SIZE 40
CPD__HIDDEN size_t cpd__number_format(char buf[CPD__NUMBER_TEXT_SIZE],
                                      double x);
/* Format hundredths as text ("31.5") into buf of at least 32 bytes. */
CPD__HIDDEN void cpd__points_format(char *buf, size_t cap, cpd_points p);

/* -------------------------------------------------------------- catalog.c */
/* Every code the library reports, declared once:
 *   X(ID, code, kind, severity, rule, status, unreadable)
 * kind is the cpd_code_kind (DIAGNOSTIC, INPUT_ERROR, CALL_ERROR); severity
 * that of a diagnostic (ERROR for the others); status what a call returns
 * with it; unreadable 1 when it says a value as written is not a value of
 * its kind (cpd_code_unreadable).  The enum below, the catalogue's table
 * (catalog.c, where each code's summary is) and every look-up come from
 * this list. */
#define CPD__CODES(X)                                                          \
  X(QUALIFICATION_INVALID, "qualification.invalid", DIAGNOSTIC, ERROR, "R1",   \
    OK, 0)                                                                     \
  X(EXPIRY_NOT_FY_END, "certification.expiry_not_fiscal_year_end", DIAGNOSTIC, \
    WARNING, "R2", OK, 0)                                                      \
  X(WINDOW_NOT_YET_OPEN, "window.not_yet_open", DIAGNOSTIC, ERROR, "R3", OK,   \
    0)                                                                         \
  X(WINDOW_CLOSED, "window.closed", DIAGNOSTIC, FATAL, "R3", OK, 0)            \
  X(DATE_AFTER_APPLICATION, "activity.date_after_application", DIAGNOSTIC,     \
    ERROR, "R4", OK, 0)                                                        \
  X(OUTSIDE_PERIOD, "activity.outside_period", DIAGNOSTIC, WARNING, "R4", OK,  \
    0)                                                                         \
  X(YEAR_MISMATCH, "activity.year_mismatch", DIAGNOSTIC, WARNING, "R4", OK, 0) \
  X(INVALID_NUMBER, "activity.invalid_number", DIAGNOSTIC, ERROR, "R5", OK, 1) \
  X(POINTS_REDUCED, "activity.points_reduced", DIAGNOSTIC, WARNING, "R5", OK,  \
    0)                                                                         \
  X(INVALID_CATEGORY, "activity.invalid_category", DIAGNOSTIC, ERROR, "R6",    \
    OK, 1)                                                                     \
  X(SECTION_CAPPED, "section.capped", DIAGNOSTIC, INFO, "R6", OK, 0)           \
  X(DUPLICATE, "activity.duplicate", DIAGNOSTIC, WARNING, "R7", OK, 0)         \
  X(SHORTFALL, "points.shortfall", DIAGNOSTIC, FATAL, "R8", OK, 0)             \
  X(FEE_MISSING, "fee.missing", DIAGNOSTIC, ERROR, "R9", OK, 0)                \
  X(FEE_LATE, "fee.late", DIAGNOSTIC, FATAL, "R9", OK, 0)                      \
  X(FEE_BEFORE_WINDOW, "fee.paid_before_window", DIAGNOSTIC, WARNING, "R9",    \
    OK, 0)                                                                     \
  X(OATH_NOT_AGREED, "oath.not_agreed", DIAGNOSTIC, ERROR, "R10", OK, 0)       \
  X(APPLICANT_MISSING, "applicant.missing_field", DIAGNOSTIC, ERROR, "R11",    \
    OK, 0)                                                                     \
  X(KANA_INVALID, "applicant.kana_invalid", DIAGNOSTIC, ERROR, "R11", OK, 0)   \
  X(POSTAL_INVALID, "applicant.postal_code_invalid", DIAGNOSTIC, ERROR, "R11", \
    OK, 0)                                                                     \
  X(PHONE_INVALID, "applicant.phone_invalid", DIAGNOSTIC, ERROR, "R11", OK, 0) \
  X(EMAIL_INVALID, "applicant.email_invalid", DIAGNOSTIC, ERROR, "R11", OK, 0) \
  X(EVIDENCE_MISSING, "activity.evidence_missing", DIAGNOSTIC, ERROR, "R12",   \
    OK, 0)                                                                     \
  X(INVALID_DATE, "activity.invalid_date", DIAGNOSTIC, ERROR, "R13", OK, 1)    \
  X(FEE_INVALID_DATE, "fee.invalid_date", DIAGNOSTIC, ERROR, "R13", OK, 1)     \
  X(UNKNOWN_FIELD, "application.unknown_field", DIAGNOSTIC, WARNING, "R14",    \
    OK, 0)                                                                     \
  X(CONTINUATION_SHEET, "form.continuation_sheet", DIAGNOSTIC, INFO, "R16",    \
    OK, 0)                                                                     \
  X(UNKNOWN_COMPETENCY, "activity.unknown_competency", DIAGNOSTIC, WARNING,    \
    "R16", OK, 0)                                                              \
  X(IN_SYNTAX, "input.syntax", INPUT_ERROR, ERROR, "R14", EINPUT, 0)           \
  X(IN_NOT_OBJECT, "input.not_object", INPUT_ERROR, ERROR, "R14", EINPUT, 0)   \
  X(IN_TOO_DEEP, "input.too_deep", INPUT_ERROR, ERROR, "R14", EINPUT, 0)       \
  X(IN_TOO_LARGE, "input.too_large", INPUT_ERROR, ERROR, "R14", EINPUT, 0)     \
  X(IN_INVALID_UTF8, "input.invalid_utf8", INPUT_ERROR, ERROR, "R14", EINPUT,  \
    0)                                                                         \
  X(IN_DUPLICATE_KEY, "input.duplicate_key", INPUT_ERROR, ERROR, "R14",        \
    EINPUT, 0)                                                                 \
  X(IN_NON_FINITE, "input.non_finite_number", INPUT_ERROR, ERROR, "R14",       \
    EINPUT, 0)                                                                 \
  X(IN_MISSING_FIELD, "input.missing_field", INPUT_ERROR, ERROR, "R14",        \
    EINPUT, 0)                                                                 \
  X(IN_INVALID_DATE, "input.invalid_date", INPUT_ERROR, ERROR, "R14", EINPUT,  \
    0)                                                                         \
  X(POLICY_INVALID, "policy.invalid", CALL_ERROR, ERROR, "", EPOLICY, 0)       \
  X(AUDIT_DUPLICATE, "audit.duplicate_number", CALL_ERROR, ERROR, "R16",       \
    EINPUT, 0)                                                                 \
  X(AUDIT_MISSING, "audit.missing_number", CALL_ERROR, ERROR, "R16", EINPUT,   \
    0)                                                                         \
  X(OUT_OF_MEMORY, "out_of_memory", CALL_ERROR, ERROR, "", ENOMEM, 0)          \
  X(INVALID_ARGUMENT, "invalid_argument", CALL_ERROR, ERROR, "", EINVAL, 0)

typedef enum cpd__code_id {
#define CPD__CODE_ENUM(id, ...) CPD__##id,
  CPD__CODES(CPD__CODE_ENUM)
#undef CPD__CODE_ENUM
      CPD__CODE_COUNT /* also: "no code" for the texts that are not messages of
                         one */
} cpd__code_id;
CPD__HIDDEN const cpd_code_info *cpd__code(cpd__code_id id);

/* Every message the library can give, declared once: X(ID, CODE), the
 * code it reports (CODE_COUNT: a text of no code, e.g. the plan's advice).
 * Its English and Japanese templates are catalog.c's (TEXT).  The rules
 * emit a message id with typed arguments (cpd__diag); the text is rendered
 * only when it is written or read (cpd__render_message); errors are raised
 * by id with cpd__fail. */
#define CPD__MESSAGES(X)                                                       \
  X(QUAL_MISSING, QUALIFICATION_INVALID)                                       \
  X(QUAL_UNKNOWN, QUALIFICATION_INVALID)                                       \
  X(EXPIRY_NOT_FY_END, EXPIRY_NOT_FY_END)                                      \
  X(WINDOW_NOT_YET_OPEN, WINDOW_NOT_YET_OPEN)                                  \
  X(WINDOW_CLOSED, WINDOW_CLOSED)                                              \
  X(DATE_AFTER_APPLICATION, DATE_AFTER_APPLICATION)                            \
  X(OUTSIDE_PERIOD, OUTSIDE_PERIOD)                                            \
  X(YEAR_NOT_WHOLE, YEAR_MISMATCH)                                             \
  X(YEAR_MISMATCH, YEAR_MISMATCH)                                              \
  X(HOURS_MISSING, INVALID_NUMBER)                                             \
  X(HOURS_NOT_NUMBER, INVALID_NUMBER)                                          \
  X(HOURS_DECIMALS, INVALID_NUMBER)                                            \
  X(HOURS_RANGE, INVALID_NUMBER)                                               \
  X(POINTS_NOT_NUMBER, INVALID_NUMBER)                                         \
  X(POINTS_DECIMALS, INVALID_NUMBER)                                           \
  X(POINTS_RANGE, INVALID_NUMBER)                                              \
  X(POINTS_REDUCED, POINTS_REDUCED)                                            \
  X(CATEGORY_MISSING, INVALID_CATEGORY)                                        \
  X(CATEGORY_UNKNOWN, INVALID_CATEGORY)                                        \
  X(SECTION_CAPPED, SECTION_CAPPED)                                            \
  X(DUPLICATE, DUPLICATE)                                                      \
  X(SHORTFALL, SHORTFALL)                                                      \
  X(FEE_DATE_MISSING, FEE_MISSING)                                             \
  X(FEE_PAYER_NOT_TEXT, FEE_MISSING)                                           \
  X(FEE_PAYER_MISSING, FEE_MISSING)                                            \
  X(FEE_LATE, FEE_LATE)                                                        \
  X(FEE_BEFORE_WINDOW, FEE_BEFORE_WINDOW)                                      \
  X(OATH, OATH_NOT_AGREED)                                                     \
  X(FIELD_NOT_TEXT, APPLICANT_MISSING)                                         \
  X(FIELD_MISSING, APPLICANT_MISSING)                                          \
  X(PHONE_OR_MOBILE, APPLICANT_MISSING)                                        \
  X(KANA_INVALID, KANA_INVALID)                                                \
  X(POSTAL_INVALID, POSTAL_INVALID)                                            \
  X(PHONE_INVALID, PHONE_INVALID)                                              \
  X(PHONE_NOT_TEXT, PHONE_INVALID)                                             \
  X(EMAIL_INVALID, EMAIL_INVALID)                                              \
  X(EVIDENCE_MISSING, EVIDENCE_MISSING)                                        \
  X(DATE_MISSING, INVALID_DATE)                                                \
  X(DATE_INVALID, INVALID_DATE)                                                \
  X(DATE_WEEKDAY, INVALID_DATE)                                                \
  X(FEE_DATE_INVALID, FEE_INVALID_DATE)                                        \
  X(FEE_DATE_WEEKDAY, FEE_INVALID_DATE)                                        \
  X(UNKNOWN_FIELD, UNKNOWN_FIELD)                                              \
  X(UNKNOWN_SUGGEST, UNKNOWN_FIELD)                                            \
  X(MISSPELT_REQUIRED, UNKNOWN_FIELD)                                          \
  X(NOT_AN_OBJECT, UNKNOWN_FIELD)                                              \
  X(NOT_AN_ARRAY, UNKNOWN_FIELD)                                               \
  X(CONTINUATION_SHEET, CONTINUATION_SHEET)                                    \
  X(UNKNOWN_COMPETENCY, UNKNOWN_COMPETENCY)                                    \
  X(IN_ENDS_EARLY, IN_SYNTAX)                                                  \
  X(IN_BAD_BYTES, IN_INVALID_UTF8)                                             \
  X(IN_UNEXPECTED, IN_SYNTAX)                                                  \
  X(IN_STRING_TOO_LONG, IN_TOO_LARGE)                                          \
  X(IN_CONTROL_CHAR, IN_SYNTAX)                                                \
  X(IN_U_ESCAPE, IN_SYNTAX)                                                    \
  X(IN_U0000, IN_INVALID_UTF8)                                                 \
  X(IN_LONE_SURROGATE, IN_INVALID_UTF8)                                        \
  X(IN_UNKNOWN_ESCAPE, IN_SYNTAX)                                              \
  X(IN_STRING_BAD_BYTES, IN_INVALID_UTF8)                                      \
  X(IN_STRING_OPEN, IN_SYNTAX)                                                 \
  X(IN_NUMBER, IN_SYNTAX)                                                      \
  X(IN_LEADING_ZERO, IN_SYNTAX)                                                \
  X(IN_FRACTION_DIGITS, IN_SYNTAX)                                             \
  X(IN_EXPONENT_DIGITS, IN_SYNTAX)                                             \
  X(IN_NUMBER_TOO_LONG, IN_TOO_LARGE)                                          \
  X(IN_MEMBER_NAME, IN_SYNTAX)                                                 \
  X(IN_COLON, IN_SYNTAX)                                                       \
  X(IN_NESTS_TOO_DEEP, IN_TOO_DEEP)                                            \
  X(IN_OBJECT_NEXT, IN_SYNTAX)                                                 \
  X(IN_ARRAY_NEXT, IN_SYNTAX)                                                  \
  X(IN_TRAILING, IN_SYNTAX)                                                    \
  X(IN_NUMBER_INFINITE, IN_NON_FINITE)                                         \
  X(IN_KEY_TWICE, IN_DUPLICATE_KEY)                                            \
  X(IN_DOCUMENT_TOO_LARGE, IN_TOO_LARGE)                                       \
  X(IN_NOT_AN_OBJECT, IN_NOT_OBJECT)                                           \
  X(IN_TOO_MANY_ACTIVITIES, IN_TOO_LARGE)                                      \
  X(IN_TEXT_NOT_UTF8, IN_INVALID_UTF8)                                         \
  X(IN_NUMBER_NOT_FINITE, IN_NON_FINITE)                                       \
  X(ARG_NOT_A_VALUE, INVALID_ARGUMENT)                                         \
  X(IN_APPLIED_ON_MISSING, IN_MISSING_FIELD)                                   \
  X(IN_APPLIED_ON_MISSPELT, IN_MISSING_FIELD)                                  \
  X(IN_APPLIED_ON_WEEKDAY, IN_INVALID_DATE)                                    \
  X(IN_APPLIED_ON_INVALID, IN_INVALID_DATE)                                    \
  X(IN_EXPIRES_ON_MISSING, IN_MISSING_FIELD)                                   \
  X(IN_EXPIRES_ON_MISSPELT, IN_MISSING_FIELD)                                  \
  X(IN_EXPIRES_ON_WEEKDAY, IN_INVALID_DATE)                                    \
  X(IN_EXPIRES_ON_INVALID, IN_INVALID_DATE)                                    \
  X(IN_EXPIRES_ON_RANGE, IN_INVALID_DATE)                                      \
  X(POL_SECTIONS_ARRAY, POLICY_INVALID)                                        \
  X(POL_SECTION_OBJECT, POLICY_INVALID)                                        \
  X(POL_SECTION_CATEGORY, POLICY_INVALID)                                      \
  X(POL_CATEGORY_TWICE, POLICY_INVALID)                                        \
  X(POL_SECTION_KEY, POLICY_INVALID)                                           \
  X(POL_SECTION_VALUE, POLICY_INVALID)                                         \
  X(POL_STRING_ARRAY, POLICY_INVALID)                                          \
  X(POL_LIST_TOO_LONG, POLICY_INVALID)                                         \
  X(POL_ENTRY_TWICE, POLICY_INVALID)                                           \
  X(POL_ENTRY_EMPTY, POLICY_INVALID)                                           \
  X(POL_NAME, POLICY_INVALID)                                                  \
  X(POL_EFFECTIVE_FROM, POLICY_INVALID)                                        \
  X(POL_FISCAL_YEAR, POLICY_INVALID)                                           \
  X(POL_PERIOD_YEARS, POLICY_INVALID)                                          \
  X(POL_REQUIRED_POINTS, POLICY_INVALID)                                       \
  X(POL_POINTS_PER_HOUR, POLICY_INVALID)                                       \
  X(POL_WINDOW_OBJECT, POLICY_INVALID)                                         \
  X(POL_MONTHS, POLICY_INVALID)                                                \
  X(POL_WINDOW_KEY, POLICY_INVALID)                                            \
  X(POL_QUALIFICATIONS, POLICY_INVALID)                                        \
  X(POL_KEY, POLICY_INVALID)                                                   \
  X(POL_FEE_OBJECT, POLICY_INVALID)                                            \
  X(POL_FEE_KEY, POLICY_INVALID)                                               \
  X(POL_FEE_AMOUNT, POLICY_INVALID)                                            \
  X(POL_WINDOW_ORDER, POLICY_INVALID)                                          \
  X(POL_VERSIONS_ONLY, POLICY_INVALID)                                         \
  X(POL_NO_VERSION, POLICY_INVALID)                                            \
  X(POL_TOO_MANY_VERSIONS, POLICY_INVALID)                                     \
  X(POL_VERSION_OBJECT, POLICY_INVALID)                                        \
  X(POL_VERSION_DATE, POLICY_INVALID)                                          \
  X(POL_VERSION_ORDER, POLICY_INVALID)                                         \
  X(AUD_RATE, INVALID_ARGUMENT)                                                \
  X(AUD_NUMBER_NOT_UTF8, IN_INVALID_UTF8)                                      \
  X(AUD_NUMBER_EMPTY, AUDIT_MISSING)                                           \
  X(AUD_NUMBER_TWICE, AUDIT_DUPLICATE)                                         \
  X(AUD_QUALIFICATION_NOT_UTF8, IN_INVALID_UTF8)                               \
  X(AUD_NO_NUMBER, AUDIT_MISSING)                                              \
  X(AUD_NUMBER_NOT_TEXT, AUDIT_MISSING)                                        \
  X(ARG_NOT_CODE_OR_RULE, INVALID_ARGUMENT)                                    \
  X(ARG_NAME_NOT_UTF8, INVALID_ARGUMENT)                                       \
  X(ARG_INVALID, INVALID_ARGUMENT)                                             \
  X(OUT_OF_MEMORY, OUT_OF_MEMORY)                                              \
  X(PLAN_MET, CODE_COUNT)                                                      \
  X(PLAN_UNREACHABLE, CODE_COUNT)                                              \
  X(PLAN_NEEDED, CODE_COUNT)                                                   \
  X(PLAN_ROOM_FIRST, CODE_COUNT)                                               \
  X(PLAN_ROOM_NEXT, CODE_COUNT)                                                \
  X(PLAN_ANY_FIRST, CODE_COUNT)                                                \
  X(PLAN_ANY_NEXT, CODE_COUNT)                                                 \
  X(PLAN_END, CODE_COUNT)                                                      \
  X(VERSION_NAME, CODE_COUNT)

typedef enum cpd__msg_id {
#define CPD__MSG_ENUM(id, code) CPD__M_##id,
  CPD__MESSAGES(CPD__MSG_ENUM)
#undef CPD__MSG_ENUM
      CPD__MSG_COUNT
} cpd__msg_id;

/* One diagnostic as the engine emits it: no text, only what the message
 * needs.  The path is the field's pointer with the activity index (and
 * sub, an evidence or competency index) filled in, or path itself. */
#define CPD__NONE UINT32_MAX
typedef struct cpd__diag {
  uint16_t msg;      /* cpd__msg_id */
  uint8_t field;     /* cpd_field_id of the path */
  uint32_t activity; /* CPD__NONE when not about one activity */
  uint32_t sub;      /* CPD__NONE, or the index under the field */
  int64_t a[3];      /* points, days or numbers, as the template reads */
  const char *s;     /* a text argument (section, list), or NULL */
  const char *path;  /* an explicit path (unknown fields), or NULL */
} cpd__diag;

CPD__HIDDEN cpd__code_id cpd__msg_code(cpd__msg_id m);
CPD__HIDDEN const char *cpd__msg_template(cpd__msg_id m, int ja);
/* Appends the message of d in English or Japanese to b. */
CPD__HIDDEN void cpd__render_message(cpd__buf *b, const cpd__diag *d, int ja);
/* Appends the JSON Pointer of d to b. */
CPD__HIDDEN void cpd__render_path(cpd__buf *b, const cpd__diag *d);
/* Like the two above, escaped as the inside of a JSON string (without the
 * quotes): the writers render straight into the document. */
CPD__HIDDEN void cpd__render_message_json(cpd__buf *b, const cpd__diag *d,
                                          int ja);
CPD__HIDDEN void cpd__render_path_json(cpd__buf *b, const cpd__diag *d);
/* The message m rendered into buf (cap bytes, cut at a UTF-8 boundary),
 * without allocating. */
CPD__HIDDEN void cpd__render_fixed(char *buf, size_t cap, const cpd__diag *d,
                                   int ja);
/* The text m (a message or another text of the catalogue) in English or
 * Japanese with the arguments s, a0, a1, into buf (as cpd__render_fixed). */
CPD__HIDDEN void cpd__text(char *buf, size_t cap, cpd__msg_id m, int ja,
                           const char *s, int64_t a0, int64_t a1);
/* Fills err (may be NULL) with message m: its code, path, offset and its
 * templates rendered with the text s (%S) and the numbers a0, a1 (%N0,
 * %K...), and returns the status that goes with the code (CPD_EINPUT for
 * input.*, CPD_EPOLICY, CPD_ENOMEM, CPD_EINVAL...).  Raise sites name the
 * message, never the code or its words: return cpd__fail(err,
 * CPD__M_IN_COLON, path, offset). */
CPD__HIDDEN cpd_status cpd__fail_args(cpd_error *err, cpd__msg_id m,
                                      const char *path, long long offset,
                                      const char *s, int64_t a0, int64_t a1);
#define cpd__fail(err, m, path, offset)                                        \
  cpd__fail_args((err), (m), (path), (offset), NULL, 0, 0)

/* --------------------------------------------------------------- fields.c */
CPD__HIDDEN const cpd_field_info *cpd__field(cpd_field_id id);
/* Where a scalar field's value lives in an application (act: the
 * activity, for its fields); NULL for objects, arrays and lists. */
CPD__HIDDEN cpd_value *cpd__field_slot(cpd_application *app, cpd_activity *act,
                                       cpd_field_id id);
/* The object a field belongs to (its PARENT in CPD_FIELDS): the scopes in
 * which a document's keys are looked up. */
typedef enum cpd__scope {
  CPD__IN_ROOT,
  CPD__IN_CERTIFICATION,
  CPD__IN_APPLICANT,
  CPD__IN_FEE,
  CPD__IN_ACTIVITIES,
  CPD__IN_ACTIVITY
} cpd__scope;
/* Where a list field's values and count live in act: 1 and the two
 * pointers, or 0 for a field that is not a list. */
CPD__HIDDEN int cpd__field_list_slot(cpd_activity *act, cpd_field_id id,
                                     const cpd_value ***values, size_t **n);
/* A list field of an activity (evidence, competencies): its values and
 * their count in *n; NULL and 0 for other fields or a NULL act. */
CPD__HIDDEN const cpd_value *cpd__field_list(const cpd_activity *act,
                                             cpd_field_id id, size_t *n);
/* 1 for the fields of one activity ("/activities/-/..."). */
CPD__HIDDEN int cpd__field_in_activity(cpd_field_id id);
/* Calls fn for every value of app in document order (the field table's,
 * then each activity's fields, each list element with its index as sub;
 * activity is CPD__NONE outside the activities); stops at and returns the
 * first nonzero return of fn. */
typedef int (*cpd__visit_fn)(void *ctx, cpd_field_id id, uint32_t activity,
                             uint32_t sub, const cpd_value *v);
CPD__HIDDEN int cpd__application_walk(const cpd_application *app,
                                      cpd__visit_fn fn, void *ctx);
/* The activity index of a pointer "/activities/N..." or CPD__NONE. */
CPD__HIDDEN uint32_t cpd__path_activity(const char *pointer);
/* The field's name as messages use it ("The name" / "氏名"). */
CPD__HIDDEN const char *cpd__field_msg_label(cpd_field_id id, int ja);

/* --------------------------------------------------------------- status.c */
/* Fill err for CPD_ENOMEM / CPD_EINVAL and return that status. */
CPD__HIDDEN cpd_status cpd__out_of_memory(cpd_error *err);
CPD__HIDDEN cpd_status cpd__invalid_argument(cpd_error *err);

/* ----------------------------------------------------------------- date.c */
/* Parse a date already normalised by cpd__text_normalize (NFKC, trimmed):
 * 1 and *out set, or 0. */
CPD__HIDDEN int cpd__day_parse_normalized(cpd_day *out, const char *s,
                                          size_t len);
/* The same, and *why (may be NULL) says why a date was refused, so a
 * message can say more than "not a valid date". */
#define CPD__DATE_OK 0
#define CPD__DATE_NOT_A_DATE 1  /* no form of docs/RULES.md R13 */
#define CPD__DATE_NO_SUCH_DAY 2 /* 2023-02-29, 6月31日, 三十二日 */
#define CPD__DATE_OUTSIDE_ERA 3 /* 平成31年5月1日, 令和元年4月30日 */
#define CPD__DATE_WEEKDAY_MISMATCH 4 /* 2024年6月15日(日): it was a 土 */
CPD__HIDDEN int cpd__day_parse_detail(cpd_day *out, const char *s, size_t len,
                                      int *why);
/* Bytes of the dash at s[0..n) on normalised text ('-' or one of the
 * dashes input methods type: ‐ ‒ – — ― − ー), or 0. */
CPD__HIDDEN size_t cpd__dash_len(const char *s, size_t n);
CPD__HIDDEN int cpd__is_leap(int year);
/* Day number of any proleptic Gregorian y-m-d (no range check). */
CPD__HIDDEN cpd_day cpd__days_from_civil(int y, int m, int d);
CPD__HIDDEN int cpd__days_in_month(int year, int month);

/* ----------------------------------------------------------------- text.c */
/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, at
 * most U+10FFFF), else 0.  NUL bytes count as invalid. */
CPD__HIDDEN int cpd__utf8_valid(const char *s, size_t len);
/* The length of the longest well-formed prefix of s[0..len) (no NUL),
 * and how many characters it holds (*chars, may be NULL). */
CPD__HIDDEN size_t cpd__utf8_prefix(const char *s, size_t len, size_t *chars);
/* NFKC, then trim, then fold every run of white space (U+3000 included)
 * into one ASCII space.  The result replaces the content of out. */
CPD__HIDDEN cpd_status cpd__text_normalize(cpd__buf *out, const char *s,
                                           size_t len);
/* The same as a view: *out is s itself when it is already normal (no copy),
 * else the normalised text in scratch.  *out lives as long as both. */
CPD__HIDDEN cpd_status cpd__text_view(cpd__buf *scratch, const char *s,
                                      size_t len, const char **out,
                                      size_t *outlen);
/* A spreadsheet header as headers are compared: NFKC, case folded,
 * without spaces, tabs, '_' and '-'; NUL-terminated in out.  CPD_EINVAL
 * for invalid UTF-8. */
CPD__HIDDEN cpd_status cpd__header_key(cpd__buf *out, const char *s,
                                       size_t len);
/* 1 when the normalised text of valid UTF-8 s would not be empty: s holds
 * something but white space (NFKC maps only white space to spaces). */
CPD__HIDDEN int cpd__text_present(const char *s);
/* Checks of docs/RULES.md R11 on normalised text: 1 ok, 0 not. */
CPD__HIDDEN int cpd__text_is_kana(const char *s, size_t len);
CPD__HIDDEN int cpd__text_postal_code(const char *s, size_t len,
                                      char out[9]); /* "NNN-NNNN" */
CPD__HIDDEN int cpd__text_phone(const char *s, size_t len);
CPD__HIDDEN int cpd__text_email(const char *s, size_t len);
/* What reading a number gave: the failures are negative, so that "< 0"
 * reads "not a number the rules can count". */
typedef enum cpd__nrc {
  CPD__N_TOO_LARGE = -3, /* more than 12 integer digits */
  CPD__N_DECIMALS = -2,  /* more than 2 decimals */
  CPD__N_BAD = -1,       /* not a number (or another JSON type) */
  CPD__N_OK = 0,
  CPD__N_NONE = 1 /* absent, null or empty (not a parser's return) */
} cpd__nrc;
/* Exact decimal: "12", "1.5", "0.25" -> hundredths: CPD__N_OK, _BAD (not a
 * plain decimal number), _DECIMALS or _TOO_LARGE. */
CPD__HIDDEN cpd__nrc cpd__decimal_parse(const char *s, size_t len,
                                        cpd_points *out);
/* A JSON number (double) as exact hundredths.  Same returns. */
CPD__HIDDEN cpd__nrc cpd__double_to_points(double x, cpd_points *out);

/* ---------------------------------------------------------------- units.c */
/* Hours on normalised text (docs/RULES.md R5): a plain decimal as
 * cpd__decimal_parse, or with a unit: "2時間", "2 時間", "1.5時間",
 * "1時間30分" (whole hours, 0-59 minutes), "1時間半" (whole hours and a
 * half), "90分" (whole minutes), "1.5h", "1.5 h", "2H".  Minutes become
 * hundredths of an hour, truncated (80分 = 1.33).  The returns of
 * cpd__decimal_parse. */
CPD__HIDDEN cpd__nrc cpd__hours_parse(const char *s, size_t len,
                                      cpd_points *out);
/* Points on normalised text (R5): a plain decimal, or one followed by
 * "ポイント", "pt" or "pts" (any case), with or without a space between.
 * The same returns. */
CPD__HIDDEN cpd__nrc cpd__points_parse(const char *s, size_t len,
                                       cpd_points *out);

/* --------------------------------------------------------------- policy.c */
typedef struct cpd__section_policy {
  char category; /* 'A'..'D' */
  int per_year;
  cpd_points cap; /* CPD_NO_CAP for none */
  int form_rows;
  int evidence_required;
} cpd__section_policy;

#define CPD__MAX_CATEGORIES 4
/* Limits of a policy document (cpd_policy_load_json), besides the
 * document limits it is given: its size, each list, its versions. */
#define CPD__POLICY_MAX_BYTES CPD_POLICY_MAX_BYTES
#define CPD__POLICY_MAX_LIST CPD_POLICY_MAX_LIST
#define CPD__POLICY_MAX_VERSIONS CPD_POLICY_MAX_VERSIONS
#define CPD__MAX_PERIOD_YEARS 10
/* fee.amount's largest value: the largest amount a bank's record writes
 * (the Zengin data record's 金額, N10). */
#define CPD__MAX_FEE_AMOUNT 9999999999LL

struct cpd_policy {
  const char *name;
  cpd_day effective_from;
  int fy_month, fy_day; /* fiscal year starts on this month and day */
  int period_years;
  cpd_points required;        /* hundredths */
  cpd_points points_per_hour; /* hundredths */
  int opens_months, closes_months;
  cpd__section_policy sections[CPD__MAX_CATEGORIES];
  size_t section_count;
  const char *const *qualifications;
  size_t qualification_count;
  const char *const *competencies; /* sorted (strcmp) for bsearch */
  size_t competency_count;
  const uint64_t *competency_keys; /* cpd__competency_key of each */
  const char *email_subject_prefix;
  long long fee_amount; /* fee.amount in yen; 0: the policy sets none */
  cpd__arena *arena;    /* owns the strings of a loaded policy; NULL: static */
  /* A dated, versioned policy: every version by effective_from (ascending);
   * the struct itself then holds a copy of the newest.  NULL/0: one. */
  const cpd_policy *const *versions;
  size_t version_count;
};

CPD__HIDDEN const cpd_policy *cpd__policy_builtin(void);
/* The version in force on day d: the newest whose effective_from <= d, or
 * the oldest when d precedes them all. */
CPD__HIDDEN const cpd_policy *cpd__policy_in_force(const cpd_policy *p,
                                                   cpd_day d);
/* The window of docs/RULES.md R3 for an expiry date under policy p. */
CPD__HIDDEN void cpd__window(const cpd_policy *p, cpd_day expires_on,
                             cpd_day *opens_on, cpd_day *closes_on);
/* First day of fiscal year fy. */
CPD__HIDDEN cpd_day cpd__fiscal_year_start(const cpd_policy *p, int fy);
CPD__HIDDEN const cpd__section_policy *cpd__policy_section(const cpd_policy *p,
                                                           char category);
/* "A" or "B-1" (a section of a per-year category) into s; the length. */
CPD__HIDDEN size_t cpd__section_name(char s[CPD_SECTION_NAME_SIZE],
                                     char category, int per_year, int year);
/* A code's first 8 bytes, big-endian, zero-padded: ordered as strcmp
 * orders the codes. */
CPD__HIDDEN uint64_t cpd__competency_key(const char *s, size_t n);
CPD__HIDDEN int cpd__policy_has_competency(const cpd_policy *p, uint64_t key,
                                           const char *s, size_t n);

/* -------------------------------------------------------------- prepare.c */
/* An application prepared once (prepare.c, map.c): every text normalised,
 * every date and amount parsed, the applicant's fields checked.  The rules
 * (rules.c) read only this. */
/* What a text field holds. */
typedef enum cpd__tkind {
  CPD__T_OTHER = -1, /* another JSON type */
  CPD__T_NONE = 0,   /* absent, null or empty */
  CPD__T_TEXT = 1    /* non-empty text */
} cpd__tkind;

typedef struct cpd__ptext {
  const char *s; /* normalised (NFKC, spaces folded); "" when none */
  uint32_t n;
  cpd__tkind t;
} cpd__ptext;

/* What a date field holds: the failures are negative. */
typedef enum cpd__dkind {
  CPD__D_WEEKDAY = -2, /* a date whose written weekday is not its own (R13) */
  CPD__D_BAD = -1,     /* not a date (or another JSON type) */
  CPD__D_NONE = 0,     /* absent, null or empty */
  CPD__D_DATE = 1
} cpd__dkind;

typedef struct cpd__pdate {
  cpd_day day;
  cpd__dkind t;
} cpd__pdate;

typedef struct cpd__pamount {
  cpd_points v; /* 0 unless rc is CPD__N_OK */
  cpd__nrc rc;
} cpd__pamount;

/* The prepared value of each field whose READ (CPD_FIELDS) is a text, a
 * presence, a date, hours or points, as a member of the application
 * (CPD__PAPP_MEMBER) or of an activity (CPD__PACT_MEMBER); the fields read
 * their own way (CPD_R_OWN, CPD_R_LIST) have the members written below. */
#define CPD__PTYPE_CPD_R_TEXT(m) cpd__ptext m;
#define CPD__PTYPE_CPD_R_PRESENCE(m) cpd__ptext m;
#define CPD__PTYPE_CPD_R_DATE(m) cpd__pdate m;
#define CPD__PTYPE_CPD_R_HOURS(m) cpd__pamount m;
#define CPD__PTYPE_CPD_R_POINTS(m) cpd__pamount m;
#define CPD__PTYPE_CPD_R_OWN(k)
#define CPD__PTYPE_CPD_R_LIST(k)
#define CPD__PTYPE_CPD_R_NONE
#define CPD__APP_ONLY_ROOT(x) x
#define CPD__APP_ONLY_CERTIFICATION(x) x
#define CPD__APP_ONLY_APPLICANT(x) x
#define CPD__APP_ONLY_FEE(x) x
#define CPD__APP_ONLY_ACTIVITIES(x)
#define CPD__APP_ONLY_ACTIVITY(x)
#define CPD__ACT_ONLY_ROOT(x)
#define CPD__ACT_ONLY_CERTIFICATION(x)
#define CPD__ACT_ONLY_APPLICANT(x)
#define CPD__ACT_ONLY_FEE(x)
#define CPD__ACT_ONLY_ACTIVITIES(x)
#define CPD__ACT_ONLY_ACTIVITY(x) x
#define CPD__PAPP_MEMBER(id, parent, ptr, key, kind, req, pers, red, en, ja,   \
                         csv, slot, read)                                      \
  CPD__APP_ONLY_##parent(CPD__PTYPE_##read)
#define CPD__PACT_MEMBER(id, parent, ptr, key, kind, req, pers, red, en, ja,   \
                         csv, slot, read)                                      \
  CPD__ACT_ONLY_##parent(CPD__PTYPE_##read)

typedef struct cpd__pact {
  CPD_FIELDS(CPD__PACT_MEMBER)
  const char *id; /* as echoed (normalised text, or the number), or NULL */
  uint32_t id_len;
  char cat;             /* the category when it is one character, else 0 */
  cpd__tkind cat_t;     /* the category's text kind */
  uint8_t year_given;   /* year is neither absent nor null */
  uint8_t has_evidence; /* some evidence entry is non-empty text */
  uint8_t comp_single;  /* competencies is one value, not an array */
  cpd__pamount year;
  const cpd__ptext *comp;   /* competencies */
  const uint64_t *comp_key; /* their cpd__competency_key */
  uint32_t ncomp;
} cpd__pact;

/* A diagnostic the mapping found before evaluation (an unknown field). */
typedef struct cpd__pnote {
  uint16_t msg;     /* cpd__msg_id */
  int16_t suggest;  /* the known field its key is close to, or -1 */
  uint8_t present;  /* that field is in the document too */
  const char *path; /* JSON Pointer */
  const char *key;  /* the key as written (NULL: not an unknown key) */
} cpd__pnote;

typedef struct cpd__papp {
  CPD_FIELDS(CPD__PAPP_MEMBER)
  /* the applicant's checks of R11 (cpd__prep_checks) */
  uint8_t name_kana_ok, company_kana_ok, postal_ok, phone_ok, mobile_ok,
      email_ok, oath;
  const cpd__pact *acts;
  size_t nacts;
  const cpd__pnote *notes;
  size_t nnotes;
} cpd__papp;

/* What preparing needs: an arena for copies, scratch for normalising,
 * and whether texts must be copied (a C caller's) or may stay where they
 * are when already normal (a document's, which outlives the papp). */
typedef struct cpd__prep {
  cpd__arena *arena;
  cpd__buf *norm;
  int copy;
  int oom;
} cpd__prep;
CPD__HIDDEN void cpd__prep_text(cpd__prep *p, const cpd_value *v,
                                cpd__ptext *out);
/* Only whether a text is given (t of cpd__ptext; s stays ""): the fields
 * whose words the rules never read (names, address, payer). */
CPD__HIDDEN void cpd__prep_presence(cpd__prep *p, const cpd_value *v,
                                    cpd__ptext *out);
CPD__HIDDEN void cpd__prep_date(cpd__prep *p, const cpd_value *v,
                                cpd__pdate *out);
CPD__HIDDEN void cpd__prep_amount(cpd__prep *p, const cpd_value *v,
                                  cpd__pamount *out);
/* Hours and points: a number, or a text with a unit (R5). */
CPD__HIDDEN void cpd__prep_hours(cpd__prep *p, const cpd_value *v,
                                 cpd__pamount *out);
CPD__HIDDEN void cpd__prep_points(cpd__prep *p, const cpd_value *v,
                                  cpd__pamount *out);
CPD__HIDDEN void cpd__prep_id(cpd__prep *p, const cpd_value *v, cpd__pact *out);
/* A day given as such (--as-of): a date when it is one of years 1..9999,
 * else not a date, as its ISO text would be. */
CPD__HIDDEN void cpd__set_day(cpd__pdate *out, cpd_day d);
/* Every field absent, then one field or list at a time (the C path and
 * the JSON mapping both go through these). */
CPD__HIDDEN void cpd__prep_init(cpd__papp *a);
CPD__HIDDEN void cpd__prep_init_activity(cpd__pact *a);
CPD__HIDDEN void cpd__prep_field(cpd__prep *p, cpd__papp *a, cpd__pact *act,
                                 cpd_field_id id, const cpd_value *v);
/* A list field (READ CPD_R_LIST) of n values; single: written as one
 * value, not an array. */
CPD__HIDDEN void cpd__prep_list(cpd__prep *p, cpd__pact *act, cpd_field_id id,
                                const cpd_value *v, size_t n, int single);
/* The applicant's checks of R11 on prepared texts. */
CPD__HIDDEN void cpd__prep_checks(cpd__papp *a);
/* An application whose texts are valid UTF-8 (a document's): copy 0 keeps
 * its texts where they are when already normal.  CPD_ENOMEM or CPD_OK. */
CPD__HIDDEN cpd_status cpd__prepare_view(cpd__papp *out, cpd__arena *arena,
                                         cpd__buf *norm,
                                         const cpd_application *app, int copy);
/* 1 when a caller's application can be read: a known version, and its
 * arrays where their counts say. */
CPD__HIDDEN int cpd__application_ok(const cpd_application *app);
/* A whole C application, copied; CPD_EINPUT (invalid UTF-8, with err) or
 * CPD_ENOMEM. */
CPD__HIDDEN cpd_status cpd__prepare(cpd__papp *out, cpd__arena *arena,
                                    const cpd_application *app, cpd_error *err);

/* ----------------------------------------------------------------- rules.c */
/* Evaluate into r, a result made by cpd__result_new (or reset).  On an
 * input error (R14) err is set and r is left unusable but freeable. */
CPD__HIDDEN cpd_status cpd__evaluate(cpd_result *r, const cpd_policy *policy,
                                     const cpd__papp *app, cpd_error *err);

/* ---------------------------------------------------------------- result.c */
typedef struct cpd__rendered cpd__rendered;
struct cpd_result {
  cpd__arena arena; /* names, ids and texts of the result */
  cpd_summary summary;
  cpd_day year_starts[CPD__MAX_PERIOD_YEARS], year_ends[CPD__MAX_PERIOD_YEARS];
  cpd_section_total *sections;
  size_t section_count;
  cpd_activity_result *activities;
  uint32_t *rows; /* each activity's row in its section, in input order
                     (1-based; 0 when not placed) */
  size_t activity_count;
  cpd__diag *diags;
  size_t diag_count, diag_cap;
  cpd_severity worst;
  _Atomic(cpd__rendered *) rendered; /* made on the first read */
  _Atomic(cpd__rendered *) spare;    /* memory kept from a reset */
  void *scratch; /* the engine's working memory, kept for reuse */
  size_t scratch_size;
};
CPD__HIDDEN cpd_result *cpd__result_new(void);
/* Empties r for another evaluation, keeping its memory. */
CPD__HIDDEN void cpd__result_reset(cpd_result *r);
/* Room for one more diagnostic (NULL: out of memory). */
CPD__HIDDEN cpd__diag *cpd__result_add(cpd_result *r);
/* The diagnostics' texts when they were rendered already (a typed read
 * came first), else NULL: the writer copies them instead of rendering. */
CPD__HIDDEN const cpd_diagnostic *cpd__result_rendered(const cpd_result *r);
/* Keep only the diagnostics for which keep(code) is true (plan.c). */
CPD__HIDDEN void cpd__result_filter(cpd_result *r, int (*keep)(cpd__code_id));
/* The engine's scratch of at least n bytes (NULL: out of memory). */
CPD__HIDDEN void *cpd__result_scratch(cpd_result *r, size_t n);

/* ----------------------------------------------------------------- plan.c */
CPD__HIDDEN cpd_status cpd__plan(cpd_plan **out, const cpd_policy *policy,
                                 const cpd__papp *app, cpd_day as_of,
                                 cpd_error *err);

/* ----------------------------------------------------------------- scan.c */
struct cJSON;
/* Effective limits (defaults filled in); 0 when in has a version this
 * library does not know (0 or newer than CPD_LIMITS_VERSION). */
CPD__HIDDEN int cpd__limits_resolve(cpd_limits *out, const cpd_limits *in);
/* 1 when a versioned struct's version is one this library accepts. */
#define CPD__VERSION_OK(v, current) ((v) > 0 && (v) <= (current))
/* The strict pre-scan, then cJSON: *out is the tree of one valid JSON
 * value (an input.* error otherwise).  Duplicate keys and non-finite
 * numbers are left to the reader of the tree. */
CPD__HIDDEN cpd_status cpd__parse(struct cJSON **out, const char *json,
                                  size_t len, const cpd_limits *lim,
                                  cpd_error *err);
/* 1 when the pre-scan would accept s (the fast path of cpd__parse). */
CPD__HIDDEN int cpd__quick_valid(const unsigned char *s, size_t len,
                                 size_t max_string);
/* The same verdict from the detailed scanner (tests and fuzzers hold the
 * two to one answer). */
CPD__HIDDEN int cpd__scan_valid(const unsigned char *s, size_t len,
                                size_t max_string);
/* cpd__parse, then cpd__tree_check, then "it is an object". */
CPD__HIDDEN cpd_status cpd__parse_object(struct cJSON **out, const char *json,
                                         size_t len, const cpd_limits *lim,
                                         cpd_error *err);
CPD__HIDDEN cpd_status cpd__not_object(cpd_error *err, int bom);
/* An application with more activities than the limit (map.c, and the
 * documents of jsondoc.c that are applications). */
CPD__HIDDEN cpd_status cpd__too_many_activities(cpd_error *err);
/* Where a walk of the tree stands, built into a JSON Pointer only on
 * error: a member's key, or an element's index when key is NULL. */
typedef struct cpd__path {
  const struct cpd__path *up;
  const char *key;
  size_t index;
} cpd__path;
CPD__HIDDEN void cpd__path_write(cpd__buf *b, const cpd__path *p);
/* The input error code (CPD__IN_DUPLICATE_KEY or CPD__IN_NON_FINITE) at. */
CPD__HIDDEN cpd_status cpd__tree_error(cpd_error *err, int code,
                                       const cpd__path *at);
/* The first duplicate key or non-finite number under node, in document
 * order with an object's own keys before its members' insides. */
CPD__HIDDEN cpd_status cpd__tree_check(const struct cJSON *node,
                                       const cpd__path *at, cpd_error *err);
/* The member of obj whose key comes twice (the second), or NULL. */
CPD__HIDDEN const struct cJSON *cpd__object_duplicate(const struct cJSON *obj,
                                                      int *nomem);

/* ------------------------------------------------------------------ api.c */
/* Bytes to a prepared application: parse, map, prepare (texts borrowed
 * from *root, which the caller frees with cJSON_Delete after the papp's
 * last use; everything else in arena; norm is scratch). */
CPD__HIDDEN cpd_status cpd__load(struct cJSON **root, cpd_application *app,
                                 cpd__papp *papp, cpd__arena *arena,
                                 cpd__buf *norm, const char *json, size_t len,
                                 const cpd_limits *lim, cpd_error *err);
CPD__HIDDEN void cpd__tree_free(struct cJSON *root);

/* ------------------------------------------------------------------ map.c */
/* An application document's tree onto *app (texts stay in the tree) and,
 * in the same walk, prepared into *papp with the notes of unknown fields;
 * input errors (duplicate keys, non-finite
 * numbers, not an object, too many activities) as cpd_check_json gives
 * them. */
CPD__HIDDEN cpd_status cpd__map(cpd_application *app, cpd__papp *papp,
                                cpd__arena *arena, cpd__buf *norm,
                                const struct cJSON *root, const cpd_limits *lim,
                                int bom, cpd_error *err);
/* The field of a document's key in a scope, or -1. */
CPD__HIDDEN int cpd__field_lookup(cpd__scope scope, const char *key);

/* ------------------------------------------------------------- json_out.c */
/* Append the result / error document to b (an allocation failure is left
 * in b->oom). */
CPD__HIDDEN void cpd__write_result(cpd__buf *b, const cpd_result *r);
CPD__HIDDEN void cpd__write_error(cpd__buf *b, const cpd_error *err);

/* ------ audit and redaction (audit.c, redact.c; documents in jsondoc.c) */
/* SipHash-2-4 of msg under the key (k0, k1) (audit.c). */
CPD__HIDDEN uint64_t cpd__siphash24(uint64_t k0, uint64_t k1, const void *msg,
                                    size_t len);
/* A JSON document read through the strict input pipeline (jsondoc.c), with
 * members that can be replaced for printing. */
typedef struct cpd__json cpd__json;
/* Parse (the input errors of cpd_check_json's parser; with application,
 * also those of its mapping, e.g. too many activities).  limits may be
 * NULL.  Free with cpd__json_free. */
CPD__HIDDEN cpd_status cpd__json_parse(cpd__json **out, const char *json,
                                       size_t len, const cpd_limits *limits,
                                       int application, cpd_error *err);
CPD__HIDDEN void cpd__json_free(cpd__json *doc);
/* The root member key, or key's member sub (sub may be NULL) when key is
 * an object; text is borrowed from the document. */
CPD__HIDDEN cpd_value cpd__json_member(const cpd__json *doc, const char *key,
                                       const char *sub);
CPD__HIDDEN int cpd__json_member_is_object(const cpd__json *doc,
                                           const char *key, const char *sub);
/* Print text (copied; NULL: null) instead of that member; nothing when it
 * is absent. */
CPD__HIDDEN cpd_status cpd__json_replace(cpd__json *doc, const char *key,
                                         const char *sub, const char *text);
/* Appends the document to out as JSON with a 2-space indent, the members
 * in their input order, and a final newline. */
CPD__HIDDEN cpd_status cpd__json_print(cpd__buf *out, const cpd__json *doc);

#endif /* CPD_INTERNAL_H */
