#!/usr/bin/env python3
"""`cpd notices`: one RFC 5322 message per application of the golden set
(tests/reconcile/), each read back with Python's email package
(policy.default) as a mail client reads it: To, From, Date, Message-ID,
the decoded Japanese subject, and a body with the decision, the points,
every finding in the library's words, the deadline and the fee's status
from a `cpd reconcile` result.  Also: nothing replaced without --force,
nothing sent without --sendmail (and a fake sendmail receives each
message with it), unreadable input refused with nothing written.

    test_notices.py PATH/TO/cpd
"""
import datetime
import email
import email.policy
import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "reconcile")
sys.path.insert(0, GOLDEN)
import make_golden  # noqa: E402

CPD = None
APPS = os.path.join(GOLDEN, "applications.ndjson")
FROM = "コン検事務局 <office@example.jp>"
ENV = {k: v for k, v in os.environ.items()
       if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE",
                    "CPD_SENDMAIL")}
# the words of the decision as the form's office writes them (cpd.h's
# cpd_decision_label)
DECISION_JA = {"eligible": "更新可", "incomplete": "要修正",
               "ineligible": "更新不可"}
SEVERITY_JA = {"error": "要修正", "fatal": "不可", "warning": "注意"}


def cpd(*args, env=None, stdin=None):
    p = subprocess.run([CPD, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env or ENV, input=stdin,
                       timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8")


def applications():
    with open(APPS, encoding="utf-8") as f:
        return [json.loads(l) for l in f]


def checks():
    """cpd check's result of each application."""
    out = []
    with open(APPS, "rb") as f:
        for line in f:
            rc, doc, _ = cpd("check", "-", stdin=line)
            out.append(json.loads(doc))
    return out


class Notices(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = os.path.join(cls.tmp.name, "out")
        cls.result = os.path.join(cls.tmp.name, "result.ndjson")
        rc, out, err = cpd("reconcile", APPS,
                           os.path.join(GOLDEN, "payments-01.txt"),
                           "--fee", "10000", "-o", cls.result)
        assert rc == 1, err
        rc, out, cls.err = cpd("notices", APPS, "--from", FROM, "-o", cls.dir,
                               "--reconcile", cls.result, "--date",
                               "2027-02-10")
        assert rc == 0, cls.err
        cls.apps = applications()
        cls.checks = checks()
        with open(cls.result, encoding="utf-8") as f:
            cls.fees = {l["line"]: l for l in map(json.loads, f)
                        if l["line"]}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, i):
        return os.path.join(self.dir, "%d-%s.eml" % (
            i + 1, self.apps[i]["certification"]["number"]))

    def message(self, i):
        with open(self.path(i), "rb") as f:
            raw = f.read()
        return raw, email.message_from_bytes(raw, policy=email.policy.default)

    def test_one_file_per_application(self):
        self.assertEqual(sorted(os.listdir(self.dir)),
                         sorted(os.path.basename(self.path(i))
                                for i in range(len(self.apps))))
        self.assertIn("nothing sent", self.err)

    def test_files_are_the_owners(self):
        self.assertEqual(stat.S_IMODE(os.stat(self.dir).st_mode), 0o700)
        for i in range(len(self.apps)):
            self.assertEqual(stat.S_IMODE(os.stat(self.path(i)).st_mode),
                             0o600)

    def test_headers(self):
        ids = set()
        for i, app in enumerate(self.apps):
            raw, m = self.message(i)
            to = m["To"].addresses[0]
            self.assertEqual(to.addr_spec, app["applicant"]["email"])
            self.assertEqual(to.display_name, app["applicant"]["name"] + " 様")
            frm = m["From"].addresses[0]
            self.assertEqual((frm.addr_spec, frm.display_name),
                             ("office@example.jp", "コン検事務局"))
            self.assertEqual(m["Date"].datetime, datetime.datetime(
                2027, 2, 10, 9, 0, tzinfo=datetime.timezone(
                    datetime.timedelta(hours=9))))
            self.assertRegex(m["Message-ID"],
                             r"^<cpd-notice\.[0-9a-f]{16}\.%d@example\.jp>$"
                             % (i + 1))
            ids.add(m["Message-ID"])
            decision = self.checks[i]["decision"]
            self.assertEqual(
                m["Subject"], "【資格更新】審査結果のお知らせ（%s、%s）" % (
                    app["certification"]["number"], DECISION_JA[decision]))
            self.assertEqual(m.get_content_type(), "text/plain")
            self.assertEqual(m.get_content_charset(), "utf-8")
            # the header as sent: ASCII, CRLF, no line over 78
            head = raw.split(b"\r\n\r\n", 1)[0]
            head.decode("ascii")
            for line in head.split(b"\r\n"):
                self.assertLessEqual(len(line), 78, line)
            self.assertNotIn(b"\n", head.replace(b"\r\n", b""))
        self.assertEqual(len(ids), len(self.apps))

    def test_body(self):
        for i, app in enumerate(self.apps):
            _, m = self.message(i)
            body = m.get_content()
            res = self.checks[i]
            self.assertTrue(body.startswith(app["applicant"]["name"] + " 様"))
            self.assertIn("判定: " + DECISION_JA[res["decision"]], body)
            self.assertIn("算入 %s / 必要 %s ポイント" % (
                res["points"]["counted"], res["points"]["required"]), body)
            self.assertIn("認定番号: " + app["certification"]["number"], body)
            shown = [d for d in res["diagnostics"] if d["severity"] != "info"]
            for d in shown:
                self.assertIn("[%s]" % SEVERITY_JA[d["severity"]], body)
                self.assertIn(d["message_ja"], body)
            fixable = any(d["severity"] == "error" for d in shown)
            self.assertEqual("2027-03-31 までに" in body,
                             fixable and res["decision"] != "ineligible",
                             body)
            fee = self.fees[i + 1]
            want = {"paid": "入金を確認しました",
                    "unpaid": "まだ確認できていません",
                    "ambiguous": "同じ振込名義の入金が複数",
                    "amount_differs": "手数料 10,000 円と異なります",
                    "outside_window": "受付期間（2027-01-01 〜 2027-03-31）"
                                      "の外です"}[fee["status"]]
            self.assertIn(want, body)
            self.assertEqual(make_golden.CASES[i][6], fee["status"])
            self.assertTrue(body.rstrip().endswith("コン検事務局"))

    def test_same_notice_same_message_id(self):
        with tempfile.TemporaryDirectory() as d:
            rc, _, err = cpd("notices", APPS, "--from", FROM, "-o", d,
                             "--reconcile", self.result, "--date",
                             "2027-02-10")
            self.assertEqual(rc, 0, err)
            for i in range(len(self.apps)):
                with open(self.path(i), "rb") as a, \
                        open(os.path.join(d, os.path.basename(self.path(i))),
                             "rb") as b:
                    self.assertEqual(a.read(), b.read())

    def test_english(self):
        with tempfile.TemporaryDirectory() as d:
            rc, _, err = cpd("notices", APPS, "--from", "office@example.jp",
                             "-o", d, "--lang", "en", "--date", "2027-02-10")
            self.assertEqual(rc, 0, err)
            with open(os.path.join(d, os.path.basename(self.path(0))),
                      "rb") as f:
                m = email.message_from_bytes(f.read(),
                                             policy=email.policy.default)
            self.assertEqual(m["Subject"],
                             "Your renewal application OMP-100001: eligible")
            self.assertEqual(m["From"].addresses[0].display_name, "")
            body = m.get_content()
            self.assertIn("Decision: eligible", body)
            self.assertNotIn("Fee:", body)  # no --reconcile


class Refusals(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def test_nothing_replaced_without_force(self):
        out = os.path.join(self.d, "out")
        args = ["notices", APPS, "--from", FROM, "-o", out, "--date",
                "2027-02-10"]
        self.assertEqual(cpd(*args)[0], 0)
        victim = os.path.join(out, sorted(os.listdir(out))[0])
        with open(victim, "wb") as f:
            f.write(b"the clerk's own edit")
        rc, _, err = cpd(*args, "--date", "2027-02-11")
        self.assertEqual(rc, 4, err)
        self.assertIn("--force", err)
        with open(victim, "rb") as f:
            self.assertEqual(f.read(), b"the clerk's own edit")
        rc, _, err = cpd(*args, "--force")
        self.assertEqual(rc, 0, err)
        with open(victim, "rb") as f:
            self.assertTrue(f.read().startswith(b"From: "))

    def test_no_address(self):
        with open(APPS, encoding="utf-8") as f:
            apps = [json.loads(l) for l in f][:3]
        apps[1]["applicant"]["email"] = "not an address"
        a = os.path.join(self.d, "a.ndjson")
        with open(a, "w", encoding="utf-8") as f:
            f.write("".join(json.dumps(x, ensure_ascii=False) + "\n"
                            for x in apps))
        out = os.path.join(self.d, "out")
        rc, _, err = cpd("notices", a, "--from", FROM, "-o", out, "--lang",
                         "en", "--date", "2027-02-10")
        self.assertEqual(rc, 1, err)
        self.assertIn("line 2: no usable e-mail address", err)
        self.assertNotIn("not an address", err)
        self.assertNotIn(apps[1]["applicant"]["name"], err)
        self.assertEqual(len(os.listdir(out)), 2)

    def test_unreadable_input(self):
        with open(APPS, "rb") as f:
            lines = f.read().splitlines(keepends=True)
        a = os.path.join(self.d, "a.ndjson")
        with open(a, "wb") as f:
            f.write(b"".join(lines[:2]) + b"{\n" + b"".join(lines[2:]))
        out = os.path.join(self.d, "out")
        rc, _, err = cpd("notices", a, "--from", FROM, "-o", out, "--lang",
                         "en")
        self.assertEqual(rc, 2, err)
        self.assertIn("line 3", err)
        self.assertFalse(os.path.exists(out))
        # a result made from other applications
        r = os.path.join(self.d, "r.ndjson")
        with open(r, "w") as f:
            f.write('{"line":1,"number":"OMP-999999","status":"paid","fee":'
                    '10000,"window":{"opens_on":"2027-01-01","closes_on":'
                    '"2027-03-31"},"payments":[]}\n')
        rc, _, err = cpd("notices", APPS, "--from", FROM, "-o", out,
                         "--reconcile", r, "--lang", "en")
        self.assertEqual(rc, 2, err)
        self.assertIn("other APPLICATIONS", err)
        with open(r, "w") as f:
            f.write('{"line":1,"status":"maybe"}\n')
        rc, _, err = cpd("notices", APPS, "--from", FROM, "-o", out,
                         "--reconcile", r, "--lang", "en")
        self.assertEqual(rc, 2, err)
        self.assertIn("not a cpd reconcile result", err)
        self.assertFalse(os.path.exists(out))

    def test_usage(self):
        out = os.path.join(self.d, "out")
        for args in ([APPS, "-o", out], [APPS, "--from", FROM],
                     [APPS, "--from", "office at example", "-o", out],
                     [APPS, "--from", "Name <a@b>\r\nBcc: x@y.jp", "-o", out],
                     [APPS, "--from", FROM, "-o", out, "--date", "someday"]):
            rc, _, _ = cpd("notices", *args)
            self.assertEqual(rc, 3, args)
        self.assertFalse(os.path.exists(out))

    def test_sendmail(self):
        spool = os.path.join(self.d, "spool")
        os.mkdir(spool)
        fake = os.path.join(self.d, "sendmail")
        with open(fake, "w") as f:
            f.write('#!/bin/sh\n[ "$1" = -t ] && [ "$2" = -oi ] || exit 9\n'
                    'n=$(ls "%s" | wc -l)\ncat > "%s/$n.eml"\n'
                    % (spool, spool))
        os.chmod(fake, 0o700)
        out = os.path.join(self.d, "out")
        env = dict(ENV, CPD_SENDMAIL=fake)
        rc, _, err = cpd("notices", APPS, "--from", FROM, "-o", out,
                         "--date", "2027-02-10", "--sendmail", "--lang", "en",
                         env=env)
        self.assertEqual(rc, 0, err)
        self.assertIn("and sent", err)
        sent = sorted(os.listdir(spool), key=lambda n: int(n.split(".")[0]))
        self.assertEqual(len(sent), len(os.listdir(out)))
        with open(os.path.join(spool, sent[0]), "rb") as f:
            raw = f.read()
        self.assertNotIn(b"\r\n", raw)
        m = email.message_from_bytes(raw, policy=email.policy.default)
        self.assertEqual(m["To"].addresses[0].addr_spec, "holder01@example.jp")
        # a program that is not there: nothing written
        env = dict(ENV, CPD_SENDMAIL=os.path.join(self.d, "none"))
        out2 = os.path.join(self.d, "out2")
        rc, _, err = cpd("notices", APPS, "--from", FROM, "-o", out2,
                         "--sendmail", env=env)
        self.assertEqual(rc, 4, err)
        self.assertFalse(os.path.exists(out2))


if __name__ == "__main__":
    CPD = os.path.abspath(sys.argv[1])
    del sys.argv[1:]
    unittest.main(verbosity=2)
