/* catalog.c - the catalogue: every code the library reports (kind,
 * severity, rule, one-line summary) and the rules R1-R16 (docs/RULES.md).
 * One table each; the engine, the writers, the CLI and the bindings read
 * them through cpd_code_* / cpd_rule_* and cpd__code_* (internal.h). */
#include <string.h>

#include "internal.h"

#define DIAG(code, sev, rule, en, ja)                                          \
  { code, CPD_CODE_DIAGNOSTIC, CPD_SEVERITY_##sev, rule, en, ja }
#define INPUT(code, rule, en, ja)                                              \
  { code, CPD_CODE_INPUT_ERROR, CPD_SEVERITY_ERROR, rule, en, ja }
#define CALL(code, rule, en, ja)                                               \
  { code, CPD_CODE_CALL_ERROR, CPD_SEVERITY_ERROR, rule, en, ja }

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
    DIAG(
        "application.unknown_field", WARNING, "R14",
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

/* ------------------------------------------------------------- messages */

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

#define MSG(id, code, en, ja) [CPD__M_##id] = {CPD__##code, en, ja}
static const message messages[CPD__MSG_COUNT] = {
    MSG(QUAL_MISSING, QUALIFICATION_INVALID,
        "The qualification to renew is missing; give one of %S.",
        "更新対象資格が未記入です（%S のいずれか）。"),
    MSG(QUAL_UNKNOWN, QUALIFICATION_INVALID,
        "The qualification to renew is not known; give one of %S.",
        "更新対象資格が不明です（%S のいずれか）。"),
    MSG(EXPIRY_NOT_FY_END, EXPIRY_NOT_FY_END,
        "The expiry date is not the last day of a fiscal year; the period is "
        "still the %N0 fiscal year%n0 ending with it.",
        "資格有効期日が年度末ではありません。認定期間はこの日を含む年度までの "
        "%N0 年度として扱います。"),
    MSG(WINDOW_NOT_YET_OPEN, WINDOW_NOT_YET_OPEN,
        "The application window is %D0 to %D1; it is not open yet, so apply "
        "again inside it.",
        "受付期間は %D0〜%D1 です。まだ受付期間前のため、受付期間内に再度申請し"
        "てください。"),
    MSG(WINDOW_CLOSED, WINDOW_CLOSED,
        "The application window closed on %D0; the qualification can no "
        "longer be renewed.",
        "受付期間は %D0 に終了しました。資格の更新はできません。"),
    MSG(DATE_AFTER_APPLICATION, DATE_AFTER_APPLICATION,
        "Activity %i was completed on %D0, after the application date.",
        "活動 %iの修了日 %D0 が申請年月日より後です。"),
    MSG(OUTSIDE_PERIOD, OUTSIDE_PERIOD,
        "Activity %i was completed on %D0, outside the period %D1 to %D2; "
        "it does not count.",
        "活動 %iの修了日 %D0 は認定期間（%D1〜%D2）外のため算入されません。"),
    MSG(YEAR_NOT_WHOLE, YEAR_MISMATCH,
        "Activity %i: the declared year is not a whole number from 1 to "
        "%N0; year %N1 follows from its date.",
        "活動 %iの年目の記入が 1〜%N0 の整数ではありません。修了日から %N1 "
        "年目として扱います。"),
    MSG(YEAR_MISMATCH, YEAR_MISMATCH,
        "Activity %i is declared for year %N0, but its date falls in year "
        "%N1; year %N1 is used.",
        "活動 %iは %N0 年目と記入されていますが、修了日は %N1 年目です。%N1 "
        "年目として扱います。"),
    MSG(HOURS_MISSING, INVALID_NUMBER, "Activity %i: the hours are missing.",
        "活動 %iの時間が未記入です。"),
    MSG(HOURS_NOT_NUMBER, INVALID_NUMBER,
        "Activity %i: the hours must be a number, e.g. 2, 1.5, 2時間, "
        "1時間30分, 90分 or 1.5h.",
        "活動 %iの時間は数値で記入してください（例: 2、1.5、2時間、1時間30分、"
        "90分、1.5h）。"),
    MSG(HOURS_DECIMALS, INVALID_NUMBER,
        "Activity %i: the hours may have at most 2 decimals.",
        "活動 %iの時間は小数第2位までで記入してください。"),
    MSG(HOURS_RANGE, INVALID_NUMBER,
        "Activity %i: the hours must be more than 0 and at most %P0.",
        "活動 %iの時間は 0 より大きく %P0 以下で記入してください。"),
    MSG(POINTS_NOT_NUMBER, INVALID_NUMBER,
        "Activity %i: the points must be a number.",
        "活動 %iのCPDポイントは数値で記入してください。"),
    MSG(POINTS_DECIMALS, INVALID_NUMBER,
        "Activity %i: the points may have at most 2 decimals.",
        "活動 %iのCPDポイントは小数第2位までで記入してください。"),
    MSG(POINTS_RANGE, INVALID_NUMBER,
        "Activity %i: the points must be from 0 to %P0.",
        "活動 %iのCPDポイントは 0 以上 %P0 以下で記入してください。"),
    MSG(POINTS_REDUCED, POINTS_REDUCED,
        "Activity %i claims %P0 point%p0, but %P1 hour%p1 %r1 worth at most "
        "%P2 point%p2; that is what counts.",
        "活動 %iの CPD ポイント %P0 は時間 %P1 に対する上限を超えています。"
        "%P2 ポイントとして扱います。"),
    MSG(CATEGORY_MISSING, INVALID_CATEGORY,
        "Activity %i has no category; give A, B, C or D.",
        "活動 %iのカテゴリが未記入です（A・B・C・D のいずれか）。"),
    MSG(CATEGORY_UNKNOWN, INVALID_CATEGORY,
        "Activity %i has an unknown category; give A, B, C or D.",
        "活動 %iのカテゴリが不明です（A・B・C・D のいずれか）。"),
    MSG(SECTION_CAPPED, SECTION_CAPPED,
        "Section %S is capped at %P0 point%p0; %P1 point%p1 %d1 not count.",
        "%S は上限 %P0 ポイントです。%P1 ポイントは算入されません。"),
    MSG(DUPLICATE, DUPLICATE,
        "Activity %i repeats activity %j (same category, date and title); "
        "it does not count again.",
        "活動 %iは活動 %jと重複しています（カテゴリ・修了日・名称が同一）。"
        "重複分は算入されません。"),
    MSG(SHORTFALL, SHORTFALL,
        "%P0 point%p0 %c0 toward the %P1 required; %P2 more %r2 needed.",
        "算入ポイントは %P0 で、必要な %P1 ポイントに %P2 ポイント不足していま"
        "す。"),
    MSG(FEE_DATE_MISSING, FEE_MISSING,
        "The fee payment date (振込日) is missing.",
        "認定審査手数料振込日が未記入です。"),
    MSG(FEE_PAYER_NOT_TEXT, FEE_MISSING,
        "The fee payer name (振込名義) must be given as text.",
        "認定審査手数料振込名義は文字列で記入してください。"),
    MSG(FEE_PAYER_MISSING, FEE_MISSING,
        "The fee payer name (振込名義) is missing.",
        "認定審査手数料振込名義が未記入です。"),
    MSG(FEE_LATE, FEE_LATE,
        "The fee was paid on %D0, after the application window closed on %D1.",
        "認定審査手数料の振込日 %D0 が受付期間の終了日 %D1 より後です。"),
    MSG(FEE_BEFORE_WINDOW, FEE_BEFORE_WINDOW,
        "The fee was paid on %D0, before the application window opened on "
        "%D1.",
        "認定審査手数料の振込日 %D0 が受付期間の開始日 %D1 より前です。"),
    MSG(OATH, OATH_NOT_AGREED,
        "The ethics oath and the CPD policy must be agreed to (oath_agreed: "
        "true); without it the renewal cannot proceed.",
        "倫理綱領・職業倫理規程および継続教育・学習方針の順守への宣誓に同意して"
        "ください。同意がない場合は更新できません。"),
    MSG(FIELD_NOT_TEXT, APPLICANT_MISSING, "%L must be given as text.",
        "%Lは文字列で記入してください。"),
    MSG(FIELD_MISSING, APPLICANT_MISSING, "%L is missing.", "%Lが未記入です。"),
    MSG(PHONE_OR_MOBILE, APPLICANT_MISSING,
        "A phone or mobile number is required.",
        "電話番号または携帯電話番号のいずれかを記入してください。"),
    MSG(KANA_INVALID, KANA_INVALID,
        "%L may hold only hiragana, katakana, ー, ・ and spaces.",
        "%Lはひらがな・カタカナ（ー・を含む）で記入してください。"),
    MSG(POSTAL_INVALID, POSTAL_INVALID,
        "%L must have 7 digits, written NNNNNNN or NNN-NNNN.",
        "%Lは 7 桁（NNN-NNNN）で記入してください。"),
    MSG(PHONE_INVALID, PHONE_INVALID,
        "%L must have 10 or 11 digits starting with 0.",
        "%Lは 0 から始まる 10 桁または 11 桁の番号で記入してください。"),
    MSG(PHONE_NOT_TEXT, PHONE_INVALID,
        "%L must be given as text (a JSON number loses its leading 0).",
        "%Lは文字列で記入してください。"),
    MSG(EMAIL_INVALID, EMAIL_INVALID,
        "%L is not a valid address (one @, a domain with a dot, no spaces).",
        "%Lの形式が正しくありません（@ がひとつ、ドメインにドットを含み、空白な"
        "し）。"),
    MSG(EVIDENCE_MISSING, EVIDENCE_MISSING,
        "Activity %i in section %S needs a certificate or attendance record "
        "(受講証明書・研修参加票); name at least one evidence file.",
        "活動 %i（%S）には受講証明書・研修参加票などの証明書類を添付してくださ"
        "い。"),
    MSG(DATE_MISSING, INVALID_DATE, "Activity %i has no completion date.",
        "活動 %iの修了日が未記入です。"),
    MSG(DATE_INVALID, INVALID_DATE,
        "Activity %i: the completion date is not a valid date.",
        "活動 %iの修了日が正しい日付ではありません。"),
    MSG(DATE_WEEKDAY, INVALID_DATE,
        "Activity %i: the completion date is not a valid date: the weekday "
        "does not match the date.",
        "活動 %iの修了日が正しい日付ではありません（曜日が日付と一致しません）"
        "。"),
    MSG(FEE_DATE_INVALID, FEE_INVALID_DATE,
        "The fee payment date is not a valid date.",
        "認定審査手数料振込日が正しい日付ではありません。"),
    MSG(FEE_DATE_WEEKDAY, FEE_INVALID_DATE,
        "The fee payment date is not a valid date: the weekday does not match "
        "the date.",
        "認定審査手数料振込日が正しい日付ではありません（曜日が日付と一致しませ"
        "ん）。"),
    MSG(UNKNOWN_FIELD, UNKNOWN_FIELD,
        "This field is not part of the application and is ignored.",
        "この項目は申請書の項目ではないため無視されます。"),
    MSG(UNKNOWN_SUGGEST, UNKNOWN_FIELD,
        "“%S” is not a field of the application and is ignored; did you "
        "mean “%K”?",
        "「%S」は申請書の項目ではないため無視されます。「%K」の誤りではありませ"
        "んか。"),
    MSG(MISSPELT_REQUIRED, UNKNOWN_FIELD,
        "“%S” is not a field of the application and “%K” is missing: did you "
        "mean “%K”? As written it is ignored.",
        "「%S」は申請書の項目ではなく、「%K」がありません。「%K」の誤りではあり"
        "ませんか（このままでは無視されます）。"),
    MSG(NOT_AN_OBJECT, UNKNOWN_FIELD,
        "This field must be an object; it is ignored.",
        "この項目はオブジェクトである必要があります。無視されます。"),
    MSG(NOT_AN_ARRAY, UNKNOWN_FIELD,
        "activities must be an array; it is ignored.",
        "activities は配列である必要があります。無視されます。"),
    MSG(CONTINUATION_SHEET, CONTINUATION_SHEET,
        "Section %S has %N0 entr%y0 but the form has %N1 row%n1; attach a "
        "continuation sheet.",
        "%S の記入は %N0 件で、用紙の記入欄（%N1 行）を超えています。続紙を添"
        "付してください。"),
    MSG(UNKNOWN_COMPETENCY, UNKNOWN_COMPETENCY,
        "Activity %i lists a competency code that is not in the CMBOK "
        "catalogue (別紙２).",
        "活動 %iのコンピテンシーコードが CMBOK（別紙２）にありません。"),
};
#undef MSG

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
  const cpd_code_info *k = c ? cpd_code_find(c->code) : NULL;
  if (!k)
    return 0;
  switch ((cpd__code_id)(k - codes)) {
  case CPD__INVALID_NUMBER:
  case CPD__INVALID_DATE:
  case CPD__INVALID_CATEGORY:
  case CPD__FEE_INVALID_DATE:
    return 1;
  default:
    return 0;
  }
}
