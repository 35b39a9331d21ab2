/* catalog.c - the catalogue: every code the library reports (kind,
 * severity, rule, one-line summary) and the rules R1-R16 (docs/RULES.md).
 * One table each; the engine, the writers, the CLI and the bindings read
 * them through cpd_code_* / cpd_rule_* and cpd__code_* (internal.h). */
#include <string.h>

#include "internal.h"

/* The summary of each code (cpd_code_info.summary), in English and
 * Japanese. */
#define SUMMARY(id, en, ja)                                                    \
  static const char sum_##id[] = en, sum_ja_##id[] = ja;

SUMMARY(QUALIFICATION_INVALID,
        "The qualification to renew is missing or not known.",
        "更新対象資格が未記入か不明です。")
SUMMARY(EXPIRY_NOT_FY_END,
        "The expiry date is not the last day of a fiscal year.",
        "資格有効期日が年度末ではありません。")
SUMMARY(WINDOW_NOT_YET_OPEN, "The application window has not opened yet.",
        "受付期間前の申請です。")
SUMMARY(WINDOW_CLOSED,
        "The application window has closed; the qualification can no "
        "longer be renewed.",
        "受付期間が終了しています。資格の更新はできません。")
SUMMARY(DATE_AFTER_APPLICATION,
        "An activity was completed after the application date.",
        "活動の修了日が申請年月日より後です。")
SUMMARY(OUTSIDE_PERIOD,
        "An activity was completed outside the certification period.",
        "活動の修了日が認定期間外です。")
SUMMARY(YEAR_MISMATCH,
        "The year written for an activity differs from its date's year.",
        "活動の年目の記入が修了日の年度と異なります。")
SUMMARY(INVALID_NUMBER,
        "An activity's hours or points are missing or not a valid number.",
        "活動の時間または CPD ポイントが未記入か正しい数値ではありません。")
SUMMARY(POINTS_REDUCED,
        "An activity claims more points than its hours are worth.",
        "活動の CPD ポイントが時間に対する上限を超えています。")
SUMMARY(INVALID_CATEGORY,
        "An activity's category is missing or not A, B, C or D.",
        "活動のカテゴリが未記入か A・B・C・D 以外です。")
SUMMARY(SECTION_CAPPED,
        "A section has more points than its cap; the rest do not count.",
        "区分の上限を超えたポイントは算入されません。")
SUMMARY(DUPLICATE,
        "An activity repeats another (same category, date and title).",
        "活動が他の活動と重複しています（カテゴリ・修了日・名称が同一）。")
SUMMARY(SHORTFALL, "The points that count are fewer than required.",
        "算入ポイントが必要ポイントに足りません。")
SUMMARY(FEE_MISSING, "The fee payment date or payer name is missing.",
        "認定審査手数料の振込日または振込名義が未記入です。")
SUMMARY(FEE_LATE, "The fee was paid after the application window closed.",
        "認定審査手数料が受付期間の終了後に振り込まれています。")
SUMMARY(FEE_BEFORE_WINDOW,
        "The fee was paid before the application window opened.",
        "認定審査手数料が受付期間の開始前に振り込まれています。")
SUMMARY(OATH_NOT_AGREED,
        "The ethics oath and the CPD policy are not agreed to.",
        "倫理綱領・CPD 方針の順守への宣誓がありません。")
SUMMARY(APPLICANT_MISSING, "A required applicant field is missing.",
        "申請者情報の必須項目が未記入です。")
SUMMARY(KANA_INVALID, "A kana field holds characters other than kana.",
        "かな欄にかな以外の文字があります。")
SUMMARY(POSTAL_INVALID, "The postal code is not 7 digits.",
        "郵便番号が 7 桁ではありません。")
SUMMARY(PHONE_INVALID, "A phone number is not 10 or 11 digits starting with 0.",
        "電話番号が 0 から始まる 10 桁または 11 桁ではありません。")
SUMMARY(EMAIL_INVALID, "The e-mail address is not valid.",
        "Eメールアドレスの形式が正しくありません。")
SUMMARY(EVIDENCE_MISSING,
        "An activity in a section that needs evidence names none.",
        "証明書類が必要な区分の活動に証明書類の記載がありません。")
SUMMARY(INVALID_DATE,
        "An activity's completion date is missing or not a valid date.",
        "活動の修了日が未記入か正しい日付ではありません。")
SUMMARY(FEE_INVALID_DATE, "The fee payment date is not a valid date.",
        "認定審査手数料振込日が正しい日付ではありません。")
SUMMARY(UNKNOWN_FIELD,
        "A field is not part of the application (or has the wrong type) "
        "and is ignored.",
        "申請書の項目ではない（または型が違う）ため無視される項目があります。")
SUMMARY(CONTINUATION_SHEET,
        "A section has more entries than the form has rows.",
        "区分の記入件数が用紙の記入欄を超えています（続紙が必要です）。")
SUMMARY(UNKNOWN_COMPETENCY, "A competency code is not in the CMBOK catalogue.",
        "コンピテンシーコードが CMBOK（別紙２）にありません。")
SUMMARY(IN_SYNTAX, "The document is not valid JSON.",
        "文書が JSON として正しくありません。")
SUMMARY(IN_NOT_OBJECT, "The document is not a JSON object.",
        "文書が JSON オブジェクトではありません。")
SUMMARY(IN_TOO_DEEP, "The document nests deeper than allowed.",
        "文書の入れ子が深すぎます。")
SUMMARY(IN_TOO_LARGE, "The document is over a size limit.",
        "文書がサイズの上限を超えています。")
SUMMARY(IN_INVALID_UTF8, "The document holds invalid UTF-8.",
        "文書に UTF-8 として正しくない文字があります。")
SUMMARY(IN_DUPLICATE_KEY, "A key appears twice in one object.",
        "同じオブジェクトに同じキーが 2 回あります。")
SUMMARY(IN_NON_FINITE, "A number is not finite.", "有限でない数値があります。")
SUMMARY(IN_MISSING_FIELD, "applied_on or certification.expires_on is missing.",
        "申請年月日または資格有効期日が未記入です。")
SUMMARY(IN_INVALID_DATE,
        "applied_on or certification.expires_on is not a valid date.",
        "申請年月日または資格有効期日が正しい日付ではありません。")
SUMMARY(POLICY_INVALID, "The policy document is refused.",
        "ポリシー文書が正しくありません。")
SUMMARY(AUDIT_DUPLICATE,
        "A certification number is listed twice in the roster.",
        "名簿に同じ認定番号が 2 回あります。")
SUMMARY(AUDIT_MISSING, "A roster line has no certification number.",
        "名簿の行に認定番号がありません。")
SUMMARY(OUT_OF_MEMORY, "Out of memory.", "メモリが不足しています。")
SUMMARY(INVALID_ARGUMENT, "An argument of the call is invalid.",
        "引数が正しくありません。")
#undef SUMMARY

#define CODE_ROW(id, code, kind, sev, rule, status, unreadable)                \
  [CPD__##id] = {code, CPD_CODE_##kind, CPD_SEVERITY_##sev,                    \
                 rule, sum_##id,        sum_ja_##id},
static const cpd_code_info codes[CPD__CODE_COUNT] = {CPD__CODES(CODE_ROW)};
#undef CODE_ROW

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

/* ------------------------------------------------------------- messages */

/* English names of the fields as messages use them ("The name is
 * missing."); the Japanese ones are the labels.  Only the fields that
 * messages name have one. */
const char *cpd__field_msg_label(cpd_field_id id, int ja) {
  switch (id) {
  case CPD_FIELD_ID_CERT_NUMBER:
    return ja ? cpd__field(id)->label_ja : "The certification number";
  case CPD_FIELD_ID_NAME:
    return ja ? cpd__field(id)->label_ja : "The name";
  case CPD_FIELD_ID_NAME_KANA:
    return ja ? cpd__field(id)->label_ja : "The name in kana";
  case CPD_FIELD_ID_COMPANY_KANA:
    return ja ? cpd__field(id)->label_ja : "The company name in kana";
  case CPD_FIELD_ID_POSTAL_CODE:
    return ja ? cpd__field(id)->label_ja : "The postal code";
  case CPD_FIELD_ID_ADDRESS:
    return ja ? cpd__field(id)->label_ja : "The home address";
  case CPD_FIELD_ID_PHONE:
    return ja ? cpd__field(id)->label_ja : "The phone number";
  case CPD_FIELD_ID_MOBILE:
    return ja ? cpd__field(id)->label_ja : "The mobile number";
  case CPD_FIELD_ID_EMAIL:
    return ja ? cpd__field(id)->label_ja : "The e-mail address";
  default:
    return ja ? cpd__field(id)->label_ja : cpd__field(id)->label;
  }
}

/* The templates: %i the activity's number (its index + 1, as people count
 * the rows), %j a[0] as such a number, %D0..%D2
 * the dates, %P0..%P2 the points and %N0..%N2 the numbers of a[0..2], %S
 * the text argument, %L the field's label.  No quote, backslash or
 * %K the key of the field a[0]; English number agreement with a[k]:
 * %pk "s" unless a[k] is one point (100 hundredths), %nk "s" unless a[k]
 * is 1, %yk "y"/"ies", %rk "is"/"are", %dk "does"/"do", %ck
 * "counts"/"count" (one point is singular, 1.5 points plural).  No quote ("),
 * backslash or control character in a template (a test checks), so the JSON
 * writer copies them as they are. */
typedef struct message {
  cpd__code_id code;
  const char *en, *ja;
} message;

#define TEXT(id, en, ja) static const char msg_##id[] = en, msg_ja_##id[] = ja;
TEXT(QUAL_MISSING, "The qualification to renew is missing; give one of %S.",
     "更新対象資格が未記入です（%S のいずれか）。")
TEXT(QUAL_UNKNOWN, "The qualification to renew is not known; give one of %S.",
     "更新対象資格が不明です（%S のいずれか）。")
TEXT(EXPIRY_NOT_FY_END,
     "The expiry date is not the last day of a fiscal year; the period is "
     "still the %N0 fiscal year%n0 ending with it.",
     "資格有効期日が年度末ではありません。認定期間はこの日を含む年度までの "
     "%N0 年度として扱います。")
TEXT(WINDOW_NOT_YET_OPEN,
     "The application window is %D0 to %D1; it is not open yet, so apply "
     "again inside it.",
     "受付期間は %D0〜%D1 です。まだ受付期間前のため、受付期間内に再度申請し"
     "てください。")
TEXT(WINDOW_CLOSED,
     "The application window closed on %D0; the qualification can no "
     "longer be renewed.",
     "受付期間は %D0 に終了しました。資格の更新はできません。")
TEXT(DATE_AFTER_APPLICATION,
     "Activity %i was completed on %D0, after the application date.",
     "活動 %iの修了日 %D0 が申請年月日より後です。")
TEXT(OUTSIDE_PERIOD,
     "Activity %i was completed on %D0, outside the period %D1 to %D2; "
     "it does not count.",
     "活動 %iの修了日 %D0 は認定期間（%D1〜%D2）外のため算入されません。")
TEXT(YEAR_NOT_WHOLE,
     "Activity %i: the declared year is not a whole number from 1 to "
     "%N0; year %N1 follows from its date.",
     "活動 %iの年目の記入が 1〜%N0 の整数ではありません。修了日から %N1 "
     "年目として扱います。")
TEXT(YEAR_MISMATCH,
     "Activity %i is declared for year %N0, but its date falls in year "
     "%N1; year %N1 is used.",
     "活動 %iは %N0 年目と記入されていますが、修了日は %N1 年目です。%N1 "
     "年目として扱います。")
TEXT(HOURS_MISSING, "Activity %i: the hours are missing.",
     "活動 %iの時間が未記入です。")
TEXT(HOURS_NOT_NUMBER,
     "Activity %i: the hours must be a number, e.g. 2, 1.5, 2時間, "
     "1時間30分, 1時間半, 90分, 1.5h or 2H.",
     "活動 %iの時間は数値で記入してください（例: 2、1.5、2時間、1時間30分、"
     "1時間半、90分、1.5h、2H）。")
TEXT(HOURS_DECIMALS, "Activity %i: the hours may have at most 2 decimals.",
     "活動 %iの時間は小数第2位までで記入してください。")
TEXT(HOURS_RANGE, "Activity %i: the hours must be more than 0 and at most %P0.",
     "活動 %iの時間は 0 より大きく %P0 以下で記入してください。")
TEXT(POINTS_NOT_NUMBER,
     "Activity %i: the points must be a number, e.g. 6, 1.5, 6ポイント or "
     "6pt.",
     "活動 %iのCPDポイントは数値で記入してください（例: 6、1.5、6ポイント、"
     "6pt）。")
TEXT(POINTS_DECIMALS, "Activity %i: the points may have at most 2 decimals.",
     "活動 %iのCPDポイントは小数第2位までで記入してください。")
TEXT(POINTS_RANGE, "Activity %i: the points must be from 0 to %P0.",
     "活動 %iのCPDポイントは 0 以上 %P0 以下で記入してください。")
TEXT(POINTS_REDUCED,
     "Activity %i claims %P0 point%p0, but %P1 hour%p1 %r1 worth at most "
     "%P2 point%p2; that is what counts.",
     "活動 %iの CPD ポイント %P0 は時間 %P1 に対する上限を超えています。"
     "%P2 ポイントとして扱います。")
TEXT(CATEGORY_MISSING, "Activity %i has no category; give A, B, C or D.",
     "活動 %iのカテゴリが未記入です（A・B・C・D のいずれか）。")
TEXT(CATEGORY_UNKNOWN,
     "Activity %i has an unknown category; give A, B, C or D.",
     "活動 %iのカテゴリが不明です（A・B・C・D のいずれか）。")
TEXT(SECTION_CAPPED,
     "Section %S is capped at %P0 point%p0; %P1 point%p1 %d1 not count.",
     "%S は上限 %P0 ポイントです。%P1 ポイントは算入されません。")
TEXT(DUPLICATE,
     "Activity %i repeats activity %j (same category, date and title); "
     "it does not count again.",
     "活動 %iは活動 %jと重複しています（カテゴリ・修了日・名称が同一）。"
     "重複分は算入されません。")
TEXT(SHORTFALL,
     "%P0 point%p0 %c0 toward the %P1 required; %P2 more %r2 needed.",
     "算入ポイントは %P0 で、必要な %P1 ポイントに %P2 ポイント不足していま"
     "す。")
TEXT(FEE_DATE_MISSING, "The fee payment date (振込日) is missing.",
     "認定審査手数料振込日が未記入です。")
TEXT(FEE_PAYER_NOT_TEXT, "The fee payer name (振込名義) must be given as text.",
     "認定審査手数料振込名義は文字列で記入してください。")
TEXT(FEE_PAYER_MISSING, "The fee payer name (振込名義) is missing.",
     "認定審査手数料振込名義が未記入です。")
TEXT(FEE_LATE,
     "The fee was paid on %D0, after the application window closed on %D1.",
     "認定審査手数料の振込日 %D0 が受付期間の終了日 %D1 より後です。")
TEXT(FEE_BEFORE_WINDOW,
     "The fee was paid on %D0, before the application window opened on "
     "%D1.",
     "認定審査手数料の振込日 %D0 が受付期間の開始日 %D1 より前です。")
TEXT(OATH,
     "The ethics oath and the CPD policy must be agreed to (oath_agreed: "
     "true); without it the renewal cannot proceed.",
     "倫理綱領・職業倫理規程および継続教育・学習方針の順守への宣誓に同意して"
     "ください。同意がない場合は更新できません。")
TEXT(FIELD_NOT_TEXT, "%L must be given as text.",
     "%Lは文字列で記入してください。")
TEXT(FIELD_MISSING, "%L is missing.", "%Lが未記入です。")
TEXT(PHONE_OR_MOBILE, "A phone or mobile number is required.",
     "電話番号または携帯電話番号のいずれかを記入してください。")
TEXT(KANA_INVALID, "%L may hold only hiragana, katakana, ー, ・ and spaces.",
     "%Lはひらがな・カタカナ（ー・を含む）で記入してください。")
TEXT(POSTAL_INVALID, "%L must have 7 digits, written NNNNNNN or NNN-NNNN.",
     "%Lは 7 桁（NNN-NNNN）で記入してください。")
TEXT(PHONE_INVALID, "%L must have 10 or 11 digits starting with 0.",
     "%Lは 0 から始まる 10 桁または 11 桁の番号で記入してください。")
TEXT(PHONE_NOT_TEXT,
     "%L must be given as text (a JSON number loses its leading 0).",
     "%Lは文字列で記入してください。")
TEXT(EMAIL_INVALID,
     "%L is not a valid address (one @, a domain with a dot, no spaces).",
     "%Lの形式が正しくありません（@ がひとつ、ドメインにドットを含み、空白な"
     "し）。")
TEXT(EVIDENCE_MISSING,
     "Activity %i in section %S needs a certificate or attendance record "
     "(受講証明書・研修参加票); name at least one evidence file.",
     "活動 %i（%S）には受講証明書・研修参加票などの証明書類を添付してくださ"
     "い。")
TEXT(DATE_MISSING, "Activity %i has no completion date.",
     "活動 %iの修了日が未記入です。")
TEXT(DATE_INVALID, "Activity %i: the completion date is not a valid date.",
     "活動 %iの修了日が正しい日付ではありません。")
TEXT(DATE_WEEKDAY,
     "Activity %i: the completion date is not a valid date: the weekday "
     "does not match the date.",
     "活動 %iの修了日が正しい日付ではありません（曜日が日付と一致しません）"
     "。")
TEXT(FEE_DATE_INVALID, "The fee payment date is not a valid date.",
     "認定審査手数料振込日が正しい日付ではありません。")
TEXT(FEE_DATE_WEEKDAY,
     "The fee payment date is not a valid date: the weekday does not match "
     "the date.",
     "認定審査手数料振込日が正しい日付ではありません（曜日が日付と一致しませ"
     "ん）。")
TEXT(UNKNOWN_FIELD, "This field is not part of the application and is ignored.",
     "この項目は申請書の項目ではないため無視されます。")
TEXT(UNKNOWN_SUGGEST,
     "“%S” is not a field of the application and is ignored; did you "
     "mean “%K”?",
     "「%S」は申請書の項目ではないため無視されます。「%K」の誤りではありませ"
     "んか。")
TEXT(MISSPELT_REQUIRED,
     "“%S” is not a field of the application and “%K” is missing: did you "
     "mean “%K”? As written it is ignored.",
     "「%S」は申請書の項目ではなく、「%K」がありません。「%K」の誤りではあり"
     "ませんか（このままでは無視されます）。")
TEXT(NOT_AN_OBJECT, "This field must be an object; it is ignored.",
     "この項目はオブジェクトである必要があります。無視されます。")
TEXT(NOT_AN_ARRAY, "activities must be an array; it is ignored.",
     "activities は配列である必要があります。無視されます。")
TEXT(CONTINUATION_SHEET,
     "Section %S has %N0 entr%y0 but the form has %N1 row%n1; attach a "
     "continuation sheet.",
     "%S の記入は %N0 件で、用紙の記入欄（%N1 行）を超えています。続紙を添"
     "付してください。")
TEXT(UNKNOWN_COMPETENCY,
     "Activity %i lists a competency code that is not in the CMBOK "
     "catalogue (別紙２).",
     "活動 %iのコンピテンシーコードが CMBOK（別紙２）にありません。")

/* The input, policy and call errors (cpd__fail), and the plan's advice.
 * Unlike the diagnostics above, these are rendered into a cpd_error or
 * a plan (never straight into a document), so they may hold quotes. */
TEXT(IN_ENDS_EARLY, "The document ends too early.",
     "文書が途中で終わっています。")
TEXT(IN_BAD_BYTES, "The document holds bytes that are not valid UTF-8.",
     "文書に UTF-8 として正しくないバイトがあります。")
TEXT(IN_UNEXPECTED, "Unexpected character: this is not valid JSON here.",
     "JSON として正しくない文字があります。")
TEXT(IN_STRING_TOO_LONG, "A text is longer than the limit for one string.",
     "文字列が 1 項目あたりの上限を超えています。")
TEXT(IN_CONTROL_CHAR, "A control character inside a string must be escaped.",
     "文字列の中に制御文字があります（エスケープが必要です）。")
TEXT(IN_U_ESCAPE, "A \\u escape needs 4 hex digits.",
     "\\u エスケープには 16 進数 4 桁が必要です。")
TEXT(IN_U0000, "A string holds \\u0000, which is not allowed.",
     "文字列に \\u0000 は使えません。")
TEXT(IN_LONE_SURROGATE, "A string holds a lone surrogate escape.",
     "文字列に対になっていないサロゲートがあります。")
TEXT(IN_UNKNOWN_ESCAPE, "Unknown escape in a string.",
     "文字列に不明なエスケープがあります。")
TEXT(IN_STRING_BAD_BYTES, "A string holds bytes that are not valid UTF-8.",
     "文字列に UTF-8 として正しくないバイトがあります。")
TEXT(IN_STRING_OPEN, "A string is not closed.", "文字列が閉じられていません。")
TEXT(IN_NUMBER, "A number is not valid JSON.",
     "数値が JSON として正しくありません。")
TEXT(IN_LEADING_ZERO, "A number may not have a leading zero.",
     "数値の先頭に 0 は付けられません。")
TEXT(IN_FRACTION_DIGITS, "A number needs digits after its decimal point.",
     "小数点の後に数字が必要です。")
TEXT(IN_EXPONENT_DIGITS, "A number needs digits in its exponent.",
     "指数部に数字が必要です。")
TEXT(IN_NUMBER_TOO_LONG, "A number is written with more than 63 characters.",
     "数値の桁数が多すぎます（63 文字まで）。")
TEXT(IN_MEMBER_NAME, "A member name (a string) is expected.",
     "メンバー名（文字列）が必要です。")
TEXT(IN_COLON, "':' is expected.", "':' が必要です。")
TEXT(IN_NESTS_TOO_DEEP, "The document nests deeper than 64 levels.",
     "文書の入れ子が 64 段を超えています。")
TEXT(IN_OBJECT_NEXT, "',' or '}' is expected.", "',' または '}' が必要です。")
TEXT(IN_ARRAY_NEXT, "',' or ']' is expected.", "',' または ']' が必要です。")
TEXT(IN_TRAILING,
     "There is more after the end of the document (only one JSON value "
     "is allowed).",
     "文書の終わりの後にさらに内容があります（JSON "
     "値はひとつだけです）。")
TEXT(IN_NUMBER_INFINITE,
     "A number is too large to be finite (for example 1e999).",
     "数値が大きすぎて有限の値になりません（例: "
     "1e999）。")
TEXT(IN_KEY_TWICE,
     "A key appears twice in one object (keys are case-sensitive).",
     "同じオブジェクトに同じキーが 2 "
     "回あります（大文字と小文字は区別されます）。")
TEXT(IN_DOCUMENT_TOO_LARGE, "The document is larger than the size limit.",
     "文書がサイズの上限を超えています。")
TEXT(IN_NOT_AN_OBJECT, "The document must be a JSON object.",
     "文書は JSON オブジェクトである必要があります。")
TEXT(IN_TOO_MANY_ACTIVITIES, "There are more activities than the limit allows.",
     "活動の件数が上限を超えています。")
TEXT(IN_TEXT_NOT_UTF8, "The text at this path is not valid UTF-8.",
     "この項目の文字列が正しい UTF-8 ではありません。")
TEXT(IN_NUMBER_NOT_FINITE, "The number at this path is not finite.",
     "この項目の数値が有限ではありません。")
TEXT(ARG_NOT_A_VALUE,
     "The value at this path is not a text, number, boolean or null.",
     "この項目の値が文字列・数値・真偽値・null のいずれでもありません。")
TEXT(IN_APPLIED_ON_MISSING,
     "applied_on (the application date) is missing; it is needed to "
     "evaluate anything.",
     "申請年月日が未記入です。審査には必須です。")
TEXT(IN_APPLIED_ON_MISSPELT,
     "applied_on (the application date) is missing, and the document "
     "has “%S”, which is not a field: did you mean “%K”?",
     "申請年月日が未記入です。文書にある「%"
     "S」は申請書の項目ではありません。「%K」の誤りではありませんか。")
TEXT(IN_APPLIED_ON_WEEKDAY,
     "applied_on (the application date) is not a valid date: the weekday "
     "does not match the date.",
     "申請年月日が正しい日付ではありません（曜日が日付と一致しません）。")
TEXT(IN_APPLIED_ON_INVALID,
     "applied_on (the application date) is not a valid date.",
     "申請年月日が正しい日付ではありません。")
TEXT(IN_EXPIRES_ON_MISSING,
     "certification.expires_on (the expiry date) is missing; it is "
     "needed to evaluate anything.",
     "資格有効期日が未記入です。審査には必須です。")
TEXT(IN_EXPIRES_ON_MISSPELT,
     "certification.expires_on (the expiry date) is missing, and the "
     "document has “%S”, which is not a field: did you mean “%K”?",
     "資格有効期日が未記入です。文書にある「%"
     "S」は申請書の項目ではありません。「%K」の誤りではありませんか。")
TEXT(IN_EXPIRES_ON_WEEKDAY,
     "certification.expires_on (the expiry date) is not a valid date: "
     "the weekday does not match the date.",
     "資格有効期日が正しい日付ではありません（曜日が日付と一致しません）。")
TEXT(IN_EXPIRES_ON_INVALID,
     "certification.expires_on (the expiry date) is not a valid date.",
     "資格有効期日が正しい日付ではありません。")
TEXT(IN_EXPIRES_ON_RANGE,
     "certification.expires_on is too close to year 1 or 9999: the "
     "period or the renewal would fall outside the calendar this library "
     "computes (years 1-9999).",
     "資格有効期日が西暦 1 年または 9999 "
     "年に近すぎます（認定期間・更新後の期間が計算できる範囲を外れます）。")
TEXT(POL_SECTIONS_ARRAY, "sections must be an array.",
     "sections は配列である必要があります。")
TEXT(POL_SECTION_OBJECT, "Each section must be an object.",
     "各 section はオブジェクトである必要があります。")
TEXT(POL_SECTION_CATEGORY, "A section's category must be A, B, C or D.",
     "section の category は A・B・C・D のいずれかです。")
TEXT(POL_CATEGORY_TWICE, "A category is listed twice.",
     "同じ category が 2 回あります。")
TEXT(POL_SECTION_KEY, "Unknown key in a section.",
     "section に不明なキーがあります。")
TEXT(POL_SECTION_VALUE,
     "Invalid value: per_year and evidence_required are true/false, "
     "form_rows a whole number >= 0, cap null or a number >= 0 with "
     "at most 2 decimals.",
     "値が正しくありません（per_year・evidence_required "
     "は true/false、form_rows は 0 以上の整数、cap は null "
     "または 0 以上の数値）。")
TEXT(POL_STRING_ARRAY, "This must be an array of strings.",
     "文字列の配列である必要があります。")
TEXT(POL_LIST_TOO_LONG,
     "The list is longer than a policy may hold (5,000 entries).",
     "一覧の要素数がポリシーの上限（5,000 件）を超えています。")
TEXT(POL_ENTRY_TWICE, "An entry is listed twice.", "同じ値が 2 回あります。")
TEXT(POL_ENTRY_EMPTY, "Each entry must be a non-empty string.",
     "各要素は空でない文字列である必要があります。")
TEXT(POL_NAME, "name must be a non-empty string.",
     "name は空でない文字列です。")
TEXT(POL_EFFECTIVE_FROM, "effective_from must be a date.",
     "effective_from は日付です。")
TEXT(POL_FISCAL_YEAR,
     "fiscal_year_starts must be \"MM-DD\", a day that every year "
     "has.",
     "fiscal_year_starts は毎年ある日付の \"MM-DD\" です。")
TEXT(POL_PERIOD_YEARS, "period_years must be a whole number from 1 to 10.",
     "period_years は 1〜10 の整数です。")
TEXT(POL_REQUIRED_POINTS,
     "required_points must be a number >= 0 with at most 2 decimals.",
     "required_points は 0 以上の数値（小数第2位まで）です。")
TEXT(POL_POINTS_PER_HOUR,
     "points_per_hour must be a number > 0 with at most 2 decimals.",
     "points_per_hour は 0 より大きい数値（小数第2位まで）です。")
TEXT(POL_WINDOW_OBJECT, "window must be an object.",
     "window はオブジェクトです。")
TEXT(POL_MONTHS, "This must be a whole number from 0 to 120.",
     "0〜120 の整数です。")
TEXT(POL_WINDOW_KEY, "Unknown key in window.",
     "window に不明なキーがあります。")
TEXT(POL_QUALIFICATIONS, "At least one qualification is needed.",
     "資格が 1 つ以上必要です。")
TEXT(POL_KEY, "Unknown key in the policy document.",
     "ポリシー文書に不明なキーがあります。")
TEXT(POL_FEE_OBJECT, "fee must be an object: {\"amount\": yen}.",
     "fee はオブジェクト {\"amount\": 円} です。")
TEXT(POL_FEE_KEY, "Unknown key in fee (it holds only amount).",
     "fee に不明なキーがあります（amount だけを持ちます）。")
TEXT(POL_FEE_AMOUNT,
     "fee.amount must be a whole number of yen from 1 to 9,999,999,999.",
     "fee.amount は 1〜9,999,999,999 の整数（円）です。")
TEXT(
    POL_WINDOW_ORDER,
    "The window must open more months before renewal than it closes "
    "(opens_months_before_renewal > closes_months_before_renewal).",
    "受付開始は受付終了より前である必要があります（opens_months_before_renewal "
    "> closes_months_before_renewal）。")
TEXT(POL_VERSIONS_ONLY,
     "A versioned policy holds only \"versions\": an array of policy "
     "documents.",
     "版付きのポリシーは \"versions\"（ポリシー文書の配列）だけを持ちます。")
TEXT(POL_NO_VERSION, "At least one version is needed.",
     "版が 1 つ以上必要です。")
TEXT(POL_TOO_MANY_VERSIONS, "A policy may hold at most 64 versions.",
     "ポリシーの版は 64 までです。")
TEXT(POL_VERSION_OBJECT, "Each version must be a policy document (an object).",
     "各版はポリシー文書（オブジェクト）です。")
TEXT(POL_VERSION_DATE, "Each version needs its effective_from date.",
     "各版には effective_from（施行日）が必要です。")
TEXT(POL_VERSION_ORDER,
     "Versions must be listed by effective_from, each later than the "
     "one before.",
     "版は effective_from の昇順（前の版より後の日付）で並べてください。")
TEXT(AUD_RATE,
     "The audit rate must be a number from 0 to 1 with at most 6 decimals "
     "(0.05) or a percentage with at most 4 (5%%).",
     "監査の抽出率は 0〜1 の数（小数第6位まで、例 "
     "0.05）または百分率（小数第4位まで、例 5%%）で指定してください。")
TEXT(AUD_NUMBER_NOT_UTF8, "The certification number is not valid UTF-8.",
     "認定番号が正しい UTF-8 ではありません。")
TEXT(AUD_NUMBER_EMPTY, "The certification number is empty.",
     "認定番号が空です。")
TEXT(AUD_NUMBER_TWICE,
     "This certification number is already on the roster; the line "
     "is left out.",
     "この認定番号は名簿に既にあります。この行は除外します。")
TEXT(AUD_QUALIFICATION_NOT_UTF8, "The qualification is not valid UTF-8.",
     "資格が正しい UTF-8 ではありません。")
TEXT(AUD_NO_NUMBER,
     "The line has no certification number (certification.number or "
     "number).",
     "認定番号（certification.number または number）がありません。")
TEXT(AUD_NUMBER_NOT_TEXT, "The certification number must be given as text.",
     "認定番号は文字列で記入してください。")
TEXT(ARG_NOT_CODE_OR_RULE, "Not a diagnostic code or a rule ID (R1-R16).",
     "診断コードでもルール ID（R1〜R16）でもありません。")
TEXT(ARG_NAME_NOT_UTF8, "The name is not valid UTF-8 (or holds a NUL byte).",
     "名前が UTF-8 として正しくありません（または NUL バイトを含みます）。")
TEXT(ARG_INVALID, "Invalid argument (a NULL pointer or a wrong version).",
     "引数が正しくありません（NULL ポインタまたは版の不一致）。")
TEXT(OUT_OF_MEMORY, "Out of memory.", "メモリが不足しています。")
TEXT(PLAN_MET, "Nothing more is needed: %P0 of the %P1 points already count.",
     "必要なポイントは充足しています（%P0 / %P1）。")
TEXT(PLAN_UNREACHABLE,
     "%P0 more points are needed, but the sections still open can "
     "take only %P1 more by %D2: the requirement can no longer be "
     "met.",
     "あと %P0 ポイント必要ですが、%D2 までに算入できるのは最大 "
     "%P1 ポイントです。要件を満たすことはできません。")
TEXT(PLAN_NEEDED, "%P0 more points, completed by %D1: ",
     "あと %P0 ポイント必要です（%D1 までに修了）: ")
TEXT(PLAN_ROOM_FIRST, "up to %P0 in %S", "%S に最大 %P0")
TEXT(PLAN_ROOM_NEXT, ", %P0 in %S", "、%S に最大 %P0")
TEXT(PLAN_ANY_FIRST, "any in %S", "%S に任意")
TEXT(PLAN_ANY_NEXT, ", or any in %S", "、または %S に任意")
TEXT(PLAN_END, ".", "。")
TEXT(VERSION_NAME, "from %D0", "from %D0")
#undef TEXT

#define MSG_ROW(id, code) [CPD__M_##id] = {CPD__##code, msg_##id, msg_ja_##id},
static const message messages[CPD__MSG_COUNT] = {CPD__MESSAGES(MSG_ROW)};
#undef MSG_ROW

cpd__code_id cpd__msg_code(cpd__msg_id m) { return messages[m].code; }

const char *cpd__msg_template(cpd__msg_id m, int ja) {
  return ja ? messages[m].ja : messages[m].en;
}

/* Appends text, JSON-escaped when esc (the inside of a string). */
static void put(cpd__buf *b, const char *s, size_t n, int esc) {
  if (esc)
    cpd__buf_add_json_chars(b, s, n);
  else
    cpd__put(b, s, n);
}

static void render(cpd__buf *b, const cpd__diag *d, int ja, int esc) {
  const char *t = ja ? messages[d->msg].ja : messages[d->msg].en;
  const char *pct;
  char tmp[CPD_POINTS_TEXT_SIZE];
  while ((pct = strchr(t, '%')) != NULL) {
    int k = pct[2] >= '0' && pct[2] <= '2' ? pct[2] - '0' : 0;
    cpd__put(b, t, (size_t)(pct - t)); /* templates need no escaping */
    t = pct + 2;
    switch (pct[1]) {
    case 'i': /* counted from 1 (JSON Pointers stay 0-based) */
      cpd__buf_add_uint(b, (unsigned long long)d->activity + 1);
      break;
    case 'j':
      cpd__buf_add_uint(b, (unsigned long long)d->a[0] + 1);
      break;
    case 'D':
      cpd_day_format(tmp, (cpd_day)d->a[k]);
      cpd__put(b, tmp, 10);
      t++;
      break;
    case 'P':
      cpd__buf_add_points(b, d->a[k]);
      t++;
      break;
    case 'N':
      cpd__buf_add_int(b, d->a[k]);
      t++;
      break;
    case 'S':
      put(b, d->s ? d->s : "", d->s ? strlen(d->s) : 0, esc);
      break;
    case 'K': {
      const char *key = cpd__field((cpd_field_id)d->a[0])->key;
      cpd__put(b, key, strlen(key));
      break;
    }
    case 'p': /* plural of points: one point is a[k] == 100 */
    case 'n': /* plural of a count */
    case 'y':
    case 'r':
    case 'd':
    case 'c': {
      /* counts agree with 1, the others with one point (hours too) */
      int one = pct[1] == 'n' || pct[1] == 'y' ? d->a[k] == 1 : d->a[k] == 100;
      const char *w;
      switch (pct[1]) {
      case 'y':
        w = one ? "y" : "ies";
        break;
      case 'r':
        w = one ? "is" : "are";
        break;
      case 'd':
        w = one ? "does" : "do";
        break;
      case 'c':
        w = one ? "counts" : "count";
        break;
      default:
        w = one ? "" : "s";
      }
      cpd__put(b, w, strlen(w));
      t++;
      break;
    }
    case 'L': {
      const char *l = cpd__field_msg_label((cpd_field_id)d->field, ja);
      cpd__put(b, l, strlen(l));
      break;
    }
    default: /* "%%" */
      cpd__putc(b, '%');
    }
  }
  cpd__put(b, t, strlen(t));
}

void cpd__render_message(cpd__buf *b, const cpd__diag *d, int ja) {
  render(b, d, ja, 0);
}

void cpd__render_message_json(cpd__buf *b, const cpd__diag *d, int ja) {
  render(b, d, ja, 1);
}

void cpd__render_fixed(char *buf, size_t cap, const cpd__diag *d, int ja) {
  cpd__buf b = {buf, 0, cap, 0, 1};
  render(&b, d, ja, 0);
  buf[b.len] = '\0'; /* (the appends keep len below cap) */
}

static void path(cpd__buf *b, const cpd__diag *d, int esc) {
  const char *p, *dash;
  if (d->path) {
    put(b, d->path, strlen(d->path), esc);
    return;
  }
  p = cpd__field((cpd_field_id)d->field)->pointer;
  dash = d->activity != CPD__NONE ? strchr(p, '-') : NULL;
  if (dash) { /* "/activities/-/hours": the index in place of "-" */
    cpd__put(b, p, (size_t)(dash - p));
    cpd__buf_add_uint(b, d->activity);
    p = dash + 1;
  }
  cpd__put(b, p, strlen(p)); /* field pointers need no escaping */
  if (d->sub != CPD__NONE) {
    cpd__putc(b, '/');
    cpd__buf_add_uint(b, d->sub);
  }
}

void cpd__render_path(cpd__buf *b, const cpd__diag *d) { path(b, d, 0); }

void cpd__render_path_json(cpd__buf *b, const cpd__diag *d) { path(b, d, 1); }

/* --------------------------------------------------------------- labels */

const char *cpd_status_str(cpd_status status) {
  switch (status) {
  case CPD_OK:
    return "ok";
  case CPD_ENOMEM:
    return "out of memory";
  case CPD_EINPUT:
    return "input error";
  case CPD_EPOLICY:
    return "invalid policy";
  case CPD_EINVAL:
    return "invalid argument";
  }
  return "unknown status";
}

/* The words the reports, the form page and the bindings print for the
 * values of the result (cpd_decision_label, ...), and the form's names of
 * the categories.  Indexed by the enum's value. */
static const cpd_label decision_labels[] = {
    [CPD_ELIGIBLE] = {"eligible", "eligible", "更新可",
                      "the renewal can proceed", "更新できます"},
    [CPD_INCOMPLETE] = {"incomplete", "incomplete", "要修正",
                        "fix the errors below and submit again",
                        "不備を直して再提出してください"},
    [CPD_INELIGIBLE] = {"ineligible", "ineligible", "更新不可",
                        "cannot be renewed as it stands",
                        "このままでは更新できません"},
};

static const cpd_label severity_labels[] = {
    [CPD_SEVERITY_INFO] = {"info", "info", "情報", "", ""},
    [CPD_SEVERITY_WARNING] = {"warning", "warning", "注意", "", ""},
    [CPD_SEVERITY_ERROR] = {"error", "error", "要修正", "", ""},
    [CPD_SEVERITY_FATAL] = {"fatal", "fatal", "不可", "", ""},
};

static const cpd_label window_labels[] = {
    [CPD_WINDOW_NOT_YET_OPEN] = {"not_yet_open", "not open yet", "受付前", "",
                                 ""},
    [CPD_WINDOW_OPEN] = {"open", "open", "受付中", "", ""},
    [CPD_WINDOW_CLOSED] = {"closed", "closed", "受付終了", "", ""},
};

static const cpd_label activity_labels[] = {
    [CPD_ACTIVITY_COUNTED] = {"counted", "counted", "算入", "", ""},
    [CPD_ACTIVITY_PARTIALLY_COUNTED] = {"partially_counted", "partly counted",
                                        "一部算入", "", ""},
    [CPD_ACTIVITY_CAPPED] = {"capped", "capped", "上限超過", "", ""},
    [CPD_ACTIVITY_REJECTED] = {"rejected", "rejected", "不受理", "", ""},
};

/* The fee's status against the bank's record (cpd reconcile, cpd notices). */
static const cpd_label fee_labels[] = {
    [CPD_FEE_PAID] = {"paid", "paid", "入金確認済み",
                      "one payment of the fee, within the window",
                      "受付期間内に手数料の入金が 1 件あります"},
    [CPD_FEE_UNPAID] = {"unpaid", "unpaid", "未入金",
                        "no payment names the applicant",
                        "申請者の名義の入金がありません"},
    [CPD_FEE_AMBIGUOUS] = {"ambiguous", "ambiguous", "要確認（候補複数）",
                           "several payments name the applicant, or one "
                           "payment names several: the candidates are "
                           "listed, never chosen",
                           "申請者の名義の入金が複数あるか、1 件の入金が"
                           "複数の申請に当たります。候補を並べ、選びません"},
    [CPD_FEE_AMOUNT_DIFFERS] = {"amount_differs", "amount differs", "金額相違",
                                "one payment, of another amount than the fee",
                                "入金は 1 件ですが、金額が手数料と異なります"},
    [CPD_FEE_OUTSIDE_WINDOW] = {"outside_window", "outside the window",
                                "受付期間外の入金",
                                "one payment of the fee, dated outside the "
                                "application window",
                                "手数料の入金が 1 件ありますが、受付期間外の"
                                "日付です"},
    [CPD_FEE_UNCLAIMED] = {"unclaimed", "unclaimed", "該当申請なし",
                           "a payment that names no applicant",
                           "どの申請者の名義とも合わない入金です"},
};

#define LABEL_AT(table, v)                                                     \
  ((unsigned)(v) < sizeof table / sizeof table[0] ? &table[v] : NULL)

const cpd_label *cpd_decision_label(cpd_decision d) {
  return LABEL_AT(decision_labels, d);
}
const cpd_label *cpd_severity_label(cpd_severity s) {
  return LABEL_AT(severity_labels, s);
}
const cpd_label *cpd_window_status_label(cpd_window_status s) {
  return LABEL_AT(window_labels, s);
}
const cpd_label *cpd_activity_status_label(cpd_activity_status s) {
  return LABEL_AT(activity_labels, s);
}
const cpd_label *cpd_fee_status_label(cpd_fee_status s) {
  return LABEL_AT(fee_labels, s);
}

const char *cpd_fee_status_str(cpd_fee_status s) {
  const cpd_label *l = cpd_fee_status_label(s);
  return l ? l->name : "unknown";
}

cpd_status cpd_fee_status_parse(cpd_fee_status *out, const char *name) {
  size_t i;
  if (!out || !name)
    return CPD_EINVAL;
  for (i = 0; i < sizeof fee_labels / sizeof fee_labels[0]; i++)
    if (strcmp(fee_labels[i].name, name) == 0) {
      *out = (cpd_fee_status)i;
      return CPD_OK;
    }
  return CPD_EINVAL;
}

/* The categories as the form prints them (■学習活動カテゴリ,
 * ■プロフェッショナル活動カテゴリ) with the headings of their columns. */
static const cpd_category_info categories[] = {
    {"A", "Courses and training certified or run by the association",
     "コン検認定・主催講座・研修の受講", "Certified courses",
     "コン検認定・主催講座・研修", "Learning activities", "学習活動カテゴリ",
     "Course or training", "受講講座・研修名", "Completed on", "研修修了日",
     "Hours", "学習（受講）時間"},
    {"B", "Training courses not certified by the association",
     "コン検が認定していない研修コースの受講", "Other training",
     "認定外の研修コース", "Learning activities", "学習活動カテゴリ",
     "Course or training", "受講講座・研修名", "Completed on", "研修修了日",
     "Hours", "学習（受講）時間"},
    {"C", "Self-study", "個人学習", "Self-study", "個人学習",
     "Learning activities", "学習活動カテゴリ", "Self-study", "個人学習内容",
     "Completed on", "学習修了日", "Hours", "学習時間"},
    {"D", "Professional activities", "プロフェッショナル活動",
     "Professional activities", "プロフェッショナル活動",
     "Professional activities", "プロフェッショナル活動カテゴリ", "Activity",
     "活動内容", "Completed on", "活動修了日", "Hours", "活動時間"},
};

size_t cpd_category_count(void) {
  return sizeof categories / sizeof categories[0];
}

const cpd_category_info *cpd_category_at(size_t i) {
  return i < cpd_category_count() ? &categories[i] : NULL;
}

const cpd_category_info *cpd_category_find(const char *s) {
  size_t i;
  char c;
  if (!s || !s[0] || (s[1] != '\0' && s[1] != '-'))
    return NULL;
  c = s[0] >= 'a' && s[0] <= 'z' ? (char)(s[0] - 32) : s[0];
  if (s[1] == '-') { /* a section name: "B-2", a year from 1 */
    const char *p = s + 2;
    if (*p < '1' || *p > '9')
      return NULL;
    while (*p >= '0' && *p <= '9')
      p++;
    if (*p || p - (s + 2) > 4)
      return NULL;
  }
  for (i = 0; i < cpd_category_count(); i++)
    if (categories[i].category[0] == c)
      return &categories[i];
  return NULL;
}

int cpd_code_unreadable(const cpd_code_info *c) {
#define UNREADABLE(id, code, kind, sev, rule, status, unreadable)              \
  [CPD__##id] = unreadable,
  static const unsigned char unreadable[CPD__CODE_COUNT] = {
      CPD__CODES(UNREADABLE)};
#undef UNREADABLE
  const cpd_code_info *k = c ? cpd_code_find(c->code) : NULL;
  return k ? unreadable[k - codes] : 0;
}

/* ------------------------------------------------------------------ errors */

/* Fills err (may be NULL): code, path, offset, English and Japanese text. */
static void error_set(cpd_error *err, const char *code, const char *path,
                      long long offset, const char *en, const char *ja) {
  if (!err)
    return;
  cpd__copy_utf8(err->code, sizeof err->code, code);
  cpd__copy_utf8(err->path, sizeof err->path, path ? path : "");
  err->offset = offset;
  cpd__copy_utf8(err->message, sizeof err->message, en);
  cpd__copy_utf8(err->message_ja, sizeof err->message_ja, ja);
}

void cpd__text(char *buf, size_t cap, cpd__msg_id m, int ja, const char *s,
               int64_t a0, int64_t a1) {
  cpd__diag d;
  memset(&d, 0, sizeof d);
  d.msg = (uint16_t)m;
  d.activity = d.sub = CPD__NONE;
  d.s = s;
  d.a[0] = a0;
  d.a[1] = a1;
  cpd__render_fixed(buf, cap, &d, ja);
}

cpd_status cpd__fail_args(cpd_error *err, cpd__msg_id m, const char *path,
                          long long offset, const char *s, int64_t a0,
                          int64_t a1) {
#define STATUS(id, code, kind, sev, rule, status, unreadable)                  \
  [CPD__##id] = CPD_##status,
  static const cpd_status status[CPD__CODE_COUNT] = {CPD__CODES(STATUS)};
#undef STATUS
  cpd__code_id code = messages[m].code;
  /* rendered into buffers of their own (no allocation: an error is said
   * even when memory ran out); cpd_error keeps what fits */
  char en[CPD_ERROR_MESSAGE_JA_SIZE * 2], ja[CPD_ERROR_MESSAGE_JA_SIZE * 2];
  if (err) {
    cpd__text(en, sizeof en, m, 0, s, a0, a1);
    cpd__text(ja, sizeof ja, m, 1, s, a0, a1);
    error_set(err, codes[code].code, path, offset, en, ja);
  }
  return status[code];
}
