#!/usr/bin/env python3
"""The applications file as `cpd reconcile` and `cpd notices` read it (one
reader, cli/applications.c): CR LF line ends and blank lines (lines are
numbered as an editor shows them, blank ones counted), a bad line named
by its number in English and Japanese with no personal data, a line over
the size of one document, more bad lines than are told, a file that is
not there; the two commands say the same words and write nothing when a
line is bad.

    test_applications.py PATH/TO/cpd
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "reconcile")
CPD = None
APPS = os.path.join(GOLDEN, "applications.ndjson")
PAY = os.path.join(GOLDEN, "payments-01.txt")
FROM = "office@example.jp"
ENV = {k: v for k, v in os.environ.items()
       if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE",
                    "CPD_SENDMAIL")}
NAME = "山田花子"  # personal data on a bad line: never in a message


def cpd(*args):
    p = subprocess.run([CPD, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=ENV, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8")


def golden_lines():
    with open(APPS, "rb") as f:
        return f.read().splitlines()


class ApplicationsFile(unittest.TestCase):
    def setUp(self):
        self.d = self.enterContext(tempfile.TemporaryDirectory())

    def write(self, name, data):
        p = os.path.join(self.d, name)
        pathlib.Path(p).write_bytes(data)
        return p

    def both(self, apps, lang):
        """(rc, stdout, stderr) of reconcile, then of notices, on apps;
        each writes into a path of its own that must stay absent."""
        out = os.path.join(self.d, "result.ndjson")
        box = os.path.join(self.d, "notices")
        r = cpd("reconcile", apps, PAY, "--fee", "10000", "--lang", lang,
                "-o", out)
        n = cpd("notices", apps, "--from", FROM, "--date", "2027-02-10",
                "--lang", lang, "-o", box)
        return r, n, out, box

    def test_crlf_and_blank_lines(self):
        """Lines are numbered with the blank ones (spaces only, too), and
        CR LF is a line end: the answers are the LF file's at the new
        numbers."""
        src = golden_lines()
        data = (b"\r\n" + b"\r\n".join(src[:3]) + b"\r\n \t \r\n\r\n" +
                b"\r\n".join(src[3:]))  # no final line end
        number = [2, 3, 4] + list(range(7, 7 + len(src) - 3))
        a = self.write("crlf.ndjson", data)
        rc, out, err = cpd("reconcile", APPS, PAY, "--fee", "10000")
        rc2, out2, err2 = cpd("reconcile", a, PAY, "--fee", "10000")
        self.assertEqual((rc, rc2), (1, 1), err + err2)
        want = [json.loads(l) for l in out.splitlines()]
        for w in want:  # the lines it names, and those it shares with
            if w["line"] is not None:
                w["line"] = number[w["line"] - 1]
            if "shared_with" in w:
                w["shared_with"] = [number[i - 1] for i in w["shared_with"]]
        self.assertEqual([json.loads(l) for l in out2.splitlines()], want)

        box = os.path.join(self.d, "box")
        rc, _, err = cpd("notices", a, "--from", FROM, "--date",
                         "2027-02-10", "-o", box)
        self.assertEqual(rc, 0, err)
        lines = sorted(int(f.split("-", 1)[0]) for f in os.listdir(box))
        self.assertEqual(lines, number)
        for f in os.listdir(box):
            i = number.index(int(f.split("-", 1)[0]))
            self.assertEqual(
                f.split("-", 1)[1],
                json.loads(src[i])["certification"]["number"] + ".eml")

    def test_bad_line_named(self):
        """A bad line after blank ones, and one over the size of a
        document: each named by its number (no text of it), exit 2,
        nothing written; the two commands say the same words."""
        src = golden_lines()
        bad = ('{"applicant": {"name": "%s", }' % NAME).encode("utf-8")
        huge = b'{"x": "' + b"a" * (4 << 20) + b'"}'
        data = (b"\n".join(src[:2]) + b"\n\n\n" + bad + b"\n" +
                b"\n".join(src[2:5]) + b"\n" + huge + b"\n" +
                b"\n".join(src[5:]) + b"\n")
        a = self.write("bad.ndjson", data)
        for lang, words in (("en", ("line 5: ", "line 9: ")),
                            ("ja", ("5 行目: ", "9 行目: "))):
            r, n, out, box = self.both(a, lang)
            self.assertEqual((r[0], r[1]), (2, b""), r[2])
            self.assertEqual((n[0], n[1]), (2, b""), n[2])
            self.assertFalse(os.path.exists(out))
            self.assertFalse(os.path.exists(box))
            for err in (r[2], n[2]):
                self.assertIn(words[0], err)
                self.assertIn(words[1], err)
                self.assertIn("[input.syntax]", err)
                self.assertIn("[input.too_large]", err)
                self.assertEqual(len(err.splitlines()), 2, err)
                self.assertNotIn(NAME, err)
            self.assertEqual(r[2].replace("cpd reconcile: ", ""),
                             n[2].replace("cpd notices: ", ""))

    def test_more_bad_lines_than_told(self):
        """The first 50 bad lines are told, the rest counted."""
        a = self.write("many.ndjson", b"{\n" * 53 + golden_lines()[0] +
                       b"\n")
        for lang, more in (("en", "3 more lines in error"),
                           ("ja", "ほかに 3 行のエラー")):
            r, n, _, _ = self.both(a, lang)
            for rc, _, err in (r, n):
                self.assertEqual(rc, 2, err)
                told = err.splitlines()
                self.assertEqual(len(told), 51, err)
                self.assertIn("50", told[49])
                self.assertTrue(told[50].endswith(more), told[50])

    def test_no_such_file(self):
        a = os.path.join(self.d, "none.ndjson")
        for lang, words in (("en", "cannot open " + a + ": "),
                            ("ja", a + " を開けません: ")):
            r, n, out, box = self.both(a, lang)
            self.assertEqual((r[0], r[1]), (4, b""))
            self.assertEqual((n[0], n[1]), (4, b""))
            self.assertTrue(r[2].startswith("cpd reconcile: " + words), r[2])
            self.assertTrue(n[2].startswith("cpd notices: " + words), n[2])
            self.assertFalse(os.path.exists(out))
            self.assertFalse(os.path.exists(box))


if __name__ == "__main__":
    CPD = os.path.abspath(sys.argv[1])
    del sys.argv[1:]
    unittest.main(verbosity=2)
