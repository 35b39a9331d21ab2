/* catalog.c - the catalogue: every code the library reports (kind,
 * severity, rule, one-line summary) and the rules R1-R16 (docs/RULES.md).
 * One table each; the engine, the writers, the CLI and the bindings read
 * them through cpd_code_* / cpd_rule_* and cpd__code_* (internal.h). */
#include <string.h>

#include "internal.h"

#define DIAG(code, sev, rule, en, ja)                                          \
  {code, CPD_CODE_DIAGNOSTIC, CPD_SEVERITY_##sev, rule, en, ja}
#define INPUT(code, rule, en, ja)                                              \
  {code, CPD_CODE_INPUT_ERROR, CPD_SEVERITY_ERROR, rule, en, ja}
#define CALL(code, rule, en, ja)                                               \
  {code, CPD_CODE_CALL_ERROR, CPD_SEVERITY_ERROR, rule, en, ja}

/* In the order of cpd__code (internal.h); a test checks the two agree. */
static const cpd_code_info codes[CPD__CODE_COUNT] = {
    DIAG("qualification.invalid", ERROR, "R1",
         "The qualification to renew is missing or not known.",
         "更新対象資格が未記入か不明です。"),
    DIAG("certification.expiry_not_fiscal_year_end", WARNING, "R2",
         "The expiry date is not the last day of a fiscal year.",
         "資格有効期日が年度末ではありません。"),
    DIAG("window.not_yet_open", ERROR, "R3",
         "The application window has not opened yet.",
         "受付期間前の申請です。"),
    DIAG("window.closed", FATAL, "R3",
         "The application window has closed; the qualification can no "
         "longer be renewed.",
         "受付期間が終了しています。資格の更新はできません。"),
    DIAG("activity.date_after_application", ERROR, "R4",
         "An activity was completed after the application date.",
         "活動の修了日が申請年月日より後です。"),
    DIAG("activity.outside_period", WARNING, "R4",
         "An activity was completed outside the certification period.",
         "活動の修了日が認定期間外です。"),
    DIAG("activity.year_mismatch", WARNING, "R4",
         "The year written for an activity differs from its date's year.",
         "活動の年目の記入が修了日の年度と異なります。"),
    DIAG("activity.invalid_number", ERROR, "R5",
         "An activity's hours or points are missing or not a valid number.",
         "活動の時間または CPD ポイントが未記入か正しい数値ではありません。"),
    DIAG("activity.points_reduced", WARNING, "R5",
         "An activity claims more points than its hours are worth.",
         "活動の CPD ポイントが時間に対する上限を超えています。"),
    DIAG("activity.invalid_category", ERROR, "R6",
         "An activity's category is missing or not A, B, C or D.",
         "活動のカテゴリが未記入か A・B・C・D 以外です。"),
    DIAG("section.capped", INFO, "R6",
         "A section has more points than its cap; the rest do not count.",
         "区分の上限を超えたポイントは算入されません。"),
    DIAG("activity.duplicate", WARNING, "R7",
         "An activity repeats another (same category, date and title).",
         "活動が他の活動と重複しています（カテゴリ・修了日・名称が同一）。"),
    DIAG("points.shortfall", FATAL, "R8",
         "The points that count are fewer than required.",
         "算入ポイントが必要ポイントに足りません。"),
    DIAG("fee.missing", ERROR, "R9",
         "The fee payment date or payer name is missing.",
         "認定審査手数料の振込日または振込名義が未記入です。"),
    DIAG("fee.late", FATAL, "R9",
         "The fee was paid after the application window closed.",
         "認定審査手数料が受付期間の終了後に振り込まれています。"),
    DIAG("fee.paid_before_window", WARNING, "R9",
         "The fee was paid before the application window opened.",
         "認定審査手数料が受付期間の開始前に振り込まれています。"),
    DIAG("oath.not_agreed", ERROR, "R10",
         "The ethics oath and the CPD policy are not agreed to.",
         "倫理綱領・CPD 方針の順守への宣誓がありません。"),
    DIAG("applicant.missing_field", ERROR, "R11",
         "A required applicant field is missing.",
         "申請者情報の必須項目が未記入です。"),
    DIAG("applicant.kana_invalid", ERROR, "R11",
         "A kana field holds characters other than kana.",
         "かな欄にかな以外の文字があります。"),
    DIAG("applicant.postal_code_invalid", ERROR, "R11",
         "The postal code is not 7 digits.", "郵便番号が 7 桁ではありません。"),
    DIAG("applicant.phone_invalid", ERROR, "R11",
         "A phone number is not 10 or 11 digits starting with 0.",
         "電話番号が 0 から始まる 10 桁または 11 桁ではありません。"),
    DIAG("applicant.email_invalid", ERROR, "R11",
         "The e-mail address is not valid.",
         "Eメールアドレスの形式が正しくありません。"),
    DIAG("activity.evidence_missing", ERROR, "R12",
         "An activity in a section that needs evidence names none.",
         "証明書類が必要な区分の活動に証明書類の記載がありません。"),
    DIAG("activity.invalid_date", ERROR, "R13",
         "An activity's completion date is missing or not a valid date.",
         "活動の修了日が未記入か正しい日付ではありません。"),
    DIAG("fee.invalid_date", ERROR, "R13",
         "The fee payment date is not a valid date.",
         "認定審査手数料振込日が正しい日付ではありません。"),
    DIAG("application.unknown_field", WARNING, "R14",
         "A field is not part of the application (or has the wrong type) "
         "and is ignored.",
         "申請書の項目ではない（または型が違う）ため無視される項目があります。"),
    DIAG("form.continuation_sheet", INFO, "R16",
         "A section has more entries than the form has rows.",
         "区分の記入件数が用紙の記入欄を超えています（続紙が必要です）。"),
    DIAG("activity.unknown_competency", WARNING, "R16",
         "A competency code is not in the CMBOK catalogue.",
         "コンピテンシーコードが CMBOK（別紙２）にありません。"),
    INPUT("input.syntax", "R14", "The document is not valid JSON.",
          "文書が JSON として正しくありません。"),
    INPUT("input.not_object", "R14", "The document is not a JSON object.",
          "文書が JSON オブジェクトではありません。"),
    INPUT("input.too_deep", "R14", "The document nests deeper than allowed.",
          "文書の入れ子が深すぎます。"),
    INPUT("input.too_large", "R14", "The document is over a size limit.",
          "文書がサイズの上限を超えています。"),
    INPUT("input.invalid_utf8", "R14", "The document holds invalid UTF-8.",
          "文書に UTF-8 として正しくない文字があります。"),
    INPUT("input.duplicate_key", "R14", "A key appears twice in one object.",
          "同じオブジェクトに同じキーが 2 回あります。"),
    INPUT("input.non_finite_number", "R14", "A number is not finite.",
          "有限でない数値があります。"),
    INPUT("input.missing_field", "R14",
          "applied_on or certification.expires_on is missing.",
          "申請年月日または資格有効期日が未記入です。"),
    INPUT("input.invalid_date", "R14",
          "applied_on or certification.expires_on is not a valid date.",
          "申請年月日または資格有効期日が正しい日付ではありません。"),
    CALL("policy.invalid", "", "The policy document is refused.",
         "ポリシー文書が正しくありません。"),
    CALL("audit.duplicate_number", "R16",
         "A certification number is listed twice in the roster.",
         "名簿に同じ認定番号が 2 回あります。"),
    CALL("audit.missing_number", "R16",
         "A roster line has no certification number.",
         "名簿の行に認定番号がありません。"),
    CALL("out_of_memory", "", "Out of memory.", "メモリが不足しています。"),
    CALL("invalid_argument", "", "An argument of the call is invalid.",
         "引数が正しくありません。"),
};

size_t cpd_code_count(void) { return CPD__CODE_COUNT; }

const cpd_code_info *cpd_code_at(size_t i) {
  return i < CPD__CODE_COUNT ? &codes[i] : NULL;
}

const cpd_code_info *cpd_code_find(const char *code) {
  size_t i;
  if (!code)
    return NULL;
  for (i = 0; i < CPD__CODE_COUNT; i++)
    if (strcmp(codes[i].code, code) == 0)
      return &codes[i];
  return NULL;
}

const cpd_code_info *cpd__code(cpd__code_id id) { return &codes[id]; }

cpd_severity cpd__code_severity(const char *code) {
  const cpd_code_info *c = cpd_code_find(code);
  return c ? c->severity : CPD_SEVERITY_ERROR;
}

const char *cpd__code_rule(const char *code) {
  const cpd_code_info *c = cpd_code_find(code);
  return c ? c->rule : "";
}
