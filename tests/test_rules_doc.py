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
  shared/spec;
- with the library's catalogue (--catalog PATH/TO/catalog_dump, as ctest
  runs it; the checks say "skipped" without it): a code of the library is
  missing from docs/RULES.md or has another severity or rule there, the
  document names a code the library does not have, a rule of the library
  has no section (or another title), or its Japanese source wording is
  empty or does not occur verbatim in the seed and among the rule's quotes
  in docs/RULES.md, or it names a policy key the section does not.

Run from the repository root:
    python3 tests/test_rules_doc.py [--catalog build/catalog_dump]
"""
import json
import os
import re
import subprocess
import sys
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
RULES = os.path.join(ROOT, "docs", "RULES.md")
JSON_MD = os.path.join(ROOT, "docs", "JSON.md")
SEED = os.path.join(ROOT, "docs", "seed", "renewal-application-form.txt")
SHARED_SEED = os.path.join(ROOT, "..", "shared", "seed",
                           "renewal-application-form.txt")
RULE_IDS = ["R%d" % i for i in range(1, 17)]
CATALOG = None  # the catalog_dump program (--catalog)
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
        # or a row of a case table (tests/test_rules.c: ROW(name), or a
        # row macro such as INVALID_HOURS(name, ...), which run_case runs as
        # a cmocka test of that name)
        row = re.search(r"\b[A-Z][A-Z_]*\(\s*%s\s*[,)]" % re.escape(name), src)
        ok = ok or (row is not None
                    and re.search(r"\.test_func\s*=\s*run_case\b", src))
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
        self.assertFalse(test_exists("tests/test_rules.c#check_one")[0])


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


def catalogue():
    """(codes, rules) of the library: {code: code info}, {id: rule info}."""
    p = subprocess.run([CATALOG], stdout=subprocess.PIPE, check=True,
                       timeout=60)
    codes, rules = {}, {}
    for line in p.stdout.decode("utf-8").splitlines():
        doc = json.loads(line)
        if doc["code"]:
            codes[doc["code"]["code"]] = doc["code"]
        else:
            rules[doc["rule"]["id"]] = doc["rule"]
    return codes, rules


def error_codes(doc):
    """code -> rule from the "Error codes" table."""
    body = sections(doc)["Diagnostic codes"].split("### Error codes", 1)[1]
    return {row[0].strip("`"): row[1] for row in table_rows(body)}


def part(body, name):
    """The text of a "**Name.**" part of a rule section, spaces folded."""
    text = body.split("**%s.**" % name, 1)[1]
    text = re.split(r"\n\*\*[A-Z][a-z ]+\.\*\*", text, 1)[0]
    return " ".join(text.split())


class Catalogue(unittest.TestCase):
    def setUp(self):
        if not CATALOG:
            self.skipTest("no --catalog: the library's catalogue not checked")
        self.doc = read(RULES)
        self.secs = sections(self.doc)
        self.codes, self.rules = catalogue()

    def test_the_catalogue_is_not_empty(self):
        self.assertGreater(len(self.codes), 30)
        self.assertEqual(sorted(self.rules, key=lambda r: int(r[1:])),
                         RULE_IDS)

    def test_every_diagnostic_code_is_in_the_document_as_it_is(self):
        lib = {c: (i["severity"], i["rule"]) for c, i in self.codes.items()
               if i["kind"] == "diagnostic"}
        self.assertEqual(rules_codes(self.doc), lib)

    def test_every_error_code_is_in_the_document_with_its_rule(self):
        lib = {c: i["rule"] or "" for c, i in self.codes.items()
               if i["kind"] != "diagnostic"}
        doc = {c: r if re.fullmatch(r"R\d+", r) else ""
               for c, r in error_codes(self.doc).items()}
        self.assertEqual(doc, lib)

    def test_the_document_names_no_code_the_library_lacks(self):
        named = set()
        for rule in RULE_IDS:
            named |= set(re.findall(r"`([a-z_]+\.[a-z_]+)`",
                                    part(self.secs[rule], "Codes")))
        named |= set(class_codes(self.doc))
        self.assertEqual(sorted(named - set(self.codes)), [])

    def test_each_rule_has_its_section_and_title(self):
        for rid, info in self.rules.items():
            title = re.search(r"^## %s (.*)$" % rid, self.doc, re.M)
            self.assertIsNotNone(title, rid)
            self.assertTrue(title.group(1).startswith(info["title"]),
                            "%s: '%s' vs '%s'" % (rid, title.group(1),
                                                  info["title"]))

    def test_source_wording_is_verbatim_in_the_seed_and_the_document(self):
        seed = read(SEED)
        for rid, info in self.rules.items():
            lines = info["source_ja"].split("\n")
            quotes = [l[2:] for l in self.secs[rid].splitlines()
                      if l.startswith("> ")]
            self.assertTrue(info["source_ja"].strip(), "%s: no source" % rid)
            for line in lines:
                self.assertIn(line, seed, "%s: not in the seed" % rid)
                self.assertIn(line, quotes,
                              "%s: not quoted in docs/RULES.md" % rid)

    def test_policy_keys_and_examples(self):
        for rid, info in self.rules.items():
            keys = part(self.secs[rid], "Policy keys")
            for key in filter(None, (k.strip() for k in
                                     info["policy_keys"].split(","))):
                self.assertIn("`%s`" % key, keys, rid)
            for field in ("text", "text_ja", "example", "example_ja"):
                self.assertTrue(info[field].strip(), "%s: no %s" % (rid, field))


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
    if "--catalog" in sys.argv:
        i = sys.argv.index("--catalog")
        CATALOG = sys.argv[i + 1]
        del sys.argv[i:i + 2]
    unittest.main(verbosity=2)
