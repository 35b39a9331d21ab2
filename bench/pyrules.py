#!/usr/bin/env python3
"""pyrules.py - the renewal rules R1-R16 of docs/RULES.md in plain Python.

A straightforward implementation, written from docs/RULES.md and
docs/JSON.md with the standard library only (json, unicodedata, re,
decimal, datetime): what a competent Python programmer would write from
the rules, without micro-optimisation.  It serves two purposes:

- the benchmark baseline: scripts/bench times it against `cpd batch` on
  the same NDJSON (bench/results.md, "Python rules vs cpd batch");
- an independent oracle: tests/test_pyrules.py compares its answers with
  the C engine's, line by line, on generated applications.

    python3 bench/pyrules.py [FILE|-] [-o OUT]

reads NDJSON (one application per line, like `cpd batch`) and writes one
result document per line, or {"line": N, "error": {...}} for a line that
cannot be evaluated (RULES.md R14).  Only the default policy of JSON.md is
implemented.  Messages are the templates of JSON.md; the result never
echoes applicant text (JSON.md, "Privacy").

Exit status: 0 every line evaluated, 2 at least one input error, 3 usage,
4 a file could not be opened or written.
"""

import datetime
import json
import math
import os
import re
import sys
import tempfile
import unicodedata
from decimal import Decimal, InvalidOperation

# --------------------------------------------------------------- the policy
# The default policy of docs/JSON.md ("Policy document").
POLICY = {
    "name": "JCCEA CPD 2019-01",
    "effective_from": "2019-01-01",
    "fiscal_year_starts": (4, 1),
    "period_years": 3,
    "required_points": 3000,  # hundredths
    "points_per_hour": 100,  # hundredths
    "opens_months_before_renewal": 3,
    "closes_months_before_renewal": 0,
    "sections": [
        # category, per_year, cap (hundredths or None), form_rows, evidence
        {"category": "A", "per_year": False, "cap": None, "form_rows": 6,
         "evidence_required": True},
        {"category": "B", "per_year": True, "cap": 500, "form_rows": 3,
         "evidence_required": True},
        {"category": "C", "per_year": True, "cap": 500, "form_rows": 3,
         "evidence_required": False},
        {"category": "D", "per_year": True, "cap": 500, "form_rows": 3,
         "evidence_required": False},
    ],
    "qualifications": ["OMP", "CAP"],
    # 別紙２ (CMBOK competencies) as printed on the form
    "competencies": (
        ["ST-%d" % i for i in range(1, 6)]
        + ["IC-%d" % i for i in range(1, 7)]
        + ["CS-%d" % i for i in range(1, 11)]
        + ["AU-%d" % i for i in range(1, 5)]
        + ["CR-%d" % i for i in range(1, 6)]
        + ["PE-%d" % i for i in range(1, 16)]
        + ["OP-%d" % i for i in range(1, 12)]
        + ["PC-%d" % i for i in range(1, 6)]
        + ["HR-%d" % i for i in range(1, 3)]
        + ["PA-%d" % i for i in range(1, 4)]
    ),
}

# R14 limits (cpd_limits defaults)
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
MAX_ACTIVITIES = 10000
MAX_STRING_BYTES = 4096
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 63
MAX_AMOUNT = 999999  # 9999.99 in hundredths

EMAIL_SUBJECT_PREFIX = "【更新申請】プロフェッショナル更新申請書添付_"

# ------------------------------------------------------------ the catalogue
# code -> (severity, rule); the messages are below, by code and variant.
CODES = {
    "qualification.invalid": ("error", "R1"),
    "certification.expiry_not_fiscal_year_end": ("warning", "R2"),
    "window.not_yet_open": ("error", "R3"),
    "window.closed": ("fatal", "R3"),
    "activity.date_after_application": ("error", "R4"),
    "activity.outside_period": ("warning", "R4"),
    "activity.year_mismatch": ("warning", "R4"),
    "activity.invalid_number": ("error", "R5"),
    "activity.points_reduced": ("warning", "R5"),
    "activity.invalid_category": ("error", "R6"),
    "section.capped": ("info", "R6"),
    "activity.duplicate": ("warning", "R7"),
    "points.shortfall": ("fatal", "R8"),
    "fee.missing": ("error", "R9"),
    "fee.late": ("fatal", "R9"),
    "fee.paid_before_window": ("warning", "R9"),
    "oath.not_agreed": ("error", "R10"),
    "applicant.missing_field": ("error", "R11"),
    "applicant.kana_invalid": ("error", "R11"),
    "applicant.postal_code_invalid": ("error", "R11"),
    "applicant.phone_invalid": ("error", "R11"),
    "applicant.email_invalid": ("error", "R11"),
    "activity.evidence_missing": ("error", "R12"),
    "activity.invalid_date": ("error", "R13"),
    "fee.invalid_date": ("error", "R13"),
    "application.unknown_field": ("warning", "R14"),
    "form.continuation_sheet": ("info", "R16"),
    "activity.unknown_competency": ("warning", "R16"),
}

MESSAGES = {
    "window.closed": (
        "The application window closed on {closes_on}; the qualification "
        "can no longer be renewed.",
        "受付期間は {closes_on} に終了しました。資格の更新はできません。"),
    "points.shortfall": (
        "{counted} points count toward the {required} required; "
        "{shortfall} more are needed.",
        "算入ポイントは {counted} で、必要な {required} ポイントに "
        "{shortfall} ポイント不足しています。"),
    "fee.late": (
        "The fee was paid on {paid_on}, after the application window "
        "closed on {closes_on}.",
        "認定審査手数料の振込日 {paid_on} が受付期間の終了日 {closes_on} "
        "より後です。"),
    "qualification.invalid/missing": (
        "The qualification to renew is missing; give one of {list}.",
        "更新対象資格が未記入です（{list} のいずれか）。"),
    "qualification.invalid": (
        "The qualification to renew is not known; give one of {list}.",
        "更新対象資格が不明です（{list} のいずれか）。"),
    "window.not_yet_open": (
        "The application window is {opens_on} to {closes_on}; it is not "
        "open yet, so apply again inside it.",
        "受付期間は {opens_on}〜{closes_on} です。まだ受付期間前のため、"
        "受付期間内に再度申請してください。"),
    "applicant.missing_field": ("{field} is missing.", "{field_ja}が未記入です。"),
    "applicant.missing_field/text": (
        "{field} must be given as text.", "{field_ja}は文字列で記入してください。"),
    "applicant.missing_field/phone": (
        "A phone or mobile number is required.",
        "電話番号または携帯電話番号のいずれかを記入してください。"),
    "applicant.kana_invalid": (
        "{field} may hold only hiragana, katakana, ー, ・ and spaces.",
        "{field_ja}はひらがな・カタカナ（ー・を含む）で記入してください。"),
    "applicant.postal_code_invalid": (
        "The postal code must have 7 digits, written NNNNNNN or NNN-NNNN.",
        "郵便番号は 7 桁（NNN-NNNN）で記入してください。"),
    "applicant.phone_invalid": (
        "{field} must have 10 or 11 digits starting with 0.",
        "{field_ja}は 0 から始まる 10 桁または 11 桁の番号で記入してください。"),
    "applicant.phone_invalid/text": (
        "{field} must be given as text (a JSON number loses its leading 0).",
        "{field_ja}は文字列で記入してください。"),
    "applicant.email_invalid": (
        "The e-mail address is not a valid address (one @, a domain with a "
        "dot, no spaces).",
        "Eメールアドレスの形式が正しくありません（@ がひとつ、ドメインに"
        "ドットを含み、空白なし）。"),
    "fee.missing/paid_on": (
        "The fee payment date (振込日) is missing.",
        "認定審査手数料振込日が未記入です。"),
    "fee.missing/payer_name": (
        "The fee payer name (振込名義) is missing.",
        "認定審査手数料振込名義が未記入です。"),
    "fee.missing/payer_name_text": (
        "The fee payer name (振込名義) must be given as text.",
        "認定審査手数料振込名義は文字列で記入してください。"),
    "fee.invalid_date": (
        "The fee payment date is not a valid date.",
        "認定審査手数料振込日が正しい日付ではありません。"),
    "fee.invalid_date/weekday": (
        "The fee payment date is not a valid date: the weekday does not "
        "match the date.",
        "認定審査手数料振込日が正しい日付ではありません（曜日が日付と"
        "一致しません）。"),
    "oath.not_agreed": (
        "The ethics oath and the CPD policy must be agreed to (oath_agreed: "
        "true); without it the renewal cannot proceed.",
        "倫理綱領・職業倫理規程および継続教育・学習方針の順守への宣誓に"
        "同意してください。同意がない場合は更新できません。"),
    "activity.invalid_category/missing": (
        "Activity {k1} has no category; give A, B, C or D.",
        "活動 {k1}のカテゴリが未記入です（A・B・C・D のいずれか）。"),
    "activity.invalid_category": (
        "Activity {k1} has an unknown category; give A, B, C or D.",
        "活動 {k1}のカテゴリが不明です（A・B・C・D のいずれか）。"),
    "activity.invalid_date/missing": (
        "Activity {k1} has no completion date.",
        "活動 {k1}の修了日が未記入です。"),
    "activity.invalid_date": (
        "Activity {k1}: the completion date is not a valid date.",
        "活動 {k1}の修了日が正しい日付ではありません。"),
    "activity.invalid_date/weekday": (
        "Activity {k1}: the completion date is not a valid date: the "
        "weekday does not match the date.",
        "活動 {k1}の修了日が正しい日付ではありません（曜日が日付と一致"
        "しません）。"),
    "activity.invalid_number/hours_missing": (
        "Activity {k1}: the hours are missing.", "活動 {k1}の時間が未記入です。"),
    "activity.invalid_number/hours_nan": (
        "Activity {k1}: the hours must be a number, e.g. 2, 1.5, 2時間, "
        "1時間30分, 1時間半, 90分, 1.5h or 2H.",
        "活動 {k1}の時間は数値で記入してください（例: 2、1.5、2時間、"
        "1時間30分、1時間半、90分、1.5h、2H）。"),
    "activity.invalid_number/points_nan": (
        "Activity {k1}: the points must be a number, e.g. 6, 1.5, 6ポイント "
        "or 6pt.",
        "活動 {k1}のCPDポイントは数値で記入してください（例: 6、1.5、"
        "6ポイント、6pt）。"),
    "activity.invalid_number/hours_decimals": (
        "Activity {k1}: the hours may have at most 2 decimals.",
        "活動 {k1}の時間は小数第2位までで記入してください。"),
    "activity.invalid_number/points_decimals": (
        "Activity {k1}: the points may have at most 2 decimals.",
        "活動 {k1}のCPDポイントは小数第2位までで記入してください。"),
    "activity.invalid_number/hours_range": (
        "Activity {k1}: the hours must be more than 0 and at most 9999.99.",
        "活動 {k1}の時間は 0 より大きく 9999.99 以下で記入してください。"),
    "activity.invalid_number/points_range": (
        "Activity {k1}: the points must be from 0 to 9999.99.",
        "活動 {k1}のCPDポイントは 0 以上 9999.99 以下で記入してください。"),
    "activity.date_after_application": (
        "Activity {k1} was completed on {date}, after the application date.",
        "活動 {k1}の修了日 {date} が申請年月日より後です。"),
    "activity.evidence_missing": (
        "Activity {k1} in section {section} needs a certificate or "
        "attendance record (受講証明書・研修参加票); name at least one "
        "evidence file.",
        "活動 {k1}（{section}）には受講証明書・研修参加票などの証明書類を"
        "添付してください。"),
    "certification.expiry_not_fiscal_year_end": (
        "The expiry date is not the last day of a fiscal year; the period "
        "is still the {period_years} fiscal years ending with it.",
        "資格有効期日が年度末ではありません。認定期間はこの日を含む年度"
        "までの {period_years} 年度として扱います。"),
    "activity.outside_period": (
        "Activity {k1} was completed on {date}, outside the period "
        "{starts_on} to {expires_on}; it does not count.",
        "活動 {k1}の修了日 {date} は認定期間（{starts_on}〜{expires_on}）外"
        "のため算入されません。"),
    "activity.year_mismatch": (
        "Activity {k1} is declared for year {declared}, but its date falls "
        "in year {k}; year {k} is used.",
        "活動 {k1}は {declared} 年目と記入されていますが、修了日は {k} "
        "年目です。{k} 年目として扱います。"),
    "activity.year_mismatch/not_whole": (
        "Activity {k1}: the declared year is not a whole number from 1 to "
        "{period_years}; year {k} follows from its date.",
        "活動 {k1}の年目の記入が 1〜{period_years} の整数ではありません。"
        "修了日から {k} 年目として扱います。"),
    "activity.points_reduced": (
        "Activity {k1} claims {points} points, but {hours} hours are worth "
        "at most {worth} points; that is what counts.",
        "活動 {k1}の CPD ポイント {points} は時間 {hours} に対する上限を"
        "超えています。{worth} ポイントとして扱います。"),
    "activity.duplicate": (
        "Activity {k1} repeats activity {m1} (same category, date and "
        "title); it does not count again.",
        "活動 {k1}は活動 {m1}と重複しています（カテゴリ・修了日・名称が"
        "同一）。重複分は算入されません。"),
    "fee.paid_before_window": (
        "The fee was paid on {paid_on}, before the application window "
        "opened on {opens_on}.",
        "認定審査手数料の振込日 {paid_on} が受付期間の開始日 {opens_on} "
        "より前です。"),
    "activity.unknown_competency": (
        "Activity {k1} lists a competency code that is not in the CMBOK "
        "catalogue (別紙２).",
        "活動 {k1}のコンピテンシーコードが CMBOK（別紙２）にありません。"),
    "application.unknown_field": (
        "This field is not part of the application and is ignored.",
        "この項目は申請書の項目ではないため無視されます。"),
    "application.unknown_field/not_an_object": (
        "This field must be an object; it is ignored.",
        "この項目はオブジェクトである必要があります。無視されます。"),
    "application.unknown_field/not_an_array": (
        "activities must be an array; it is ignored.",
        "activities は配列である必要があります。無視されます。"),
    "section.capped": (
        "Section {section} is capped at {cap} points; {excess} points do "
        "not count.",
        "{section} は上限 {cap} ポイントです。{excess} ポイントは算入され"
        "ません。"),
    "form.continuation_sheet": (
        "Section {section} has {entries} entries but the form has "
        "{form_rows} rows; attach a continuation sheet.",
        "{section} の記入は {entries} 件で、用紙の記入欄（{form_rows} 行）を"
        "超えています。続紙を添付してください。"),
}

FIELD_NAMES = {
    "/certification/number": ("The certification number", "認定番号"),
    "/applicant/name": ("The name", "氏名"),
    "/applicant/name_kana": ("The name in kana", "氏名（かな）"),
    "/applicant/company_kana": ("The company name in kana", "所属先会社名（かな）"),
    "/applicant/postal_code": ("The postal code", "郵便番号"),
    "/applicant/address": ("The home address", "ご自宅住所"),
    "/applicant/phone": ("The phone number", "電話番号"),
    "/applicant/mobile": ("The mobile number", "携帯電話番号"),
    "/applicant/email": ("The e-mail address", "Eメールアドレス"),
}

INPUT_MESSAGES = {
    "input.syntax": ("The document is not valid JSON.",
                     "文書が JSON として正しくありません。"),
    "input.not_object": ("The document must be a JSON object.",
                         "文書は JSON オブジェクトである必要があります。"),
    "input.too_deep": ("The document nests deeper than 64 levels.",
                       "文書の入れ子が 64 段を超えています。"),
    "input.too_large": ("The document or one of its values is larger than "
                        "the limit.",
                        "文書または値がサイズの上限を超えています。"),
    "input.invalid_utf8": ("The document holds text that is not valid UTF-8.",
                           "文書に UTF-8 として正しくない文字列があります。"),
    "input.duplicate_key": ("A key appears twice in one object (keys are "
                            "case-sensitive).",
                            "同じオブジェクトに同じキーが 2 回あります（大文字と"
                            "小文字は区別されます）。"),
    "input.non_finite_number": ("A number is too large to be finite (for "
                                "example 1e999).",
                                "数値が大きすぎて有限の値になりません（例: 1e999）。"),
    "input.missing_field//applied_on": (
        "applied_on (the application date) is missing; it is needed to "
        "evaluate anything.",
        "申請年月日が未記入です。審査には必須です。"),
    "input.missing_field//certification/expires_on": (
        "certification.expires_on (the expiry date) is missing; it is needed "
        "to evaluate anything.",
        "資格有効期日が未記入です。審査には必須です。"),
    "input.invalid_date//applied_on": (
        "applied_on (the application date) is not a valid date.",
        "申請年月日が正しい日付ではありません。"),
    "input.invalid_date//certification/expires_on": (
        "certification.expires_on (the expiry date) is not a valid date.",
        "資格有効期日が正しい日付ではありません。"),
}

# The application's keys (JSON.md, "Application document"); None: a value.
SCHEMA = {
    "applied_on": None,
    "qualification": None,
    "certification": {"number": None, "expires_on": None},
    "applicant": {"name": None, "name_kana": None, "company": None,
                  "company_kana": None, "postal_code": None, "address": None,
                  "phone": None, "mobile": None, "email": None},
    "fee": {"paid_on": None, "payer_name": None},
    "oath_agreed": None,
    "activities": None,
}
ACTIVITY_KEYS = {"id", "category", "title", "completed_on", "hours", "points",
                 "year", "evidence", "competencies"}


class InputError(Exception):
    """An application that cannot be evaluated (RULES.md R14)."""

    def __init__(self, code, path="", offset=None):
        super().__init__(code)
        self.code = code
        self.path = path
        self.offset = offset


# ------------------------------------------------------------------ texts

def normalize(text):
    """NFKC, trimmed, runs of white space (U+3000 included) as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def text_value(value):
    """The normalised text of a value, or None when absent or blank."""
    if not isinstance(value, str):
        return None
    text = normalize(value)
    return text if text else None


# ------------------------------------------------------------------ dates
# RULES.md R13.

ERAS = {
    # name: (first day, last day or None, gregorian year of year 1)
    "令和": (datetime.date(2019, 5, 1), None, 2019),
    "平成": (datetime.date(1989, 1, 8), datetime.date(2019, 4, 30), 1989),
    "昭和": (datetime.date(1926, 12, 25), datetime.date(1989, 1, 7), 1926),
}
ERA_ABBREVIATIONS = {"R": "令和", "H": "平成", "S": "昭和",
                     "令": "令和", "平": "平成", "昭": "昭和",
                     "令和": "令和", "平成": "平成", "昭和": "昭和"}
KANJI_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                "六": 6, "七": 7, "八": 8, "九": 9}
WEEKDAYS = "月火水木金土日"  # Monday first, as date.weekday()
DASHES = "ー−‐‑–—―-"  # the separators input methods write, and '-'
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"

ISO_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
SEPARATED_RE = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
COMPACT_RE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
KANJI_YMD_RE = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")
ERA_KANJI_RE = re.compile(
    r"(令和|平成|昭和|令|平|昭|R|H|S)([0-9]{1,2}|元)年([0-9]{1,2})月([0-9]{1,2})日")
ERA_SEPARATED_RE = re.compile(
    r"(令和|平成|昭和|令|平|昭|R|H|S)([0-9]{1,2}|元)([-/.])([0-9]{1,2})\3"
    r"([0-9]{1,2})")
WEEKDAY_RE = re.compile(
    r"(.*?)(?:\(([月火水木金土日])(?:曜日?)?\)|([月火水木金土日])曜日)")


def kanji_number(run):
    """A run of kanji numerals as a number: 二〇二四 -> 2024, 二十七 -> 27."""
    if "十" in run:
        tens, _, ones = run.partition("十")
        if "十" in ones or len(tens) > 1 or len(ones) > 1:
            return None
        value = (KANJI_DIGITS[tens] if tens else 1) * 10
        return value + (KANJI_DIGITS[ones] if ones else 0)
    return int("".join(str(KANJI_DIGITS[c]) for c in run))


def replace_kanji_numbers(text):
    out = []
    run = ""
    for c in text + "\0":
        if c in KANJI_DIGITS or c == "十":
            run += c
            continue
        if run:
            number = kanji_number(run)
            if number is None:
                return None
            out.append(str(number))
            run = ""
        out.append(c)
    return "".join(out[:-1])


def make_date(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def era_date(era, year_text, month, day):
    name = ERA_ABBREVIATIONS[era]
    first, last, base = ERAS[name]
    year = 1 if year_text == "元" else int(year_text)
    if year < 1:
        return None
    d = make_date(base + year - 1, int(month), int(day))
    if d is None or d < first or (last is not None and d > last):
        return None
    return d


def parse_date(value):
    """A date of R13 -> (datetime.date or None, weekday_mismatch)."""
    if not isinstance(value, str):
        return None, False
    text = unicodedata.normalize("NFKC", value).strip(INVISIBLE + " \t\r\n")
    # spaces play no part (an input method may put them anywhere)
    text = "".join(text.split())
    # era letters in either case (r6.4.1)
    if text[:1] in ("r", "h", "s"):
        text = text[0].upper() + text[1:]
    weekday = None
    m = WEEKDAY_RE.fullmatch(text)
    if m:
        text = m.group(1)
        weekday = m.group(2) or m.group(3)
    if "年" in text:  # kanji numerals only in the 年月日 forms
        text = replace_kanji_numbers(text)
        if text is None:
            return None, False
    for dash in DASHES:
        text = text.replace(dash, "-")
    text = text.replace("。", ".")
    d = None
    m = ISO_RE.fullmatch(text) or SEPARATED_RE.fullmatch(text)
    if m:
        d = make_date(int(m.group(1)), int(m.group(m.lastindex - 1)),
                      int(m.group(m.lastindex)))
    elif COMPACT_RE.fullmatch(text):
        m = COMPACT_RE.fullmatch(text)
        d = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    elif KANJI_YMD_RE.fullmatch(text):
        m = KANJI_YMD_RE.fullmatch(text)
        d = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    elif ERA_KANJI_RE.fullmatch(text):
        m = ERA_KANJI_RE.fullmatch(text)
        d = era_date(m.group(1), m.group(2), m.group(3), m.group(4))
    elif ERA_SEPARATED_RE.fullmatch(text):
        m = ERA_SEPARATED_RE.fullmatch(text)
        d = era_date(m.group(1), m.group(2), m.group(4), m.group(5))
    if d is None:
        return None, False
    if weekday is not None and WEEKDAYS[d.weekday()] != weekday:
        return None, True
    return d, False


def add_months(d, months):
    """d moved by whole months, the day clamped to the end of the month."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if month == 12:
        last = 31
    else:
        last = (datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(d.day, last))


def fiscal_year(d):
    """The calendar year in which the fiscal year of day d starts."""
    start_month, start_day = POLICY["fiscal_year_starts"]
    if (d.month, d.day) >= (start_month, start_day):
        return d.year
    return d.year - 1


def fiscal_year_start(year):
    start_month, start_day = POLICY["fiscal_year_starts"]
    return datetime.date(year, start_month, start_day)


# ---------------------------------------------------------------- amounts
# RULES.md R5: exact hundredths.

NUMBER_RE = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
HOURS_UNIT_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?) ?(?:時間|h|H)")
HOURS_HALF_RE = re.compile(r"([0-9]+) ?時間半")
POINTS_UNIT_RE = re.compile(r"([+-]?[0-9]+(?:\.[0-9]+)?) ?(?:ポイント|[pP][tT][sS]?)")
HOURS_MINUTES_RE = re.compile(r"([0-9]+) ?時間 ?([0-9]+) ?分")
MINUTES_RE = re.compile(r"([0-9]+) ?分")


def to_hundredths(number):
    """A Decimal as integer hundredths -> (hundredths, None) or
    (None, "decimals")."""
    scaled = number * 100
    if scaled != scaled.to_integral_value():
        return None, "decimals"
    return int(scaled), None


def parse_amount(value, units):
    """Hours (units=True) or points -> (hundredths, problem).  problem is
    None, "missing", "nan", "decimals" or "range" (range checked by the
    caller)."""
    if value is None:
        return None, "missing"
    if isinstance(value, bool):
        return None, "nan"
    if isinstance(value, int):
        return value * 100, None
    if isinstance(value, Decimal):
        return to_hundredths(value)
    if not isinstance(value, str):
        return None, "nan"
    text = normalize(value)
    if text == "":
        return None, "missing" if units else "nan"
    if NUMBER_RE.fullmatch(text):
        return to_hundredths(Decimal(text))
    if units:
        m = HOURS_UNIT_RE.fullmatch(text)
        if m:
            return to_hundredths(Decimal(m.group(1)))
        m = HOURS_HALF_RE.fullmatch(text)
        if m:
            return int(m.group(1)) * 100 + 50, None
        m = HOURS_MINUTES_RE.fullmatch(text)
        if m:
            if int(m.group(2)) >= 60:
                return None, "nan"
            return int(m.group(1)) * 100 + int(m.group(2)) * 100 // 60, None
        m = MINUTES_RE.fullmatch(text)
        if m:
            return int(m.group(1)) * 100 // 60, None
    else:
        m = POINTS_UNIT_RE.fullmatch(text)
        if m:
            return to_hundredths(Decimal(m.group(1)))
    return None, "nan"


def points_text(hundredths):
    """Hundredths as the text of a JSON number: 600 -> 6, 250 -> 2.5."""
    sign = "-" if hundredths < 0 else ""
    whole, cents = divmod(abs(hundredths), 100)
    if cents == 0:
        return "%s%d" % (sign, whole)
    if cents % 10 == 0:
        return "%s%d.%d" % (sign, whole, cents // 10)
    return "%s%d.%02d" % (sign, whole, cents)


def points_number(hundredths):
    """Hundredths as a JSON number for json.dumps (exact to 2 decimals)."""
    if hundredths % 100 == 0:
        return hundredths // 100
    return hundredths / 100


# --------------------------------------------------------------- reading

def read_document(line):
    """One NDJSON line (bytes) -> the application (dict), or InputError."""
    if len(line) > MAX_DOCUMENT_BYTES:
        raise InputError("input.too_large", "", MAX_DOCUMENT_BYTES)
    bom = 0
    if line.startswith(b"\xef\xbb\xbf"):
        bom = 3
    try:
        text = line[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError("input.invalid_utf8", "", bom + e.start)

    def number(token, convert):
        if len(token) > MAX_NUMBER_CHARS:
            raise InputError("input.too_large")
        if convert is Decimal and float(token) in (float("inf"), float("-inf")):
            raise InputError("input.non_finite_number")
        return convert(token)

    def pairs(items):
        obj = {}
        for key, value in items:
            if key in obj:
                raise InputError("input.duplicate_key")
            obj[key] = value
        return obj

    def constant(name):
        raise ValueError(name)

    try:
        doc = json.loads(text, object_pairs_hook=pairs,
                         parse_float=lambda t: number(t, Decimal),
                         parse_int=lambda t: number(t, int),
                         parse_constant=constant)
    except json.JSONDecodeError as e:
        offset = bom + len(text[:e.pos].encode("utf-8"))
        raise InputError("input.syntax", "", offset)
    except ValueError:  # NaN, Infinity
        raise InputError("input.syntax")
    except RecursionError:
        raise InputError("input.too_deep")
    check_values(doc, [], 0)
    if not isinstance(doc, dict):
        raise InputError("input.not_object", "", bom)
    activities = doc.get("activities")
    if isinstance(activities, list) and len(activities) > MAX_ACTIVITIES:
        raise InputError("input.too_large", "/activities")
    return doc


def pointer(path, key):
    return path + "/" + str(key).replace("~", "~0").replace("/", "~1")


def text_problem(text):
    """The input error of one string of the document, or None."""
    if "\x00" in text:
        return "input.invalid_utf8"
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate escape
        return "input.invalid_utf8"
    if size > MAX_STRING_BYTES:
        return "input.too_large"
    return None


def check_values(value, keys, depth):
    """Depth, strings (NUL, lone surrogates, length) of the whole tree;
    keys: the keys and indices down to value (a JSON Pointer on error)."""
    def fail(code):
        path = ""
        for key in keys:
            path = pointer(path, key)
        raise InputError(code, path)

    if isinstance(value, (dict, list)):
        depth += 1
        if depth > MAX_DEPTH:
            fail("input.too_deep")
    if isinstance(value, dict):
        for key, item in value.items():
            keys.append(key)
            problem = text_problem(key)
            if problem:
                fail(problem)
            check_values(item, keys, depth)
            keys.pop()
    elif isinstance(value, list):
        for i, item in enumerate(value):
            keys.append(i)
            check_values(item, keys, depth)
            keys.pop()
    elif isinstance(value, str):
        problem = text_problem(value)
        if problem:
            fail(problem)


# ------------------------------------------------------------- evaluation

class Result:
    def __init__(self):
        self.diagnostics = []

    def add(self, code, path, variant=None, **args):
        severity, rule = CODES[code]
        key = code + "/" + variant if variant else code
        en, ja = MESSAGES[key]
        # activities are counted from 1 in messages (JSON Pointers from 0)
        if "n" in args:
            args["k1"] = args["n"] + 1
        if "m" in args:
            args["m1"] = args["m"] + 1
        self.diagnostics.append({
            "code": code, "severity": severity, "rule": rule, "path": path,
            "message": en.format(**args), "message_ja": ja.format(**args),
        })


def number_text(value):
    """A numeric id as JSON.md says it is echoed: the number as a double,
    an integer below 10^15 in full, else the shortest of 15, 16 or 17
    significant digits that reads back as the same double."""
    try:
        x = float(value)
    except OverflowError:
        return None
    if x == 0:
        return "-0" if math.copysign(1.0, x) < 0 else "0"
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    if math.isinf(x):
        return None
    for prec in (15, 16, 17):
        text = "%.*g" % (prec, x)
        if float(text) == x:
            return text
    return text


def obj(value):
    """A container of the wrong type is read as if it were absent."""
    return value if isinstance(value, dict) else {}


def unknown_fields(doc, result):
    for key, value in doc.items():
        if key not in SCHEMA:
            result.add("application.unknown_field", pointer("", key))
        elif key in ("applicant", "fee") and not isinstance(
                value, (dict, type(None))):
            # a container of the wrong type: ignored, with a warning
            result.add("application.unknown_field", pointer("", key),
                       variant="not_an_object")
        elif key == "activities" and not isinstance(value, (list, type(None))):
            result.add("application.unknown_field", pointer("", key),
                       variant="not_an_array")
        elif isinstance(SCHEMA[key], dict) and isinstance(value, dict):
            for sub in value:
                if sub not in SCHEMA[key]:
                    result.add("application.unknown_field",
                               pointer(pointer("", key), sub))
    activities = doc.get("activities")
    if isinstance(activities, list):
        for i, activity in enumerate(activities):
            if isinstance(activity, dict):
                for key in activity:
                    if key not in ACTIVITY_KEYS:
                        result.add("application.unknown_field",
                                   pointer("/activities/%d" % i, key))


def required_date(doc_part, key, path):
    value = doc_part.get(key)
    if value is None or (isinstance(value, str) and normalize(value) == ""):
        raise InputError("input.missing_field", path)
    d, _ = parse_date(value)
    if d is None:
        raise InputError("input.invalid_date", path)
    return d


def is_kana(text):
    for c in text:
        if c == " " or c == "ー" or c == "・":
            continue
        if "\u3041" <= c <= "\u3096" or c in "ゝゞゟ":
            continue
        if "\u30a1" <= c <= "\u30fa" or c in "ヽヾヿ":
            continue
        return False
    return True


def valid_postal_code(text):
    if text.startswith("〒"):
        text = text[1:].strip()
    for dash in DASHES:
        text = text.replace(dash, "-")
    return re.fullmatch(r"[0-9]{7}|[0-9]{3}-[0-9]{4}", text) is not None


def valid_phone(text):
    for c in " ()" + DASHES:
        text = text.replace(c, "")
    return re.fullmatch(r"0[0-9]{9,10}", text) is not None


def valid_email(text):
    if " " in text or text.count("@") != 1:
        return False
    local, domain = text.split("@")
    # a domain with a dot: labels around it, none empty
    return local != "" and "." in domain and "" not in domain.split(".")


def check_applicant(doc, result):
    def missing(path, value):
        en, ja = FIELD_NAMES[path]
        if value is not None and not isinstance(value, str):
            result.add("applicant.missing_field", path, "text",
                       field=en, field_ja=ja)
        else:
            result.add("applicant.missing_field", path, field=en, field_ja=ja)

    def field(container, key, path):
        value = container.get(key)
        text = text_value(value)
        if text is None:
            missing(path, value)
        return text

    certification = obj(doc.get("certification"))
    applicant = obj(doc.get("applicant"))
    field(certification, "number", "/certification/number")
    field(applicant, "name", "/applicant/name")
    def kana(key, text):
        path = "/applicant/" + key
        if text is not None and not is_kana(text):
            en, ja = FIELD_NAMES[path]
            result.add("applicant.kana_invalid", path, field=en, field_ja=ja)

    kana("name_kana", field(applicant, "name_kana", "/applicant/name_kana"))
    company = applicant.get("company")
    if text_value(company) is not None or (company is not None
                                           and not isinstance(company, str)):
        kana("company_kana", field(applicant, "company_kana",
                                   "/applicant/company_kana"))
    else:  # optional without a company, but checked when given
        kana("company_kana", text_value(applicant.get("company_kana")))
    postal = field(applicant, "postal_code", "/applicant/postal_code")
    if postal is not None and not valid_postal_code(postal):
        result.add("applicant.postal_code_invalid", "/applicant/postal_code")
    field(applicant, "address", "/applicant/address")
    email = field(applicant, "email", "/applicant/email")
    if email is not None and not valid_email(email):
        result.add("applicant.email_invalid", "/applicant/email")
    numbers = 0
    for key in ("phone", "mobile"):
        path = "/applicant/" + key
        value = applicant.get(key)
        if isinstance(value, str) and normalize(value) != "":
            numbers += 1
            if not valid_phone(normalize(value)):
                en, ja = FIELD_NAMES[path]
                result.add("applicant.phone_invalid", path, field=en,
                           field_ja=ja)
        elif value is not None and not isinstance(value, str):
            # a JSON number has lost its leading 0: refused, not a number
            en, ja = FIELD_NAMES[path]
            result.add("applicant.phone_invalid", path, "text", field=en,
                       field_ja=ja)
    if numbers == 0:
        result.add("applicant.missing_field", "/applicant/phone", "phone")


def evaluate(doc):
    """One application (a dict) -> the result document (a dict)."""
    pol = POLICY
    years = pol["period_years"]
    result = Result()

    # R14: the two dates everything depends on
    applied = required_date(doc, "applied_on", "/applied_on")
    certification = obj(doc.get("certification"))
    expires = required_date(certification, "expires_on",
                            "/certification/expires_on")
    try:
        # R2: the period and the renewal; R3: the window
        fy_exp = fiscal_year(expires)
        period_start = fiscal_year_start(fy_exp - years + 1)
        year_ranges = []
        for k in range(1, years + 1):
            start = fiscal_year_start(fy_exp - years + k)
            end = fiscal_year_start(fy_exp - years + k + 1) - datetime.timedelta(days=1)
            year_ranges.append((k, start, end))
        renewal_day = expires + datetime.timedelta(days=1)
        renewal_end = (fiscal_year_start(fiscal_year(renewal_day) + years)
                       - datetime.timedelta(days=1))
        opens = add_months(renewal_day, -pol["opens_months_before_renewal"])
        closes = (add_months(renewal_day, -pol["closes_months_before_renewal"])
                  - datetime.timedelta(days=1))
    except (ValueError, OverflowError):
        raise InputError("input.invalid_date", "/certification/expires_on")

    unknown_fields(doc, result)

    if renewal_day != fiscal_year_start(fiscal_year(renewal_day)):
        result.add("certification.expiry_not_fiscal_year_end",
                   "/certification/expires_on", period_years=years)
    if applied < opens:
        window_status = "not_yet_open"
        result.add("window.not_yet_open", "/applied_on",
                   opens_on=opens.isoformat(), closes_on=closes.isoformat())
    elif applied > closes:
        window_status = "closed"
        result.add("window.closed", "/applied_on", closes_on=closes.isoformat())
    else:
        window_status = "open"

    # R1
    qualification_value = doc.get("qualification")
    qualification = text_value(qualification_value)
    qualification_list = ", ".join(pol["qualifications"])
    if qualification_value is None or (qualification is None and isinstance(
            qualification_value, str)):
        result.add("qualification.invalid", "/qualification", "missing",
                   list=qualification_list)
    elif qualification is None or qualification not in pol["qualifications"]:
        result.add("qualification.invalid", "/qualification",
                   list=qualification_list)
        qualification = None

    # R11
    check_applicant(doc, result)

    # R9
    fee = obj(doc.get("fee"))
    paid_on_value = fee.get("paid_on")
    if paid_on_value is None or (isinstance(paid_on_value, str)
                                 and normalize(paid_on_value) == ""):
        result.add("fee.missing", "/fee/paid_on", "paid_on")
    else:
        paid_on, weekday = parse_date(paid_on_value)
        if paid_on is None:
            result.add("fee.invalid_date", "/fee/paid_on",
                       "weekday" if weekday else None)
        elif paid_on > closes:
            result.add("fee.late", "/fee/paid_on", paid_on=paid_on.isoformat(),
                       closes_on=closes.isoformat())
        elif paid_on < opens:
            result.add("fee.paid_before_window", "/fee/paid_on",
                       paid_on=paid_on.isoformat(), opens_on=opens.isoformat())
    payer = fee.get("payer_name")
    if text_value(payer) is None:
        if payer is not None and not isinstance(payer, str):
            result.add("fee.missing", "/fee/payer_name", "payer_name_text")
        else:
            result.add("fee.missing", "/fee/payer_name", "payer_name")

    # R10
    if doc.get("oath_agreed") is not True:
        result.add("oath.not_agreed", "/oath_agreed")

    # R4, R5, R6, R13: each activity on its own
    sections = {s["category"]: s for s in pol["sections"]}
    activities = doc.get("activities")
    if not isinstance(activities, list):
        activities = []
    items = []
    for n, raw in enumerate(activities):
        a = obj(raw)
        path = "/activities/%d" % n
        item = {"index": n, "category": None, "date": None, "section": None,
                "year": None, "claimed": 0, "counted": 0, "rejected": False,
                "title": "", "raw": a}
        items.append(item)

        category_value = a.get("category")
        category = text_value(category_value)
        if category_value is None or (isinstance(category_value, str)
                                      and category is None):
            result.add("activity.invalid_category", path + "/category",
                       "missing", n=n)
            item["rejected"] = True
        elif category not in sections:
            result.add("activity.invalid_category", path + "/category", n=n)
            item["rejected"] = True
        else:
            item["category"] = category

        date_value = a.get("completed_on")
        if date_value is None or (isinstance(date_value, str)
                                  and normalize(date_value) == ""):
            result.add("activity.invalid_date", path + "/completed_on",
                       "missing", n=n)
            item["rejected"] = True
        else:
            d, weekday = parse_date(date_value)
            if d is None:
                result.add("activity.invalid_date", path + "/completed_on",
                           "weekday" if weekday else None, n=n)
                item["rejected"] = True
            else:
                item["date"] = d

        hours, problem = parse_amount(a.get("hours"), True)
        if problem is None and not 0 < hours <= MAX_AMOUNT:
            problem = "range"
        if problem is not None:
            result.add("activity.invalid_number", path + "/hours",
                       "hours_" + ("nan" if problem == "nan" else problem), n=n)
            item["rejected"] = True
            hours = None

        points = None
        points_value = a.get("points")
        if isinstance(points_value, str) and normalize(points_value) == "":
            points_value = None  # blank text is absent
        if points_value is not None:
            points, problem = parse_amount(points_value, False)
            if problem is None and not 0 <= points <= MAX_AMOUNT:
                problem = "range"
            if problem is not None:
                result.add("activity.invalid_number", path + "/points",
                           "points_" + problem, n=n)
                item["rejected"] = True
                points = None

        if hours is not None:
            worth = hours * pol["points_per_hour"] // 100
            if points is not None and points > worth:
                result.add("activity.points_reduced", path + "/points", n=n,
                           points=points_text(points), hours=points_text(hours),
                           worth=points_text(worth))
            elif points is not None:
                worth = points
            if points is not None or points_value is None:
                item["claimed"] = worth

        # R4: placing
        d = item["date"]
        k = None
        if d is not None:
            if d > applied:
                result.add("activity.date_after_application",
                           path + "/completed_on", n=n, date=d.isoformat())
                item["rejected"] = True
            elif d < period_start or d > expires:
                result.add("activity.outside_period", path + "/completed_on",
                           n=n, date=d.isoformat(),
                           starts_on=period_start.isoformat(),
                           expires_on=expires.isoformat())
                item["rejected"] = True
            else:
                k = fiscal_year(d) - fy_exp + years
        if k is not None and item["category"] is not None:
            item["year"] = k
            if sections[item["category"]]["per_year"]:
                item["section"] = "%s-%d" % (item["category"], k)
            else:
                item["section"] = item["category"]
        declared = a.get("year")
        if k is not None and declared is not None:
            whole = None
            if isinstance(declared, str):  # numeric text, as for hours
                number, problem = parse_amount(declared, False)
                if problem is None and number % 100 == 0:
                    whole = number // 100
            elif isinstance(declared, int) and not isinstance(declared, bool):
                whole = declared
            elif isinstance(declared, Decimal) and declared == declared.to_integral_value():
                whole = int(declared)
            if whole is None or not 1 <= whole <= years:
                result.add("activity.year_mismatch", path + "/year",
                           "not_whole", n=n, k=k, period_years=years)
            elif whole != k:
                result.add("activity.year_mismatch", path + "/year", n=n,
                           declared=whole, k=k)
        title = a.get("title")
        item["title"] = normalize(title) if isinstance(title, str) else ""

    # R7: duplicates among the activities not rejected
    seen = {}
    for item in items:
        if item["rejected"]:
            continue
        key = (item["category"], item["date"], item["title"])
        if key in seen:
            result.add("activity.duplicate", "/activities/%d" % item["index"],
                       n=item["index"], m=seen[key])
            item["rejected"] = True
        else:
            seen[key] = item["index"]

    # R12 evidence and R16 competencies
    catalogue = set(pol["competencies"])
    for item in items:
        a = item["raw"]
        n = item["index"]
        path = "/activities/%d" % n
        if not item["rejected"] and sections[item["category"]]["evidence_required"]:
            evidence = a.get("evidence")
            if isinstance(evidence, str):
                evidence = [evidence]
            if not isinstance(evidence, list) or not any(
                    text_value(e) is not None for e in evidence):
                result.add("activity.evidence_missing", path + "/evidence",
                           n=n, section=item["section"])
        competencies = a.get("competencies")
        if isinstance(competencies, list):
            for j, code in enumerate(competencies):
                if text_value(code) not in catalogue:
                    result.add("activity.unknown_competency",
                               "%s/competencies/%d" % (path, j), n=n)
        elif competencies is not None:  # a single value instead of a list
            if text_value(competencies) not in catalogue:
                result.add("activity.unknown_competency",
                           path + "/competencies", n=n)

    # R6: sections and caps, in completion-date order
    section_names = []
    for s in pol["sections"]:
        if s["per_year"]:
            for k in range(1, years + 1):
                section_names.append(("%s-%d" % (s["category"], k), s))
        else:
            section_names.append((s["category"], s))
    section_docs = []
    total = 0
    capped_diagnostics = []
    continuation = []
    for name, s in section_names:
        members = [i for i in items if i["section"] == name]
        counting = sorted((i for i in members if not i["rejected"]),
                          key=lambda i: (i["date"], i["index"]))
        cap = s["cap"]
        used = 0
        claimed = 0
        first_cut = None
        for item in counting:
            worth = item["claimed"]
            claimed += worth
            if cap is None:
                counted = worth
            else:
                counted = min(worth, cap - used)
            used += counted
            item["counted"] = counted
            if counted == worth:
                item["status"] = "counted"
            elif counted == 0:
                item["status"] = "capped"
            else:
                item["status"] = "partially_counted"
            if counted < worth and first_cut is None:
                first_cut = item
        if first_cut is not None:
            capped_diagnostics.append(("/activities/%d" % first_cut["index"],
                                       name, cap, claimed - cap))
        entries = len(counting)
        if entries > s["form_rows"]:
            continuation.append((name, entries, s["form_rows"]))
        total += used
        section_docs.append({
            "section": name, "claimed": points_number(claimed),
            "counted": points_number(used),
            "cap": None if cap is None else points_number(cap),
            "entries": entries})
    for path, name, cap, excess in capped_diagnostics:
        result.add("section.capped", path, section=name, cap=points_text(cap),
                   excess=points_text(excess))
    for name, entries, rows in continuation:
        result.add("form.continuation_sheet", "/activities", section=name,
                   entries=entries, form_rows=rows)

    # R8
    required = pol["required_points"]
    shortfall = max(0, required - total)
    if shortfall > 0:
        result.add("points.shortfall", "/activities",
                   counted=points_text(total), required=points_text(required),
                   shortfall=points_text(shortfall))

    # R15
    severities = {d["severity"] for d in result.diagnostics}
    if "fatal" in severities:
        decision = "ineligible"
    elif "error" in severities:
        decision = "incomplete"
    else:
        decision = "eligible"

    activity_docs = []
    for item in items:
        raw_id = item["raw"].get("id")
        if isinstance(raw_id, str):
            out_id = normalize(raw_id)
        elif isinstance(raw_id, bool):
            out_id = None
        elif isinstance(raw_id, (int, Decimal)):
            out_id = number_text(raw_id)
        else:
            out_id = None
        if item["rejected"]:
            status = "rejected"
            counted = 0
        else:
            status = item["status"]
            counted = item["counted"]
        activity_docs.append({
            "index": item["index"], "id": out_id, "section": item["section"],
            "year": item["year"], "claimed": points_number(item["claimed"]),
            "counted": points_number(counted), "status": status})

    out = {
        "decision": decision,
        "applied_on": applied.isoformat(),
        "qualification": qualification,
        "period": {
            "starts_on": period_start.isoformat(),
            "expires_on": expires.isoformat(),
            "years": [{"year": k, "starts_on": s.isoformat(),
                       "ends_on": e.isoformat()} for k, s, e in year_ranges],
        },
        "window": {"opens_on": opens.isoformat(), "closes_on": closes.isoformat(),
                   "status": window_status},
        "points": {"required": points_number(required),
                   "counted": points_number(total),
                   "shortfall": points_number(shortfall),
                   "sections": section_docs},
        "activities": activity_docs,
        "diagnostics": result.diagnostics,
    }
    if decision == "eligible":
        out["renewal"] = {"starts_on": renewal_day.isoformat(),
                          "expires_on": renewal_end.isoformat()}
    out["email_subject"] = EMAIL_SUBJECT_PREFIX + applied.strftime("%y%m%d")
    out["policy"] = {"name": pol["name"], "effective_from": pol["effective_from"]}
    return out


def error_document(error):
    key = error.code
    if error.code in ("input.missing_field", "input.invalid_date"):
        key = error.code + "/" + error.path
    en, ja = INPUT_MESSAGES[key]
    return {"code": error.code, "path": error.path, "offset": error.offset,
            "message": en, "message_ja": ja}


def check_line(line):
    """One NDJSON line (bytes) -> (document without "line", is_error)."""
    try:
        return evaluate(read_document(line)), False
    except InputError as e:
        return {"error": error_document(e)}, True


# ------------------------------------------------------------------ batch

def batch(source, sink):
    """NDJSON from source (binary) to sink (text): -> (counts, errors)."""
    counts = {"eligible": 0, "incomplete": 0, "ineligible": 0}
    errors = 0
    for number, line in enumerate(source, 1):
        line = line.rstrip(b"\n")
        if line.endswith(b"\r"):
            line = line[:-1]
        if line.strip(b" \t\r") == b"":
            continue
        doc, is_error = check_line(line)
        if is_error:
            errors += 1
        else:
            counts[doc["decision"]] += 1
        out = {"line": number}
        out.update(doc)
        sink.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")))
        sink.write("\n")
    return counts, errors


def main(argv):
    usage = "usage: pyrules.py [FILE|-] [-o OUT]\n"
    source_name = "-"
    out_name = None
    args = list(argv)
    while args:
        a = args.pop(0)
        if a in ("-h", "--help"):
            sys.stdout.write(usage)
            return 0
        if a == "-o":
            if not args:
                sys.stderr.write(usage)
                return 3
            out_name = args.pop(0)
        elif a.startswith("-") and a != "-":
            sys.stderr.write("pyrules: unknown option %s\n%s" % (a, usage))
            return 3
        else:
            source_name = a
    try:
        source = sys.stdin.buffer if source_name == "-" else open(source_name, "rb")
    except OSError as e:
        sys.stderr.write("pyrules: cannot open %s: %s\n" % (source_name, e.strerror))
        return 4
    tmp = None
    try:
        if out_name is None:
            sink = sys.stdout
            counts, errors = batch(source, sink)
            sink.flush()
        else:
            # the output is written to a temporary file, then renamed
            directory = os.path.dirname(os.path.abspath(out_name))
            fd, tmp = tempfile.mkstemp(prefix=".pyrules-", dir=directory)
            with os.fdopen(fd, "w", encoding="utf-8") as sink:
                counts, errors = batch(source, sink)
            os.replace(tmp, out_name)
            tmp = None
    except OSError as e:
        sys.stderr.write("pyrules: cannot write the output: %s\n" % e.strerror)
        return 4
    finally:
        if tmp is not None:
            os.unlink(tmp)
        if source is not sys.stdin.buffer:
            source.close()
    total = sum(counts.values()) + errors
    sys.stderr.write(
        "pyrules: %d applications: %d eligible, %d incomplete, %d ineligible, "
        "%d input errors\n" % (total, counts["eligible"], counts["incomplete"],
                               counts["ineligible"], errors))
    return 2 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
