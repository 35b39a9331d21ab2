#!/usr/bin/env python3
"""Load on `cpd serve`: 20,000 POST /v1/check from 16 concurrent
clients (tests/serve_load.c: bounded loops, one keep-alive connection
each), against `cpd batch` on the same applications in the same run.

    python3 tests/serve_load.py BUILD_DIR [--requests N] [--clients N]
                                [--apps N] [--write-results FILE]

BUILD_DIR holds cpd, tests' serve_load and bench/gen.  The applications
are bench/gen's (seed 14, 20-40 activities each, realistic mistakes, no
input errors).  Fails (exit 1) when a request fails or the server's
resident memory grows by more than 2 MiB over the measured run (after a
warm-up of 3 requests per application: each worker's checker and the
allocator's arenas have their size by then).  Reports requests/s, p50/p99 latency, the
start-up time (to "listening" and to the first answer) and the ratio to
`cpd batch`'s applications/s (target: at least 70%); the speed targets
are reported as PASS or MISS, never failed on, since the machine is
shared.  --write-results puts these figures in FILE's "cpd serve"
section (the rest of FILE is kept; written to a temporary file and
renamed).  Exits 77 (skipped) when cpd was built without libmicrohttpd.
"""
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_util  # noqa: E402
from serve_util import Server  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "bench"))
import benchlib  # noqa: E402

RSS_GROWTH_KIB = 2048
BEGIN = "<!-- cpd serve: written by tests/serve_load.py -->"
END = "<!-- end of cpd serve -->"


def arg(args, name, default):
    if name in args:
        i = args.index(name)
        v = args[i + 1]
        del args[i:i + 2]
        return v
    return default


def load(tool, port, apps, requests, clients):
    p = subprocess.run([tool, str(port), apps, str(requests), str(clients)],
                       capture_output=True, timeout=900)
    sys.stderr.write(p.stderr.decode("utf-8", "replace"))
    if not p.stdout:
        raise SystemExit("serve_load printed nothing (exit %d)" % p.returncode)
    r = json.loads(p.stdout)
    r["exit"] = p.returncode
    return r


def batch_rate(cpd, apps, n, tmp, runs=5):
    """Applications per second of `cpd batch FILE` (output to a file),
    the median of runs."""
    times = []
    out = os.path.join(tmp, "batch.out")
    for _ in range(runs):
        with open(out, "wb") as f:
            t0 = time.monotonic()
            rc = subprocess.run([cpd, "batch", apps], stdout=f,
                                stderr=subprocess.DEVNULL).returncode
            times.append(time.monotonic() - t0)
        if rc != 0:
            raise SystemExit("cpd batch exited %d" % rc)
    with open(out, "rb") as f:
        lines = f.read().count(b"\n")
    if lines != n:
        raise SystemExit("cpd batch wrote %d lines for %d" % (lines, n))
    return n / statistics.median(times)


def startup(cpd, runs=5):
    """Seconds from exec to the "listening" line and to the first answer
    of GET /healthz; the worst of runs."""
    listen, first = [], []
    for _ in range(runs):
        t0 = time.monotonic()
        s = Server(cpd, "--access-log", "none")
        listen.append(s.startup_seconds)
        status = s.request("GET", "/healthz")[0]
        first.append(time.monotonic() - t0)
        if s.stop() != 0 or status != 200:
            raise SystemExit("cpd serve failed to start cleanly")
    return max(listen), max(first)


def machine():
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return benchlib.cpu_model(), os.cpu_count(), platform.release(), load1


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    build = os.path.abspath(args.pop(0))
    requests = int(arg(args, "--requests", "20000"))
    clients = int(arg(args, "--clients", "16"))
    napps = int(arg(args, "--apps", "2000"))
    results = arg(args, "--write-results", None)
    if args:
        sys.exit("unknown arguments: %s" % args)
    cpd = os.path.join(build, "cpd")
    tool = os.path.join(build, "tests", "serve_load")
    gen = os.path.join(build, "bench", "gen")
    why = serve_util.serve_built(cpd)
    if why:
        print("SKIPPED: %s" % why)
        sys.exit(serve_util.SKIP)
    for p in (tool, gen):
        if not os.path.exists(p):
            sys.exit("%s is missing: build it first (cmake --build %s)"
                     % (p, build))

    with tempfile.TemporaryDirectory(prefix="cpd-load.") as tmp:
        apps = os.path.join(tmp, "apps.ndjson")
        with open(apps, "wb") as f:
            subprocess.run([gen, "--seed", "14", "--lines", str(napps),
                            "--errors", "0"], stdout=f, check=True)
        size = os.path.getsize(apps)
        print("load: %d applications of bench/gen (seed 14), %d bytes"
              % (napps, size))

        listen_s, first_s = startup(cpd)
        print("load: start-up: listening after %.3f s, first answer after "
              "%.3f s (worst of 5)" % (listen_s, first_s))

        srv = Server(cpd, "--access-log", "none")
        try:
            # every worker sees every application first: its checker's
            # buffers reach their size for the largest
            warm = load(tool, srv.port, apps, 3 * napps, clients)
            rss0 = srv.rss_kib()
            run = load(tool, srv.port, apps, requests, clients)
            rss1 = srv.rss_kib()
            alive = srv.alive()
        finally:
            rc = srv.stop()
        threads = os.cpu_count()
        batch = batch_rate(cpd, apps, napps, tmp)

    ratio = run["requests_per_second"] / batch
    cpu, ncpu, kernel, load1 = machine()
    growth = rss1 - rss0
    ok_fail = warm["failures"] == 0 and run["failures"] == 0 \
        and run["requests"] == requests and run["exit"] == 0
    ok_rss = growth <= RSS_GROWTH_KIB
    print("load: warm-up %d requests, %d failed" % (warm["requests"],
                                                   warm["failures"]))
    print("load: %d requests from %d clients in %.2f s: %d failed, %.0f "
          "requests/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms"
          % (run["requests"], clients, run["seconds"], run["failures"],
             run["requests_per_second"], run["p50_ms"], run["p99_ms"],
             run["max_ms"]))
    print("load: resident memory %d KiB before, %d KiB after (%+d KiB; at "
          "most +%d)" % (rss0, rss1, growth, RSS_GROWTH_KIB))
    print("load: cpd batch on the same applications: %.0f applications/s; "
          "serve / batch = %.0f%% (target >= 70%%: %s)"
          % (batch, ratio * 100, "PASS" if ratio >= 0.7 else "MISS"))
    print("load: start-up under 1 s: %s" % ("PASS" if first_s < 1 else "MISS"))

    if results:
        text = """## cpd serve

Written by `tests/serve_load.py build --write-results bench/results.md`
(also run, without writing, by `scripts/test`'s serve-load step).
{apps} applications of `bench/gen` (seed 14, 20-40 activities each,
{size:,} bytes), sent as POST /v1/check by `tests/serve_load.c`: {clients}
client threads, one keep-alive connection each, in bounded loops.  The
server runs with its default {threads} worker threads and
`--access-log none`; the clients run on the same machine and share its
CPUs.  `cpd batch` reads the same file on one core, its output to a file
(median of 5 runs).  Both are measured in the same run, so a busy
machine slows both; compare figures only from a quiet machine.

| | |
|---|---|
| date | {date} |
| machine | {cpu}, {ncpu} CPUs, Linux {kernel}, load average {load1:.2f} at the end |

| Measure | Target | Figure | Result |
|---|---|---|---|
| Failed requests of {requests:,} (after {warm:,} to warm up) | 0 | {failures} | **{r_fail}** |
| Resident memory of the server, before and after the {requests:,} | flat (at most +2 MiB) | {rss0:,} KiB → {rss1:,} KiB ({growth:+,} KiB) | **{r_rss}** |
| Requests/s of `cpd serve` / applications/s of `cpd batch` | ≥ 70% | {rps:,.0f} / {batch:,.0f} = {ratio:.0f}% | **{r_ratio}** |
| Latency p50 / p99 (max) | | {p50:.2f} ms / {p99:.2f} ms ({mx:.2f} ms) | |
| Start-up: exec to "listening" / to the first answer (worst of 5) | < 1 s | {listen:.3f} s / {first:.3f} s | **{r_start}** |
""".format(apps=napps, size=size, clients=clients, threads=threads,
           date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
           cpu=cpu, ncpu=ncpu, kernel=kernel, load1=load1,
           requests=requests, failures=run["failures"],
           warm=warm["requests"],
           r_fail="PASS" if ok_fail else "FAIL", rss0=rss0, rss1=rss1,
           growth=growth, r_rss="PASS" if ok_rss else "FAIL",
           rps=run["requests_per_second"], batch=batch, ratio=ratio * 100,
           r_ratio="PASS" if ratio >= 0.7 else "MISS",
           p50=run["p50_ms"], p99=run["p99_ms"], mx=run["max_ms"],
           listen=listen_s, first=first_s,
           r_start="PASS" if first_s < 1 else "MISS")
        benchlib.write_section(results, BEGIN, END, text)
        print("wrote the cpd serve section of", results)

    if not (ok_fail and ok_rss and alive and rc == 0):
        print("load: FAILED (%s)" % ", ".join(
            w for w, bad in (("failed requests", not ok_fail),
                             ("memory grew", not ok_rss),
                             ("the server died", not alive),
                             ("the server did not stop cleanly", rc != 0))
            if bad))
        sys.exit(1)
    print("load: passed")


if __name__ == "__main__":
    main()
