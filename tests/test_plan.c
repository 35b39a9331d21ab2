/* test_plan.c - the planner: sections still open, room left, reachability
 * (checked against a brute-force placement through the real engine for
 * 1,000 random applications in progress), advice, JSON. */
#include "cpd_test.h"

#define MAX_ACTS 64

typedef struct app_builder {
  cpd_application app;
  cpd_activity acts[MAX_ACTS];
  char dates[MAX_ACTS][11];
  char cats[MAX_ACTS][2];
  char titles[MAX_ACTS][16];
  cpd_value evidence[1];
} app_builder;

static void builder_init(app_builder *b) {
  cpd_value ev = CPD_TEXT("certificate.pdf");
  memset(b, 0, sizeof *b);
  b->evidence[0] = ev;
  b->app.version = CPD_APPLICATION_VERSION;
  b->app.qualification.kind = CPD_VALUE_TEXT;
  b->app.qualification.text = "OMP";
  b->app.expires_on.kind = CPD_VALUE_TEXT;
  b->app.expires_on.text = "2027-03-31";
  b->app.activities = b->acts;
}

static void add_act(app_builder *b, char cat, cpd_day when, double hours) {
  size_t i = b->app.activity_count++;
  cpd_activity *a = &b->acts[i];
  assert_true(i < MAX_ACTS);
  memset(a, 0, sizeof *a);
  cpd_day_format(b->dates[i], when);
  b->cats[i][0] = cat;
  b->cats[i][1] = '\0';
  snprintf(b->titles[i], sizeof b->titles[i], "t%zu", i);
  a->category.kind = CPD_VALUE_TEXT;
  a->category.text = b->cats[i];
  a->completed_on.kind = CPD_VALUE_TEXT;
  a->completed_on.text = b->dates[i];
  a->title.kind = CPD_VALUE_TEXT;
  a->title.text = b->titles[i];
  a->hours.kind = CPD_VALUE_NUMBER;
  a->hours.number = hours;
  a->evidence = b->evidence;
  a->evidence_count = 1;
}

static const cpd_plan_section *section(const cpd_plan *p, const char *name) {
  size_t i;
  for (i = 0; i < cpd_plan_section_count(p); i++)
    if (strcmp(cpd_plan_section_at(p, i)->section, name) == 0)
      return cpd_plan_section_at(p, i);
  fail_msg("no section %s", name);
  return NULL;
}

static cpd_plan *plan_of(app_builder *b, const cpd_policy *pol, cpd_day as_of) {
  cpd_plan *p = NULL;
  cpd_error err;
  assert_int_equal(cpd_plan_evaluate(&p, pol, &b->app, as_of, &err), CPD_OK);
  return p;
}

static void test_plan_year_section_open_through_its_last_day(void **state) {
  app_builder b;
  cpd_plan *p;
  (void)state;
  builder_init(&b);
  p = plan_of(&b, NULL, cpdt_ymd(2025, 3, 31));
  assert_true(section(p, "B-1")->open);
  assert_int_equal(section(p, "B-1")->open_until, cpdt_ymd(2025, 3, 31));
  assert_int_equal(section(p, "B-1")->room, 500);
  cpd_plan_free(p);
  p = plan_of(&b, NULL, cpdt_ymd(2025, 4, 1));
  assert_false(section(p, "B-1")->open);
  assert_int_equal(section(p, "B-1")->room, 0);
  assert_int_equal(section(p, "B-1")->open_until, CPD_DAY_NONE);
  assert_true(section(p, "B-2")->open);
  cpd_plan_free(p);
}

static void test_plan_room_is_cap_minus_counted(void **state) {
  app_builder b;
  cpd_plan *p;
  (void)state;
  builder_init(&b);
  add_act(&b, 'C', cpdt_ymd(2026, 5, 1), 3.5);
  p = plan_of(&b, NULL, cpdt_ymd(2026, 6, 1));
  assert_int_equal(section(p, "C-3")->counted, 350);
  assert_int_equal(section(p, "C-3")->room, 150);
  assert_int_equal(cpd_plan_get_totals(p)->counted, 350);
  assert_int_equal(cpd_plan_get_totals(p)->needed, 2650);
  cpd_plan_free(p);
}

static void test_plan_a_is_unlimited_so_reachable(void **state) {
  app_builder b;
  cpd_plan *p;
  const cpd_plan_totals *t;
  (void)state;
  builder_init(&b);
  p = plan_of(&b, NULL, cpdt_ymd(2027, 3, 1));
  t = cpd_plan_get_totals(p);
  assert_true(t->unlimited);
  assert_true(t->reachable);
  assert_int_equal(section(p, "A")->room, CPD_NO_CAP);
  assert_non_null(strstr(t->advice, "any in A"));
  assert_non_null(strstr(t->advice_ja, "A に任意"));
  cpd_plan_free(p);
}

static void test_plan_nothing_open_after_the_window_closes(void **state) {
  app_builder b;
  cpd_plan *p;
  const cpd_plan_totals *t;
  size_t i;
  (void)state;
  builder_init(&b);
  p = plan_of(&b, NULL, cpdt_ymd(2027, 4, 1));
  t = cpd_plan_get_totals(p);
  for (i = 0; i < cpd_plan_section_count(p); i++)
    assert_false(cpd_plan_section_at(p, i)->open);
  assert_false(t->reachable);
  assert_int_equal(t->window_status, CPD_WINDOW_CLOSED);
  assert_int_equal(t->days_until_closes, -1);
  assert_non_null(strstr(t->advice, "can no longer be met"));
  cpd_plan_free(p);
}

static void test_plan_days_until_the_window(void **state) {
  app_builder b;
  cpd_plan *p;
  const cpd_plan_totals *t;
  (void)state;
  builder_init(&b);
  p = plan_of(&b, NULL, cpdt_ymd(2026, 11, 28));
  t = cpd_plan_get_totals(p);
  assert_int_equal(t->days_until_opens, 34);
  assert_int_equal(t->days_until_closes, 123);
  assert_int_equal(t->window_status, CPD_WINDOW_NOT_YET_OPEN);
  cpd_plan_free(p);
}

static void test_plan_drops_not_finished_yet_diagnostics(void **state) {
  app_builder b;
  cpd_plan *p;
  const cpd_result *r;
  size_t i;
  (void)state;
  builder_init(&b); /* no applicant, fee, oath: not finished, not wrong */
  add_act(&b, 'A', cpdt_ymd(2026, 1, 10), 2);
  b.acts[0].evidence_count = 0; /* already wrong: kept */
  p = plan_of(&b, NULL, cpdt_ymd(2026, 6, 1));
  r = cpd_plan_result(p);
  assert_int_equal(cpd_result_diagnostic_count(r), 1);
  for (i = 0; i < cpd_result_diagnostic_count(r); i++)
    assert_string_equal(cpd_result_diagnostic(r, i)->code,
                        "activity.evidence_missing");
  cpd_plan_free(p);
}

static void test_plan_future_dated_activity_is_already_wrong(void **state) {
  app_builder b;
  cpd_plan *p;
  const cpd_result *r;
  (void)state;
  builder_init(&b);
  add_act(&b, 'C', cpdt_ymd(2026, 9, 1), 2);
  p = plan_of(&b, NULL, cpdt_ymd(2026, 6, 1));
  r = cpd_plan_result(p);
  assert_int_equal(cpd_result_diagnostic_count(r), 1);
  assert_string_equal(cpd_result_diagnostic(r, 0)->code,
                      "activity.date_after_application");
  assert_int_equal(cpd_plan_get_totals(p)->counted, 0);
  cpd_plan_free(p);
}

static void test_plan_met_requirement_says_nothing_more(void **state) {
  app_builder b;
  cpd_plan *p;
  (void)state;
  builder_init(&b);
  add_act(&b, 'A', cpdt_ymd(2025, 6, 1), 30);
  p = plan_of(&b, NULL, cpdt_ymd(2026, 6, 1));
  assert_int_equal(cpd_plan_get_totals(p)->needed, 0);
  assert_true(cpd_plan_get_totals(p)->reachable);
  assert_non_null(strstr(cpd_plan_get_totals(p)->advice, "Nothing more"));
  cpd_plan_free(p);
}

static void test_plan_strict_window_closes_year_3_early(void **state) {
  const char pol_json[] = "{\"window\":{\"opens_months_before_renewal\":3,"
                          "\"closes_months_before_renewal\":1}}";
  cpd_policy *pol = NULL;
  app_builder b;
  cpd_plan *p;
  (void)state;
  assert_int_equal(
      cpd_policy_load_json(&pol, pol_json, strlen(pol_json), NULL, NULL),
      CPD_OK);
  builder_init(&b);
  p = plan_of(&b, pol, cpdt_ymd(2027, 1, 15));
  assert_int_equal(section(p, "D-3")->open_until, cpdt_ymd(2027, 2, 28));
  cpd_plan_free(p);
  p = plan_of(&b, pol, cpdt_ymd(2027, 3, 1));
  assert_false(section(p, "D-3")->open);
  cpd_plan_free(p);
  cpd_policy_free(pol);
}

static void test_plan_json_document(void **state) {
  const char json[] =
      "{\"certification\":{\"expires_on\":\"2027-03-31\"},"
      "\"activities\":[{\"category\":\"B\",\"completed_on\":\"2024-05-01\","
      "\"hours\":7,\"evidence\":[\"x\"]}]}";
  char *out = NULL;
  cpd_error err;
  (void)state;
  assert_int_equal(cpd_plan_json(&out, NULL, json, strlen(json),
                                 cpdt_ymd(2026, 11, 28), NULL, &err),
                   CPD_OK);
  assert_non_null(strstr(out, "\"as_of\":\"2026-11-28\""));
  assert_non_null(strstr(out, "\"needed\":25"));
  assert_non_null(strstr(out, "\"reachable\":true"));
  assert_non_null(strstr(out, "{\"section\":\"B-1\",\"year\":1,\"counted\":5,"
                              "\"cap\":5,\"open\":false,\"open_until\":null,"
                              "\"room\":0}"));
  cpd_string_free(out);
  assert_int_equal(
      cpd_plan_json(&out, NULL, "{", 1, cpdt_ymd(2026, 11, 28), NULL, &err),
      CPD_EINPUT);
  assert_null(out);
  assert_string_equal(err.code, "input.syntax");
  assert_int_equal(
      cpd_plan_json(&out, NULL, json, strlen(json), CPD_DAY_NONE, NULL, &err),
      CPD_EINVAL);
  cpd_plan_free(NULL);
}

/* ------------------------------------------------------- brute force */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static unsigned rnd(unsigned n) {
  rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
  return (unsigned)((rng_state >> 33) % n);
}

/* Reachable by brute force: place the most each open section can take
 * (every point that could still count) as real activities, evaluate with
 * the real engine on the window's last day, and see whether the total is
 * met.  Also: with caps everywhere, the engine's total must equal the
 * planner's reachable_max exactly. */
static int brute_force_one(const cpd_policy *pol) {
  app_builder b;
  cpd_plan *p;
  cpd_result *r = NULL;
  const cpd_plan_totals *t;
  cpd_day start = cpdt_ymd(2024, 4, 1), closes, as_of;
  static const char cats[] = "ABCD";
  size_t i, n, nacts;
  int brute;
  char applied[11];

  builder_init(&b);
  as_of = start + (cpd_day)rnd(1100); /* up to a little after 2027-03-31 */
  nacts = rnd(12);
  for (i = 0; i < nacts; i++) {
    cpd_day d = start + (cpd_day)rnd((unsigned)(as_of - start + 1));
    add_act(&b, cats[rnd(4)], d, (double)(rnd(800) + 1) / 100.0);
  }
  p = plan_of(&b, pol, as_of);
  t = cpd_plan_get_totals(p);
  closes = t->window_closes_on;

  n = cpd_plan_section_count(p);
  for (i = 0; i < n && b.app.activity_count < MAX_ACTS; i++) {
    const cpd_plan_section *s = cpd_plan_section_at(p, i);
    cpd_points room;
    if (!s->open)
      continue;
    room = s->room == CPD_NO_CAP ? t->required : s->room;
    if (room <= 0)
      continue;
    add_act(&b, s->section[0], s->open_until, (double)room / 100.0);
  }
  if (as_of > closes) {
    brute = t->needed == 0;
  } else {
    cpd_error err;
    cpd_day_format(applied, closes);
    b.app.applied_on.kind = CPD_VALUE_TEXT;
    b.app.applied_on.text = applied;
    assert_int_equal(cpd_evaluate(&r, pol, &b.app, &err), CPD_OK);
    brute = cpd_result_summary(r)->shortfall == 0;
    if (!t->unlimited)
      assert_int_equal(cpd_result_summary(r)->counted, t->reachable_max);
    cpd_result_free(r);
  }
  if (brute != t->reachable)
    fail_msg("as_of %d: planner says %d, brute force %d", (int)as_of,
             t->reachable, brute);
  cpd_plan_free(p);
  return brute;
}

static void test_plan_reachable_agrees_with_brute_force(void **state) {
  const char capped_a[] =
      "{\"sections\":[{\"category\":\"A\",\"cap\":6}]}"; /* makes it close */
  cpd_policy *pol = NULL;
  int i, yes = 0;
  (void)state;
  assert_int_equal(
      cpd_policy_load_json(&pol, capped_a, strlen(capped_a), NULL, NULL),
      CPD_OK);
  for (i = 0; i < 1000; i++)
    yes += brute_force_one(i % 4 == 0 ? NULL : pol);
  /* the sample must hold both answers, or the test proves little */
  assert_true(yes > 100);
  assert_true(yes < 900);
  cpd_policy_free(pol);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plan_year_section_open_through_its_last_day),
      cmocka_unit_test(test_plan_room_is_cap_minus_counted),
      cmocka_unit_test(test_plan_a_is_unlimited_so_reachable),
      cmocka_unit_test(test_plan_nothing_open_after_the_window_closes),
      cmocka_unit_test(test_plan_days_until_the_window),
      cmocka_unit_test(test_plan_drops_not_finished_yet_diagnostics),
      cmocka_unit_test(test_plan_future_dated_activity_is_already_wrong),
      cmocka_unit_test(test_plan_met_requirement_says_nothing_more),
      cmocka_unit_test(test_plan_strict_window_closes_year_3_early),
      cmocka_unit_test(test_plan_json_document),
      cmocka_unit_test(test_plan_reachable_agrees_with_brute_force),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
