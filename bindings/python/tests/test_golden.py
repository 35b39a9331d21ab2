"""The golden cases through the Python binding.

Every NAME.json + NAME.expected.json of tests/golden (and of the
directories in CPD_CASE_DIRS, separated by os.pathsep) is checked with
cpd.check and judged by tests/run-cases' own check() function, so "the
same outcome as the C API and the CLI" means the very same rules.  When
CPD_CLI names the cpd executable, each result must also be byte-for-byte
the document `cpd check --format json` prints (the error document for an
input error).

Run from the source tree:  PYTHONPATH=build/bindings/python \
    python3 -m unittest -v bindings/python/tests/test_golden.py
"""

import importlib.machinery
import importlib.util
import json
import os
import subprocess
import unittest

import cpd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def _load_run_cases():
    path = os.path.join(ROOT, "tests", "run-cases")
    loader = importlib.machinery.SourceFileLoader("run_cases", path)
    spec = importlib.util.spec_from_loader("run_cases", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


run_cases = _load_run_cases()
CLI = os.environ.get("CPD_CLI") or None


def _case_dirs():
    dirs = [os.path.join(ROOT, "tests", "golden")]
    for d in (os.environ.get("CPD_CASE_DIRS") or "").split(os.pathsep):
        if d:
            dirs.append(d)
    return dirs


def _cases():
    for d in _case_dirs():
        for f in sorted(os.listdir(d)):
            if f.endswith(".expected.json"):
                yield d, f[: -len(".expected.json")]


def _run(d, name):
    """(exit status, result-or-error document, its JSON text) via cpd."""
    with open(os.path.join(d, name + ".json"), "rb") as f:
        app = f.read()
    pol_path = os.path.join(d, name + ".policy.json")
    policy = cpd.Policy.from_file(pol_path) if os.path.exists(pol_path) else None
    try:
        r = cpd.check(app, policy=policy)
    except cpd.InputError as e:
        return 2, e.to_dict(), e.to_json()
    doc = r.to_dict()
    assert r.decision == doc["decision"], "Result.decision's fast path"
    return (0 if r.decision == "eligible" else 1), doc, r.to_json()


class GoldenCases(unittest.TestCase):
    pass


def _make(d, name):
    def test(self):
        with open(os.path.join(d, name + ".expected.json"), encoding="utf-8") as f:
            exp = json.load(f)
        code, doc, text = _run(d, name)
        errs = run_cases.check(exp, doc, code, text)
        self.assertEqual(errs, [], f"{name}: " + "; ".join(errs))
        if CLI:
            cmd = [CLI, "check", os.path.join(d, name + ".json"),
                   "--format", "json"]
            pol = os.path.join(d, name + ".policy.json")
            if os.path.exists(pol):
                cmd += ["--policy", pol]
            p = subprocess.run(cmd, capture_output=True, timeout=60)
            self.assertEqual(p.returncode, code, "exit status differs from the CLI")
            self.assertEqual(json.loads(p.stdout), doc,
                             "document differs from the CLI's")
            if code != 2:
                self.assertEqual(p.stdout.decode("utf-8").strip(), text,
                                 "result text differs from the CLI's")
    return test


for _d, _name in _cases():
    _attr = "test_" + _name.replace("-", "_")
    if os.path.abspath(_d) != os.path.join(ROOT, "tests", "golden"):
        _attr += "__" + os.path.basename(os.path.normpath(_d))
    setattr(GoldenCases, _attr, _make(_d, _name))


class GoldenCasesExist(unittest.TestCase):
    def test_there_are_cases(self):
        self.assertGreater(len(list(_cases())), 0)


if __name__ == "__main__":
    unittest.main()
