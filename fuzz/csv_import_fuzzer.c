/* csv_import_fuzzer.c - `cpd import-csv` from bytes (cli_import_csv): the
 * encoding decided from the whole file (UTF-8 with or without BOM, CP932),
 * libcsv's reading with the import's limits, the header map, every row's
 * cells, the library's judgement of the rows and the application written.
 *
 * Input: the CSV; a first byte 0x01, 0x02 or 0x03 forces --encoding
 * utf-8, cp932 or auto (the default).  Invariants: the import either
 * refuses (EXIT_INPUT, at least one error, nothing produced) or produces
 * an application document that is valid UTF-8, that cpd_check_json
 * accepts, with as many activities as the import says it read; and the
 * writers keep their invariants over its result (writers_check.h). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fuzz_common.h"
#include "writers_check.h"

static const char applicant_json[] =
    "{\"applied_on\":\"2027-02-10\",\"qualification\":\"OMP\","
    "\"certification\":{\"number\":\"OMP-000777\",\"expires_on\":"
    "\"2027-03-31\"},\"applicant\":{\"name\":\"N\",\"email\":\"a@b.jp\"},"
    "\"fee\":{\"paid_on\":\"2027-02-01\",\"payer_name\":\"P\"},"
    "\"oath_agreed\":true}";
static cpd_document *applicant;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  cpd_error err;
  (void)argc;
  (void)argv;
  if (cpd_document_load_json(&applicant, applicant_json, strlen(applicant_json),
                             NULL, &err) != CPD_OK)
    fz_fail(__FILE__, __LINE__, "the applicant document is refused: %s",
            err.message);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const encodings[] = {"utf-8", "cp932", "auto"};
  cli_import o;
  char *json = NULL;
  size_t json_len = 0;
  int rc;
  memset(&o, 0, sizeof o);
  o.csv_name = "fuzz.csv";
  o.applicant_name = "applicant.json";
  o.encoding = "auto";
  o.msgs = NULL; /* no messages: they are checked by tests/test_csv.py */
  if (size && data[0] >= 1 && data[0] <= 3) {
    o.encoding = encodings[data[0] - 1];
    data++;
    size--;
  }
  rc =
      cli_import_csv(&o, applicant, (const char *)data, size, &json, &json_len);
  FZ_CHECK(rc == 0 || rc == EXIT_INPUT, "cli_import_csv returned %d", rc);
  if (rc != 0) {
    FZ_CHECK(json == NULL && json_len == 0, "a refused import gave output");
    FZ_CHECK(o.errors > 0, "refused without an error");
    return 0;
  }
  FZ_CHECK(json != NULL && o.errors == 0, "an import without its output");
  FZ_CHECK(fz_utf8_valid(json, json_len), "the application is not UTF-8");
  {
    cpd_error err;
    char *out = NULL;
    cpd_result *r = NULL;
    cpd_document *doc = NULL;
    cpd_status st = cpd_check_json(&out, NULL, json, json_len, NULL, &err);
    FZ_CHECK(st == CPD_OK, "cpd_check_json refuses the import: %s at %s: %s",
             err.code, err.path, err.message);
    fz_check_result_json(out);
    cpd_string_free(out);
    FZ_CHECK(cpd_document_load_json(&doc, json, json_len, NULL, &err) ==
                     CPD_OK &&
                 cpd_document_evaluate(&r, NULL, doc, &err) == CPD_OK,
             "the import does not evaluate: %s", err.message);
    FZ_CHECK(cpd_result_activity_count(r) == o.activities,
             "%zu activities written, %zu read", cpd_result_activity_count(r),
             o.activities);
    fz_check_writers(r, cpd_document_application(doc));
    cpd_result_free(r);
    cpd_document_free(doc);
  }
  free(json);
  return 0;
}
