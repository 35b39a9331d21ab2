"""The Python binding's surface: inputs, the result object, errors,
policies (dated versions too), dates, streaming, threads and the GIL, and
plan, audit and redact.

Run from the source tree:  PYTHONPATH=build/bindings/python \
    python3 -m unittest -v bindings/python/tests/test_api.py
(CPD_CLI=build/cpd adds the comparisons with `cpd batch`, `cpd plan`,
`cpd audit` and `cpd redact`.)
"""

import datetime as dt
import decimal
import fractions
import io
import json
import sys
import os
import pickle
import pydoc
import re
import subprocess
import tempfile
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

import cpd
from cpd import capi

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
CLI = os.environ.get("CPD_CLI") or None


def _read(*parts, mode="rb"):
    with open(os.path.join(ROOT, *parts), mode) as f:
        return f.read()


ELIGIBLE = _read("tests", "golden", "eligible-basic.json")
SHORTFALL = _read("tests", "golden", "shortfall.json")
DUPLICATE = _read("tests", "golden", "input-error-duplicate-key.json")
MINIMAL = {"applied_on": "2027-02-10",
           "certification": {"expires_on": "2027-03-31"}}


def _in_progress():
    """tests/golden/shortfall.json without applied_on, applicant, fee and
    oath: docs/PLAN.md's example (22 points counted, 8 needed)."""
    app = json.loads(SHORTFALL)
    for key in ("applied_on", "applicant", "fee", "oath_agreed"):
        del app[key]
    return app


# Two dated versions: B's cap goes from 5 to 6 on 2027-02-01.
TWO_VERSIONS = {"versions": [
    {"name": "CPD 2019", "effective_from": "2019-01-01"},
    {"name": "CPD 2027", "effective_from": "2027-02-01",
     "sections": [{"category": "B", "cap": 6}]},
]}


class Inputs(unittest.TestCase):
    def test_dict_str_and_bytes_give_the_same_result(self):
        as_dict = json.loads(ELIGIBLE)
        a = cpd.check(ELIGIBLE)
        self.assertEqual(cpd.check(ELIGIBLE.decode("utf-8")), a)
        self.assertEqual(cpd.check(as_dict), a)
        self.assertEqual(cpd.check(bytearray(ELIGIBLE)), a)

    def test_dates_in_a_dict_may_be_date_objects(self):
        doc = dict(MINIMAL, applied_on=dt.date(2027, 2, 10))
        doc["certification"] = {"expires_on": dt.datetime(2027, 3, 31, 9, 0)}
        self.assertEqual(cpd.check(doc).to_dict(),
                         cpd.check(MINIMAL).to_dict())

    def test_non_finite_number_is_an_input_error_with_its_path(self):
        doc = json.loads(ELIGIBLE)
        doc["activities"][2]["hours"] = float("nan")
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check(doc)
        self.assertEqual(cm.exception.code, "input.non_finite_number")
        self.assertEqual(cm.exception.path, "/activities/2/hours")
        # the words are the catalogue's, not the binding's own
        words = cpd.explain("input.non_finite_number").code
        self.assertEqual((cm.exception.message, cm.exception.message_ja),
                         (words.summary, words.summary_ja))

    def test_wrong_types_are_type_errors(self):
        for bad in (42, None, [MINIMAL], object()):
            with self.assertRaises(TypeError):
                cpd.check(bad)
        with self.assertRaises(TypeError):
            cpd.check(MINIMAL, policy={"required_points": 40})

    def test_characters_outside_the_bmp_cross_intact(self):
        doc = json.loads(ELIGIBLE)
        doc["applicant"]["name"] = "\U00020BB7田 太郎\U0001F600"
        self.assertEqual(cpd.check(doc).decision, "eligible")
        # ... and not-UTF-8 bytes are the engine's input.invalid_utf8.
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check(ELIGIBLE.replace("山田".encode(), b"\xff\xfe"))
        self.assertEqual(cm.exception.code, "input.invalid_utf8")


class ResultObject(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.r = cpd.check(ELIGIBLE)

    def test_reads_like_the_result_document(self):
        r = self.r
        self.assertEqual(r.decision, "eligible")
        self.assertTrue(r.eligible)
        self.assertEqual(r.points.counted, 34)
        self.assertEqual(r.points.required, 30)
        self.assertEqual(r.points.shortfall, 0)
        self.assertEqual(r.sections["B-1"].counted, 5)
        self.assertEqual(r.sections["B-1"].cap, 5)
        self.assertIsNone(r.sections["A"].cap)
        self.assertEqual(list(r.sections),
                         ["A", "B-1", "B-2", "B-3", "C-1", "C-2", "C-3",
                          "D-1", "D-2", "D-3"])
        self.assertEqual([s.section for s in r.points.sections],
                         list(r.sections))
        self.assertEqual(r.qualification, "OMP")
        self.assertEqual(r.window.status, "open")
        self.assertEqual(r.activities[3].status, "partially_counted")
        self.assertEqual(r.activities[3].id, "b2")
        self.assertEqual(r.codes, ["section.capped"])
        d = r.diagnostics[0]
        self.assertEqual((d.code, d.severity, d.path),
                         ("section.capped", "info", "/activities/3"))
        self.assertTrue(d.message and d.message_ja)
        self.assertTrue(r.email_subject.endswith("_270210"))

    def test_dates_are_dates(self):
        r = self.r
        self.assertEqual(r.applied_on, dt.date(2027, 2, 10))
        self.assertEqual(r.period.starts_on, dt.date(2024, 4, 1))
        self.assertEqual(r.period.expires_on, dt.date(2027, 3, 31))
        self.assertEqual([(y.year, y.starts_on, y.ends_on)
                          for y in r.period.years][0],
                         (1, dt.date(2024, 4, 1), dt.date(2025, 3, 31)))
        self.assertEqual(r.window.opens_on, dt.date(2027, 1, 1))
        self.assertEqual(r.window.closes_on, dt.date(2027, 3, 31))
        self.assertEqual(r.renewal.starts_on, dt.date(2027, 4, 1))
        self.assertEqual(r.renewal.expires_on, dt.date(2030, 3, 31))

    def test_renewal_is_none_unless_eligible(self):
        r = cpd.check(SHORTFALL)
        self.assertEqual(r.decision, "ineligible")
        self.assertIsNone(r.renewal)
        self.assertFalse(r.eligible)

    def test_to_dict_and_to_json(self):
        r = self.r
        self.assertEqual(r.to_dict(), json.loads(r.to_json()))
        d = r.to_dict()
        d["decision"] = "changed"  # a copy: the result is unchanged
        self.assertEqual(r.decision, "eligible")
        self.assertEqual(r["decision"], "eligible")
        self.assertIn("points", r)

    def test_keys_not_modelled_are_attributes_too(self):
        self.assertEqual(self.r.policy.name, self.r.to_dict()["policy"]["name"])
        with self.assertRaises(AttributeError):
            self.r.no_such_field  # noqa: B018
        with self.assertRaises(AttributeError):
            self.r.window.no_such_field  # noqa: B018

    def test_pickle_and_equality(self):
        r2 = pickle.loads(pickle.dumps(self.r))
        self.assertEqual(r2, self.r)
        self.assertEqual(hash(r2), hash(self.r))
        self.assertIn("eligible", repr(self.r))


class Errors(unittest.TestCase):
    def test_input_error_carries_code_path_offset_messages(self):
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check(DUPLICATE)
        e = cm.exception
        self.assertIsInstance(e, cpd.CpdError)
        self.assertEqual(e.code, "input.duplicate_key")
        self.assertEqual(e.status, capi.EINPUT)
        self.assertTrue(e.path.startswith("/"))
        self.assertTrue(e.message and e.message_ja)
        self.assertIn("input.duplicate_key", str(e))
        self.assertEqual(e.to_dict()["error"]["code"], "input.duplicate_key")

    def test_error_document_is_the_librarys(self):
        # the library writes the document (cpd_error_to_json): a C1 or
        # bidi control in a path or message comes out as \\uXXXX, as in
        # `cpd check --format json`, and the CLI's document is the same
        e = cpd.InputError("x\u0085y\u202e\"", code="input.syntax",
                           path="/a\u2066", offset=3, message_ja="日本")
        self.assertEqual(e.to_json(),
                         '{"error":{"code":"input.syntax","path":"/a\\u2066",'
                         '"offset":3,"message":"x\\u0085y\\u202e\\"",'
                         '"message_ja":"日本"}}')
        self.assertEqual(e.to_dict()["error"]["path"], "/a\u2066")
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check('{"a\u202e":1,"a\u202e":2}')
        self.assertIn('"path":"/a\\u202e"', cm.exception.to_json())
        self.assertIsNone(cm.exception.to_dict()["error"]["offset"])

    def test_syntax_error_has_the_byte_offset(self):
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check(b'{"applied_on": "2027-02-10",\n  oops}')
        self.assertEqual(cm.exception.code, "input.syntax")
        self.assertGreaterEqual(cm.exception.offset, 29)

    def test_each_documented_code(self):
        cases = {
            b"[1]": "input.not_object",
            b'{"a": 1e999}': "input.non_finite_number",
            b"[" * 5000: "input.too_deep",
            json.dumps({"certification": {"expires_on": "2027-03-31"}}).encode():
                "input.missing_field",
            json.dumps(dict(MINIMAL, applied_on="2027-02-30")).encode():
                "input.invalid_date",
        }
        for doc, code in cases.items():
            with self.subTest(code=code):
                with self.assertRaises(cpd.InputError) as cm:
                    cpd.check(doc)
                self.assertEqual(cm.exception.code, code)

    def test_missing_field_names_its_path(self):
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check({"applied_on": "2027-02-10"})
        self.assertEqual(cm.exception.code, "input.missing_field")
        self.assertEqual(cm.exception.path, "/certification/expires_on")

    def test_messages_never_contain_personal_data(self):
        secret = "極秘太郎 secret@example.jp 090-9999-0000"
        for doc in (dict(MINIMAL, applied_on=secret),
                    {"applied_on": "2027-02-10",
                     "certification": {"expires_on": secret}}):
            with self.assertRaises(cpd.InputError) as cm:
                cpd.check(doc)
            e = cm.exception
            text = " ".join([str(e), repr(e), e.message, e.message_ja,
                             e.path, e.to_json()])
            for part in ("極秘", "secret", "9999"):
                self.assertNotIn(part, text)
        r = cpd.check(dict(json.loads(ELIGIBLE), applicant={"name": secret}))
        self.assertNotIn("極秘", json.dumps(
            [d._asdict() for d in r.diagnostics], ensure_ascii=False))

    def test_exceptions_pickle(self):
        try:
            cpd.check(DUPLICATE)
        except cpd.InputError as e:
            e2 = pickle.loads(pickle.dumps(e))
            self.assertIs(type(e2), cpd.InputError)
            self.assertEqual((e2.code, e2.path, e2.offset),
                             (e.code, e.path, e.offset))

    def test_hierarchy(self):
        self.assertTrue(issubclass(cpd.InputError, cpd.CpdError))
        self.assertTrue(issubclass(cpd.PolicyError, cpd.CpdError))
        self.assertTrue(issubclass(cpd.InvalidArgument, ValueError))
        self.assertTrue(issubclass(cpd.OutOfMemory, MemoryError))


class Policies(unittest.TestCase):
    def test_default(self):
        p = cpd.Policy.default()
        self.assertIs(p, cpd.Policy.default())
        d = p.to_dict()
        self.assertEqual(d["required_points"], 30)
        self.assertEqual(json.loads(p.to_json()), d)
        self.assertEqual(cpd.check(ELIGIBLE, policy=p), cpd.check(ELIGIBLE))

    def test_from_json_dict_str_bytes_and_file(self):
        for doc in ({"required_points": 40}, '{"required_points": 40}',
                    b'{"required_points": 40}'):
            p = cpd.Policy.from_json(doc)
            r = cpd.check(ELIGIBLE, policy=p)
            self.assertEqual(r.points.required, 40)
            self.assertEqual(r.decision, "ineligible")
        with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as f:
            f.write(b'{"required_points": 10}')
        try:
            self.assertEqual(cpd.Policy.from_file(f.name).to_dict()
                             ["required_points"], 10)
        finally:
            os.unlink(f.name)

    def test_refused_policy_is_a_policy_error_with_a_path(self):
        with self.assertRaises(cpd.PolicyError) as cm:
            cpd.Policy.from_json({"period_years": 0})
        self.assertEqual(cm.exception.code, "policy.invalid")
        self.assertEqual(cm.exception.path, "/period_years")
        self.assertEqual(cm.exception.status, capi.EPOLICY)

    def test_policy_that_is_not_json_is_an_input_error(self):
        with self.assertRaises(cpd.InputError) as cm:
            cpd.Policy.from_json("{")
        self.assertEqual(cm.exception.code, "input.syntax")

    def test_policy_cannot_be_made_directly(self):
        with self.assertRaises(TypeError):
            cpd.Policy(None)

    def test_example_policy(self):
        path = os.path.join(ROOT, "examples", "strict-window.policy.json")
        if os.path.exists(path):
            self.assertIsInstance(cpd.Policy.from_file(path), cpd.Policy)


class AsOf(unittest.TestCase):
    def test_as_of_replaces_applied_on(self):
        for as_of in (dt.date(2026, 12, 1), "2026-12-01", "令和8年12月1日",
                      dt.datetime(2026, 12, 1, 23, 59)):
            r = cpd.check(ELIGIBLE, as_of=as_of)
            self.assertEqual(r.applied_on, dt.date(2026, 12, 1))
            self.assertEqual(r.window.status, "not_yet_open")
            self.assertEqual(r.decision, "incomplete")

    def test_bad_as_of(self):
        with self.assertRaises(ValueError):
            cpd.check(ELIGIBLE, as_of="not a date")
        with self.assertRaises(TypeError):
            cpd.check(ELIGIBLE, as_of=20261201)


class Dates(unittest.TestCase):
    def test_parse_date_forms(self):
        want = dt.date(2024, 4, 1)
        for text in ("2024-04-01", "2024/4/1", "2024.4.1", "2024年4月1日",
                     "令和6年4月1日", "R6.4.1", "R06.04.01", "㋿6年4月1日",
                     "２０２４年４月１日", b"2024-04-01"):
            with self.subTest(text=text):
                self.assertEqual(cpd.parse_date(text), want)
        self.assertEqual(cpd.parse_date("令和元年5月1日"), dt.date(2019, 5, 1))
        self.assertEqual(cpd.parse_date("平成31年4月30日"), dt.date(2019, 4, 30))
        self.assertEqual(cpd.parse_date("1969-12-31"), dt.date(1969, 12, 31))

    def test_parse_date_refuses(self):
        for text in ("2023-02-29", "平成32年1月1日", "tomorrow", ""):
            with self.subTest(text=text):
                with self.assertRaises(ValueError):
                    cpd.parse_date(text)
        with self.assertRaises(TypeError):
            cpd.parse_date(dt.date(2024, 4, 1))

    def test_fiscal_year(self):
        self.assertEqual(cpd.fiscal_year(dt.date(2025, 3, 31)), 2024)
        self.assertEqual(cpd.fiscal_year(dt.date(2025, 4, 1)), 2025)
        self.assertEqual(cpd.fiscal_year("令和7年3月31日"), 2024)
        p = cpd.Policy.from_json({"fiscal_year_starts": "01-01"})
        self.assertEqual(cpd.fiscal_year(dt.date(2025, 3, 31), policy=p), 2025)
        self.assertEqual(p.fiscal_year(dt.date(2025, 3, 31)), 2025)

    def test_window_matches_check(self):
        w = cpd.window(dt.date(2027, 3, 31))
        self.assertEqual(w, cpd.WindowDates(dt.date(2027, 1, 1),
                                            dt.date(2027, 3, 31)))
        r = cpd.check(ELIGIBLE)
        self.assertEqual((w.opens_on, w.closes_on),
                         (r.window.opens_on, r.window.closes_on))
        self.assertEqual(cpd.window("令和9年3月31日"), w)

    def test_window_boundaries(self):
        # the window runs from 3 months before the renewal day (the day
        # after expiry) to the expiry day, months clamped to their end
        self.assertEqual(cpd.window(dt.date(2024, 2, 29)),
                         (dt.date(2023, 12, 1), dt.date(2024, 2, 29)))
        self.assertEqual(cpd.window(dt.date(2027, 5, 30)),
                         (dt.date(2027, 2, 28), dt.date(2027, 5, 30)))
        self.assertEqual(cpd.window(dt.date(2027, 5, 31)),
                         (dt.date(2027, 3, 1), dt.date(2027, 5, 31)))
        for expires in (dt.date(2026, 12, 31), dt.date(2027, 3, 31)):
            r = cpd.check(dict(MINIMAL, applied_on=expires.isoformat(),
                               certification={"expires_on":
                                              expires.isoformat()}))
            self.assertEqual(cpd.window(expires),
                             (r.window.opens_on, r.window.closes_on))
        with self.assertRaises(ValueError):
            cpd.window("2027-02-30")
        with self.assertRaises(TypeError):
            cpd.window(20270331)

    def test_window_uses_the_version_in_force_on_the_expiry_day(self):
        p = cpd.Policy.from_json({"versions": [
            {"name": "v1", "effective_from": "2019-01-01"},
            {"name": "v2", "effective_from": "2027-02-01",
             "window": {"opens_months_before_renewal": 6}}]})
        self.assertEqual(cpd.window("2027-01-31", policy=p).opens_on,
                         dt.date(2026, 11, 1))
        self.assertEqual(cpd.window("2027-02-01", policy=p).opens_on,
                         dt.date(2026, 8, 2))
        self.assertEqual(p.window("2027-02-01"),
                         cpd.window("2027-02-01", policy=p))

    def test_window_follows_the_policy(self):
        p = cpd.Policy.from_json({"window": {"opens_months_before_renewal": 6,
                                             "closes_months_before_renewal": 1}})
        w = cpd.window(dt.date(2027, 3, 31), policy=p)
        r = cpd.check(ELIGIBLE, policy=p)
        self.assertEqual((w.opens_on, w.closes_on),
                         (r.window.opens_on, r.window.closes_on))
        self.assertNotEqual(w, cpd.window(dt.date(2027, 3, 31)))


class Streaming(unittest.TestCase):
    def test_check_many_is_lazy_and_in_order(self):
        seen = []

        def apps():
            for i, doc in enumerate([ELIGIBLE, SHORTFALL, ELIGIBLE]):
                seen.append(i)
                yield doc

        it = cpd.check_many(apps())
        self.assertEqual(seen, [])
        self.assertEqual(next(it).decision, "eligible")
        self.assertEqual(seen, [0])
        self.assertEqual([r.decision for r in it], ["ineligible", "eligible"])

    def test_check_many_errors(self):
        docs = [ELIGIBLE, DUPLICATE, SHORTFALL]
        with self.assertRaises(cpd.InputError):
            list(cpd.check_many(docs))
        out = list(cpd.check_many(docs, return_exceptions=True))
        self.assertIsInstance(out[1], cpd.InputError)
        self.assertEqual([getattr(o, "decision", None) for o in out],
                         ["eligible", None, "ineligible"])

    def test_batch_lines(self):
        one = json.dumps(json.loads(ELIGIBLE), ensure_ascii=False).encode()
        data = (one + b"\r\n\n   \n" + b'{"applied_on": 1, "applied_on": 2}\n'
                + b"not json\n" + one)  # no final newline
        with tempfile.NamedTemporaryFile("wb", suffix=".ndjson",
                                         delete=False) as f:
            f.write(data)
        try:
            for source in (f.name, io.BytesIO(data)):
                out = list(cpd.batch(source))
                self.assertEqual([o.line for o in out], [1, 4, 5, 6])
                self.assertEqual(out[0].decision, "eligible")
                self.assertEqual(out[1].code, "input.duplicate_key")
                self.assertEqual(out[2].code, "input.syntax")
                self.assertEqual(out[3], out[0])
        finally:
            os.unlink(f.name)

    @unittest.skipUnless(CLI, "CPD_CLI not set")
    def test_batch_matches_the_cli(self):
        path = os.path.join(ROOT, "examples", "batch.ndjson")
        p = subprocess.run([CLI, "batch", path], capture_output=True,
                           timeout=60)
        cli = [json.loads(line) for line in p.stdout.splitlines() if line]
        ours = list(cpd.batch(path))
        self.assertEqual(len(cli), len(ours))
        for c, o in zip(cli, ours):
            self.assertEqual(c.pop("line"), o.line)
            want = o.to_dict()
            if isinstance(o, cpd.CpdError):
                self.assertEqual(c["error"]["code"], want["error"]["code"])
            else:
                self.assertEqual(c, want)


class Threads(unittest.TestCase):
    def test_threads_share_a_policy(self):
        p = cpd.Policy.default()
        want = cpd.check(ELIGIBLE, policy=p)
        with ThreadPoolExecutor(4) as pool:
            got = list(pool.map(lambda _: cpd.check(ELIGIBLE, policy=p),
                                range(400)))
        self.assertTrue(all(r == want for r in got))

    def test_the_gil_is_released_while_the_engine_runs(self):
        # Deterministic, not timed: with a switch interval far longer than
        # the test, a thread running Python code is never forced to give up
        # the GIL, so this thread (which gives it up at every sleep) can run
        # while the worker is inside cpd.check only if the C call itself
        # releases the GIL.
        acts = json.loads(ELIGIBLE)["activities"]
        doc = json.loads(ELIGIBLE)
        doc["activities"] = [dict(acts[i % len(acts)], id=f"x{i}")
                             for i in range(10000)]
        big = json.dumps(doc, ensure_ascii=False).encode()
        state = {"in_call": False, "seen": False}
        started = threading.Event()

        def work():
            started.set()
            for _ in range(3):
                state["in_call"] = True
                cpd.check(big)
                state["in_call"] = False

        old = sys.getswitchinterval()
        sys.setswitchinterval(100.0)
        try:
            th = threading.Thread(target=work)
            th.start()
            started.wait()
            while th.is_alive():
                if state["in_call"]:
                    state["seen"] = True
                time.sleep(0.0005)  # gives the GIL back to the worker
            th.join()
        finally:
            sys.setswitchinterval(old)
        self.assertTrue(state["seen"],
                        "this thread never ran while cpd.check was running")


class PolicyVersions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = cpd.Policy.from_json(TWO_VERSIONS)

    def test_versions_are_name_and_effective_from_oldest_first(self):
        self.assertEqual([tuple(v) for v in self.p.versions],
                         [("CPD 2019", dt.date(2019, 1, 1)),
                          ("CPD 2027", dt.date(2027, 2, 1))])
        (name, since), _ = self.p.versions
        self.assertEqual((name, since), ("CPD 2019", dt.date(2019, 1, 1)))
        self.assertEqual(self.p.name, "CPD 2027")  # the newest
        self.assertEqual(list(self.p.to_dict()), ["versions"])
        d = cpd.Policy.default()
        self.assertEqual([tuple(v) for v in d.versions],
                         [(d.name, dt.date(2019, 1, 1))])

    def test_check_on_both_sides_of_the_change(self):
        # eligible-basic claims 7 points in B-1: 5 count under a cap of 5,
        # 6 under a cap of 6.
        before = cpd.check(ELIGIBLE, policy=self.p, as_of="2027-01-31")
        after = cpd.check(ELIGIBLE, policy=self.p, as_of="2027-02-01")
        self.assertEqual(tuple(before.policy),
                         ("CPD 2019", dt.date(2019, 1, 1)))
        self.assertEqual(after.policy.name, "CPD 2027")
        self.assertEqual(after.policy.effective_from, dt.date(2027, 2, 1))
        self.assertEqual((before.sections["B-1"].cap,
                          before.sections["B-1"].counted), (5, 5))
        self.assertEqual((after.sections["B-1"].cap,
                          after.sections["B-1"].counted), (6, 6))
        self.assertEqual(after.points.counted, before.points.counted + 1)
        self.assertIn(after.policy, self.p.versions)
        # applied_on of the document itself (2027-02-10): the new version
        self.assertEqual(cpd.check(ELIGIBLE, policy=self.p).policy.name,
                         "CPD 2027")

    def test_plan_uses_the_version_in_force_on_as_of(self):
        before = cpd.plan(_in_progress(), "2027-01-31", policy=self.p)
        after = cpd.plan(_in_progress(), "2027-02-01", policy=self.p)
        self.assertEqual(before.policy.name, "CPD 2019")
        self.assertEqual(after.policy.name, "CPD 2027")
        self.assertEqual(before.sections["B-3"].room, 5)
        self.assertEqual(after.sections["B-3"].room, 6)
        self.assertEqual(after.sections["B-1"].counted, 6)

    def test_a_version_error_has_its_path(self):
        bad = {"versions": [{"name": "v1", "effective_from": "2019-01-01"},
                            {"effective_from": "2027-02-01",
                             "required_points": -1}]}
        with self.assertRaises(cpd.PolicyError) as cm:
            cpd.Policy.from_json(bad)
        self.assertEqual(cm.exception.code, "policy.invalid")
        self.assertEqual(cm.exception.path, "/versions/1/required_points")
        unordered = {"versions": list(reversed(TWO_VERSIONS["versions"]))}
        with self.assertRaises(cpd.PolicyError) as cm:
            cpd.Policy.from_json(unordered)
        self.assertEqual(cm.exception.path, "/versions/1/effective_from")


class Plans(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.app = _in_progress()
        cls.p = cpd.plan(cls.app, as_of=dt.date(2026, 11, 28))

    def test_reads_like_the_plan_document(self):
        p = self.p
        self.assertIsInstance(p, cpd.Plan)
        self.assertEqual(p.as_of, dt.date(2026, 11, 28))
        self.assertEqual(p.qualification, "OMP")
        self.assertEqual((p.points.required, p.points.counted,
                          p.points.needed), (30, 22, 8))
        self.assertIsNone(p.points.reachable_max)  # A has no cap
        self.assertIs(p.reachable, True)
        self.assertEqual(list(p.sections),
                         ["A", "B-1", "B-2", "B-3", "C-1", "C-2", "C-3",
                          "D-1", "D-2", "D-3"])
        b3 = p.sections["B-3"]
        self.assertEqual((b3.section, b3.year, b3.counted, b3.cap, b3.open,
                          b3.open_until, b3.room),
                         ("B-3", 3, 0, 5, True, dt.date(2027, 3, 31), 5))
        a = p.sections["A"]
        self.assertEqual((a.year, a.cap, a.room, a.open), (None, None, None,
                                                          True))
        b1 = p.sections["B-1"]
        self.assertEqual((b1.open, b1.open_until, b1.room), (False, None, 0))
        self.assertEqual(p.sections["D-3"].room, 1)
        w = p.window
        self.assertEqual((w.opens_on, w.closes_on, w.status,
                          w.days_until_opens, w.days_until_closes),
                         (dt.date(2027, 1, 1), dt.date(2027, 3, 31),
                          "not_yet_open", 34, 123))
        self.assertEqual(p.advice,
                         "8 more points, completed by 2027-03-31: up to 5 in "
                         "B-3, 5 in C-3, 1 in D-3, or any in A.")
        self.assertTrue(p.advice_ja.startswith("あと 8 ポイント"))
        self.assertEqual(p.codes, ["section.capped"])
        self.assertEqual(p.diagnostics[0].path, "/activities/1")
        self.assertEqual(p.period.starts_on, dt.date(2024, 4, 1))
        self.assertEqual(p.policy.name, cpd.Policy.default().name)
        self.assertIn("needed=8", repr(p))

    def test_to_dict_to_json_equality_and_pickle(self):
        p = self.p
        self.assertEqual(p.to_dict(), json.loads(p.to_json()))
        self.assertEqual(p["points"]["needed"], 8)
        self.assertIn("advice", p)
        self.assertEqual(pickle.loads(pickle.dumps(p)), p)
        self.assertEqual(cpd.plan(json.dumps(self.app), "2026-11-28"), p)
        self.assertNotEqual(cpd.plan(self.app, "2026-11-29"), p)
        with self.assertRaises(AttributeError):
            p.no_such_field  # noqa: B018

    def test_as_of_forms(self):
        for as_of in ("2026-11-28", "令和8年11月28日", "R8.11.28",
                      dt.datetime(2026, 11, 28, 23, 59)):
            with self.subTest(as_of=as_of):
                self.assertEqual(cpd.plan(self.app, as_of), self.p)

    def test_as_of_is_required(self):
        with self.assertRaises(TypeError):
            cpd.plan(self.app)  # type: ignore[call-arg]
        with self.assertRaises(TypeError):
            cpd.plan(self.app, None)
        with self.assertRaises(TypeError):
            cpd.plan(self.app, 20261128)
        with self.assertRaises(ValueError):
            cpd.plan(self.app, "2026-11-31")
        # the document's applied_on plays no part
        doc = dict(self.app, applied_on="2027-03-01")
        self.assertEqual(cpd.plan(doc, "2026-11-28").to_dict(),
                         self.p.to_dict())

    def test_window_boundaries(self):
        def at(day):
            return cpd.plan(self.app, day)
        cases = [("2026-12-31", "not_yet_open", 1, 90),
                 ("2027-01-01", "open", 0, 89),
                 ("2027-03-31", "open", -89, 0),
                 ("2027-04-01", "closed", -90, -1)]
        for day, status, until_opens, until_closes in cases:
            with self.subTest(day=day):
                w = at(day).window
                self.assertEqual((w.status, w.days_until_opens,
                                  w.days_until_closes),
                                 (status, until_opens, until_closes))
        last = at("2027-03-31")
        self.assertTrue(last.reachable)
        self.assertEqual(last.sections["B-3"].open_until,
                         dt.date(2027, 3, 31))
        # the day after the window closes nothing is open any more
        gone = at("2027-04-01")
        self.assertFalse(gone.reachable)
        self.assertEqual(gone.points.reachable_max, 22)
        self.assertFalse(any(s.open for s in gone.sections.values()))
        self.assertEqual({s.room for s in gone.sections.values()}, {0})
        self.assertIn("window.closed", gone.codes)
        self.assertIn("no longer", gone.advice)
        # a past fiscal year's section is closed (B-2 ends 2026-03-31)
        self.assertTrue(at("2026-03-31").sections["B-2"].open)
        self.assertFalse(at("2026-04-01").sections["B-2"].open)

    def test_reachable_max_when_every_open_section_is_capped(self):
        pol = cpd.Policy.from_json({"required_points": 40, "sections": [
            {"category": "A", "cap": 2}]})
        p = cpd.plan(self.app, "2026-11-28", policy=pol)
        self.assertEqual(p.sections["A"].room, 2)
        self.assertEqual(p.points.reachable_max, 22 + 2 + 5 + 5 + 1)
        self.assertEqual(p.points.needed, 18)
        self.assertFalse(p.reachable)
        ok = cpd.plan(self.app, "2026-11-28", policy=cpd.Policy.from_json(
            {"sections": [{"category": "A", "cap": 2}]}))
        self.assertTrue(ok.reachable)

    def test_nothing_needed(self):
        p = cpd.plan(ELIGIBLE, "2026-11-28")
        self.assertEqual(p.points.needed, 0)
        self.assertTrue(p.reachable)
        self.assertTrue(p.advice.startswith("Nothing more is needed"))

    def test_input_errors(self):
        with self.assertRaises(cpd.InputError) as cm:
            cpd.plan({"activities": []}, "2026-11-28")
        self.assertEqual(cm.exception.code, "input.missing_field")
        self.assertEqual(cm.exception.path, "/certification/expires_on")
        with self.assertRaises(cpd.InputError) as cm:
            cpd.plan(DUPLICATE, "2026-11-28")
        self.assertEqual(cm.exception.code, "input.duplicate_key")
        with self.assertRaises(cpd.InputError) as cm:
            cpd.plan(b"{", "2026-11-28")
        self.assertEqual(cm.exception.code, "input.syntax")
        with self.assertRaises(TypeError):
            cpd.plan(42, "2026-11-28")
        with self.assertRaises(TypeError):
            cpd.plan(self.app, "2026-11-28", policy={"required_points": 1})

    @unittest.skipUnless(CLI, "CPD_CLI not set")
    def test_same_document_as_the_cli(self):
        for name in ("shortfall", "eligible-basic", "window-not-yet-open"):
            path = os.path.join(ROOT, "tests", "golden", name + ".json")
            for as_of in ("2025-06-01", "2027-01-01", "2027-04-01"):
                out = subprocess.run([CLI, "plan", path, "--as-of", as_of],
                                     capture_output=True, timeout=60).stdout
                with open(path, "rb") as f:
                    ours = cpd.plan(f.read(), as_of).to_json()
                self.assertEqual(out.decode("utf-8").strip(), ours)


def _roster(n, quals=("OMP", "CAP")):
    return [{"number": "%s-%06d" % (quals[i % len(quals)], i),
             "qualification": quals[i % len(quals)]} for i in range(n)]


class Audits(unittest.TestCase):
    def test_entries_in_roster_order(self):
        roster = _roster(50)
        out = cpd.audit(roster, 0.2, 3)
        self.assertIsInstance(out, list)
        self.assertIsInstance(out, cpd.AuditResult)
        self.assertEqual([e.number for e in out],
                         [r["number"] for r in roster])
        self.assertEqual([e.line for e in out], list(range(1, 51)))
        self.assertEqual(out.errors, [])
        e = out[0]
        self.assertIsInstance(e, cpd.AuditEntry)
        number, qualification, selected, reason, h, line = e
        self.assertEqual((number, qualification, line),
                         ("OMP-000000", "OMP", 1))
        self.assertIsInstance(selected, bool)
        for e in out:
            self.assertEqual(e.reason,
                             "sampled" if e.selected else "not_sampled")
            self.assertEqual(e.hash, cpd.audit_hash(e.number, 3))
            self.assertEqual(e.selected, e.hash % 1_000_000 < 200_000)
        self.assertEqual(out.selected, [e for e in out if e.selected])
        self.assertTrue(0 < len(out.selected) < 50)

    def test_same_seed_same_selection_in_any_order(self):
        roster = _roster(300)
        a = {e.number for e in cpd.audit(roster, 0.1, 99).selected}
        b = {e.number for e in
             cpd.audit(list(reversed(roster)), 0.1, 99).selected}
        self.assertEqual(a, b)
        self.assertTrue(a)
        self.assertNotEqual(
            a, {e.number for e in cpd.audit(roster, 0.1, 100).selected})

    def test_rate_is_exact_at_the_threshold(self):
        # selected exactly when hash % 10**6 < rate_ppm
        number = "OMP-000123"
        ppm = cpd.audit_hash(number, 42) % 1_000_000
        self.assertLess(ppm, 999_999)  # this seed leaves room above

        def chosen(rate):
            (e,) = cpd.audit([{"number": number}], rate, 42)
            return e.selected

        at = decimal.Decimal(ppm).scaleb(-6)
        above = decimal.Decimal(ppm + 1).scaleb(-6)
        self.assertFalse(chosen(at))
        self.assertFalse(chosen(str(at)))
        self.assertFalse(chosen(fractions.Fraction(ppm, 1_000_000)))
        self.assertTrue(chosen(above))
        self.assertTrue(chosen(str(above)))
        self.assertTrue(chosen("%s%%" % above.scaleb(2)))
        # a float is rounded to the nearest millionth
        self.assertFalse(chosen((ppm + 0.4) / 1e6))
        self.assertTrue(chosen((ppm + 0.6) / 1e6))

    def test_rate_forms_agree_and_bounds(self):
        roster = _roster(400)
        want = cpd.audit(roster, "0.05", 7)
        for rate in (0.05, decimal.Decimal("0.05"), "5%", "5.0%",
                     "0.050000", fractions.Fraction(1, 20),
                     0.0500004, 0.0499996):
            with self.subTest(rate=rate):
                self.assertEqual(cpd.audit(roster, rate, 7), want)
        for rate in (0, "0", 0.0, "0%"):
            self.assertEqual(cpd.audit(roster, rate, 7).selected, [])
        for rate in (1, "1", 1.0, "100%", decimal.Decimal(1)):
            self.assertEqual(len(cpd.audit(roster, rate, 7).selected), 400)
        # a text is read by the library as `cpd audit --rate` reads it:
        # no spaces, signs, exponents or full-width digits
        for rate in (1.5, -0.1, "1.0000001", "101%", "abc", "", " 0.05 ",
                     "5e-2", "+0.05", ".5", "５%",
                     "0.0000001", decimal.Decimal("0.0000001"),
                     fractions.Fraction(1, 3), float("nan"), float("inf"),
                     decimal.Decimal("NaN"), 2, -1, 1.0000001):
            with self.subTest(rate=rate):
                with self.assertRaises(ValueError):
                    cpd.audit(roster, rate, 7)
        for rate in (None, True, [0.05], b"0.05"):
            with self.subTest(rate=rate):
                with self.assertRaises(TypeError):
                    cpd.audit(roster, rate, 7)

    def test_seed_bounds(self):
        roster = _roster(20)
        for seed in (0, 2 ** 64 - 1):
            self.assertEqual(len(cpd.audit(roster, 1, seed)), 20)
        self.assertNotEqual([e.hash for e in cpd.audit(roster, 1, 0)],
                            [e.hash for e in cpd.audit(roster, 1, 2 ** 64 - 1)])
        for seed in (-1, 2 ** 64):
            with self.assertRaises(ValueError):
                cpd.audit(roster, 0.1, seed)
        for seed in (1.5, "1", None, True):
            with self.assertRaises(TypeError):
                cpd.audit(roster, 0.1, seed)

    def test_stratify_takes_ceil_rate_n_of_each_qualification(self):
        roster = _roster(40, quals=("OMP", "OMP", "OMP", "CAP", "CAP"))
        # 24 OMP, 16 CAP: ceil(2.4) = 3 and ceil(1.6) = 2
        out = cpd.audit(roster, "0.1", 5, stratify=True)
        chosen = out.selected
        self.assertEqual(sorted(e.qualification for e in chosen),
                         ["CAP", "CAP", "OMP", "OMP", "OMP"])
        self.assertEqual({e.reason for e in chosen}, {"stratum"})
        for q in ("OMP", "CAP"):
            group = sorted((e for e in out if e.qualification == q),
                           key=lambda e: e.hash)
            k = 3 if q == "OMP" else 2
            self.assertTrue(all(e.selected for e in group[:k]))
            self.assertFalse(any(e.selected for e in group[k:]))
        # a holder without a qualification forms its own stratum
        out = cpd.audit([{"number": "X-1"}, {"number": "X-2"}], "0.1", 5,
                        stratify=True)
        self.assertEqual([e.qualification for e in out], [None, None])
        self.assertEqual(len(out.selected), 1)

    def test_include(self):
        roster = _roster(200)
        out = cpd.audit(roster, 0, 11,
                        include=["OMP-000010", "ＣＡＰ－０００００３",
                                 "NOT-ON-ROSTER"])
        self.assertEqual([(e.number, e.reason) for e in out.selected],
                         [("CAP-000003", "included"),
                          ("OMP-000010", "included")])
        both = cpd.audit(roster, 1, 11, include=("OMP-000010",))
        self.assertEqual(both[10].reason, "included")
        self.assertEqual(both[11].reason, "sampled")
        with self.assertRaises(TypeError):
            cpd.audit(roster, 0, 11, include="OMP-000010")
        with self.assertRaises(TypeError):
            cpd.audit(roster, 0, 11, include=[10])
        with self.assertRaises(ValueError):
            cpd.audit(roster, 0, 11, include=["  "])
        with self.assertRaises(ValueError):
            cpd.audit(roster, 0, 11, include=["A\x00B"])

    def test_lines_may_be_dicts_text_bytes_or_applications(self):
        app = json.loads(ELIGIBLE)
        out = cpd.audit([app, ELIGIBLE.replace(b"OMP-000123", b"OMP-9"),
                         '{"number": "CAP-1"}',
                         bytearray(b'{"number": "CAP-2", '
                                   b'"qualification": "CAP"}\r\n'),
                         {"certification": {"number": "ＯＭＰ－７"}}],
                        1, 5)
        self.assertEqual([(e.number, e.qualification) for e in out],
                         [("OMP-000123", "OMP"), ("OMP-9", "OMP"),
                          ("CAP-1", None), ("CAP-2", "CAP"), ("OMP-7", None)])
        with self.assertRaises(TypeError):
            cpd.audit([42], 0.1, 1)
        with self.assertRaises(TypeError):
            cpd.audit([{"number": "A"}, None], 0.1, 1, errors="collect")
        with self.assertRaises(TypeError):
            cpd.audit("roster.ndjson", 0.1, 1)  # a path: audit_file
        self.assertEqual(cpd.audit([], 0.5, 1), [])

    def test_bad_lines_raise_with_code_and_line(self):
        good = [json.dumps(r) for r in _roster(3)]
        cases = [
            (good + [good[1]], "audit.duplicate_number", 4, "/number"),
            (good[:1] + [json.dumps({"number": "ＯＭＰ－０００００２"},
                                    ensure_ascii=False),
                         json.dumps({"number": "OMP-000002"})],
             "audit.duplicate_number", 3, "/number"),
            (['{"qualification": "OMP"}'], "audit.missing_number", 1,
             "/number"),
            (['{"number": 12}'], "audit.missing_number", 1, "/number"),
            ([{"certification": {"expires_on": "2027-03-31"}}],
             "audit.missing_number", 1, "/certification/number"),
            ([{"number": "  "}], "audit.missing_number", 1, "/number"),
            (good[:2] + ["", '{"number": '], "input.syntax", 4, None),
            (["[1]"], "input.not_object", 1, None),
            ([b'{"number": "\xff"}'], "input.invalid_utf8", 1, None),
            ([{"number": "N", "x": float("nan")}],
             "input.non_finite_number", 1, "/x"),
        ]
        for roster, code, line, path in cases:
            with self.subTest(code=code, line=line):
                with self.assertRaises(cpd.InputError) as cm:
                    cpd.audit(roster, 0.1, 1)
                e = cm.exception
                self.assertEqual((e.code, e.line), (code, line))
                if path is not None:
                    self.assertEqual(e.path, path)
                self.assertTrue(e.message and e.message_ja)

    def test_collect_leaves_bad_lines_out_as_the_cli_does(self):
        lines = [json.dumps(r) for r in _roster(6)]
        data = (lines[0] + "\r\n" + lines[1] + "\n\n   \n" + '{"number": \n'
                + lines[2] + "\n" + "[1]\n" + lines[3] + "\n"
                + json.dumps({"number": json.loads(lines[0])["number"]})
                + "\n" + '{"qualification": "OMP"}\n' + lines[4] + "\n"
                + lines[5])
        out = cpd.audit(io.BytesIO(data.encode()), 1, 1, errors="collect")
        self.assertEqual([e.number for e in out],
                         [json.loads(l)["number"] for l in lines])
        self.assertEqual([e.line for e in out], [1, 2, 6, 8, 11, 12])
        self.assertEqual([(e.line, e.code) for e in out.errors],
                         [(5, "input.syntax"), (7, "input.not_object"),
                          (9, "audit.duplicate_number"),
                          (10, "audit.missing_number")])
        self.assertTrue(all(isinstance(e, cpd.InputError)
                            for e in out.errors))
        with self.assertRaises(cpd.InputError) as cm:
            cpd.audit(io.BytesIO(data.encode()), 1, 1)
        self.assertEqual(cm.exception.line, 5)
        with self.assertRaises(ValueError):
            cpd.audit(lines, 1, 1, errors="ignore")

    def test_audit_file(self):
        data = (b'{"number": "OMP-1", "qualification": "OMP"}\r\n\n'
                b'{"number": "CAP-2", "qualification": "CAP"}')
        with tempfile.NamedTemporaryFile("wb", suffix=".ndjson",
                                         delete=False) as f:
            f.write(data)
        try:
            for source in (f.name, io.BytesIO(data)):
                out = cpd.audit_file(source, "50%", 8)
                self.assertEqual([(e.number, e.line) for e in out],
                                 [("OMP-1", 1), ("CAP-2", 3)])
            with open(f.name, encoding="utf-8") as text:
                self.assertEqual(cpd.audit(text, "50%", 8),
                                 cpd.audit_file(f.name, "50%", 8))
        finally:
            os.unlink(f.name)
        with self.assertRaises(OSError):
            cpd.audit_file("/nonexistent/roster.ndjson", 0.1, 1)

    def test_audit_hash(self):
        h = cpd.audit_hash("OMP-000123", 42)
        self.assertTrue(0 <= h < 2 ** 64)
        self.assertEqual(cpd.audit_hash("ＯＭＰ－０００１２３", 42), h)
        self.assertEqual(cpd.audit_hash(b"OMP-000123", 42), h)
        self.assertNotEqual(cpd.audit_hash("OMP-000123", 43), h)
        with self.assertRaises(ValueError):
            cpd.audit_hash("", 42)
        with self.assertRaises(ValueError):
            cpd.audit_hash("OMP-1", -1)
        with self.assertRaises(TypeError):
            cpd.audit_hash(123, 42)

    @unittest.skipUnless(CLI, "CPD_CLI not set")
    def test_same_selection_as_the_cli(self):
        lines = [json.dumps(r) for r in _roster(500)]
        data = ("\n".join(lines) + "\n").encode()
        for args, kw in (
                (["--rate", "0.1"], {}),
                (["--rate", "0.07", "--stratify"], {"stratify": True}),
                (["--rate", "0", "--include", "OMP-000010,CAP-000003"],
                 {"include": ["OMP-000010", "CAP-000003"]})):
            p = subprocess.run([CLI, "audit", "-", "--seed", "123456789"]
                               + args, input=data, capture_output=True,
                               timeout=60)
            cli = [json.loads(l) for l in p.stdout.splitlines()]
            ours = cpd.audit(lines, args[1], 123456789, **kw)
            self.assertEqual(cli, [
                {"line": e.line, "number": e.number,
                 "qualification": e.qualification or "",
                 "selected": e.selected, "reason": e.reason} for e in ours])


class Redaction(unittest.TestCase):
    def test_masks_personal_data_and_keeps_the_rest(self):
        text = cpd.redact(ELIGIBLE)
        self.assertIsInstance(text, str)
        d = json.loads(text)
        self.assertEqual(d, cpd.redact_dict(ELIGIBLE))
        a = d["applicant"]
        self.assertEqual(a["name"], "山. 太.")
        self.assertEqual(a["postal_code"], "100-****")
        self.assertEqual(a["address"], "東京都")
        self.assertEqual(a["phone"], "**-****-5678")
        self.assertEqual(a["email"], "t***@example.jp")
        self.assertEqual(d["fee"]["payer_name"], "ヤ. タ.")
        for secret in ("山田", "丸の内", "taro@", "1234-5678"):
            self.assertNotIn(secret, text)
        orig = json.loads(ELIGIBLE)
        self.assertEqual(d["certification"], orig["certification"])
        self.assertEqual(d["activities"], orig["activities"])

    def test_check_of_the_redacted_application_is_the_same(self):
        # ... except for the applicant-field diagnostics (and so perhaps
        # the decision): masked values are not valid kana, phone numbers
        def same(r):
            return (r.to_dict()["points"], [a._asdict() for a in r.activities],
                    [c for c in r.codes if not c.startswith("applicant.")])
        for doc in (ELIGIBLE, SHORTFALL):
            a, b = cpd.check(doc), cpd.check(cpd.redact(doc))
            self.assertEqual(same(a), same(b))
            self.assertTrue(any(c.startswith("applicant.") for c in b.codes))

    def test_inputs(self):
        as_dict = json.loads(ELIGIBLE)
        self.assertEqual(cpd.redact(as_dict), cpd.redact(ELIGIBLE))
        self.assertEqual(cpd.redact(ELIGIBLE.decode()), cpd.redact(ELIGIBLE))
        doc = dict(MINIMAL, applied_on=dt.date(2027, 2, 10))
        self.assertEqual(cpd.redact_dict(doc)["applied_on"], "2027-02-10")
        # nothing to mask: still a document
        self.assertEqual(cpd.redact_dict(MINIMAL), MINIMAL)

    def test_errors(self):
        with self.assertRaises(cpd.InputError) as cm:
            cpd.redact(DUPLICATE)
        self.assertEqual(cm.exception.code, "input.duplicate_key")
        with self.assertRaises(cpd.InputError) as cm:
            cpd.redact_dict(b"{")
        self.assertEqual(cm.exception.code, "input.syntax")
        with self.assertRaises(cpd.InputError) as cm:
            cpd.redact(b"[]")
        self.assertEqual(cm.exception.code, "input.not_object")
        with self.assertRaises(TypeError):
            cpd.redact(None)

    @unittest.skipUnless(CLI, "CPD_CLI not set")
    def test_same_text_as_the_cli(self):
        for name in ("eligible-basic", "wareki-and-fullwidth"):
            path = os.path.join(ROOT, "tests", "golden", name + ".json")
            out = subprocess.run([CLI, "redact", path], capture_output=True,
                                 timeout=60).stdout
            with open(path, "rb") as f:
                self.assertEqual(cpd.redact(f.read()), out.decode("utf-8"))


class FieldTable(unittest.TestCase):
    def test_fields_say_what_the_table_says(self):
        # cpd.fields() against the library's own document of its table
        # (cpd_fields_to_json, what GET /v1/fields serves)
        doc = json.loads(capi.fields_to_json())["fields"]
        ours = cpd.fields()
        self.assertEqual(len(ours), len(doc))
        for f, d in zip(ours, doc):
            self.assertEqual(
                (f.pointer, f.key, f.kind, f.required, f.personal,
                 f.redaction, f.label, f.label_ja, f.csv_headers),
                (d["pointer"], d["key"], d["kind"], d["required"],
                 d["personal"], d["redaction"], d["label"], d["label_ja"],
                 d["csv_headers"] or []))


class PersonalData(unittest.TestCase):
    """The field table decides what is personal data: for every text field
    that cpd.fields() marks personal, `cpd redact` and `cpd report`
    (without --include-personal) both withhold its value; every other text
    field, both show it.  One unique value per field, so a field that one
    command keeps and the other drops is named."""

    @staticmethod
    def filled():
        app = json.loads(ELIGIBLE)
        tokens = {}
        for i, f in enumerate(cpd.fields()):
            # the qualification is one of the policy's, shown as the form's
            # check box; the category is the activity's section
            if f.kind != "text" or f.key in ("qualification", "category"):
                continue
            token = "ZQ%02dX" % i
            parts = f.pointer.split("/")[1:]
            node = app
            for k in parts[:-1]:
                if k != "-":  # an activity's field: the first activity's
                    node = node.setdefault(k, {})
                    node = node[0] if isinstance(node, list) else node
            node[parts[-1]] = token
            tokens[f.pointer] = (token, f.personal)
        return app, tokens

    def run_cli(self, *args, stdin):
        p = subprocess.run([CLI, *args], input=stdin, capture_output=True,
                           timeout=60)
        self.assertIn(p.returncode, (0, 1), p.stderr)
        return p.stdout.decode("utf-8")

    @unittest.skipUnless(CLI, "CPD_CLI not set")
    def test_redact_and_report_follow_the_table(self):
        app, tokens = self.filled()
        self.assertTrue(any(p for _, p in tokens.values()))
        self.assertTrue(any(not p for _, p in tokens.values()))
        doc = json.dumps(app, ensure_ascii=False).encode("utf-8")
        outputs = {
            "cpd redact": self.run_cli("redact", "-", stdin=doc),
            "cpd report": self.run_cli("report", "-", "--lang", "en",
                                       stdin=doc),
        }
        everything = self.run_cli("report", "-", "--include-personal",
                                  stdin=doc)
        for pointer, (token, personal) in tokens.items():
            self.assertTrue(token in everything,
                            "%s: not in --include-personal" % pointer)
            for name, out in outputs.items():
                with self.subTest(field=pointer, command=name):
                    self.assertEqual(token in out, not personal,
                                     "%s %s %s" % (
                                         name, "shows" if token in out
                                         else "withholds", pointer))


class ExactPoints(unittest.TestCase):
    """Points are decimal.Decimal everywhere, equal to the document's."""

    def _all_points(self, r):
        p = r.points
        yield from (p.required, p.counted, p.shortfall)
        for s in p.sections:
            yield from (s.claimed, s.counted)
            if s.cap is not None:
                yield s.cap
        for a in r.activities:
            yield from (a.claimed, a.counted)

    def test_result_points_are_decimal(self):
        r = cpd.check(_read("examples", "eligible.json"))
        for v in self._all_points(r):
            self.assertIs(type(v), decimal.Decimal)
        self.assertEqual(r.points.counted, decimal.Decimal("31.5"))
        self.assertEqual(str(r.points.counted), "31.5")
        self.assertEqual(str(r.points.required), "30")  # not 30.00 nor 3E+1
        self.assertEqual(r.sections["C-2"].counted, decimal.Decimal("2.5"))

    def test_typed_values_equal_the_document(self):
        r = cpd.check(_read("examples", "eligible.json"))
        doc = json.loads(r.to_json(), parse_float=decimal.Decimal)
        self.assertEqual(r.points.counted, doc["points"]["counted"])
        for s, d in zip(r.points.sections, doc["points"]["sections"]):
            self.assertEqual((s.section, s.claimed, s.counted, s.cap,
                              s.entries),
                             (d["section"], d["claimed"], d["counted"],
                              d["cap"], d["entries"]))
        for a, d in zip(r.activities, doc["activities"]):
            self.assertEqual((a.index, a.id, a.section, a.year, a.claimed,
                              a.counted, a.status),
                             (d["index"], d["id"], d["section"], d["year"],
                              d["claimed"], d["counted"], d["status"]))

    def test_to_dict_points_are_decimal(self):
        d = cpd.check(_read("examples", "eligible.json")).to_dict()
        self.assertIs(type(d["points"]["counted"]), decimal.Decimal)
        self.assertIs(type(d["points"]["required"]), decimal.Decimal)
        self.assertIs(type(d["points"]["sections"][1]["cap"]),
                      decimal.Decimal)
        self.assertIsNone(d["points"]["sections"][0]["cap"])
        self.assertIs(type(d["activities"][0]["index"]), int)

    def test_plan_points_are_decimal(self):
        p = cpd.plan(_in_progress(), "2026-11-28")
        self.assertEqual(p.points.needed, decimal.Decimal("8"))
        for v in (p.points.required, p.points.counted, p.points.needed):
            self.assertIs(type(v), decimal.Decimal)
        for s in p.sections.values():
            self.assertIs(type(s.counted), decimal.Decimal)
            self.assertIn(type(s.room), (decimal.Decimal, type(None)))
        self.assertIs(type(p.to_dict()["points"]["needed"]), decimal.Decimal)

    def test_policy_points_are_decimal(self):
        p = cpd.Policy.from_json({"required_points": 30.5,
                                  "points_per_hour": 1.25})
        d = p.to_dict()
        self.assertEqual(d["required_points"], decimal.Decimal("30.5"))
        self.assertEqual(d["points_per_hour"], decimal.Decimal("1.25"))
        self.assertIs(type(d["sections"][1]["cap"]), decimal.Decimal)

    def test_hundredths_are_exact(self):
        doc = json.loads(ELIGIBLE)
        doc["activities"] = [dict(doc["activities"][0], id=f"x{i}",
                                  hours=0.01, points=0.01,
                                  completed_on=f"2024-06-{i + 1:02d}")
                             for i in range(10)]
        r = cpd.check(doc)
        self.assertEqual(r.sections["A"].counted, decimal.Decimal("0.1"))
        self.assertEqual(sum(a.counted for a in r.activities),
                         decimal.Decimal("0.10"))

    def test_decimal_amounts_in_a_dict_go_in_exactly(self):
        doc = json.loads(ELIGIBLE)
        doc["activities"][0]["points"] = decimal.Decimal("5.75")
        doc["activities"][0]["hours"] = decimal.Decimal("6")
        r = cpd.check(doc)
        self.assertEqual(r.activities[0].claimed, decimal.Decimal("5.75"))
        doc["activities"][0]["points"] = decimal.Decimal("1.00000000000000001")
        with self.assertRaises(ValueError):
            cpd.check(doc)
        doc["activities"][0]["points"] = decimal.Decimal("NaN")
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check(doc)
        self.assertEqual(cm.exception.path, "/activities/0/points")


class Enums(unittest.TestCase):
    def test_decision_severity_statuses_are_str_enums(self):
        r = cpd.check(ELIGIBLE)
        self.assertIs(r.decision, cpd.Decision.ELIGIBLE)
        self.assertEqual(r.decision, "eligible")
        self.assertIsInstance(r.decision, str)
        self.assertIs(r.window.status, cpd.WindowStatus.OPEN)
        self.assertIs(r.diagnostics[0].severity, cpd.Severity.INFO)
        self.assertEqual(r.diagnostics[0].severity, "info")
        self.assertIs(r.activities[3].status,
                      cpd.ActivityStatus.PARTIALLY_COUNTED)
        self.assertEqual(json.dumps(r.decision), '"eligible"')
        self.assertEqual(f"{r.decision}", "eligible")
        self.assertIs(cpd.check(SHORTFALL).decision, cpd.Decision.INELIGIBLE)

    def test_members_are_the_library_names(self):
        for enum, fn, n in ((cpd.Decision, capi.decision_str, 3),
                            (cpd.Severity, capi.severity_str, 4),
                            (cpd.WindowStatus, capi.window_status_str, 3),
                            (cpd.ActivityStatus, capi.activity_status_str, 4)):
            self.assertEqual([m.value for m in enum],
                             [fn(i) for i in range(n)])

    def test_decision_comes_from_the_typed_result(self):
        # Not from the document's bytes: a document whose first key is not
        # "decision" (as a result read back from elsewhere) still works.
        r = cpd.check(ELIGIBLE)
        moved = cpd.Result(b'{"x":1,' + r.to_json().encode()[1:], r._t)
        self.assertIs(moved.decision, cpd.Decision.ELIGIBLE)
        for doc in (ELIGIBLE, SHORTFALL, _read("examples", "incomplete.json")):
            r = cpd.check(doc)
            self.assertEqual(r.decision, json.loads(r.to_json())["decision"])


class PathsAndInputs(unittest.TestCase):
    def test_a_path_is_read_as_a_file(self):
        import pathlib
        path = pathlib.Path(ROOT, "examples", "eligible.json")
        self.assertEqual(cpd.check(path), cpd.check(path.read_bytes()))
        self.assertEqual(cpd.plan(path, "2027-01-10"),
                         cpd.plan(path.read_bytes(), "2027-01-10"))
        self.assertEqual(cpd.redact(path), cpd.redact(path.read_bytes()))
        self.assertEqual(cpd.Policy.from_json(pathlib.Path(
            ROOT, "examples", "strict-window.policy.json")).to_json(),
            cpd.Policy.from_file(os.path.join(
                ROOT, "examples", "strict-window.policy.json")).to_json())
        with self.assertRaises(FileNotFoundError):
            cpd.check(pathlib.Path(ROOT, "no-such-file.json"))

    def test_a_str_is_json_text_and_a_path_like_str_says_so(self):
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check("examples/eligible.json")
        e = cm.exception
        self.assertEqual((e.code, e.offset), ("input.syntax", 0))
        self.assertIn("pathlib.Path", " ".join(e.__notes__))
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check('{"applied_on": ')
        self.assertFalse(getattr(cm.exception, "__notes__", None))

    def test_limits(self):
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check(ELIGIBLE, limits=cpd.Limits(max_activities=3))
        self.assertEqual(cm.exception.code, "input.too_large")
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check(ELIGIBLE, limits=cpd.Limits(max_document_bytes=100))
        self.assertEqual(cm.exception.code, "input.too_large")
        self.assertEqual(cpd.check(ELIGIBLE, limits=cpd.Limits()),
                         cpd.check(ELIGIBLE))
        with self.assertRaises(cpd.InputError):
            cpd.plan(ELIGIBLE, "2027-01-10",
                     limits=cpd.Limits(max_string_bytes=4))
        with self.assertRaises(ValueError):
            cpd.check(ELIGIBLE, limits=cpd.Limits(max_activities=-1))
        with self.assertRaises(TypeError):
            cpd.check(ELIGIBLE, limits={"max_activities": 3})

    def test_default_limits_are_the_librarys(self):
        self.assertEqual((cpd.DEFAULT_MAX_DOCUMENT_BYTES,
                          cpd.DEFAULT_MAX_ACTIVITIES,
                          cpd.DEFAULT_MAX_STRING_BYTES),
                         (4 << 20, 10000, 4096))
        self.assertEqual((cpd.POLICY_MAX_BYTES, cpd.POLICY_MAX_LIST,
                          cpd.POLICY_MAX_VERSIONS), (1 << 20, 5000, 64))
        # a document of exactly the default size is read; one byte more is
        # too large, unless a limit of its own allows it
        base = b'{"applied_on":"2027-02-10"}'
        doc = base[:-1] + b" " * (cpd.DEFAULT_MAX_DOCUMENT_BYTES
                                  - len(base)) + b"}"
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check(doc)
        self.assertEqual(cm.exception.code, "input.missing_field")
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check(doc + b" ")
        self.assertEqual(cm.exception.code, "input.too_large")
        with self.assertRaises(cpd.InputError) as cm:
            cpd.check(doc + b" ", limits=cpd.Limits(
                max_document_bytes=cpd.DEFAULT_MAX_DOCUMENT_BYTES + 1))
        self.assertEqual(cm.exception.code, "input.missing_field")
        versions = {"versions": [
            {"name": "v%d" % i, "effective_from": "%d-01-01" % (2000 + i)}
            for i in range(cpd.POLICY_MAX_VERSIONS + 1)]}
        with self.assertRaises(cpd.PolicyError):
            cpd.Policy.from_json(versions)
        versions["versions"].pop()
        self.assertEqual(len(cpd.Policy.from_json(versions).versions),
                         cpd.POLICY_MAX_VERSIONS)


class Checkers(unittest.TestCase):
    def test_check_reuses_one_checker_per_thread_and_policy(self):
        p = cpd.Policy.from_json({"required_points": 30})
        cpd.check(ELIGIBLE, policy=p)
        first = p._checker()
        cpd.check(SHORTFALL, policy=p)
        self.assertIs(p._checker(), first)
        other = []
        t = threading.Thread(target=lambda: other.append(p._checker()))
        t.start()
        t.join()
        self.assertIsNot(other[0], first)

    def test_results_outlive_the_checker_call(self):
        # The checker's buffers are reused: each result is copied out.
        a = cpd.check(ELIGIBLE)
        b = cpd.check(SHORTFALL)
        self.assertEqual(a.decision, "eligible")
        self.assertEqual(a.to_json(), cpd.check(ELIGIBLE).to_json())
        self.assertNotEqual(a.to_json(), b.to_json())
        got = list(cpd.check_many([ELIGIBLE, SHORTFALL, ELIGIBLE]))
        self.assertEqual([r.decision for r in got],
                         ["eligible", "ineligible", "eligible"])
        self.assertEqual(got[0], got[2])

    def test_a_document_is_copied_before_the_next_check(self):
        # cpd.check leaves its document in the checker until it is asked
        # for; the next check on that checker copies it out first.  Each
        # document must be its own application's, whenever it is read:
        # check_many copies every document at once (the reference).
        apps = [ELIGIBLE, SHORTFALL, _read("examples", "incomplete.json"),
                ELIGIBLE]
        want = [r.to_json() for r in cpd.check_many(apps)]
        self.assertNotEqual(want[0], want[1])
        kept = [cpd.check(a) for a in apps]
        for r in kept[:-1]:
            self.assertIsNotNone(r._json)  # copied before the next check
        self.assertEqual([r.to_json() for r in reversed(kept)],
                         list(reversed(want)))
        # read at once, after an input error, and read twice
        a = cpd.check(SHORTFALL)
        with self.assertRaises(cpd.InputError):
            cpd.check(DUPLICATE)
        self.assertEqual(a.to_json(), want[1])
        b = cpd.check(ELIGIBLE)
        self.assertEqual(b.to_json(), want[0])
        self.assertEqual(cpd.check(SHORTFALL).to_json(), want[1])
        self.assertEqual(b.to_json(), want[0])
        # equality, hashing, to_dict and pickling of a result whose
        # document is still in the checker, and one from as_of
        c, d = cpd.check(ELIGIBLE), cpd.check(ELIGIBLE)
        self.assertIsNone(d._json)
        self.assertEqual(c, d)
        self.assertEqual(hash(cpd.check(SHORTFALL)), hash(want[1].encode()))
        self.assertEqual(pickle.loads(pickle.dumps(cpd.check(ELIGIBLE))),
                         kept[0])
        self.assertEqual(cpd.check(SHORTFALL).to_dict(),
                         cpd.loads_document(want[1]))
        self.assertEqual(cpd.check(SHORTFALL)["decision"], "ineligible")
        e = cpd.check(ELIGIBLE, as_of="2027-02-10")
        # a checker made for one call is not kept by its result
        self.assertIsNone(e._live)
        self.assertEqual(e.to_json(), next(cpd.check_many(
            [ELIGIBLE], as_of="2027-02-10")).to_json())

    def test_documents_of_results_read_in_other_threads(self):
        # A result read in another thread while its own thread checks the
        # next application: the copy and the next evaluation never overlap.
        apps = [ELIGIBLE, SHORTFALL, _read("examples", "incomplete.json")]
        want = {a: r.to_json() for a, r in zip(apps, cpd.check_many(apps))}
        q = []
        stop = threading.Event()
        bad = []

        def reader():
            while not stop.is_set() or q:
                try:
                    app, r = q.pop(0)
                except IndexError:
                    time.sleep(0)
                    continue
                if r.to_json() != want[app]:
                    bad.append(app)

        readers = [threading.Thread(target=reader) for _ in range(2)]
        for t in readers:
            t.start()

        def checker(k):
            for i in range(300):
                app = apps[(i + k) % 3]
                q.append((app, cpd.check(app)))

        try:
            with ThreadPoolExecutor(max_workers=3) as ex:
                list(ex.map(checker, range(3)))
        finally:
            stop.set()
            for t in readers:
                t.join()
        self.assertEqual(bad, [])

    def test_a_check_reentered_while_a_result_is_read(self):
        # Reading a result can run Python code (a points value not yet
        # cached: the cache's __missing__); a check made from there on the
        # same thread (as a finalizer or a signal handler could) must not
        # evaluate on the checker whose result is being read.
        app = json.loads(ELIGIBLE)
        app["activities"][0]["points"] = 6.17  # 617 hundredths: not cached
        app["activities"][0]["hours"] = 6.17
        inner = []
        cache = cpd._result._P
        cache.pop(617, None)
        old = type(cache).__missing__

        def missing(self, key):
            if not inner:
                inner.append(None)  # once: this check may miss too
                inner[0] = cpd.check(SHORTFALL)
            return old(self, key)

        type(cache).__missing__ = missing
        try:
            r = cpd.check(app)
        finally:
            type(cache).__missing__ = old
        self.assertEqual(len(inner), 1)  # the read did run Python code
        self.assertEqual(r.activities[0].claimed, decimal.Decimal("6.17"))
        self.assertEqual(r.to_json(), next(cpd.check_many([app])).to_json())
        self.assertEqual(inner[0].to_json(),
                         next(cpd.check_many([SHORTFALL])).to_json())

    def test_read_values_are_the_callers_own(self):
        # The objects of a result are made once; the lists handed out are
        # new each time, so changing one changes nothing else.
        r = cpd.check(SHORTFALL)
        n = len(r.points.sections)
        r.points.sections.clear()
        r.period.years.clear()
        r.activities.clear()
        r.diagnostics.clear()
        self.assertEqual(len(r.points.sections), n)
        self.assertEqual(len(r.period.years), 3)
        self.assertTrue(r.activities)
        self.assertTrue(r.diagnostics)
        self.assertEqual(r.points, r.points)
        self.assertIsNot(r.points.sections, r.points.sections)
        self.assertIsInstance(r.activities[0], cpd.Activity)
        self.assertIsInstance(r.diagnostics[0], cpd.Diagnostic)
        self.assertIsInstance(r.diagnostics[0].message, str)
        self.assertIs(type(r.diagnostics[0].severity), cpd.Severity)
        self.assertIsInstance(r.period.years[0], cpd.PeriodYear)
        self.assertIsInstance(r.points.sections[0], cpd.Section)
        self.assertIsInstance(r.window, cpd.Window)
        self.assertIs(type(r.window.status), cpd.WindowStatus)

    def test_batch_reads_with_cpd_lines(self):
        # A line over the limit is reported without being kept, and the
        # next line is read; CR-only and blank lines as the library says.
        data = (ELIGIBLE.replace(b"\n", b" ") + b"\n" + b" " * 30 + b"x\n"
                + b"\r\n" + SHORTFALL.replace(b"\n", b" ") + b"\r\n")
        lim = cpd.Limits(max_document_bytes=len(ELIGIBLE) + 1)
        items = list(cpd.batch(io.BytesIO(data), limits=lim))
        self.assertEqual([i.line for i in items], [1, 2, 4])
        self.assertEqual(items[0].decision, "eligible")
        self.assertEqual(items[1].code, "input.syntax")
        self.assertEqual(items[2].decision, "ineligible")
        lim = cpd.Limits(max_document_bytes=200)
        items = list(cpd.batch(io.BytesIO(data), limits=lim))
        self.assertEqual([(i.line, i.code) for i in items],
                         [(1, "input.too_large"), (2, "input.syntax"),
                          (4, "input.too_large")])

    def test_batch_in_small_chunks(self):
        one = ELIGIBLE.replace(b"\n", b" ")
        data = b"\n".join([one] * 50)  # no final newline
        old = cpd._CHUNK
        try:
            cpd._CHUNK = 7
            items = list(cpd.batch(io.BytesIO(data)))
        finally:
            cpd._CHUNK = old
        self.assertEqual(len(items), 50)
        self.assertEqual({i.decision for i in items}, {"eligible"})
        self.assertEqual(items[-1].line, 50)

    def test_batch_of_a_text_stream(self):
        text = ELIGIBLE.decode("utf-8").replace("\n", " ") + "\n"
        items = list(cpd.batch(io.StringIO(text * 3)))
        self.assertEqual([i.line for i in items], [1, 2, 3])


class Catalogue(unittest.TestCase):
    def test_explain_a_code(self):
        e = cpd.explain("section.capped")
        self.assertEqual((e.code.code, e.code.kind, e.code.severity,
                          e.code.rule), ("section.capped", "diagnostic",
                                         cpd.Severity.INFO, "R6"))
        self.assertEqual(e.rule.id, "R6")
        self.assertTrue(e.rule.title and e.rule.title_ja)
        want = json.loads(capi.explain_json("section.capped"))
        self.assertEqual(json.loads(e.to_json()), want)
        self.assertEqual(want["code"]["summary"], e.code.summary)
        self.assertEqual(want["rule"]["example_ja"], e.rule.example_ja)

    def test_explain_a_rule_and_an_input_error(self):
        e = cpd.explain("r6")
        self.assertIsNone(e.code)
        self.assertEqual(e.rule.id, "R6")
        e = cpd.explain("input.syntax")
        self.assertEqual(e.code.kind, "input_error")
        self.assertIsNone(e.code.severity)
        self.assertEqual(json.loads(e.to_json()),
                         json.loads(capi.explain_json("input.syntax")))

    def test_explain_refuses_other_names(self):
        for bad in ("no.such_code", "R99", "", "R6\0x"):
            with self.assertRaises(ValueError):
                cpd.explain(bad)
        with self.assertRaises(cpd.InvalidArgument):
            capi.explain_json("no.such_code")
        with self.assertRaises(TypeError):
            cpd.explain(6)

    def test_every_diagnostic_names_a_known_code_and_its_rule(self):
        known = {c.code: c for c in cpd.codes()}
        r = cpd.check(_read("examples", "incomplete.json"))
        self.assertTrue(r.diagnostics)
        for d in r.diagnostics:
            self.assertEqual(known[d.code].rule, d.rule)
            self.assertEqual(known[d.code].severity, d.severity)
            self.assertEqual(cpd.explain(d.code).rule.id, d.rule)
            if d.activity is not None:
                self.assertTrue(d.path.startswith(f"/activities/{d.activity}"))

    def test_rules_and_fields(self):
        self.assertEqual([r.id for r in cpd.rules()],
                         [f"R{i}" for i in range(1, 17)])
        fields = {f.pointer: f for f in cpd.fields()}
        self.assertTrue(fields["/applicant/name"].personal)
        self.assertEqual(fields["/applicant/name"].redaction, "initials")
        self.assertEqual(fields["/applicant/email"].redaction, "email")
        self.assertFalse(fields["/qualification"].personal)
        self.assertIn("title", fields["/activities/-/title"].csv_headers)
        self.assertEqual(fields["/activities/-/completed_on"].kind, "date")

    def test_normalize_text(self):
        self.assertEqual(cpd.normalize_text("　ＡＢＣ  １２３　"), "ABC 123")
        self.assertEqual(cpd.normalize_text(b"x"), "x")
        with self.assertRaises(ValueError):
            cpd.normalize_text(b"\xff")


class PayerNames(unittest.TestCase):
    def test_match_name(self):
        self.assertTrue(cpd.match_name("ヤマダ タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ"))
        self.assertTrue(cpd.match_name("やまだ たろう",
                                       "ﾔﾏﾀﾞ ﾀﾛｳ".encode()))
        self.assertTrue(cpd.match_name("キッカワ", "ｷﾂｶﾜ"))
        self.assertTrue(cpd.match_name("ジョージ", "ｼﾞﾖ-ｼﾞ"))
        self.assertTrue(cpd.match_name("株式会社ヤマダショウジ", "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ"))
        self.assertFalse(cpd.match_name("有限会社ヤマダショウジ",
                                        "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ"))
        self.assertFalse(cpd.match_name("ヤマダ タロウ", "ﾔﾏﾀﾞ ｼﾞﾛｳ"))
        self.assertFalse(cpd.match_name("山田 太郎", "ﾔﾏﾀﾞ ﾀﾛｳ"))

    def test_cut(self):
        long_name = "ヤマダショウジホールディングス"
        self.assertFalse(cpd.match_name(long_name, "ﾔﾏﾀﾞｼﾖｳｼﾞﾎ-ﾙﾃ"))
        self.assertTrue(cpd.match_name(long_name, "ﾔﾏﾀﾞｼﾖｳｼﾞﾎ-ﾙﾃ", cut=True))

    def test_fold_name(self):
        self.assertEqual(cpd.fold_name("ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ"), "ヤマダシヨウジ")
        self.assertEqual(cpd.fold_name(b"\xef\xbd\xb7\xef\xbe\x82"), "キツ")
        self.assertEqual(cpd.fold_name("ジョージ"), "ジヨ-ジ")

    def test_errors(self):
        with self.assertRaises(ValueError):
            cpd.fold_name(b"\xff")
        with self.assertRaises(ValueError):
            cpd.match_name("a", b"\xff")
        with self.assertRaises(TypeError):
            cpd.match_name("a", 1)
        with self.assertRaises(TypeError):
            cpd.fold_name(None)

    def test_legal_entities(self):
        entities = cpd.legal_entities()
        self.assertGreaterEqual(len(entities), 30)
        kk = [e for e in entities if e.name == "株式会社"][0]
        self.assertEqual(kk, cpd.LegalEntity("カ", "株式会社",
                                             "カブシキガイシヤ", "株"))
        self.assertIsNone([e for e in entities
                           if e.name == "相互会社"][0].kanji_abbreviation)


class FeeAndYen(unittest.TestCase):
    def test_fee_status_members_are_the_library_names(self):
        self.assertEqual([m.value for m in cpd.FeeStatus],
                         [capi.fee_status_str(i) for i in range(6)])
        self.assertEqual(capi.fee_status_str(6), "unknown")
        self.assertEqual(cpd.FeeStatus.AMOUNT_DIFFERS, "amount_differs")

    def test_parse_fee_status(self):
        for m in cpd.FeeStatus:
            self.assertIs(cpd.parse_fee_status(m.value), m)
            self.assertIs(cpd.parse_fee_status(m.value.encode()), m)
        self.assertEqual(capi.fee_status_parse("outside_window"),
                         capi.FEE_OUTSIDE_WINDOW)
        for bad in ("Paid", "paid ", "", "unknown"):
            with self.assertRaisesRegex(ValueError, "not a fee status"):
                cpd.parse_fee_status(bad)
        with self.assertRaises(cpd.InvalidArgument):
            capi.fee_status_parse("nope")
        with self.assertRaises(TypeError):
            cpd.parse_fee_status(3)

    def test_fee_status_label(self):
        lb = cpd.fee_status_label(cpd.FeeStatus.AMOUNT_DIFFERS)
        self.assertIsInstance(lb, cpd.Label)
        self.assertEqual(lb.name, "amount_differs")
        self.assertEqual(lb.label_ja, "金額相違")
        self.assertEqual(cpd.fee_status_label("paid").name, "paid")
        for m in cpd.FeeStatus:
            lb = cpd.fee_status_label(m)
            self.assertEqual(lb.name, m.value)
            self.assertTrue(lb.label and lb.label_ja and lb.note
                            and lb.note_ja, m)
        self.assertIsNone(capi.fee_status_label(6))
        with self.assertRaises(ValueError):
            cpd.fee_status_label("refunded")

    def test_format_yen(self):
        for yen, text in ((0, "0"), (999, "999"), (1000, "1,000"),
                          (10000, "10,000"), (-1500, "-1,500"),
                          (1234567, "1,234,567"),
                          (-2 ** 63, "-9,223,372,036,854,775,808"),
                          (2 ** 63 - 1, "9,223,372,036,854,775,807")):
            self.assertEqual(cpd.format_yen(yen), text)
        with self.assertRaises(OverflowError):
            cpd.format_yen(2 ** 63)
        for bad in (1.5, "10000", True, None):
            with self.assertRaises(TypeError):
                cpd.format_yen(bad)


class Constants(unittest.TestCase):
    def test_status_codes_come_from_swig(self):
        from cpd import _errors
        self.assertEqual((_errors._EINPUT, _errors._EPOLICY, _errors._EINVAL,
                          _errors._ENOMEM),
                         (capi.EINPUT, capi.EPOLICY, capi.EINVAL,
                          capi.ENOMEM))
        # no cpd_status number is written out in the package's source
        pkg = os.path.dirname(cpd.__file__)
        for name in ("_errors.py", "__init__.py", "_result.py"):
            with open(os.path.join(pkg, name), encoding="utf-8") as f:
                src = f.read()
            self.assertIsNone(re.search(r"\b(_?E[A-Z]+|OK)\s*=\s*-?\d", src),
                              name)

    def test_policy_name_is_read_once(self):
        p = cpd.Policy.from_json(TWO_VERSIONS)
        calls = []
        real = capi.policy_to_json
        try:
            capi.policy_to_json = lambda h: calls.append(h) or real(h)
            for _ in range(5):
                self.assertEqual(p.name, "CPD 2027")
        finally:
            capi.policy_to_json = real
        self.assertLessEqual(len(calls), 1)


class WheelTag(unittest.TestCase):
    def test_tag_is_the_interpreters(self):
        import importlib.util
        import sysconfig
        path = os.path.join(ROOT, "bindings", "python", "build_backend",
                            "cpd_build.py")
        spec = importlib.util.spec_from_file_location("cpd_build", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        tag = mod._tag()
        nodot = sysconfig.get_config_var("py_version_nodot")
        self.assertTrue(tag.startswith(f"cp{nodot}-cp{nodot}"), tag)
        self.assertRegex(tag, r"^cp\d+-cp\d+d?-[a-z0-9_]+$")
        try:  # pip's copy of `packaging`, when there is one
            from pip._vendor.packaging import tags
        except ImportError:
            self.skipTest("no pip._vendor.packaging to compare with")
        self.assertIn(tag, {str(t) for t in tags.sys_tags()})


class Package(unittest.TestCase):
    def test_version(self):
        header = _read("include", "cpd.h", mode="r")
        m = re.search(r'#define CPD_VERSION_STRING "([^"]+)"', header)
        self.assertEqual(cpd.__version__, m.group(1))
        self.assertEqual(cpd.library_version(), cpd.__version__)

    def test_help_explains_the_arguments(self):
        text = pydoc.render_doc(cpd.check, renderer=pydoc.plaintext)
        for word in ("application", "policy", "as_of", "InputError",
                     "Returns"):
            self.assertIn(word, text)
        self.assertIn("check(application", text)
        words = {
            cpd.plan: ("plan(application", "as_of", "policy", "Returns",
                       "InputError", "room"),
            cpd.audit: ("audit(roster", "rate", "seed", "stratify",
                        "include", "errors", "collect",
                        "audit.duplicate_number", "Returns", "millionth"),
            cpd.audit_file: ("audit_file(source", "rate"),
            cpd.redact: ("redact(application", "InputError"),
            cpd.redact_dict: ("redact_dict(application",),
            cpd.window: ("window(expires_on", "policy", "Returns"),
            cpd.Plan: ("needed", "reachable", "room", "days_until_opens",
                       "advice", "diagnostics"),
            cpd.AuditEntry: ("number", "qualification", "selected",
                             "reason", "hash", "line"),
            cpd.Policy: ("versions", "effective_from"),
        }
        for obj, want in words.items():
            text = pydoc.render_doc(obj, renderer=pydoc.plaintext)
            for word in want:
                self.assertIn(word, text, obj)

    def test_everything_public_is_documented(self):
        for name in cpd.__all__:
            obj = getattr(cpd, name)
            if callable(obj):
                self.assertTrue(obj.__doc__, name)

    def test_typed(self):
        pkg = os.path.dirname(cpd.__file__)
        self.assertTrue(os.path.exists(os.path.join(pkg, "py.typed")))
        self.assertIn("return", cpd.check.__annotations__)
        import typing
        hints = typing.get_type_hints(cpd.plan)
        self.assertIs(hints["return"], cpd.Plan)
        self.assertEqual(typing.get_type_hints(cpd.audit)["return"],
                         cpd.AuditResult)
        self.assertIs(typing.get_type_hints(cpd.redact)["return"], str)
        self.assertEqual(typing.get_type_hints(cpd.AuditEntry),
                         {"number": str, "qualification": typing.Optional[str],
                          "selected": bool, "reason": str, "hash": int,
                          "line": int})
        for f in (cpd.audit_file, cpd.audit_hash, cpd.redact_dict,
                  cpd.window):
            self.assertIn("return", typing.get_type_hints(f))
        self.assertEqual(typing.get_type_hints(cpd.Policy.versions.fget)
                         ["return"], typing.List[cpd.PolicyVersion])

    def test_raw_module(self):
        r = capi.evaluate_json_opts(None, ELIGIBLE, None)
        self.assertEqual(capi.result_summary(r).counted, 3400)
        self.assertEqual(capi.result_section_count(r), 10)
        self.assertEqual(capi.result_section(r, 1).section, "B-1")
        self.assertEqual(capi.result_period_year(r, 1),
                         [cpd.parse_date("2024-04-01").toordinal() - 719163,
                          cpd.parse_date("2025-03-31").toordinal() - 719163])
        with self.assertRaises(cpd.InvalidArgument):
            capi.result_period_year(r, 9)
        self.assertEqual(json.loads(capi.result_to_json(r)),
                         cpd.check(ELIGIBLE).to_dict())
        self.assertEqual(capi.day_format(0), "1970-01-01")
        self.assertEqual(capi.day_to_ymd(capi.day_from_ymd(2024, 2, 29)),
                         [2024, 2, 29])
        with self.assertRaises(cpd.InvalidArgument):
            capi.day_from_ymd(2023, 2, 29)
        with self.assertRaises(TypeError):
            capi.check_json_opts(None, 42, None)

    def test_raw_audit(self):
        o = capi.audit_options()
        o.seed, o.rate_ppm, o.stratify = 2 ** 64 - 1, 1_000_000, 0
        o.include_add("OMP-1")
        o.include_add(b"CAP-2")
        self.assertEqual(o.include_count, 2)
        with self.assertRaises(cpd.InvalidArgument):
            o.include_add(b"A\x00B")
        a = capi.audit_new(o)
        del o  # the audit copied what it needs
        capi.audit_add_json(a, b'{"number": "OMP-1", "qualification": "OMP"}')
        capi.audit_add(a, "CAP-2", None)
        with self.assertRaises(cpd.InputError) as cm:
            capi.audit_add(a, "ＣＡＰ－２", "CAP")
        self.assertEqual(cm.exception.code, "audit.duplicate_number")
        self.assertIsNone(capi.audit_entry_at(a, 0))  # not finished
        with self.assertRaises(cpd.InvalidArgument):
            capi.audit_entries(a)
        capi.audit_finish(a)
        self.assertEqual(capi.audit_count(a), 2)
        h = cpd.audit_hash("CAP-2", 2 ** 64 - 1)
        self.assertEqual(capi.audit_entries(a),
                         [("OMP-1", "OMP", True, "included",
                           cpd.audit_hash("OMP-1", 2 ** 64 - 1)),
                          ("CAP-2", "", True, "included", h)])
        e = capi.audit_entry_at(a, 1)
        self.assertEqual((e.number, e.qualification, e.hash, e.selected,
                          e.reason), ("CAP-2", "", h, 1, "included"))
        self.assertIsNone(capi.audit_entry_at(a, 2))
        with self.assertRaises(cpd.InvalidArgument):
            capi.audit_add_json(a, b'{"number": "X"}')  # after finish
        bad = capi.audit_options()
        bad.rate_ppm = 1_000_001
        with self.assertRaises(cpd.InvalidArgument):
            capi.audit_new(bad)
        self.assertEqual(capi.audit_hash("OMP-1", 7),
                         cpd.audit_hash("OMP-1", 7))
        self.assertEqual(capi.policy_window(None, 20000), [19909, 20000])

    def test_raw_plan_and_redact(self):
        as_of = dt.date(2026, 6, 1).toordinal() - 719163
        plan = json.loads(capi.plan_json(None, ELIGIBLE, as_of, None))
        self.assertEqual(plan["as_of"], "2026-06-01")
        with self.assertRaises(cpd.InputError):
            capi.plan_json(None, b"{", as_of, None)
        red = json.loads(capi.redact_json(ELIGIBLE, None))
        self.assertNotIn("山田", json.dumps(red, ensure_ascii=False))
        with self.assertRaises(cpd.InputError):
            capi.redact_json(DUPLICATE, None)


if __name__ == "__main__":
    unittest.main()
