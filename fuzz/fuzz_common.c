/* fuzz_common.c - invariants of the result and error documents, checked
 * from the outside (cJSON parses the text; the tables below restate
 * docs/RULES.md rather than reuse the library's), for every fuzz harness. */
#include "fuzz_common.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fz_fail(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "\n%s:%d: invariant broken: ", file, line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  fflush(stderr);
  abort();
}

void fz_load_policies(const char *const *docs, size_t n, cpd_policy **out) {
  size_t i;
  for (i = 0; i < n; i++) {
    cpd_error err;
    if (cpd_policy_load_json(&out[i], docs[i], strlen(docs[i]), NULL, &err) !=
        CPD_OK)
      fz_fail(__FILE__, __LINE__,
              "built-in fuzz policy %zu refused: %s at %s: %s", i, err.code,
              err.path, err.message);
  }
}

/* ------------------------------------------------------------- tables */

/* docs/RULES.md "Severity classes". */
static const struct {
  const char *code, *severity;
} codes[] = {
    {"window.closed", "fatal"},
    {"points.shortfall", "fatal"},
    {"fee.late", "fatal"},
    {"qualification.invalid", "error"},
    {"window.not_yet_open", "error"},
    {"activity.date_after_application", "error"},
    {"activity.invalid_number", "error"},
    {"activity.invalid_category", "error"},
    {"activity.invalid_date", "error"},
    {"fee.missing", "error"},
    {"fee.invalid_date", "error"},
    {"oath.not_agreed", "error"},
    {"applicant.missing_field", "error"},
    {"applicant.kana_invalid", "error"},
    {"applicant.postal_code_invalid", "error"},
    {"applicant.phone_invalid", "error"},
    {"applicant.email_invalid", "error"},
    {"activity.evidence_missing", "error"},
    {"certification.expiry_not_fiscal_year_end", "warning"},
    {"activity.outside_period", "warning"},
    {"activity.year_mismatch", "warning"},
    {"activity.points_reduced", "warning"},
    {"activity.duplicate", "warning"},
    {"fee.paid_before_window", "warning"},
    {"activity.unknown_competency", "warning"},
    {"application.unknown_field", "warning"},
    {"section.capped", "info"},
    {"form.continuation_sheet", "info"},
};

/* JSON.md "Input errors". */
static const char *const input_codes[] = {"input.syntax",
                                          "input.not_object",
                                          "input.too_deep",
                                          "input.too_large",
                                          "input.invalid_utf8",
                                          "input.duplicate_key",
                                          "input.non_finite_number",
                                          "input.missing_field",
                                          "input.invalid_date"};

static const char *severity_of(const char *code) {
  size_t i;
  for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (strcmp(codes[i].code, code) == 0)
      return codes[i].severity;
  return NULL;
}

static int is_input_code(const char *code) {
  size_t i;
  for (i = 0; i < sizeof input_codes / sizeof input_codes[0]; i++)
    if (strcmp(input_codes[i], code) == 0)
      return 1;
  return 0;
}

/* ------------------------------------------------------------- UTF-8 */

int fz_utf8_valid(const char *str, size_t len) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < len) {
    unsigned c = s[i], need, k;
    unsigned long cp, min;
    if (c == 0)
      return 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    if ((c & 0xE0) == 0xC0)
      need = 1, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
      need = 2, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
      need = 3, cp = c & 0x07, min = 0x10000;
    else
      return 0;
    if (len - i - 1 < need)
      return 0;
    for (k = 1; k <= need; k++) {
      if ((s[i + k] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += need + 1;
  }
  return 1;
}

/* -------------------------------------------------------------- values */

static const cJSON *member(const cJSON *obj, const char *key) {
  const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
  FZ_CHECK(j, "result: \"%s\" is missing", key);
  return j;
}

static const char *str_member(const cJSON *obj, const char *key) {
  const cJSON *j = member(obj, key);
  FZ_CHECK(cJSON_IsString(j), "result: \"%s\" is not a string", key);
  return j->valuestring;
}

/* A JSON number with at most 2 decimals, as hundredths. */
static long long hundredths(const cJSON *j, const char *what) {
  double x, scaled;
  long long n;
  FZ_CHECK(cJSON_IsNumber(j), "result: %s is not a number", what);
  x = j->valuedouble;
  FZ_CHECK(isfinite(x) && fabs(x) < 1e15, "result: %s is out of range", what);
  scaled = x * 100.0;
  n = llround(scaled);
  FZ_CHECK(fabs(scaled - (double)n) < 1e-6 * (fabs(scaled) + 1.0),
           "result: %s = %.17g has more than 2 decimals", what, x);
  return n;
}

static long long pts_member(const cJSON *obj, const char *key) {
  return hundredths(member(obj, key), key);
}

static int is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DD", a day that exists, year 1..9999. */
static int real_iso_day(const char *s) {
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y, m, d, i;
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return 0;
  for (i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return 0;
  y = atoi(s);
  m = atoi(s + 5);
  d = atoi(s + 8);
  if (y < 1 || m < 1 || m > 12 || d < 1)
    return 0;
  return d <= dim[m - 1] + (m == 2 && is_leap(y));
}

static const char *day_member(const cJSON *obj, const char *key) {
  const char *s = str_member(obj, key);
  FZ_CHECK(real_iso_day(s), "result: %s \"%s\" is not a date", key, s);
  return s;
}

/* ------------------------------------------------------------- result */

#define MAX_SECTIONS 64

typedef struct section {
  const char *name;
  long long claimed, counted, cap; /* cap -1: none */
  size_t entries;
  long long act_claimed, act_counted;
  size_t act_entries;
} section;

static int find_section(section *s, size_t n, const char *name) {
  size_t i;
  for (i = 0; i < n; i++)
    if (strcmp(s[i].name, name) == 0)
      return (int)i;
  return -1;
}

static int has_code(const cJSON *diags, const char *code) {
  const cJSON *d;
  cJSON_ArrayForEach(d, diags) {
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(d, "code");
    if (cJSON_IsString(c) && strcmp(c->valuestring, code) == 0)
      return 1;
  }
  return 0;
}

static void check_period(const cJSON *root, int *years_out) {
  const cJSON *period = member(root, "period"), *years, *y;
  const char *starts = day_member(period, "starts_on");
  const char *expires = day_member(period, "expires_on");
  const char *prev_end = NULL;
  int n = 0;
  years = member(period, "years");
  FZ_CHECK(cJSON_IsArray(years), "result: period.years is not an array");
  cJSON_ArrayForEach(y, years) {
    const cJSON *num = member(y, "year");
    const char *ys = day_member(y, "starts_on");
    const char *ye = day_member(y, "ends_on");
    n++;
    FZ_CHECK(cJSON_IsNumber(num) && num->valuedouble == n,
             "result: period.years[%d].year is not %d", n - 1, n);
    FZ_CHECK(strcmp(ys, ye) <= 0, "result: year %d ends before it starts", n);
    if (n == 1)
      FZ_CHECK(strcmp(ys, starts) == 0,
               "result: year 1 does not start with the period");
    else
      FZ_CHECK(strcmp(prev_end, ys) < 0, "result: year %d overlaps", n);
    prev_end = ye;
  }
  FZ_CHECK(n >= 1 && n <= 10, "result: %d period years", n);
  FZ_CHECK(strcmp(prev_end, expires) >= 0 && strcmp(starts, expires) <= 0,
           "result: the period does not hold its expiry date");
  *years_out = n;
}

static void check_window(const cJSON *root, const char *applied,
                         const cJSON *diags) {
  const cJSON *w = member(root, "window");
  const char *opens = day_member(w, "opens_on");
  const char *closes = day_member(w, "closes_on");
  const char *status = str_member(w, "status");
  const char *want;
  FZ_CHECK(strcmp(opens, closes) <= 0,
           "result: the window closes before it opens");
  want = strcmp(applied, opens) < 0    ? "not_yet_open"
         : strcmp(applied, closes) > 0 ? "closed"
                                       : "open";
  FZ_CHECK(strcmp(status, want) == 0, "result: window.status %s, expected %s",
           status, want);
  FZ_CHECK(has_code(diags, "window.closed") == (strcmp(want, "closed") == 0),
           "result: window.closed diagnostic disagrees with the status");
  FZ_CHECK(has_code(diags, "window.not_yet_open") ==
               (strcmp(want, "not_yet_open") == 0),
           "result: window.not_yet_open diagnostic disagrees with the status");
}

/* Sections, activities and the total. */
static void check_points(const cJSON *root, const cJSON *diags,
                         int period_years) {
  const cJSON *points = member(root, "points"), *arr, *it;
  section sec[MAX_SECTIONS];
  size_t nsec = 0, i;
  long long required, counted, shortfall, sum = 0;
  int idx = 0;

  required = pts_member(points, "required");
  counted = pts_member(points, "counted");
  shortfall = pts_member(points, "shortfall");
  arr = member(points, "sections");
  FZ_CHECK(cJSON_IsArray(arr), "result: points.sections is not an array");
  cJSON_ArrayForEach(it, arr) {
    section *s;
    const cJSON *cap = member(it, "cap"), *entries = member(it, "entries");
    FZ_CHECK(nsec < MAX_SECTIONS, "result: too many sections");
    s = &sec[nsec];
    memset(s, 0, sizeof *s);
    s->name = str_member(it, "section");
    FZ_CHECK(find_section(sec, nsec, s->name) < 0,
             "result: section %s listed twice", s->name);
    s->claimed = pts_member(it, "claimed");
    s->counted = pts_member(it, "counted");
    s->cap = cJSON_IsNull(cap) ? -1 : hundredths(cap, "section cap");
    FZ_CHECK(cJSON_IsNumber(entries) && entries->valuedouble >= 0,
             "result: section %s entries", s->name);
    s->entries = (size_t)entries->valuedouble;
    FZ_CHECK(s->counted >= 0 && s->counted <= s->claimed,
             "result: section %s counts %lld of %lld claimed", s->name,
             s->counted, s->claimed);
    FZ_CHECK(s->cap < 0 || s->counted <= s->cap,
             "result: section %s counts %lld over its cap %lld", s->name,
             s->counted, s->cap);
    sum += s->counted;
    nsec++;
  }
  FZ_CHECK(nsec >= 1, "result: no sections");
  FZ_CHECK(counted == sum,
           "result: total %lld is not the sum %lld of the "
           "sections",
           counted, sum);
  FZ_CHECK(shortfall == (required > counted ? required - counted : 0),
           "result: shortfall %lld for %lld of %lld", shortfall, counted,
           required);
  FZ_CHECK(has_code(diags, "points.shortfall") == (shortfall > 0),
           "result: points.shortfall diagnostic disagrees with the shortfall");

  arr = member(root, "activities");
  FZ_CHECK(cJSON_IsArray(arr), "result: activities is not an array");
  cJSON_ArrayForEach(it, arr) {
    const cJSON *index = member(it, "index"), *sname = member(it, "section"),
                *year = member(it, "year"), *id = member(it, "id");
    const char *status = str_member(it, "status");
    long long a_claimed = pts_member(it, "claimed");
    long long a_counted = pts_member(it, "counted");
    int rejected = strcmp(status, "rejected") == 0;
    FZ_CHECK(cJSON_IsNumber(index) && index->valuedouble == idx,
             "result: activities[%d].index", idx);
    FZ_CHECK(cJSON_IsNull(id) || cJSON_IsString(id),
             "result: activities[%d].id", idx);
    FZ_CHECK(a_counted >= 0 && a_counted <= a_claimed,
             "result: activity %d counts %lld of %lld claimed", idx, a_counted,
             a_claimed);
    FZ_CHECK(cJSON_IsNull(sname) == cJSON_IsNull(year),
             "result: activity %d has a section xor a year", idx);
    if (rejected)
      FZ_CHECK(a_counted == 0, "result: rejected activity %d counts", idx);
    else if (strcmp(status, "counted") == 0)
      FZ_CHECK(a_counted == a_claimed, "result: activity %d status", idx);
    else if (strcmp(status, "partially_counted") == 0)
      FZ_CHECK(a_counted > 0 && a_counted < a_claimed,
               "result: activity %d status", idx);
    else
      FZ_CHECK(strcmp(status, "capped") == 0 && a_counted == 0 && a_claimed > 0,
               "result: activity %d status %s", idx, status);
    if (!cJSON_IsNull(sname)) {
      int k;
      FZ_CHECK(cJSON_IsString(sname), "result: activity %d section", idx);
      k = find_section(sec, nsec, sname->valuestring);
      FZ_CHECK(k >= 0, "result: activity %d in unknown section %s", idx,
               sname->valuestring);
      FZ_CHECK(cJSON_IsNumber(year) && year->valuedouble >= 1 &&
                   year->valuedouble <= period_years,
               "result: activity %d year", idx);
      if (strchr(sname->valuestring, '-'))
        FZ_CHECK(atoi(strchr(sname->valuestring, '-') + 1) ==
                     (int)year->valuedouble,
                 "result: activity %d in %s but year %g", idx,
                 sname->valuestring, year->valuedouble);
      if (!rejected) {
        sec[k].act_claimed += a_claimed;
        sec[k].act_counted += a_counted;
        sec[k].act_entries++;
      }
    } else {
      FZ_CHECK(rejected, "result: unplaced activity %d is not rejected", idx);
    }
    idx++;
  }
  for (i = 0; i < nsec; i++) {
    FZ_CHECK(sec[i].act_counted == sec[i].counted &&
                 sec[i].act_claimed == sec[i].claimed &&
                 sec[i].act_entries == sec[i].entries,
             "result: section %s (%lld/%lld, %zu) is not the sum of its "
             "activities (%lld/%lld, %zu)",
             sec[i].name, sec[i].counted, sec[i].claimed, sec[i].entries,
             sec[i].act_counted, sec[i].act_claimed, sec[i].act_entries);
  }
}

void fz_check_result_json(const char *json) {
  cJSON *root;
  const cJSON *diags, *d, *q, *renewal;
  const char *decision, *applied, *subject, *want;
  int worst = 0, period_years = 0;
  size_t n;

  FZ_CHECK(json, "result: NULL text");
  n = strlen(json);
  FZ_CHECK(fz_utf8_valid(json, n), "result: not valid UTF-8");
  /* the length includes the NUL: cJSON wants to see it after the value */
  root = cJSON_ParseWithLengthOpts(json, n + 1, NULL, 1);
  FZ_CHECK(root, "result: does not parse as JSON: %.200s", json);
  FZ_CHECK(cJSON_IsObject(root), "result: not an object");

  decision = str_member(root, "decision");
  applied = day_member(root, "applied_on");
  FZ_CHECK(real_iso_day(applied), "result: applied_on \"%s\"", applied);
  q = member(root, "qualification");
  FZ_CHECK(cJSON_IsNull(q) || cJSON_IsString(q), "result: qualification");

  diags = member(root, "diagnostics");
  FZ_CHECK(cJSON_IsArray(diags), "result: diagnostics is not an array");
  cJSON_ArrayForEach(d, diags) {
    const char *code = str_member(d, "code");
    const char *sev = str_member(d, "severity");
    const char *path = str_member(d, "path");
    const char *known = severity_of(code);
    FZ_CHECK(known, "result: unknown diagnostic code %s", code);
    FZ_CHECK(strcmp(known, sev) == 0, "result: %s has severity %s, not %s",
             code, sev, known);
    FZ_CHECK(path[0] == '\0' || path[0] == '/', "result: %s path \"%s\"", code,
             path);
    FZ_CHECK(*str_member(d, "message") && *str_member(d, "message_ja"),
             "result: %s has an empty message", code);
    if (strcmp(sev, "fatal") == 0 && worst < 3)
      worst = 3;
    else if (strcmp(sev, "error") == 0 && worst < 2)
      worst = 2;
  }
  want = worst == 3 ? "ineligible" : worst == 2 ? "incomplete" : "eligible";
  FZ_CHECK(strcmp(decision, want) == 0,
           "result: decision %s, but the diagnostics say %s", decision, want);
  FZ_CHECK(cJSON_IsNull(q) == has_code(diags, "qualification.invalid"),
           "result: qualification and qualification.invalid disagree");

  check_period(root, &period_years);
  check_window(root, applied, diags);
  check_points(root, diags, period_years);

  renewal = cJSON_GetObjectItemCaseSensitive(root, "renewal");
  FZ_CHECK((renewal != NULL) == (strcmp(decision, "eligible") == 0),
           "result: renewal present xor eligible");
  if (renewal) {
    day_member(renewal, "starts_on");
    day_member(renewal, "expires_on");
  }
  subject = str_member(root, "email_subject");
  n = strlen(subject);
  FZ_CHECK(n >= 6 && memcmp(subject + n - 6, applied + 2, 2) == 0 &&
               memcmp(subject + n - 4, applied + 5, 2) == 0 &&
               memcmp(subject + n - 2, applied + 8, 2) == 0,
           "result: email_subject does not end with yymmdd of applied_on");
  cJSON_Delete(root);
}

/* -------------------------------------------------------------- errors */

static int terminated(const char *s, size_t cap) {
  return memchr(s, 0, cap) != NULL;
}

void fz_check_error(cpd_status st, const cpd_error *err, size_t len,
                    int policy_call) {
  char *doc = NULL;
  cJSON *root, *e;
  FZ_CHECK(terminated(err->code, sizeof err->code) &&
               terminated(err->path, sizeof err->path) &&
               terminated(err->message, sizeof err->message) &&
               terminated(err->message_ja, sizeof err->message_ja),
           "error: a field is not NUL-terminated");
  if (st == CPD_EPOLICY)
    FZ_CHECK(policy_call && strcmp(err->code, "policy.invalid") == 0,
             "error: CPD_EPOLICY with code %s", err->code);
  else
    FZ_CHECK(st == CPD_EINPUT && is_input_code(err->code),
             "error: status %d with code %s", (int)st, err->code);
  FZ_CHECK(err->path[0] == '\0' || err->path[0] == '/', "error: path \"%s\"",
           err->path);
  FZ_CHECK(
      err->offset == -1 || (err->offset >= 0 && (size_t)err->offset <= len),
      "error: offset %lld outside the document of %zu bytes", err->offset, len);
  FZ_CHECK(err->message[0] && err->message_ja[0], "error: empty message");
  FZ_CHECK(fz_utf8_valid(err->path, strlen(err->path)) &&
               fz_utf8_valid(err->message, strlen(err->message)) &&
               fz_utf8_valid(err->message_ja, strlen(err->message_ja)),
           "error: not valid UTF-8");
  FZ_CHECK(cpd_error_to_json(&doc, err) == CPD_OK && doc,
           "error: cpd_error_to_json failed");
  root = cJSON_Parse(doc);
  FZ_CHECK(root, "error: the error document does not parse: %s", doc);
  e = cJSON_GetObjectItemCaseSensitive(root, "error");
  FZ_CHECK(cJSON_IsObject(e), "error: no \"error\" object");
  FZ_CHECK(strcmp(str_member(e, "code"), err->code) == 0 &&
               strcmp(str_member(e, "path"), err->path) == 0,
           "error: the document disagrees with the struct");
  cJSON_Delete(root);
  cpd_string_free(doc);
}

/* --------------------------------------------------------- application */

int fz_check_application(const cpd_policy *policy, const uint8_t *data,
                         size_t size, const cpd_check_options *opts) {
  /* not NULL, so that an entry point that forgets to clear them on failure
   * is caught */
  char *out = (char *)"unset", *again = NULL;
  cpd_result *r = (cpd_result *)&out;
  cpd_error err, err2, untouched;
  cpd_status st, st2;
  const char *json = (const char *)data;

  memset(&err, 0x5A, sizeof err);
  untouched = err;
  st = cpd_check_json_opts(&out, policy, json, size, opts, &err);
  st2 = cpd_evaluate_json_opts(&r, policy, json, size, opts, &err2);
  FZ_CHECK(st == st2, "cpd_check_json says %d, cpd_evaluate_json %d", (int)st,
           (int)st2);
  if (st == CPD_OK) {
    FZ_CHECK(out && r, "a result is missing");
    FZ_CHECK(memcmp(&err, &untouched, sizeof err) == 0,
             "err was written on success");
    fz_check_result_json(out);
    FZ_CHECK(cpd_result_to_json(&again, r) == CPD_OK,
             "cpd_result_to_json failed");
    FZ_CHECK(strcmp(out, again) == 0,
             "the typed result and cpd_check_json give different documents");
    cpd_string_free(again);
    cpd_string_free(out);
    cpd_result_free(r);
    return 1;
  }
  /* an input error never comes with a result */
  FZ_CHECK(out == NULL && r == NULL, "an input error came with a result");
  fz_check_error(st, &err, size, 0);
  FZ_CHECK(strcmp(err.code, err2.code) == 0 && strcmp(err.path, err2.path) == 0,
           "two calls give different errors");
  return 0;
}

/* ------------------------------------------------------- other routes */

/* Diagnostics that do not concern personal fields, as "code path" lines,
 * plus the points and activities: what redaction must not change. */
static char *non_personal(const char *result) {
  cJSON *root = cJSON_Parse(result), *keep, *diags, *d;
  char *text;
  FZ_CHECK(root, "result does not parse");
  keep = cJSON_CreateObject();
  diags = cJSON_AddArrayToObject(keep, "diagnostics");
  cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(root, "diagnostics")) {
    const char *path = str_member(d, "path");
    if (strncmp(path, "/applicant", 10) == 0 || strcmp(path, "/fee") == 0 ||
        strcmp(path, "/fee/payer_name") == 0)
      continue;
    cJSON_AddItemToArray(diags, cJSON_CreateString(str_member(d, "code")));
    cJSON_AddItemToArray(diags, cJSON_CreateString(path));
  }
  cJSON_AddItemToObject(
      keep, "points",
      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(root, "points"), 1));
  cJSON_AddItemToObject(
      keep, "activities",
      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(root, "activities"), 1));
  text = cJSON_PrintUnformatted(keep);
  FZ_CHECK(text, "out of memory");
  cJSON_Delete(keep);
  cJSON_Delete(root);
  return text;
}

static void check_plan_json(const char *json) {
  cJSON *root = cJSON_Parse(json);
  const cJSON *points, *secs, *s;
  long long required, counted, needed;
  FZ_CHECK(root && cJSON_IsObject(root), "plan: does not parse: %.200s", json);
  points = member(root, "points");
  required = pts_member(points, "required");
  counted = pts_member(points, "counted");
  needed = pts_member(points, "needed");
  FZ_CHECK(needed == (required > counted ? required - counted : 0),
           "plan: needed %lld for %lld of %lld", needed, counted, required);
  secs = member(root, "sections");
  FZ_CHECK(cJSON_IsArray(secs), "plan: sections");
  cJSON_ArrayForEach(s, secs) {
    const cJSON *cap = member(s, "cap"), *room = member(s, "room"),
                *open = member(s, "open");
    long long c = pts_member(s, "counted");
    FZ_CHECK(cJSON_IsBool(open), "plan: open");
    if (!cJSON_IsNull(cap))
      FZ_CHECK(c <= hundredths(cap, "cap"), "plan: counted over the cap");
    if (!cJSON_IsTrue(open)) {
      FZ_CHECK(cJSON_IsNumber(room) && room->valuedouble == 0,
               "plan: a closed section has room");
    } else if (cJSON_IsNull(cap)) {
      FZ_CHECK(cJSON_IsNull(room), "plan: an open uncapped section's room");
    } else {
      FZ_CHECK(hundredths(room, "room") == hundredths(cap, "cap") - c,
               "plan: room is not cap - counted");
    }
  }
  cJSON_Delete(root);
}

void fz_check_other_routes(const cpd_policy *policy, const uint8_t *data,
                           size_t size) {
  const char *json = (const char *)data;
  char *checked = NULL, *via_doc = NULL, *plan = NULL, *redacted = NULL;
  cpd_document *doc = NULL;
  cpd_result *r = NULL;
  cpd_error err;
  cpd_status st_check, st;
  cpd_day as_of = 20758; /* 2026-11-01 */

  st_check = cpd_check_json(&checked, policy, json, size, NULL, &err);

  /* document */
  st = cpd_document_load_json(&doc, json, size, NULL, &err);
  if (st == CPD_OK) {
    FZ_CHECK(doc && cpd_document_application(doc), "document: no application");
    st = cpd_document_evaluate(&r, policy, doc, &err);
    FZ_CHECK(st == st_check, "document: status %d, check %d", (int)st,
             (int)st_check);
    if (st == CPD_OK) {
      FZ_CHECK(cpd_result_to_json(&via_doc, r) == CPD_OK, "out of memory");
      FZ_CHECK(strcmp(via_doc, checked) == 0,
               "document: another result than cpd_check_json");
    } else {
      fz_check_error(st, &err, size, 0);
    }
    cpd_result_free(r);
    cpd_document_free(doc);
  } else {
    FZ_CHECK(doc == NULL, "document: returned on failure");
    fz_check_error(st, &err, size, 0);
    FZ_CHECK(st_check != CPD_OK, "document refused what check evaluates");
  }

  /* plan */
  st = cpd_plan_json(&plan, policy, json, size, as_of, NULL, &err);
  if (st == CPD_OK)
    check_plan_json(plan);
  else {
    FZ_CHECK(plan == NULL, "plan: returned on failure");
    fz_check_error(st, &err, size, 0);
  }

  /* redaction */
  st = cpd_redact_json(&redacted, json, size, NULL, &err);
  if (st == CPD_OK) {
    char *again = NULL, *a, *b;
    cpd_status st2;
    cJSON *tree = cJSON_Parse(redacted);
    FZ_CHECK(tree, "redact: does not parse");
    cJSON_Delete(tree);
    st2 =
        cpd_check_json(&again, policy, redacted, strlen(redacted), NULL, &err);
    FZ_CHECK(st2 == st_check, "redact: check says %d, on the original %d",
             (int)st2, (int)st_check);
    if (st2 == CPD_OK) {
      a = non_personal(checked);
      b = non_personal(again);
      FZ_CHECK(strcmp(a, b) == 0,
               "redact: the evaluation changed beyond personal fields:\n%s\n%s",
               a, b);
      cJSON_free(a);
      cJSON_free(b);
    }
    cpd_string_free(again);
  } else {
    FZ_CHECK(redacted == NULL, "redact: returned on failure");
    fz_check_error(st, &err, size, 0);
    FZ_CHECK(st_check != CPD_OK, "redact refused what check evaluates");
  }
  cpd_string_free(redacted);
  cpd_string_free(plan);
  cpd_string_free(via_doc);
  cpd_string_free(checked);
}
