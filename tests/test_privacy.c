/* test_privacy.c - personal data never leaves through a message
 * (STYLE.md "Messages name the field and never echo personal data";
 * JSON.md "Messages never contain the applicant's personal details").
 *
 * Applications full of distinctive personal details - valid, invalid in
 * every personal field, of the wrong type, and broken so that the input is
 * refused in those very fields (invalid UTF-8, \u0000, lone surrogates,
 * control characters, over-long text, duplicate keys, 1e999) - go through
 * the library (result documents, typed diagnostics, error structs and
 * error documents, plan documents) and through the `cpd` command line
 * (CPD_CLI, set by ctest: check --format json|text in English and Japanese,
 * batch, plan; stdout and stderr).  No fragment of the personal details
 * may appear anywhere in any of it. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "cpd_test.h"

#include <unistd.h>

/* The applicant.  Nothing here is a real person. */
#define P_CERT "OMP-731942"
#define P_NAME "轟 雷蔵"
#define P_NAME_KANA "とどろき　らいぞう"
#define P_COMPANY "株式会社ヴォルテクスＱ"
#define P_COMPANY_KANA "かぶしきがいしゃゔぉるてくす"
#define P_POSTAL "〒９８７－６５４３"
#define P_ADDRESS "青森県むつ市大畑町正津川字ＸＹＺ９－８－７"
#define P_PHONE "0175-99-1234"
#define P_MOBILE "070-8642-9753"
#define P_EMAIL "raizo.todoroki.zqv@example.org"
#define P_PAYER "トドロキ　ライゾウ"

/* Fragments, also in the forms NFKC and the field checks would give them
 * (half-width, without dashes). */
static const char *const fragments[] = {
    "731942",       "轟",           "雷蔵",   "とどろき", "らいぞう",
    "ヴォルテクス", "ゔぉるてくす", "９８７", "987-6543", "9876543",
    "むつ市",       "大畑町",       "正津川", "ＸＹＺ",   "XYZ",
    "99-1234",      "991234",       "0175",   "8642",     "9753",
    "raizo",        "todoroki",     "zqv",    "トドロキ", "ライゾウ"};

static void assert_no_personal_data(const char *what, const char *text) {
  size_t i;
  if (!text)
    return;
  for (i = 0; i < sizeof fragments / sizeof fragments[0]; i++)
    if (strstr(text, fragments[i]))
      fail_msg("%s holds personal data \"%s\":\n%.600s", what, fragments[i],
               text);
}

/* ------------------------------------------------------------ documents */

typedef struct field {
  const char *key, *value; /* value: JSON text */
} field;

static const field valid_applicant[] = {
    {"name", "\"" P_NAME "\""},
    {"name_kana", "\"" P_NAME_KANA "\""},
    {"company", "\"" P_COMPANY "\""},
    {"company_kana", "\"" P_COMPANY_KANA "\""},
    {"postal_code", "\"" P_POSTAL "\""},
    {"address", "\"" P_ADDRESS "\""},
    {"phone", "\"" P_PHONE "\""},
    {"mobile", "\"" P_MOBILE "\""},
    {"email", "\"" P_EMAIL "\""},
};
#define NFIELDS (sizeof valid_applicant / sizeof valid_applicant[0])

/* One application; the applicant field `key` (or none) gets `value`. */
static char *application(const char *key, const char *value,
                         const char *payer) {
  size_t cap = 16384, n = 0, i;
  char *b = malloc(cap);
  assert_non_null(b);
  n += (size_t)snprintf(b + n, cap - n,
                        "{\"applied_on\":\"2027-02-10\",\"qualification\":"
                        "\"OMP\",\"certification\":{\"number\":\"" P_CERT
                        "\",\"expires_on\":\"2027-03-31\"},\"applicant\":{");
  for (i = 0; i < NFIELDS; i++) {
    const char *v = valid_applicant[i].value;
    if (key && strcmp(key, valid_applicant[i].key) == 0)
      v = value;
    n += (size_t)snprintf(b + n, cap - n, "%s\"%s\":%s", i ? "," : "",
                          valid_applicant[i].key, v);
  }
  n += (size_t)snprintf(
      b + n, cap - n,
      "},\"fee\":{\"paid_on\":\"2027-02-01\",\"payer_name\":%s},"
      "\"oath_agreed\":true,\"activities\":["
      "{\"category\":\"A\",\"title\":\"講座\",\"completed_on\":\"2024-06-15\","
      "\"hours\":20,\"evidence\":[\"" P_NAME "_受講証明書.pdf\"]},"
      "{\"category\":\"B\",\"title\":\"研修\",\"completed_on\":\"2025-06-15\","
      "\"hours\":6,\"evidence\":[\"raizo-todoroki.pdf\"]},"
      "{\"category\":\"C\",\"title\":\"学習\",\"completed_on\":\"2026-06-15\","
      "\"hours\":6}]}",
      payer ? payer : "\"" P_PAYER "\"");
  assert_true(n < cap);
  return b;
}

/* Invalid values: each field's check fails with the personal data in it. */
static const field invalid[] = {
    {"name", "\"   \""},
    {"name", "12345"},
    {"name", "{\"family\":\"轟\",\"given\":\"雷蔵\"}"},
    {"name_kana", "\"轟 らいぞう\""},
    {"name_kana", "[\"とどろき\",\"らいぞう\"]"},
    {"company_kana", "\"株式会社ヴォルテクスQ\""},
    {"postal_code", "\"987-65430 むつ市\""},
    {"postal_code", "9876543"},
    {"address", "null"},
    {"phone", "\"0175-99-1234-5678 raizo\""},
    {"phone", "\"+81-175-99-1234\""},
    {"phone", "175991234"},
    {"mobile", "\"8642-9753\""},
    {"email", "\"raizo.todoroki.zqv@@example.org\""},
    {"email", "\"raizo todoroki@example\""},
    {"email", "\"raizo.todoroki.zqv\""},
};

/* Broken values: the document is refused in that field. */
static const field refused[] = {
    {"name", "\"轟 雷蔵\xff\""},
    {"name", "\"轟\\u0000雷蔵\""},
    {"name_kana", "\"とどろき\\ud800らいぞう\""},
    {"name_kana", "\"とどろき\\udc00\""},
    {"address", "\"青森県むつ市\x01大畑町\""},
    {"address", "\"青森県むつ市\xe3\x81\""},
    {"phone", "1e999"},
    {"phone", "0175991234e999"},
    {"email", "\"raizo\xc0\xaftodoroki@example.org\""},
    {"email", "\"raizo.todoroki.zqv@example.org\",\"email\":\"raizo@x.jp\""},
    {"mobile", "\"070-8642-9753\\ud83d\""},
    {"postal_code", "\"987-6543\xed\xa0\x80\""},
    {"company", "\"ヴォルテクス\\x\""},
    {"company", "\"ヴォルテクス"},
};

/* ------------------------------------------------------------ library */

static void check_through_library(const char *what, const char *json) {
  char *out = NULL, *doc = NULL, *plan = NULL;
  cpd_result *r = NULL;
  cpd_error err;
  cpd_day as_of;
  size_t i;
  cpd_status st;

  memset(&err, 0, sizeof err);
  st = cpd_check_json(&out, NULL, json, strlen(json), NULL, &err);
  if (st == CPD_OK) {
    assert_no_personal_data(what, out);
  } else {
    assert_int_equal(st, CPD_EINPUT);
    assert_no_personal_data(what, err.path);
    assert_no_personal_data(what, err.message);
    assert_no_personal_data(what, err.message_ja);
    assert_int_equal(cpd_error_to_json(&doc, &err), CPD_OK);
    assert_no_personal_data(what, doc);
  }
  cpd_string_free(out);
  cpd_string_free(doc);

  st = cpd_evaluate_json(&r, NULL, json, strlen(json), NULL, &err);
  for (i = 0; st == CPD_OK && i < cpd_result_diagnostic_count(r); i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    assert_no_personal_data(what, d->path);
    assert_no_personal_data(what, d->message);
    assert_no_personal_data(what, d->message_ja);
  }
  cpd_result_free(r);

  assert_int_equal(cpd_day_from_ymd(&as_of, 2026, 12, 1), CPD_OK);
  st = cpd_plan_json(&plan, NULL, json, strlen(json), as_of, NULL, &err);
  if (st == CPD_OK)
    assert_no_personal_data(what, plan);
  else
    assert_no_personal_data(what, err.message);
  cpd_string_free(plan);
}

static void test_a_valid_application_echoes_no_personal_data(void **state) {
  char *json = application(NULL, NULL, NULL);
  (void)state;
  check_through_library("valid application", json);
  free(json);
}

static void test_invalid_personal_fields_are_named_not_echoed(void **state) {
  size_t i;
  char what[200];
  (void)state;
  for (i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
    char *json = application(invalid[i].key, invalid[i].value, NULL);
    snprintf(what, sizeof what, "invalid %s %s", invalid[i].key,
             invalid[i].value);
    check_through_library(what, json);
    free(json);
  }
  {
    char *json = application(NULL, NULL, "\"ﾄﾄﾞﾛｷ ﾗｲｿﾞｳ 9876543\"");
    check_through_library("half-width payer", json);
    free(json);
  }
}

static void test_input_errors_in_personal_fields_echo_nothing(void **state) {
  size_t i;
  char what[200];
  (void)state;
  for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    char *json = application(refused[i].key, refused[i].value, NULL);
    cpd_error err;
    char *out = NULL;
    snprintf(what, sizeof what, "refused %s", refused[i].key);
    assert_int_equal(cpd_check_json(&out, NULL, json, strlen(json), NULL, &err),
                     CPD_EINPUT);
    check_through_library(what, json);
    free(json);
  }
  {
    /* a name over the 4 KiB string limit */
    char *value = malloc(6000), *json;
    size_t n = 0;
    value[n++] = '"';
    while (n < 5000)
      n += (size_t)sprintf(value + n, "%s", P_NAME);
    value[n++] = '"';
    value[n] = '\0';
    json = application("name", value, NULL);
    check_through_library("over-long name", json);
    free(json);
    free(value);
  }
}

/* ---------------------------------------------------------------- CLI */

static char dir[64];

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

/* Runs the CLI on the application file; checks stdout and stderr. */
static void run_cli(const char *cli, const char *what, const char *args,
                    int check_stdout) {
  char cmd[1024], label[300], out_path[128], err_path[128];
  char *out, *err;
  int rc;
  snprintf(out_path, sizeof out_path, "%s/stdout", dir);
  snprintf(err_path, sizeof err_path, "%s/stderr", dir);
  snprintf(cmd, sizeof cmd, "'%s' %s >'%s' 2>'%s'", cli, args, out_path,
           err_path);
  rc = system(cmd);
  assert_true(rc != -1);
  out = cpdt_read_file_or_null(out_path, NULL);
  err = cpdt_read_file_or_null(err_path, NULL);
  snprintf(label, sizeof label, "cpd %s (%s): stderr", args, what);
  assert_no_personal_data(label, err);
  if (check_stdout) {
    snprintf(label, sizeof label, "cpd %s (%s): stdout", args, what);
    assert_no_personal_data(label, out);
  }
  free(out);
  free(err);
}

static void cli_all(const char *cli, const char *what, const char *json) {
  char path[128], nd[128], args[400];
  snprintf(path, sizeof path, "%s/app.json", dir);
  snprintf(nd, sizeof nd, "%s/apps.ndjson", dir);
  write_file(path, json);
  {
    /* the same application twice, as NDJSON lines */
    size_t n = strlen(json);
    char *two = malloc(2 * n + 4);
    assert_non_null(two);
    sprintf(two, "%s\n%s\r\n", json, json);
    write_file(nd, two);
    free(two);
  }
  snprintf(args, sizeof args, "check '%s' --format json", path);
  run_cli(cli, what, args, 1);
  snprintf(args, sizeof args, "check '%s' --format text --lang en", path);
  run_cli(cli, what, args, 1);
  snprintf(args, sizeof args, "check '%s' --format text --lang ja", path);
  run_cli(cli, what, args, 1);
  snprintf(args, sizeof args, "batch '%s'", nd);
  run_cli(cli, what, args, 1);
  snprintf(args, sizeof args, "plan '%s' --as-of 2026-12-01", path);
  run_cli(cli, what, args, 1);
}

static void test_the_command_line_prints_no_personal_data(void **state) {
  const char *cli = getenv("CPD_CLI");
  char what[200];
  size_t i;
  char *json;
  (void)state;
  if (!cli || !*cli)
    skip(); /* run by ctest, which sets CPD_CLI */
  snprintf(dir, sizeof dir, "/tmp/cpd-privacy-XXXXXX");
  assert_non_null(mkdtemp(dir));
  json = application(NULL, NULL, NULL);
  cli_all(cli, "valid", json);
  free(json);
  for (i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
    snprintf(what, sizeof what, "invalid %s", invalid[i].key);
    json = application(invalid[i].key, invalid[i].value, NULL);
    cli_all(cli, what, json);
    free(json);
  }
  for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    snprintf(what, sizeof what, "refused %s", refused[i].key);
    json = application(refused[i].key, refused[i].value, NULL);
    cli_all(cli, what, json);
    free(json);
  }
  {
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_a_valid_application_echoes_no_personal_data),
      cmocka_unit_test(test_invalid_personal_fields_are_named_not_echoed),
      cmocka_unit_test(test_input_errors_in_personal_fields_echo_nothing),
      cmocka_unit_test(test_the_command_line_prints_no_personal_data),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
