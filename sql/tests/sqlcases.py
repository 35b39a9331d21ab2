"""The cases the SQL tests run, and what the command line says about them.

Both tests (test_sqlite.py, test_postgres.py) take every golden case
(tests/golden/, ../shared/conformance/cases/ when present) and the
examples (examples/*.json), each without a policy and with
examples/strict-window.policy.json, and compare each SQL function with the
`cpd` command that does the same: cpd check, cpd plan --as-of, cpd redact.
"""
import decimal
import json
import os
import re
import subprocess

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
POLICY = os.path.join(ROOT, "examples", "strict-window.policy.json")
AS_OF = "2027-01-15"  # cpd_plan's day (any day works: there is no clock)


def case_files():
    """[(name, path)] of every application document to test."""
    dirs = [("golden", os.path.join(ROOT, "tests", "golden")),
            ("conformance", os.path.join(ROOT, "..", "shared", "conformance",
                                         "cases")),
            ("examples", os.path.join(ROOT, "examples"))]
    out = []
    for label, d in dirs:
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith(".json") or f.endswith(
                    (".expected.json", ".policy.json")):
                continue
            out.append((f"{label}/{f[:-5]}", os.path.join(d, f)))
    if not any(n.startswith("golden/") for n, _ in out):
        raise SystemExit(f"no golden cases under {ROOT}/tests/golden")
    return out


def run(argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr


def strip_nl(b):
    """puts() adds one newline after the document."""
    return b[:-1] if b.endswith(b"\n") else b


class Expected:
    """What `cpd` says about one document (and policy)."""

    def __init__(self, cpd, path, policy=None):
        pol = ["--policy", policy] if policy else []
        rc, out, err = run([cpd, "check", path, "--format", "json"] + pol)
        if rc not in (0, 1, 2):
            raise SystemExit(f"cpd check {path}: exit {rc}: {err!r}")
        self.check_rc = rc
        self.check = strip_nl(out)  # result or error document, exact bytes
        doc = json.loads(self.check, parse_float=decimal.Decimal)
        self.error = doc.get("error")  # None unless an input error
        self.decision = None if self.error else doc["decision"]
        self.counted = None if self.error else decimal.Decimal(
            str(doc["points"]["counted"]))
        self.diagnostics = [] if self.error else doc["diagnostics"]
        rc, out, err = run([cpd, "plan", path, "--as-of", AS_OF] + pol)
        if rc not in (0, 1, 2):
            raise SystemExit(f"cpd plan {path}: exit {rc}: {err!r}")
        self.plan = None if rc == 2 else strip_nl(out)
        self.plan_error = json.loads(out)["error"] if rc == 2 else None
        rc, out, err = run([cpd, "redact", path])
        if rc not in (0, 2):
            raise SystemExit(f"cpd redact {path}: exit {rc}: {err!r}")
        self.redact = out if rc == 0 else None
        # cpd redact prints the error as text only: "... [code]"
        m = re.search(rb"\[([a-z_.]+)\]\s*$", err)
        self.redact_error = m.group(1).decode() if rc == 2 and m else None
        if rc == 2 and not m:
            raise SystemExit(f"cpd redact {path}: no error code in {err!r}")


def error_parts(error):
    """The pieces of an error document that an SQL error must carry."""
    parts = [error["code"]]
    if error.get("path"):
        parts.append(json.dumps(error["path"], ensure_ascii=False))
    if error.get("offset") is not None:
        parts.append(f"byte {error['offset']}")
    return parts


def cli_version(cpd):
    rc, out, _ = run([cpd, "--version"])
    m = re.search(rb"\(libcpd ([0-9.]+)", out)
    if rc != 0 or not m:
        raise SystemExit(f"cpd --version: {out!r}")
    return m.group(1).decode()


def diag_rows(diagnostics):
    """The rows cpd_diagnostics must give for a result's diagnostics:
    (index, code, severity, rule, path, message_en, message_ja, activity).
    activity is the index of the activity the path points into."""
    rows = []
    for i, d in enumerate(diagnostics):
        m = re.match(r"^/activities/(\d+)(/|$)", d["path"])
        rows.append((i, d["code"], d["severity"], d["rule"], d["path"],
                     d["message"], d["message_ja"],
                     int(m.group(1)) if m else None))
    return rows


def batch_decisions(cpd, ndjson_path, policy=None):
    """{line number: decision or 'error:<code>'} from `cpd batch`."""
    pol = ["--policy", policy] if policy else []
    rc, out, err = run([cpd, "batch", ndjson_path] + pol)
    if rc not in (0, 1, 2):
        raise SystemExit(f"cpd batch: exit {rc}: {err!r}")
    res = {}
    for line in out.splitlines():
        d = json.loads(line)
        res[d["line"]] = ("error:" + d["error"]["code"]) if "error" in d \
            else d["decision"]
    return res


def read_rss_kib(pid, field="RssAnon"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise SystemExit(f"no {field} in /proc/{pid}/status")
