"""Leak check of the Python binding: N calls of cpd.check (default 200,000)
on a realistic application, with resident memory flat within 5%.

    PYTHONPATH=build/bindings/python python3 bindings/python/tests/leak_check.py [N]

Every call's decision is read; one call in ten is an input error (the
exception path), one in a hundred goes through as_of (a checker of its
own) and reads the whole result (every typed field and the document), one
in a thousand loads and drops a policy and checks with it (a per-thread
checker under it), plans (the typed plan) and runs a three-line batch
(cpd_lines).  Resident memory is measured after a warm-up of
N/10 calls (allocator pools, caches) and again at the end; the run fails
if it grew by more than 5%.  Prints "leak_check: 1 passed, 0 failed" (or
the reverse) last.
"""

import gc
import io
import os
import sys
import time

import cpd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE_KIB


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 200_000
    with open(os.path.join(ROOT, "tests", "golden", "eligible-basic.json"),
              "rb") as f:
        good = f.read()
    with open(os.path.join(ROOT, "tests", "golden",
                           "input-error-duplicate-key.json"), "rb") as f:
        bad = f.read()
    text = good.decode("utf-8")
    one_line = good.replace(b"\n", b" ") + b"\n"
    bad_line = bad.replace(b"\n", b" ") + b"\n"

    def one(i):
        if i % 10 == 9:
            try:
                cpd.check(bad)
            except cpd.InputError as e:
                assert e.code == "input.duplicate_key"
                return
            raise AssertionError("no InputError")
        if i % 100 == 0:
            r = cpd.check(text, as_of="2027-02-01")
            r.to_dict()
            [(d.code, d.message_ja) for d in r.diagnostics]
            [(a.claimed, a.status) for a in r.activities]
            [s.counted for s in r.sections.values()]
            (r.period.years, r.window, r.policy, r.renewal)
        else:
            r = cpd.check(good)
        assert r.decision in ("eligible", "incomplete")
        if i % 1000 == 0:
            p = cpd.Policy.from_json(b'{"required_points": 30}')
            p.to_json()
            assert cpd.check(good, policy=p).eligible
            del p
            assert cpd.plan(good, "2027-01-10").points.needed >= 0
            items = list(cpd.batch(io.BytesIO(one_line * 2 + bad_line)))
            assert [type(x).__name__ for x in items] == \
                ["Result", "Result", "InputError"]

    warm = max(n // 10, 1)
    t0 = time.perf_counter()
    for i in range(warm):
        one(i)
    gc.collect()
    start = rss_kib()
    samples = []
    for i in range(warm, n):
        one(i)
        if i % (n // 10 or 1) == 0:
            samples.append(rss_kib())
    gc.collect()
    end = rss_kib()
    took = time.perf_counter() - t0
    growth = (end - start) / start * 100
    print(f"leak_check: {n} calls of cpd.check in {took:.1f} s "
          f"({took / n * 1e6:.1f} us/call)")
    print(f"leak_check: resident {start} KiB after {warm} calls, {end} KiB "
          f"at the end ({growth:+.2f}%); samples {samples}")
    ok = end <= start * 1.05
    print(f"leak_check: {1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
