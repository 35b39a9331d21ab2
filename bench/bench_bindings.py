#!/usr/bin/env python3
"""Per-call cost of each binding over the C call it makes.

    cmake --build build -j2 --target bench_c_check cpd_python \\
        cpd_java_tests cpd_csharp_tests
    python3 bench/bench_bindings.py --build build [-n 5000] [-r 7] \\
        [--write-results bench/results.md]

One realistic application (bench/gen --seed 7 --lines 1 --activities 30,
6.1 kB) is checked N times a run, in separate processes that take turns R
times (C, Python, Java, C#, C, ...), so a busy moment of the machine hits
them all alike; each figure is the best run.  Time is the process's CPU
time (user + system, the JVM's and Mono's GC and JIT threads included), per
call, after a warm-up in the same process; wall time is printed too.

  C       cpd_checker_check on one reusable checker (the call every binding
          makes: the result document and the typed result), then the same
          with every typed field read (summary, years, sections,
          activities, diagnostics and their messages); and the one-call
          cpd_check_json_opts for reference (bench/bench_c_check.c)
  Python  cpd.check(bytes) (the typed result read into Python objects in
          the same C call; the result document is copied out of the
          checker only when asked for), .decision read, .to_json() (the
          document too), every field read (Decimal, date, enums)
  Java    Cpd.check(byte[], null, null) (the typed result read eagerly),
          then every field read (CpdTest bench)
  C#      Cpd.Check(byte[]) likewise, under Mono (CpdTest.exe bench)

The overhead of a binding is its figure minus C's: a bare check against
cpd_checker_check, every field read against C reading every field.
"""

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
import time

import benchlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
BEGIN = "<!-- bindings: written by bench/bench_bindings.py -->"
END = "<!-- end of bindings -->"
LINE = re.compile(r"^(\w+): (\S+) ([0-9.]+) us/call \(cpu ([0-9.]+) us/call")


def read_all(r):
    """Every typed field of a cpd.Result read, as a caller would: each
    attribute fetched once (Decimal, date, enum, str)."""
    fields = [r.decision, r.applied_on, r.qualification, r.email_subject,
              r.policy, r.renewal]
    p = r.period
    fields += [p.starts_on, p.expires_on]
    fields += [(y.year, y.starts_on, y.ends_on) for y in p.years]
    w = r.window
    fields += [w.opens_on, w.closes_on, w.status]
    pts = r.points
    fields += [pts.required, pts.counted, pts.shortfall]
    fields += [(s.section, s.claimed, s.counted, s.cap, s.entries, s.year)
               for s in pts.sections]
    fields += [(a.index, a.id, a.section, a.year, a.claimed, a.counted,
                a.status) for a in r.activities]
    fields += [(d.code, d.severity, d.path, d.message, d.message_ja, d.rule,
                d.activity) for d in r.diagnostics]
    return len(fields)


def python_loop(path, n, rounds):
    """The Python side, run in its own process (--python-loop)."""
    import cpd
    with open(path, "rb") as f:
        app = f.read()
    variants = [
        ("check", lambda: cpd.check(app)),
        ("check.decision", lambda: cpd.check(app).decision),
        ("check.to_json", lambda: cpd.check(app).to_json()),
        ("check+read", lambda: read_all(cpd.check(app))),
    ]
    for name, fn in variants:
        best_wall = best_cpu = float("inf")
        for rnd in range(-2, rounds):  # two warm-up rounds
            w0, c0 = time.perf_counter(), time.process_time()
            for _ in range(n):
                fn()
            if rnd >= 0:
                best_wall = min(best_wall, (time.perf_counter() - w0) / n * 1e6)
                best_cpu = min(best_cpu, (time.process_time() - c0) / n * 1e6)
        print(f"python: {name} {best_wall:.2f} us/call (cpu {best_cpu:.2f} "
              f"us/call, {n} calls x {rounds} rounds)")


def _instructions(cmd, env=None):
    """Instructions a command executes, under callgrind (its profile goes
    to a temporary directory of ours, never to /dev/null)."""
    with tempfile.TemporaryDirectory(prefix="cpd-callgrind.") as tmp:
        p = subprocess.run(["valgrind", "--tool=callgrind",
                            "--callgrind-out-file=" +
                            os.path.join(tmp, "callgrind.out")] + cmd,
                           capture_output=True, text=True,
                           env=None if env is None else dict(os.environ, **env))
    m = re.search(r"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        raise SystemExit(f"bench_bindings: valgrind {cmd[0]}: {p.stderr[-400:]}")
    return int(m.group(1))


def instruction_counts(c_bench, pydir, app, n1=100, n2=300):
    """Instructions per call of C and Python (the JVM and Mono do not run
    usefully under valgrind): the count of N2 calls minus that of N1
    calls, over N2 - N1, so start-up and warm-up cancel out."""
    rows = {}
    for mode in ("checker", "checker-read"):
        def c_calls(n):  # bench_c_check warms up with n/10 + 1 calls
            return n + n // 10 + 1
        i1 = _instructions([c_bench, app, str(n1), mode, "1"])
        i2 = _instructions([c_bench, app, str(n2), mode, "1"])
        rows[("c", mode)] = (i2 - i1) / (c_calls(n2) - c_calls(n1))
    for mode in ("check", "check+read"):
        def py(n):
            return _instructions(
                [sys.executable, os.path.abspath(__file__), "--python-count",
                 app, str(n), mode], env={"PYTHONPATH": pydir})
        rows[("python", mode)] = (py(n2) - py(n1)) / (n2 - n1)
    return rows


def python_count(path, n, mode):
    """N calls of one Python variant, for instruction_counts."""
    import cpd
    with open(path, "rb") as f:
        app = f.read()
    fn = cpd.check if mode == "check" else (lambda a: read_all(cpd.check(a)))
    for _ in range(n):
        fn(app)


def parse(out, into):
    for line in out.splitlines():
        m = LINE.match(line)
        if m:
            key = (m.group(1), m.group(2))
            into.setdefault(key, []).append((float(m.group(4)),
                                             float(m.group(3))))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("-n", type=int, default=5000, help="calls a run")
    ap.add_argument("-r", "--rounds", type=int, default=7,
                    help="runs of each, taking turns")
    ap.add_argument("--write-results", metavar="FILE")
    ap.add_argument("--instructions", action="store_true",
                    help="also count instructions per call of C and Python "
                         "under valgrind (callgrind)")
    ap.add_argument("--python-loop", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--python-count", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.python_count:
        python_count(a.python_count[0], int(a.python_count[1]),
                     a.python_count[2])
        return 0
    if a.python_loop:
        python_loop(a.python_loop[0], int(a.python_loop[1]),
                    int(a.python_loop[2]))
        return 0

    b = os.path.abspath(a.build)
    tools = {
        "c": os.path.join(b, "bench_c_check"),
        "gen": os.path.join(b, "bench", "gen"),
        "python": os.path.join(b, "bindings", "python", "cpd", "__init__.py"),
        "java": os.path.join(b, "bindings", "java", "cpd_java_tests.jar"),
        "csharp": os.path.join(b, "bindings", "csharp", "CpdTest.exe"),
    }
    missing = [k for k, p in tools.items() if not os.path.exists(p)]
    if missing:
        print(f"bench_bindings: not built: {', '.join(missing)} (see the "
              "command at the top of this file)", file=sys.stderr)
        return 2
    jar = [f for f in os.listdir(os.path.join(b, "bindings", "java"))
           if re.fullmatch(r"cpd(-[0-9.]+)?\.jar", f)][0]
    with tempfile.TemporaryDirectory(prefix="cpd-bench-bindings.") as tmp:
        app = os.path.join(tmp, "app30.json")
        with open(app, "wb") as f:
            subprocess.run([tools["gen"], "--seed", "7", "--lines", "1",
                            "--activities", "30"], stdout=f, check=True)
        size = os.path.getsize(app)
        n, r = str(a.n), "1"
        runs = [
            [tools["c"], app, n, "checker", r],
            [tools["c"], app, n, "checker-read", r],
            [tools["c"], app, n, "json", r],
            ["env", "PYTHONPATH=" + os.path.join(b, "bindings", "python"),
             sys.executable, os.path.abspath(__file__), "--python-loop", app,
             n, r],
            ["java", "-Djp.cpd.library=" + os.path.join(
                b, "bindings", "java", "libcpdjni.so"), "-cp",
             os.path.join(b, "bindings", "java", jar) + ":" + tools["java"],
             "jp.cpd.CpdTest", "bench", app, n, r],
            ["mono", tools["csharp"], "bench", app, n, r],
        ]
        figures = {}
        t0 = time.time()
        for rnd in range(a.rounds):
            for cmd in runs:
                p = subprocess.run(cmd, capture_output=True, text=True)
                if p.returncode != 0:
                    sys.stderr.write(p.stdout + p.stderr)
                    raise SystemExit(f"bench_bindings: {cmd[0]} failed")
                parse(p.stdout, figures)
            print(f"bench_bindings: round {rnd + 1} of {a.rounds}",
                  file=sys.stderr)
        counts = None
        if a.instructions:
            print("bench_bindings: counting instructions (callgrind)",
                  file=sys.stderr)
            counts = instruction_counts(tools["c"], os.path.join(
                b, "bindings", "python"), app)
        took = time.time() - t0

    best = {k: min(v) for k, v in figures.items()}  # (cpu, wall), best cpu

    def cpu(lang, name):
        return best[(lang, name)][0]

    rows = [
        ("C", "`cpd_checker_check` (document + typed result)", "c", "checker", None),
        ("C", "… and every typed field read", "c", "checker-read", None),
        ("C", "`cpd_check_json_opts` + `cpd_string_free`", "c", "json", None),
        ("Python", "`cpd.check(bytes)`", "python", "check", "checker"),
        ("Python", "`cpd.check(bytes).decision`", "python", "check.decision", "checker"),
        ("Python", "`cpd.check(bytes).to_json()`", "python", "check.to_json", "checker"),
        ("Python", "… and every field read", "python", "check+read", "checker-read"),
        ("Java", "`Cpd.check(byte[], null, null)`", "java", "check", "checker"),
        ("Java", "… and every field read", "java", "check+read", "checker-read"),
        ("C# (Mono)", "`Cpd.Check(byte[])`", "csharp", "check", "checker"),
        ("C# (Mono)", "… and every field read", "csharp", "check+read", "checker-read"),
    ]
    cmd = "python3 bench/bench_bindings.py --build build"
    if a.n != 5000 or a.rounds != 7:
        cmd += f" -n {a.n} -r {a.rounds}"
    if a.instructions:
        cmd += " --instructions"
    out = ["## Bindings: cost per call over the C call", "",
           f"Written by `{cmd}` "
           f"on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC "
           f"({benchlib.cpu_model()}, {os.cpu_count()} CPUs, load average "
           f"{benchlib.load_text()} at the end; "
           f"{took:.0f} s).  One {size:,}-byte, 30-activity application "
           "(`bench/gen --seed 7 --lines 1 --activities 30`) checked "
           f"{a.n:,} times a run after a warm-up; the languages' processes "
           f"take turns, {a.rounds} runs each, and the best run counts.  "
           "*cpu* is the process's CPU time per call (GC and JIT threads "
           "included), which waiting for a busy machine does not inflate; "
           "wall time is beside it.  Overhead: the figure minus C's for the "
           "same work (a check against `cpd_checker_check`, every field "
           "read against C reading every field).  Python's `cpd.check` "
           "copies the result document out of the checker only when it is "
           "asked for (`to_json`, `to_dict`, `==`, pickling) or before the "
           "checker's next check while the result is alive; C's "
           "`cpd_checker_check` always writes it: the `to_json()` row "
           "adds the document (copied, then decoded to a str).", "",
           "| language | call | *cpu* µs / call | wall µs / call | over C | × C |",
           "|---|---|---|---|---|---|"]
    for lang, what, key, name, base in rows:
        c, w = best[(key, name)]
        if base:
            over = f"{c - cpu('c', base):+.2f} µs"
            times = f"{c / cpu('c', base):.2f}×"
        else:
            over, times = "", ""
        out.append(f"| {lang} | {what} | {c:.2f} | {w:.2f} | {over} | {times} |")
    if counts:
        out += ["", "Instructions per call under callgrind (the same "
                "application; 300 calls minus 100, so start-up cancels out; "
                "unlike time, not moved by the machine's load).  The JVM and "
                "Mono do not run usefully under valgrind.", "",
                "| language | call | instructions / call | over C | × C |",
                "|---|---|---|---|---|"]
        for lang, what, key, name, base in (
                ("C", "`cpd_checker_check`", "c", "checker", None),
                ("C", "… and every typed field read", "c", "checker-read", None),
                ("Python", "`cpd.check(bytes)`", "python", "check", "checker"),
                ("Python", "… and every field read", "python", "check+read",
                 "checker-read")):
            v = counts[(key, name)]
            if base:
                c = counts[("c", base)]
                out.append(f"| {lang} | {what} | {v:,.0f} | {v - c:+,.0f} | "
                           f"{v / c:.2f}× |")
            else:
                out.append(f"| {lang} | {what} | {v:,.0f} | | |")
    text = "\n".join(out) + "\n"
    print(text)
    if a.write_results:
        benchlib.write_section(a.write_results, BEGIN, END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
