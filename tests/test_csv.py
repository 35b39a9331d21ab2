#!/usr/bin/env python3
"""Spreadsheets in and out: `cpd import-csv` (UTF-8 with or without BOM,
CP932 as Japanese Excel writes it; headers as on the form or in English)
and `cpd check --format csv` (UTF-8 with BOM, CRLF).  The round trip
CSV -> application -> result CSV is checked against the library's own
result for the same application written as JSON.

    python3 tests/test_csv.py PATH/TO/cpd
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

CPD = None
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "report")

APPLICANT = {
    "applied_on": "2027-02-10",
    "qualification": "OMP",
    "certification": {"number": "OMP-000777", "expires_on": "2027-03-31"},
    "applicant": {
        "name": "山田 太郎", "name_kana": "やまだ たろう",
        "company": "株式会社サンプル", "company_kana": "かぶしきがいしゃさんぷる",
        "postal_code": "100-0005", "address": "東京都千代田区丸の内1-1-1",
        "phone": "03-1234-5678", "email": "taro@example.jp",
    },
    "fee": {"paid_on": "2027-02-01", "payer_name": "ヤマダ タロウ"},
    "oath_agreed": True,
}

# The activities of the round trip, as a spreadsheet would hold them, and
# what the application document must say for each.
HEADER_JA = ["受講講座・研修名", "研修修了日", "学習（受講）時間", "CPDポイント",
             "カテゴリ", "id", "evidence", "competencies"]
ROWS = [
    ["コン検認定 OMP 対策講座", "2024/6/15", "6", "6", "A", "a1",
     "受講証明書_20240615.pdf", "OP-1; OP-2"],
    ["外部研修「応対品質」, 基礎編", "令和6年11月10日", "３", "", "B", "b1",
     "b1.pdf;b1-2.pdf", ""],
    ["外部研修 \"CX\" 入門", "2024-12-01", "4", "4", "B", "b2", "b2.pdf",
     "CS-5"],
    ["CMBOK 自習\n（複数行のセル）", "R7.6.1", "5時間", "", "C-2", "c1", "",
     ""],
    ["統計基礎の自習", "2025-08-01", "1.5", "1.50", "C", "c2", "", "PE-15"],
    ["社内勉強会講師", "2026-10-01", "3", "", "D", "d1", "", ""],
    ["社外講演（前の期間）", "2023-12-01", "2", "", "D", "d2", "", ""],
]
EXPECTED_ACTIVITIES = [
    {"id": "a1", "category": "A", "title": "コン検認定 OMP 対策講座",
     "completed_on": "2024-06-15", "hours": 6, "points": 6,
     "evidence": ["受講証明書_20240615.pdf"], "competencies": ["OP-1", "OP-2"]},
    {"id": "b1", "category": "B", "title": "外部研修「応対品質」, 基礎編",
     "completed_on": "2024-11-10", "hours": 3,
     "evidence": ["b1.pdf", "b1-2.pdf"]},
    {"id": "b2", "category": "B", "title": "外部研修 \"CX\" 入門",
     "completed_on": "2024-12-01", "hours": 4, "points": 4,
     "evidence": ["b2.pdf"], "competencies": ["CS-5"]},
    # hours and points are carried as the library reads them: a plain
    # number as a JSON number, a unit as text (the same in JSON, R5)
    {"id": "c1", "category": "C", "title": "CMBOK 自習\n（複数行のセル）",
     "completed_on": "2025-06-01", "hours": "5時間", "year": 2},
    {"id": "c2", "category": "C", "title": "統計基礎の自習",
     "completed_on": "2025-08-01", "hours": 1.5, "points": 1.5,
     "competencies": ["PE-15"]},
    {"id": "d1", "category": "D", "title": "社内勉強会講師",
     "completed_on": "2026-10-01", "hours": 3},
    {"id": "d2", "category": "D", "title": "社外講演（前の期間）",
     "completed_on": "2023-12-01", "hours": 2},
]


def run(*args, stdin=None):
    e = dict(os.environ)
    for k in ("LC_ALL", "LC_MESSAGES"):
        e.pop(k, None)
    e["LANG"] = "C"
    p = subprocess.run([CPD, *args], input=stdin, capture_output=True,
                       timeout=60, env=e)
    return p.returncode, p.stdout, p.stderr.decode("utf-8")


def csv_bytes(rows, encoding, bom=False, newline="\r\n"):
    s = io.StringIO()
    w = csv.writer(s, lineterminator=newline)
    for r in rows:
        w.writerow(r)
    data = s.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def read_result_csv(data):
    """The rows of `check --format csv`, after checking the Excel form."""
    assert data.startswith(b"\xef\xbb\xbf"), data[:10]
    text = data[3:].decode("utf-8")
    # every record ends in CRLF (a bare LF may only sit inside a quoted cell)
    assert text.endswith("\r\n")
    return list(csv.reader(io.StringIO(text, newline="")))


class Fixture(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.applicant = self.write("applicant.json",
                                    json.dumps(APPLICANT).encode("utf-8"))

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def import_csv(self, data, *extra):
        path = self.write("acts.csv", data)
        return run("import-csv", path, "--applicant", self.applicant, *extra)


class CheckCsv(unittest.TestCase):
    def test_excel_form_and_columns(self):
        rc, out, err = run("check", os.path.join(DATA, "capped.json"),
                           "--format", "csv")
        self.assertEqual(rc, 1, err)
        rows = read_result_csv(out)
        self.assertEqual(rows[0], ["activity", "id", "section", "row", "year",
                                   "claimed", "counted", "status",
                                   "diagnostics"])
        rc, js, _ = run("check", os.path.join(DATA, "capped.json"))
        result = json.loads(js)
        self.assertEqual(len(rows) - 1, len(result["activities"]))
        form_rows = {}
        for row, act in zip(rows[1:], result["activities"]):
            # activities counted from 1, as on paper; JSON's index from 0
            self.assertEqual(int(row[0]), act["index"] + 1)
            self.assertEqual(row[1], act.get("id") or "")
            self.assertEqual(row[2], act["section"] or "")
            # the row of its section on the form, in input order
            if act["section"]:
                form_rows[act["section"]] = form_rows.get(act["section"], 0) + 1
                self.assertEqual(row[3], str(form_rows[act["section"]]))
            else:
                self.assertEqual(row[3], "")
            self.assertEqual(row[4], str(act["year"]) if act["year"] else "")
            self.assertEqual(float(row[5]), act["claimed"])
            self.assertEqual(float(row[6]), act["counted"])
            self.assertEqual(row[7], act["status"])
            # the activity's diagnostics, and only those
            mine = [d["code"] for d in result["diagnostics"]
                    if d["path"] == "/activities/%d" % act["index"] or
                    d["path"].startswith("/activities/%d/" % act["index"])]
            for code in mine:
                self.assertIn(code, row[8])
            if not mine:
                self.assertEqual(row[8], "")
        # B-1's second entry is the third activity of the application
        self.assertEqual(rows[4][:4], ["4", "b2", "B-1", "2"])

    def test_diagnostics_in_the_chosen_language(self):
        _, out, _ = run("check", os.path.join(DATA, "capped.json"),
                        "--format", "csv", "--lang", "ja")
        rows = read_result_csv(out)
        self.assertIn("証明書類", rows[11][8])
        self.assertIn("activity.evidence_missing (error)", rows[11][8])

    def test_input_error_goes_to_stderr_only(self):
        bad = os.path.join(HERE, "golden", "input-error-duplicate-key.json")
        rc, out, err = run("check", bad, "--format", "csv")
        self.assertEqual(rc, 2)
        self.assertEqual(out, b"")
        self.assertIn("input.duplicate_key", err)

    def test_formula_like_ids_are_defused(self):
        with open(os.path.join(DATA, "eligible.json"), encoding="utf-8") as f:
            doc = json.load(f)
        doc["activities"][0]["id"] = "=HYPERLINK(\"http://x\",\"y\")"
        rc, out, _ = run("check", "-", "--format", "csv",
                         stdin=json.dumps(doc).encode("utf-8"))
        rows = read_result_csv(out)
        self.assertTrue(rows[1][1].startswith("'="), rows[1][1])

    # "-" followed by a digit was let through
    FORMULAS = ["-1+1", "-2+3+cmd|' /C calc'!A0", "+1", "@SUM(A1)", "=1",
                "\t=1", "\r=1", "-5", "  =1", "＝1+1", "－1+1", "＋1",
                "＠SUM(A1)"]

    def check_ids(self, ids, *extra):
        with open(os.path.join(DATA, "eligible.json"), encoding="utf-8") as f:
            doc = json.load(f)
        acts = doc["activities"]
        for i, x in enumerate(ids):
            acts[i % len(acts)] = dict(acts[i % len(acts)], id=x)
        rc, out, err = run("check", "-", "--format", "csv", *extra,
                           stdin=json.dumps(doc).encode("utf-8"))
        self.assertIn(rc, (0, 1), err)
        return read_result_csv(out), json.loads(
            run("check", "-", stdin=json.dumps(doc).encode("utf-8"))[1])

    def test_every_formula_start_is_neutralised(self):
        for x in self.FORMULAS:
            rows, result = self.check_ids([x])
            echoed = result["activities"][0]["id"]  # as the library has it
            cell = rows[1][1]
            self.assertEqual(cell, "'" + echoed, (x, cell))
            # what a spreadsheet sees first is the apostrophe
            self.assertFalse(cell.lstrip(" ")[:1] in "=+-@\t\r", (x, cell))

    def test_no_text_cell_starts_a_formula(self):
        # every cell of every row, in both languages: only the numbers of
        # the numeric columns (activity, row, year, claimed, counted) may start
        # with "-" (a real negative number) and none with = + @ tab CR
        for lang in ("en", "ja"):
            rows, _ = self.check_ids(self.FORMULAS[:5], "--lang", lang)
            for row in rows[1:]:
                for col, cell in enumerate(row):
                    if col in (0, 3, 4, 5, 6):
                        if cell:
                            float(cell)  # a real number, unprefixed
                        continue
                    self.assertFalse(
                        cell.lstrip(" ")[:1] in ("=", "+", "-", "@", "\t",
                                                 "\r")
                        and cell[:1] != "'", (lang, col, cell))

    def test_plain_and_numeric_looking_ids_stay_as_they_are(self):
        rows, _ = self.check_ids(["A-1", "123", "1.5", "x=1", "a-1"])
        self.assertEqual([r[1] for r in rows[1:6]],
                         ["A-1", "123", "1.5", "x=1", "a-1"])


class RoundTrip(Fixture):
    def round_trip(self, data, *extra):
        rc, app, err = self.import_csv(data, *extra)
        self.assertEqual(rc, 0, err)
        doc = json.loads(app.decode("utf-8"))
        # the applicant's fields are carried over as they were
        for k in APPLICANT:
            self.assertEqual(doc[k], APPLICANT[k], k)
        self.assertEqual(doc["activities"], EXPECTED_ACTIVITIES)
        # CSV -> application -> result CSV equals the result of the same
        # application written by hand
        app_path = self.write("app.json", app)
        rc, got, err = run("check", app_path, "--format", "csv")
        self.assertIn(rc, (0, 1), err)
        want_doc = dict(APPLICANT, activities=EXPECTED_ACTIVITIES)
        rc2, want, _ = run("check", "-", "--format", "csv",
                           stdin=json.dumps(want_doc).encode("utf-8"))
        self.assertEqual(rc, rc2)
        self.assertEqual(got, want)
        rows = read_result_csv(got)
        self.assertEqual([r[1] for r in rows[1:]],
                         ["a1", "b1", "b2", "c1", "c2", "d1", "d2"])
        self.assertEqual([r[2] for r in rows[1:]],
                         ["A", "B-1", "B-1", "C-2", "C-2", "D-3", ""])
        self.assertEqual([r[7] for r in rows[1:]],
                         ["counted", "counted", "partially_counted",
                          "counted", "capped", "counted", "rejected"])
        return rows

    def test_cp932_with_japanese_headers(self):
        data = csv_bytes([HEADER_JA] + ROWS, "cp932")
        with self.assertRaises(UnicodeDecodeError):
            data.decode("utf-8")  # really Shift_JIS, not UTF-8
        self.round_trip(data)
        self.round_trip(data, "--encoding", "cp932")

    def test_utf8_bom_with_other_header_names(self):
        header = ["個人学習内容", "学習修了日", "学習時間", "ＣＰＤポイント",
                  "カテゴリー", "ID", "証明書類", "コンピテンシー"]
        self.round_trip(csv_bytes([header] + ROWS, "utf-8", bom=True))

    def test_utf8_without_bom_lf_and_english_headers(self):
        header = ["title", "Completed On", "HOURS", "points", "category",
                  "id", "evidence", "competencies"]
        self.round_trip(csv_bytes([header] + ROWS, "utf-8", newline="\n"))

    def test_column_order_does_not_matter(self):
        order = [7, 5, 4, 3, 2, 1, 0, 6]
        rows = [[r[i] for i in order] for r in [HEADER_JA] + ROWS]
        self.round_trip(csv_bytes(rows, "utf-8", bom=True))

    def test_blank_rows_are_skipped(self):
        rows = [[""] * 8, HEADER_JA, ROWS[0], [], [""] * 8] + ROWS[1:]
        self.round_trip(csv_bytes(rows, "cp932"))

    def test_output_file(self):
        data = csv_bytes([HEADER_JA] + ROWS, "cp932")
        out = os.path.join(self.dir, "out.json")
        rc, stdout, err = self.import_csv(data, "-o", out)
        self.assertEqual(rc, 0, err)
        self.assertEqual(stdout, b"")
        with open(out, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["activities"], EXPECTED_ACTIVITIES)

    def test_stdin(self):
        data = csv_bytes([HEADER_JA] + ROWS, "utf-8", bom=True)
        rc, out, err = run("import-csv", "-", "--applicant", self.applicant,
                           stdin=data)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["activities"], EXPECTED_ACTIVITIES)


class ReadmeExample(unittest.TestCase):
    def test_the_example_files_import_and_check(self):
        rc, out, err = run("import-csv", os.path.join(DATA, "activities.csv"),
                           "--applicant", os.path.join(DATA, "applicant.json"))
        self.assertEqual(rc, 0, err)
        self.assertIn("8 activities read", err)
        doc = json.loads(out)
        self.assertEqual(len(doc["activities"]), 8)
        rc, res, _ = run("check", "-", stdin=out)
        self.assertEqual(rc, 0)
        self.assertEqual(json.loads(res)["decision"], "eligible")


class BadRows(Fixture):
    def assert_errors(self, data, expected, *extra):
        """Exit 2, nothing on stdout, each expected (row, text) on stderr."""
        out_path = os.path.join(self.dir, "never.json")
        rc, out, err = self.import_csv(data, "-o", out_path, *extra)
        self.assertEqual(rc, 2, err)
        self.assertEqual(out, b"")
        self.assertFalse(os.path.exists(out_path))
        for row, text in expected:
            # "row 6 (activity 5): ...": the CSV row, and the activity's
            # number in the application (data rows only)
            where = re.compile(r"row %d( \(activity \d+\))?: " % row if row
                               else "")
            line = [ln for ln in err.splitlines()
                    if where.search(ln) and text in ln]
            self.assertTrue(line, "no error for row %s with %r in:\n%s"
                            % (row, text, err))
        return err

    def test_every_bad_row_is_reported_with_its_row_number(self):
        rows = [
            ["title", "completed_on", "hours", "points", "category"],
            ["", "2024-06-01", "1", "", "A"],                 # row 2
            ["x", "2024-13-01", "1", "", "A"],                # row 3
            ["x", "2024-06-01", "0", "", "A"],                # row 4
            [],                                               # row 5 blank
            ["multi\nline", "2024-06-01", "abc", "", "B"],    # row 6
            ["x", "2024-06-01", "1", "1.234", "A"],           # row 7
            ["x", "2024-06-01", "1", "", "E"],                # row 8
            ["x", "", "1", "", "A"],                          # row 9
            ["x", "2024-06-01", "10000", "", "A"],            # row 10
            ["x", "2024-06-01", "1", "-1", "A"],              # row 11
            ["x", "2024-06-01", "1", "", "A", "stray"],       # row 12
            ["good", "2024-06-01", "1", "", "A"],             # row 13
        ]
        err = self.assert_errors(csv_bytes(rows, "utf-8"), [
            (2, '"title" is empty'),
            # dates, numbers and categories: the library's verdict and
            # message, with the column and the cell
            (3, '"completed_on": "2024-13-01": '),
            (3, "not a valid date. [activity.invalid_date]"),
            # numbers: the library's verdict and message, with the cell
            (4, '"hours": "0": '),
            (4, "more than 0 and at most 9999.99"),
            (6, '"hours": "abc": '),
            (6, "must be a number, e.g. 2, 1.5, 2時間, 1時間30分, 1時間半, 90分, 1.5h or 2H"),
            (7, '"points": "1.234": '),
            (7, "at most 2 decimals"),
            (8, '"category": "E": '),
            (8, "unknown category; give A, B, C or D"),
            (9, '"completed_on" is empty'),
            (10, '"hours": "10000": '),
            (11, '"points": "-1": '),
            (12, "column 6 has a value but no header"),
        ])
        self.assertIn("10 errors; nothing was written", err)
        self.assertIn("row 2 (activity 1): ", err)
        self.assertIn("row 6 (activity 4): ", err)  # row 5 is blank
        self.assertNotIn("row 13", err)
        self.assertNotIn("row 5", err)

    def same_as_json(self, column, cell, hours="4"):
        """Imports one C row with cell in column; returns import-csv's
        exit status after checking it against the same text in JSON."""
        rows = [["title", "completed_on", "hours", "category"],
                ["x", "2025-06-01", cell if column == "hours" else hours,
                 "C"]]
        act = {"title": "x", "completed_on": "2025-06-01",
               "hours": rows[1][2], "category": "C"}
        if column == "points":
            rows[0].append("points")
            rows[1].append(cell)
            act["points"] = cell
        rc, out, err = self.import_csv(csv_bytes(rows, "utf-8"))
        doc = dict(APPLICANT, activities=[act])
        _, res, _ = run("check", "-", stdin=json.dumps(doc).encode())
        bad_in_json = any(d["code"] == "activity.invalid_number"
                          for d in json.loads(res)["diagnostics"])
        self.assertEqual(rc, 2 if bad_in_json else 0, (cell, err))
        if rc == 0:
            # and the application written counts what JSON counts
            _, got, _ = run("check", "-", stdin=out)
            self.assertEqual(json.loads(got)["activities"],
                             json.loads(res)["activities"], cell)
        return rc, json.loads(res)["activities"][0]

    def test_hours_take_the_forms_json_takes(self):
        """A cell is accepted exactly when the same text is accepted in an
        application document: no parser of the CLI's own (RULES.md R5)."""
        cells = ["2", "２時間", "2 時間", "1時間30分", "90分", "30分", "1.5h",
                 "1.5 h", "80分", "1.50", "２", "0", "abc", "2時間半", "1.234",
                 "1.5H", "10000", "-1", "1時間60分", "1時間半", "2H", "２Ｈ",
                 "2時間半分", "6ポイント"]
        for cell in cells:
            self.same_as_json("hours", cell)
        # the forms R5 lists are read, with the numbers it gives
        for cell, claimed in (("1時間半", 1.5), ("2H", 2), ("２Ｈ", 2),
                              ("80分", 1.33)):
            rc, act = self.same_as_json("hours", cell)
            self.assertEqual((rc, act["claimed"]), (0, claimed), cell)
        self.assertEqual(self.same_as_json("hours", "2時間半分")[0], 2)

    def test_points_take_the_forms_json_takes(self):
        cells = ["3", "３", "3ポイント", "３ポイント", "3 ポイント", "3pt",
                 "３ｐｔ", "3 pt", "3pts", "1.25pt", "3 points", "3時間",
                 "3h", "1.234pt", "pt", "3p"]
        for cell in cells:
            self.same_as_json("points", cell)
        for cell, claimed in (("3ポイント", 3), ("３ｐｔ", 3),
                              ("1.25pt", 1.25)):
            rc, act = self.same_as_json("points", cell)
            self.assertEqual((rc, act["claimed"]), (0, claimed), cell)
        self.assertEqual(self.same_as_json("points", "3 points")[0], 2)

    def test_one_error_is_one_error(self):
        rows = [["title", "completed_on", "hours", "category"],
                ["x", "2025-06-01", "abc", "C"]]
        err = self.assert_errors(csv_bytes(rows, "utf-8"),
                                 [(2, '"hours": "abc": ')])
        self.assertIn(": 1 error; nothing was written", err)

    def test_row_errors_in_japanese(self):
        rows = [HEADER_JA, ["x", "2024-13-01", "1", "", "A", "", "", ""]]
        data = csv_bytes(rows, "cp932")
        path = self.write("acts.csv", data)
        rc, out, err = run("import-csv", path, "--applicant", self.applicant,
                           "--lang", "ja")
        self.assertEqual(rc, 2)
        self.assertIn("2 行目（活動 1）: 「研修修了日」の「2024-13-01」: "
                      "活動 1の修了日が正しい日付ではありません", err)

    def test_unknown_duplicate_and_missing_columns(self):
        self.assert_errors(csv_bytes([["title", "completed_on", "hours",
                                       "category", "備考"],
                                      ["x", "2024-06-01", "1", "A", "memo"]],
                                     "utf-8"),
                           [(1, 'column 5: unknown header "備考"')])
        self.assert_errors(csv_bytes([["title", "研修修了日", "completed_on",
                                       "hours", "category"]], "utf-8"),
                           [(1, "columns 2 (\"研修修了日\") and 3 "
                                "(\"completed_on\") are the same field")])
        self.assert_errors(csv_bytes([["title", "hours", "category"]],
                                     "utf-8"),
                           [(1, 'the required column "研修修了日" '
                                '(completed_on) is missing')])

    def test_not_csv(self):
        data = b'title,completed_on,hours,category\r\nx"y,2024-06-01,1,A\r\n'
        self.assert_errors(data, [(2, "not valid CSV")])
        data = b'title,completed_on,hours,category\r\n"x,2024-06-01,1,A\r\n'
        self.assert_errors(data, [(0, "not valid CSV")])

    def test_encodings(self):
        good = csv_bytes([HEADER_JA] + ROWS, "cp932")
        self.assert_errors(good, [(0, "not UTF-8")], "--encoding", "utf-8")
        self.assert_errors(b"\xff\xfet\x00i\x00", [(0, "UTF-16")])
        self.assert_errors(b"title,completed_on,hours,category\r\n"
                           b"\x82\xa0\xff\xff,2024-06-01,1,A\r\n",
                           [(0, "neither UTF-8 nor CP932")])
        self.assert_errors(b"\xef\xbb\xbftitle,completed_on,hours,category\r\n"
                           b"\x82\xa0,2024-06-01,1,A\r\n", [(0, "not UTF-8")])

    def test_empty_file(self):
        self.assert_errors(b"", [(0, "no header row")])
        self.assert_errors(b"\r\n,,,\r\n", [(0, "no header row")])

    def test_nul_byte(self):
        self.assert_errors(b"title,completed_on,hours,category\r\n"
                           b"x\x00y,2024-06-01,1,A\r\n", [(2, "NUL byte")])


class YearsFromThePolicy(Fixture):
    """The years a row may declare (a 年目 cell, a section such as B-2)
    are those of the policy's period: 1 to 3 by default, 1 to 4 under a
    policy of four years; the import has no bound of its own."""

    assert_errors = BadRows.assert_errors

    def rows(self, category, year):
        return csv_bytes([["title", "completed_on", "hours", "category",
                           "year", "evidence"],
                          ["x", "2025-06-01", "1", category, year, "e.pdf"]],
                         "utf-8")

    def test_the_default_period_has_three_years(self):
        for category, year in (("C", "3"), ("C", "3年目"), ("C-3", ""),
                               ("c-1", "１年目"), ("B", "")):
            rc, out, err = self.import_csv(self.rows(category, year))
            self.assertEqual(rc, 0, (category, year, err))
        self.assert_errors(self.rows("C", "4"), [
            (2, '"year": "4": the period has 3 years (year 1 to 3)')])
        self.assert_errors(self.rows("C-4", ""), [
            (2, '"category": "C-4": the period has 3 years')])

    def test_a_policy_of_four_years_takes_year_four(self):
        policy = self.write("p4.json", b'{"period_years": 4}')
        rc, out, err = self.import_csv(self.rows("C", "4"), "--policy",
                                       policy)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["activities"][0]["year"], 4)
        self.assert_errors(self.rows("C-5", ""), [
            (2, '"category": "C-5": the period has 4 years (year 1 to 4)')],
            "--policy", policy)

    def test_years_that_are_not_years_or_disagree(self):
        self.assert_errors(self.rows("C", "abc"),
                           [(2, '"year": "abc" is not a year')])
        self.assert_errors(self.rows("C", "0"),
                           [(2, '"year": "0" is not a year')])
        self.assert_errors(self.rows("C-2", "3"), [
            (2, '"category" (year 2) and "year" (3) disagree')])

    def test_a_bad_policy_is_refused_before_reading(self):
        policy = self.write("bad.json", b'{"period_years": "x"}')
        rc, out, err = self.import_csv(self.rows("C", "1"), "--policy",
                                       policy)
        self.assertEqual((rc, out), (2, b""), err)
        self.assertIn("policy.invalid", err)


class HeadersDocumented(Fixture):
    """docs/CSV.md's table of headers is the truth: every header it lists
    is accepted for its field, and it lists every header cli/csv.c
    knows."""

    def documented(self):
        with open(os.path.join(HERE, "..", "docs", "CSV.md"),
                  encoding="utf-8") as f:
            text = f.read()
        table = text[text.index("### The accepted headers"):]
        rows = {}
        for line in table.splitlines()[4:]:
            if not line.startswith("| `"):
                break
            cells = [c.strip() for c in line.strip("|").split("|")]
            field = cells[0].strip("`")
            rows[field] = ([h.strip() for h in cells[1].split(",")],
                           cells[2], cells[3].startswith("yes"))
        return rows

    def test_every_documented_header_is_accepted_for_its_field(self):
        rows = self.documented()
        self.assertEqual(set(rows), {"title", "completed_on", "hours",
                                     "points", "category", "year", "id",
                                     "evidence", "competencies"})
        value = {"title": "x", "completed_on": "2025-06-01", "hours": "2",
                 "points": "2", "category": "C", "year": "2", "id": "c9",
                 "evidence": "e.pdf", "competencies": "OP-1"}
        for field, (ja, en, required) in rows.items():
            for header in ja + [en]:
                cols = [f for f in ("title", "completed_on", "hours",
                                    "category") if f != field]
                data = csv_bytes([[header] + cols,
                                  [value[field]] + [value[c] for c in cols]],
                                 "utf-8")
                rc, out, err = self.import_csv(data)
                self.assertEqual(rc, 0, (header, err))
                act = json.loads(out)["activities"][0]
                self.assertIn(field, act, header)
            # a required field's column cannot be left out
            if required:
                cols = [f for f in ("title", "completed_on", "hours",
                                    "category") if f != field]
                rc, _, err = self.import_csv(csv_bytes(
                    [cols, [value[c] for c in cols]], "utf-8"))
                self.assertEqual(rc, 2, field)
                self.assertIn("required column", err)

    def test_every_header_the_cli_knows_is_documented(self):
        # the headers live in the library's field list (CPD_FIELDS in
        # include/cpd.h): the string before the SLOT of each activity
        # field's row, "a|b|c" (NULL for none)
        with open(os.path.join(HERE, "..", "include", "cpd.h"),
                  encoding="utf-8") as f:
            src = f.read().replace("\\\n", " ")
        known = set()
        for row in re.findall(r'X\(\w+, ACTIVITY, "/activities/-/\w+".*?'
                              r'CPD_S_', src, re.S):
            headers = re.findall(r'("(?:[^"\\]|\\.)*"|NULL)\s*,\s*CPD_S_$',
                                 row)
            self.assertTrue(headers, row)
            if headers[0] != "NULL":
                known.update(headers[0][1:-1].split("|"))
        documented = set()
        for ja, en, _ in self.documented().values():
            documented.update(ja + [en])
        self.assertEqual(known, documented)


class Applicant(Fixture):
    def test_applicant_with_activities_is_refused(self):
        doc = dict(APPLICANT, activities=EXPECTED_ACTIVITIES[:1])
        self.applicant = self.write("app.json",
                                    json.dumps(doc).encode("utf-8"))
        rc, out, err = self.import_csv(csv_bytes([HEADER_JA] + ROWS, "cp932"))
        self.assertEqual(rc, 2)
        self.assertEqual(out, b"")
        self.assertIn("already lists activities", err)

    def test_applicant_that_is_not_json(self):
        self.applicant = self.write("app.json", b'{"applied_on": ')
        rc, out, err = self.import_csv(csv_bytes([HEADER_JA] + ROWS, "cp932"))
        self.assertEqual(rc, 2)
        self.assertIn("input.syntax", err)

    def test_applicant_value_that_is_not_a_value_is_named(self):
        # the library writes the application (cpd_application_to_json) and
        # says which value it cannot carry over
        app = dict(APPLICANT, applicant=dict(APPLICANT["applicant"],
                                             name=["山田", "太郎"]))
        self.applicant = self.write("app.json", json.dumps(app).encode())
        rc, out, err = self.import_csv(csv_bytes([HEADER_JA] + ROWS, "cp932"))
        self.assertEqual((rc, out), (2, b""), err)
        self.assertIn("(at /applicant/name)", err)
        self.assertIn("1 error; nothing was written", err)
        self.assertNotIn("山田", err)

    def test_unknown_applicant_fields_are_named(self):
        doc = json.loads(json.dumps(APPLICANT))
        doc["applicant"]["nickname"] = "taro"
        self.applicant = self.write("app.json",
                                    json.dumps(doc).encode("utf-8"))
        rc, out, err = self.import_csv(csv_bytes([HEADER_JA] + ROWS, "cp932"))
        self.assertEqual(rc, 0, err)
        self.assertIn("/applicant/nickname is not a field of the application",
                      err)
        self.assertNotIn("nickname", out.decode("utf-8"))

    def test_applicant_without_dates_still_imports_with_a_note(self):
        doc = {"qualification": "CAP"}
        self.applicant = self.write("app.json",
                                    json.dumps(doc).encode("utf-8"))
        rc, out, err = self.import_csv(csv_bytes([HEADER_JA] + ROWS, "cp932"))
        self.assertEqual(rc, 0, err)
        self.assertIn("note:", err)
        d = json.loads(out)
        self.assertEqual(d["qualification"], "CAP")
        self.assertEqual(d["activities"], EXPECTED_ACTIVITIES)

    def test_usage(self):
        for args in (["import-csv"], ["import-csv", "x.csv"],
                     ["import-csv", "x.csv", "--applicant"],
                     ["import-csv", "x.csv", "--applicant", "a", "--encoding",
                      "latin1"],
                     ["import-csv", "-", "--applicant", "-"]):
            rc, _, err = run(*args)
            self.assertEqual(rc, 3, args)
            self.assertIn("cpd import-csv:", err)
        rc, out, _ = run("import-csv", "--help")
        self.assertEqual(rc, 0)
        self.assertIn(b"Usage: cpd import-csv", out)


class Hardening(Fixture):
    """The encoding is decided from the whole file, the library's limits
    apply while importing, a NUL in a header and CSV errors are named by
    row and column."""

    def refused(self, data, where, text, *extra):
        """Exit 2, nothing written, and an error "row R: column C: ...text"."""
        out_path = os.path.join(self.dir, "never.json")
        rc, out, err = self.import_csv(data, "-o", out_path, *extra)
        self.assertEqual(rc, 2, err)
        self.assertEqual(out, b"")
        self.assertFalse(os.path.exists(out_path))
        self.assertIn(where, err)
        line = [ln for ln in err.splitlines() if where in ln and text in ln]
        self.assertTrue(line, "no %r ... %r in:\n%s" % (where, text, err))
        return err

    def utf8_rows(self, title3):
        head = ",".join(HEADER_JA[:5]).encode("utf-8") + b"\r\n"
        r2 = "コン検認定 OMP 対策講座,2024/6/15,6,6,A\r\n".encode("utf-8")
        r3 = title3 + ",2024-12-01,4,4,B\r\n".encode("utf-8")
        return head + r2 + r3

    def test_utf8_with_a_pasted_shift_jis_pair_is_refused(self):
        # one CP932 pair (81 40, the ideographic space) in a UTF-8 file: it
        # was decoded whole as CP932, mojibake, exit 0
        data = self.utf8_rows("外部研修".encode("utf-8") + b"\x81\x40" +
                              "入門".encode("utf-8"))
        err = self.refused(data, "row 3: column 1:", "byte 0x81 is not UTF-8")
        self.assertIn("Shift_JIS", err)
        self.refused(data, "3 行目: 列 1:", "UTF-8 ではないバイト 0x81",
                     "--lang", "ja")

    def test_utf8_that_cp932_also_decodes_is_not_read_as_cp932(self):
        # the finding's own case: "研修" in UTF-8 (e7 a0 94 e4 bf ae) is
        # also valid CP932, so with the pasted 81 40 the whole file decoded
        # as CP932; it was imported as "遐比ｿｮ　" with exit 0
        data = (b"title,completed_on,hours,category\r\n" +
                "研修".encode("utf-8") + b"\x81\x40,2024-12-01,4,B\r\n")
        self.assertEqual(data.decode("cp932").split("\r\n")[1][:5],
                         "遐比ｿｮ\u3000")  # what it became
        err = self.refused(data, "row 2: column 1:", "byte 0x81 is not UTF-8")
        self.assertIn("the rest of the file is UTF-8", err)

    def test_formulas_through_import_and_check_csv(self):
        # End to end: an id typed in a spreadsheet, imported,
        # checked and exported again reaches Excel as text
        ids = ["-1+1", "-2+3+cmd|' /C calc'!A0", "=1", "@SUM(A1)", "+1"]
        rows = [["title", "completed_on", "hours", "category", "id"]]
        rows += [["t%d" % i, "2024-06-01", "1", "A", x]
                 for i, x in enumerate(ids)]
        rc, app, err = self.import_csv(csv_bytes(rows, "utf-8"))
        self.assertEqual(rc, 0, err)
        imported = [a["id"] for a in json.loads(app)["activities"]]
        self.assertEqual(imported, ids)
        rc, out, err = run("check", "-", "--format", "csv", stdin=app)
        self.assertIn(rc, (0, 1), err)
        cells = [r[1] for r in read_result_csv(out)[1:]]
        self.assertEqual(cells, ["'" + x for x in ids])

    def test_row_and_column_count_quoted_line_breaks_and_commas(self):
        head = "title,completed_on,hours,category,id\r\n".encode()
        data = (head + '"複数行の\r\nセル, カンマ入り",2024-06-01,1,A,a\r\n'
                .encode() + "次の行,2024-06-01,1,A,".encode() + b"\xe3\x81"
                + b"\r\n")
        # the byte is the 2nd of a cut character in row 3, column 5
        self.refused(data, "row 3: column 5:", "is not UTF-8")

    def test_neither_encoding_names_the_row_and_column(self):
        data = (b"title,completed_on,hours,category\r\n"
                b"ok,2024-06-01,1,A\r\n"
                b"2024-06-01,\x82\xa0\xff\xff,1,A\r\n")
        self.refused(data, "row 3: column 2:",
                     "byte 0xFF is neither UTF-8 nor CP932")

    def test_a_bom_means_utf8_and_a_bad_byte_is_named(self):
        data = (b"\xef\xbb\xbftitle,completed_on,hours,category\r\n"
                b"x,2024-06-01,1,A\r\n"
                b"y,2024-06-01,1,\x82\xa0\r\n")
        self.refused(data, "row 3: column 4:", "byte 0x82 is not UTF-8")

    def test_forced_encodings_name_the_row_and_column(self):
        cp932 = csv_bytes([HEADER_JA] + ROWS, "cp932")
        self.refused(cp932, "row 1: column 1:", "is not UTF-8",
                     "--encoding", "utf-8")
        utf8 = ("title,completed_on,hours,category\r\n"
                "x,2024-06-01,1,A\r\n").encode() + b"\xff,1,1,A\r\n"
        self.refused(utf8, "row 3: column 1:", "is not CP932",
                     "--encoding", "cp932")

    def test_whole_cp932_and_whole_utf8_files_still_import(self):
        for data in (csv_bytes([HEADER_JA] + ROWS, "cp932"),
                     csv_bytes([HEADER_JA] + ROWS, "utf-8"),
                     csv_bytes([HEADER_JA] + ROWS, "utf-8", bom=True)):
            rc, out, err = self.import_csv(data)
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["activities"][1]["title"],
                             "外部研修「応対品質」, 基礎編")

    def test_nul_in_a_header_cell_is_an_error(self):
        # it cut "title" to "ti": silently another (unknown) header, or
        # worse, a known one
        data = b"title\x00xyz,completed_on,hours,category\r\nx,2024-06-01,1,A\r\n"
        self.refused(data, "row 1: column 1:", "the header holds a NUL byte")
        data = b"title,completed_on,hours,category\r\nx,2024-06-01,1\x00,A\r\n"
        self.refused(data, "row 2", "column 3: the cell holds a NUL byte")

    def test_csv_syntax_errors_name_the_row_and_column(self):
        data = (b"title,completed_on,hours,category\r\n"
                b"a,2024-06-01,1,A\r\n"
                b'b,2024-06-01,1x"y,A\r\n')
        self.refused(data, "row 3: column 3:", "not valid CSV")

    # ------------------------------------------------------------ limits

    def run_measured(self, data, *extra):
        """(exit, stderr, peak RSS in MiB) of one import."""
        path = self.write("big.csv", data)
        e = dict(os.environ, LANG="C")
        e.pop("LC_ALL", None)
        # stdout (empty: the output goes to -o) into a file of ours
        with open(os.path.join(self.dir, "stdout"), "wb") as out:
            p = subprocess.Popen([CPD, "import-csv", path, "--applicant",
                                  self.applicant, "-o",
                                  os.path.join(self.dir, "out.json"), *extra],
                                 stdout=out, stderr=subprocess.PIPE, env=e)
            err = p.stderr.read().decode("utf-8")
            _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        return p.returncode, err, usage.ru_maxrss / 1024

    def test_64_mib_of_blank_rows_is_refused_in_little_memory(self):
        # ",\n" x 32M used 8 GB
        rc, err, rss = self.run_measured(b",\n" * (32 << 20))
        self.assertEqual(rc, 2, err)
        self.assertIn("larger than 4194304 bytes (the limit of one "
                      "application document)", err)
        self.assertLess(rss, 256, "peak RSS %.0f MiB" % rss)
        # just under the limit: read through, every row blank
        rc, err, rss = self.run_measured(b",\n" * ((2 << 20) - 1))
        self.assertEqual(rc, 2, err)
        self.assertIn("no header row", err)
        self.assertLess(rss, 256, "peak RSS %.0f MiB" % rss)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "out.json")))

    def rows(self, n, title="x"):
        return ("title,completed_on,hours,category\r\n" +
                "%s,2024-06-01,1,A\r\n" % title * n).encode()

    def check_accepts(self, out):
        rc, _, err = run("check", out)
        self.assertIn(rc, (0, 1), err)

    def test_at_most_10000_activities(self):
        rc, err, _ = self.run_measured(self.rows(10001))
        self.assertEqual(rc, 2, err)
        self.assertIn("row 10002: more than 10000 activities (the limit of "
                      "one application)", err)
        rc, err, _ = self.run_measured(self.rows(10000))
        self.assertEqual(rc, 0, err)
        self.check_accepts(os.path.join(self.dir, "out.json"))

    def test_a_cell_of_at_most_4096_bytes(self):
        rc, err, _ = self.run_measured(self.rows(2, "x" * 4097))
        self.assertEqual(rc, 2, err)
        self.assertIn("row 2: column 1: the cell is longer than 4096 bytes "
                      "(the limit of a text in an application)", err)
        # a 10 MB title is refused without being read whole
        rc, err, rss = self.run_measured(self.rows(1, "x" * (10 << 20)))
        self.assertEqual(rc, 2, err)
        self.assertLess(rss, 256)
        rc, err, _ = self.run_measured(self.rows(2, "あ" * 1365 + "x"))
        self.assertEqual(rc, 0, err)  # 4096 bytes
        self.check_accepts(os.path.join(self.dir, "out.json"))

    def test_what_is_written_is_what_check_accepts(self):
        # many long rows: over the document limit once written as JSON
        rc, err, _ = self.run_measured(self.rows(3000, "x" * 1300))
        self.assertEqual(rc, 2, err)
        self.assertIn("over the limit of 4194304 bytes of a document", err)


def main():
    global CPD
    if len(sys.argv) != 2:
        sys.exit("usage: test_csv.py PATH/TO/cpd")
    CPD = os.path.abspath(sys.argv[1])
    unittest.main(argv=[sys.argv[0], "-v"])


if __name__ == "__main__":
    main()
