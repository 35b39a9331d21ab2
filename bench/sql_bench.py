#!/usr/bin/env python3
"""sql_bench.py - the SQL extensions against `cpd batch`, side by side.

    python3 bench/sql_bench.py [--build build] [--lines 20000] [--rounds 3]
                               [--write-results bench/results.md]

The same N lines of bench/gen (seed 24, 20-40 activities each, no input
errors, so that every line is evaluable and valid jsonb) are decided four
ways, in turn, for a number of rounds (medians reported):

  cpd batch      `cpd batch FILE` with its output to a file (process
                 start, reading and writing included)
  SQLite         SELECT count(*) FILTER (WHERE cpd_decision(doc) =
                 'eligible') FROM apps, in-process (Python's sqlite3, the
                 table in memory, doc TEXT)
  PostgreSQL     the same query in a private server (sql/tests/pgserver.py)
                 over doc jsonb and doc text, with
                 max_parallel_workers_per_gather = 0, 1 and 2 (the table
                 has parallel_workers = 2); psql's \\timing

Loading the tables is not timed: the applications live in the database.
Every way must find the same number of eligible applications.  Targets
SQLite at least 70% of cpd batch's applications per second;
PostgreSQL at least 50% on one process (no workers), and faster than cpd
batch with 2 workers.  --write-results puts the figures in FILE's "SQL
extensions" section (through a temporary file and a rename).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(
    os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "sql", "tests"))
import pgserver  # noqa: E402

import benchlib  # noqa: E402

BEGIN = "<!-- sql: written by bench/sql_bench.py -->"
END = "<!-- end of sql -->"
QUERY = ("SELECT count(*) FILTER (WHERE cpd_decision(doc) = 'eligible') "
         "FROM {table}")


def sqlite_python():
    """Re-run under an interpreter whose sqlite3 loads extensions."""
    import sqlite3
    if hasattr(sqlite3.Connection, "enable_load_extension"):
        return
    py = "/usr/bin/python3"
    if os.path.exists(py) and os.path.realpath(py) != os.path.realpath(
            sys.executable):
        os.execv(py, [py] + sys.argv)
    raise SystemExit("sql_bench: this python3's sqlite3 cannot load "
                     "extensions (use Debian's /usr/bin/python3)")


def time_batch(cpd, path, out_dir):
    """(wall s, cpu s, eligible) of cpd batch."""
    out = os.path.join(out_dir, "batch.out")
    c = benchlib.children_cpu()
    t = time.perf_counter()
    with open(out, "wb") as f:
        rc = subprocess.run([cpd, "batch", path], stdout=f,
                            stderr=subprocess.DEVNULL).returncode
    dt = time.perf_counter() - t
    dc = benchlib.children_cpu() - c
    if rc not in (0, 1):
        raise SystemExit(f"cpd batch: exit {rc}")
    with open(out, "rb") as f:
        eligible = sum(1 for line in f if b'"decision":"eligible"' in line)
    os.unlink(out)
    return dt, dc, eligible


def time_sqlite(db):
    c = time.process_time()
    t = time.perf_counter()
    n = db.execute(QUERY.format(table="apps")).fetchone()[0]
    return time.perf_counter() - t, time.process_time() - c, n


TICK = os.sysconf("SC_CLK_TCK")


def server_cpu(pg):
    """CPU seconds used so far by the server's processes: the live ones
    (backends, parallel workers, the background processes) and, in the
    postmaster's cutime/cstime, those that have ended and been reaped."""
    with open(os.path.join(pg.data, "postmaster.pid")) as f:
        pm = int(f.readline())
    total = 0
    live = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                st = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        # st[0] is field 3 (state): ppid 4, utime 14, stime 15, cutime 16,
        # cstime 17
        if int(pid) == pm:
            total += int(st[13]) + int(st[14])  # reaped children
        elif int(st[1]) == pm:
            total += int(st[11]) + int(st[12])
            live += 1
    return total / TICK, live


def settle(pg, live_before):
    """Until the session's backend and its workers have ended and been
    reaped (their CPU then counts in the postmaster's cutime)."""
    for _ in range(100):
        _, live = server_cpu(pg)
        if live <= live_before:
            return
        time.sleep(0.05)


def time_pg(pg, table, workers):
    """(wall s of the query, cpu s of the server, eligible)."""
    c, live = server_cpu(pg)
    out, _ = pg.psql(f"SET max_parallel_workers_per_gather = {workers};\n"
                     f"\\timing on\n{QUERY.format(table=table)};\n")
    settle(pg, live)
    dc = server_cpu(pg)[0] - c
    m = re.search(r"^(\d+)\s*$", out, re.M)
    ms = re.search(r"Time: ([0-9.]+) ms", out)
    if not m or not ms:
        raise SystemExit(f"sql_bench: psql said {out!r}")
    return float(ms.group(1)) / 1000, dc, int(m.group(1))


def pg_workers_launched(pg, table, workers):
    out, _ = pg.psql(f"SET max_parallel_workers_per_gather = {workers};\n"
                     f"EXPLAIN (ANALYZE, COSTS OFF) "
                     f"{QUERY.format(table=table)};\n")
    m = re.search(r"Workers Launched: (\d+)", out)
    return int(m.group(1)) if m else 0


def main():
    sqlite_python()
    import sqlite3
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pg-config",
                    default="/usr/lib/postgresql/15/bin/pg_config")
    ap.add_argument("--cmake", default=shutil.which("cmake") or "cmake")
    ap.add_argument("--write-results", metavar="FILE")
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    cpd = os.path.join(build, "cpd")
    gen = os.path.join(build, "bench", "gen")
    ext = os.path.join(build, "sql", "cpd_sqlite.so")
    for f in (cpd, gen, ext,
              os.path.join(build, "sql", "postgres", "pgxs", "cpd.so")):
        if not os.path.exists(f):
            raise SystemExit(f"sql_bench: no {f} (build with CPD_SQL=ON)")
    started = time.time()
    tmp = tempfile.mkdtemp(prefix="cpd-sql-bench.")
    try:
        path = os.path.join(tmp, "apps.ndjson")
        with open(path, "wb") as f:
            subprocess.run([gen, "--seed", "24", "--lines", str(a.lines),
                            "--errors", "0"], stdout=f, check=True)
        size = os.path.getsize(path)
        lines = open(path, "rb").read().split(b"\n")[:-1]
        assert len(lines) == a.lines

        db = sqlite3.connect(":memory:")
        db.enable_load_extension(True)
        db.load_extension(ext)
        db.execute("CREATE TABLE apps(doc TEXT)")
        db.executemany("INSERT INTO apps VALUES (?)",
                       ((ln.decode("utf-8"),) for ln in lines))
        db.commit()
        del lines

        with pgserver.PrivateServer(a.pg_config, build, a.cmake) as pg:
            copy = ("WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')")
            pg.psql(f"""
CREATE EXTENSION cpd;
CREATE TABLE apps(doc jsonb);
CREATE TABLE apps_text(doc text);
\\copy apps(doc) FROM '{path}' {copy}
\\copy apps_text(doc) FROM '{path}' {copy}
ALTER TABLE apps SET (parallel_workers = 2);
ALTER TABLE apps_text SET (parallel_workers = 2);
VACUUM ANALYZE apps; VACUUM ANALYZE apps_text;
""")
            launched = {w: pg_workers_launched(pg, "apps", w)
                        for w in (1, 2)}
            ways = [("batch", None), ("sqlite", None)] + [
                (f"pg_{t}_{w}", (t, w)) for t in ("jsonb", "text")
                for w in (0, 1, 2)]
            times = {k: [] for k, _ in ways}
            cpus = {k: [] for k, _ in ways}
            counts = {}
            time_pg(pg, "apps", 0)  # warm the caches once
            for r in range(a.rounds):
                for k, pw in ways:
                    if k == "batch":
                        dt, dc, n = time_batch(cpd, path, tmp)
                    elif k == "sqlite":
                        dt, dc, n = time_sqlite(db)
                    else:
                        table = "apps" if pw[0] == "jsonb" else "apps_text"
                        dt, dc, n = time_pg(pg, table, pw[1])
                    times[k].append(dt)
                    cpus[k].append(dc)
                    counts.setdefault(k, n)
                    if counts[k] != n:
                        raise SystemExit(f"{k}: {n} eligible, then {counts[k]}")
                print(f"round {r + 1}: " + ", ".join(
                    f"{k} {times[k][-1]:.2f} s (cpu {cpus[k][-1]:.2f})"
                    for k, _ in ways), flush=True)
        if len(set(counts.values())) != 1:
            raise SystemExit(f"sql_bench: the counts differ: {counts}")
        eligible = counts["batch"]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    med = {k: statistics.median(v) for k, v in times.items()}
    rate = {k: a.lines / v for k, v in med.items()}
    # each way against cpd batch in the same round, then the median: a
    # busy moment of the machine slows both sides of a ratio
    ratio = {k: statistics.median(b / t for b, t in zip(times["batch"], v))
             for k, v in times.items()}
    cmed = {k: statistics.median(v) for k, v in cpus.items()}
    cratio = {k: statistics.median(b / t for b, t in zip(cpus["batch"], v))
              for k, v in cpus.items()}
    cpu, ncpu = benchlib.cpu_model(), os.cpu_count()
    load = os.getloadavg()[0]
    elapsed = time.time() - started

    def pct(k):
        return ratio[k] * 100

    def verdict(ok):
        return "**PASS**" if ok else "**MISS**"

    rows = [
        ("`cpd batch FILE` (output to a file)", "batch", ""),
        ("SQLite, doc TEXT (in-process)", "sqlite", ""),
        ("PostgreSQL, doc jsonb, no workers", "pg_jsonb_0", ""),
        ("PostgreSQL, doc jsonb, max_parallel_workers_per_gather = 1",
         "pg_jsonb_1", f"{launched[1]} launched"),
        ("PostgreSQL, doc jsonb, max_parallel_workers_per_gather = 2",
         "pg_jsonb_2", f"{launched[2]} launched"),
        ("PostgreSQL, doc text, no workers", "pg_text_0", ""),
        ("PostgreSQL, doc text, max_parallel_workers_per_gather = 1",
         "pg_text_1", ""),
        ("PostgreSQL, doc text, max_parallel_workers_per_gather = 2",
         "pg_text_2", ""),
    ]
    cmd = "python3 bench/sql_bench.py"
    if a.lines != 20000 or a.rounds != 3:
        cmd += f" --lines {a.lines} --rounds {a.rounds}"
    cmd += " --write-results bench/results.md"
    text = f"""## SQL extensions

Written by `{cmd}` (build: `cmake -S . -B build -DCPD_SQL=ON`).
{a.lines:,} applications of `bench/gen --seed 24 --errors 0` (20-40
activities each, {size:,} bytes), decided four ways in turn, {a.rounds}
rounds: `cpd batch FILE` (output to a file), and
`SELECT count(*) FILTER (WHERE cpd_decision(doc) = 'eligible') FROM apps`
in SQLite (in-process, Python's sqlite3, the table in memory) and in a
private PostgreSQL 15 (sql/tests/pgserver.py; psql's `\\timing`; the
table has `parallel_workers = 2`).  Loading the tables is not timed.  All
found {eligible:,} eligible.  Times are medians; a ratio is the median of
each round's ratio to `cpd batch` in the same round, so a busy moment of
the shared machine slows both sides.  *cpu*: `cpd batch`'s own user +
system time, SQLite's process time, and for PostgreSQL the CPU time of
all the server's processes (backend, workers, background) over the query.

| | |
|---|---|
| date | {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} |
| machine | {cpu}, {ncpu} CPUs, load average {load:.2f} at the end |
| duration | {elapsed:.0f} s |

| Way | time | applications/s | vs `cpd batch` | *cpu* | *cpu* vs `cpd batch` | workers |
|---|---|---|---|---|---|---|
"""
    for label, k, w in rows:
        text += (f"| {label} | {med[k]:.2f} s | {rate[k]:,.0f} | "
                 f"{pct(k):.0f}% | {cmed[k]:.2f} s | {cratio[k] * 100:.0f}% "
                 f"| {w} |\n")
    text += ("\nEach round, seconds (*cpu*):\n\n| round | "
             + " | ".join(k for _, k, _ in rows) + " |\n"
             + "|---" * (len(rows) + 1) + "|\n")
    for r in range(a.rounds):
        text += f"| {r + 1} | " + " | ".join(
            f"{times[k][r]:.2f} ({cpus[k][r]:.2f})" for _, k, _ in rows) + \
            " |\n"
    text += f"""
| Measure | Target | Figure | Result |
|---|---|---|---|
| SQLite / `cpd batch`, applications/s | ≥ 70% | {pct('sqlite'):.0f}% (*cpu* {cratio['sqlite'] * 100:.0f}%) | {verdict(pct('sqlite') >= 70)} |
| PostgreSQL (jsonb) on one process / `cpd batch` | ≥ 50% | {pct('pg_jsonb_0'):.0f}% (*cpu* {cratio['pg_jsonb_0'] * 100:.0f}%) | {verdict(pct('pg_jsonb_0') >= 50)} |
| PostgreSQL (jsonb) with 2 workers / `cpd batch` | > 100% | {pct('pg_jsonb_2'):.0f}% | {verdict(pct('pg_jsonb_2') > 100)} |
"""
    print(text)
    if a.write_results:
        benchlib.write_section(a.write_results, BEGIN, END, text)
        print(f"sql_bench: wrote the \"SQL extensions\" section of "
              f"{a.write_results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
