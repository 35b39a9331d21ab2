#!/usr/bin/env python3
"""What `cpd` shows people cannot be turned against them:

  finding 6  markup in any policy string or application string stays text
             in the HTML report (attributes included), and the page's CSP
             forbids forms and <base>;
  finding 7  control characters (an escape sequence) never reach the
             terminal, from any source: an application, a policy, a
             roster, a CSV cell, the command line; bidi overrides (U+202E)
             are shown as "<U+202E>" in human output and in the HTML;
  finding 9  every output document is valid UTF-8, whatever the caps
             (0 to 999999.99): labels are never cut inside a character.

    python3 tests/test_output_safety.py PATH/TO/cpd
"""
import html.parser
import json
import os
import subprocess
import sys
import tempfile
import unittest

CPD = None
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ELIGIBLE = os.path.join(ROOT, "examples", "eligible.json")

# Markup that did damage: a refresh, a form, a base, a script, an event
# handler, in an attribute and in text.
MARKUP = ['"><meta http-equiv=refresh content="0;url=http://example.invalid/">',
          "'><form action=http://example.invalid/><button>x</button>",
          '<base href="http://example.invalid/">',
          "<script>alert(1)</script>",
          '" onmouseover="alert(1)',
          "<img src=x onerror=alert(1)>"]
ESC = "\x1b[31mred\x1b]0;title\x07\x9b2J"
RLO = "\u202e"


def env(lang="C"):
    e = dict(os.environ)
    for k in ("LC_ALL", "LC_MESSAGES", "NO_COLOR"):
        e.pop(k, None)
    e["LANG"] = lang
    return e


def run(*args, stdin=None, lang="C"):
    p = subprocess.run([CPD, *args], input=stdin, capture_output=True,
                       env=env(lang), timeout=120)
    return p.returncode, p.stdout, p.stderr


# ------------------------------------------------------------- the page

# Everything the report writes itself: elements, and the attributes each
# may carry.  Anything else in a page is markup that escaped.
ALLOWED = {
    "html": {"lang"}, "head": set(), "body": set(), "title": {"id"},
    "style": set(), "main": {"id", "data-decision", "data-personal",
                             "data-counted", "data-required"},
    "div": {"class", "id"}, "p": {"class", "id", "data-agreed",
                                  "data-count"},
    "h1": set(), "h2": {"class"}, "h3": set(), "span": {"class", "id",
                                                        "data-decision"},
    "section": {"id", "class", "data-personal", "data-decision",
                "data-section", "data-entries", "data-claimed",
                "data-counted", "data-cap"},
    "table": {"class", "id", "data-count"}, "thead": set(), "tbody": set(),
    "tr": {"class", "id", "data-index", "data-activity", "data-row",
           "data-id", "data-claimed", "data-counted", "data-status",
           "data-code", "data-severity", "data-path"},
    "th": {"class", "colspan"}, "td": {"class", "id", "title", "data-state",
                                       "data-qualification"},
    "colgroup": set(), "col": {"class"}, "a": {"href"}, "b": set(),
    "code": set(), "dl": {"class"}, "dt": set(), "dd": {"id", "data-status",
                                                       "data-counted",
                                                       "data-required",
                                                       "data-shortfall"},
    "footer": set(), "svg": {"class", "id", "xmlns", "viewbox", "role",
                             "aria-labelledby"},
    "defs": set(), "pattern": {"id", "width", "height", "patternunits",
                               "patterntransform"},
    "rect": {"class", "x", "y", "width", "height", "fill", "stroke",
             "data-category"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-width",
             "stroke-dasharray"},
    "g": {"class", "id", "font-size", "fill", "data-counted",
          "data-required", "data-section"},
    "text": {"x", "y", "font-weight", "text-anchor", "fill", "font-size"},
}
METAS = [{"charset": "utf-8"},
         {"http-equiv": "Content-Security-Policy"},
         {"name": "viewport"}, {"name": "generator"}]


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad = []
        self.text = []
        self.attrs = []
        self.csp = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.attrs.extend(v for v in a.values() if v)
        if tag == "meta":
            keys = {k: v for k, v in a.items() if k != "content"}
            if keys.get("http-equiv") == "Content-Security-Policy":
                self.csp = a.get("content")
            if not any(all(keys.get(k) == v for k, v in m.items())
                       and len(keys) == len(m) for m in
                       ({"charset": "utf-8"},
                        {"http-equiv": "Content-Security-Policy"},
                        {"name": "viewport"}, {"name": "generator"})):
                self.bad.append((tag, a))
            return
        if tag not in ALLOWED or not set(a) <= ALLOWED[tag]:
            self.bad.append((tag, a))
        if tag == "a" and not a.get("href", "").startswith("#diag-"):
            self.bad.append((tag, a))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def parse(page):
    p = Page()
    p.feed(page)
    p.close()
    return p


class Injection(unittest.TestCase):
    """Finding 6: a policy whose qualifications held markup redirected the
    page (data-qualification was not escaped)."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="cpd-safety.")

    def tearDown(self):
        self.tmp.cleanup()

    def put(self, name, doc):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        return path

    def hostile(self, markup):
        """A policy and an application with markup in every string they
        may hold (the qualification and a competency are the policy's)."""
        policy = {"name": markup + RLO + "x",
                  "qualifications": ["OMP", "CAP", markup],
                  "competencies": ["OP-1", markup]}
        with open(ELIGIBLE, encoding="utf-8") as f:
            app = json.load(f)
        app["qualification"] = markup
        app["certification"]["number"] = markup
        for k in app["applicant"]:
            app["applicant"][k] = markup
        app["fee"] = {"paid_on": markup, "payer_name": markup}
        for i, act in enumerate(app["activities"]):
            act["id"] = markup + str(i)
            act["title"] = markup
            act["evidence"] = [markup]
            act["competencies"] = [markup, "OP-1"]
        app["activities"][0]["completed_on"] = markup
        app["activities"][1]["hours"] = markup
        app["activities"][2]["category"] = markup
        app[markup] = markup  # an unknown field: its key is in a path
        return (self.put("policy.json", policy), self.put("app.json", app))

    def test_markup_in_every_string_stays_text(self):
        for markup in MARKUP:
            policy, app = self.hostile(markup)
            for extra in ([], ["--include-personal"], ["--lang", "en"]):
                rc, out, err = run("report", app, "--policy", policy, *extra)
                self.assertIn(rc, (0, 1), err.decode())
                page = parse(out.decode("utf-8"))
                self.assertEqual(page.bad, [], (markup, extra))
                # and it is there, as text or as an attribute's value
                self.assertIn(markup, "".join(page.text) + "".join(page.attrs))

    def test_csp_forbids_forms_and_base(self):
        rc, out, _ = run("report", ELIGIBLE)
        csp = parse(out.decode("utf-8")).csp
        for directive in ("default-src 'none'", "form-action 'none'",
                          "base-uri 'none'"):
            self.assertIn(directive, csp)


# ------------------------------------------------------------ terminals

def has_control(b):
    s = b.decode("utf-8")
    return [c for c in s if (ord(c) < 0x20 and c not in "\n") or
            0x7F <= ord(c) < 0xA0 or c == RLO]


class Terminal(unittest.TestCase):
    """Finding 7: escape sequences from a CSV cell (import-csv's message),
    the policy name (check --format text) and a roster's qualification
    (audit summary) reached the terminal."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="cpd-safety.")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def put(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path

    def assertSafe(self, data, where):
        self.assertEqual(has_control(data), [], where)

    def test_policy_name_in_the_text_report(self):
        policy = self.put("p.json", json.dumps({"name": "P" + ESC + RLO}))
        for cmd in (["check", ELIGIBLE, "--format", "text"],
                    ["report", ELIGIBLE, "--format", "text"]):
            rc, out, err = run(*cmd, "--policy", policy)
            self.assertEqual(rc, 0, err)
            self.assertSafe(out, cmd)
            self.assertIn("<U+202E>", out.decode())

    def test_application_strings_in_the_text_report(self):
        with open(ELIGIBLE, encoding="utf-8") as f:
            app = json.load(f)
        app["activities"][0]["title"] = "T" + ESC + RLO
        app["activities"][0]["id"] = "I" + ESC
        app["x" + ESC] = 1  # an unknown field: its key in a diagnostic's path
        path = self.put("a.json", json.dumps(app))
        for cmd in (["check", path, "--format", "text"],
                    ["report", path, "--format", "text"],
                    ["plan", path, "--as-of", "2027-01-10", "--format",
                     "text"]):
            for lang in ("C", "ja_JP.UTF-8"):
                rc, out, err = run(*cmd, lang=lang)
                self.assertIn(rc, (0, 1), err)
                self.assertSafe(out, (cmd, lang))
                self.assertSafe(err, (cmd, lang))

    def test_input_error_messages(self):
        # a duplicate key holding an escape: its path is in the message
        bad = self.put("dup.json", '{"a' + "\\u001b[31m" + '": 1, "a'
                       + "\\u001b[31m" + '": 2}')
        rc, out, err = run("check", bad, "--format", "text")
        self.assertEqual(rc, 2)
        self.assertSafe(err, "duplicate key")

    def test_import_csv_messages(self):
        applicant = self.put("ap.json", json.dumps({
            "applied_on": "2027-02-10", "qualification": "OMP",
            "certification": {"number": "OMP-1", "expires_on": "2027-03-31"}}))
        csv = ("title,completed_on,hours,category\r\n"
               "x,not a date" + ESC + RLO + ",1,A\r\n"
               "y,2024-06-01,1,Q" + ESC + "\r\n").encode()
        rc, out, err = run("import-csv", self.put("a.csv", csv),
                           "--applicant", applicant)
        self.assertEqual(rc, 2)
        self.assertSafe(err, "import-csv")
        self.assertIn("<U+202E>", err.decode())
        # a header no one knows
        csv = ("title" + ESC + ",completed_on,hours,category\r\n").encode()
        rc, _, err = run("import-csv", self.put("b.csv", csv),
                         "--applicant", applicant)
        self.assertEqual(rc, 2)
        self.assertSafe(err, "import-csv header")
        # the file name itself
        name = self.put("c" + ESC + ".csv", csv)
        rc, _, err = run("import-csv", name, "--applicant", applicant)
        self.assertSafe(err, "file name")

    def test_audit_summary(self):
        roster = self.put("r.ndjson", json.dumps(
            {"number": "OMP-1", "qualification": "Q" + ESC + RLO}) + "\n")
        rc, out, err = run("audit", roster, "--rate", "1", "--seed", "1")
        self.assertEqual(rc, 0, err)
        self.assertSafe(err, "audit summary")
        self.assertIn("<U+202E>", err.decode())

    def test_command_line_arguments(self):
        for args in (["check", "--bogus" + ESC], ["check", "a", "b" + ESC],
                     ["check", ELIGIBLE, "--format", "x" + ESC],
                     ["check", "missing" + ESC + ".json"]):
            rc, _, err = run(*args)
            self.assertIn(rc, (3, 4))
            self.assertSafe(err, args)

    def test_bidi_in_the_html_report(self):
        with open(ELIGIBLE, encoding="utf-8") as f:
            app = json.load(f)
        app["activities"][0]["title"] = "abc" + RLO + "fdp.exe"
        rc, out, _ = run("report", "-", stdin=json.dumps(app).encode())
        page = out.decode("utf-8")
        self.assertNotIn(RLO, page)
        self.assertIn("abc&lt;U+202E&gt;fdp.exe", page)


# ----------------------------------------------------------------- UTF-8

CAPS = ["0", "0.01", "5", "10", "99.99", "1000", "12345.67", "999999.99"]


class Utf8(unittest.TestCase):
    """Finding 9: with a cap of 10 or more the Japanese cap label was cut
    inside a character by a 32-byte buffer."""

    def test_every_document_is_utf8_for_every_cap(self):
        with tempfile.TemporaryDirectory(prefix="cpd-caps.") as tmp:
            for cap in CAPS:
                policy = os.path.join(tmp, "p.json")
                with open(policy, "w") as f:
                    f.write('{"sections": [{"category": "B", "per_year": '
                            'true, "cap": %s}, {"category": "C", '
                            '"per_year": true, "cap": %s}]}' % (cap, cap))
                plan = ["plan", ELIGIBLE, "--as-of", "2027-01-10"]
                for lang in ("ja", "en"):
                    for args in (["report", ELIGIBLE],
                                 ["report", ELIGIBLE, "--format", "text"],
                                 ["check", ELIGIBLE],
                                 ["check", ELIGIBLE, "--format", "text"],
                                 ["check", ELIGIBLE, "--format", "csv"],
                                 plan, plan + ["--format", "text"],
                                 ["policy"]):
                        rc, out, err = run(*args, "--policy", policy,
                                           "--lang", lang)
                        self.assertIn(rc, (0, 1), (cap, args, err))
                        out.decode("utf-8")  # strict: raises if cut
                        err.decode("utf-8")
                        if args[0] == "report" and len(args) == 2 and \
                                lang == "ja":
                            label = "合計（上限%sポイント）" % cap.rstrip(
                                "0").rstrip(".") if "." in cap else \
                                "合計（上限%sポイント）" % cap
                            self.assertIn(label, out.decode("utf-8"), cap)


def main():
    global CPD
    if len(sys.argv) < 2:
        sys.exit("usage: test_output_safety.py PATH/TO/cpd")
    CPD = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)


if __name__ == "__main__":
    main()
