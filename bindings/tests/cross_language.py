#!/usr/bin/env python3
"""Every language returns the same thing: each golden case and
1,000 generated applications (bench/gen, seeded) through C (the `cpd
batch` command line, on the library's checker and NDJSON reader), Python,
Java and C#, compared as documents.

    cross_language.py --cpd build/cpd --gen build/bench/gen \\
        --python "PYTHONPATH=... python3 bindings/python/tests/canon.py" \\
        --java "java -Djp.cpd.library=... -cp ... jp.cpd.CpdTest canon" \\
        --csharp "mono build/bindings/csharp/CpdTest.exe canon" \\
        [--lines 1000] [--seed 13] [--cases DIR ...]

Each binding's driver reads an NDJSON file through the binding's batch
call and writes, for each line, the canonical document built from the
binding's *typed* result (its decision, Decimal/BigDecimal/decimal points,
dates, enums, diagnostics with their rule) - never the JSON text the engine
wrote - or the error document of its exception.  The C side is the
document `cpd batch` prints.  Two documents are equal when they are equal
as parsed JSON (numbers as exact decimals, keys in any order): every key,
every section, activity and diagnostic, every message in both languages.

The golden applications are put on one line each by replacing their line
breaks with spaces (the same bytes elsewhere, so offsets do not move);
cases with a policy are checked in a group of their own under it.
Prints one line per difference (the first few) and a summary; exit 0 when
every document is equal, 1 when not, 77 (skipped) when a binding's driver
was not given (a binding that was not built).
"""

import argparse
import collections
import decimal
import json
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
LANGS = ("python", "java", "csharp")


def parse(text):
    return json.loads(text, parse_float=decimal.Decimal,
                      parse_int=decimal.Decimal)


def read_c(path):
    """{line: document} of `cpd batch` output ("line" first in each)."""
    docs = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            d = parse(raw)
            docs[int(d.pop("line"))] = d
    return docs


def read_canon(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line, _, text = raw.rstrip("\n").partition("\t")
            docs[int(line)] = parse(text)
    return docs


def diff(a, b, path=""):
    """The first JSON Pointer where two documents differ, or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}/{k} ({'missing' if k not in b else 'extra'})"
            d = diff(a[k], b[k], f"{path}/{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path} (length {len(a)} != {len(b)})"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}/{i}")
            if d:
                return d
        return None
    if type(a) is not type(b) or a != b:
        return f"{path} ({a!r} != {b!r})"
    return None


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, **kw)
    if p.returncode != 0 and not kw.get("allow_fail"):
        sys.stderr.write(p.stdout.decode("utf-8", "replace")[-2000:])
        sys.stderr.write(p.stderr.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"cross_language: {cmd[0]} failed (exit {p.returncode})")
    return p


def golden_groups(dirs):
    """{policy path or None: [(case name, one-line document)]}."""
    groups = collections.defaultdict(list)
    for d in dirs:
        for f in sorted(os.listdir(d)):
            if not f.endswith(".expected.json"):
                continue
            name = f[: -len(".expected.json")]
            with open(os.path.join(d, name + ".json"), "rb") as fh:
                data = fh.read()
            one = data.replace(b"\r", b" ").replace(b"\n", b" ")
            pol = os.path.join(d, name + ".policy.json")
            groups[pol if os.path.exists(pol) else None].append(
                (os.path.join(os.path.basename(d), name), one))
    return groups


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cpd", required=True)
    ap.add_argument("--gen", required=True)
    for lang in LANGS:
        ap.add_argument(f"--{lang}", default="",
                        help=f"the {lang} driver command (empty: not built)")
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--cases", nargs="*",
                    default=[os.path.join(ROOT, "tests", "golden")])
    a = ap.parse_args(argv)
    missing = [lang for lang in LANGS if not getattr(a, lang)]
    if missing:
        print(f"cross_language: skipped: not built: {', '.join(missing)}")
        return 77

    with tempfile.TemporaryDirectory(prefix="cpd-cross-") as tmp:
        inputs = []  # (label, ndjson path, policy or None, names by line)
        gen = os.path.join(tmp, "generated.ndjson")
        with open(gen, "wb") as out:
            # 5% input-error lines, so the error documents are compared too
            subprocess.run([a.gen, "--seed", str(a.seed), "--lines",
                            str(a.lines), "--errors", "50"], stdout=out,
                           check=True)
        inputs.append(("generated", gen, None, None))
        for k, (pol, cases) in enumerate(sorted(
                golden_groups(a.cases).items(), key=lambda kv: kv[0] or "")):
            path = os.path.join(tmp, f"golden-{k}.ndjson")
            with open(path, "wb") as f:
                f.write(b"".join(one + b"\n" for _, one in cases))
            inputs.append((f"golden-{k}", path, pol,
                           {i + 1: name for i, (name, _) in enumerate(cases)}))

        compared = 0
        bad = 0
        kinds = collections.Counter()
        for label, path, pol, names in inputs:
            c_out = os.path.join(tmp, label + ".c.ndjson")
            cmd = [a.cpd, "batch", path] + (["--policy", pol] if pol else [])
            with open(c_out, "wb") as out:
                p = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE)
            if p.returncode not in (0, 2):  # 2: some line was an input error
                raise SystemExit(f"cross_language: cpd batch exit {p.returncode}: "
                                 + p.stderr.decode("utf-8", "replace"))
            want = read_c(c_out)
            for d in want.values():
                kinds["error " + d["error"]["code"] if "error" in d
                      else d["decision"]] += 1
            for lang in LANGS:
                out = os.path.join(tmp, f"{label}.{lang}.canon")
                cmd = shlex.split(getattr(a, lang))
                cmd += (["--policy", pol] if pol else []) + [path, out]
                run(cmd, cwd=tmp)  # (a crashing Mono writes its report here)
                got = read_canon(out)
                if set(got) != set(want):
                    print(f"{lang} {label}: lines {sorted(set(got) ^ set(want))[:10]}"
                          " differ in presence")
                    bad += 1
                for line in sorted(want):
                    if line not in got:
                        continue
                    compared += 1
                    d = diff(want[line], got[line])
                    if d:
                        bad += 1
                        if bad <= 10:
                            where = names[line] if names else f"line {line}"
                            print(f"{lang} {label} {where}: differs at {d}")
        total = sum(kinds.values())
        print(f"cross_language: {total} applications ({a.lines} generated with "
              f"seed {a.seed}, {total - a.lines} golden) x {len(LANGS)} "
              f"languages: {compared} documents compared with C's, "
              f"{bad} different")
        print("cross_language: " + ", ".join(f"{k} {v}" for k, v in
                                             sorted(kinds.items())))
        # a sample that does not reach every outcome proves less
        for k in ("eligible", "incomplete", "ineligible"):
            if not kinds[k]:
                print(f"cross_language: no {k} application in the sample")
                bad += 1
        if not any(k.startswith("error ") for k in kinds):
            print("cross_language: no input error in the sample")
            bad += 1
        print(f"cross_language: {1 if bad == 0 else 0} passed, "
              f"{0 if bad == 0 else 1} failed")
        return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
