#!/usr/bin/env python3
"""The `cpd` command line as a user meets it: help, version, exit codes,
text and JSON output, batch (NDJSON) edge cases, policies.

    python3 tests/test_cli.py PATH/TO/cpd
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

CPD = None
GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")


def run(*args, stdin=None, env=None):
    e = dict(os.environ)
    e.pop("LC_ALL", None)
    e.pop("LC_MESSAGES", None)
    e["LANG"] = "C"
    if env:
        e.update(env)
    p = subprocess.run([CPD, *args], input=stdin, capture_output=True,
                       timeout=120, env=e)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def golden(name):
    return os.path.join(GOLDEN, name + ".json")


def doc(name):
    with open(golden(name), encoding="utf-8") as f:
        return json.load(f)


class Help(unittest.TestCase):
    def test_help_lists_commands_and_exit_codes(self):
        rc, out, _ = run("--help")
        self.assertEqual(rc, 0)
        for word in ("check", "batch", "policy", "Exit status", "--format"):
            self.assertIn(word, out)

    def test_command_help(self):
        for cmd in ("check", "batch", "policy"):
            rc, out, _ = run(cmd, "--help")
            self.assertEqual(rc, 0)
            self.assertIn("Usage: cpd " + cmd, out)

    def test_version(self):
        rc, out, _ = run("--version")
        self.assertEqual(rc, 0)
        self.assertRegex(out, r"^cpd \d+\.\d+\.\d+")

    def test_no_command_is_a_usage_error(self):
        rc, _, err = run()
        self.assertEqual(rc, 3)
        self.assertIn("Usage", err)

    def test_unknown_command_option_and_values(self):
        for args in (["frobnicate"], ["check", "--bogus", "x"],
                     ["check", golden("shortfall"), "--format", "xml"],
                     ["check", golden("shortfall"), "--lang", "fr"],
                     ["check"], ["check", "a", "b"], ["check", "--policy"]):
            rc, _, err = run(*args)
            self.assertEqual(rc, 3, args)
            self.assertIn("cpd:", err)


class Check(unittest.TestCase):
    def test_exit_codes_follow_the_decision(self):
        self.assertEqual(run("check", golden("eligible-basic"))[0], 0)
        self.assertEqual(run("check", golden("shortfall"))[0], 1)
        self.assertEqual(run("check", golden("window-not-yet-open"))[0], 1)
        self.assertEqual(run("check", golden("input-error-duplicate-key"))[0], 2)

    def test_json_output_is_the_result_document(self):
        rc, out, _ = run("check", golden("eligible-basic"), "--format", "json")
        r = json.loads(out)
        self.assertEqual(r["decision"], "eligible")
        self.assertEqual([s["section"] for s in r["points"]["sections"]],
                         ["A", "B-1", "B-2", "B-3", "C-1", "C-2", "C-3",
                          "D-1", "D-2", "D-3"])

    def test_a_misspelt_key_is_named_first(self):
        """Issue 12: "activites" for "activities" is named, with the key it
        stands for, before the shortfall that follows from it - in the
        result document and in the text report, in both languages."""
        d = doc("eligible-basic")
        d["activites"] = d.pop("activities")
        text = json.dumps(d, ensure_ascii=False).encode("utf-8")
        rc, out, _ = run("check", "-", stdin=text)
        self.assertEqual(rc, 1)
        first = json.loads(out)["diagnostics"][0]
        self.assertEqual(first["code"], "application.unknown_field")
        self.assertEqual(first["path"], "/activites")
        self.assertIn("did you mean “activities”", first["message"])
        self.assertIn("「activities」の誤りではありませんか", first["message_ja"])
        for lang, word in (("en", "did you mean"), ("ja", "誤りではありませんか")):
            rc, out, _ = run("check", "-", "--format", "text", "--lang", lang,
                             stdin=text)
            problems = out[out.index("[application.unknown_field]"):]
            self.assertIn(word, problems.split("\n")[1])
            self.assertLess(out.index("[application.unknown_field]"),
                            out.index("[points.shortfall]"))

    def test_close_keys_are_suggested(self):
        d = doc("eligible-basic")
        d["oath"] = d.pop("oath_agreed")          # a prefix of 4 or more
        d["applicant"]["Email"] = d["applicant"].pop("email")  # case
        d["activities"][0]["hour"] = d["activities"][0].pop("hours")
        rc, out, _ = run("check", "-", stdin=json.dumps(d).encode())
        msgs = {x["path"]: x["message"] for x in json.loads(out)["diagnostics"]
                if x["code"] == "application.unknown_field"}
        self.assertIn("“oath_agreed” is missing", msgs["/oath"])
        self.assertIn("did you mean “email”", msgs["/applicant/Email"])
        self.assertIn("did you mean “hours”", msgs["/activities/0/hour"])

    def test_applied_at_names_applied_on(self):
        d = doc("eligible-basic")
        d["applied_at"] = d.pop("applied_on")
        rc, out, err = run("check", "-", "--format", "json",
                           stdin=json.dumps(d).encode())
        self.assertEqual(rc, 2)
        e = json.loads(out)["error"]
        self.assertEqual(e["code"], "input.missing_field")
        self.assertIn("“applied_at”", e["message"])
        self.assertIn("did you mean “applied_on”", e["message"])

    def test_stdin(self):
        with open(golden("eligible-basic"), "rb") as f:
            rc, out, _ = run("check", "-", stdin=f.read())
        self.assertEqual(rc, 0)
        self.assertEqual(json.loads(out)["decision"], "eligible")

    def test_input_error_prints_error_document_and_stderr(self):
        rc, out, err = run("check", golden("input-error-duplicate-key"))
        self.assertEqual(rc, 2)
        e = json.loads(out)["error"]
        self.assertEqual(e["code"], "input.duplicate_key")
        self.assertEqual(e["path"], "/applied_on")
        self.assertIn("input.duplicate_key", err)

    def test_text_error_has_no_json_on_stdout(self):
        rc, out, err = run("check", golden("input-error-duplicate-key"),
                           "--format", "text", "--lang", "ja")
        self.assertEqual(rc, 2)
        self.assertEqual(out, "")
        self.assertIn("入力エラー", err)

    def test_text_english(self):
        rc, out, _ = run("check", golden("shortfall"), "--format", "text",
                         "--lang", "en")
        self.assertEqual(rc, 1)
        for s in ("ineligible", "Window          2027-01-01 to 2027-03-31 (open)",
                  "B-1", "Total           22 / 30", "8 short",
                  "points.shortfall", "/activities/1", "外部研修 KPI"):
            self.assertIn(s, out)

    def test_text_japanese(self):
        rc, out, _ = run("check", golden("eligible-basic"), "--format",
                         "text", "--lang", "ja")
        self.assertEqual(rc, 0)
        for s in ("判定          更新可",
                  "受付期間      2027-01-01 〜 2027-03-31（受付中）",
                  "合計          34 / 30",
                  "更新後の期間  2027-04-01 〜 2030-03-31",
                  "B-1 は上限 5 ポイントです", "OMP対策講座"):
            self.assertIn(s, out)

    def test_lang_defaults_from_environment(self):
        _, out, _ = run("check", golden("shortfall"), "--format", "text",
                        env={"LANG": "ja_JP.UTF-8"})
        self.assertIn("判定", out)

    def test_missing_file_is_an_io_error(self):
        rc, out, err = run("check", "/nonexistent/app.json")
        self.assertEqual(rc, 4)
        self.assertIn("cannot open", err)

    def test_no_personal_data_in_any_output_or_error(self):
        d = doc("eligible-basic")
        d["applicant"].update({
            "name": "Zyxwq Personal", "name_kana": "Zyxwq-kana",
            "address": "Qwzxy Street 99", "phone": "0X-ZZZZ-9999",
            "mobile": "0Y-YYYY-7777", "email": "zyxwq@@nowhere",
            "postal_code": "QQQ-QQQQ"})
        d["fee"]["payer_name"] = "Payer Zyxwq"
        with tempfile.NamedTemporaryFile("w", suffix=".json",
                                         delete=False) as f:
            json.dump(d, f)
        try:
            for fmt in ("json", "text"):
                for lang in ("ja", "en"):
                    rc, out, err = run("check", f.name, "--format", fmt,
                                       "--lang", lang)
                    self.assertEqual(rc, 1)
                    for secret in ("Zyxwq", "Qwzxy", "ZZZZ", "YYYY",
                                   "nowhere", "QQQ"):
                        self.assertNotIn(secret, out)
                        self.assertNotIn(secret, err)
        finally:
            os.unlink(f.name)


class Batch(unittest.TestCase):
    def lines(self, text):
        return [json.loads(l) for l in text.splitlines()]

    def test_crlf_blank_lines_and_no_final_newline(self):
        a = json.dumps(doc("eligible-basic"))
        b = json.dumps(doc("shortfall"))
        data = (a + "\r\n\r\n   \n" + b + "\n" + "{broken" + "\n" + a).encode()
        rc, out, err = run("batch", "-", stdin=data)
        res = self.lines(out)
        self.assertEqual([r["line"] for r in res], [1, 4, 5, 6])
        self.assertEqual(res[0]["decision"], "eligible")
        self.assertEqual(res[1]["decision"], "ineligible")
        self.assertEqual(res[2]["error"]["code"], "input.syntax")
        self.assertEqual(res[3]["decision"], "eligible")
        self.assertEqual(rc, 2)  # one line was an input error
        self.assertIn("4 applications: 2 eligible, 0 incomplete, "
                      "1 ineligible, 1 input error\n", err)

    def test_all_good_lines_exit_zero(self):
        a = json.dumps(doc("shortfall"))
        rc, out, err = run("batch", stdin=(a + "\n" + a + "\n").encode())
        self.assertEqual(rc, 0)
        self.assertEqual(len(self.lines(out)), 2)
        self.assertIn("2 applications: 0 eligible, 0 incomplete, "
                      "2 ineligible, 0 input errors\n", err)

    def test_one_application_is_singular(self):
        a = json.dumps(doc("shortfall"))
        _, _, err = run("batch", stdin=(a + "\n").encode())
        self.assertIn("cpd batch: 1 application: 0 eligible", err)

    def test_over_long_line_is_refused_and_the_run_goes_on(self):
        a = json.dumps(doc("eligible-basic"))
        big = '{"x":"' + "y" * (20 << 20) + '"}'
        rc, out, err = run("batch", stdin=(big + "\n" + a + "\n").encode())
        res = self.lines(out)
        self.assertEqual(res[0]["line"], 1)
        self.assertEqual(res[0]["error"]["code"], "input.too_large")
        self.assertEqual(res[1]["line"], 2)
        self.assertEqual(res[1]["decision"], "eligible")

    def test_empty_input(self):
        rc, out, err = run("batch", stdin=b"")
        self.assertEqual(rc, 0)
        self.assertEqual(out, "")
        self.assertIn("0 applications", err)

    def test_file_argument(self):
        with tempfile.NamedTemporaryFile("w", suffix=".ndjson",
                                         delete=False) as f:
            f.write(json.dumps(doc("eligible-basic")) + "\n")
        try:
            rc, out, _ = run("batch", f.name)
            self.assertEqual(rc, 0)
            self.assertEqual(self.lines(out)[0]["line"], 1)
        finally:
            os.unlink(f.name)


class PlanText(unittest.TestCase):
    def test_days_singular_and_plural(self):
        for as_of, want in (("2026-12-31", "(opens in 1 day)"),
                            ("2026-12-30", "(opens in 2 days)"),
                            ("2027-03-30", "(open, closes in 1 day)"),
                            ("2027-03-29", "(open, closes in 2 days)")):
            _, out, err = run("plan", golden("shortfall"), "--as-of", as_of,
                              "--format", "text", "--lang", "en")
            self.assertIn(want, out, (as_of, err))

    def test_japanese_as_check_writes_it(self):
        """The window with 〜 as `cpd check` writes periods, and the count
        of problems in full-width brackets."""
        _, out, err = run("plan", golden("shortfall"), "--as-of",
                          "2027-01-10", "--format", "text", "--lang", "ja")
        self.assertIn("受付期間: 2027-01-01〜2027-03-31（受付中", out, err)
        self.assertNotIn(" - ", out)
        _, out, err = run("plan", os.path.join(GOLDEN, "..", "..",
                                               "examples",
                                               "incomplete.json"),
                          "--as-of", "2027-01-10", "--format", "text",
                          "--lang", "ja")
        self.assertRegex(out, r"\n既にある問題（\d+件）\n", err)


class InputErrorsInJapanese(unittest.TestCase):
    def test_the_dates_are_named_by_their_labels_not_their_keys(self):
        """An applicant reads 資格有効期日, not certification.expires_on
        (the English message keeps the key; the pointer is in "path")."""
        for doc, label in (({"certification": {"expires_on": "2027-03-31"}},
                            "申請年月日"),
                           ({"applied_on": "2027-02-03"}, "資格有効期日"),
                           ({"applied_on": "2027-02-30", "certification":
                             {"expires_on": "2027-03-31"}}, "申請年月日"),
                           ({"applied_on": "2027-02-03", "certification":
                             {"expires_on": "R9.3.31(月)"}}, "資格有効期日")):
            rc, out, err = run("check", "-", stdin=json.dumps(doc).encode())
            e = json.loads(out)["error"]
            self.assertEqual(rc, 2, err)
            self.assertTrue(e["message_ja"].startswith(label), e)
            self.assertNotRegex(e["message_ja"], r"[a-z]_[a-z]|\.[a-z]", e)


class Policy(unittest.TestCase):
    def write(self, obj):
        f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        f.write(obj if isinstance(obj, str) else json.dumps(obj))
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_default_policy_document(self):
        rc, out, _ = run("policy")
        self.assertEqual(rc, 0)
        p = json.loads(out)
        self.assertEqual(p["required_points"], 30)
        self.assertEqual(p["window"], {"opens_months_before_renewal": 3,
                                       "closes_months_before_renewal": 0})
        self.assertIn("OP-1", p["competencies"])

    def test_strict_window_reading(self):
        pol = self.write({"window": {"opens_months_before_renewal": 3,
                                     "closes_months_before_renewal": 1}})
        rc, out, _ = run("check", golden("eligible-basic"), "--policy", pol)
        r = json.loads(out)
        self.assertEqual(r["window"]["closes_on"], "2027-02-28")
        self.assertEqual(rc, 0)

    def test_invalid_policy_is_refused_with_a_path(self):
        pol = self.write({"period_years": 0})
        rc, out, err = run("check", golden("eligible-basic"), "--policy", pol)
        self.assertEqual(rc, 2)
        e = json.loads(out)["error"]
        self.assertEqual(e["code"], "policy.invalid")
        self.assertEqual(e["path"], "/period_years")

    def test_policy_that_is_not_json(self):
        pol = self.write("{")
        rc, out, err = run("policy", "--policy", pol)
        self.assertEqual(rc, 2)
        self.assertIn("input.syntax", err)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(3)
    CPD = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
