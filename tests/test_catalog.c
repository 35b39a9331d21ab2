/* test_catalog.c - the catalogue (codes with severity and rule, rules
 * R1-R16, explain documents), the field table and the public helpers the
 * CLI and bindings use instead of copies of their own. */
#include "cpd_test.h"

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

/* English messages agree in number with what they count. */
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
    pol = cpdt_policy(pol_doc);
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
  assert_int_equal(personal, 10); /* name, kana, company, company kana,
                                     postal, address, phone, mobile,
                                     e-mail, payer name */
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

/* Yen as the office writes it: a comma every three digits, the sign kept,
 * the extremes whole. */
static void test_yen_format_groups_thousands(void **state) {
  char buf[CPD_YEN_TEXT_SIZE];
  (void)state;
  assert_int_equal(cpd_yen_format(buf, 10000), 6);
  assert_string_equal(buf, "10,000");
  cpd_yen_format(buf, 0);
  assert_string_equal(buf, "0");
  cpd_yen_format(buf, 999);
  assert_string_equal(buf, "999");
  cpd_yen_format(buf, 1000);
  assert_string_equal(buf, "1,000");
  cpd_yen_format(buf, -1500);
  assert_string_equal(buf, "-1,500");
  cpd_yen_format(buf, 123456789);
  assert_string_equal(buf, "123,456,789");
  assert_int_equal(cpd_yen_format(buf, INT64_MIN), 26);
  assert_string_equal(buf, "-9,223,372,036,854,775,808");
  assert_int_equal(cpd_yen_format(NULL, 1), 0);
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

/* ---------------------------------------------------------------- labels */

/* The words of cli/report.c, cli/html.c and web/app.js, now the library's. */
static void test_labels_are_the_forms_words(void **state) {
  (void)state;
  assert_string_equal(cpd_decision_label(CPD_ELIGIBLE)->label_ja, "更新可");
  assert_string_equal(cpd_decision_label(CPD_INCOMPLETE)->label_ja, "要修正");
  assert_string_equal(cpd_decision_label(CPD_INELIGIBLE)->label_ja, "更新不可");
  assert_string_equal(cpd_decision_label(CPD_INELIGIBLE)->note,
                      "cannot be renewed as it stands");
  assert_string_equal(cpd_severity_label(CPD_SEVERITY_FATAL)->label_ja, "不可");
  assert_string_equal(cpd_severity_label(CPD_SEVERITY_WARNING)->label,
                      "warning");
  assert_string_equal(cpd_window_status_label(CPD_WINDOW_NOT_YET_OPEN)->label,
                      "not open yet");
  assert_string_equal(cpd_window_status_label(CPD_WINDOW_CLOSED)->label_ja,
                      "受付終了");
  assert_string_equal(
      cpd_activity_status_label(CPD_ACTIVITY_PARTIALLY_COUNTED)->label,
      "partly counted");
  assert_string_equal(cpd_activity_status_label(CPD_ACTIVITY_CAPPED)->label_ja,
                      "上限超過");
  assert_null(cpd_decision_label((cpd_decision)3));
  assert_null(cpd_severity_label((cpd_severity)-1));
  assert_null(cpd_window_status_label((cpd_window_status)3));
  assert_null(cpd_activity_status_label((cpd_activity_status)4));
}

/* Every label's name is the enum's JSON name, and no label is empty. */
static void test_labels_name_the_enums(void **state) {
  int v;
  (void)state;
  for (v = 0; cpd_decision_label((cpd_decision)v); v++) {
    const cpd_label *l = cpd_decision_label((cpd_decision)v);
    assert_string_equal(l->name, cpd_decision_str((cpd_decision)v));
    assert_true(l->label[0] && l->label_ja[0] && l->note[0] && l->note_ja[0]);
  }
  assert_int_equal(v, 3);
  for (v = 0; cpd_severity_label((cpd_severity)v); v++)
    assert_string_equal(cpd_severity_label((cpd_severity)v)->name,
                        cpd_severity_str((cpd_severity)v));
  assert_int_equal(v, 4);
  for (v = 0; cpd_window_status_label((cpd_window_status)v); v++)
    assert_string_equal(cpd_window_status_label((cpd_window_status)v)->name,
                        cpd_window_status_str((cpd_window_status)v));
  assert_int_equal(v, 3);
  for (v = 0; cpd_activity_status_label((cpd_activity_status)v); v++)
    assert_string_equal(cpd_activity_status_label((cpd_activity_status)v)->name,
                        cpd_activity_status_str((cpd_activity_status)v));
  assert_int_equal(v, 4);
}

/* The fee's statuses: their names read back, each has both languages'
 * words and a note, and nothing outside the enum has any. */
static void test_fee_statuses_name_and_label(void **state) {
  static const char *const names[] = {"paid",           "unpaid",
                                      "ambiguous",      "amount_differs",
                                      "outside_window", "unclaimed"};
  cpd_fee_status st;
  int v;
  (void)state;
  for (v = 0; cpd_fee_status_label((cpd_fee_status)v); v++) {
    const cpd_label *l = cpd_fee_status_label((cpd_fee_status)v);
    assert_true(v < 6);
    assert_string_equal(l->name, names[v]);
    assert_string_equal(cpd_fee_status_str((cpd_fee_status)v), names[v]);
    assert_int_equal(cpd_fee_status_parse(&st, names[v]), CPD_OK);
    assert_int_equal(st, v);
    assert_true(l->label[0] && l->label_ja[0] && l->note[0] && l->note_ja[0]);
  }
  assert_int_equal(v, 6);
  assert_string_equal(cpd_fee_status_label(CPD_FEE_AMOUNT_DIFFERS)->label_ja,
                      "金額相違");
  assert_string_equal(cpd_fee_status_label(CPD_FEE_OUTSIDE_WINDOW)->label,
                      "outside the window");
  assert_null(cpd_fee_status_label((cpd_fee_status)-1));
  assert_string_equal(cpd_fee_status_str((cpd_fee_status)6), "unknown");
  st = CPD_FEE_PAID;
  assert_int_equal(cpd_fee_status_parse(&st, "Paid"), CPD_EINVAL);
  assert_int_equal(cpd_fee_status_parse(&st, "amount differs"), CPD_EINVAL);
  assert_int_equal(st, CPD_FEE_PAID);
  assert_int_equal(cpd_fee_status_parse(NULL, "paid"), CPD_EINVAL);
  assert_int_equal(cpd_fee_status_parse(&st, NULL), CPD_EINVAL);
}

static void test_categories_by_letter_or_section(void **state) {
  size_t i;
  (void)state;
  assert_int_equal(cpd_category_count(), 4);
  for (i = 0; i < cpd_category_count(); i++) {
    const cpd_category_info *c = cpd_category_at(i);
    assert_ptr_equal(cpd_category_find(c->category), c);
    assert_true(c->label[0] && c->label_ja[0] && c->short_label[0] &&
                c->short_label_ja[0] && c->group[0] && c->group_ja[0] &&
                c->title_column[0] && c->title_column_ja[0] &&
                c->date_column[0] && c->date_column_ja[0] &&
                c->hours_column[0] && c->hours_column_ja[0]);
  }
  assert_null(cpd_category_at(4));
  assert_string_equal(cpd_category_find("A")->label_ja,
                      "コン検認定・主催講座・研修の受講");
  assert_string_equal(cpd_category_find("b")->category, "B");
  assert_string_equal(cpd_category_find("B-2")->short_label, "Other training");
  assert_string_equal(cpd_category_find("C-10")->title_column_ja,
                      "個人学習内容");
  assert_string_equal(cpd_category_find("D-1")->group_ja,
                      "プロフェッショナル活動カテゴリ");
  assert_string_equal(cpd_category_find("D")->hours_column_ja, "活動時間");
  assert_null(cpd_category_find(NULL));
  assert_null(cpd_category_find(""));
  assert_null(cpd_category_find("E"));
  assert_null(cpd_category_find("AB"));
  assert_null(cpd_category_find("B-"));
  assert_null(cpd_category_find("B-0"));
  assert_null(cpd_category_find("B-1x"));
  assert_null(cpd_category_find("B-123456"));
  assert_null(cpd_category_find("Ｂ"));
}

static cJSON *parsed(char *json) {
  cJSON *j;
  assert_non_null(json);
  assert_int_equal(json[strlen(json) - 1], '\n');
  j = cJSON_Parse(json);
  assert_non_null(j);
  cpd_string_free(json);
  return j;
}

static void test_labels_document_holds_every_label(void **state) {
  char *out = NULL;
  cJSON *j;
  const cJSON *c;
  (void)state;
  assert_int_equal(cpd_labels_to_json(NULL), CPD_EINVAL);
  assert_int_equal(cpd_labels_to_json(&out), CPD_OK);
  j = parsed(out);
  assert_string_equal(
      cJSON_GetObjectItem(
          cJSON_GetObjectItem(cJSON_GetObjectItem(j, "decision"), "eligible"),
          "label_ja")
          ->valuestring,
      "更新可");
  assert_string_equal(
      cJSON_GetObjectItem(
          cJSON_GetObjectItem(cJSON_GetObjectItem(j, "activity_status"),
                              "partially_counted"),
          "label")
          ->valuestring,
      "partly counted");
  assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "window_status")),
                   3);
  assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "severity")), 4);
  c = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "categories"), 2);
  assert_string_equal(cJSON_GetObjectItem(c, "category")->valuestring, "C");
  assert_string_equal(cJSON_GetObjectItem(c, "date_column_ja")->valuestring,
                      "学習修了日");
  cJSON_Delete(j);
}

/* ----------------------------------------------------------- field table */

static void test_fields_document_is_the_table(void **state) {
  char *out = NULL;
  cJSON *j;
  const cJSON *f;
  size_t i = 0;
  (void)state;
  assert_int_equal(cpd_fields_to_json(NULL), CPD_EINVAL);
  assert_int_equal(cpd_fields_to_json(&out), CPD_OK);
  j = parsed(out);
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(j, "fields")) {
    const cpd_field_info *t = cpd_field_at(i++);
    const cJSON *h = cJSON_GetObjectItem(f, "csv_headers");
    assert_string_equal(cJSON_GetObjectItem(f, "pointer")->valuestring,
                        t->pointer);
    assert_string_equal(cJSON_GetObjectItem(f, "key")->valuestring, t->key);
    assert_string_equal(cJSON_GetObjectItem(f, "kind")->valuestring,
                        cpd_field_kind_str(t->kind));
    assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItem(f, "required")),
                     t->required);
    assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItem(f, "personal")),
                     t->personal);
    assert_string_equal(cJSON_GetObjectItem(f, "redaction")->valuestring,
                        cpd_redaction_str(t->redaction));
    assert_string_equal(cJSON_GetObjectItem(f, "label_ja")->valuestring,
                        t->label_ja);
    if (cpd_field_separators(t))
      assert_string_equal(cJSON_GetObjectItem(f, "separators")->valuestring,
                          cpd_field_separators(t));
    else
      assert_true(cJSON_IsNull(cJSON_GetObjectItem(f, "separators")));
    if (t->csv_headers) {
      /* the headers, split: the last one is English */
      const cJSON *last = cJSON_GetArrayItem(h, cJSON_GetArraySize(h) - 1);
      assert_non_null(strstr(t->csv_headers, last->valuestring));
    } else {
      assert_true(cJSON_IsNull(h));
    }
  }
  assert_int_equal(i, cpd_field_count());
  cJSON_Delete(j);
  assert_string_equal(cpd_field_kind_str(CPD_FIELD_TEXT_LIST), "text_list");
  assert_string_equal(cpd_field_kind_str((cpd_field_kind)99), "unknown");
  assert_string_equal(cpd_redaction_str(CPD_REDACT_WITHHOLD), "withhold");
  assert_string_equal(cpd_redaction_str((cpd_redaction)99), "unknown");
}

/* The employer of a named person is personal data (the form's privacy
 * statement covers every personal detail). */
static void test_company_is_personal_data(void **state) {
  (void)state;
  assert_true(cpd_field_find("/applicant/company", NULL)->personal);
  assert_int_equal(cpd_field_find("/applicant/company", NULL)->redaction,
                   CPD_REDACT_WITHHOLD);
  assert_true(cpd_field_find("/applicant/company_kana", NULL)->personal);
  assert_false(cpd_field_find("/certification/number", NULL)->personal);
}

static const char *header_field(const char *h) {
  const cpd_field_info *f = (const cpd_field_info *)1;
  assert_int_equal(cpd_field_find_header(&f, h, strlen(h)), CPD_OK);
  return f ? f->key : NULL;
}

static void test_spreadsheet_headers_find_their_field(void **state) {
  const cpd_field_info *f = (const cpd_field_info *)1;
  size_t i;
  (void)state;
  assert_string_equal(header_field("学習（受講）時間"), "hours");
  assert_string_equal(header_field("学習(受講)時間"), "hours");
  assert_string_equal(header_field(" Completed On "), "completed_on");
  assert_string_equal(header_field("COMPLETED-ON"), "completed_on");
  assert_string_equal(header_field("ＣＰＤポイント"), "points");
  assert_string_equal(header_field("カテゴリー"), "category");
  assert_string_equal(header_field("個人学習内容"), "title");
  assert_string_equal(header_field("competencies"), "competencies");
  assert_null(header_field("title2"));
  assert_null(header_field(""));
  assert_null(header_field("name")); /* not a spreadsheet column */
  /* every header of the table finds its own field */
  for (i = 0; i < cpd_field_count(); i++) {
    const char *h = cpd_field_at(i)->csv_headers;
    while (h && *h) {
      size_t n = strcspn(h, "|");
      assert_int_equal(cpd_field_find_header(&f, h, n), CPD_OK);
      assert_ptr_equal(f, cpd_field_at(i));
      h += n + (h[n] == '|');
    }
  }
  assert_int_equal(cpd_field_find_header(&f, "\xff", 1), CPD_EINVAL);
  assert_null(f);
  assert_int_equal(cpd_field_find_header(&f, "a\0b", 3), CPD_EINVAL);
  assert_int_equal(cpd_field_find_header(NULL, "id", 2), CPD_EINVAL);
  assert_int_equal(cpd_field_find_header(&f, NULL, 1), CPD_EINVAL);
  assert_int_equal(cpd_field_find_header(&f, NULL, 0), CPD_OK);
  assert_null(f);
}

/* ------------------------------------------------------------ JSON quote */

static void test_json_quote_escapes_as_the_documents(void **state) {
  char *out = NULL;
  size_t n = 0;
  static const char in[] = "a\"b\\c\n\x01\xc2\x9b\xe2\x80\xae\xe5\xb1\xb1";
  (void)state;
  assert_int_equal(cpd_json_quote(&out, &n, in, sizeof in - 1), CPD_OK);
  assert_string_equal(out,
                      "\"a\\\"b\\\\c\\n\\u0001\\u009b\\u202e\xe5\xb1\xb1\"");
  assert_int_equal(n, strlen(out));
  cpd_string_free(out);
  assert_int_equal(cpd_json_quote(&out, NULL, NULL, 0), CPD_OK);
  assert_string_equal(out, "\"\"");
  cpd_string_free(out);
  assert_int_equal(cpd_json_quote(&out, &n, "\xff", 1), CPD_EINVAL);
  assert_null(out);
  assert_int_equal(n, 0);
  assert_int_equal(cpd_json_quote(NULL, &n, "a", 1), CPD_EINVAL);
  assert_int_equal(cpd_json_quote(&out, &n, NULL, 1), CPD_EINVAL);
}

/* -------------------------------------------------- fields by id, values */

static void test_field_ids_name_the_table_rows(void **state) {
  size_t i;
  (void)state;
  assert_int_equal(CPD_FIELD_ID_COUNT, cpd_field_count());
  for (i = 0; i < cpd_field_count(); i++)
    assert_ptr_equal(cpd_field_by_id((cpd_field_id)i), cpd_field_at(i));
  assert_null(cpd_field_by_id(CPD_FIELD_ID_COUNT));
  assert_null(cpd_field_by_id((cpd_field_id)-1));
  assert_string_equal(cpd_field_by_id(CPD_FIELD_ID_COMPANY_KANA)->pointer,
                      "/applicant/company_kana");
  assert_string_equal(cpd_field_by_id(CPD_FIELD_ID_ACT_YEAR)->pointer,
                      "/activities/-/year");
  assert_string_equal(cpd_field_by_id(CPD_FIELD_ID_FEE_PAYER)->pointer,
                      "/fee/payer_name");
}

/* Every scalar field is reachable through the table, set and read back. */
static void test_values_by_field(void **state) {
  cpd_application app;
  cpd_activity acts[2];
  cpd_value v = CPD_TEXT("x"), list[] = {CPD_TEXT("a"), CPD_TEXT("b")};
  const cpd_value *got;
  size_t i, n = 7;
  (void)state;
  memset(&app, 0, sizeof app);
  memset(acts, 0, sizeof acts);
  app.version = CPD_APPLICATION_VERSION;
  app.activities = acts;
  app.activity_count = 2;
  for (i = 0; i < cpd_field_count(); i++) {
    const cpd_field_info *f = cpd_field_at(i);
    int in_act = strncmp(f->pointer, "/activities/-/", 14) == 0;
    if (f->kind == CPD_FIELD_OBJECT || f->kind == CPD_FIELD_ARRAY) {
      assert_int_equal(cpd_application_set(&app, f, &v), CPD_EINVAL);
      assert_int_equal(cpd_activity_set(&acts[1], f, &v, 1), CPD_EINVAL);
      assert_null(cpd_application_get(&app, f, 0, &n));
      assert_int_equal(n, 0);
    } else if (!in_act) {
      assert_int_equal(cpd_application_set(&app, f, &v), CPD_OK);
      assert_int_equal(cpd_activity_set(&acts[1], f, &v, 1), CPD_EINVAL);
      got = cpd_application_get(&app, f, 0, &n);
      assert_int_equal(n, 1);
      assert_ptr_equal(got->text, v.text);
    } else if (f->kind == CPD_FIELD_TEXT_LIST) {
      assert_int_equal(cpd_application_set(&app, f, &v), CPD_EINVAL);
      assert_int_equal(cpd_activity_set(&acts[1], f, list, 2), CPD_OK);
      assert_ptr_equal(cpd_application_get(&app, f, 1, &n), list);
      assert_int_equal(n, 2);
      assert_null(cpd_application_get(&app, f, 0, &n));
      assert_int_equal(n, 0);
      assert_non_null(cpd_field_separators(f));
    } else {
      assert_int_equal(cpd_activity_set(&acts[1], f, &v, 2), CPD_EINVAL);
      assert_int_equal(cpd_activity_set(&acts[1], f, &v, 1), CPD_OK);
      assert_ptr_equal(cpd_application_get(&app, f, 1, NULL)->text, v.text);
      assert_int_equal(cpd_application_get(&app, f, 0, &n)->kind,
                       CPD_VALUE_ABSENT);
      assert_null(cpd_application_get(&app, f, 2, &n)); /* out of range */
    }
    if (f->kind != CPD_FIELD_TEXT_LIST)
      assert_null(cpd_field_separators(f));
  }
  assert_ptr_equal(app.applicant.company_kana.text, v.text);
  assert_ptr_equal(app.fee_payer_name.text, v.text);
  assert_ptr_equal(acts[1].completed_on.text, v.text);
  assert_int_equal(acts[1].competency_count, 2);
  assert_int_equal(cpd_activity_set(&acts[1],
                                    cpd_field_by_id(CPD_FIELD_ID_ACT_EVIDENCE),
                                    NULL, 0),
                   CPD_OK);
  assert_null(acts[1].evidence);
  assert_null(cpd_application_get(NULL, cpd_field_at(0), 0, &n));
  assert_null(cpd_application_get(&app, NULL, 0, &n));
  assert_int_equal(cpd_application_set(NULL, cpd_field_at(0), &v), CPD_EINVAL);
  assert_int_equal(cpd_application_set(&app, cpd_field_at(0), NULL),
                   CPD_EINVAL);
  assert_int_equal(cpd_activity_set(NULL, cpd_field_at(21), &v, 1), CPD_EINVAL);
  assert_int_equal(cpd_activity_set(&acts[0], cpd_field_at(28), NULL, 1),
                   CPD_EINVAL);
  assert_null(cpd_field_separators(NULL));
  assert_non_null(strstr(
      cpd_field_separators(cpd_field_by_id(CPD_FIELD_ID_ACT_COMPETENCIES)),
      "、"));
  assert_null(strchr(
      cpd_field_separators(cpd_field_by_id(CPD_FIELD_ID_ACT_EVIDENCE)), ','));
}

static void test_unreadable_codes(void **state) {
  size_t i, n = 0;
  (void)state;
  for (i = 0; i < cpd_code_count(); i++)
    n += (size_t)cpd_code_unreadable(cpd_code_at(i));
  assert_int_equal(n, 4);
  assert_true(cpd_code_unreadable(cpd_code_find("activity.invalid_number")));
  assert_true(cpd_code_unreadable(cpd_code_find("activity.invalid_date")));
  assert_true(cpd_code_unreadable(cpd_code_find("activity.invalid_category")));
  assert_true(cpd_code_unreadable(cpd_code_find("fee.invalid_date")));
  assert_false(cpd_code_unreadable(cpd_code_find("activity.evidence_missing")));
  assert_false(cpd_code_unreadable(NULL));
}

static void test_utf8_check_says_where(void **state) {
  size_t valid = 9, chars = 9;
  static const char ok[] = "a山\xf0\x9f\x98\x80";
  static const char bad[] = "ab山\xed\xa0\x80z";
  (void)state;
  assert_int_equal(cpd_utf8_check(&valid, &chars, ok, sizeof ok - 1), CPD_OK);
  assert_int_equal(valid, sizeof ok - 1);
  assert_int_equal(chars, 3);
  assert_int_equal(cpd_utf8_check(&valid, &chars, bad, sizeof bad - 1),
                   CPD_EINVAL);
  assert_int_equal(valid, 5); /* the surrogate */
  assert_int_equal(chars, 3);
  assert_int_equal(cpd_utf8_check(&valid, NULL, "a\0b", 3), CPD_EINVAL);
  assert_int_equal(valid, 1);
  assert_int_equal(cpd_utf8_check(&valid, &chars, "\xc0\xaf", 2), CPD_EINVAL);
  assert_int_equal(valid, 0);
  assert_int_equal(cpd_utf8_check(&valid, &chars, "\xe5\xb1", 2), CPD_EINVAL);
  assert_int_equal(valid, 0);
  assert_int_equal(cpd_utf8_check(&valid, &chars, "\xf4\x90\x80\x80", 4),
                   CPD_EINVAL);
  assert_int_equal(cpd_utf8_check(NULL, NULL, NULL, 0), CPD_OK);
  assert_int_equal(cpd_utf8_check(NULL, NULL, NULL, 1), CPD_EINVAL);
}

/* ------------------------------------------------------ messages, errors */

/* The diagnostics' templates are copied into JSON strings as they are: no
 * quote, backslash or control character; every template has both
 * languages, and every '%' starts a placeholder the renderer knows. */
static void test_templates_are_complete_and_need_no_escaping(void **state) {
  size_t m;
  (void)state;
  for (m = 0; m < CPD__MSG_COUNT; m++) {
    cpd__code_id code = cpd__msg_code((cpd__msg_id)m);
    int ja;
    for (ja = 0; ja <= 1; ja++) {
      const char *t = cpd__msg_template((cpd__msg_id)m, ja), *p;
      assert_true(t[0] != '\0');
      for (p = t; (p = strchr(p, '%')) != NULL; p += 2)
        assert_non_null(strchr("ijDPNSKLpnyrdc%", p[1]));
      if (code < CPD__CODE_COUNT &&
          cpd__code(code)->kind != CPD_CODE_DIAGNOSTIC)
        continue;
      for (p = t; *p; p++)
        assert_true(*p != '"' && *p != '\\' && (unsigned char)*p >= 0x20);
    }
  }
}

/* Errors are raised by message id: the code, the status and both texts
 * come from the catalogue. */
static void test_errors_are_raised_by_id(void **state) {
  cpd_error err;
  (void)state;
  assert_int_equal(cpd__fail(&err, CPD__M_IN_COLON, "/a", 5), CPD_EINPUT);
  assert_string_equal(err.code, "input.syntax");
  assert_string_equal(err.path, "/a");
  assert_int_equal(err.offset, 5);
  assert_string_equal(err.message, "':' is expected.");
  assert_string_equal(err.message_ja, "':' が必要です。");
  assert_int_equal(cpd__fail(&err, CPD__M_POL_KEY, "/x", -1), CPD_EPOLICY);
  assert_string_equal(err.code, "policy.invalid");
  assert_int_equal(cpd__fail(&err, CPD__M_AUD_RATE, "", -1), CPD_EINVAL);
  assert_string_equal(err.code, "invalid_argument");
  assert_non_null(strstr(err.message, "(5%)."));
  assert_int_equal(cpd__fail(&err, CPD__M_AUD_NUMBER_TWICE, "", -1),
                   CPD_EINPUT);
  assert_string_equal(err.code, "audit.duplicate_number");
  assert_int_equal(cpd__fail(&err, CPD__M_OUT_OF_MEMORY, "", -1), CPD_ENOMEM);
  assert_string_equal(err.message, "Out of memory.");
  assert_int_equal(cpd__fail_args(&err, CPD__M_IN_APPLIED_ON_MISSPELT,
                                  "/applied_on", -1, "applied_at",
                                  CPD_FIELD_ID_APPLIED_ON, 0),
                   CPD_EINPUT);
  assert_string_equal(err.code, "input.missing_field");
  assert_string_equal(
      err.message, "applied_on (the application date) is missing, and the "
                   "document has “applied_at”, which is not a field: did you "
                   "mean “applied_on”?");
  assert_int_equal(cpd__fail(NULL, CPD__M_IN_COLON, "", 0), CPD_EINPUT);
}

/* The key lookup of documents is made from the field list: every field
 * with a key is found in its own scope and in no other. */
static void test_every_key_is_found_in_its_scope(void **state) {
  static const struct {
    cpd_field_id object;
    cpd__scope scope;
  } scopes[] = {{CPD_FIELD_ID_COUNT, CPD__IN_ROOT},
                {CPD_FIELD_ID_CERTIFICATION, CPD__IN_CERTIFICATION},
                {CPD_FIELD_ID_APPLICANT, CPD__IN_APPLICANT},
                {CPD_FIELD_ID_FEE, CPD__IN_FEE},
                {CPD_FIELD_ID_ACTIVITY, CPD__IN_ACTIVITY}};
  size_t i, j, found = 0;
  (void)state;
  for (i = 0; i < cpd_field_count(); i++) {
    const cpd_field_info *f = cpd_field_at(i);
    size_t hits = 0;
    for (j = 0; j < sizeof scopes / sizeof scopes[0]; j++) {
      const char *parent = scopes[j].object == CPD_FIELD_ID_COUNT
                               ? ""
                               : cpd_field_by_id(scopes[j].object)->pointer;
      size_t n = strlen(parent);
      int mine = f->key[0] && strncmp(f->pointer, parent, n) == 0 &&
                 f->pointer[n] == '/' && !strchr(f->pointer + n + 1, '/');
      int id = cpd__field_lookup(scopes[j].scope, f->key);
      assert_int_equal(id == (int)i, mine);
      hits += id == (int)i;
    }
    assert_int_equal(hits, f->key[0] ? 1 : 0);
    found += hits;
    assert_int_equal(cpd__field_in_activity((cpd_field_id)i),
                     strncmp(f->pointer, "/activities/-/", 14) == 0);
  }
  assert_int_equal(found, cpd_field_count() - 1); /* all but the element */
  assert_int_equal(cpd__field_lookup(CPD__IN_ROOT, "nmae"), -1);
  assert_int_equal(cpd__field_lookup(CPD__IN_APPLICANT, "applied_on"), -1);
  assert_int_equal(cpd__field_lookup(CPD__IN_ACTIVITIES, "id"), -1);
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
      cmocka_unit_test(test_labels_are_the_forms_words),
      cmocka_unit_test(test_labels_name_the_enums),
      cmocka_unit_test(test_fee_statuses_name_and_label),
      cmocka_unit_test(test_yen_format_groups_thousands),
      cmocka_unit_test(test_categories_by_letter_or_section),
      cmocka_unit_test(test_labels_document_holds_every_label),
      cmocka_unit_test(test_fields_document_is_the_table),
      cmocka_unit_test(test_company_is_personal_data),
      cmocka_unit_test(test_spreadsheet_headers_find_their_field),
      cmocka_unit_test(test_json_quote_escapes_as_the_documents),
      cmocka_unit_test(test_field_ids_name_the_table_rows),
      cmocka_unit_test(test_values_by_field),
      cmocka_unit_test(test_unreadable_codes),
      cmocka_unit_test(test_utf8_check_says_where),
      cmocka_unit_test(test_templates_are_complete_and_need_no_escaping),
      cmocka_unit_test(test_errors_are_raised_by_id),
      cmocka_unit_test(test_every_key_is_found_in_its_scope),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
