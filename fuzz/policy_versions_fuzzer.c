/* policy_versions_fuzzer.c - policies with dated versions, as `cpd
 * --policy` loads them, and what the writers make of their strings.
 *
 * The input is not the document itself: its bytes choose a versioned
 * policy (1 to 4 versions with increasing effective_from dates, names
 * made of markup, quotes, controls, bidi overrides and Japanese text or
 * none, required points, caps of 0 to 999999.99, extra qualifications,
 * window months), so that nearly every input is a well-formed document
 * and the fuzzer spends its time in the loader and the writers rather
 * than in JSON syntax (the policy target has that).
 *
 * Invariants: a refused policy fails cleanly (fz_check_error); an accepted
 * one is a fixed point of write and load; an application dated on, just
 * before and after each version's effective_from is judged under the
 * version in force on its applied_on (the newest that is not later, or
 * the oldest), and the result keeps the invariants of fuzz_common.h; the
 * writers keep theirs (writers_check.h) with the policy's strings in the
 * page, the report and the CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "writers_check.h"

typedef struct bytes {
  const uint8_t *p;
  size_t n;
} bytes;

static unsigned next(bytes *b) {
  if (!b->n)
    return 0;
  b->n--;
  return *b->p++;
}

/* JSON-escaped pieces of names and qualifications. */
static const char *const frags[] = {"A",
                                    "x",
                                    "<b>",
                                    "\\\"",
                                    ">",
                                    "'",
                                    "&amp;",
                                    "\\u202e",
                                    "\\u001b[31m",
                                    "\xe3\x83\xbc",
                                    "\xe5\x90\x8d",
                                    "-",
                                    " ",
                                    "\\u0085",
                                    "\\\"><meta http-equiv=refresh content=0>",
                                    "<form action=x>",
                                    "\\u2066",
                                    ("\xef\xbc\x9d"
                                     "1+1"),
                                    "=1+1",
                                    "@",
                                    "\\t"};
#define NFRAGS (sizeof frags / sizeof frags[0])
static const char *const caps[] = {"0",     "0.01", "5",         "10",
                                   "99.99", "1000", "999999.99", "null"};

static void add_text(char *doc, size_t cap, bytes *b) {
  unsigned k, n = 1 + next(b) % 6;
  strncat(doc, "\"", cap - strlen(doc) - 1);
  for (k = 0; k < n; k++)
    strncat(doc, frags[next(b) % NFRAGS], cap - strlen(doc) - 1);
  strncat(doc, "\"", cap - strlen(doc) - 1);
}

#define DOC_CAP 8192
#define MAX_VERSIONS 4

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

static const char app_head[] =
    "{\"applied_on\":\"%s\",\"qualification\":\"OMP\","
    "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":\"%s\"},"
    "\"applicant\":{\"name\":\"N\",\"email\":\"a@b.jp\"},"
    "\"fee\":{\"paid_on\":\"%s\"},\"oath_agreed\":true,\"activities\":["
    "{\"category\":\"A\",\"title\":\"t\",\"completed_on\":\"%s\",\"hours\":12,"
    "\"evidence\":[\"e\"],\"competencies\":[\"OP-1\",\"<i>z</i>\"]},"
    "{\"category\":\"B\",\"title\":\"u\",\"completed_on\":\"%s\",\"hours\":7,"
    "\"evidence\":[\"e\"]},"
    "{\"category\":\"C\",\"title\":\"v\",\"completed_on\":\"%s\",\"hours\":6}]"
    "}";

/* One application dated day d (expiring at the end of the fiscal year
 * after it, activities in the year before) under p: the version in force
 * is checked; with full, also every route of fuzz_common.h and the
 * writers (the costly part: once an input). */
static void judge(const cpd_policy *p, cpd_day d, const cpd_day *from, int nver,
                  int full) {
  char applied[32], expires[32], act[32], doc[2048];
  cpd_day expected = from[0];
  cpd_document *adoc = NULL;
  cpd_result *r = NULL;
  cpd_error err;
  int y, i;
  cpd_day_format(applied, d);
  cpd_day_to_ymd(d, &y, NULL, NULL);
  snprintf(expires, sizeof expires, "%04d-03-31", y + 1);
  cpd_day_format(act, d - 200);
  snprintf(doc, sizeof doc, app_head, applied, expires, applied, act, act, act);
  if (full)
    fz_check_application(p, (const uint8_t *)doc, strlen(doc), NULL);
  for (i = 0; i < nver; i++)
    if (from[i] <= d)
      expected = from[i];
  FZ_CHECK(cpd_document_load_json(&adoc, doc, strlen(doc), NULL, &err) ==
               CPD_OK,
           "the application is refused: %s", err.message);
  if (cpd_document_evaluate(&r, p, adoc, &err) == CPD_OK) {
    const cpd_summary *s = cpd_result_summary(r);
    FZ_CHECK(s->policy_effective_from == expected,
             "applied on %s: the version of day %d was used, not of day %d",
             applied, (int)s->policy_effective_from, (int)expected);
    FZ_CHECK(s->policy_name && s->policy_name[0], "no policy name");
    if (full)
      fz_check_writers(r, cpd_document_application(adoc));
    cpd_result_free(r);
  }
  cpd_document_free(adoc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  bytes b = {data, size};
  char doc[DOC_CAP];
  cpd_day from[MAX_VERSIONS];
  cpd_policy *p = NULL, *p2 = NULL;
  cpd_error err;
  cpd_status st;
  char *text = NULL, *text2 = NULL;
  cpd_limits big = {CPD_LIMITS_VERSION, (size_t)1 << 30, 0, (size_t)1 << 30};
  int nver = 1 + (int)(next(&b) % MAX_VERSIONS), i, year = 2014;

  strcpy(doc, "{\"versions\":[");
  for (i = 0; i < nver; i++) {
    unsigned flags = next(&b);
    char date[32];
    int month = 1 + (int)(next(&b) % 12), day = 1 + (int)(next(&b) % 28);
    year += 1 + (int)(next(&b) % 4);
    snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    FZ_CHECK(cpd_day_parse(&from[i], date, 10) == CPD_OK, "date %s", date);
    strncat(doc, i ? ",{\"effective_from\":\"" : "{\"effective_from\":\"",
            sizeof doc - strlen(doc) - 1);
    strncat(doc, date, sizeof doc - strlen(doc) - 1);
    strncat(doc, "\"", sizeof doc - strlen(doc) - 1);
    if (flags & 1) { /* else named after its date */
      strncat(doc, ",\"name\":", sizeof doc - strlen(doc) - 1);
      add_text(doc, sizeof doc, &b);
    }
    if (flags & 2) {
      static const char *const req[] = {"1", "30", "60", "0.5"};
      strncat(doc, ",\"required_points\":", sizeof doc - strlen(doc) - 1);
      strncat(doc, req[next(&b) % 4], sizeof doc - strlen(doc) - 1);
    }
    if (flags & 4) {
      static const char *const cats[] = {"B", "C", "D"};
      int k;
      strncat(doc, ",\"sections\":[", sizeof doc - strlen(doc) - 1);
      for (k = 0; k < 3; k++) {
        char sec[96];
        snprintf(sec, sizeof sec,
                 "%s{\"category\":\"%s\",\"per_year\":true,\"cap\":%s}",
                 k ? "," : "", cats[k], caps[next(&b) % 8]);
        strncat(doc, sec, sizeof doc - strlen(doc) - 1);
      }
      strncat(doc, "]", sizeof doc - strlen(doc) - 1);
    }
    if (flags & 8) {
      strncat(doc, ",\"qualifications\":[\"OMP\",\"CAP\",",
              sizeof doc - strlen(doc) - 1);
      add_text(doc, sizeof doc, &b);
      strncat(doc, "],\"competencies\":[\"OP-1\",",
              sizeof doc - strlen(doc) - 1);
      add_text(doc, sizeof doc, &b);
      strncat(doc, "]", sizeof doc - strlen(doc) - 1);
    }
    if (flags & 16) {
      char w[80];
      snprintf(w, sizeof w, ",\"window\":{\"opens_months_before_renewal\":%u}",
               1 + next(&b) % 12);
      strncat(doc, w, sizeof doc - strlen(doc) - 1);
    }
    strncat(doc, "}", sizeof doc - strlen(doc) - 1);
  }
  strncat(doc, "]}", sizeof doc - strlen(doc) - 1);

  st = cpd_policy_load_json(&p, doc, strlen(doc), NULL, &err);
  if (st != CPD_OK) {
    FZ_CHECK(p == NULL, "a refused policy was returned");
    fz_check_error(st, &err, strlen(doc), 1);
    return 0;
  }
  FZ_CHECK(cpd_policy_to_json(&text, p) == CPD_OK && text,
           "cpd_policy_to_json failed");
  FZ_CHECK(fz_utf8_valid(text, strlen(text)), "`cpd policy` is not UTF-8");
  st = cpd_policy_load_json(&p2, text, strlen(text), &big, &err);
  FZ_CHECK(st == CPD_OK, "the written policy does not load again: %s at %s",
           err.code, err.path);
  FZ_CHECK(cpd_policy_to_json(&text2, p2) == CPD_OK && text2 &&
               strcmp(text, text2) == 0,
           "the policy is not a fixed point of write and load");
  for (i = 0; i < nver; i++) {
    judge(p, from[i] - 1, from, nver, 0);
    judge(p, from[i], from, nver, i == nver - 1);
  }
  judge(p, from[nver - 1] + 400, from, nver, 0);
  cpd_string_free(text);
  cpd_string_free(text2);
  cpd_policy_free(p);
  cpd_policy_free(p2);
  return 0;
}
