/* rules_text.c - the rules R1-R16 in words: title, the form's own wording
 * they come from, the rule as libcpd applies it, the policy keys that set
 * it and an example.  docs/RULES.md says the same at length; a test keeps
 * the two in step.  Read through cpd_rule_* (catalog.c). */
#include <string.h>

#include "internal.h"

/* source_ja: lines of the form, quoted exactly (each occurs verbatim in
 * docs/seed/renewal-application-form.txt and among the rule's quotes in
 * docs/RULES.md: tests/test_rules_doc.py checks both).  example /
 * example_ja: one short case of the rule. */
static const cpd_rule_info rules[] = {
    {"R1", "Qualification", "更新対象資格",
     "更新対象資格\n"
     "※更新申請書ならびに課題レポートは１資格あたり１通とします。\n"
     "同時に２資格申請する場合は申請書を２通ご用意ください。",
     "One application renews exactly one qualification (OMP or CAP).",
     "1 通の申請で更新できる資格は 1 つ（OMP または CAP）です。",
     "qualifications",
     "\"ＯＭＰ\" is read as OMP; \"OMP,CAP\" is qualification.invalid (one"
     " application per qualification).",
     "\"ＯＭＰ\" は OMP と読みます。\"OMP,CAP\" は qualification.invalid"
     " です（1 資格につき 1 通）。"},
    {"R2", "Fiscal years and the certification period", "年度と認定期間",
     "資格更新後の有効期間は認定更新日（４月１日）から３年度間とする。\n"
     "なお、毎年４月１日から翌年３月３１日までを１年度単位とする。",
     "A fiscal year runs from April 1; the period is the 3 fiscal years "
     "ending with the expiry date's.",
     "年度は 4 月 1 日に始まり、認定期間は資格有効期日を含む年度までの 3 "
     "年度です。",
     "fiscal_year_starts, period_years",
     "Expiry 2027-03-31: the period is 2024-04-01 to 2027-03-31 (years"
     " 1-3 are FY2024-FY2026); a renewal runs from 2027-04-01 to 2030-03-31.",
     "資格有効期日 2027-03-31: 認定期間は 2024-04-01〜2027-03-31（1〜3"
     " 年目は 2024〜2026 年度）、更新後は 2027-04-01〜2030-03-31 です。"},
    {"R3", "Application window", "受付期間",
     "資格更新の審査申請手続きは、認定書に記載されている資格有効期日の"
     "３ヶ月前から１ヶ月前（１月～３月末）までを受付期間\n"
     "とし、申請期限を過ぎると資格の更新ができず、プロフェッショナル資"
     "格認定が取り消される場合がある。",
     "Apply from 3 months before the renewal date to its eve (January to "
     "the end of March).",
     "更新日の 3 か月前から前日まで（1 月～3 月末）に申請します。",
     "window.opens_months_before_renewal, "
     "window.closes_months_before_renewal",
     "Expiry 2027-03-31: apply from 2027-01-01 to 2027-03-31; applied on"
     " 2026-12-31 is window.not_yet_open, on 2027-04-01 window.closed.",
     "資格有効期日 2027-03-31: 受付期間は 2027-01-01〜2027-03-31 "
     "です。2026-12-31"
     " の申請は window.not_yet_open、2027-04-01 の申請は window.closed"
     " です。"},
    {"R4", "Placing activities in the period", "活動の期間と年目",
     "プロフェッショナル資格認定期間における自己研鑽に費やした活動をカ"
     "テゴリごとにご記入ください。\n"
     "コン検CPDは、更新申請時から遡り３年間において、所定のポイントを"
     "取得することを義務づける。",
     "An activity counts in the fiscal year of its completion date, inside "
     "the period and not after the application date.",
     "活動は修了日の年度に算入されます（認定期間内かつ申請年月日以前）。",
     "fiscal_year_starts, period_years",
     "Period ending 2027-03-31: an activity of 2025-06-15 is in year 2"
     " (B-2, C-2, D-2); one of 2024-03-31 is activity.outside_period.",
     "2027-03-31 までの認定期間: 2025-06-15 の活動は 2 "
     "年目（B-2・C-2・D-2）、2024-03-31"
     " の活動は activity.outside_period です。"},
    {"R5", "Points of one activity", "活動のポイント",
     "学習（受講）時間\n"
     "CPDポイント\n"
     "更新には３年間で「３０ CPDポイント」の取得が必要となり、別途定め"
     "る「CPDポイントの基本ルール」に基づきポイントを蓄積して",
     "Points are at most hours x points_per_hour; without points they are "
     "that, truncated to hundredths.",
     "CPD ポイントは時間 × points_per_hour が上限で、未記入のときはその値（小"
     "数第 2 位未満切り捨て）です。",
     "points_per_hour",
     "3 hours without points are worth 3 points; 3 hours claiming 5 points"
     " count 3 (activity.points_reduced); \"90分\" is 1.5 hours.",
     "ポイント未記入の 3 時間は 3 ポイント、5 ポイントと記入した 3 時"
     "間は 3 ポイント（activity.points_reduced）です。\"90分\" は 1.5 "
     "時間です。"},
    {"R6", "Sections and caps", "区分と上限",
     "コン検認定・主催講座・研修の受講\n"
     "合計（上限なし）\n"
     "コン検が認定していない研修コースの受講（1年目）\n"
     "個人学習（1年目）\n"
     "プロフェッショナル活動（1年目）\n"
     "合計（上限5ポイント）",
     "A has no cap; B, C and D count at most 5 points per year each, in "
     "order of completion date.",
     "A は上限なし、B・C・D は年目ごとに各 5 ポイントまで修了日順に算入され"
     "ます。",
     "sections[].cap, sections[].per_year",
     "B-1 holds 4 and then 3 points: the first (by date) counts 4, the"
     " second 1 (partially_counted), and section.capped says 2 points do"
     " not count.",
     "B-1 に 4 ポイントと 3 ポイント: 修了日の早い方が 4、もう一方が 1"
     "（partially_counted）算入され、section.capped が 2 ポイントは算"
     "入されないと示します。"},
    {"R7", "Duplicates", "重複",
     "受講講座・研修名\n"
     "研修修了日",
     "The later of two activities with the same category, date and title "
     "does not count.",
     "カテゴリ・修了日・名称が同じ活動は、後のものが算入されません。", "",
     "Two C activities \"CMBOK 学習\" completed on 2025-06-15: the one"
     " listed second is activity.duplicate and does not count.",
     "修了日 2025-06-15 の C の活動「CMBOK 学習」が 2 件: 後に記入した"
     "方は activity.duplicate で、算入されません。"},
    {"R8", "The total", "合計",
     "１． ３年間で、最低「３０ CPDポイント」を取得し報告すること。",
     "The points that count must reach the required 30.",
     "算入ポイントの合計が必要な 30 ポイントに達する必要があります。",
     "required_points",
     "29.99 points counted: points.shortfall (0.01 more needed), ineligible;"
     " 30 points are enough.",
     "算入ポイント 29.99: points.shortfall（あと 0.01 ポイント）で更新"
     "不可です。30 ポイントなら足ります。"},
    {"R9", "Fee", "認定審査手数料",
     "認定審査手数料振込日\n"
     "認定審査手数料振込名義\n"
     "更新審査手数料の支払とCPDポイントの報告は、３年毎に行う必要があ"
     "り、更新審査申請手続き期間中に完了すること。",
     "The fee's payment date and payer name are required; it must be paid "
     "within the window.",
     "振込日と振込名義が必要で、受付期間内に振り込む必要があります。",
     "window.opens_months_before_renewal, "
     "window.closes_months_before_renewal",
     "Window 2027-01-01 to 2027-03-31: a fee paid on 2027-04-02 is fee.late"
     " (fatal); one paid on 2026-12-20 is fee.paid_before_window (a warning).",
     "受付期間 2027-01-01〜2027-03-31: 2027-04-02 の振込は fee.late（"
     "更新不可）、2026-12-20 の振込は fee.paid_before_window（警告）で"
     "す。"},
    {"R10", "Ethics oath and CPD policy consent", "倫理綱領・CPD方針の宣誓",
     "倫理綱領・職業倫理規定および\n"
     "継続教育・学習方針の順守への宣誓書\n"
     "選択のうえ、資格の認定更新申請を行ってください。チェックボックス"
     "が未選択の場合は更新できません。",
     "The ethics oath and the CPD policy must be agreed to.",
     "倫理綱領・職業倫理規程および継続教育・学習方針の順守への宣誓が必要です。",
     "",
     "\"oath_agreed\": true is consent; the text \"true\", 1 or no oath_agreed"
     " at all is oath.not_agreed.",
     "\"oath_agreed\": true が同意です。文字列の \"true\"、1、または記"
     "入なしは oath.not_agreed です。"},
    {"R11", "Applicant details and text", "申請者情報と文字",
     "認定番号\n"
     "氏名（かな）\n"
     "ご自宅住所\n"
     "電話番号\n"
     "携帯電話番号\n"
     "Eメールアドレス",
     "The applicant's details are required and checked; every text is "
     "NFKC-normalised with spaces folded.",
     "申請者情報は必須で形式を確認します。文字はすべて NFKC で正規化します。",
     "",
     "\"name_kana\": \"山田 太郎\" is applicant.kana_invalid; \"〒１０"
     "０－０００５\" is a valid postal code (100-0005).",
     "\"name_kana\": \"山田 太郎\" は applicant.kana_invalid です。\""
     "〒１００－０００５\" は正しい郵便番号（100-0005）です。"},
    {"R12", "Evidence", "証明書類",
     "また、研修受講などを証明できる文書（受講証明書・研修参加票など）"
     "のコピーを添付してください。",
     "Activities in sections that need evidence (A and B) name at least one "
     "evidence file.",
     "証明書類が必要な区分（A・B）の活動には証明書類を 1 つ以上記載します。",
     "sections[].evidence_required",
     "An A or B activity with \"evidence\": [] is activity.evidence_missing"
     " (incomplete), but its points still count.",
     "\"evidence\": [] の A・B の活動は activity.evidence_missing（要"
     "修正）ですが、ポイントは算入されます。"},
    {"R13", "Dates", "日付",
     "申請年月日\n"
     "研修修了日",
     "Dates are read in ISO, slash, dot, 年月日 and Japanese era forms and "
     "written as ISO.",
     "日付は ISO・スラッシュ・ドット・年月日・和暦の形式で読み、ISO で出力"
     "します。",
     "",
     "\"令和6年4月1日\", \"R6.4.1\" and \"2024/4/1\" are 2024-04-01; \""
     "平成31年5月1日\" is invalid (Heisei ended on 2019-04-30).",
     "\"令和6年4月1日\"、\"R6.4.1\"、\"2024/4/1\" は 2024-04-01 です。\""
     "平成31年5月1日\" は正しくない日付です（平成は 2019-04-30 まで）。"},
    {"R14", "Input errors", "入力エラー", "正確にご記入ください",
     "A document that cannot be evaluated is refused with one error, not "
     "half-evaluated.",
     "審査できない文書は評価せず、エラーを 1 つ返します。", "",
     "An activity with \"hours\" twice is input.duplicate_key: no result,"
     " one error with its path.",
     "\"hours\" が 2 回ある活動は input.duplicate_key です。判定結果は"
     "なく、パス付きのエラーを 1 つ返します。"},
    {"R15", "Decision", "判定",
     "審査結果は資格有効期日までに、認定書の送付もしくはＥメールでの連"
     "絡にてご案内いたします。\n"
     "上記の認定維持基準を満たすことができない場合には、プロ資格認定が"
     "取り消される。",
     "ineligible with any fatal diagnostic, else incomplete with any "
     "fixable error, else eligible.",
     "致命的な問題があれば不可、修正できる誤りがあれば不備、なければ可です。",
     "",
     "window.closed with points.shortfall: ineligible; only "
     "activity.evidence_missing:"
     " incomplete; only warnings and infos: eligible.",
     "window.closed と points.shortfall "
     "があれば更新不可、activity.evidence_missing"
     " だけなら要修正、警告と情報だけなら更新可です。"},
    {"R16", "Paper-form extras", "用紙に関する事項",
     "件名：【更新申請】プロフェッショナル更新申請書添付_yymmdd\n"
     "■別紙２：ＣＭＢＯＫコンピテンシー\n"
     "３． 年次毎の監査対象者に選ばれた場合は、CPD活動に関する所定の書"
     "類を提出すること。",
     "Form rows and continuation sheets, the e-mail subject, CMBOK "
     "competency codes and the annual audit.",
     "記入欄と続紙、メール件名、CMBOK コンピテンシー、年次監査です。",
     "sections[].form_rows, competencies",
     "4 entries in B-1 (3 rows on the form): form.continuation_sheet; "
     "applied_on"
     " 2027-02-10 gives the subject 【更新申請】プロフェッショナル更新"
     "申請書添付_270210.",
     "B-1 に 4 件（用紙は 3 行）: form.continuation_sheet です。applied_on"
     " 2027-02-10 のメール件名は 【更新申請】プロフェッショナル更新申"
     "請書添付_270210 です。"},
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
