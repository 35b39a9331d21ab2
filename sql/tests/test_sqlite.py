#!/usr/bin/env python3
"""ctest sql_sqlite: the SQLite extension (cpd_sqlite.so) against the CLI.

    test_sqlite.py --ext build/sql/cpd_sqlite.so --cpd build/cpd
                   --gen build/bench/gen --sqlite3 /usr/bin/sqlite3
                   [--preload LIBASAN]

1. The sqlite3 shell: `.load`, then for every golden case and example,
   with and without a policy, cpd_check(readfile(...)) byte for byte equal
   to `cpd check`, cpd_decision to its decision, and every other function
   to its command; an input error is an SQL error naming code, path and
   offset.
2. Python's sqlite3 module (enable_load_extension, the interpreter that
   has it: Debian's python3): the same matrix, TEXT and BLOB arguments,
   cpd_diagnostics (a table-valued function, also in a join), NULLs,
   policy errors, a generated column and an expression index (the
   functions are deterministic), a view under trusted_schema=OFF
   (innocuous), 2,000 generated applications with the decisions of
   `cpd batch`, a bad document mid-table (a clean error, and the next
   query works), and the process's memory flat over 100,000 calls.

Fails (never skips) when something it needs is missing.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sqlcases  # noqa: E402

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg, flush=True)


def expect(cond, msg):
    if not cond:
        fail(msg)
    return cond


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


# ------------------------------------------------------------ the shell
def shell_case(args, tmp, name, path, exp, policy):
    """One sqlite3 shell run over one document: every function, one
    statement a line; results into files (writefile) or printed with a
    label; errors come on stderr with their line number."""
    doc = f"readfile({sql_str(path)})"
    pol = f", readfile({sql_str(policy)})" if policy else ""
    outdir = tempfile.mkdtemp(dir=tmp)
    lines = [f".load {args.ext}"]
    stmts = {  # label -> SQL
        "check": f"SELECT writefile({sql_str(outdir + '/check')}, "
                 f"cpd_check({doc}{pol}));",
        "decision": f"SELECT 'decision=' || cpd_decision({doc}{pol});",
        "counted": f"SELECT 'counted=' || cpd_counted({doc}{pol});",
        "plan": f"SELECT writefile({sql_str(outdir + '/plan')}, "
                f"cpd_plan({doc}, {sql_str(sqlcases.AS_OF)}{pol}));",
        "redact": f"SELECT writefile({sql_str(outdir + '/redact')}, "
                  f"cpd_redact({doc}));",
        "input_error": f"SELECT 'input_error=' || "
                       f"coalesce(cpd_input_error({doc}{pol}), 'NULL');",
        "diagnostics": f"SELECT 'diagnostics=' || count(*) FROM "
                       f"cpd_diagnostics({doc}{pol});",
    }
    line_of = {}
    for label, sql in stmts.items():
        lines.append(sql)
        line_of[len(lines)] = label
    env = dict(os.environ)
    if args.preload:
        env["LD_PRELOAD"] = args.preload
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
    p = subprocess.run([args.sqlite3, "-batch", ":memory:"],
                       input="\n".join(lines) + "\n", text=True,
                       capture_output=True, env=env)
    printed = dict(line.split("=", 1) for line in p.stdout.splitlines()
                   if "=" in line)
    errors = {}
    for line in p.stderr.splitlines():
        # "Runtime error near line 3: cpd_check: input.syntax ..."
        if "near line" in line:
            n = int(line.split("near line", 1)[1].split(":", 1)[0])
            errors[line_of.get(n, n)] = line
        elif line.strip():
            fail(f"shell {name}: unexpected stderr {line!r}")
    if p.returncode not in (0, 1):
        fail(f"shell {name}: sqlite3 exit {p.returncode}: {p.stderr}")

    def read(f):
        with open(os.path.join(outdir, f), "rb") as fh:
            return fh.read()

    if exp.error:
        parts = sqlcases.error_parts(exp.error)
        for label in ("check", "decision", "counted", "diagnostics"):
            msg = errors.get(label, "")
            expect(all(p_ in msg for p_ in parts),
                   f"shell {name}: {label} error {msg!r} lacks {parts}")
        got = printed.get("input_error")
        expect(got is not None and json.loads(got) == json.loads(exp.check),
               f"shell {name}: cpd_input_error {got!r} != {exp.check!r}")
    else:
        expect(not errors.get("check") and read("check") == exp.check,
               f"shell {name}: cpd_check differs from cpd check "
               f"({errors.get('check')})")
        expect(printed.get("decision") == exp.decision,
               f"shell {name}: decision {printed.get('decision')!r} != "
               f"{exp.decision!r}")
        expect(printed.get("counted") == str(exp.counted),
               f"shell {name}: counted {printed.get('counted')!r} != "
               f"{exp.counted}")
        expect(printed.get("input_error") == "NULL",
               f"shell {name}: cpd_input_error {printed.get('input_error')!r}")
        expect(printed.get("diagnostics") == str(len(exp.diagnostics)),
               f"shell {name}: {printed.get('diagnostics')} diagnostics, "
               f"expected {len(exp.diagnostics)}")
    if exp.plan is not None:
        expect(not errors.get("plan") and read("plan") == exp.plan,
               f"shell {name}: cpd_plan differs from cpd plan "
               f"({errors.get('plan')})")
    else:
        msg = errors.get("plan", "")
        expect(exp.plan_error["code"] in msg,
               f"shell {name}: plan error {msg!r}")
    if exp.redact is not None:
        expect(not errors.get("redact") and read("redact") == exp.redact,
               f"shell {name}: cpd_redact differs from cpd redact "
               f"({errors.get('redact')})")
    else:
        msg = errors.get("redact", "")
        expect(exp.redact_error in msg, f"shell {name}: redact error {msg!r}")
    shutil.rmtree(outdir)


# ----------------------------------------------------------- Python
def python_with_extensions():
    """An interpreter whose sqlite3 can load extensions (pyenv's and
    some others are built without)."""
    code = ("import sqlite3; sqlite3.connect(':memory:')"
            ".enable_load_extension(True)")
    for py in (sys.executable, "/usr/bin/python3"):
        if py and os.path.exists(py) and subprocess.run(
                [py, "-c", code], capture_output=True).returncode == 0:
            return py
    raise SystemExit("no python3 whose sqlite3 module has "
                     "enable_load_extension (Debian: apt-get install "
                     "python3); the Python part cannot run")


def python_part(args, cases, tmp):
    """Runs this file again as `--python-part` under the right Python."""
    py = python_with_extensions()
    env = dict(os.environ)
    if args.preload:
        env["LD_PRELOAD"] = args.preload
        # Python itself keeps memory until exit: the leak check is the
        # shell's; here ASan checks every access.
        env["ASAN_OPTIONS"] = "detect_leaks=0"
    argv = [py, os.path.abspath(__file__), "--python-part", "--ext", args.ext,
            "--cpd", args.cpd, "--gen", args.gen, "--tmp", tmp]
    if args.preload:
        argv.append("--sanitized")
    p = subprocess.run(argv, env=env)
    if p.returncode != 0:
        fail(f"the Python part failed (exit {p.returncode})")


def py_main(args):
    import sqlite3
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(args.ext)
    db.enable_load_extension(False)
    q1 = lambda sql, *a: db.execute(sql, a).fetchone()[0]  # noqa: E731

    version = sqlcases.cli_version(args.cpd)
    expect(q1("SELECT cpd_version()") == version,
           f"cpd_version() {q1('SELECT cpd_version()')!r} != {version}")

    policy_text = open(sqlcases.POLICY, encoding="utf-8").read()
    n_checked = 0
    for name, path in sqlcases.case_files():
        raw = open(path, "rb").read()
        for policy in (None, policy_text):
            exp = sqlcases.Expected(args.cpd,
                                    path, sqlcases.POLICY if policy else None)
            label = name + (" +policy" if policy else "")
            pol = [policy] if policy else []
            ph = ", ?" if policy else ""
            for kind, doc in (("text", raw.decode("utf-8")),
                              ("blob", raw)):
                py_case(db, f"{label} ({kind})", doc, pol, ph, exp)
            n_checked += 1
    print(f"python: {n_checked} case/policy pairs, TEXT and BLOB, "
          "every function equal to the CLI", flush=True)

    py_nulls_and_errors(db, policy_text)
    py_schema_uses(db)
    py_table(db, args)
    py_memory(db, args)
    db.close()
    if failures:
        print(f"python part: {len(failures)} failures")
        return 1
    return 0


def py_case(db, label, doc, pol, ph, exp):
    def q(sql, *a):
        return db.execute(sql, (doc,) + tuple(a)).fetchone()[0]

    def q_err(sql, *a):
        try:
            db.execute(sql, (doc,) + tuple(a)).fetchall()
        except sqlite3_error() as e:
            return str(e)
        return None

    if exp.error:
        parts = sqlcases.error_parts(exp.error)
        for fn in ("cpd_check", "cpd_decision", "cpd_counted"):
            msg = q_err(f"SELECT {fn}(?{ph})", *pol)
            expect(msg and msg.startswith(fn + ": ")
                   and all(x in msg for x in parts)
                   and exp.error["message"] in msg
                   and exp.error["message_ja"] in msg,
                   f"{label}: {fn} error {msg!r}, expected {parts}")
        msg = q_err(f"SELECT * FROM cpd_diagnostics(?{ph})", *pol)
        expect(msg and all(x in msg for x in parts),
               f"{label}: cpd_diagnostics error {msg!r}")
        got = q(f"SELECT cpd_input_error(?{ph})", *pol)
        expect(got is not None and got.encode() == exp.check,
               f"{label}: cpd_input_error {got!r} != {exp.check!r}")
    else:
        got = q(f"SELECT cpd_check(?{ph})", *pol)
        expect(got.encode("utf-8") == exp.check,
               f"{label}: cpd_check differs from cpd check")
        expect(q(f"SELECT cpd_decision(?{ph})", *pol) == exp.decision,
               f"{label}: cpd_decision")
        got = q(f"SELECT cpd_counted(?{ph})", *pol)
        expect(isinstance(got, str) and got == str(exp.counted),
               f"{label}: cpd_counted {got!r} != '{exp.counted}'")
        expect(q(f"SELECT cpd_input_error(?{ph})", *pol) is None,
               f"{label}: cpd_input_error is not NULL")
        rows = db.execute(
            f'SELECT "index", code, severity, rule, path, message_en, '
            f"message_ja, activity FROM cpd_diagnostics(?{ph})",
            (doc,) + tuple(pol)).fetchall()
        expect(rows == sqlcases.diag_rows(exp.diagnostics),
               f"{label}: cpd_diagnostics rows {rows!r} != "
               f"{sqlcases.diag_rows(exp.diagnostics)!r}")
    if exp.plan is not None:
        got = q(f"SELECT cpd_plan(?, ?{ph})", sqlcases.AS_OF, *pol)
        expect(got.encode("utf-8") == exp.plan,
               f"{label}: cpd_plan differs from cpd plan")
        # the same day in another form (R13)
        got2 = q(f"SELECT cpd_plan(?, ?{ph})", "令和9年1月15日", *pol)
        expect(got2 == got, f"{label}: cpd_plan with a wareki as_of")
    else:
        msg = q_err(f"SELECT cpd_plan(?, ?{ph})", sqlcases.AS_OF, *pol)
        expect(msg and exp.plan_error["code"] in msg,
               f"{label}: cpd_plan error {msg!r}")
    if exp.redact is not None:
        got = q("SELECT cpd_redact(?)")
        expect(got.encode("utf-8") == exp.redact,
               f"{label}: cpd_redact differs from cpd redact")
    else:
        msg = q_err("SELECT cpd_redact(?)")
        expect(msg and exp.redact_error in msg,
               f"{label}: cpd_redact error {msg!r}")


def sqlite3_error():
    import sqlite3
    return sqlite3.Error


def py_nulls_and_errors(db, policy_text):
    import sqlite3
    doc = open(os.path.join(sqlcases.ROOT, "examples", "eligible.json"),
               encoding="utf-8").read()
    for sql, a in (("SELECT cpd_check(NULL)", ()),
                   ("SELECT cpd_check(?, NULL)", (doc,)),
                   ("SELECT cpd_decision(NULL, ?)", (policy_text,)),
                   ("SELECT cpd_counted(NULL)", ()),
                   ("SELECT cpd_plan(?, NULL)", (doc,)),
                   ("SELECT cpd_plan(NULL, '2027-01-01')", ()),
                   ("SELECT cpd_redact(NULL)", ()),
                   ("SELECT cpd_input_error(NULL)", ())):
        got = db.execute(sql, a).fetchone()[0]
        expect(got is None, f"{sql}: {got!r}, expected NULL")
    n = db.execute("SELECT count(*) FROM cpd_diagnostics(NULL)").fetchone()[0]
    expect(n == 0, f"cpd_diagnostics(NULL): {n} rows")

    def err(sql, a, *want):
        try:
            db.execute(sql, a).fetchall()
        except sqlite3.Error as e:
            expect(all(w in str(e) for w in want),
                   f"{sql}: error {e!s} lacks {want}")
            return
        fail(f"{sql}: no error")

    bad_policy = '{"sections": 5}'
    err("SELECT cpd_check(?, ?)", (doc, bad_policy), "cpd_check: policy.")
    err("SELECT cpd_decision(?, ?)", (doc, "{"), "cpd_decision: input.")
    err("SELECT * FROM cpd_diagnostics(?, ?)", (doc, bad_policy),
        "cpd_diagnostics: policy.")
    err("SELECT cpd_plan(?, ?)", (doc, "someday"), "as_of is not a date")
    err("SELECT cpd_plan(?, ?)", (doc, "2023-02-29"), "as_of is not a date")
    err("SELECT * FROM cpd_diagnostics", (), "cpd_diagnostics needs a doc")
    err("SELECT cpd_check(?)", ("[1,2",), "cpd_check: input.syntax",
        "byte ")
    # A key with a control character: its path comes escaped, as in the
    # library's documents, never as the raw character.
    try:
        db.execute("SELECT cpd_check(?)", ('{"a\\u001b[31mb": 1, '
                                           '"a\\u001b[31mb": 2}',)).fetchall()
        fail("a duplicate key gave no error")
    except sqlite3.Error as e:
        expect('at "/a\\u001b[31mb"' in str(e) and "\x1b" not in str(e),
               f"a control character in the path: {str(e)!r}")
    # An error message never echoes the document's values.
    secret = "山田秘密太郎"
    try:
        db.execute("SELECT cpd_check(?)",
                   ('{"applicant": {"name": "%s"}, "x": ' % secret,)
                   ).fetchall()
        fail("a truncated document gave no error")
    except sqlite3.Error as e:
        expect(secret not in str(e), f"the error echoes personal data: {e}")


def py_schema_uses(db):
    """Deterministic: a generated column and an expression index;
    innocuous: a view used with trusted_schema=OFF."""
    import sqlite3
    docs = []
    for f in ("eligible", "incomplete", "ineligible"):
        docs.append(open(os.path.join(sqlcases.ROOT, "examples", f + ".json"),
                         encoding="utf-8").read())
    c = db.cursor()
    c.execute("CREATE TABLE apps(id INTEGER PRIMARY KEY, doc TEXT, "
              "decision TEXT GENERATED ALWAYS AS (cpd_decision(doc)) "
              "VIRTUAL)")
    c.execute("CREATE INDEX apps_counted ON apps(cpd_counted(doc))")
    c.execute("CREATE VIEW eligible_apps AS SELECT id FROM apps WHERE "
              "cpd_decision(doc) = 'eligible'")
    c.executemany("INSERT INTO apps(doc) VALUES (?)", [(d,) for d in docs])
    got = [r[0] for r in c.execute("SELECT decision FROM apps ORDER BY id")]
    expect(got == ["eligible", "incomplete", "ineligible"],
           f"generated column: {got}")
    plan = " ".join(str(r) for r in c.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM apps WHERE cpd_counted(doc) = "
        "'31'"))
    expect("apps_counted" in plan, f"the expression index is not used: "
           f"{plan}")
    c.execute("PRAGMA trusted_schema=OFF")
    try:
        got = [r[0] for r in c.execute("SELECT id FROM eligible_apps")]
        expect(got == [1], f"view: {got}")
    except sqlite3.Error as e:
        fail(f"a view with cpd_decision under trusted_schema=OFF: {e}")
    c.execute("PRAGMA trusted_schema=ON")
    # one row per diagnostic, joined to the table
    n = c.execute("SELECT count(*) FROM apps, cpd_diagnostics(apps.doc) d "
                  "WHERE d.severity IN ('error','fatal')").fetchone()[0]
    want = 0
    for d in docs:
        want += sum(1 for x in json.loads(
            c.execute("SELECT cpd_check(?)", (d,)).fetchone()[0])
            ["diagnostics"] if x["severity"] in ("error", "fatal"))
    expect(n == want, f"join with cpd_diagnostics: {n} rows, expected {want}")
    c.execute("DROP VIEW eligible_apps")
    c.execute("DROP TABLE apps")


def py_table(db, args):
    """2,000 generated applications (input errors among them): the
    decisions of `cpd batch`, with and without a policy; then a bad
    document mid-table, and the next query."""
    import sqlite3
    path = os.path.join(args.tmp, "apps.ndjson")
    with open(path, "wb") as f:
        subprocess.run([args.gen, "--seed", "24", "--lines", "2000",
                        "--activities", "8", "--errors", "20"], stdout=f,
                       check=True)
    lines = open(path, "rb").read().split(b"\n")[:-1]
    c = db.cursor()
    c.execute("CREATE TABLE gen(line INTEGER PRIMARY KEY, doc TEXT)")
    c.executemany("INSERT INTO gen VALUES (?, ?)",
                  [(i + 1, ln.decode("utf-8")) for i, ln in
                   enumerate(lines)])
    policy = open(sqlcases.POLICY, encoding="utf-8").read()
    plain = None
    for pol in (None, policy):
        want = sqlcases.batch_decisions(args.cpd, path,
                                        sqlcases.POLICY if pol else None)
        ph, a = (", ?", (pol, pol)) if pol else ("", ())
        got = {}
        for line, err, dec in c.execute(
                f"SELECT line, json_extract(cpd_input_error(doc{ph}), "
                f"'$.error.code'), CASE WHEN cpd_input_error(doc{ph}) IS "
                f"NULL THEN cpd_decision(doc{ph}) END FROM gen",
                a + ((pol,) if pol else ())):
            got[line] = "error:" + err if err else dec
        expect(got == want, "2,000 generated applications: decisions differ "
               "from cpd batch" + (" (policy)" if pol else ""))
        n_err = sum(1 for v in want.values() if v.startswith("error:"))
        expect(n_err > 0, "the generated table has no input errors")
        plain = plain or want
    want = plain
    # A bad document mid-table: the statement fails cleanly...
    first_bad = min(k for k, v in want.items() if v.startswith("error:"))
    try:
        c.execute("SELECT count(*) FROM gen WHERE cpd_decision(doc) = "
                  "'eligible'").fetchall()
        fail("a bad document mid-table gave no error")
    except sqlite3.Error as e:
        expect("cpd_decision: input." in str(e), f"mid-table error: {e}")
    # ... and the next query works.
    n = c.execute("SELECT count(*) FROM gen WHERE line < ? AND "
                  "cpd_decision(doc) = 'eligible'",
                  (first_bad,)).fetchone()[0]
    expect(n == sum(1 for k, v in want.items()
                    if k < first_bad and v == "eligible"),
           "the query after the error")
    c.execute("DROP TABLE gen")
    print("python: 2,000 generated applications as cpd batch decides",
          flush=True)


def py_memory(db, args):
    """100,000 calls (checks, errors, policies, plans, diagnostics): the
    process's private memory must stay flat."""
    if args.sanitized:
        print("python: memory check left to the shell's LeakSanitizer run "
              "(ASan's allocator makes RSS meaningless)", flush=True)
        return
    doc = open(os.path.join(sqlcases.ROOT, "examples", "incomplete.json"),
               encoding="utf-8").read()
    policy = open(sqlcases.POLICY, encoding="utf-8").read()
    c = db.cursor()
    c.execute("CREATE TABLE m(i INTEGER PRIMARY KEY, doc TEXT)")
    c.executemany("INSERT INTO m(doc) VALUES (?)",
                  [(doc if i % 50 else doc[:-7],) for i in range(1000)])

    def round_(k):
        for _ in range(k):
            c.execute("SELECT count(cpd_decision(doc, ?)), "
                      "count(cpd_counted(doc)), count(cpd_plan(doc, "
                      "'2027-01-15', ?)), sum(length(cpd_check(doc))) "
                      "FROM m WHERE cpd_input_error(doc) IS NULL",
                      (policy, policy)).fetchall()
            c.execute("SELECT count(*) FROM m, cpd_diagnostics(m.doc) "
                      "WHERE cpd_input_error(m.doc) IS NULL").fetchall()
            try:
                c.execute("SELECT cpd_decision(doc) FROM m").fetchall()
            except sqlite3_error():
                pass

    round_(3)  # warm up: allocator, checkers, auxdata
    before = sqlcases.read_rss_kib(os.getpid())
    round_(12)  # 12 x (5 x 1,000 + ~200) calls: over 60,000 ...
    mid = sqlcases.read_rss_kib(os.getpid())
    round_(8)  # ... and over 100,000
    after = sqlcases.read_rss_kib(os.getpid())
    print(f"python: private memory {before} KiB -> {mid} KiB -> {after} KiB "
          "over 100,000+ calls", flush=True)
    expect(after - before <= max(1024, before // 20),
           f"memory grew {before} -> {after} KiB over 100,000 calls")
    c.execute("DROP TABLE m")


# --------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ext", required=True)
    ap.add_argument("--cpd", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--sqlite3")
    ap.add_argument("--preload", default="")
    ap.add_argument("--python-part", action="store_true")
    ap.add_argument("--sanitized", action="store_true")
    ap.add_argument("--tmp")
    args = ap.parse_args()
    args.ext = os.path.abspath(args.ext)
    if args.python_part:
        return py_main(args)

    if not args.sqlite3 or not shutil.which(args.sqlite3):
        print("FAIL: no sqlite3 shell (apt-get install sqlite3)")
        return 1
    for f in (args.ext, args.cpd, args.gen):
        if not os.path.exists(f):
            print(f"FAIL: {f} does not exist (build first)")
            return 1
    cases = sqlcases.case_files()
    tmp = tempfile.mkdtemp(prefix="cpd-sql-sqlite.")
    try:
        n = 0
        for name, path in cases:
            for policy in (None, sqlcases.POLICY):
                exp = sqlcases.Expected(args.cpd, path, policy)
                shell_case(args, tmp, name + (" +policy" if policy else ""),
                           path, exp, policy)
                n += 1
        print(f"shell: {n} case/policy pairs through `sqlite3 .load`, every "
              "function equal to the CLI", flush=True)
        python_part(args, cases, tmp)
    finally:
        shutil.rmtree(tmp)
    if failures:
        print(f"sql_sqlite: {len(failures)} failures")
        return 1
    print("sql_sqlite: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
