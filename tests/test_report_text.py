#!/usr/bin/env python3
"""The terminal report (`cpd check --format text`, `cpd report --format
text`) against golden outputs in tests/report/, compared exactly, in
Japanese and English; plus what goldens cannot show: columns line up by
East Asian width, colour only on a terminal without NO_COLOR, nothing from
the application reaches the terminal as a control sequence.

    python3 tests/test_report_text.py PATH/TO/cpd [--update]

--update rewrites the goldens from the current output (review the diff).
"""
import os
import pty
import re
import select
import subprocess
import sys
import unicodedata
import unittest

CPD = None
UPDATE = False
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "report")
CASES = ("capped", "eligible", "ineligible")
EXIT = {"capped": 1, "eligible": 0, "ineligible": 1}


def env(extra=None):
    e = dict(os.environ)
    for k in ("LC_ALL", "LC_MESSAGES", "NO_COLOR", "COLUMNS"):
        e.pop(k, None)
    e["LANG"] = "C"
    if extra:
        e.update(extra)
    return e


def run(*args, extra_env=None):
    p = subprocess.run([CPD, *args], capture_output=True, timeout=60,
                       env=env(extra_env))
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def run_in_pty(*args, extra_env=None):
    """Runs cpd with stdout on a pseudo-terminal; returns (rc, output)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([CPD, *args], stdout=slave, stderr=subprocess.PIPE,
                         env=env(extra_env))
    os.close(slave)
    out = b""
    while True:
        r, _, _ = select.select([master], [], [], 30)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    rc = p.wait(timeout=30)
    p.stderr.close()
    return rc, out.decode("utf-8")


def columns(s):
    """Display width as a terminal draws it: wide and full-width 2."""
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def golden_path(case, cmd, lang):
    return os.path.join(DATA, "%s.%s.%s.txt" % (case, cmd, lang))


class Golden(unittest.TestCase):
    def check_golden(self, case, cmd, lang):
        rc, out, err = run(cmd, os.path.join(DATA, case + ".json"),
                           "--format", "text", "--lang", lang)
        self.assertEqual(rc, EXIT[case], err)
        self.assertEqual(err, "")
        path = golden_path(case, cmd, lang)
        if UPDATE:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(out)
        with open(path, encoding="utf-8", newline="") as f:
            expected = f.read()
        self.assertEqual(out, expected, "%s differs; rerun with --update "
                         "and review the diff if the change is meant" % path)

    def test_goldens(self):
        for case in CASES:
            for cmd in ("check", "report"):
                for lang in ("ja", "en"):
                    with self.subTest(case=case, cmd=cmd, lang=lang):
                        self.check_golden(case, cmd, lang)


def table(out, title):
    """The lines of the table under a heading line, up to a blank line."""
    lines = out.split("\n")
    i = lines.index(title)
    rows = []
    for line in lines[i + 1:]:
        if not line.strip():
            break
        rows.append(line)
    return rows


class Alignment(unittest.TestCase):
    def outputs(self):
        for case in CASES:
            for cmd in ("check", "report"):
                for lang in ("ja", "en"):
                    _, out, _ = run(cmd, os.path.join(DATA, case + ".json"),
                                    "--format", "text", "--lang", lang)
                    yield case, cmd, lang, out

    def test_section_table_columns_line_up(self):
        for case, cmd, lang, out in self.outputs():
            rows = table(out, "区分ごとの集計" if lang == "ja" else "Sections")
            self.assertEqual(len(rows), 11)  # header + A, B-1 ... D-3
            # the cap column is right-aligned: every row ends at the same
            # column once the trailing note (over the cap) is taken off
            ends = set()
            for r in rows:
                r = re.sub(r"  (上限超過|over the cap).*$", "", r)
                ends.add(columns(r))
            self.assertEqual(len(ends), 1, (case, cmd, lang, rows))
            # and the claimed column ends at one column in every row
            claimed = set()
            for r in rows:
                r = re.sub(r"  (上限超過|over the cap).*$", "", r)
                # everything up to the claimed column: drop counted and cap
                m = re.match(r"^(.*\S)\s+\S+\s+\S+$", r)
                claimed.add(columns(m.group(1)))
            self.assertEqual(len(claimed), 1, (case, cmd, lang, rows))

    def test_activity_table_columns_line_up(self):
        for case, cmd, lang, out in self.outputs():
            rows = table(out, "活動" if lang == "ja" else "Activities")
            self.assertGreater(len(rows), 1)
            ends = set()
            for r in rows:
                # up to the end of the counted column (the status follows)
                m = re.match(r"^(.*\S)\s\s\S+$", r)
                ends.add(columns(m.group(1)))
                self.assertLessEqual(columns(r), 80, r)
            self.assertEqual(len(ends), 1, (case, cmd, lang, rows))

    def test_long_titles_are_cut_to_the_column(self):
        _, out, _ = run("report", os.path.join(DATA, "capped.json"),
                        "--format", "text", "--lang", "ja")
        self.assertIn("外部セミナー：顧客体験（...", out)
        self.assertNotIn("長いタイトルの例", out)


class Terminal(unittest.TestCase):
    def test_no_colour_into_a_pipe(self):
        for cmd in ("check", "report"):
            _, out, _ = run(cmd, os.path.join(DATA, "capped.json"),
                            "--format", "text")
            self.assertNotIn("\x1b", out)

    def test_colour_on_a_terminal(self):
        rc, out = run_in_pty("check", os.path.join(DATA, "capped.json"),
                             "--format", "text", "--lang", "en")
        self.assertEqual(rc, 1)
        self.assertIn("\x1b[", out)
        self.assertIn("\x1b[1;33mincomplete", out)  # the decision, yellow

    def test_no_color_turns_colour_off_on_a_terminal(self):
        for cmd in ("check", "report"):
            rc, out = run_in_pty(cmd, os.path.join(DATA, "capped.json"),
                                 "--format", "text",
                                 extra_env={"NO_COLOR": "1"})
            self.assertEqual(rc, 1)
            self.assertNotIn("\x1b", out)
            self.assertIn("incomplete", out)

    def test_empty_no_color_leaves_colour_on(self):
        # no-color.org: "when present and not an empty string"
        _, out = run_in_pty("check", os.path.join(DATA, "capped.json"),
                            "--format", "text", extra_env={"NO_COLOR": ""})
        self.assertIn("\x1b[", out)

    def test_colour_is_the_same_text_as_plain(self):
        _, plain, _ = run("check", os.path.join(DATA, "capped.json"),
                          "--format", "text", "--lang", "ja")
        _, coloured = run_in_pty("check", os.path.join(DATA, "capped.json"),
                                 "--format", "text", "--lang", "ja")
        stripped = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
        self.assertEqual(stripped.replace("\r\n", "\n"), plain)

    def test_escape_sequences_from_the_application_are_neutralised(self):
        # capped.json's d1 title holds ESC [31m
        for colour in (False, True):
            if colour:
                _, out = run_in_pty("report", os.path.join(DATA, "capped.json"),
                                    "--format", "text")
                out = re.sub(r"\x1b\[[0-9;]*m", "", out)
            else:
                _, out, _ = run("report", os.path.join(DATA, "capped.json"),
                                "--format", "text")
            self.assertNotIn("\x1b", out)
            # shown, as every control character is (cli/safe.c), as U+FFFD
            self.assertIn("業界勉強会 講師\ufffd[31m", out)

    def test_report_text_to_a_file_has_no_colour(self):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "r.txt")
            rc, out = run_in_pty("report", os.path.join(DATA, "capped.json"),
                                 "--format", "text", "-o", path)
            self.assertEqual(rc, 1)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            self.assertNotIn("\x1b", text)
            self.assertIn("OMP", text)


class Problems(unittest.TestCase):
    def test_an_application_without_problems_says_so(self):
        # (and frees what the labels of problems would need: under ASan a
        # leak here fails the run)
        import json
        import tempfile
        with open(os.path.join(HERE, "..", "examples", "eligible.json"),
                  encoding="utf-8") as f:
            doc = json.load(f)
        doc["activities"][4]["points"] = 2  # B-2 no longer over its cap
        with tempfile.NamedTemporaryFile("w", suffix=".json",
                                         delete=False) as f:
            json.dump(doc, f, ensure_ascii=False)
        self.addCleanup(os.unlink, f.name)
        for lang, want in (("en", "No problems found."),
                           ("ja", "指摘事項はありません。")):
            rc, out, err = run("check", f.name, "--format", "text", "--lang",
                               lang)
            self.assertEqual(rc, 0, err)
            self.assertIn(want, out)
            self.assertEqual(err, "")

    def test_each_problem_names_its_field(self):
        _, out, _ = run("check", os.path.join(DATA, "capped.json"),
                        "--format", "text", "--lang", "ja")
        # 1-based, with the row of the form (JSON Pointers stay 0-based)
        self.assertIn("活動 11（A の 3 行目）証明書類  /activities/10/evidence  "
                      "[activity.evidence_missing]", out)
        self.assertIn("活動 9 修了日  /activities/8/completed_on", out)
        _, out, _ = run("check", os.path.join(DATA, "capped.json"),
                        "--format", "text", "--lang", "en")
        self.assertIn("Activity 9: completion date  "
                      "/activities/8/completed_on", out)
        self.assertIn("Activity 11 (A, row 3): evidence  "
                      "/activities/10/evidence", out)

    def test_worst_first(self):
        _, out, _ = run("check", os.path.join(DATA, "ineligible.json"),
                        "--format", "text", "--lang", "en")
        probs = out[out.index("Problems"):]
        sev = re.findall(r"^  (fatal|error|warning|info) ", probs, re.M)
        order = ["fatal", "error", "warning", "info"]
        self.assertEqual(sev, sorted(sev, key=order.index))

    def test_personal_details_never_appear(self):
        for cmd in ("check", "report"):
            for lang in ("ja", "en"):
                _, out, _ = run(cmd, os.path.join(DATA, "capped.json"),
                                "--format", "text", "--lang", lang)
                for secret in ("山田", "丸の内", "taro@", "1234-5678",
                               "ヤマダ"):
                    self.assertNotIn(secret, out)


def main():
    global CPD, UPDATE
    args = [a for a in sys.argv[1:] if a != "--update"]
    UPDATE = "--update" in sys.argv[1:]
    if len(args) != 1:
        sys.exit("usage: test_report_text.py PATH/TO/cpd [--update]")
    CPD = os.path.abspath(args[0])
    unittest.main(argv=[sys.argv[0], "-v"])


if __name__ == "__main__":
    main()
