/* test_golden.c - the public golden cases (tests/golden/NAME.json with
 * NAME.expected.json and an optional NAME.policy.json) run through the C API
 * (cpd_check_json), checked with the same semantics as tests/run-cases uses
 * for the command line: one cmocka test per case.  Runs with the repository
 * root as working directory. */
#define _POSIX_C_SOURCE 200809L

#include "cpd_test.h"

#include <dirent.h>

#define GOLDEN_DIR "tests/golden"

/* ------------------------------------------------------------------ files */

static int file_exists(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return 0;
  fclose(f);
  return 1;
}

/* ------------------------------------------------- run-cases semantics */

static int is_num(const cJSON *j) { return j && cJSON_IsNumber(j); }

static int num_eq(double a, double b) {
  double d = a - b;
  return (d < 0 ? -d : d) < 1e-9;
}

/* Python's == on JSON values (numbers compare by value).  A missing value
 * (NULL) equals only JSON null, as res.get(k) == None does. */
static int json_eq(const cJSON *got, const cJSON *exp) {
  const cJSON *c;
  if (!got || cJSON_IsNull(got))
    return !exp || cJSON_IsNull(exp);
  if (!exp)
    return 0;
  if (is_num(exp) || is_num(got))
    return is_num(exp) && is_num(got) &&
           num_eq(got->valuedouble, exp->valuedouble);
  if (cJSON_IsBool(exp) || cJSON_IsBool(got))
    return cJSON_IsBool(exp) && cJSON_IsBool(got) &&
           cJSON_IsTrue(exp) == cJSON_IsTrue(got);
  if (cJSON_IsString(exp) || cJSON_IsString(got))
    return cJSON_IsString(exp) && cJSON_IsString(got) &&
           strcmp(exp->valuestring, got->valuestring) == 0;
  if (cJSON_IsArray(exp) || cJSON_IsArray(got)) {
    const cJSON *g;
    if (!cJSON_IsArray(exp) || !cJSON_IsArray(got) ||
        cJSON_GetArraySize(exp) != cJSON_GetArraySize(got))
      return 0;
    for (c = exp->child, g = got->child; c && g; c = c->next, g = g->next)
      if (!json_eq(g, c))
        return 0;
    return 1;
  }
  if (cJSON_IsObject(exp) && cJSON_IsObject(got)) {
    if (cJSON_GetArraySize(exp) != cJSON_GetArraySize(got))
      return 0;
    cJSON_ArrayForEach(c, exp) {
      const cJSON *g = cJSON_GetObjectItemCaseSensitive(got, c->string);
      if (!g || !json_eq(g, c))
        return 0;
    }
    return 1;
  }
  return 0;
}

/* run-cases' same(expected, got): numbers by value, the rest by ==. */
static int same(const cJSON *exp, const cJSON *got) {
  if (is_num(exp))
    return is_num(got) && num_eq(exp->valuedouble, got->valuedouble);
  return json_eq(got, exp);
}

typedef struct report {
  const char *name;
  int errors;
} report;

static void mismatch(report *rep, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  print_error("%s: %s\n", rep->name, msg);
  rep->errors++;
}

/* A short printable form of a value for messages. */
static void show(const cJSON *j, char *buf, size_t cap) {
  char *s;
  if (!j) {
    snprintf(buf, cap, "(missing)");
    return;
  }
  s = cJSON_PrintUnformatted(j);
  snprintf(buf, cap, "%s", s ? s : "?");
  cJSON_free(s);
}

static const cJSON *get(const cJSON *obj, const char *key) {
  return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key)
                             : NULL;
}

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void check_codes(report *rep, const cJSON *res, const cJSON *exp_codes) {
  const char *got[256];
  size_t ngot = 0, i, k;
  const cJSON *d, *e;
  int equal;
  cJSON_ArrayForEach(d, get(res, "diagnostics")) {
    const cJSON *c = get(d, "code");
    if (!cJSON_IsString(c))
      continue;
    for (i = 0; i < ngot && strcmp(got[i], c->valuestring) != 0; i++)
      ;
    if (i == ngot && ngot < sizeof got / sizeof got[0])
      got[ngot++] = c->valuestring;
  }
  qsort(got, ngot, sizeof got[0], cmp_cstr);
  /* run-cases compares the sorted set with the expected list as given */
  equal =
      cJSON_IsArray(exp_codes) && (size_t)cJSON_GetArraySize(exp_codes) == ngot;
  k = 0;
  cJSON_ArrayForEach(e, exp_codes) {
    if (!equal)
      break;
    equal = cJSON_IsString(e) && strcmp(e->valuestring, got[k]) == 0;
    k++;
  }
  if (equal)
    return;
  cJSON_ArrayForEach(e, exp_codes) {
    int found = 0;
    for (i = 0; i < ngot; i++)
      found |= cJSON_IsString(e) && strcmp(e->valuestring, got[i]) == 0;
    if (!found)
      mismatch(rep, "codes: missing %s",
               cJSON_IsString(e) ? e->valuestring : "(not a string)");
  }
  for (i = 0; i < ngot; i++) {
    int found = 0;
    cJSON_ArrayForEach(e, exp_codes) found |=
        cJSON_IsString(e) && strcmp(e->valuestring, got[i]) == 0;
    if (!found)
      mismatch(rep, "codes: unexpected %s", got[i]);
  }
  if (rep->errors == 0)
    mismatch(rep, "codes: the expected list is not sorted and unique");
}

static void check_case(report *rep, const cJSON *exp, const cJSON *res,
                       int exit_code) {
  static const char *const whole[] = {"decision", "window", "renewal",
                                      "email_subject"};
  const cJSON *e, *x;
  char a[512], b[512];
  size_t i;

  e = get(exp, "exit");
  if (!is_num(e))
    mismatch(rep, "the expected file has no \"exit\"");
  else if (!num_eq(e->valuedouble, exit_code))
    mismatch(rep, "exit %d, expected %g", exit_code, e->valuedouble);

  e = get(exp, "error_code");
  if (e) {
    const cJSON *got = get(get(res, "error"), "code");
    if (!json_eq(got, e)) {
      show(got, a, sizeof a);
      show(e, b, sizeof b);
      mismatch(rep, "error.code %s, expected %s", a, b);
    }
    return;
  }
  if (!cJSON_IsObject(res)) {
    mismatch(rep, "the output is not a JSON object");
    return;
  }

  for (i = 0; i < sizeof whole / sizeof whole[0]; i++) {
    e = get(exp, whole[i]);
    if (e && !json_eq(get(res, whole[i]), e)) {
      show(get(res, whole[i]), a, sizeof a);
      show(e, b, sizeof b);
      mismatch(rep, "%s %s, expected %s", whole[i], a, b);
    }
  }

  e = get(exp, "period");
  if (e) {
    const cJSON *got = get(res, "period");
    cJSON_ArrayForEach(x, e) {
      if (!json_eq(get(got, x->string), x)) {
        show(get(got, x->string), a, sizeof a);
        show(x, b, sizeof b);
        mismatch(rep, "period.%s %s, expected %s", x->string, a, b);
      }
    }
  }

  e = get(exp, "points");
  if (e) {
    static const char *const keys[] = {"required", "counted", "shortfall"};
    const cJSON *got = get(res, "points");
    for (i = 0; i < 3; i++) {
      x = get(e, keys[i]);
      if (x && !same(x, get(got, keys[i]))) {
        show(get(got, keys[i]), a, sizeof a);
        show(x, b, sizeof b);
        mismatch(rep, "points.%s %s, expected %s", keys[i], a, b);
      }
    }
    cJSON_ArrayForEach(x, get(e, "sections")) {
      const cJSON *s, *counted = NULL;
      cJSON_ArrayForEach(s, get(got, "sections")) {
        const cJSON *nm = get(s, "section");
        if (cJSON_IsString(nm) && strcmp(nm->valuestring, x->string) == 0)
          counted = get(s, "counted"); /* the last one wins, as in a dict */
      }
      if (!same(x, counted)) {
        show(counted, a, sizeof a);
        show(x, b, sizeof b);
        mismatch(rep, "section %s counted %s, expected %s", x->string, a, b);
      }
    }
  }

  e = get(exp, "activities");
  if (e) {
    cJSON_ArrayForEach(x, e) {
      const cJSON *idx = get(x, "index"), *g = NULL, *act, *k;
      cJSON_ArrayForEach(act, get(res, "activities")) {
        if (idx && json_eq(get(act, "index"), idx))
          g = act;
      }
      char ib[64];
      show(idx, ib, sizeof ib);
      if (!idx)
        mismatch(rep, "an expected activity has no \"index\"");
      cJSON_ArrayForEach(k, x) {
        if (!same(k, get(g, k->string))) {
          show(get(g, k->string), a, sizeof a);
          show(k, b, sizeof b);
          mismatch(rep, "activities[%s].%s %s, expected %s", ib, k->string, a,
                   b);
        }
      }
    }
  }

  e = get(exp, "codes");
  if (e)
    check_codes(rep, res, e);
}

/* --------------------------------------------------------------- one case */

typedef struct golden_case {
  char name[256];
} golden_case;

static void test_golden_case(void **state) {
  const golden_case *gc = *state;
  char path[512], pol_path[512], exp_path[512];
  char *doc = NULL, *exp_text = NULL, *pol_text = NULL, *out = NULL;
  size_t len = 0, pol_len = 0;
  cpd_policy *policy = NULL;
  cpd_error err;
  cpd_status st;
  cJSON *exp = NULL, *res = NULL;
  report rep;
  int exit_code = -1;

  rep.name = gc->name;
  rep.errors = 0;
  snprintf(path, sizeof path, "%s/%s.json", GOLDEN_DIR, gc->name);
  snprintf(pol_path, sizeof pol_path, "%s/%s.policy.json", GOLDEN_DIR,
           gc->name);
  snprintf(exp_path, sizeof exp_path, "%s/%s.expected.json", GOLDEN_DIR,
           gc->name);

  doc = cpdt_read_file_or_null(path, &len);
  exp_text = cpdt_read_file_or_null(exp_path, NULL);
  if (!doc)
    mismatch(&rep, "cannot read %s", path);
  if (!exp_text)
    mismatch(&rep, "cannot read %s", exp_path);
  if (exp_text) {
    exp = cJSON_Parse(exp_text);
    if (!exp)
      mismatch(&rep, "%s is not JSON", exp_path);
  }
  if (file_exists(pol_path)) {
    pol_text = cpdt_read_file_or_null(pol_path, &pol_len);
    memset(&err, 0, sizeof err);
    if (!pol_text)
      mismatch(&rep, "cannot read %s", pol_path);
    else if ((st = cpd_policy_load_json(&policy, pol_text, pol_len, NULL,
                                        &err)) != CPD_OK)
      mismatch(&rep, "policy %s refused: %s at %s: %s", pol_path, err.code,
               err.path, err.message);
  }

  if (rep.errors == 0) {
    memset(&err, 0, sizeof err);
    st = cpd_check_json(&out, policy, doc, len, NULL, &err);
    if (st == CPD_OK) {
      res = cJSON_Parse(out);
      if (!res)
        mismatch(&rep, "the result is not JSON: %.200s", out);
      else {
        const cJSON *d = get(res, "decision");
        exit_code = cJSON_IsString(d) && strcmp(d->valuestring, "eligible") == 0
                        ? 0
                        : 1;
      }
    } else if (st == CPD_EINPUT) {
      exit_code = 2;
      if (cpd_error_to_json(&out, &err) != CPD_OK)
        mismatch(&rep, "cpd_error_to_json failed");
      else if (!(res = cJSON_Parse(out)))
        mismatch(&rep, "the error document is not JSON: %.200s", out);
    } else {
      mismatch(&rep, "cpd_check_json: %s (%s)", cpd_status_str(st), err.code);
    }
  }
  if (rep.errors == 0)
    check_case(&rep, exp, res, exit_code);

  cJSON_Delete(res);
  cJSON_Delete(exp);
  cpd_string_free(out);
  cpd_policy_free(policy);
  free(doc);
  free(exp_text);
  free(pol_text);
  if (rep.errors)
    fail_msg("golden case %s: %d mismatch(es)", gc->name, rep.errors);
}

static void test_no_golden_case_found(void **state) {
  (void)state;
  fail_msg("no golden case found in %s (run from the repository root)",
           GOLDEN_DIR);
}

static int cmp_case(const void *a, const void *b) {
  return strcmp(((const golden_case *)a)->name, ((const golden_case *)b)->name);
}

int main(void) {
  DIR *dir = opendir(GOLDEN_DIR);
  golden_case *cases = NULL;
  struct CMUnitTest *tests = NULL;
  size_t n = 0, cap = 0, i;
  struct dirent *ent;
  int rc;

  while (dir && (ent = readdir(dir)) != NULL) {
    const char *f = ent->d_name;
    size_t flen = strlen(f);
    if (!cpdt_is_application_file(f) || flen - 5 >= sizeof cases[0].name)
      continue;
    if (n == cap) {
      golden_case *nc;
      cap = cap ? cap * 2 : 16;
      nc = realloc(cases, cap * sizeof *cases);
      if (!nc) {
        free(cases);
        closedir(dir);
        return 1;
      }
      cases = nc;
    }
    memcpy(cases[n].name, f, flen - 5);
    cases[n].name[flen - 5] = '\0';
    n++;
  }
  if (dir)
    closedir(dir);
  if (n)
    qsort(cases, n, sizeof *cases, cmp_case);

  tests = calloc(n ? n : 1, sizeof *tests);
  if (!tests) {
    free(cases);
    return 1;
  }
  for (i = 0; i < n; i++) {
    tests[i].name = cases[i].name;
    tests[i].test_func = test_golden_case;
    tests[i].initial_state = &cases[i];
  }
  if (n == 0) {
    tests[0].name = "no_golden_case_found";
    tests[0].test_func = test_no_golden_case_found;
  }
  rc = _cmocka_run_group_tests("golden", tests, n ? n : 1, NULL, NULL);
  free(tests);
  free(cases);
  return rc;
}
