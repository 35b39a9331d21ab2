#!/usr/bin/env python3
"""writers.py - the CLI's writers at the documented limits: one
application of 10,000 activities, each naming 25
competencies the policy does not know (250,000 diagnostics, about 2.4 MB),
through

    cpd check                  (the engine and the JSON writer: the floor)
    cpd check --format csv     (the CSV writer)
    cpd check --format text    (the terminal report)
    cpd report                 (the HTML form)
    cpd report --format text

Each is timed --reps times (median, wall clock, output to a file of our
own); the targets are < 2 s for `cpd report` and `cpd check --format csv`.

    python3 bench/writers.py --cpd build/cpd [--reps 5] [--results FILE]
    python3 bench/writers.py --write app.json      # the application only

With --results the figures replace the section between the markers
<!-- writers --> and <!-- /writers --> of FILE (bench/results.md; appended
when absent), written to a temporary file and renamed.  Exit 1 when a
target is missed.  Standard library only.
"""
import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import benchlib

TARGET_S = 2.0
MARK_BEGIN = "<!-- writers -->"
MARK_END = "<!-- /writers -->"


def big_application(activities=10000, unknown=25):
    """A valid application (within the default limits: 4 MiB, 10,000
    activities) whose every activity names `unknown` competencies the
    default policy does not know: one warning each."""
    cats = "ABCD"
    dates = ["2024-06-15", "2025-06-15", "2026-06-15"]
    acts = []
    for i in range(activities):
        acts.append({
            "id": "a%d" % i,
            "category": cats[i % 4],
            "title": "研修 %d" % i,
            "completed_on": dates[i % 3],
            "hours": 1,
            "evidence": ["e.pdf"],
            "competencies": ["Z%d" % k for k in range(unknown)],
        })
    return {
        "applied_on": "2027-02-10",
        "qualification": "OMP",
        "certification": {"number": "OMP-000777",
                          "expires_on": "2027-03-31"},
        "fee": {"paid_on": "2027-02-01"},
        "oath_agreed": True,
        "activities": acts,
    }


def write_application(path, **kw):
    data = json.dumps(big_application(**kw), ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


CASES = [
    ("`cpd check` (JSON)", ["check"], None),
    ("`cpd check --format csv`", ["check", "--format", "csv"], TARGET_S),
    ("`cpd check --format text`", ["check", "--format", "text"], None),
    ("`cpd report` (HTML)", ["report"], TARGET_S),
    ("`cpd report --format text`", ["report", "--format", "text"], None),
]


def time_case(cpd, args, app, out_path, reps):
    """(median wall seconds, median cpu seconds, output bytes)"""
    times, cpus, size = [], [], 0
    for _ in range(reps):
        with open(out_path, "wb") as out:
            c0 = benchlib.children_cpu()
            t0 = time.monotonic()
            p = subprocess.run([cpd, args[0], app, *args[1:]], stdout=out,
                               stderr=subprocess.PIPE, timeout=1200)
            times.append(time.monotonic() - t0)
            cpus.append(benchlib.children_cpu() - c0)
        if p.returncode not in (0, 1):
            raise RuntimeError("%s: exit %d: %s" % (" ".join(args),
                                                    p.returncode,
                                                    p.stderr[-300:]))
        size = os.path.getsize(out_path)
    return statistics.median(times), statistics.median(cpus), size


def report_markdown(rows, app_bytes, reps, command):
    lines = [
        "## The CLI's writers at the limits (bench/writers.py)",
        "",
        "One application of 10,000 activities, each naming 25 competencies "
        "the policy does not know (250,000 diagnostics), %s bytes; the "
        "median of %d runs, wall clock (and *cpu*: the process's user + system time), output to a file.  Command: `%s`; "
        "%s UTC, nproc %d, load average at the end %s." % (
            format(app_bytes, ","), reps, command,
            dt.datetime.utcnow().strftime("%Y-%m-%d %H:%M"),
            os.cpu_count() or 0, benchlib.load_text()),
        "",
        "| Command | Time | *cpu* | Output | Target | Result |",
        "|---|---|---|---|---|---|",
    ]
    for name, secs, cpu, size, target in rows:
        if target is None:
            verdict, tgt = "", ""
        else:
            verdict = "**PASS**" if secs < target else "**MISS**"
            tgt = "< %g s" % target
        lines.append("| %s | %.2f s | %.2f s | %s bytes | %s | %s |" % (
            name, secs, cpu, format(size, ","), tgt, verdict))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cpd", help="the cpd executable")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--results", help="update this results.md")
    ap.add_argument("--write", help="only write the application to FILE")
    a = ap.parse_args()
    if a.write:
        n = write_application(a.write)
        print("writers: %s: %d bytes" % (a.write, n))
        return 0
    if not a.cpd:
        ap.error("--cpd is needed")
    command = "python3 bench/writers.py " + " ".join(sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="cpd-writers.") as tmp:
        app = os.path.join(tmp, "app.json")
        app_bytes = write_application(app)
        out = os.path.join(tmp, "out")
        rows, missed = [], 0
        for name, args, target in CASES:
            secs, cpu, size = time_case(a.cpd, args, app, out, a.reps)
            rows.append((name, secs, cpu, size, target))
            ok = target is None or secs < target
            missed += not ok
            print("writers: %-28s %7.2f s (cpu %5.2f s) %12s bytes  %s" % (
                name.replace("`", ""), secs, cpu, format(size, ","),
                "" if target is None else ("PASS" if ok else "MISS")))
    if a.results:
        benchlib.write_section(a.results, MARK_BEGIN, MARK_END,
                               report_markdown(rows, app_bytes, a.reps,
                                               command))
        print("writers: wrote the section of %s" % a.results)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
