/* test_hours.c - hours and points as people write them (RULES.md R5): the
 * internal parsers cpd__hours_parse and cpd__points_parse of units.c (plain
 * decimals and the unit forms 2時間, 2 時間, 1時間30分, 1時間半, 90分, 30分,
 * 1.5h, 1.5 h, 2H; 6ポイント, 6pt, 6 pts; minutes truncated to hundredths;
 * everything else refused with the returns of cpd__decimal_parse), and the
 * same forms through cpd_check_json, where hours take hour units and
 * points take point units. */
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

/* cpd__points_parse as cpd_check_json sees it: normalised. */
static int points_rc(const char *text, cpd_points *out) {
  cpd__buf norm = CPD__BUF_INIT;
  int rc;
  assert_int_equal(cpd__text_normalize(&norm, text, strlen(text)), CPD_OK);
  rc = cpd__points_parse(norm.p ? norm.p : "", norm.len, out);
  cpd__buf_free(&norm);
  return rc;
}

static void assert_points(const char *text, cpd_points hundredths) {
  cpd_points out = -12345;
  int rc = points_rc(text, &out);
  if (rc != 0 || out != hundredths)
    fail_msg("points \"%s\": rc %d, %lld hundredths; expected %lld", text, rc,
             (long long)out, (long long)hundredths);
}

static void assert_points_refused(const char *text, int expected_rc) {
  cpd_points out = -12345;
  int rc = points_rc(text, &out);
  if (rc != expected_rc || out != -12345)
    fail_msg("points \"%s\": rc %d (out %lld); expected rc %d, out untouched",
             text, rc, (long long)out, expected_rc);
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

static void test_capital_h(void **state) {
  (void)state;
  assert_hours("2H", 200);
  assert_hours("２Ｈ", 200); /* full width: NFKC */
  assert_hours("1.5H", 150);
  assert_hours("2 H", 200);
  assert_refused("1.234H", -2);
  assert_refused("2HH", -1);
}

static void test_h_refusals(void **state) {
  (void)state;
  assert_refused("1.234h", -2);
  assert_refused("h", -1);
  assert_refused("H", -1);
  assert_refused("1.5hr", -1);
  assert_refused("1.5hh", -1);
  assert_refused("1h30m", -1);
}

/* ------------------------------------------------------ 時間半 (and a half) */

static void test_hours_and_a_half(void **state) {
  (void)state;
  assert_hours("1時間半", 150);
  assert_hours("１時間半", 150);
  assert_hours("0時間半", 50);
  assert_hours("12時間半", 1250);
  assert_hours("1 時間半", 150);
}

static void test_hours_and_a_half_refusals(void **state) {
  (void)state;
  assert_refused("2時間半分", -1); /* half a minute? not a form R5 lists */
  assert_refused("1.5時間半", -1);
  assert_refused("-1時間半", -1);
  assert_refused("1時間 半", -1);
  assert_refused("1時間半半", -1);
  assert_refused("半", -1);
  assert_refused("時間半", -1);
  assert_refused("1半", -1);
  assert_refused("1時間半30分", -1);
  assert_refused("1234567890123時間半", -3);
}

/* ------------------------------------------------------------- points */

static void test_points_plain_as_before(void **state) {
  (void)state;
  assert_points("6", 600);
  assert_points("６", 600);
  assert_points("1.25", 125);
  assert_points_refused("1.234", -2);
  assert_points_refused("1234567890123", -3);
  assert_points_refused("", -1);
  assert_points_refused("abc", -1);
}

static void test_points_with_a_unit(void **state) {
  (void)state;
  assert_points("6ポイント", 600);
  assert_points("６ポイント", 600);
  assert_points("6 ポイント", 600);
  assert_points("６ﾎﾟｲﾝﾄ", 600); /* half-width katakana: NFKC */
  assert_points("6pt", 600);
  assert_points("６ｐｔ", 600);
  assert_points("6 pt", 600);
  assert_points("6pts", 600);
  assert_points("6 PT", 600);
  assert_points("1.5pt", 150);
  assert_points("0.25ポイント", 25);
  assert_points("-1pt", -100); /* left to the range check, as hours */
}

static void test_points_unit_refusals(void **state) {
  (void)state;
  assert_points_refused("1.234pt", -2);
  assert_points_refused("1234567890123ポイント", -3);
  assert_points_refused("ポイント", -1);
  assert_points_refused("pt", -1);
  assert_points_refused("6p", -1);
  assert_points_refused("6 points", -1);
  assert_points_refused("6ptpt", -1);
  assert_points_refused("6ポイント分", -1);
  assert_points_refused("6時間", -1); /* hours are not points */
  assert_points_refused("6h", -1);
  assert_points_refused("6CPDポイント", -1);
}

static void test_hours_take_no_point_unit(void **state) {
  (void)state;
  assert_refused("6ポイント", -1);
  assert_refused("6pt", -1);
}

/* ----------------------------------------------------- everything else */

static void test_other_forms_stay_refused(void **state) {
  (void)state;
  assert_refused("2時", -1);
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

static void test_json_points_take_no_hour_unit(void **state) {
  cJSON *doc;
  (void)state;
  doc = check_one("\"hours\":\"2h\",\"points\":\"2時間\"");
  assert_non_null(diag(doc, "activity.invalid_number", "/activities/0/points"));
  assert_null(diag(doc, "activity.invalid_number", "/activities/0/hours"));
  cJSON_Delete(doc);
}

static void test_json_new_forms_count(void **state) {
  static const struct {
    const char *members;
    double counted;
  } cases[] = {
      {"\"hours\":\"1時間半\"", 1.5},
      {"\"hours\":\"2H\"", 2.0},
      {"\"hours\":\"２Ｈ\"", 2.0},
      {"\"hours\":\"4\",\"points\":\"3ポイント\"", 3.0},
      {"\"hours\":\"4\",\"points\":\"２ｐｔ\"", 2.0},
      {"\"hours\":\"4\",\"points\":\"1.25 pts\"", 1.25},
  };
  size_t k;
  (void)state;
  for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    cJSON *doc = check_one(cases[k].members);
    if (diag(doc, "activity.invalid_number", "/activities/0/hours") ||
        diag(doc, "activity.invalid_number", "/activities/0/points") ||
        counted_of_first(doc) != cases[k].counted)
      fail_msg("%s: not counted as %.2f", cases[k].members, cases[k].counted);
    cJSON_Delete(doc);
  }
}

static void test_json_year_takes_no_unit(void **state) {
  cJSON *doc;
  const cJSON *d;
  (void)state;
  /* the declared year is a plain number: "1pt" is not one */
  doc = check_one("\"hours\":\"2\",\"year\":\"1pt\"");
  d = diag(doc, "activity.year_mismatch", "/activities/0/year");
  assert_non_null(d);
  cJSON_Delete(doc);
}

static void test_json_bad_hours_message_names_the_forms(void **state) {
  cJSON *doc;
  const cJSON *d;
  const char *en, *ja;
  (void)state;
  doc = check_one("\"hours\":\"2時間半分\"");
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

static void test_json_bad_points_message_names_the_forms(void **state) {
  cJSON *doc;
  const cJSON *d;
  const char *en, *ja;
  (void)state;
  doc = check_one("\"hours\":\"6\",\"points\":\"6 points\"");
  d = diag(doc, "activity.invalid_number", "/activities/0/points");
  assert_non_null(d);
  en = cJSON_GetObjectItem(d, "message")->valuestring;
  ja = cJSON_GetObjectItem(d, "message_ja")->valuestring;
  assert_non_null(strstr(en, "6ポイント"));
  assert_non_null(strstr(en, "6pt"));
  assert_non_null(strstr(ja, "6ポイント"));
  assert_non_null(strstr(ja, "6pt"));
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
      cmocka_unit_test(test_capital_h),
      cmocka_unit_test(test_h_refusals),
      cmocka_unit_test(test_hours_and_a_half),
      cmocka_unit_test(test_hours_and_a_half_refusals),
      cmocka_unit_test(test_points_plain_as_before),
      cmocka_unit_test(test_points_with_a_unit),
      cmocka_unit_test(test_points_unit_refusals),
      cmocka_unit_test(test_hours_take_no_point_unit),
      cmocka_unit_test(test_other_forms_stay_refused),
      cmocka_unit_test(test_sign_and_zero_are_left_to_the_range_check),
      cmocka_unit_test(test_json_full_width_hours_with_unit_counts),
      cmocka_unit_test(test_json_minutes_count_truncated),
      cmocka_unit_test(test_json_points_take_no_hour_unit),
      cmocka_unit_test(test_json_new_forms_count),
      cmocka_unit_test(test_json_year_takes_no_unit),
      cmocka_unit_test(test_json_bad_hours_message_names_the_forms),
      cmocka_unit_test(test_json_bad_points_message_names_the_forms),
      cmocka_unit_test(test_json_zero_minutes_is_out_of_range),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
