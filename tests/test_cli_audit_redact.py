#!/usr/bin/env python3
"""`cpd audit` and `cpd redact` as a user meets them: help, argument
errors, bad roster lines, --selected-only, --include, --stratify; redacting
the examples and golden cases, broken input.

    python3 tests/test_cli_audit_redact.py PATH/TO/cpd
"""
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

CPD = None
HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "golden")
EXAMPLES = os.path.join(os.path.dirname(HERE), "examples")


def run(*args, stdin=None):
    e = dict(os.environ)
    e.pop("LC_ALL", None)
    e.pop("LC_MESSAGES", None)
    e["LANG"] = "C"
    p = subprocess.run([CPD, *args], input=stdin, capture_output=True,
                       timeout=120, env=e)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def roster(n, quals=("OMP", "CAP")):
    """n holders, as short roster lines, qualifications in turn."""
    lines = []
    for i in range(n):
        q = quals[i % len(quals)]
        lines.append(json.dumps({"number": "%s-%06d" % (q, i),
                                 "qualification": q}))
    return lines


def ndjson(lines):
    return ("\n".join(lines) + "\n").encode("utf-8")


def records(out):
    return [json.loads(line) for line in out.splitlines()]


class AuditHelp(unittest.TestCase):
    def test_help(self):
        rc, out, _ = run("audit", "--help")
        self.assertEqual(rc, 0)
        self.assertIn("Usage: cpd audit", out)
        for word in ("--rate", "--seed", "--stratify", "--include",
                     "--selected-only", "Exit"):
            self.assertIn(word, out)


class AuditArguments(unittest.TestCase):
    def usage(self, *args):
        rc, out, err = run("audit", "-", *args, stdin=ndjson(roster(3)))
        self.assertEqual(rc, 3, (args, err))
        self.assertEqual(out, "")
        self.assertIn("cpd audit", err)

    def test_bad_rates_are_usage_errors(self):
        for rate in ("1.5", "-0.1", "abc", "0.1234567", "101%", "5.00001%",
                     "", ".5", "1.", "0,05", "5 %"):
            self.usage("--rate", rate, "--seed", "1")

    def test_bad_seeds_are_usage_errors(self):
        for seed in ("-1", "x", "1.5", "18446744073709551616", "", "0x10"):
            self.usage("--rate", "0.05", "--seed", seed)

    def test_rate_seed_and_roster_are_required(self):
        self.usage("--seed", "1")
        self.usage("--rate", "0.05")
        self.usage("--rate")
        self.usage("--rate", "0.05", "--seed", "1", "--bogus")
        rc, _, _ = run("audit", "--rate", "0.05", "--seed", "1")
        self.assertEqual(rc, 3)

    def test_rate_forms_agree(self):
        lines = ndjson(roster(400))
        outs = set()
        for rate in ("0.05", "5%", "0.050000", "5.0%", "--rate=0.05"):
            args = [rate] if rate.startswith("--") else ["--rate", rate]
            rc, out, err = run("audit", "-", *args, "--seed", "7",
                               stdin=lines)
            self.assertEqual(rc, 0, err)
            outs.add(out)
        self.assertEqual(len(outs), 1)

    def test_largest_seed(self):
        rc, _, err = run("audit", "-", "--rate", "0.5", "--seed",
                         "18446744073709551615", stdin=ndjson(roster(5)))
        self.assertEqual(rc, 0, err)

    def test_missing_file_is_an_io_error(self):
        rc, _, err = run("audit", "/nonexistent/roster.ndjson", "--rate",
                         "0.1", "--seed", "1")
        self.assertEqual(rc, 4)
        self.assertIn("cannot open", err)


class Audit(unittest.TestCase):
    def test_every_holder_in_roster_order(self):
        lines = roster(50)
        rc, out, err = run("audit", "-", "--rate", "0.2", "--seed", "3",
                           stdin=ndjson(lines))
        self.assertEqual(rc, 0, err)
        recs = records(out)
        self.assertEqual([r["line"] for r in recs], list(range(1, 51)))
        self.assertEqual([r["number"] for r in recs],
                         [json.loads(l)["number"] for l in lines])
        for r in recs:
            self.assertEqual(set(r), {"line", "number", "qualification",
                                      "selected", "reason"})
            self.assertEqual(r["reason"],
                             "sampled" if r["selected"] else "not_sampled")
        self.assertIn("50 holders", err)

    def test_same_seed_same_selection_in_any_order(self):
        lines = roster(300)
        rc1, out1, _ = run("audit", "-", "--rate", "0.1", "--seed", "99",
                           stdin=ndjson(lines))
        rc2, out2, _ = run("audit", "-", "--rate", "0.1", "--seed", "99",
                           stdin=ndjson(list(reversed(lines))))
        self.assertEqual((rc1, rc2), (0, 0))
        sel1 = {r["number"] for r in records(out1) if r["selected"]}
        sel2 = {r["number"] for r in records(out2) if r["selected"]}
        self.assertEqual(sel1, sel2)
        self.assertTrue(sel1)
        rc3, out3, _ = run("audit", "-", "--rate", "0.1", "--seed", "100",
                           stdin=ndjson(lines))
        self.assertNotEqual(
            sel1, {r["number"] for r in records(out3) if r["selected"]})

    def test_bad_line_is_reported_and_the_others_still_output(self):
        lines = roster(6)
        data = (lines[0] + "\r\n" + lines[1] + "\n\n   \n" + "{\"number\": \n" +
                lines[2] + "\n" + "[1]\n" + lines[3] + "\n" +
                json.dumps({"number": json.loads(lines[0])["number"]}) + "\n" +
                "{\"qualification\": \"OMP\"}\n" +
                lines[4] + "\n" + lines[5])  # no final newline
        rc, out, err = run("audit", "-", "--rate", "1", "--seed", "1",
                           stdin=data.encode("utf-8"))
        self.assertEqual(rc, 2)
        recs = records(out)
        self.assertEqual([r["number"] for r in recs],
                         [json.loads(l)["number"] for l in lines])
        self.assertEqual([r["line"] for r in recs], [1, 2, 6, 8, 11, 12])
        self.assertTrue(all(r["selected"] for r in recs))
        self.assertIn("line 5:", err)
        self.assertIn("input.syntax", err)
        self.assertIn("line 7:", err)
        self.assertIn("input.not_object", err)
        self.assertIn("line 9:", err)
        self.assertIn("audit.duplicate_number", err)
        self.assertIn("line 10:", err)
        self.assertIn("audit.missing_number", err)
        self.assertIn("4 bad lines", err)

    def test_application_documents_as_roster_lines(self):
        with open(os.path.join(GOLDEN, "eligible-basic.json"),
                  encoding="utf-8") as f:
            app = json.load(f)
        rc, out, err = run("audit", "-", "--rate", "1", "--seed", "5",
                           stdin=ndjson([json.dumps(app, ensure_ascii=False)]))
        self.assertEqual(rc, 0, err)
        (rec,) = records(out)
        self.assertEqual(rec["number"], "OMP-000123")
        self.assertEqual(rec["qualification"], "OMP")
        # the summary names no personal data
        self.assertNotIn("山田", err)

    def test_full_width_number_is_the_same_holder(self):
        lines = [json.dumps({"number": "ＯＭＰ－０００１２３"}, ensure_ascii=False),
                 json.dumps({"number": "OMP-000123"})]
        rc, out, err = run("audit", "-", "--rate", "0", "--seed", "5",
                           stdin=ndjson(lines))
        self.assertEqual(rc, 2)
        self.assertEqual([r["number"] for r in records(out)], ["OMP-000123"])
        self.assertIn("audit.duplicate_number", err)

    def test_selected_only(self):
        lines = ndjson(roster(500))
        rc, out_all, _ = run("audit", "-", "--rate", "0.1", "--seed", "11",
                             stdin=lines)
        rc2, out_sel, _ = run("audit", "-", "--rate", "0.1", "--seed", "11",
                              "--selected-only", stdin=lines)
        self.assertEqual((rc, rc2), (0, 0))
        selected = [r for r in records(out_all) if r["selected"]]
        self.assertEqual(records(out_sel), selected)
        self.assertTrue(0 < len(selected) < 500)

    def test_include(self):
        lines = ndjson(roster(200))
        rc, out, err = run("audit", "-", "--rate", "0", "--seed", "11",
                           "--include", "OMP-000010, CAP-000011",
                           "--include=ＯＭＰ－０００１００,NOT-ON-ROSTER",
                           stdin=lines)
        self.assertEqual(rc, 0, err)
        recs = records(out)
        chosen = {r["number"]: r["reason"] for r in recs if r["selected"]}
        self.assertEqual(chosen, {"OMP-000010": "included",
                                  "CAP-000011": "included",
                                  "OMP-000100": "included"})
        # a number that matches no holder is said, once, and
        # the matching ones are not
        warned = [l for l in err.splitlines() if "matches no holder" in l]
        self.assertEqual(warned, ["cpd audit: warning: --include "
                                  "NOT-ON-ROSTER matches no holder of the "
                                  "roster"])

    def test_include_that_matches_nothing_warns_in_japanese(self):
        rc, _, err = run("audit", "-", "--rate", "0", "--seed", "1",
                         "--lang", "ja", "--include", "OMP-999999",
                         stdin=ndjson(roster(3)))
        self.assertEqual(rc, 0, err)
        self.assertIn("--include の OMP-999999 は名簿のどの認定番号とも"
                      "一致しません", err)

    def test_dash_variants_and_case_are_one_holder(self):
        # "OMP‐000101" (U+2010) and "omp-000101" were two holders
        lines = [json.dumps({"number": "OMP\u2010000101",
                             "qualification": "OMP"}),
                 json.dumps({"number": "omp-000101", "qualification": "OMP"}),
                 json.dumps({"number": "OMP\u2212000101",
                             "qualification": "OMP"})]
        rc, out, err = run("audit", "-", "--rate", "0", "--seed", "1",
                           "--include", "Omp\u30fc000101",
                           stdin=ndjson(lines))
        self.assertEqual(rc, 2, err)  # the two duplicate lines
        recs = records(out)
        self.assertEqual([(r["number"], r["reason"]) for r in recs],
                         [("OMP-000101", "included")])
        self.assertEqual(err.count("audit.duplicate_number"), 2)
        self.assertNotIn("matches no holder", err)

    def test_stratify(self):
        lines = roster(230, quals=("OMP", "OMP", "CAP", "OMP", "CAP", ""))
        counts = {}
        for l in lines:
            q = json.loads(l)["qualification"]
            counts[q] = counts.get(q, 0) + 1
        for rate in ("0.05", "0.01", "0.333"):
            rc, out, err = run("audit", "-", "--rate", rate, "--seed", "8",
                               "--stratify", "--selected-only",
                               stdin=ndjson(lines))
            self.assertEqual(rc, 0, err)
            got = {}
            for r in records(out):
                self.assertEqual(r["reason"], "stratum")
                got[r["qualification"]] = got.get(r["qualification"], 0) + 1
            want = {q: math.ceil(float(rate) * n - 1e-9)
                    for q, n in counts.items()}
            self.assertEqual(got, want, rate)
            for q, n in counts.items():
                self.assertIn("%s %d/%d" % (q or "(none)", want[q], n), err)

    def test_no_holders(self):
        rc, out, err = run("audit", "-", "--rate", "0.5", "--seed", "1",
                           stdin=b"\n\n")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, "")
        self.assertIn("0 holders", err)

    def test_texts_are_quoted_as_the_library_quotes_them(self):
        # the roster's number and qualification are written by the
        # library's quoting (cpd_json_quote): C1 and bidi controls escaped
        # (normalised first: NFKC folds U+0085 to a space, keeps U+202E)
        line = json.dumps({"number": "OMP-1\u202e\"",
                           "qualification": "O\\MP"}) + "\n"
        rc, out, err = run("audit", "-", "--rate", "1", "--seed", "1",
                           stdin=line.encode())
        self.assertEqual(rc, 0, err)
        self.assertIn('"number": "OMP-1\\u202e\\""', out)
        self.assertIn('"qualification": "O\\\\MP"', out)
        self.assertEqual(records(out)[0]["number"], "OMP-1\u202e\"")

    def test_rate_is_read_by_the_library(self):
        # the same forms the bindings accept (cpd_audit_rate_parse): exact,
        # at most a millionth, a percentage with at most 4 decimals
        lines = ndjson(roster(3))
        for rate in ("0.000001", "0.0001%", "0.0500000", "100%", "0"):
            rc, _, err = run("audit", "-", "--rate", rate, "--seed", "1",
                             stdin=lines)
            self.assertEqual(rc, 0, (rate, err))
        for rate in ("0.0000001", "0.00001%", "１", "5e-2", "+0.1"):
            rc, _, err = run("audit", "-", "--rate", rate, "--seed", "1",
                             stdin=lines)
            self.assertEqual(rc, 3, (rate, err))

    def test_one_holder_is_singular(self):
        rc, _, err = run("audit", "-", "--rate", "0.5", "--seed", "1",
                         stdin=b'{"number": "OMP-1", "qualification": "OMP"}\n')
        self.assertEqual(rc, 0, err)
        self.assertIn("cpd audit: 1 holder, ", err)


class RedactHelp(unittest.TestCase):
    def test_help(self):
        rc, out, _ = run("redact", "--help")
        self.assertEqual(rc, 0)
        self.assertIn("Usage: cpd redact", out)
        self.assertIn("Exit", out)

    def test_usage_errors(self):
        for args in ((), ("a", "b"), ("--bogus", "x"), ("x", "-o")):
            rc, _, err = run("redact", *args)
            self.assertEqual(rc, 3, args)
            self.assertIn("cpd redact", err)


PERSONAL = ("山田", "太郎", "やまだ", "たろう", "ヤマダ", "タロウ", "千代田区",
            "丸の内", "03-1234", "090-1234", "taro@", "0005")


class Redact(unittest.TestCase):
    def redact(self, path):
        rc, out, err = run("redact", path)
        self.assertEqual(rc, 0, err)
        self.assertTrue(out.endswith("\n"))
        return out, json.loads(out)

    def test_golden_eligible_basic(self):
        path = os.path.join(GOLDEN, "eligible-basic.json")
        out, doc = self.redact(path)
        with open(path, encoding="utf-8") as f:
            orig = json.load(f)
        a = doc["applicant"]
        self.assertEqual(a["name"], "山. 太.")
        self.assertEqual(a["name_kana"], "や. た.")
        self.assertEqual(a["address"], "東京都")
        self.assertEqual(a["postal_code"], "100-****")
        self.assertEqual(a["phone"], "**-****-5678")
        self.assertEqual(a["mobile"], "***-****-5678")
        self.assertEqual(a["email"], "t***@example.jp")
        self.assertEqual(doc["fee"]["payer_name"], "ヤ. タ.")
        for key in ("applied_on", "qualification", "certification",
                    "oath_agreed", "activities"):
            self.assertEqual(doc[key], orig[key])
        # the employer of a named person is personal data: nothing kept
        self.assertEqual(a["company"], "***")
        self.assertEqual(a["company_kana"], "***")
        self.assertEqual(list(doc), list(orig))
        for s in PERSONAL:
            self.assertNotIn(s, out)
        # the redacted case is checked like the original, but for the
        # masked fields (phone, postal code, kana no longer valid)
        _, r1, _ = run("check", path)
        rc, r2, _ = run("check", "-", stdin=out.encode("utf-8"))
        r1, r2 = json.loads(r1), json.loads(r2)
        self.assertEqual(r1["points"], r2["points"])
        self.assertEqual(r1["activities"], r2["activities"])
        self.assertEqual(
            [d for d in r1["diagnostics"]
             if not d["path"].startswith(("/applicant", "/fee/payer_name"))],
            [d for d in r2["diagnostics"]
             if not d["path"].startswith(("/applicant", "/fee/payer_name"))])

    def test_example_eligible(self):
        path = os.path.join(EXAMPLES, "eligible.json")
        if not os.path.exists(path):
            self.skipTest("no examples/eligible.json")
        with open(path, encoding="utf-8") as f:
            orig = json.load(f)
        out, doc = self.redact(path)
        a, o = doc["applicant"], orig["applicant"]
        self.assertEqual(doc["certification"], orig["certification"])
        self.assertEqual(doc["activities"], orig["activities"])
        self.assertEqual(a["name"],
                         " ".join(p[0] + "." for p in o["name"].split()))
        for key in ("phone", "mobile"):
            if key in o:
                self.assertTrue(a[key].endswith(o[key][-4:]))
                self.assertNotIn(o[key][:-5], out)
        self.assertNotIn(o["email"].split("@")[0], out)

    def test_output_file(self):
        with tempfile.TemporaryDirectory() as d:
            target = os.path.join(d, "out.json")
            rc, out, err = run("redact",
                               os.path.join(GOLDEN, "eligible-basic.json"),
                               "-o", target)
            self.assertEqual(rc, 0, err)
            self.assertEqual(out, "")
            with open(target, encoding="utf-8") as f:
                self.assertEqual(json.load(f)["applicant"]["name"], "山. 太.")
            rc, _, err = run("redact",
                             os.path.join(GOLDEN, "eligible-basic.json"),
                             "-o", os.path.join(d, "no", "such", "dir.json"))
            self.assertEqual(rc, 4)

    def test_stdin(self):
        with open(os.path.join(GOLDEN, "eligible-basic.json"), "rb") as f:
            data = f.read()
        rc, out, _ = run("redact", "-", stdin=data)
        self.assertEqual(rc, 0)
        self.assertEqual(json.loads(out)["applicant"]["address"], "東京都")

    def test_broken_file_is_an_input_error(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "broken.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write('{"applicant": {"name": "山田 太郎", "phone": ')
            rc, out, err = run("redact", path)
            self.assertEqual(rc, 2)
            self.assertEqual(out, "")
            self.assertIn("input.syntax", err)
            self.assertNotIn("山田", err)
            target = os.path.join(d, "out.json")
            rc, _, _ = run("redact", path, "-o", target)
            self.assertEqual(rc, 2)
            self.assertFalse(os.path.exists(target))

    def test_duplicate_key_is_an_input_error(self):
        path = os.path.join(GOLDEN, "input-error-duplicate-key.json")
        rc, out, err = run("redact", path)
        self.assertEqual(rc, 2)
        self.assertEqual(out, "")
        self.assertIn("input.duplicate_key", err)

    def test_missing_file_is_an_io_error(self):
        rc, _, err = run("redact", "/nonexistent/app.json")
        self.assertEqual(rc, 4)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_cli_audit_redact.py PATH/TO/cpd")
    CPD = os.path.abspath(sys.argv.pop(1))
    unittest.main()
