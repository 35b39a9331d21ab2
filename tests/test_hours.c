/* test_hours.c - hours as people write them (RULES.md R5): the internal
 * parser cpd__hours_parse of units.c (plain decimals and the unit forms
 * 2時間, 2 時間, 1時間30分, 90分, 30分, 1.5h, 1.5 h; minutes truncated to
 * hundredths; everything else refused with the returns of
 * cpd__decimal_parse), and the same forms through cpd_check_json, where
 * hours take units and points do not. */
#include "cpd_test.h"

#include "internal.h"

/* ----------------------------------------------------------------- helpers */

/* cpd__hours_parse on the text as cpd_check_json sees it: normalised. */
static int hours_rc(const char *text, cpd_points *out) {
  cpd__buf norm = CPD__BUF_INIT;
  int rc;
  assert_int_equal(cpd__text_normalize(&norm, text, strlen(text)), CPD_OK);
  rc = cpd__hours_parse(norm.p ? norm.p : "", norm.len, out);
  cpd__buf_free(&norm);
  return rc;
}

static void assert_hours(const char *text, cpd_points hundredths) {
  cpd_points out = -12345;
  int rc = hours_rc(text, &out);
  if (rc != 0 || out != hundredths)
    fail_msg("\"%s\": rc %d, %lld hundredths; expected %lld", text, rc,
             (long long)out, (long long)hundredths);
}

static void assert_refused(const char *text, int expected_rc) {
  cpd_points out = -12345;
  int rc = hours_rc(text, &out);
  if (rc != expected_rc || out != -12345)
    fail_msg("\"%s\": rc %d (out %lld); expected rc %d, out untouched", text,
             rc, (long long)out, expected_rc);
}

/* ------------------------------------------------------- plain decimals */

static void test_plain_decimals_as_before(void **state) {
  (void)state;
  assert_hours("2", 200);
  assert_hours("1.5", 150);
  assert_hours("0.25", 25);
  assert_hours("６", 600);
  assert_hours("１．５", 150);
  assert_hours("1.50", 150);
}

static void test_plain_decimal_refusals_as_before(void **state) {
  (void)state;
  assert_refused("1.234", -2);
  assert_refused("1234567890123", -3);
  assert_refused("1.", -1);
  assert_refused("", -1);
  assert_refused("abc", -1);
}

/* ------------------------------------------------------------- 時間 (hours) */

static void test_hours_unit_jikan(void **state) {
  (void)state;
  assert_hours("2時間", 200);
  assert_hours("２時間", 200);
  assert_hours("1.5時間", 150);
  assert_hours("0.25時間", 25);
}

static void test_hours_unit_jikan_after_a_space(void **state) {
  (void)state;
  assert_hours("2 時間", 200);
  assert_hours("２　時間", 200); /* ideographic space, folded */
}

static void test_hours_unit_jikan_three_decimals_is_minus_2(void **state) {
  (void)state;
  assert_refused("1.234時間", -2);
}

static void test_hours_unit_jikan_too_large_is_minus_3(void **state) {
  (void)state;
  assert_refused("1234567890123時間", -3);
}

/* --------------------------------------------- 時間 and 分 (hours, minutes) */

static void test_hours_and_minutes(void **state) {
  (void)state;
  assert_hours("1時間30分", 150);
  assert_hours("1時間 30分", 150);
  assert_hours("1 時間 30 分", 150);
  assert_hours("１時間３０分", 150);
  assert_hours("0時間45分", 75);
  assert_hours("2時間0分", 200);
  assert_hours("2時間00分", 200);
}

static void test_hours_and_minutes_truncate_to_hundredths(void **state) {
  (void)state;
  assert_hours("1時間20分", 133); /* 1.333... */
  assert_hours("1時間40分", 166); /* 1.666... */
  assert_hours("0時間1分", 1);    /* 0.0166... */
  assert_hours("1時間59分", 198); /* 1.983... */
}

static void test_hours_and_60_minutes_or_more_is_refused(void **state) {
  (void)state;
  assert_refused("1時間60分", -1);
  assert_refused("1時間90分", -1);
}

static void test_hours_and_minutes_need_whole_hours(void **state) {
  (void)state;
  assert_refused("1.5時間30分", -1);
  assert_refused("-1時間30分", -1);
  assert_refused("1時間30.5分", -1);
  assert_refused("1時間分", -1);
  assert_refused("1時間30", -1);
  assert_refused("1時間30分x", -1);
}

static void test_hours_and_minutes_too_many_hours_is_minus_3(void **state) {
  (void)state;
  assert_refused("1234567890123時間30分", -3);
}

/* ------------------------------------------------------------ 分 (minutes) */

static void test_minutes(void **state) {
  (void)state;
  assert_hours("90分", 150);
  assert_hours("30分", 50);
  assert_hours("９０分", 150);
  assert_hours("90 分", 150);
  assert_hours("600分", 1000);
}

static void test_minutes_truncate_to_hundredths(void **state) {
  (void)state;
  assert_hours("80分", 133);  /* RULES.md R5: 80分 = 1.33 */
  assert_hours("100分", 166); /* 1.666... */
  assert_hours("1分", 1);
  assert_hours("0分", 0); /* a number; the rules then say "more than 0" */
}

static void test_minutes_must_be_whole(void **state) {
  (void)state;
  assert_refused("1.5分", -1);
  assert_refused("-30分", -1);
  assert_refused("+30分", -1);
  assert_refused("分", -1);
  assert_refused("30分30分", -1);
}

static void test_minutes_too_many_digits_is_minus_3(void **state) {
  (void)state;
  assert_refused("1234567890123分", -3);
  assert_hours("999999999999分", 1666666666665LL); /* truncated */
}

/* ----------------------------------------------------------------- h */

static void test_h(void **state) {
  (void)state;
  assert_hours("1.5h", 150);
  assert_hours("1.5 h", 150);
  assert_hours("2h", 200);
  assert_hours("１．５ｈ", 150); /* full width: NFKC */
}

static void test_h_refusals(void **state) {
  (void)state;
  assert_refused("1.234h", -2);
  assert_refused("h", -1);
  assert_refused("1.5hr", -1);
  assert_refused("1.5hh", -1);
  assert_refused("1h30m", -1);
  assert_refused("1.5H", -1); /* only h, as R5 lists it */
}

/* ----------------------------------------------------- everything else */

static void test_other_forms_stay_refused(void **state) {
  (void)state;
  assert_refused("2時", -1);
  assert_refused("2時間半", -1);
  assert_refused("時間", -1);
  assert_refused("2 hours", -1);
  assert_refused("二時間", -1);
  assert_refused("2秒", -1);
  assert_refused("1..5時間", -1);
  assert_refused(".5時間", -1);
  assert_refused("2時間2時間", -1);
  assert_refused("約2時間", -1);
}

static void test_sign_and_zero_are_left_to_the_range_check(void **state) {
  (void)state;
  /* what cpd__decimal_parse reads, so the rules report them as out of
   * range, not as "not a number" */
  assert_hours("-2時間", -200);
  assert_hours("0h", 0);
}

/* ------------------------------------------------- through cpd_check_json */

#define APP_HEAD                                                               \
  "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","                  \
  "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":\"2027-03-31\"},"    \
  "\"oath_agreed\":true,\"activities\":[{\"category\":\"C\","                  \
  "\"title\":\"t\",\"completed_on\":\"2025-01-10\","

/* The result of one C activity with the given "hours" and "points"
 * members (JSON text); the caller deletes it. */
static cJSON *check_one(const char *members) {
  char json[1024];
  snprintf(json, sizeof json, "%s%s}]}", APP_HEAD, members);
  return cpdt_check_doc(json, strlen(json), NULL, NULL);
}

static double counted_of_first(const cJSON *doc) {
  const cJSON *a =
      cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "activities"), 0);
  const cJSON *c = cJSON_GetObjectItem(a, "counted");
  assert_true(cJSON_IsNumber(c));
  return c->valuedouble;
}

/* The first diagnostic with this code at this path, or NULL. */
static const cJSON *diag(const cJSON *doc, const char *code, const char *path) {
  const cJSON *d;
  cJSON_ArrayForEach(d, cJSON_GetObjectItem(doc, "diagnostics")) {
    const cJSON *c = cJSON_GetObjectItem(d, "code");
    const cJSON *p = cJSON_GetObjectItem(d, "path");
    if (cJSON_IsString(c) && strcmp(c->valuestring, code) == 0 &&
        cJSON_IsString(p) && strcmp(p->valuestring, path) == 0)
      return d;
  }
  return NULL;
}

static void test_json_full_width_hours_with_unit_counts(void **state) {
  cJSON *doc;
  (void)state;
  doc = check_one("\"hours\":\"２時間\"");
  assert_null(diag(doc, "activity.invalid_number", "/activities/0/hours"));
  assert_true(counted_of_first(doc) == 2.0);
  cJSON_Delete(doc);
}

static void test_json_minutes_count_truncated(void **state) {
  cJSON *doc;
  (void)state;
  doc = check_one("\"hours\":\"80分\"");
  assert_null(diag(doc, "activity.invalid_number", "/activities/0/hours"));
  assert_true(counted_of_first(doc) == 1.33);
  cJSON_Delete(doc);
  doc = check_one("\"hours\":\"1時間30分\"");
  assert_true(counted_of_first(doc) == 1.5);
  cJSON_Delete(doc);
}

static void test_json_points_take_no_unit(void **state) {
  cJSON *doc;
  (void)state;
  doc = check_one("\"hours\":\"2h\",\"points\":\"2時間\"");
  assert_non_null(diag(doc, "activity.invalid_number", "/activities/0/points"));
  assert_null(diag(doc, "activity.invalid_number", "/activities/0/hours"));
  cJSON_Delete(doc);
}

static void test_json_bad_hours_message_names_the_forms(void **state) {
  cJSON *doc;
  const cJSON *d;
  const char *en, *ja;
  (void)state;
  doc = check_one("\"hours\":\"2時間半\"");
  d = diag(doc, "activity.invalid_number", "/activities/0/hours");
  assert_non_null(d);
  en = cJSON_GetObjectItem(d, "message")->valuestring;
  ja = cJSON_GetObjectItem(d, "message_ja")->valuestring;
  assert_non_null(strstr(en, "1時間30分"));
  assert_non_null(strstr(en, "1.5h"));
  assert_non_null(strstr(ja, "90分"));
  assert_non_null(strstr(ja, "2時間"));
  cJSON_Delete(doc);
}

static void test_json_zero_minutes_is_out_of_range(void **state) {
  cJSON *doc;
  const cJSON *d;
  (void)state;
  doc = check_one("\"hours\":\"0分\"");
  d = diag(doc, "activity.invalid_number", "/activities/0/hours");
  assert_non_null(d);
  assert_non_null(
      strstr(cJSON_GetObjectItem(d, "message")->valuestring, "more than 0"));
  cJSON_Delete(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_decimals_as_before),
      cmocka_unit_test(test_plain_decimal_refusals_as_before),
      cmocka_unit_test(test_hours_unit_jikan),
      cmocka_unit_test(test_hours_unit_jikan_after_a_space),
      cmocka_unit_test(test_hours_unit_jikan_three_decimals_is_minus_2),
      cmocka_unit_test(test_hours_unit_jikan_too_large_is_minus_3),
      cmocka_unit_test(test_hours_and_minutes),
      cmocka_unit_test(test_hours_and_minutes_truncate_to_hundredths),
      cmocka_unit_test(test_hours_and_60_minutes_or_more_is_refused),
      cmocka_unit_test(test_hours_and_minutes_need_whole_hours),
      cmocka_unit_test(test_hours_and_minutes_too_many_hours_is_minus_3),
      cmocka_unit_test(test_minutes),
      cmocka_unit_test(test_minutes_truncate_to_hundredths),
      cmocka_unit_test(test_minutes_must_be_whole),
      cmocka_unit_test(test_minutes_too_many_digits_is_minus_3),
      cmocka_unit_test(test_h),
      cmocka_unit_test(test_h_refusals),
      cmocka_unit_test(test_other_forms_stay_refused),
      cmocka_unit_test(test_sign_and_zero_are_left_to_the_range_check),
      cmocka_unit_test(test_json_full_width_hours_with_unit_counts),
      cmocka_unit_test(test_json_minutes_count_truncated),
      cmocka_unit_test(test_json_points_take_no_unit),
      cmocka_unit_test(test_json_bad_hours_message_names_the_forms),
      cmocka_unit_test(test_json_zero_minutes_is_out_of_range),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
