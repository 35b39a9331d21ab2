#!/usr/bin/env python3
"""The SQL extensions as the Debian packages install them
(scripts/package --install-test): libsqlite3-mod-cpd and
postgresql-15-cpd, used from the system's own programs.

    installed.py --cpd /usr/bin/cpd [--pg-config PG_CONFIG]

- the sqlite3 shell: `.load cpd_sqlite` (no directory: the library path
  dlopen() searches), cpd_version() and cpd_decision() of the examples
  equal to the installed `cpd check`;
- PostgreSQL: the system's initdb and server in a temporary directory (as
  nobody when run as root, on a private socket; sql/tests/pgserver.py),
  `CREATE EXTENSION cpd` from the system's extension directory, the same
  decisions, and cpd_counted as numeric.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgserver  # noqa: E402
import sqlcases  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpd", default="/usr/bin/cpd")
    ap.add_argument("--pg-config",
                    default="/usr/lib/postgresql/15/bin/pg_config")
    ap.add_argument("--sqlite3", default="/usr/bin/sqlite3")
    a = ap.parse_args()
    names = ("eligible", "incomplete", "ineligible")
    paths = [os.path.join(sqlcases.ROOT, "examples", n + ".json")
             for n in names]
    want = []
    for p in paths:
        r = subprocess.run([a.cpd, "check", p], capture_output=True)
        want.append(json.loads(r.stdout)["decision"])
    version = sqlcases.cli_version(a.cpd)

    sql = ".load cpd_sqlite\nSELECT cpd_version();\n" + "".join(
        f"SELECT cpd_decision(readfile('{p}'));\n" for p in paths)
    r = subprocess.run([a.sqlite3, "-batch", ":memory:"], input=sql,
                       capture_output=True, text=True)
    got = r.stdout.split()
    print(f"sqlite3 .load cpd_sqlite: {got}")
    if r.returncode != 0 or got != [version] + want:
        print(f"installed: FAILED: sqlite3 says {r.stdout!r} {r.stderr!r}, "
              f"expected {[version] + want}")
        return 1

    with pgserver.PrivateServer(a.pg_config) as pg:
        docs = "".join(
            f"SELECT cpd_decision({pgdq(open(p, encoding='utf-8').read())}"
            "::jsonb);\n" for p in paths)
        out, _ = pg.psql("CREATE EXTENSION cpd;\nSELECT cpd_version();\n"
                         + docs + "SELECT pg_typeof(cpd_counted("
                         + pgdq(open(paths[0], encoding="utf-8").read())
                         + "::jsonb));\n")
        got = out.split()
        print(f"postgres CREATE EXTENSION cpd: {got}")
        if got != [version] + want + ["numeric"]:
            print(f"installed: FAILED: PostgreSQL says {out!r}")
            return 1
    print("installed: the SQLite and PostgreSQL extensions work")
    return 0


def pgdq(text):
    n = 0
    while f"$d{n}$" in text:
        n += 1
    return f"$d{n}${text}$d{n}$"


if __name__ == "__main__":
    sys.exit(main())
