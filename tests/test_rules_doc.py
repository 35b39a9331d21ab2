#!/usr/bin/env python3
"""test_rules_doc.py - docs/RULES.md stays traced to the form and to the tests.

Fails when:
- a quoted source line of docs/RULES.md (a line starting with "> ") does not
  occur verbatim in docs/seed/renewal-application-form.txt, or the seed copy
  differs from ../shared/seed (checked when that directory exists, skipped
  otherwise);
- a rule R1..R16 has no section, no quote, no "Codes." part or no test;
- a test named in the rule -> tests table does not exist (a cmocka test not
  registered in its file, a Python method not defined, a golden case
  missing);
- the diagnostic codes of docs/RULES.md (the table, the severity classes,
  the rule sections) and of docs/JSON.md's message table disagree;
- README.md, docs/, include/ or libcpd/ still send the reader to
  shared/spec.

Run from the repository root (ctest does): python3 tests/test_rules_doc.py
"""
import os
import re
import sys
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
RULES = os.path.join(ROOT, "docs", "RULES.md")
JSON_MD = os.path.join(ROOT, "docs", "JSON.md")
SEED = os.path.join(ROOT, "docs", "seed", "renewal-application-form.txt")
SHARED_SEED = os.path.join(ROOT, "..", "shared", "seed",
                           "renewal-application-form.txt")
RULE_IDS = ["R%d" % i for i in range(1, 17)]
SEVERITIES = ("fatal", "error", "warning", "info")


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")


def sections(text):
    """{"R1": body, ...} for the '## Rn title' sections, and the others
    by title."""
    out = {}
    parts = re.split(r"^## ", text, flags=re.M)
    for part in parts[1:]:
        title, _, body = part.partition("\n")
        m = re.match(r"(R\d+) ", title)
        out[m.group(1) if m else title.strip()] = body
    return out


def table_rows(body):
    """The cells of each row of the markdown tables in body (header and
    separator rows left out)."""
    rows = []
    for line in body.splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if all(re.fullmatch(r"-+", c) for c in cells):
            rows.pop()  # the header row above the separator
            continue
        rows.append(cells)
    return rows


class SourceQuotes(unittest.TestCase):
    def setUp(self):
        self.doc = read(RULES)
        self.seed = read(SEED)

    def test_every_quote_occurs_verbatim_in_the_seed(self):
        quotes = [l[2:] for l in self.doc.splitlines() if l.startswith("> ")]
        self.assertGreater(len(quotes), 50)
        missing = [q for q in quotes if q not in self.seed]
        self.assertEqual(missing, [], "quotes not in the seed text")

    def test_every_rule_has_a_section_with_a_quote(self):
        secs = sections(self.doc)
        for rule in RULE_IDS:
            self.assertIn(rule, secs, "no section for %s" % rule)
            body = secs[rule]
            self.assertIn("**Source.**", body, rule)
            self.assertTrue(any(l.startswith("> ") for l in body.splitlines()),
                            "%s quotes nothing" % rule)
            for part in ("**Rule.**", "**Policy keys.**", "**Codes.**"):
                self.assertIn(part, body, "%s has no %s" % (rule, part))

    def test_seed_copy_is_the_shared_seed(self):
        if not os.path.exists(SHARED_SEED):
            self.skipTest("no ../shared/seed here")
        with open(SEED, "rb") as a, open(SHARED_SEED, "rb") as b:
            self.assertEqual(a.read(), b.read(),
                             "docs/seed differs from ../shared/seed")


def test_exists(ref):
    """(ok, why) for one `FILE#NAME` or `PATH` of the rule -> tests table."""
    path, _, name = ref.partition("#")
    full = os.path.join(ROOT, path)
    if not os.path.isfile(full):
        return False, "no file %s" % path
    if not name:
        return True, ""
    src = read(full)
    if path.endswith(".c"):
        ok = re.search(r"cmocka_unit_test\w*\(\s*%s\s*[,)]" % re.escape(name),
                       src) is not None
        ok = ok and re.search(r"\bvoid\s+%s\s*\(" % re.escape(name), src)
        return bool(ok), "%s is not a cmocka test of %s" % (name, path)
    if path.endswith(".py"):
        ok = re.search(r"^\s+def %s\(self" % re.escape(name), src, re.M)
        return bool(ok), "%s is not a test method of %s" % (name, path)
    return False, "unknown kind of test file %s" % path


class RuleToTests(unittest.TestCase):
    def setUp(self):
        self.secs = sections(read(RULES))
        self.rows = table_rows(self.secs["Rule → tests"])

    def test_every_rule_has_a_test(self):
        named = {row[0]: row[1] for row in self.rows}
        for rule in RULE_IDS:
            self.assertIn(rule, named, "%s has no row" % rule)
            self.assertRegex(named[rule], r"`[^`]+`", "%s has no test" % rule)

    def test_every_named_test_exists(self):
        bad = []
        count = 0
        for row in self.rows:
            for ref in re.findall(r"`([^`]+)`", row[1]):
                count += 1
                ok, why = test_exists(ref)
                if not ok:
                    bad.append("%s: %s" % (row[0], why))
        self.assertGreater(count, 100)
        self.assertEqual(bad, [])

    def test_the_checker_can_fail(self):
        self.assertFalse(test_exists("tests/test_rules.c#test_no_such_test")[0])
        self.assertFalse(test_exists("tests/test_cli.py#test_no_such_test")[0])
        self.assertFalse(test_exists("tests/golden/no-such-case.json")[0])
        # defined but not registered would not run: not a test
        self.assertFalse(test_exists("tests/test_rules.c#assert_diag_count_")[0])


def rules_codes(doc):
    """code -> (severity, rule) from the "Diagnostic codes" table."""
    rows = table_rows(sections(doc)["Diagnostic codes"].split("###")[0])
    return {row[0].strip("`"): (row[1], row[2]) for row in rows}


def class_codes(doc):
    """code -> severity from the "Severity classes" list."""
    out = {}
    for line_block in re.split(r"\n- ", sections(doc)["Severity classes"]):
        m = re.match(r"\*\*(\w+)\*\*", line_block.strip())
        if not m:
            continue
        for code in re.findall(r"`([a-z_]+\.[a-z_]+)`", line_block):
            out[code] = m.group(1)
    return out


def json_md_codes(text):
    """code -> severity from JSON.md's "Messages" table."""
    out = {}
    body = text.split("### Messages", 1)[1].split("\n## ", 1)[0]
    for row in table_rows(body):
        code = row[0].strip("`")
        if code and row[1] in SEVERITIES:
            out[code] = row[1]
    return out


class Codes(unittest.TestCase):
    def setUp(self):
        self.doc = read(RULES)
        self.table = rules_codes(self.doc)

    def test_the_table_agrees_with_the_severity_classes(self):
        classes = class_codes(self.doc)
        self.assertGreater(len(classes), 20)
        self.assertEqual({c: s for c, (s, _) in self.table.items()}, classes)

    def test_each_code_is_named_in_its_rule_section(self):
        secs = sections(self.doc)
        for code, (sev, rule) in self.table.items():
            body = secs[rule].split("**Codes.**", 1)[1].split("**Readings.**")[0]
            body = " ".join(body.split())
            self.assertIn("`%s` (%s" % (code, sev), body,
                          "%s is not listed with its severity under %s"
                          % (code, rule))

    def test_json_md_has_the_same_codes_and_severities(self):
        self.assertEqual({c: s for c, (s, _) in self.table.items()},
                         json_md_codes(read(JSON_MD)))


class NoSharedSpec(unittest.TestCase):
    def test_nothing_points_to_shared_spec(self):
        hits = []
        paths = [os.path.join(ROOT, "README.md")]
        for top in ("docs", "include", "libcpd"):
            for d, _, files in os.walk(os.path.join(ROOT, top)):
                paths += [os.path.join(d, f) for f in files]
        for p in paths:
            try:
                text = read(p)
            except (UnicodeDecodeError, OSError):
                continue
            for n, line in enumerate(text.splitlines(), 1):
                if "shared/spec" in line:
                    hits.append("%s:%d" % (os.path.relpath(p, ROOT), n))
        self.assertEqual(hits, [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
