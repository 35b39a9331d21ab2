#!/usr/bin/env python3
"""`cpd explain CODE|RULE` and `cpd explain --list`: every code and rule of
the library's catalogue explained in English and Japanese, with the form's
own words quoted exactly (they must occur in docs/seed/), and the errors.

    test_explain.py PATH/TO/cpd
"""
import json
import os
import re
import subprocess
import sys
import unicodedata
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SEED = os.path.join(ROOT, "docs", "seed", "renewal-application-form.txt")
CPD = None
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def run(*args, **environ):
    e = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    e.update(environ)
    p = subprocess.run([CPD, "explain", *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                       env=e, timeout=30)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def columns(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in line)


def listed():
    """(codes, rules) of `cpd explain --list --lang en`."""
    rc, out, err = run("--list", "--lang", "en")
    assert (rc, err) == (0, ""), (rc, err)
    codes = re.findall(r"^  ([a-z_]+(?:\.[a-z_0-9]+)?) ", out, re.M)
    rules = re.findall(r"^  (R\d+) ", out, re.M)
    return codes, rules


class Explain(unittest.TestCase):
    def test_section_capped_in_japanese_gives_the_cap_rule_and_its_source(self):
        rc, out, err = run("section.capped", "--lang", "ja")
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(out.startswith("section.capped（情報、R6）\n"), out)
        for words in ("R6 区分と上限", "> 合計（上限5ポイント）",
                      "> コン検が認定していない研修コースの受講（1年目）",
                      "> 個人学習（1年目）", "> プロフェッショナル活動（1年目）",
                      "> 合計（上限なし）", "B・C・D は年目ごとに各 5 ポイント",
                      "方針のキー: sections[].cap", "例: ",
                      "docs/RULES.md の R6"):
            self.assertIn(words, out)

    def test_section_capped_in_english(self):
        rc, out, err = run("section.capped", "--lang", "en")
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(out.startswith("section.capped (info, R6)\n"), out)
        self.assertIn("R6 Sections and caps", out)
        self.assertIn("> 合計（上限5ポイント）", out)  # the source stays Japanese
        self.assertIn("Policy keys: sections[].cap, sections[].per_year", out)

    def test_every_code_and_rule_is_explained_in_both_languages(self):
        codes, rules = listed()
        self.assertGreater(len(codes), 30)
        self.assertEqual(rules, ["R%d" % i for i in range(1, 17)])
        seed = open(SEED, encoding="utf-8").read()
        for lang in ("en", "ja"):
            for name in codes + rules:
                with self.subTest(name=name, lang=lang):
                    rc, out, err = run(name, "--lang", lang)
                    self.assertEqual((rc, err), (0, ""))
                    if name in codes:
                        self.assertTrue(out.startswith(name), out)
                    quotes = re.findall(r"^  > (.*)$", out, re.M)
                    if name in rules:
                        self.assertTrue(quotes, out)
                    for q in quotes:
                        self.assertIn(q, seed)
                    for line in out.splitlines():
                        if not line.startswith("  > "):
                            self.assertLessEqual(columns(line), 80, line)
                        # a "quoted" example is never cut by the wrap
                        self.assertEqual(line.count('"') % 2, 0, line)

    def test_a_quoted_date_stays_on_one_line(self):
        rc, out, err = run("R13", "--lang", "en")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn('"平成31年5月1日"', out)

    def test_a_code_of_no_rule_explains_the_code_only(self):
        rc, out, err = run("policy.invalid", "--lang", "en")
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(out.splitlines()[0], "policy.invalid (call error)")
        self.assertNotIn("Source", out)

    def test_json_is_the_catalogue_entry(self):
        rc, out, err = run("fee.late", "--format", "json")
        self.assertEqual((rc, err), (0, ""))
        doc = json.loads(out)
        self.assertEqual(doc["code"]["code"], "fee.late")
        self.assertEqual(doc["code"]["severity"], "fatal")
        self.assertEqual(doc["rule"]["id"], "R9")
        self.assertIn("認定審査手数料振込日", doc["rule"]["source_ja"])
        rc, out, _ = run("r3", "--format=json")
        self.assertEqual(rc, 0)
        self.assertIsNone(json.loads(out)["code"])
        self.assertEqual(json.loads(out)["rule"]["id"], "R3")

    def test_the_environment_picks_the_language(self):
        self.assertIn("区分と上限", run("R6", LANG="ja_JP.UTF-8")[1])
        self.assertIn("Sections and caps", run("R6", LANG="C")[1])
        self.assertIn("Sections and caps",
                      run("R6", "--lang", "en", LC_ALL="ja_JP.UTF-8")[1])

    def test_an_unknown_name_is_a_usage_error_that_names_it_safely(self):
        rc, out, err = run("section.cappd")
        self.assertEqual((rc, out), (3, ""))
        self.assertIn("'section.cappd' is neither a diagnostic code", err)
        self.assertIn("cpd explain --list", err)
        rc, out, err = run("R17", "--lang", "ja")
        self.assertEqual((rc, out), (3, ""))
        self.assertIn("'R17' は診断コードでもルール ID", err)
        rc, out, err = run("\x1b[31mred\u202e")
        self.assertEqual(rc, 3)
        self.assertNotIn("\x1b", err)
        self.assertNotIn("\u202e", err)

    def test_usage_errors(self):
        for args in ([], ["R1", "--list"], ["R1", "R2"], ["R1", "--format",
                                                          "xml"],
                     ["R1", "--lang", "fr"], ["--nosuch"]):
            with self.subTest(args=args):
                rc, out, err = run(*args)
                self.assertEqual((rc, out), (3, ""))
                self.assertIn("cpd explain", err)

    def test_help(self):
        rc, out, err = run("--help", "--lang", "en")
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(out.startswith("Usage: cpd explain CODE|RULE"))


if __name__ == "__main__":
    CPD = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
