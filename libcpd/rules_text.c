/* rules_text.c - the rules R1-R16 in words: title, the form's own wording
 * they come from, the rule as libcpd applies it, the policy keys that set
 * it and an example.  docs/RULES.md says the same at length; a test keeps
 * the two in step.  Read through cpd_rule_* (catalog.c). */
#include <string.h>

#include "internal.h"

/* source_ja and example are quoted from the seed form in docs/RULES.md
 * (issue 15); an empty string means "not written yet". */
static const cpd_rule_info rules[] = {
    {"R1", "Qualification", "更新対象資格", "",
     "One application renews exactly one qualification (OMP or CAP).",
     "1 通の申請で更新できる資格は 1 つ（OMP または CAP）です。",
     "qualifications", "", ""},
    {"R2", "Fiscal years and the certification period", "年度と認定期間", "",
     "A fiscal year runs from April 1; the period is the 3 fiscal years "
     "ending with the expiry date's.",
     "年度は 4 月 1 日に始まり、認定期間は資格有効期日を含む年度までの 3 "
     "年度です。",
     "fiscal_year_starts, period_years", "", ""},
    {"R3", "Application window", "受付期間", "",
     "Apply from 3 months before the renewal date to its eve (January to "
     "the end of March).",
     "更新日の 3 か月前から前日まで（1 月～3 月末）に申請します。",
     "window.opens_months_before_renewal, "
     "window.closes_months_before_renewal",
     "", ""},
    {"R4", "Placing activities in the period", "活動の期間と年目", "",
     "An activity counts in the fiscal year of its completion date, inside "
     "the period and not after the application date.",
     "活動は修了日の年度に算入されます（認定期間内かつ申請年月日以前）。",
     "fiscal_year_starts, period_years", "", ""},
    {"R5", "Points of one activity", "活動のポイント", "",
     "Points are at most hours x points_per_hour; without points they are "
     "that, truncated to hundredths.",
     "CPD ポイントは時間 × points_per_hour が上限で、未記入のときはその値（小"
     "数第 2 位未満切り捨て）です。",
     "points_per_hour", "", ""},
    {"R6", "Sections and caps", "区分と上限", "",
     "A has no cap; B, C and D count at most 5 points per year each, in "
     "order of completion date.",
     "A は上限なし、B・C・D は年目ごとに各 5 ポイントまで修了日順に算入され"
     "ます。",
     "sections[].cap, sections[].per_year", "", ""},
    {"R7", "Duplicates", "重複", "",
     "The later of two activities with the same category, date and title "
     "does not count.",
     "カテゴリ・修了日・名称が同じ活動は、後のものが算入されません。", "", "",
     ""},
    {"R8", "The total", "合計", "",
     "The points that count must reach the required 30.",
     "算入ポイントの合計が必要な 30 ポイントに達する必要があります。",
     "required_points", "", ""},
    {"R9", "Fee", "認定審査手数料", "",
     "The fee's payment date and payer name are required; it must be paid "
     "within the window.",
     "振込日と振込名義が必要で、受付期間内に振り込む必要があります。",
     "window.opens_months_before_renewal, "
     "window.closes_months_before_renewal",
     "", ""},
    {"R10", "Ethics oath and CPD policy consent", "倫理綱領・CPD方針の宣誓",
     "", "The ethics oath and the CPD policy must be agreed to.",
     "倫理綱領・職業倫理規程および継続教育・学習方針の順守への宣誓が必要です。",
     "", "", ""},
    {"R11", "Applicant details and text", "申請者情報と文字", "",
     "The applicant's details are required and checked; every text is "
     "NFKC-normalised with spaces folded.",
     "申請者情報は必須で形式を確認します。文字はすべて NFKC で正規化します。",
     "", "", ""},
    {"R12", "Evidence", "証明書類", "",
     "Activities in sections that need evidence (A and B) name at least one "
     "evidence file.",
     "証明書類が必要な区分（A・B）の活動には証明書類を 1 つ以上記載します。",
     "sections[].evidence_required", "", ""},
    {"R13", "Dates", "日付", "",
     "Dates are read in ISO, slash, dot, 年月日 and Japanese era forms and "
     "written as ISO.",
     "日付は ISO・スラッシュ・ドット・年月日・和暦の形式で読み、ISO で出力"
     "します。",
     "", "", ""},
    {"R14", "Input errors", "入力エラー", "",
     "A document that cannot be evaluated is refused with one error, not "
     "half-evaluated.",
     "審査できない文書は評価せず、エラーを 1 つ返します。", "", "", ""},
    {"R15", "Decision", "判定", "",
     "ineligible with any fatal diagnostic, else incomplete with any "
     "fixable error, else eligible.",
     "致命的な問題があれば不可、修正できる誤りがあれば不備、なければ可です。",
     "", "", ""},
    {"R16", "Paper-form extras", "用紙に関する事項", "",
     "Form rows and continuation sheets, the e-mail subject, CMBOK "
     "competency codes and the annual audit.",
     "記入欄と続紙、メール件名、CMBOK コンピテンシー、年次監査です。",
     "sections[].form_rows, competencies", "", ""},
};

#define RULE_COUNT (sizeof rules / sizeof rules[0])

size_t cpd_rule_count(void) { return RULE_COUNT; }

const cpd_rule_info *cpd_rule_at(size_t i) {
  return i < RULE_COUNT ? &rules[i] : NULL;
}

const cpd_rule_info *cpd_rule_find(const char *id) {
  size_t i;
  if (!id || (id[0] != 'R' && id[0] != 'r'))
    return NULL;
  for (i = 0; i < RULE_COUNT; i++)
    if (strcmp(rules[i].id + 1, id + 1) == 0)
      return &rules[i];
  return NULL;
}
