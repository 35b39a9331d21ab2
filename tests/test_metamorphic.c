/* test_metamorphic.c - properties that hold across all applications
 * (docs/RULES.md, "Properties"), each checked over at least 10,000
 * applications drawn from the seeded generator of bench/genlib.c with a
 * fixed seed, through the public API (cpd.h) only.
 *
 * A property compares the result of an application with the result of a
 * transformed one (activities permuted, an activity added or split, a cap
 * raised, applied_on moved, the document redacted) or checks one result
 * against itself (totals) or against the same evaluation elsewhere (runs,
 * threads, locales).  Each test prints how many applications it tried and
 * how many met its premise.
 *
 * An argument runs only the tests matching it (cmocka's pattern, e.g.
 * "*split*").  CPD_METAMORPHIC_APPS sets the number of applications per
 * property (default 10,000; the sanitizer and coverage builds lower it).  A
 * failure prints the seed, the application's number in the stream and the
 * transformation, which reproduce it (the generator is deterministic); it
 * never prints the application's (synthetic) personal data. */
#define _POSIX_C_SOURCE 200809L
#include "cpd_test.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>

#include "genlib.h"

#define DEFAULT_APPS 10000

static unsigned long napps = DEFAULT_APPS;

/* ------------------------------------------------------------- plumbing */

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  assert_non_null(p);
  return p;
}

/* The generator's stream of application documents for one property. */
typedef struct stream {
  gen_rng rng, pick; /* documents; the property's own random choices */
  gen_opts opts;
  gen_buf buf;
  uint64_t seed;
  unsigned long n; /* documents drawn so far */
} stream;

static void stream_open(stream *s, uint64_t seed, int invalid_fields,
                        unsigned error_permille) {
  gen_opts o = GEN_OPTS_INIT;
  memset(s, 0, sizeof *s);
  o.invalid_fields = invalid_fields;
  o.error_permille = error_permille;
  s->opts = o;
  s->seed = seed;
  gen_seed(&s->rng, seed);
  gen_seed(&s->pick, seed ^ 0x5DEECE66Dull);
}

/* The next document text (valid until the next call). */
static const char *stream_next(stream *s, size_t *len) {
  s->buf.len = 0;
  gen_application(&s->rng, &s->buf, &s->opts);
  gen_buf_reserve(&s->buf, 1);
  s->buf.p[s->buf.len] = '\0';
  s->n++;
  *len = s->buf.len;
  return s->buf.p;
}

/* The next document, parsed (the generator writes no input errors when
 * error_permille is 0, so every document loads). */
static cpd_document *stream_next_doc(stream *s) {
  size_t len;
  const char *json = stream_next(s, &len);
  cpd_document *doc = NULL;
  cpd_error err;
  if (cpd_document_load_json(&doc, json, len, NULL, &err) != CPD_OK) {
    print_error("seed %llu application %lu: %s\n", (unsigned long long)s->seed,
                s->n, err.code);
    fail();
  }
  return doc;
}

static void stream_close(stream *s) { gen_buf_free(&s->buf); }

static uint32_t pick_below(stream *s, uint32_t n) {
  return n ? gen_below(&s->pick, n) : 0;
}

/* A mutable copy of an application: the struct and its activity array
 * (the values inside still point into the document). */
typedef struct app_copy {
  cpd_application app;
  cpd_activity *acts;
  size_t n, cap;
} app_copy;

static void copy_app(app_copy *c, const cpd_application *a, size_t extra) {
  c->app = *a;
  c->cap = a->activity_count + extra;
  c->acts = xmalloc(c->cap * sizeof *c->acts);
  if (a->activity_count)
    memcpy(c->acts, a->activities, a->activity_count * sizeof *c->acts);
  c->n = a->activity_count;
  c->app.activities = c->acts;
  c->app.activity_count = c->n;
}

static void insert_act(app_copy *c, size_t at, const cpd_activity *x) {
  assert_true(c->n < c->cap && at <= c->n);
  memmove(&c->acts[at + 1], &c->acts[at], (c->n - at) * sizeof *c->acts);
  c->acts[at] = *x;
  c->n++;
  c->app.activity_count = c->n;
}

static void free_copy(app_copy *c) { free(c->acts); }

/* The day of a date value, or CPD_DAY_NONE. */
static cpd_day day_of(const cpd_value *v) {
  cpd_day d;
  if (v->kind != CPD_VALUE_TEXT || !v->text ||
      cpd_day_parse(&d, v->text, strlen(v->text)) != CPD_OK)
    return CPD_DAY_NONE;
  return d;
}

/* Hundredths of a number given as a JSON number or ASCII decimal text;
 * 1 ok, 0 absent, -1 anything else (full-width text, units, garbage). */
static int hundredths_of(const cpd_value *v, cpd_points *out) {
  double x;
  char *end;
  if (v->kind == CPD_VALUE_ABSENT || v->kind == CPD_VALUE_NULL)
    return 0;
  if (v->kind == CPD_VALUE_NUMBER) {
    x = v->number;
  } else if (v->kind == CPD_VALUE_TEXT && v->text && *v->text) {
    const char *s;
    for (s = v->text; *s; s++)
      if (!((*s >= '0' && *s <= '9') || *s == '.'))
        return -1;
    x = strtod(v->text, &end);
    if (*end)
      return -1;
  } else {
    return -1;
  }
  if (!(x >= 0 && x < 1e7) || fabs(x * 100 - (double)llround(x * 100)) > 1e-6)
    return -1;
  *out = llround(x * 100);
  return 1;
}

/* ----------------------------------------------------------- comparison */

static int str_eq(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

/* Reports (and returns 0) when the two results differ in their points:
 * the totals, every section, and when acts_too every activity's section,
 * year, claimed, counted and status (activity i of a is activity map[i] of
 * b, or i when map is NULL). */
static int same_points(const cpd_result *a, const cpd_result *b,
                       const size_t *map, int acts_too, const char *what) {
  const cpd_summary *sa = cpd_result_summary(a), *sb = cpd_result_summary(b);
  size_t i, n = cpd_result_section_count(a);
  if (sa->counted != sb->counted || sa->required != sb->required ||
      sa->shortfall != sb->shortfall) {
    print_error("%s: counted %lld -> %lld, shortfall %lld -> %lld\n", what,
                (long long)sa->counted, (long long)sb->counted,
                (long long)sa->shortfall, (long long)sb->shortfall);
    return 0;
  }
  if (n != cpd_result_section_count(b))
    return 0;
  for (i = 0; i < n; i++) {
    const cpd_section_total *x = cpd_result_section(a, i),
                            *y = cpd_result_section(b, i);
    if (!str_eq(x->section, y->section) || x->claimed != y->claimed ||
        x->counted != y->counted || x->cap != y->cap ||
        x->entries != y->entries || x->year != y->year) {
      print_error("%s: section %s claimed %lld/%lld counted %lld/%lld "
                  "entries %zu/%zu\n",
                  what, x->section, (long long)x->claimed,
                  (long long)y->claimed, (long long)x->counted,
                  (long long)y->counted, x->entries, y->entries);
      return 0;
    }
  }
  if (!acts_too)
    return 1;
  n = cpd_result_activity_count(a);
  if (n != cpd_result_activity_count(b))
    return 0;
  for (i = 0; i < n; i++) {
    const cpd_activity_result *x = cpd_result_activity(a, i),
                              *y = cpd_result_activity(b, map ? map[i] : i);
    if (!str_eq(x->section, y->section) || x->year != y->year ||
        x->claimed != y->claimed || x->counted != y->counted ||
        x->status != y->status || !str_eq(x->id, y->id)) {
      print_error("%s: activity %zu: %s/%s %lld/%lld %s/%s\n", what, i,
                  x->section ? x->section : "-", y->section ? y->section : "-",
                  (long long)x->counted, (long long)y->counted,
                  cpd_activity_status_str(x->status),
                  cpd_activity_status_str(y->status));
      return 0;
    }
  }
  return 1;
}

static int same_summary(const cpd_result *a, const cpd_result *b,
                        int subject_too) {
  const cpd_summary *x = cpd_result_summary(a), *y = cpd_result_summary(b);
  return x->decision == y->decision && x->applied_on == y->applied_on &&
         str_eq(x->qualification, y->qualification) &&
         x->period_starts_on == y->period_starts_on &&
         x->period_expires_on == y->period_expires_on &&
         x->period_years == y->period_years &&
         x->window_opens_on == y->window_opens_on &&
         x->window_closes_on == y->window_closes_on &&
         x->window_status == y->window_status &&
         x->renewal_starts_on == y->renewal_starts_on &&
         x->renewal_expires_on == y->renewal_expires_on &&
         (!subject_too || str_eq(x->email_subject, y->email_subject)) &&
         str_eq(x->policy_name, y->policy_name);
}

/* Appends text to a growable string with every activity index replaced:
 * "/activities/N" in paths by map[N], and the activity numbers of messages
 * ("Activity N", "activity N", "活動 N", counted from 1) by map[N-1]+1. */
static void put_mapped(gen_buf *b, const char *s, const size_t *map) {
  static const char act[] = "/activities/";
  static const char *const words[] = {"Activity ", "activity ",
                                      "\xe6\xb4\xbb\xe5\x8b\x95 "};
  while (*s) {
    const char *digits = NULL;
    size_t pre = 0, w, one = 0;
    for (w = 0; w < 3 && !digits; w++) {
      size_t n = strlen(words[w]);
      if (strncmp(s, words[w], n) == 0 && s[n] >= '1' && s[n] <= '9') {
        pre = n;
        digits = s + n;
        one = 1;
      }
    }
    if (!digits && strncmp(s, act, sizeof act - 1) == 0 &&
        s[sizeof act - 1] >= '0' && s[sizeof act - 1] <= '9') {
      pre = sizeof act - 1;
      digits = s + pre;
    }
    if (digits && map) {
      char num[32];
      char *end;
      unsigned long long k = strtoull(digits, &end, 10) - one;
      int nw = snprintf(num, sizeof num, "%zu", map[k] + one);
      gen_buf_reserve(b, pre + (size_t)nw);
      memcpy(b->p + b->len, s, pre);
      memcpy(b->p + b->len + pre, num, (size_t)nw);
      b->len += pre + (size_t)nw;
      s = end;
    } else {
      gen_buf_reserve(b, 1);
      b->p[b->len++] = *s++;
    }
  }
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The diagnostics as sorted lines "code|severity|path|message|message_ja"
 * with indices mapped; the caller frees the array and its strings. */
static char **diag_lines(const cpd_result *r, const size_t *map, size_t *n) {
  size_t i, k = cpd_result_diagnostic_count(r);
  char **v = xmalloc(k * sizeof *v);
  for (i = 0; i < k; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    gen_buf b = {NULL, 0, 0};
    put_mapped(&b, d->code, NULL);
    put_mapped(&b, "|", NULL);
    put_mapped(&b, cpd_severity_str(d->severity), NULL);
    put_mapped(&b, "|", NULL);
    put_mapped(&b, d->path, map);
    put_mapped(&b, "|", NULL);
    put_mapped(&b, d->message, map);
    put_mapped(&b, "|", NULL);
    put_mapped(&b, d->message_ja, map);
    gen_buf_reserve(&b, 1);
    b.p[b.len] = '\0';
    v[i] = b.p;
  }
  qsort(v, k, sizeof *v, cmp_str);
  *n = k;
  return v;
}

static void free_lines(char **v, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

/* The same diagnostics (as a multiset), a's indices mapped through map. */
static int same_diagnostics(const cpd_result *a, const size_t *map,
                            const cpd_result *b, const char *what) {
  size_t na, nb, i;
  char **la = diag_lines(a, map, &na), **lb = diag_lines(b, NULL, &nb);
  int ok = na == nb;
  for (i = 0; ok && i < na; i++)
    if (strcmp(la[i], lb[i]) != 0) {
      print_error("%s: diagnostic %s\n  became %s\n", what, la[i], lb[i]);
      ok = 0;
    }
  if (na != nb)
    print_error("%s: %zu diagnostics became %zu\n", what, na, nb);
  free_lines(la, na);
  free_lines(lb, nb);
  return ok;
}

static void report(const char *property, uint64_t seed, unsigned long tried,
                   unsigned long premise, const char *premise_name) {
  printf("metamorphic: %s: seed %llu, %lu applications tried, %lu %s\n",
         property, (unsigned long long)seed, tried, premise, premise_name);
  fflush(stdout);
}

#define FAIL_AT(s, ...)                                                        \
  do {                                                                         \
    print_error("seed %llu application %lu: ", (unsigned long long)(s)->seed,  \
                (s)->n);                                                       \
    print_error(__VA_ARGS__);                                                  \
    fail();                                                                    \
  } while (0)

/* ------------------------------------------------------------ properties */

/* Permuting activities that have distinct completion dates changes nothing
 * but indices: the summary, the sections, every activity's result (moved
 * with it) and the diagnostics (as a multiset, indices mapped). */
static void test_permuting_activities_changes_only_indices(void **state) {
  stream s;
  unsigned long tried = 0, permuted = 0;
  (void)state;
  stream_open(&s, 101, 1, 0);
  while (tried < napps) {
    cpd_document *doc = stream_next_doc(&s);
    const cpd_application *a = cpd_document_application(doc);
    app_copy base, perm;
    size_t i, j, nseen = 0, *map;
    cpd_day *seen;
    cpd_result *ra, *rb;
    /* keep the activities whose date no earlier one has (an invalid date
     * meets nothing: it is kept) */
    copy_app(&base, a, 0);
    seen = xmalloc((a->activity_count + 1) * sizeof *seen);
    base.n = 0;
    for (i = 0; i < a->activity_count; i++) {
      cpd_day d = day_of(&a->activities[i].completed_on);
      int dup = 0;
      for (j = 0; j < nseen && d != CPD_DAY_NONE; j++)
        dup |= seen[j] == d;
      if (dup)
        continue;
      if (d != CPD_DAY_NONE)
        seen[nseen++] = d;
      base.acts[base.n++] = a->activities[i];
    }
    base.app.activity_count = base.n;
    copy_app(&perm, &base.app, 0);
    /* map: base index -> permuted index (Fisher-Yates) */
    map = xmalloc((base.n + 1) * sizeof *map);
    for (i = 0; i < base.n; i++)
      map[i] = i;
    for (i = base.n; i > 1; i--) {
      size_t k = pick_below(&s, (uint32_t)i), t = map[i - 1];
      map[i - 1] = map[k];
      map[k] = t;
    }
    for (i = 0; i < base.n; i++)
      perm.acts[map[i]] = base.acts[i];
    for (i = 0; i < base.n && map[i] == i; i++)
      ;
    permuted += i < base.n;
    ra = cpdt_evaluate(NULL, &base.app);
    rb = cpdt_evaluate(NULL, &perm.app);
    if (!same_summary(ra, rb, 1) || !same_points(ra, rb, map, 1, "permuted") ||
        !same_diagnostics(ra, map, rb, "permuted"))
      FAIL_AT(&s, "permuting %zu activities changed the result\n", base.n);
    cpd_result_free(ra);
    cpd_result_free(rb);
    free(map);
    free(seen);
    free_copy(&perm);
    free_copy(&base);
    cpd_document_free(doc);
    tried++;
  }
  stream_close(&s);
  report("permutation", s.seed, tried, permuted, "with the order changed");
}

/* A valid activity for the application a evaluated as r: a known category,
 * a date in the period and not after applied_on, hours, points at most the
 * hours (or none), a title no other activity has, and evidence.  Returns 0
 * when the period holds no such day. */
static int valid_activity(stream *s, const cpd_result *r, cpd_activity *x,
                          char date[11], char title[64], cpd_value *evidence) {
  static const char *const cats[] = {"A", "B", "C", "D"};
  const cpd_summary *sm = cpd_result_summary(r);
  cpd_day last = sm->applied_on < sm->period_expires_on ? sm->applied_on
                                                        : sm->period_expires_on;
  cpd_points hours;
  if (last < sm->period_starts_on)
    return 0;
  memset(x, 0, sizeof *x);
  cpd_day_format(date, sm->period_starts_on +
                           (cpd_day)pick_below(
                               s, (uint32_t)(last - sm->period_starts_on + 1)));
  snprintf(title, 64, "metamorphic added %lu", s->n);
  hours = 1 + pick_below(s, 800);
  x->category.kind = CPD_VALUE_TEXT;
  x->category.text = cats[pick_below(s, 4)];
  x->title.kind = CPD_VALUE_TEXT;
  x->title.text = title;
  x->completed_on.kind = CPD_VALUE_TEXT;
  x->completed_on.text = date;
  x->hours.kind = CPD_VALUE_NUMBER;
  x->hours.number = (double)hours / 100.0;
  if (pick_below(s, 2)) {
    x->points.kind = CPD_VALUE_NUMBER;
    x->points.number = (double)pick_below(s, (uint32_t)hours + 1) / 100.0;
  }
  evidence->kind = CPD_VALUE_TEXT;
  evidence->text = "certificate.pdf";
  x->evidence = evidence;
  x->evidence_count = 1;
  return 1;
}

/* Adding a valid activity anywhere never lowers the counted points or any
 * section's counted points. */
static void test_adding_a_valid_activity_never_lowers_points(void **state) {
  stream s;
  unsigned long tried = 0, added = 0;
  (void)state;
  stream_open(&s, 202, 1, 0);
  while (tried < napps) {
    cpd_document *doc = stream_next_doc(&s);
    const cpd_application *a = cpd_document_application(doc);
    cpd_result *ra = cpdt_evaluate(NULL, a), *rb;
    cpd_activity x;
    cpd_value ev;
    char date[11], title[64];
    app_copy c;
    size_t at, i;
    if (valid_activity(&s, ra, &x, date, title, &ev)) {
      copy_app(&c, a, 1);
      at = pick_below(&s, (uint32_t)c.n + 1);
      insert_act(&c, at, &x);
      rb = cpdt_evaluate(NULL, &c.app);
      if (cpd_result_activity(rb, at)->status == CPD_ACTIVITY_REJECTED)
        FAIL_AT(&s, "the added activity (%s %s) was rejected\n",
                x.category.text, date);
      if (cpd_result_summary(rb)->counted < cpd_result_summary(ra)->counted)
        FAIL_AT(&s, "adding %s %s at %zu lowered counted\n", x.category.text,
                date, at);
      for (i = 0; i < cpd_result_section_count(ra); i++)
        if (cpd_result_section(rb, i)->counted <
            cpd_result_section(ra, i)->counted)
          FAIL_AT(&s, "adding %s %s at %zu lowered section %s\n",
                  x.category.text, date, at,
                  cpd_result_section(ra, i)->section);
      cpd_result_free(rb);
      free_copy(&c);
      added++;
    }
    cpd_result_free(ra);
    cpd_document_free(doc);
    tried++;
  }
  stream_close(&s);
  report("adding a valid activity", s.seed, tried, added, "with one added");
}

static int rank(cpd_decision d) {
  return d == CPD_ELIGIBLE ? 0 : d == CPD_INCOMPLETE ? 1 : 2;
}

/* Raising a cap or lowering required_points never turns eligible into
 * anything else; nor does it lower a section's counted points or make any
 * decision worse. */
static void
test_raising_a_cap_or_lowering_required_keeps_eligible(void **state) {
  static const char *const looser[] = {
      "{\"sections\":[{\"category\":\"B\",\"cap\":5.01}]}",
      "{\"sections\":[{\"category\":\"C\",\"cap\":7.5}]}",
      "{\"sections\":[{\"category\":\"D\",\"cap\":10}]}",
      "{\"sections\":[{\"category\":\"B\",\"cap\":null},"
      "{\"category\":\"C\",\"cap\":null},{\"category\":\"D\",\"cap\":null}]}",
      "{\"sections\":[{\"category\":\"A\",\"cap\":null},"
      "{\"category\":\"B\",\"cap\":6},{\"category\":\"C\",\"cap\":6},"
      "{\"category\":\"D\",\"cap\":6}]}",
      "{\"required_points\":29.99}",
      "{\"required_points\":20}",
      "{\"required_points\":0}",
      "{\"required_points\":25,\"sections\":[{\"category\":\"C\",\"cap\":8}]}"};
  enum { NL = sizeof looser / sizeof looser[0] };
  cpd_policy *p[NL];
  stream s;
  unsigned long tried = 0, eligible = 0;
  size_t k;
  (void)state;
  for (k = 0; k < NL; k++)
    p[k] = cpdt_policy(looser[k]);
  stream_open(&s, 303, 1, 0);
  /* tried counts applications eligible under the default policy */
  while (eligible < napps) {
    cpd_document *doc = stream_next_doc(&s);
    const cpd_application *a = cpd_document_application(doc);
    cpd_result *ra = cpdt_evaluate(NULL, a), *rb;
    size_t i;
    k = pick_below(&s, NL);
    rb = cpdt_evaluate(p[k], a);
    if (cpd_result_summary(ra)->decision == CPD_ELIGIBLE) {
      eligible++;
      if (cpd_result_summary(rb)->decision != CPD_ELIGIBLE)
        FAIL_AT(&s, "eligible became %s under %s\n",
                cpd_decision_str(cpd_result_summary(rb)->decision), looser[k]);
    }
    if (rank(cpd_result_summary(rb)->decision) >
        rank(cpd_result_summary(ra)->decision))
      FAIL_AT(&s, "%s became %s under %s\n",
              cpd_decision_str(cpd_result_summary(ra)->decision),
              cpd_decision_str(cpd_result_summary(rb)->decision), looser[k]);
    for (i = 0; i < cpd_result_section_count(ra); i++)
      if (cpd_result_section(rb, i)->counted <
          cpd_result_section(ra, i)->counted)
        FAIL_AT(&s, "section %s lost points under %s\n",
                cpd_result_section(ra, i)->section, looser[k]);
    cpd_result_free(ra);
    cpd_result_free(rb);
    cpd_document_free(doc);
    tried++;
  }
  stream_close(&s);
  for (k = 0; k < NL; k++)
    cpd_policy_free(p[k]);
  report("raising a cap / lowering required_points", s.seed, tried, eligible,
         "eligible under the default policy");
}

/* Moving applied_on later inside the open window, when no activity is dated
 * after the original applied_on, changes no points (nor any activity's
 * result, nor the decision or the diagnostics). */
static void
test_moving_applied_on_later_in_the_window_changes_no_points(void **state) {
  stream s;
  unsigned long tried = 0, moved = 0;
  (void)state;
  stream_open(&s, 404, 1, 0);
  while (moved < napps) {
    cpd_document *doc = stream_next_doc(&s);
    const cpd_application *a = cpd_document_application(doc);
    cpd_result *r0 = cpdt_evaluate(NULL, a), *ra, *rb;
    const cpd_summary *sm = cpd_result_summary(r0);
    app_copy base, later;
    size_t i;
    char day[11];
    tried++;
    if (sm->window_status != CPD_WINDOW_OPEN ||
        sm->applied_on >= sm->window_closes_on) {
      cpd_result_free(r0);
      cpd_document_free(doc);
      continue;
    }
    /* drop the activities dated after applied_on */
    copy_app(&base, a, 0);
    base.n = 0;
    for (i = 0; i < a->activity_count; i++) {
      cpd_day d = day_of(&a->activities[i].completed_on);
      if (d == CPD_DAY_NONE || d <= sm->applied_on)
        base.acts[base.n++] = a->activities[i];
    }
    base.app.activity_count = base.n;
    copy_app(&later, &base.app, 0);
    cpd_day_format(day,
                   sm->applied_on + 1 +
                       (cpd_day)pick_below(&s, (uint32_t)(sm->window_closes_on -
                                                          sm->applied_on)));
    later.app.applied_on.kind = CPD_VALUE_TEXT;
    later.app.applied_on.text = day;
    later.app.applied_on.number = 0;
    ra = cpdt_evaluate(NULL, &base.app);
    rb = cpdt_evaluate(NULL, &later.app);
    if (!same_points(ra, rb, NULL, 1, "applied_on moved") ||
        cpd_result_summary(ra)->decision != cpd_result_summary(rb)->decision ||
        !same_diagnostics(ra, NULL, rb, "applied_on moved"))
      FAIL_AT(&s, "moving applied_on to %s changed the result\n", day);
    moved++;
    cpd_result_free(ra);
    cpd_result_free(rb);
    cpd_result_free(r0);
    free_copy(&later);
    free_copy(&base);
    cpd_document_free(doc);
  }
  stream_close(&s);
  report("moving applied_on later", s.seed, tried, moved,
         "applied in the open window (moved)");
}

/* Splitting one valid activity into two in the same section (same
 * category and fiscal year, different dates, the same total of hours and
 * of points) never changes that section's counted points (nor the total).
 * The points are split as the form would be filled in: each part claims
 * no more than its hours are worth when the whole did not, and at least
 * that when the whole claimed more (R5 reduces each activity on its own:
 * docs/RULES.md, R5 "Reading"). */
static void test_splitting_an_activity_keeps_its_section_points(void **state) {
  stream s;
  unsigned long tried = 0, split = 0;
  (void)state;
  stream_open(&s, 505, 1, 0);
  while (split < napps) {
    cpd_document *doc = stream_next_doc(&s);
    const cpd_application *a = cpd_document_application(doc);
    cpd_result *ra = cpdt_evaluate(NULL, a), *rb;
    const cpd_summary *sm = cpd_result_summary(ra);
    size_t n = a->activity_count, tries, i = 0;
    int done = 0;
    tried++;
    for (tries = 0; tries < 8 && n && !done; tries++) {
      const cpd_activity_result *ar;
      const cpd_activity *x;
      cpd_points h, p = 0, h1, h2, p1 = 0, p2 = 0;
      int hp, pp;
      cpd_day d, ys, ye, last, d2;
      char date2[11], title2[300];
      cpd_activity part1, part2;
      app_copy c;
      const char *sec;
      size_t at, si;
      i = pick_below(&s, (uint32_t)n);
      ar = cpd_result_activity(ra, i);
      x = &a->activities[i];
      if (ar->status == CPD_ACTIVITY_REJECTED)
        continue;
      hp = hundredths_of(&x->hours, &h);
      pp = hundredths_of(&x->points, &p);
      d = day_of(&x->completed_on);
      if (hp != 1 || pp < 0 || h < 2 || d == CPD_DAY_NONE ||
          x->title.kind != CPD_VALUE_TEXT || !x->title.text)
        continue;
      /* another day of the same fiscal year, in the period, not after
       * applied_on */
      assert_int_equal(cpd_result_period_year(ra, ar->year, &ys, &ye), CPD_OK);
      last = ye < sm->period_expires_on ? ye : sm->period_expires_on;
      if (sm->applied_on < last)
        last = sm->applied_on;
      if (last - ys < 1)
        continue;
      d2 = ys + (cpd_day)pick_below(&s, (uint32_t)(last - ys));
      if (d2 >= d)
        d2++;
      h1 = 1 + (cpd_points)pick_below(&s, (uint32_t)(h - 1));
      h2 = h - h1;
      if (pp == 1) {
        if (p <= h) { /* each part within its hours */
          p1 = p < h1 ? p : h1;
          p2 = p - p1;
        } else { /* each part above its hours */
          p1 = h1 + (cpd_points)pick_below(&s, (uint32_t)(p - h + 1));
          p2 = p - p1;
        }
      }
      part1 = *x;
      part2 = *x;
      part1.hours.kind = part2.hours.kind = CPD_VALUE_NUMBER;
      part1.hours.number = (double)h1 / 100.0;
      part2.hours.number = (double)h2 / 100.0;
      if (pp == 1) {
        part1.points.kind = part2.points.kind = CPD_VALUE_NUMBER;
        part1.points.number = (double)p1 / 100.0;
        part2.points.number = (double)p2 / 100.0;
      }
      cpd_day_format(date2, d2);
      part2.completed_on.kind = CPD_VALUE_TEXT;
      part2.completed_on.text = date2;
      snprintf(title2, sizeof title2, "%.200s (part 2)", x->title.text);
      part2.title.text = title2;
      part2.id.kind = CPD_VALUE_ABSENT;
      copy_app(&c, a, 1);
      c.acts[i] = part1;
      at = pick_below(&s, (uint32_t)c.n + 1);
      insert_act(&c, at, &part2);
      rb = cpdt_evaluate(NULL, &c.app);
      sec = ar->section;
      for (si = 0; si < cpd_result_section_count(ra); si++)
        if (str_eq(cpd_result_section(ra, si)->section, sec) &&
            cpd_result_section(rb, si)->counted !=
                cpd_result_section(ra, si)->counted)
          FAIL_AT(&s,
                  "splitting activity %zu of %s (hundredths: %lld h, %lld p) "
                  "into %lld+%lld h, %lld+%lld p on another day changed %s\n",
                  i, sec, (long long)h, (long long)p, (long long)h1,
                  (long long)h2, (long long)p1, (long long)p2, sec);
      if (cpd_result_summary(rb)->counted != sm->counted)
        FAIL_AT(&s, "splitting activity %zu changed counted\n", i);
      cpd_result_free(rb);
      free_copy(&c);
      done = 1;
    }
    split += (unsigned long)done;
    cpd_result_free(ra);
    cpd_document_free(doc);
  }
  stream_close(&s);
  report("splitting an activity", s.seed, tried, split, "with one split");
}

/* Redacting never changes the points, the sections or any activity's
 * result. */
static void
test_redacting_changes_no_points_sections_or_statuses(void **state) {
  stream s;
  unsigned long tried = 0;
  (void)state;
  stream_open(&s, 606, 1, 0);
  while (tried < napps) {
    size_t len;
    const char *json = stream_next(&s, &len);
    char *red = NULL;
    cpd_result *ra = NULL, *rb = NULL;
    cpd_error err;
    assert_int_equal(cpd_evaluate_json(&ra, NULL, json, len, NULL, &err),
                     CPD_OK);
    assert_int_equal(cpd_redact_json(&red, json, len, NULL, &err), CPD_OK);
    assert_int_equal(cpd_evaluate_json(&rb, NULL, red, strlen(red), NULL, &err),
                     CPD_OK);
    if (!same_points(ra, rb, NULL, 1, "redacted"))
      FAIL_AT(&s, "redaction changed the points\n");
    cpd_result_free(ra);
    cpd_result_free(rb);
    cpd_string_free(red);
    tried++;
  }
  stream_close(&s);
  report("redaction", s.seed, tried, tried, "redacted");
}

/* counted equals the sum over the sections (and over the activities) and
 * never exceeds the sum of claimed points; each section stays under its
 * cap; shortfall is what is missing; an activity's status agrees with its
 * numbers.  Under the default policy and a policy of other caps. */
static void check_totals(stream *s, const cpd_result *r) {
  const cpd_summary *sm = cpd_result_summary(r);
  cpd_points sec_sum = 0, act_sum = 0, claimed_sum = 0, sec_claimed = 0;
  size_t i;
  for (i = 0; i < cpd_result_section_count(r); i++) {
    const cpd_section_total *t = cpd_result_section(r, i);
    sec_sum += t->counted;
    sec_claimed += t->claimed;
    if (t->counted > t->claimed || t->counted < 0 ||
        (t->cap != CPD_NO_CAP && t->counted > t->cap))
      FAIL_AT(s, "section %s counts %lld of %lld (cap %lld)\n", t->section,
              (long long)t->counted, (long long)t->claimed, (long long)t->cap);
  }
  for (i = 0; i < cpd_result_activity_count(r); i++) {
    const cpd_activity_result *x = cpd_result_activity(r, i);
    act_sum += x->counted;
    if (x->status != CPD_ACTIVITY_REJECTED)
      claimed_sum += x->claimed;
    if (x->counted < 0 || x->counted > x->claimed ||
        (x->status == CPD_ACTIVITY_REJECTED && x->counted != 0) ||
        (x->status == CPD_ACTIVITY_COUNTED && x->counted != x->claimed) ||
        (x->status == CPD_ACTIVITY_CAPPED && x->counted != 0) ||
        (x->status == CPD_ACTIVITY_PARTIALLY_COUNTED &&
         (x->counted == 0 || x->counted == x->claimed)))
      FAIL_AT(s, "activity %zu: %s with %lld of %lld\n", i,
              cpd_activity_status_str(x->status), (long long)x->counted,
              (long long)x->claimed);
  }
  if (sm->counted != sec_sum || sm->counted != act_sum ||
      sec_claimed != claimed_sum || sm->counted > claimed_sum ||
      sm->shortfall !=
          (sm->required > sm->counted ? sm->required - sm->counted : 0))
    FAIL_AT(s,
            "counted %lld, sections %lld, activities %lld, claimed %lld "
            "(sections %lld), shortfall %lld\n",
            (long long)sm->counted, (long long)sec_sum, (long long)act_sum,
            (long long)claimed_sum, (long long)sec_claimed,
            (long long)sm->shortfall);
}

static void
test_counted_is_the_sum_of_sections_and_at_most_claimed(void **state) {
  cpd_policy *other = cpdt_policy(
      "{\"required_points\":12.5,\"points_per_hour\":1.5,\"sections\":["
      "{\"category\":\"A\",\"cap\":10},{\"category\":\"B\",\"cap\":0},"
      "{\"category\":\"C\",\"cap\":2.25,\"per_year\":false},"
      "{\"category\":\"D\",\"cap\":null}]}");
  stream s;
  unsigned long tried = 0;
  (void)state;
  stream_open(&s, 707, 1, 0);
  while (tried < napps) {
    cpd_document *doc = stream_next_doc(&s);
    const cpd_application *a = cpd_document_application(doc);
    cpd_result *r = cpdt_evaluate(NULL, a), *ro = cpdt_evaluate(other, a);
    check_totals(&s, r);
    check_totals(&s, ro);
    cpd_result_free(r);
    cpd_result_free(ro);
    cpd_document_free(doc);
    tried++;
  }
  stream_close(&s);
  cpd_policy_free(other);
  report("totals", s.seed, tried, tried * 2, "evaluations checked");
}

/* --------------------------------------------------------- determinism */

/* FNV-1a of the answer to one document: the result document, or the
 * error document of an input error. */
static uint64_t answer_hash(const cpd_policy *p, const char *json, size_t len) {
  char *out = NULL;
  cpd_error err;
  uint64_t h = 1469598103934665603ull;
  size_t i;
  cpd_status st = cpd_check_json(&out, p, json, len, NULL, &err);
  if (st == CPD_EINPUT)
    st = cpd_error_to_json(&out, &err);
  if (st != CPD_OK)
    return 0;
  for (i = 0; out[i]; i++) {
    h ^= (unsigned char)out[i];
    h *= 1099511628211ull;
  }
  cpd_string_free(out);
  return h;
}

#define CHUNK 250
#define THREADS 4

typedef struct chunk {
  const cpd_policy *p;
  char *json[CHUNK];
  size_t len[CHUNK], n;
  uint64_t want[CHUNK];
} chunk;

typedef struct worker {
  const chunk *c;
  size_t start, share;
  unsigned long mismatches;
} worker;

static void *work(void *arg) {
  worker *w = arg;
  size_t i, k;
  /* the chunk is shared out between the threads, each walking it in its
   * own order, all at once */
  for (k = 0; k < w->c->n; k++) {
    i = (w->start + k) % w->c->n;
    if (i % THREADS != w->share)
      continue;
    if (answer_hash(w->c->p, w->c->json[i], w->c->len[i]) != w->c->want[i])
      w->mismatches++;
  }
  return NULL;
}

static void chunk_fill(chunk *c, stream *s, unsigned long left) {
  size_t i;
  c->n = left < CHUNK ? left : CHUNK;
  for (i = 0; i < c->n; i++) {
    size_t len;
    const char *json = stream_next(s, &len);
    c->json[i] = xmalloc(len + 1);
    memcpy(c->json[i], json, len + 1);
    c->len[i] = len;
    c->want[i] = answer_hash(c->p, json, len);
    assert_true(c->want[i] != 0);
  }
}

static void chunk_free(chunk *c) {
  size_t i;
  for (i = 0; i < c->n; i++)
    free(c->json[i]);
  c->n = 0;
}

/* Input errors included (the generator's default 1% of lines). */
static const char versioned_policy[] =
    "{\"versions\":[{\"effective_from\":\"2019-01-01\"},"
    "{\"effective_from\":\"2026-02-01\",\"points_per_hour\":1.25,"
    "\"sections\":[{\"category\":\"C\",\"cap\":4.5}]}]}";

static void test_result_is_byte_identical_across_runs(void **state) {
  stream s;
  unsigned long tried = 0;
  cpd_policy *p = cpdt_policy(versioned_policy);
  chunk *c = xmalloc(sizeof *c);
  (void)state;
  stream_open(&s, 808, 1, 10);
  c->p = p;
  while (tried < napps) {
    size_t i;
    chunk_fill(c, &s, napps - tried);
    for (i = 0; i < c->n; i++)
      if (answer_hash(p, c->json[i], c->len[i]) != c->want[i])
        FAIL_AT(&s, "document %zu of the chunk answered differently\n", i);
    tried += (unsigned long)c->n; /* (a chunk is small) */
    chunk_free(c);
  }
  free(c);
  cpd_policy_free(p);
  stream_close(&s);
  report("byte-identical across runs", s.seed, tried, tried, "run twice");
}

static void test_result_is_byte_identical_across_threads(void **state) {
  stream s;
  unsigned long tried = 0;
  cpd_policy *p = cpdt_policy(versioned_policy);
  chunk *c = xmalloc(sizeof *c);
  (void)state;
  stream_open(&s, 909, 1, 10);
  c->p = p;
  while (tried < napps) {
    pthread_t t[THREADS];
    worker w[THREADS];
    size_t k;
    chunk_fill(c, &s, napps - tried);
    for (k = 0; k < THREADS; k++) {
      w[k].c = c;
      w[k].start = k * c->n / THREADS;
      w[k].share = k;
      w[k].mismatches = 0;
      assert_int_equal(pthread_create(&t[k], NULL, work, &w[k]), 0);
    }
    for (k = 0; k < THREADS; k++)
      assert_int_equal(pthread_join(t[k], NULL), 0);
    for (k = 0; k < THREADS; k++)
      if (w[k].mismatches)
        FAIL_AT(&s, "thread %zu: %lu answers differ\n", k, w[k].mismatches);
    tried += (unsigned long)c->n; /* (a chunk is small) */
    chunk_free(c);
  }
  free(c);
  cpd_policy_free(p);
  stream_close(&s);
  report("byte-identical across threads", s.seed, tried, tried,
         "answered again by 4 threads running at once");
}

/* The locales a user may run under: decimal comma (de_DE, fr_FR), the
 * Japanese one, the Turkish dotless i (glibc's names and Windows').  Every
 * document is answered under "C", under the first decimal-comma locale and
 * under one of the other installed ones in turn.  Those not installed are left
 * out; with no decimal-comma locale the test says so (skip), it does not pass.
 */
static void test_result_is_byte_identical_across_locales(void **state) {
  static const char *const locales[] = {
      "de_DE.UTF-8", "fr_FR.UTF-8", "ja_JP.UTF-8", "tr_TR.UTF-8", "C.UTF-8",
      /* the same under the Windows C runtime's names */
      "German_Germany.1252", "Japanese_Japan.932", "Turkish_Turkey.1254"};
  const char *have[sizeof locales / sizeof locales[0]];
  size_t nhave = 0, k, i;
  int comma = 0;
  stream s;
  unsigned long tried = 0;
  chunk *c;
  cpd_policy *p;
  (void)state;
  for (k = 0; k < sizeof locales / sizeof locales[0]; k++)
    if (setlocale(LC_ALL, locales[k])) {
      have[nhave++] = locales[k];
      if (!comma && strcmp(localeconv()->decimal_point, ",") == 0) {
        have[nhave - 1] = have[0]; /* the first decimal-comma one first */
        have[0] = locales[k];
        comma = 1;
      }
    }
  setlocale(LC_ALL, "C");
  if (!comma) {
    printf("metamorphic: locales: no decimal-comma locale installed: "
           "skipped\n");
    skip();
  }
  p = cpdt_policy(versioned_policy);
  c = xmalloc(sizeof *c);
  c->p = p;
  stream_open(&s, 1010, 1, 10);
  while (tried < napps) {
    chunk_fill(c, &s, napps - tried); /* the answers under "C" */
    /* every document again under the decimal-comma locale, and under one
     * of the others in turn */
    for (i = 0; i < c->n; i++) {
      const char *in[2];
      in[0] = have[0];
      in[1] = nhave > 1 ? have[1 + i % (nhave - 1)] : NULL;
      for (k = 0; k < 2 && in[k]; k++) {
        setlocale(LC_ALL, in[k]);
        if (answer_hash(p, c->json[i], c->len[i]) != c->want[i]) {
          setlocale(LC_ALL, "C");
          FAIL_AT(&s, "under %s document %zu answered differently\n", in[k], i);
        }
      }
    }
    setlocale(LC_ALL, "C");
    tried += (unsigned long)c->n; /* (a chunk is small) */
    chunk_free(c);
  }
  free(c);
  cpd_policy_free(p);
  stream_close(&s);
  printf("metamorphic: locales:");
  for (k = 0; k < nhave; k++)
    printf(" %s", have[k]);
  printf("\n");
  report("byte-identical across locales", s.seed, tried, tried,
         "answered under C, the decimal-comma locale and another");
}

/* ------------------------------------------------ readings made explicit */

/* An application of two activities (JSON objects), evaluated. */
static cpd_result *two_activities(const char *a, const char *b) {
  char json[600];
  cpd_result *r = NULL;
  snprintf(json, sizeof json,
           "{\"applied_on\":\"2027-02-10\",\"certification\":"
           "{\"expires_on\":\"2027-03-31\"},\"activities\":[%s,%s]}",
           a, b);
  assert_int_equal(cpd_evaluate_json(&r, NULL, json, strlen(json), NULL, NULL),
                   CPD_OK);
  return r;
}

/* R5 "Reading": the points reduction is per activity, so a split that
 * does not claim in proportion can change the worth (2 h / 2 p is worth 2;
 * 1 h / 2 p + 1 h / 0 p is worth 1 + 0). */
static void
test_r5_reading_an_unbalanced_split_changes_the_worth(void **state) {
  cpd_result *whole =
      two_activities("{\"category\":\"C\",\"title\":\"t\",\"completed_on\":"
                     "\"2025-06-01\",\"hours\":2,\"points\":2}",
                     "{\"category\":\"D\",\"title\":\"u\",\"completed_on\":"
                     "\"2025-06-01\",\"hours\":1}");
  cpd_result *split =
      two_activities("{\"category\":\"C\",\"title\":\"t\",\"completed_on\":"
                     "\"2025-06-01\",\"hours\":1,\"points\":2}",
                     "{\"category\":\"C\",\"title\":\"t2\",\"completed_on\":"
                     "\"2025-06-02\",\"hours\":1,\"points\":0}");
  (void)state;
  assert_string_equal(cpd_result_section(whole, 5)->section, "C-2");
  assert_int_equal(cpd_result_section(whole, 5)->counted, 200);
  assert_int_equal(cpd_result_section(split, 5)->counted, 100);
  cpd_result_free(whole);
  cpd_result_free(split);
}

/* R7 "Reading": of two duplicates the later in input order is rejected,
 * whatever their points, so a copy listed first displaces the original. */
static void
test_r7_reading_a_copy_listed_first_displaces_the_original(void **state) {
  cpd_result *r =
      two_activities("{\"category\":\"C\",\"title\":\"t\",\"completed_on\":"
                     "\"2025-06-01\",\"hours\":1}",
                     "{\"category\":\"C\",\"title\":\"t\",\"completed_on\":"
                     "\"2025-06-01\",\"hours\":4}");
  (void)state;
  assert_int_equal(cpd_result_activity(r, 0)->status, CPD_ACTIVITY_COUNTED);
  assert_int_equal(cpd_result_activity(r, 1)->status, CPD_ACTIVITY_REJECTED);
  assert_int_equal(cpd_result_summary(r)->counted, 100);
  cpd_result_free(r);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_permuting_activities_changes_only_indices),
      cmocka_unit_test(test_adding_a_valid_activity_never_lowers_points),
      cmocka_unit_test(test_raising_a_cap_or_lowering_required_keeps_eligible),
      cmocka_unit_test(
          test_moving_applied_on_later_in_the_window_changes_no_points),
      cmocka_unit_test(test_splitting_an_activity_keeps_its_section_points),
      cmocka_unit_test(test_redacting_changes_no_points_sections_or_statuses),
      cmocka_unit_test(test_counted_is_the_sum_of_sections_and_at_most_claimed),
      cmocka_unit_test(test_result_is_byte_identical_across_runs),
      cmocka_unit_test(test_result_is_byte_identical_across_threads),
      cmocka_unit_test(test_result_is_byte_identical_across_locales),
      cmocka_unit_test(test_r5_reading_an_unbalanced_split_changes_the_worth),
      cmocka_unit_test(
          test_r7_reading_a_copy_listed_first_displaces_the_original),
  };
  const char *env = getenv("CPD_METAMORPHIC_APPS");
  if (env && *env) {
    char *end;
    napps = strtoul(env, &end, 10);
    if (*end || napps == 0) {
      fprintf(stderr, "CPD_METAMORPHIC_APPS must be a positive number\n");
      return 2;
    }
  }
  if (argc > 1) /* a pattern: run only the tests it matches */
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
