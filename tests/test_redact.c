/* test_redact.c - redaction of an application document: each mask, what
 * is kept, the printed JSON, input errors as cpd_check_json reports them,
 * and, over every golden case and example, that the redacted document
 * evaluates like the original except for applicant-field diagnostics and
 * holds none of the original personal strings. */
#define _POSIX_C_SOURCE 200809L
#include "cpd_test.h"

#include <dirent.h>

#include "internal.h"

/* ----------------------------------------------------------------- helpers */

/* A valid application around the given applicant and fee members. */
static char *application(const char *applicant, const char *fee) {
  static const char fmt[] =
      "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
      "\"certification\":{\"number\":\"OMP-000123\","
      "\"expires_on\":\"2027-03-31\"},"
      "\"applicant\":%s,\"fee\":%s,\"oath_agreed\":true,\"activities\":[]}";
  size_t n = sizeof fmt + strlen(applicant) + strlen(fee);
  char *s = malloc(n);
  assert_non_null(s);
  snprintf(s, n, fmt, applicant, fee);
  return s;
}

/* Redacts json (must succeed) and returns the parsed output. */
static cJSON *redacted_tree(const char *json) {
  char *out = NULL;
  cpd_error err;
  cJSON *tree;
  size_t n;
  assert_int_equal(cpd_redact_json(&out, json, strlen(json), NULL, &err),
                   CPD_OK);
  assert_non_null(out);
  n = strlen(out);
  assert_true(n > 0 && out[n - 1] == '\n');
  tree = cJSON_Parse(out);
  assert_non_null(tree);
  cpd_string_free(out);
  return tree;
}

static const cJSON *member(const cJSON *tree, const char *key,
                           const char *sub) {
  const cJSON *j = cJSON_GetObjectItemCaseSensitive(tree, key);
  return sub ? cJSON_GetObjectItemCaseSensitive(j, sub) : j;
}

/* The mask of one field given as the JSON value `value`. */
static void assert_masks(const char *key, const char *sub, const char *value,
                         const char *expected) {
  char applicant[512], fee[512];
  char *json;
  cJSON *tree;
  const cJSON *j;
  if (strcmp(key, "applicant") == 0)
    snprintf(applicant, sizeof applicant, "{\"%s\":%s}", sub, value);
  else
    snprintf(applicant, sizeof applicant, "{\"name\":\"x\"}");
  if (strcmp(key, "fee") == 0)
    snprintf(fee, sizeof fee, "{\"paid_on\":\"2027-02-01\",\"%s\":%s}", sub,
             value);
  else
    snprintf(fee, sizeof fee, "{\"paid_on\":\"2027-02-01\"}");
  json = application(applicant, fee);
  tree = redacted_tree(json);
  j = member(tree, key, sub);
  assert_non_null(j);
  if (expected) {
    if (!cJSON_IsString(j))
      fail_msg("%s/%s of %s is not a string", key, sub, value);
    assert_string_equal(j->valuestring, expected);
  } else {
    assert_true(cJSON_IsNull(j));
  }
  cJSON_Delete(tree);
  free(json);
}

static void assert_applicant(const char *field, const char *text,
                             const char *expected) {
  char value[512];
  cJSON *s = cJSON_CreateString(text);
  char *quoted = cJSON_PrintUnformatted(s);
  snprintf(value, sizeof value, "%s", quoted);
  cJSON_free(quoted);
  cJSON_Delete(s);
  assert_masks("applicant", field, value, expected);
}

/* ------------------------------------------------------------------ masks */

static void test_names_become_initials(void **state) {
  (void)state;
  assert_applicant("name", "山田 太郎", "山. 太.");
  assert_applicant("name_kana", "やまだ たろう", "や. た.");
  assert_applicant("name", "山田　太郎", "山. 太."); /* U+3000 */
  assert_applicant("name", "  山田太郎 ", "山.");
  assert_applicant("name", "ＹＡＭＡＤＡ  Taro Jr", "Y. T. J.");
  assert_applicant("name_kana", "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤ. タ."); /* NFKC first */
  assert_applicant("name", "", "");
  assert_masks("fee", "payer_name", "\"ヤマダ タロウ\"", "ヤ. タ.");
}

static void test_address_keeps_only_the_prefecture(void **state) {
  (void)state;
  assert_applicant("address", "東京都千代田区丸の内1-1-1", "東京都");
  assert_applicant("address", "京都府京都市中京区", "京都府");
  assert_applicant("address", "神奈川県横浜市西区", "神奈川県");
  assert_applicant("address", "北海道札幌市", "北海道");
  assert_applicant("address", "鹿児島県鹿児島市", "鹿児島県");
  assert_applicant("address", "沖縄県那覇市", "沖縄県");
  assert_applicant("address", "　大阪府大阪市", "大阪府");
  assert_applicant("address", "千代田区丸の内1-1-1", "***");
  assert_applicant("address", "〒100-0005 東京都千代田区", "***");
  assert_applicant("address", "東京", "***");
  assert_applicant("address", "", "");
}

static void test_postal_code_keeps_its_first_three_digits(void **state) {
  (void)state;
  assert_applicant("postal_code", "100-0005", "100-****");
  assert_applicant("postal_code", "〒１００－０００５", "〒100-****");
  assert_applicant("postal_code", "1000005", "100****");
  assert_applicant("postal_code", "10", "10");
  assert_applicant("postal_code", "100-0005 丸の内", "100-**** ***");
}

static void test_phone_keeps_its_last_four_digits(void **state) {
  (void)state;
  assert_applicant("phone", "03-1234-5678", "**-****-5678");
  assert_applicant("mobile", "090-1234-5678", "***-****-5678");
  assert_applicant("phone", "(03) 1234 5678", "(**) **** 5678");
  assert_applicant("mobile", "０９０－１２３４－５６７８", "***-****-5678");
  assert_applicant("phone", "0312345678", "******5678");
  assert_applicant("phone", "03-1234-5678 自宅", "**-****-5678 **");
  assert_applicant("phone", "123", "123");
}

static void test_email_keeps_first_letter_and_domain(void **state) {
  (void)state;
  assert_applicant("email", "taro@example.jp", "t***@example.jp");
  assert_applicant("email", "Ｔａｒｏ＠example.jp", "T***@example.jp");
  assert_applicant("email", "hanako.sato@example.co.jp", "h***@example.co.jp");
  assert_applicant("email", "@example.jp", "***@example.jp");
  assert_applicant("email", "a\"b@x@example.jp", "a***@example.jp");
  assert_applicant("email", "taro at example.jp", "***");
  assert_applicant("email", "", "");
}

static void test_non_string_values_become_null(void **state) {
  (void)state;
  assert_masks("applicant", "name", "123", NULL);
  assert_masks("applicant", "phone", "[\"03-1234-5678\"]", NULL);
  assert_masks("applicant", "email", "{\"local\":\"taro\"}", NULL);
  assert_masks("applicant", "address", "true", NULL);
  assert_masks("applicant", "mobile", "null", NULL);
  assert_masks("fee", "payer_name", "5", NULL);
}

static void
test_applicant_or_fee_that_is_not_an_object_becomes_null(void **state) {
  char *json = application("\"山田 太郎 東京都千代田区\"", "[\"ヤマダ\"]");
  cJSON *tree = redacted_tree(json);
  (void)state;
  assert_true(cJSON_IsNull(member(tree, "applicant", NULL)));
  assert_true(cJSON_IsNull(member(tree, "fee", NULL)));
  cJSON_Delete(tree);
  free(json);
}

static void test_everything_else_is_kept_in_order(void **state) {
  static const char in[] =
      "{\"zeta\":{\"b\":1,\"a\":[1.5,6,0.1,1e2,-0.25,12345678901234567,"
      "true,false,null,{},[]]},"
      "\"applied_on\":\"令和9年2月10日\",\"qualification\":\"ＯＭＰ\","
      "\"certification\":{\"number\":\"OMP-000123\",\"expires_on\":"
      "\"2027-03-31\"},"
      "\"applicant\":{\"extra\":\"kept\",\"company\":\"株式会社サンプル\","
      "\"company_kana\":\"かぶしきがいしゃさんぷる\",\"name\":\"山田 太郎\"},"
      "\"fee\":{\"payer_name\":\"ヤマダ タロウ\",\"paid_on\":\"R9.2.1\"},"
      "\"activities\":[{\"id\":\"a1\",\"category\":\"A\",\"title\":"
      "\"q\\\"\\\\\\n\\t\\u00e9\\ud83d\\ude00\\u001f/\","
      "\"completed_on\":\"2024-06-15\",\"hours\":6,\"evidence\":[\"a.pdf\"]}],"
      "\"oath_agreed\":true}";
  cJSON *orig = cJSON_Parse(in), *red = redacted_tree(in);
  const cJSON *a, *b;
  static const char *const keep[][2] = {
      {"zeta", NULL},          {"applied_on", NULL}, {"qualification", NULL},
      {"certification", NULL}, {"activities", NULL}, {"oath_agreed", NULL},
      {"applicant", "extra"},  {"fee", "paid_on"}};
  size_t i;
  (void)state;
  assert_non_null(orig);
  for (i = 0; i < sizeof keep / sizeof keep[0]; i++)
    assert_true(cJSON_Compare(member(orig, keep[i][0], keep[i][1]),
                              member(red, keep[i][0], keep[i][1]), 1));
  /* same keys in the same order, at every level that was kept */
  for (a = orig->child, b = red->child; a && b; a = a->next, b = b->next)
    assert_string_equal(a->string, b->string);
  assert_null(a);
  assert_null(b);
  a = member(orig, "applicant", NULL)->child;
  b = member(red, "applicant", NULL)->child;
  for (; a && b; a = a->next, b = b->next)
    assert_string_equal(a->string, b->string);
  assert_null(a);
  assert_null(b);
  assert_string_equal(member(red, "applicant", "name")->valuestring, "山. 太.");
  assert_string_equal(member(red, "fee", "payer_name")->valuestring, "ヤ. タ.");
  /* the employer of a named person is personal data: nothing kept */
  assert_string_equal(member(red, "applicant", "company")->valuestring, "***");
  assert_string_equal(member(red, "applicant", "company_kana")->valuestring,
                      "***");
  cJSON_Delete(orig);
  cJSON_Delete(red);
}

/* Redaction follows the field table: every personal text field is masked
 * (its value never survives), every other one is kept as it was. */
static void test_redaction_follows_the_field_table(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < cpd_field_count(); i++) {
    const cpd_field_info *f = cpd_field_at(i);
    char in[512], parent[32];
    const char *slash;
    cJSON *red;
    const cJSON *v;
    if (f->kind != CPD_FIELD_TEXT || strchr(f->pointer, '-'))
      continue;
    /* personal data is exactly what redaction masks */
    assert_int_equal(f->personal, f->redaction != CPD_REDACT_NONE);
    slash = strchr(f->pointer + 1, '/');
    if (slash) {
      snprintf(parent, sizeof parent, "%.*s", (int)(slash - f->pointer - 1),
               f->pointer + 1);
      snprintf(in, sizeof in,
               "{\"%s\":{\"%s\":\"ZQXV 0312345678 zq@example.jp\"}}", parent,
               f->key);
    } else {
      snprintf(in, sizeof in, "{\"%s\":\"ZQXV 0312345678 zq@example.jp\"}",
               f->key);
    }
    red = redacted_tree(in);
    v = slash ? member(red, parent, f->key) : member(red, f->key, NULL);
    assert_true(cJSON_IsString(v));
    if (f->personal)
      assert_null(strstr(v->valuestring, "ZQXV"));
    else
      assert_string_equal(v->valuestring, "ZQXV 0312345678 zq@example.jp");
    cJSON_Delete(red);
  }
}

static void test_output_is_indented_json_with_a_final_newline(void **state) {
  static const char in[] =
      "{\"applied_on\":\"2027-02-10\",\"certification\":{\"expires_on\":"
      "\"2027-03-31\"},\"activities\":[],\"x\":{}}";
  static const char want[] = "{\n"
                             "  \"applied_on\": \"2027-02-10\",\n"
                             "  \"certification\": {\n"
                             "    \"expires_on\": \"2027-03-31\"\n"
                             "  },\n"
                             "  \"activities\": [],\n"
                             "  \"x\": {}\n"
                             "}\n";
  char *out = NULL;
  (void)state;
  assert_int_equal(cpd_redact_json(&out, in, strlen(in), NULL, NULL), CPD_OK);
  assert_string_equal(out, want);
  cpd_string_free(out);
}

/* ------------------------------------------------------------ input errors */

static void assert_same_error(const char *json, size_t len,
                              const cpd_limits *lim) {
  cpd_error e1, e2;
  char *out = (char *)1, *chk = NULL;
  memset(&e1, 0, sizeof e1);
  memset(&e2, 0, sizeof e2);
  assert_int_equal(cpd_check_json(&chk, NULL, json, len, lim, &e1), CPD_EINPUT);
  assert_int_equal(cpd_redact_json(&out, json, len, lim, &e2), CPD_EINPUT);
  assert_null(out);
  assert_string_equal(e1.code, e2.code);
  assert_string_equal(e1.path, e2.path);
  assert_int_equal(e1.offset, e2.offset);
  assert_string_equal(e1.message, e2.message);
}

static void test_invalid_input_gives_the_errors_of_check(void **state) {
  static const char *const docs[] = {
      "",
      "{\"applied_on\": }",
      "[1, 2]",
      "\xEF\xBB\xBF\"text\"",
      "{\"applicant\": {\"name\": \"a\", \"name\": \"b\"}}",
      "{\"applicant\": {\"name\": \"\xff\"}}",
      "{\"applicant\": {\"name\": \"\\ud800\"}}",
      "{\"hours\": 1e999}",
      "{\"a\": 1} {\"b\": 2}",
  };
  char deep[200];
  size_t i;
  cpd_limits lim = CPD_LIMITS_INIT;
  char *many;
  (void)state;
  for (i = 0; i < sizeof docs / sizeof docs[0]; i++)
    assert_same_error(docs[i], strlen(docs[i]), NULL);
  memset(deep, '[', sizeof deep);
  assert_same_error(deep, sizeof deep, NULL);
  /* limits: document size, string size, activity count */
  lim.max_document_bytes = 16;
  assert_same_error(docs[4], strlen(docs[4]), &lim);
  lim = (cpd_limits)CPD_LIMITS_INIT;
  lim.max_string_bytes = 2;
  assert_same_error(docs[4], strlen(docs[4]), &lim);
  lim = (cpd_limits)CPD_LIMITS_INIT;
  lim.max_activities = 2;
  many = strdup("{\"applied_on\":\"2027-02-10\",\"certification\":{"
                "\"expires_on\":\"2027-03-31\"},\"activities\":[{},{},{}]}");
  assert_non_null(many);
  assert_same_error(many, strlen(many), &lim);
  free(many);
}

static void
test_a_document_check_refuses_stays_refused_once_redacted(void **state) {
  /* Parsed, but without applied_on: redaction masks it (a draft can be
   * shared), and check still refuses the redacted copy the same way. */
  static const char in[] = "{\"certification\":{\"expires_on\":\"2027-03-31\"},"
                           "\"applicant\":{\"name\":\"山田 太郎\"}}";
  cpd_error e1, e2;
  char *out = NULL, *chk = NULL;
  (void)state;
  assert_int_equal(cpd_check_json(&chk, NULL, in, strlen(in), NULL, &e1),
                   CPD_EINPUT);
  assert_int_equal(cpd_redact_json(&out, in, strlen(in), NULL, &e2), CPD_OK);
  assert_null(strstr(out, "山田"));
  assert_int_equal(cpd_check_json(&chk, NULL, out, strlen(out), NULL, &e2),
                   CPD_EINPUT);
  assert_string_equal(e1.code, e2.code);
  assert_string_equal(e1.path, e2.path);
  cpd_string_free(out);
}

static void test_null_arguments(void **state) {
  char *out = (char *)1;
  (void)state;
  assert_int_equal(cpd_redact_json(NULL, "{}", 2, NULL, NULL), CPD_EINVAL);
  assert_int_equal(cpd_redact_json(&out, NULL, 2, NULL, NULL), CPD_EINVAL);
  assert_null(out);
  cpd_string_free(NULL);
}

/* --------------------------------------------- golden cases and examples */

static int applicant_path(const char *path) {
  return strcmp(path, "/applicant") == 0 ||
         strncmp(path, "/applicant/", 11) == 0 ||
         strcmp(path, "/fee/payer_name") == 0 || strcmp(path, "/fee") == 0;
}

/* R15 over the diagnostics, all of them or only those not about the
 * applicant's fields. */
static cpd_decision decision_of(const cpd_result *r, int non_applicant_only) {
  size_t i;
  cpd_severity worst = CPD_SEVERITY_INFO;
  for (i = 0; i < cpd_result_diagnostic_count(r); i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    if (non_applicant_only && applicant_path(d->path))
      continue;
    if (d->severity > worst)
      worst = d->severity;
  }
  return worst == CPD_SEVERITY_FATAL   ? CPD_INELIGIBLE
         : worst == CPD_SEVERITY_ERROR ? CPD_INCOMPLETE
                                       : CPD_ELIGIBLE;
}

static int applicant_errors(const cpd_result *r) {
  size_t i;
  int n = 0;
  for (i = 0; i < cpd_result_diagnostic_count(r); i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    n += applicant_path(d->path) && d->severity >= CPD_SEVERITY_ERROR;
  }
  return n;
}

static void assert_same_evaluation(const char *name, const cpd_result *a,
                                   const cpd_result *b) {
  const cpd_summary *x = cpd_result_summary(a), *y = cpd_result_summary(b);
  size_t i, j;
  assert_int_equal(x->applied_on, y->applied_on);
  assert_true((x->qualification == NULL) == (y->qualification == NULL));
  if (x->qualification)
    assert_string_equal(x->qualification, y->qualification);
  assert_int_equal(x->period_starts_on, y->period_starts_on);
  assert_int_equal(x->period_expires_on, y->period_expires_on);
  assert_int_equal(x->window_opens_on, y->window_opens_on);
  assert_int_equal(x->window_closes_on, y->window_closes_on);
  assert_int_equal(x->window_status, y->window_status);
  assert_int_equal(x->required, y->required);
  assert_int_equal(x->counted, y->counted);
  assert_int_equal(x->shortfall, y->shortfall);
  assert_string_equal(x->email_subject, y->email_subject);

  /* The decision may differ only through applicant-field diagnostics: the
   * masked phone and postal code are no longer valid numbers, masked kana
   * holds dots.  So the decision over the other diagnostics must agree,
   * and the real decisions must agree whenever neither side has an
   * applicant-field error. */
  assert_int_equal(decision_of(a, 0), x->decision);
  assert_int_equal(decision_of(b, 0), y->decision);
  assert_int_equal(decision_of(a, 1), decision_of(b, 1));
  if (!applicant_errors(a) && !applicant_errors(b))
    assert_int_equal(x->decision, y->decision);

  assert_int_equal(cpd_result_section_count(a), cpd_result_section_count(b));
  for (i = 0; i < cpd_result_section_count(a); i++) {
    const cpd_section_total *s = cpd_result_section(a, i),
                            *t = cpd_result_section(b, i);
    assert_string_equal(s->section, t->section);
    assert_int_equal(s->claimed, t->claimed);
    assert_int_equal(s->counted, t->counted);
    assert_int_equal(s->cap, t->cap);
    assert_int_equal(s->entries, t->entries);
  }
  assert_int_equal(cpd_result_activity_count(a), cpd_result_activity_count(b));
  for (i = 0; i < cpd_result_activity_count(a); i++) {
    const cpd_activity_result *s = cpd_result_activity(a, i),
                              *t = cpd_result_activity(b, i);
    assert_int_equal(s->index, t->index);
    assert_true((s->id == NULL) == (t->id == NULL));
    if (s->id)
      assert_string_equal(s->id, t->id);
    assert_true((s->section == NULL) == (t->section == NULL));
    if (s->section)
      assert_string_equal(s->section, t->section);
    assert_int_equal(s->year, t->year);
    assert_int_equal(s->claimed, t->claimed);
    assert_int_equal(s->counted, t->counted);
    assert_int_equal(s->status, t->status);
  }
  /* the diagnostics that are not about the applicant, in order */
  for (i = j = 0;;) {
    const cpd_diagnostic *d = NULL, *e = NULL;
    while (i < cpd_result_diagnostic_count(a) &&
           applicant_path((d = cpd_result_diagnostic(a, i))->path))
      i++, d = NULL;
    while (j < cpd_result_diagnostic_count(b) &&
           applicant_path((e = cpd_result_diagnostic(b, j))->path))
      j++, e = NULL;
    if (i >= cpd_result_diagnostic_count(a))
      d = NULL;
    if (j >= cpd_result_diagnostic_count(b))
      e = NULL;
    if (!d || !e) {
      if (d || e)
        fail_msg("%s: diagnostic %s only on one side", name,
                 d ? d->code : e->code);
      break;
    }
    assert_string_equal(d->code, e->code);
    assert_int_equal(d->severity, e->severity);
    assert_string_equal(d->path, e->path);
    assert_string_equal(d->message, e->message);
    assert_string_equal(d->message_ja, e->message_ja);
    i++;
    j++;
  }
}

static void normalize(cpd__buf *b, const char *s) {
  assert_int_equal(cpd__text_normalize(b, s, strlen(s)), CPD_OK);
  assert_non_null(cpd__buf_cstr(b));
}

static size_t utf8_chars(const char *s, size_t n) {
  size_t i, c = 0;
  for (i = 0; i < n; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

static size_t first_char_len(const char *s) {
  size_t k = 1;
  while (s[k] && ((unsigned char)s[k] & 0xC0) == 0x80)
    k++;
  return k;
}

static void assert_absent(const char *name, const char *out, const char *s,
                          size_t n) {
  char *needle = strndup(s, n);
  assert_non_null(needle);
  if (n && strstr(out, needle))
    fail_msg("%s: the redacted document still holds personal text", name);
  free(needle);
}

/* Digits of a masked field: only the kept ones may remain. */
static void assert_digits_at_most(const cJSON *red, const char *field,
                                  size_t max) {
  const cJSON *j = member(red, "applicant", field);
  size_t i, n = 0;
  if (!cJSON_IsString(j))
    return;
  for (i = 0; j->valuestring[i]; i++)
    n += j->valuestring[i] >= '0' && j->valuestring[i] <= '9';
  assert_true(n <= max);
}

static void assert_no_personal_data(const char *name, const cJSON *orig,
                                    const char *out) {
  static const char *const names[][2] = {
      {"applicant", "name"}, {"applicant", "name_kana"}, {"fee", "payer_name"}};
  cpd__buf b = CPD__BUF_INIT;
  const cJSON *j;
  cJSON *red = cJSON_Parse(out);
  size_t i;
  assert_non_null(red);
  for (i = 0; i < 3; i++) {
    const char *s, *p;
    j = member(orig, names[i][0], names[i][1]);
    if (!cJSON_IsString(j))
      continue;
    normalize(&b, j->valuestring);
    /* each part, and what follows its initial, when 2 characters or more */
    for (s = b.p; *s; s = *p ? p + 1 : p) {
      size_t k = first_char_len(s), n;
      p = strchr(s, ' ');
      if (!p)
        p = s + strlen(s);
      n = (size_t)(p - s);
      if (utf8_chars(s, n) >= 2)
        assert_absent(name, out, s, n);
      if (n > k && utf8_chars(s + k, n - k) >= 2)
        assert_absent(name, out, s + k, n - k);
    }
  }
  j = member(orig, "applicant", "address");
  if (cJSON_IsString(j)) {
    const cJSON *m = member(red, "applicant", "address");
    normalize(&b, j->valuestring);
    assert_true(cJSON_IsString(m));
    if (strcmp(m->valuestring, "***") != 0) {
      /* a prefecture: at most 4 characters ending in 都, 道, 府 or 県 */
      size_t k = strlen(m->valuestring);
      assert_in_range(utf8_chars(m->valuestring, k), 3, 4);
      assert_true(strstr("都道府県", m->valuestring + k - 3) != NULL);
      assert_memory_equal(b.p, m->valuestring, k);
      assert_absent(name, out, b.p + k, b.len - k);
    } else {
      assert_absent(name, out, b.p, b.len);
    }
  }
  for (i = 0; i < 2; i++) {
    const char *field = i ? "mobile" : "phone";
    j = member(orig, "applicant", field);
    if (cJSON_IsString(j)) {
      size_t n = 0, digits = 0, end;
      normalize(&b, j->valuestring);
      for (end = 0; end < b.len; end++)
        digits += b.p[end] >= '0' && b.p[end] <= '9';
      /* the written text up to the last digit before the last 4 */
      for (end = 0; end < b.len && n + 4 < digits; end++)
        n += b.p[end] >= '0' && b.p[end] <= '9';
      if (n >= 2)
        assert_absent(name, out, b.p, end);
      assert_digits_at_most(red, field, 4);
    }
  }
  assert_digits_at_most(red, "postal_code", 3);
  j = member(orig, "applicant", "email");
  if (cJSON_IsString(j)) {
    const char *at;
    normalize(&b, j->valuestring);
    at = strrchr(b.p, '@');
    if (at && at > b.p) {
      size_t k = first_char_len(b.p), n = (size_t)(at - b.p);
      if (n >= 2)
        assert_absent(name, out, b.p, n + 1); /* "taro@" */
      if (n > k && utf8_chars(b.p + k, n - k) >= 3)
        assert_absent(name, out, b.p + k, n - k);
    }
  }
  cpd__buf_free(&b);
  cJSON_Delete(red);
}

static void check_file(const char *path) {
  size_t len;
  char *json = cpdt_read_file_or_null(path, &len);
  cpd_result *r1 = NULL, *r2 = NULL;
  cpd_error e1, e2;
  char *out = NULL;
  cpd_status st;
  cJSON *orig;
  if (!json)
    return;
  print_message("redact %s\n", path);
  st = cpd_evaluate_json(&r1, NULL, json, len, NULL, &e1);
  if (st == CPD_EINPUT) {
    /* Not a valid application: redaction refuses it the same way, or
     * (when only the evaluation refused it) masks it and check refuses
     * the masked copy the same way. */
    if (cpd_redact_json(&out, json, len, NULL, &e2) == CPD_EINPUT) {
      assert_string_equal(e1.code, e2.code);
      assert_string_equal(e1.path, e2.path);
    } else {
      assert_non_null(out);
      assert_int_equal(
          cpd_evaluate_json(&r2, NULL, out, strlen(out), NULL, &e2),
          CPD_EINPUT);
      assert_string_equal(e1.code, e2.code);
      assert_string_equal(e1.path, e2.path);
      cpd_string_free(out);
    }
    free(json);
    return;
  }
  assert_int_equal(st, CPD_OK);
  assert_int_equal(cpd_redact_json(&out, json, len, NULL, &e2), CPD_OK);
  assert_int_equal(cpd_evaluate_json(&r2, NULL, out, strlen(out), NULL, &e2),
                   CPD_OK);
  assert_same_evaluation(path, r1, r2);
  orig = cJSON_ParseWithLength(json, len);
  assert_non_null(orig);
  assert_no_personal_data(path, orig, out);
  cJSON_Delete(orig);
  cpd_result_free(r1);
  cpd_result_free(r2);
  cpd_string_free(out);
  free(json);
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.json of a directory (sorted); returns how many were seen. */
static size_t check_dir(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *de;
  char *names[256];
  size_t n = 0, i;
  if (!d)
    return 0;
  while ((de = readdir(d)) != NULL && n < 256) {
    size_t k = strlen(de->d_name);
    if (k > 5 && strcmp(de->d_name + k - 5, ".json") == 0) {
      size_t m = strlen(dir) + k + 2;
      names[n] = malloc(m);
      assert_non_null(names[n]);
      snprintf(names[n], m, "%s/%s", dir, de->d_name);
      n++;
    }
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmp_name);
  for (i = 0; i < n; i++) {
    check_file(names[i]);
    free(names[i]);
  }
  return n;
}

static void test_golden_cases_evaluate_the_same_once_redacted(void **state) {
  (void)state;
  assert_true(check_dir("tests/golden") > 0);
}

static void test_examples_evaluate_the_same_once_redacted(void **state) {
  (void)state;
  check_dir("examples"); /* optional: not every checkout has them */
}

static void test_basic_case_loses_the_exact_personal_strings(void **state) {
  size_t len;
  char *json = cpdt_read_file_or_null("tests/golden/eligible-basic.json", &len);
  char *out = NULL;
  static const char *const gone[] = {
      "山田",    "太郎",        "やまだ",   "たろう",
      "ヤマダ",  "タロウ",      "千代田区", "丸の内",
      "03-1234", "090-1234",    "taro@",    "aro@",
      "0005",    "1234-5678\"", "1-1-1",    "株式会社サンプル"};
  static const char *const kept[] = {"\"OMP-000123\"",      "\"山. 太.\"",
                                     "\"や. た.\"",         "\"ヤ. タ.\"",
                                     "\"東京都\"",          "\"100-****\"",
                                     "\"**-****-5678\"",    "\"***-****-5678\"",
                                     "\"t***@example.jp\"", "OMP対策講座"};
  size_t i;
  (void)state;
  assert_non_null(json);
  assert_int_equal(cpd_redact_json(&out, json, len, NULL, NULL), CPD_OK);
  for (i = 0; i < sizeof gone / sizeof gone[0]; i++)
    if (strstr(out, gone[i]))
      fail_msg("'%s' is still in the output", gone[i]);
  for (i = 0; i < sizeof kept / sizeof kept[0]; i++)
    if (!strstr(out, kept[i]))
      fail_msg("'%s' is missing from the output", kept[i]);
  cpd_string_free(out);
  free(json);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names_become_initials),
      cmocka_unit_test(test_address_keeps_only_the_prefecture),
      cmocka_unit_test(test_postal_code_keeps_its_first_three_digits),
      cmocka_unit_test(test_phone_keeps_its_last_four_digits),
      cmocka_unit_test(test_email_keeps_first_letter_and_domain),
      cmocka_unit_test(test_non_string_values_become_null),
      cmocka_unit_test(
          test_applicant_or_fee_that_is_not_an_object_becomes_null),
      cmocka_unit_test(test_everything_else_is_kept_in_order),
      cmocka_unit_test(test_redaction_follows_the_field_table),
      cmocka_unit_test(test_output_is_indented_json_with_a_final_newline),
      cmocka_unit_test(test_invalid_input_gives_the_errors_of_check),
      cmocka_unit_test(
          test_a_document_check_refuses_stays_refused_once_redacted),
      cmocka_unit_test(test_null_arguments),
      cmocka_unit_test(test_golden_cases_evaluate_the_same_once_redacted),
      cmocka_unit_test(test_examples_evaluate_the_same_once_redacted),
      cmocka_unit_test(test_basic_case_loses_the_exact_personal_strings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
