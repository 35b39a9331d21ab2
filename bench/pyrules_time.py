#!/usr/bin/env python3
"""pyrules_time.py - times bench/pyrules.py against `cpd batch` on the same
NDJSON file (a plain Python implementation of the rules at
least 20x slower than `cpd batch`).  scripts/bench runs it on the first
lines of its e2e file.

    python3 bench/pyrules_time.py --cpd PATH/TO/cpd --input FILE
                                  --work DIR [--rounds N]

Each round runs `cpd batch FILE` and `python3 bench/pyrules.py FILE`
once each, in turn (after one untimed run of each), with their output in
a file of DIR that this script creates; the wall-clock time and the
child's user + system time (getrusage of the children) are taken per run,
process start included.  Prints key=value lines for bench/report.awk:
the medians, and the ratio as the median of the per-round ratios.  Both
commands must answer every line, and the same number of lines.
Exit status 0, 1 when a command failed or the answers differ in number.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd, out_path):
    """Runs cmd with its stdout in out_path -> (wall s, cpu s, lines out)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out_path, "wb") as out:
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 2):  # 2: some lines are input errors
        sys.stderr.write("pyrules_time: %s exited %d: %s\n" % (
            cmd[0], p.returncode, p.stderr.decode("utf-8", "replace")[-500:]))
        sys.exit(1)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(out_path, "rb") as f:
        lines = sum(1 for _ in f)
    return wall, cpu, lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cpd", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    with open(args.input, "rb") as f:
        data = f.read()
    lines = sum(1 for line in data.splitlines() if line.strip(b" \t\r"))
    commands = {
        "cpd": [args.cpd, "batch", args.input],
        "py": [sys.executable, os.path.join(HERE, "pyrules.py"), args.input],
    }
    outs = {k: os.path.join(args.work, "pyrules-time.%s.ndjson" % k)
            for k in commands}
    for k, cmd in commands.items():  # warm-up: page cache, shared libraries
        _, _, n = timed(cmd, outs[k])
        if n != lines:
            sys.stderr.write("pyrules_time: %s answered %d of %d lines\n" % (
                k, n, lines))
            return 1
    runs = {k: {"wall": [], "cpu": []} for k in commands}
    ratios, cpu_ratios = [], []
    for _ in range(args.rounds):
        for k, cmd in commands.items():
            wall, cpu, _ = timed(cmd, outs[k])
            runs[k]["wall"].append(wall)
            runs[k]["cpu"].append(cpu)
        ratios.append(runs["py"]["wall"][-1] / runs["cpd"]["wall"][-1])
        if runs["cpd"]["cpu"][-1] > 0:
            cpu_ratios.append(runs["py"]["cpu"][-1] / runs["cpd"]["cpu"][-1])
    print("pyrules_lines=%d" % lines)
    print("pyrules_bytes=%d" % len(data))
    print("pyrules_rounds=%d" % args.rounds)
    print("pyrules_py_s=%.4f" % statistics.median(runs["py"]["wall"]))
    print("pyrules_py_cpu_s=%.4f" % statistics.median(runs["py"]["cpu"]))
    print("pyrules_cpd_s=%.4f" % statistics.median(runs["cpd"]["wall"]))
    print("pyrules_cpd_cpu_s=%.4f" % statistics.median(runs["cpd"]["cpu"]))
    print("pyrules_ratio=%.2f" % statistics.median(ratios))
    if cpu_ratios:
        print("pyrules_cpu_ratio=%.2f" % statistics.median(cpu_ratios))
    print("pyrules_python=%s" % sys.version.split()[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
