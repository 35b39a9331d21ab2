#!/usr/bin/env python3
"""Per-call cost of cpd.check against the C call it wraps.

    cmake --build build --target bench_c_check cpd_python
    PYTHONPATH=build/bindings/python python3 bench/bench_python.py \
        [--c build/bench_c_check] [FILE] [-n N]

FILE defaults to tests/golden/eligible-basic.json (a realistic
application: 8 activities, 2.2 kB).  Each variant is timed over N calls a
round, the variants taking turns, and its best round is kept
(microseconds per call):

  c              cpd_check_json_opts + cpd_string_free (bench_c_check)
  raw            cpd.capi.check_json_opts(None, bytes, None): SWIG alone
  check(bytes)   cpd.check(bytes): the thread's checker, the typed result
                 read into tuples in the same C call, not read further
  ... .decision  cpd.check(bytes).decision (a StrEnum)
  ... .points     cpd.check(bytes).points.counted (a Decimal)
  check(str)     cpd.check(str).decision
  check(dict)    cpd.check(dict).decision (json.dumps in Python first)
  check(as_of)   cpd.check(bytes, as_of=date).decision (a checker of its
                 own for the call)

bench/bench_bindings.py compares Python, Java and C# against the C call
they make (cpd_checker_check) and reads every field.

and the overhead of each over the C call.  Wall time on a shared machine
is noisy, so --instructions also counts instructions per call under
valgrind (callgrind): the count of N2 calls minus that of N1 calls,
divided by N2 - N1, so start-up costs cancel out; repeatable whatever
else the machine does.
"""

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import cpd
from cpd import capi

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     ".."))


def interleaved(variants, n, rounds):
    """Best round of each variant, the variants taking turns so that a
    busy moment of the machine hits them all alike."""
    best = {name: float("inf") for name, _ in variants}
    for _ in range(rounds):
        for name, fn in variants:
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return [(name, best[name] / n * 1e6) for name, _ in variants]


def _variants(data, text, doc, day):
    check_json = capi.check_json_opts
    return [
        ("raw capi.check_json_opts", lambda: check_json(None, data, None)),
        ("cpd.check(bytes)", lambda: cpd.check(data)),
        ("cpd.check(bytes).decision", lambda: cpd.check(data).decision),
        ("cpd.check(bytes).points.counted",
         lambda: cpd.check(data).points.counted),
        ("cpd.check(str).decision", lambda: cpd.check(text).decision),
        ("cpd.check(dict).decision", lambda: cpd.check(doc).decision),
        ("cpd.check(bytes, as_of=date)",
         lambda: cpd.check(data, as_of=day).decision),
    ]


def _instructions(cmd):
    # callgrind's profile goes to a temporary directory of our own (never
    # to /dev/null: a tool may replace its output path)
    with tempfile.TemporaryDirectory(prefix="cpd-callgrind.") as tmp:
        p = subprocess.run(["valgrind", "--tool=callgrind",
                            "--callgrind-out-file=" +
                            os.path.join(tmp, "callgrind.out")] + cmd,
                           capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        raise RuntimeError(f"valgrind {' '.join(cmd)}: {p.stderr[-500:]}")
    return int(m.group(1))


def instruction_counts(a, names, n1=500, n2=2500):
    rows = []
    if os.path.exists(a.c_bench):
        def c_calls(n):  # bench_c_check warms up with n/10 + 1 calls
            return n + n // 10 + 1
        i1 = _instructions([a.c_bench, a.file, str(n1)])
        i2 = _instructions([a.c_bench, a.file, str(n2)])
        rows.append(("c  cpd_check_json_opts",
                     (i2 - i1) / (c_calls(n2) - c_calls(n1))))
    for k, name in enumerate(names):
        cmd = [sys.executable, os.path.abspath(__file__), a.file,
               "--loop", str(k)]
        i1 = _instructions(cmd + [str(n1)])
        i2 = _instructions(cmd + [str(n2)])
        rows.append((name, (i2 - i1) / (n2 - n1)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?",
                    default=os.path.join(ROOT, "tests", "golden",
                                         "eligible-basic.json"))
    ap.add_argument("-n", type=int, default=5000, help="calls per round")
    ap.add_argument("-r", "--rounds", type=int, default=9)
    ap.add_argument("--c", dest="c_bench",
                    default=os.path.join(ROOT, "build", "bench_c_check"),
                    help="path of bench_c_check (skipped if missing)")
    ap.add_argument("--instructions", action="store_true",
                    help="also count instructions per call (valgrind)")
    ap.add_argument("--loop", nargs=2, type=int, metavar=("VARIANT", "N"),
                    help=argparse.SUPPRESS)  # one variant N times (valgrind)
    a = ap.parse_args()

    with open(a.file, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    doc = json.loads(data)
    day = dt.date(2027, 2, 10)
    variants = _variants(data, text, doc, day)
    if a.loop:
        fn = variants[a.loop[0]][1]
        for _ in range(a.loop[1]):
            fn()
        return
    cpd.check(data)  # warm-up, and fail early on a bad file

    rows = []
    c_us = None
    if os.path.exists(a.c_bench):
        best = float("inf")
        for _ in range(a.rounds):
            out = subprocess.run([a.c_bench, a.file, str(a.n)],
                                 capture_output=True, text=True,
                                 check=True).stdout
            best = min(best, float(re.search(r"([0-9.]+) us/call", out)
                                   .group(1)))
        c_us = best
        rows.append(("c  cpd_check_json_opts", c_us))
    else:
        print(f"(no {a.c_bench}: C side skipped)", file=sys.stderr)

    rows += interleaved(variants, a.n, a.rounds)
    print(f"{os.path.relpath(a.file, ROOT)}: {len(data)} bytes, "
          f"{len(doc.get('activities') or ())} activities; "
          f"{a.n} calls x {a.rounds} rounds, best round; "
          f"libcpd {cpd.__version__}, "
          f"Python {sys.version.split()[0]}")
    print("wall time:")
    for name, us in rows:
        extra = ""
        if c_us is not None and not name.startswith("c "):
            extra = f"   {us - c_us:+7.2f} us over C ({us / c_us:4.2f}x)"
        print(f"  {name:32s} {us:8.2f} us/call{extra}")
    if a.instructions:
        print("instructions (callgrind):")
        counts = instruction_counts(a, [name for name, _ in variants])
        c_i = counts[0][1] if counts[0][0].startswith("c ") else None
        for name, ins in counts:
            extra = ""
            if c_i is not None and not name.startswith("c "):
                extra = f"   {ins - c_i:+9.0f} over C ({ins / c_i:4.2f}x)"
            print(f"  {name:32s} {ins:10.0f} /call{extra}")


if __name__ == "__main__":
    main()
