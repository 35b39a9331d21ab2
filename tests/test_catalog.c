/* test_catalog.c - the catalogue (codes with severity and rule, rules
 * R1-R16, explain documents), the field table and the public helpers the
 * CLI and bindings use instead of copies of their own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpd.h"
#include "internal.h"

/* The internal ids name the catalogue's rows (the engine emits ids). */
static void test_code_ids_name_their_rows(void **state) {
  static const struct {
    cpd__code_id id;
    const char *code;
  } probes[] = {{CPD__QUALIFICATION_INVALID, "qualification.invalid"},
                {CPD__WINDOW_CLOSED, "window.closed"},
                {CPD__SECTION_CAPPED, "section.capped"},
                {CPD__SHORTFALL, "points.shortfall"},
                {CPD__UNKNOWN_FIELD, "application.unknown_field"},
                {CPD__UNKNOWN_COMPETENCY, "activity.unknown_competency"},
                {CPD__IN_SYNTAX, "input.syntax"},
                {CPD__IN_INVALID_DATE, "input.invalid_date"},
                {CPD__POLICY_INVALID, "policy.invalid"},
                {CPD__INVALID_ARGUMENT, "invalid_argument"}};
  size_t i, j;
  (void)state;
  assert_int_equal(cpd_code_count(), CPD__CODE_COUNT);
  for (i = 0; i < sizeof probes / sizeof probes[0]; i++)
    assert_string_equal(cpd__code(probes[i].id)->code, probes[i].code);
  for (i = 0; i < cpd_code_count(); i++) {
    const cpd_code_info *c = cpd_code_at(i);
    assert_ptr_equal(cpd_code_find(c->code), c);
    assert_true(c->summary[0] && c->summary_ja[0]);
    for (j = 0; j < i; j++) /* each code once */
      assert_string_not_equal(cpd_code_at(j)->code, c->code);
    if (c->kind != CPD_CODE_CALL_ERROR)
      assert_non_null(cpd_rule_find(c->rule));
  }
  assert_null(cpd_code_at(cpd_code_count()));
  assert_null(cpd_code_find("no.such_code"));
  assert_null(cpd_code_find(NULL));
}

/* RULES.md "Severity classes", as sets. */
static void test_severity_classes_are_those_of_the_rules(void **state) {
  static const char *const fatal[] = {"window.closed", "points.shortfall",
                                      "fee.late"};
  static const char *const info[] = {"section.capped",
                                     "form.continuation_sheet"};
  static const char *const warning[] = {
      "certification.expiry_not_fiscal_year_end",
      "activity.outside_period",
      "activity.year_mismatch",
      "activity.points_reduced",
      "activity.duplicate",
      "fee.paid_before_window",
      "activity.unknown_competency",
      "application.unknown_field"};
  size_t i, nf = 0, ni = 0, nw = 0, ne = 0;
  (void)state;
  for (i = 0; i < 3; i++)
    assert_int_equal(cpd_code_find(fatal[i])->severity, CPD_SEVERITY_FATAL);
  for (i = 0; i < 2; i++)
    assert_int_equal(cpd_code_find(info[i])->severity, CPD_SEVERITY_INFO);
  for (i = 0; i < 8; i++)
    assert_int_equal(cpd_code_find(warning[i])->severity, CPD_SEVERITY_WARNING);
  for (i = 0; i < cpd_code_count(); i++) {
    const cpd_code_info *c = cpd_code_at(i);
    if (c->kind != CPD_CODE_DIAGNOSTIC)
      continue;
    nf += c->severity == CPD_SEVERITY_FATAL;
    ni += c->severity == CPD_SEVERITY_INFO;
    nw += c->severity == CPD_SEVERITY_WARNING;
    ne += c->severity == CPD_SEVERITY_ERROR;
  }
  assert_int_equal(nf, 3);
  assert_int_equal(ni, 2);
  assert_int_equal(nw, 8);
  assert_int_equal(ne, 15); /* the fixable errors of RULES.md */
}

/* Every diagnostic of a result names its code's rule and its activity. */
static void test_diagnostics_carry_rule_and_activity(void **state) {
  static const char app[] =
      "{\"applied_on\":\"2027-02-10\",\"qualification\":\"X\","
      "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":\"2027-03-31\"},"
      "\"extra\":1,\"activities\":["
      "{\"category\":\"B\",\"completed_on\":\"2024-06-01\",\"hours\":8},"
      "{\"category\":\"Q\",\"completed_on\":\"2024-06-01\",\"hours\":1}]}";
  cpd_result *r = NULL;
  char *json = NULL;
  size_t i, n;
  int saw_capped = 0, saw_category = 0;
  (void)state;
  assert_int_equal(cpd_evaluate_json(&r, NULL, app, strlen(app), NULL, NULL),
                   CPD_OK);
  n = cpd_result_diagnostic_count(r);
  assert_true(n > 5);
  for (i = 0; i < n; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    assert_string_equal(d->rule, cpd_code_find(d->code)->rule);
    if (strcmp(d->code, "section.capped") == 0) {
      saw_capped = 1;
      assert_string_equal(d->rule, "R6");
      assert_int_equal(d->activity, 0);
    }
    if (strcmp(d->code, "activity.invalid_category") == 0) {
      saw_category = 1;
      assert_int_equal(d->activity, 1);
    }
    if (strncmp(d->path, "/activities/", 12) != 0)
      assert_int_equal(d->activity, CPD_NO_ACTIVITY);
  }
  assert_true(saw_capped && saw_category);
  assert_int_equal(cpd_result_to_json(&json, r), CPD_OK);
  assert_non_null(strstr(json, "\"code\":\"section.capped\",\"severity\":"
                               "\"info\",\"rule\":\"R6\",\"path\""));
  cpd_string_free(json);
  cpd_result_free(r);
}

/* English messages agree in number with what they count (issue 12). */
static void test_english_messages_agree_in_number(void **state) {
  static const char app[] =
      "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
      "\"certification\":{\"number\":\"OMP-1\",\"expires_on\":\"2027-03-31\"},"
      "\"activities\":["
      "{\"category\":\"B\",\"completed_on\":\"2024-06-01\",\"hours\":5,"
      "\"evidence\":[\"a\"]},"
      "{\"category\":\"B\",\"completed_on\":\"2024-06-02\",\"hours\":1,"
      "\"points\":2,\"evidence\":[\"a\"]}]}";
  cpd_policy *pol = NULL;
  char *json = NULL;
  (void)state;
  assert_int_equal(cpd_check_json(&json, NULL, app, strlen(app), NULL, NULL),
                   CPD_OK);
  assert_non_null(strstr(json, "Activity 2 claims 2 points, but 1 hour is "
                               "worth at most 1 point;"));
  assert_non_null(strstr(json, "capped at 5 points; 1 point does not count."));
  assert_non_null(strstr(json, "5 points count toward the 30 required; 25 "
                               "more are needed."));
  cpd_string_free(json);
  /* one period year, one row, an expiry that is not a fiscal year end */
  {
    static const char app2[] =
        "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
        "\"certification\":{\"number\":\"OMP-1\","
        "\"expires_on\":\"2027-02-28\"},\"activities\":["
        "{\"category\":\"B\",\"completed_on\":\"2026-06-01\",\"hours\":1,"
        "\"evidence\":[\"a\"]},"
        "{\"category\":\"B\",\"completed_on\":\"2026-06-02\",\"hours\":1,"
        "\"evidence\":[\"a\"]}]}";
    static const char pol_doc[] =
        "{\"period_years\":1,\"sections\":[{\"category\":\"B\","
        "\"form_rows\":1}]}";
    assert_int_equal(
        cpd_policy_load_json(&pol, pol_doc, strlen(pol_doc), NULL, NULL),
        CPD_OK);
    assert_int_equal(cpd_check_json(&json, pol, app2, strlen(app2), NULL, NULL),
                     CPD_OK);
  }
  assert_non_null(strstr(json, "has 2 entries but the form has 1 row;"));
  assert_non_null(strstr(json, "still the 1 fiscal year ending with it"));
  cpd_string_free(json);
  cpd_policy_free(pol);
}

static void test_rules_are_r1_to_r16(void **state) {
  size_t i;
  char id[8];
  (void)state;
  assert_int_equal(cpd_rule_count(), 16);
  for (i = 0; i < 16; i++) {
    const cpd_rule_info *r = cpd_rule_at(i);
    snprintf(id, sizeof id, "R%zu", i + 1);
    assert_string_equal(r->id, id);
    assert_ptr_equal(cpd_rule_find(id), r);
    id[0] = 'r';
    assert_ptr_equal(cpd_rule_find(id), r);
    assert_true(r->title[0] && r->title_ja[0] && r->text[0] && r->text_ja[0]);
  }
  assert_null(cpd_rule_at(16));
  assert_null(cpd_rule_find("R17"));
  assert_null(cpd_rule_find("R"));
  assert_null(cpd_rule_find("R01"));
  assert_null(cpd_rule_find("section.capped"));
}

static void test_explain_names_code_and_rule(void **state) {
  char *out = NULL;
  cpd_error err;
  (void)state;
  assert_int_equal(cpd_explain_json(&out, "section.capped", &err), CPD_OK);
  assert_non_null(strstr(out, "\"code\":{\"code\":\"section.capped\""));
  assert_non_null(strstr(out, "\"severity\":\"info\""));
  assert_non_null(strstr(out, "\"rule\":{\"id\":\"R6\""));
  cpd_string_free(out);
  assert_int_equal(cpd_explain_json(&out, "R3", &err), CPD_OK);
  assert_true(strncmp(out, "{\"code\":null,\"rule\":{\"id\":\"R3\"", 30) == 0);
  cpd_string_free(out);
  assert_int_equal(cpd_explain_json(&out, "input.syntax", &err), CPD_OK);
  assert_non_null(strstr(out, "\"kind\":\"input_error\",\"severity\":null"));
  cpd_string_free(out);
  assert_int_equal(cpd_explain_json(&out, "nope", &err), CPD_EINVAL);
  assert_null(out);
  assert_string_equal(err.code, "invalid_argument");
}

/* ---------------------------------------------------------------- fields */

static void test_field_find_maps_pointers_to_fields(void **state) {
  size_t act = 0;
  const cpd_field_info *f;
  (void)state;
  f = cpd_field_find("/applicant/email", &act);
  assert_string_equal(f->label_ja, "Eメールアドレス");
  assert_int_equal(act, CPD_NO_ACTIVITY);
  assert_int_equal(f->redaction, CPD_REDACT_EMAIL);
  f = cpd_field_find("/activities/12/hours", &act);
  assert_string_equal(f->pointer, "/activities/-/hours");
  assert_int_equal(act, 12);
  f = cpd_field_find("/activities/3/evidence/0", &act);
  assert_string_equal(f->key, "evidence");
  assert_int_equal(act, 3);
  f = cpd_field_find("/activities/7", &act);
  assert_string_equal(f->pointer, "/activities/-");
  assert_int_equal(act, 7);
  f = cpd_field_find("/activities/7/nickname", NULL);
  assert_string_equal(f->pointer, "/activities/-");
  f = cpd_field_find("/applicant/nickname", NULL);
  assert_string_equal(f->pointer, "/applicant");
  f = cpd_field_find("/applicantx", NULL);
  assert_null(f);
  assert_null(cpd_field_find("", NULL));
  assert_null(cpd_field_find(NULL, NULL));
  assert_string_equal(cpd_field_find("/activities", NULL)->pointer,
                      "/activities");
  assert_null(cpd_field_find("/activities/99999999999999999999999", &act));
}

static void test_field_table_is_consistent(void **state) {
  size_t i, j, personal = 0;
  (void)state;
  for (i = 0; i < cpd_field_count(); i++) {
    const cpd_field_info *f = cpd_field_at(i);
    assert_true(f->label[0] && f->label_ja[0]);
    assert_ptr_equal(cpd_field_find(f->pointer, NULL), f);
    for (j = 0; j < i; j++)
      assert_string_not_equal(cpd_field_at(j)->pointer, f->pointer);
    /* every masked field is personal data */
    if (f->redaction != CPD_REDACT_NONE)
      assert_true(f->personal);
    personal += (size_t)f->personal;
    /* spreadsheet headers exist for the activity's own fields only */
    assert_true((f->csv_headers != NULL) ==
                (strncmp(f->pointer, "/activities/-/", 14) == 0));
  }
  assert_int_equal(personal, 8); /* name, kana, postal, address, phone,
                                    mobile, e-mail, payer name */
  assert_null(cpd_field_at(cpd_field_count()));
}

/* --------------------------------------------------------------- helpers */

static void test_points_format_is_exact(void **state) {
  char buf[CPD_POINTS_TEXT_SIZE];
  (void)state;
  assert_int_equal(cpd_points_format(buf, 600), 1);
  assert_string_equal(buf, "6");
  cpd_points_format(buf, 150);
  assert_string_equal(buf, "1.5");
  cpd_points_format(buf, 25);
  assert_string_equal(buf, "0.25");
  cpd_points_format(buf, -301);
  assert_string_equal(buf, "-3.01");
  cpd_points_format(buf, INT64_MIN);
  assert_string_equal(buf, "-92233720368547758.08");
  assert_int_equal(cpd_points_format(NULL, 1), 0);
}

static void test_text_normalize_is_the_engines(void **state) {
  char *out = NULL;
  size_t n = 0;
  (void)state;
  assert_int_equal(cpd_text_normalize(&out, &n, "\xE3\x80\x80 ＡＢ１\t 2 ",
                                      strlen("\xE3\x80\x80 ＡＢ１\t 2 ")),
                   CPD_OK);
  assert_string_equal(out, "AB1 2");
  assert_int_equal(n, 5);
  cpd_string_free(out);
  assert_int_equal(cpd_text_normalize(&out, &n, "\xff", 1), CPD_EINVAL);
  assert_null(out);
  assert_int_equal(cpd_text_normalize(&out, NULL, "", 0), CPD_OK);
  assert_string_equal(out, "");
  cpd_string_free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_code_ids_name_their_rows),
      cmocka_unit_test(test_severity_classes_are_those_of_the_rules),
      cmocka_unit_test(test_diagnostics_carry_rule_and_activity),
      cmocka_unit_test(test_english_messages_agree_in_number),
      cmocka_unit_test(test_rules_are_r1_to_r16),
      cmocka_unit_test(test_explain_names_code_and_rule),
      cmocka_unit_test(test_field_find_maps_pointers_to_fields),
      cmocka_unit_test(test_field_table_is_consistent),
      cmocka_unit_test(test_points_format_is_exact),
      cmocka_unit_test(test_text_normalize_is_the_engines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
