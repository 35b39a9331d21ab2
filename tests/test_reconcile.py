#!/usr/bin/env python3
"""`cpd reconcile`: the golden files of tests/reconcile/ (made by
tests/reconcile/make_golden.py, whose CASES say what each application
must get), every status, the same answers from the Zengin files (01 with
CR LF, 03 without) and the CSV exports (CP932 and UTF-8), the three output
formats agreeing, the text table against its goldens, and unreadable
input refused with its record or row and column, nothing written.

    test_reconcile.py PATH/TO/cpd            run
    test_reconcile.py PATH/TO/cpd --update   rewrite the text goldens
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "reconcile")
sys.path.insert(0, GOLDEN)
import make_golden  # noqa: E402  (the cases live there, once)

CPD = None
UPDATE = False
APPS = os.path.join(GOLDEN, "applications.ndjson")
PAYMENT_FILES = ["payments-01.txt", "payments-03.txt", "payments.csv",
                 "payments-utf8.csv"]
ENV = {k: v for k, v in os.environ.items()
       if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}


def run(*args, stdin=None):
    p = subprocess.run([CPD, "reconcile", *args], input=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=ENV, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8")


def reconcile_json(payments, *extra):
    rc, out, err = run(APPS, payments, "--fee", "10000", *extra)
    lines = [json.loads(l) for l in out.decode("utf-8").splitlines()]
    return rc, lines, err


def answers(lines):
    """What an answer is, whatever the source: each application's status
    and its payments' dates and amounts; the unclaimed payments'."""
    out = []
    for l in lines:
        out.append((l["line"], l["status"],
                    [(p["date"], p["amount"]) for p in l["payments"]]))
    return out


def personal_texts():
    """Names that must never reach stderr."""
    texts = []
    for c in make_golden.CASES:
        texts += [c[3], c[4], c[7]] + ([c[5]] if c[5] else [])
    texts += [p[0] for p in make_golden.PAYMENTS]
    return [t for t in texts if t]


class Golden(unittest.TestCase):
    def check_statuses(self, payments):
        rc, lines, err = reconcile_json(os.path.join(GOLDEN, payments))
        self.assertEqual(rc, 1, err)
        apps = [l for l in lines if l["line"] is not None]
        self.assertEqual(len(apps), len(make_golden.CASES))
        for l, case in zip(apps, make_golden.CASES):
            self.assertEqual(l["status"], case[6],
                             "%s (%s): %s" % (case[0], payments, l))
            self.assertEqual(l["number"], case[2])
        unclaimed = [l for l in lines if l["status"] == "unclaimed"]
        self.assertEqual(len(unclaimed), len(make_golden.UNCLAIMED))
        for l, name in zip(unclaimed, make_golden.UNCLAIMED):
            self.assertIsNone(l["line"])
            self.assertEqual(len(l["payments"]), 1)
            self.assertTrue(l["payments"][0]["name"].endswith(name))
        for t in personal_texts():
            self.assertNotIn(t, err)
        return lines

    def test_zengin_01(self):
        lines = self.check_statuses("payments-01.txt")
        paid = lines[0]
        self.assertEqual(paid["payments"], [{
            "record": 2, "reference": "000001", "date": "2027-01-20",
            "amount": 10000, "name": "ﾔﾏﾀﾞ ﾀﾛｳ"}])
        self.assertEqual(paid["window"], {"opens_on": "2027-01-01",
                                          "closes_on": "2027-03-31"})
        self.assertEqual(paid["fee"], 10000)

    def test_zengin_03(self):
        self.check_statuses("payments-03.txt")

    def test_csv_cp932(self):
        lines = self.check_statuses("payments.csv")
        p = lines[0]["payments"][0]
        self.assertEqual((p["row"], p["date"], p["amount"], p["name"]),
                         (2, "2027-01-20", 10000, "振込 ﾔﾏﾀﾞ ﾀﾛｳ"))

    def test_csv_utf8(self):
        self.check_statuses("payments-utf8.csv")

    def test_every_status_is_there(self):
        rc, lines, _ = reconcile_json(os.path.join(GOLDEN, "payments-01.txt"))
        self.assertEqual({l["status"] for l in lines},
                         {"paid", "unpaid", "ambiguous", "amount_differs",
                          "outside_window", "unclaimed"})

    def test_ambiguous_lists_the_candidates(self):
        rc, lines, _ = reconcile_json(os.path.join(GOLDEN, "payments-01.txt"))
        by_number = {l["number"]: l for l in lines if l["number"]}
        a, b = by_number["OMP-100009"], by_number["OMP-100010"]
        self.assertEqual(a["shared_with"], [b["line"]])
        self.assertEqual(b["shared_with"], [a["line"]])
        self.assertEqual(a["payments"], b["payments"])
        twice = by_number["OMP-100011"]
        self.assertEqual(twice["candidates"], 2)
        self.assertEqual([p["date"] for p in twice["payments"]],
                         ["2027-02-04", "2027-02-05"])
        self.assertEqual(twice["shared_with"], [])

    def test_sources_give_the_same_answers(self):
        first = None
        for f in PAYMENT_FILES:
            rc, lines, _ = reconcile_json(os.path.join(GOLDEN, f))
            a = answers(lines)
            if first is None:
                first = a
            self.assertEqual(a, first, f)

    def test_cancelled_notice_left_out(self):
        # the 01 file holds a notice and its cancellation (照会番号 90)
        rc, lines, err = reconcile_json(os.path.join(GOLDEN,
                                                     "payments-01.txt"))
        refs = [p["reference"] for l in lines for p in l["payments"]]
        self.assertNotIn("000090", refs)
        self.assertIn("(2 records left out: no payment by transfer", err)


class Formats(unittest.TestCase):
    def test_csv_agrees_with_json(self):
        for f in PAYMENT_FILES:
            path = os.path.join(GOLDEN, f)
            rc, out, _ = run(APPS, path, "--fee", "10000", "--format", "csv")
            self.assertEqual(rc, 1)
            self.assertTrue(out.startswith(b"\xef\xbb\xbf"))
            text = out[3:].decode("utf-8")
            self.assertTrue(all(l.endswith("\r") for l in
                                text.split("\n")[:-1]))
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            rc, lines, _ = reconcile_json(path)
            want = []
            for l in lines:
                for p in l["payments"] or [None]:
                    want.append((str(l["line"] or ""), l["status"],
                                 p["date"] if p else "",
                                 str(p["amount"]) if p else ""))
            got = [(r["line"], r["status"], r["date"], r["amount"])
                   for r in rows]
            self.assertEqual(got, want, f)

    def test_csv_cp932(self):
        rc, out, _ = run(APPS, os.path.join(GOLDEN, "payments-01.txt"),
                         "--fee", "10000", "--format", "csv",
                         "--csv-encoding", "cp932")
        self.assertEqual(rc, 1)
        self.assertFalse(out.startswith(b"\xef\xbb\xbf"))
        text = out.decode("cp932")
        self.assertIn("ﾔﾏﾀﾞ ﾀﾛｳ", text)
        rc2, utf8, _ = run(APPS, os.path.join(GOLDEN, "payments-01.txt"),
                           "--fee", "10000", "--format", "csv")
        self.assertEqual(text, utf8[3:].decode("utf-8"))

    def test_text_goldens(self):
        for lang in ("ja", "en"):
            rc, out, _ = run(APPS, os.path.join(GOLDEN, "payments-01.txt"),
                             "--fee", "10000", "--format", "text",
                             "--lang", lang)
            self.assertEqual(rc, 1)
            path = os.path.join(GOLDEN, "text-%s.txt" % lang)
            if UPDATE:
                with open(path, "wb") as f:
                    f.write(out)
            with open(path, "rb") as f:
                self.assertEqual(out.decode("utf-8"), f.read().decode("utf-8"))

    def test_text_has_no_trailing_spaces(self):
        rc, out, _ = run(APPS, os.path.join(GOLDEN, "payments.csv"),
                         "--fee", "10000", "--format", "text")
        for line in out.decode("utf-8").splitlines():
            self.assertEqual(line, line.rstrip(" "))

    def test_output_file_is_written_atomically(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "result.ndjson")
            rc, stdout, _ = run(APPS, os.path.join(GOLDEN, "payments-01.txt"),
                                "--fee", "10000", "-o", out)
            self.assertEqual((rc, stdout), (1, b""))
            with open(out, "rb") as f:
                self.assertEqual(len(f.read().splitlines()), 15)
            # a failing run leaves it as it was
            with open(out, "rb") as f:
                before = f.read()
            bad = os.path.join(d, "bad.txt")
            with open(os.path.join(GOLDEN, "payments-01.txt"), "rb") as f:
                data = f.read()
            with open(bad, "wb") as f:
                f.write(data[:1000])
            rc, _, _ = run(APPS, bad, "--fee", "10000", "-o", out)
            self.assertEqual(rc, 2)
            with open(out, "rb") as f:
                self.assertEqual(f.read(), before)
            self.assertEqual(sorted(os.listdir(d)),
                             ["bad.txt", "result.ndjson"])


def write(d, name, data):
    path = os.path.join(d, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


class Everything(unittest.TestCase):
    def test_exit_0_when_everything_is_paid(self):
        with tempfile.TemporaryDirectory() as d:
            with open(APPS, "rb") as f:
                apps = f.read().splitlines(keepends=True)
            a = write(d, "apps.ndjson", b"".join(apps[:2]))
            p = write(d, "pay.csv", "日付,振込依頼人名,入金額\n"
                      "2027-01-20,ﾔﾏﾀﾞ ﾀﾛｳ,10000\n"
                      "R9.1.21,ｷﾂｶﾜ ｼﾞﾕﾝｲﾁ,\"10,000\"\n".encode())
            rc, out, err = run(a, p, "--fee", "10000")
            self.assertEqual(rc, 0, err)
            self.assertEqual([json.loads(l)["status"]
                              for l in out.splitlines()], ["paid", "paid"])


class Refused(unittest.TestCase):
    """Unreadable input: exit 2, the record or row and the column named,
    nothing on stdout, no name in the message."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name
        with open(os.path.join(GOLDEN, "payments-01.txt"), "rb") as f:
            self.z01 = f.read()
        with open(os.path.join(GOLDEN, "payments-03.txt"), "rb") as f:
            self.z03 = f.read()
        with open(os.path.join(GOLDEN, "payments.csv"), "rb") as f:
            self.csv = f.read()

    def tearDown(self):
        self.tmp.cleanup()

    def refused(self, data, *needles, name="pay.txt", extra=()):
        p = write(self.d, name, data)
        rc, out, err = run(APPS, p, "--fee", "10000", "--lang", "en", *extra)
        self.assertEqual(rc, 2, err)
        self.assertEqual(out, b"")
        for n in needles:
            self.assertIn(n, err)
        for t in personal_texts():
            self.assertNotIn(t, err)
        return err

    def record(self, data, i, width=202):
        return bytearray(data[i * width:(i + 1) * width])

    def test_truncated_record(self):
        # the fifth record cut after 120 bytes, the rest as it was
        cut = self.z01[:4 * 202 + 120] + b"\r\n" + self.z01[5 * 202:]
        self.refused(cut, "record 5, column 121",
                     "ends after 120 bytes, not 200")

    def test_truncated_file(self):
        self.refused(self.z01[:3 * 202 + 77], "record 4, column 78",
                     "file ends after 77 bytes")
        self.refused(self.z03[:200 * 6 + 50], "record 7, column 51")

    def test_cut_before_the_trailer(self):
        self.refused(self.z01[:6 * 202], "record 7", "trailer (8) and end")
        self.refused(self.z01[:-202], "end record (9) is missing")

    def test_mixed_encoding_in_a_record(self):
        # UTF-8 kana in the third record's 振込依頼人名 (column 50)
        data = bytearray(self.z01)
        name = "ヤマ".encode("utf-8")
        data[2 * 202 + 49:2 * 202 + 49 + len(name)] = name
        self.refused(bytes(data), "record 3, column 50", "0xE3",
                     "not a Zengin character")

    def test_mixed_encoding_in_a_csv(self):
        # a UTF-8 cell in the CP932 export: the row and column of its
        # first byte
        text = self.csv.decode("cp932").split("\r\n")
        bad = "\r\n".join(text[:5]).encode("cp932") + b"\r\n" + \
            text[5].replace("振込", "\x00").encode("cp932").replace(
                b"\x00", "＠".encode("utf-8")) + b"\r\n" + \
            "\r\n".join(text[6:]).encode("cp932")
        self.refused(bad, "row 6", "column 2", name="pay.csv")

    def test_trailer_counts_and_sums(self):
        n = self.z01.count(b"\r\n")
        tr = self.record(self.z01, n - 2)
        tr[1:7] = b"%06d" % (int(tr[1:7]) + 1)
        data = self.z01[:(n - 2) * 202] + bytes(tr) + self.z01[(n - 1) * 202:]
        self.refused(data, "column 2 (振込合計件数)", "the trailer says")
        tr = self.record(self.z01, n - 2)
        tr[7:19] = b"%012d" % (int(tr[7:19]) + 1)
        data = self.z01[:(n - 2) * 202] + bytes(tr) + self.z01[(n - 1) * 202:]
        self.refused(data, "column 8 (振込合計金額)")
        # 03: 入金件数 and データ・レコード件数
        n3 = len(self.z03) // 200
        tr = bytearray(self.z03[(n3 - 2) * 200:(n3 - 1) * 200])
        tr[54:61] = b"%07d" % (int(tr[54:61]) - 1)
        data = self.z03[:(n3 - 2) * 200] + bytes(tr) + self.z03[-200:]
        self.refused(data, "column 55 (データ・レコード件数)")

    def test_bad_fields(self):
        rec = self.record(self.z01, 1)
        rec[7:13] = b"091332"  # 勘定日: 13 月
        data = self.z01[:202] + bytes(rec) + self.z01[404:]
        self.refused(data, "record 2, column 8 (勘定日)", "'091332'")
        rec = self.record(self.z01, 1)
        rec[19:29] = b"00001O0000"  # 金額 with a letter O
        data = self.z01[:202] + bytes(rec) + self.z01[404:]
        self.refused(data, "record 2, column 20 (金額)", "not a number")
        rec = self.record(self.z01, 1)
        rec[7:13] = b"010430"  # 令和1年4月30日: before 令和 began
        data = self.z01[:202] + bytes(rec) + self.z01[404:]
        self.refused(data, "column 8 (勘定日)", "not a date of 令和")
        hdr = self.record(self.z01, 0)
        hdr[1:3] = b"21"  # 総合振込: not read
        self.refused(bytes(hdr) + self.z01[202:], "record 1, column 2",
                     "only 01")
        rec = self.record(self.z03, 1, 200)
        rec[21:22] = b"3"  # 入払区分
        self.refused(self.z03[:200] + bytes(rec) + self.z03[400:],
                     "record 2, column 22 (入払区分)")

    def test_record_order(self):
        data = self.z01[202:]  # no header
        self.refused(data, "record 1, column 1", "before its header")
        end = self.z01[-202:]
        self.refused(self.z01 + b"2" + b" " * 199 + b"\r\n",
                     "data after the end record")
        self.assertTrue(end.startswith(b"9"))

    def test_csv_cells(self):
        rows = self.csv.decode("cp932").split("\r\n")
        bad = rows[:3] + [rows[3].replace("2027/01/21", "2027/02/30")] + \
            rows[4:]
        self.refused("\r\n".join(bad).encode("cp932"), "row 4, column 1",
                     "not a date", name="pay.csv")
        bad = rows[:3] + [rows[3].replace('"10,000"', "1O,000", 1)] + \
            rows[4:]
        self.refused("\r\n".join(bad).encode("cp932"), "row 4, column 3",
                     "not an amount", name="pay.csv")
        self.refused("名前,金額\r\nx,1\r\n".encode("cp932"),
                     "row 1", "the date", name="pay.csv")

    def test_unreadable_application_line(self):
        with open(APPS, "rb") as f:
            apps = f.read().splitlines(keepends=True)
        a = write(self.d, "apps.ndjson",
                  b"".join(apps[:3]) + b'{"applied_on": }\n' +
                  b"".join(apps[3:]))
        p = write(self.d, "pay.txt", self.z01)
        rc, out, err = run(a, p, "--fee", "10000", "--lang", "en")
        self.assertEqual((rc, out), (2, b""))
        self.assertIn("line 4", err)
        self.assertIn("input.syntax", err)

    def test_era(self):
        p = write(self.d, "pay.txt", self.z01)
        rc, out, err = run(APPS, p, "--fee", "10000", "--era", "heisei")
        statuses = [json.loads(l)["status"] for l in out.splitlines()]
        self.assertEqual(rc, 1, err)
        self.assertNotIn("paid", statuses)  # 平成9年 is 1997
        self.assertIn("outside_window", statuses)


class Usage(unittest.TestCase):
    def test_usage_errors(self):
        pay = os.path.join(GOLDEN, "payments-01.txt")
        for args in ([APPS, pay], [APPS, pay, "--fee", "ten"],
                     [APPS, pay, "--fee", "0"], [APPS],
                     [APPS, pay, "--fee", "10000", "--csv-encoding", "cp932"],
                     [APPS, pay, "--fee", "10000", "--era", "showa"]):
            rc, out, err = run(*args)
            self.assertEqual(rc, 3, args)
            self.assertEqual(out, b"")

    def test_help(self):
        rc, out, _ = run("--help", "--lang", "en")
        self.assertEqual(rc, 0)
        self.assertIn(b"--fee YEN", out)


class FeeFromPolicy(unittest.TestCase):
    """The fee from the policy's fee.amount when --fee is not given."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.pay = os.path.join(GOLDEN, "payments-01.txt")

    def tearDown(self):
        self.tmp.cleanup()

    def policy(self, doc):
        return write(self.tmp.name, "policy.json", json.dumps(doc).encode())

    def test_the_policy_gives_the_same_answers_as_fee(self):
        _, want, _ = reconcile_json(self.pay)
        pol = self.policy({"fee": {"amount": 10000}})
        rc, out, err = run(APPS, self.pay, "--policy", pol)
        got = [json.loads(l) for l in out.decode("utf-8").splitlines()]
        self.assertEqual(rc, 1, err)
        self.assertEqual(got, want)

    def test_fee_wins_over_the_policy(self):
        pol = self.policy({"fee": {"amount": 12000}})
        _, want, _ = reconcile_json(self.pay)
        _, got, _ = reconcile_json(self.pay, "--policy", pol)
        self.assertEqual(got, want)
        rc, out, _ = run(APPS, self.pay, "--policy", pol)
        lines = [json.loads(l) for l in out.decode("utf-8").splitlines()]
        self.assertEqual({l["fee"] for l in lines if "fee" in l}, {12000})
        self.assertNotIn("paid", [l["status"] for l in lines])

    def test_each_application_takes_its_versions_fee(self):
        # The golden applications are made on 2027-01-xx and 2027-02-xx:
        # a fee raised from 2027-02-01 applies to the later ones only.
        pol = self.policy({"versions": [
            {"effective_from": "2019-01-01", "fee": {"amount": 10000}},
            {"effective_from": "2027-02-01", "fee": {"amount": 12000}}]})
        rc, out, err = run(APPS, self.pay, "--policy", pol)
        lines = [json.loads(l) for l in out.decode("utf-8").splitlines()]
        with open(APPS, encoding="utf-8") as f:
            apps = [json.loads(l) for l in f]
        fee_on = {"2027-01-18": 10000, "令和9年2月3日": 12000,
                  "R9.3.10": 12000}
        for l in lines:
            if l["status"] == "unclaimed":
                continue
            on = apps[l["line"] - 1]["applied_on"]
            self.assertEqual(l["fee"], fee_on[on], (l["line"], on))
        self.assertEqual(len({l["fee"] for l in lines if "fee" in l}), 2,
                         "the golden applications straddle 2027-02-01")
        rc, out, _ = run(APPS, self.pay, "--policy", pol, "--format", "text",
                         "--lang", "en")
        self.assertIn(b"fee by policy version", out.splitlines()[0])

    def test_neither_is_a_usage_error_in_both_languages(self):
        for extra in ([], ["--policy", self.policy({"required_points": 30})],
                      ["--policy", self.policy({"versions": [
                          {"effective_from": "2019-01-01"},
                          {"effective_from": "2027-01-01",
                           "fee": {"amount": 10000}}]})]):
            rc, out, err = run(APPS, self.pay, "--lang", "en", *extra)
            self.assertEqual((rc, out), (3, b""), extra)
            self.assertIn("--fee YEN, or fee.amount in the policy", err)
            rc, out, err = run(APPS, self.pay, "--lang", "ja", *extra)
            self.assertEqual((rc, out), (3, b""), extra)
            self.assertIn("--fee YEN か、ポリシー", err)

    def test_a_bad_fee_in_the_policy_is_refused_with_its_path(self):
        for amount in (0, -10000, 10000.5, "10000", 10 ** 10):
            pol = self.policy({"fee": {"amount": amount}})
            rc, out, err = run(APPS, self.pay, "--policy", pol,
                               "--lang", "en")
            self.assertEqual((rc, out), (2, b""), amount)
            self.assertIn("/fee/amount", err)
            self.assertIn("fee.amount must be a whole number", err)
            rc, out, err = run(APPS, self.pay, "--policy", pol,
                               "--lang", "ja")
            self.assertIn("fee.amount は 1〜9,999,999,999 の整数", err)


class Scale(unittest.TestCase):
    def test_namesakes_stay_bounded(self):
        """2,000 applications and 2,000 payments of one name: each line
        lists at most 50 candidates and counts them all; no quadratic
        output or time."""
        n = 2000
        with tempfile.TemporaryDirectory() as d:
            app = ('{"applied_on":"2027-02-03","certification":{"number":'
                   '"OMP-%06d","expires_on":"2027-03-31"},"applicant":'
                   '{"name_kana":"やまだ たろう"}}\n')
            a = write(d, "apps.ndjson",
                      "".join(app % i for i in range(n)).encode())
            p = write(d, "pay.csv", ("日付,振込依頼人名,入金額\n" + "".join(
                "2027-01-20,ﾔﾏﾀﾞ ﾀﾛｳ,10000\n" for _ in range(n))).encode())
            t = time.monotonic()
            rc, out, err = run(a, p, "--fee", "10000")
            self.assertLess(time.monotonic() - t, 60)
            lines = [json.loads(l) for l in out.splitlines()]
            self.assertEqual(len(lines), n)
            for l in lines[:3]:
                self.assertEqual(l["status"], "ambiguous")
                self.assertEqual(l["candidates"], n)
                self.assertEqual(len(l["payments"]), 50)
                self.assertLessEqual(len(l["shared_with"]), 50)


if __name__ == "__main__":
    CPD = os.path.abspath(sys.argv[1])
    UPDATE = "--update" in sys.argv
    del sys.argv[1:]
    unittest.main(verbosity=2)
