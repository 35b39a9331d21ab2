/* api.c - libcpd from C: an application built in C (no JSON) evaluated with
 * cpd_evaluate and read through the typed accessors, then the one-call JSON
 * interface, cpd_check_json. */
#include <cpd.h>
#include <stdio.h>
#include <string.h>

static int fail(cpd_status st, const cpd_error *err) {
  /* err is filled for CPD_EINPUT: a code, a JSON Pointer, two messages */
  fprintf(stderr, "%s: %s\n", cpd_status_str(st),
          st == CPD_EINPUT ? err->message : "");
  return 2;
}

int main(void) {
  /* 1. Fields left out of an initializer are CPD_ABSENT. */
  cpd_value pdf[] = {CPD_TEXT("受講証明書_応対品質向上研修.pdf")};
  cpd_activity acts[] = {{.category = CPD_TEXT("A"),
                          .title = CPD_TEXT("応対品質向上研修"),
                          .completed_on = CPD_TEXT("R7.6.12"),
                          .hours = CPD_NUMBER(26),
                          .evidence = pdf,
                          .evidence_count = 1},
                         {.category = CPD_TEXT("C"),
                          .title = CPD_TEXT("CMBOK 学習"),
                          .completed_on = CPD_TEXT("2026-01-20"),
                          .hours = CPD_TEXT("７.5")}};
  cpd_application app = {.version = CPD_APPLICATION_VERSION,
                         .applied_on = CPD_TEXT("2027-02-10"),
                         .qualification = CPD_TEXT("OMP"),
                         .certification_number = CPD_TEXT("OMP-012345"),
                         .expires_on = CPD_TEXT("令和9年3月31日"),
                         .applicant = {.name = CPD_TEXT("佐藤 花子"),
                                       .name_kana = CPD_TEXT("さとう はなこ"),
                                       .postal_code = CPD_TEXT("141-0001"),
                                       .address = CPD_TEXT("東京都品川区"),
                                       .mobile = CPD_TEXT("090-5555-0123"),
                                       .email = CPD_TEXT("h@example.jp")},
                         .fee_paid_on = CPD_TEXT("2027-01-20"),
                         .fee_payer_name = CPD_TEXT("サトウ ハナコ"),
                         .oath_agreed = CPD_BOOL(1),
                         .activities = acts,
                         .activity_count = 2};
  cpd_result *r = NULL;
  cpd_error err;
  cpd_status st = cpd_evaluate(&r, NULL, &app, &err);
  if (st != CPD_OK)
    return fail(st, &err);
  const cpd_summary *s = cpd_result_summary(r);
  printf("%s: %.2f of %.2f points counted\n", cpd_decision_str(s->decision),
         (double)s->counted / 100, (double)s->required / 100);
  for (size_t i = 0; i < cpd_result_diagnostic_count(r); i++)
    printf("  %s at %s\n", cpd_result_diagnostic(r, i)->code,
           cpd_result_diagnostic(r, i)->path);
  cpd_result_free(r);

  /* 2. JSON text in, result document (docs/JSON.md) out. */
  const char *json = "{\"applied_on\":\"2027-02-10\",\"oath_agreed\":true,"
                     "\"certification\":{\"expires_on\":\"2027-03-31\"}}";
  char *out = NULL;
  st = cpd_check_json(&out, NULL, json, strlen(json), NULL, &err);
  if (st != CPD_OK)
    return fail(st, &err);
  printf("%.64s...\n", out);
  cpd_string_free(out);
  return 0;
}
