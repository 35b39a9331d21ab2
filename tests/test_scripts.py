#!/usr/bin/env python3
"""The scripts around the build (scripts/lib.sh, scripts/coverage,
scripts/fuzz, scripts/test, scripts/skipped-tests): they never hand a tool
a path they did not create, a check that cannot run is "skipped" and never
"passed", and the locale test cannot silently skip.

    python3 tests/test_scripts.py [PATH/TO/test_coverage_extra]

Run from the source tree (ctest does).  Fake tools (gcovr) are put first
on PATH; nothing outside a temporary directory of the test is written.
"""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COVERAGE_EXTRA = None


def bash(script, env=None, path_first=None):
    # the caller's step selection (CPD_TEST_STEPS=... scripts/test) is not
    # the scripts' under test: each test sets what it needs
    e = {k: v for k, v in os.environ.items()
         if k not in ("CPD_TEST_STEPS", "CPD_TEST_DEVICES")}
    if env:
        e.update(env)
    if path_first:
        e["PATH"] = path_first + os.pathsep + e.get("PATH", "")
    p = subprocess.run(["bash", "-c", script], cwd=ROOT, env=e,
                       capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def fake_tool(directory, name, body):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write("#!/usr/bin/env bash\n" + textwrap.dedent(body))
    os.chmod(path, 0o755)
    return path


class CoverageGate(unittest.TestCase):
    """Finding 1: scripts/coverage passed -o /dev/null to gcovr, which
    unlinks and recreates its output (as root /dev/null became a file);
    and a gcovr failure was reported as "under 95%"."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="cpd-test-scripts.")
        self.bin = os.path.join(self.tmp.name, "bin")
        self.scratch = os.path.join(self.tmp.name, "scratch")
        os.mkdir(self.bin)
        os.mkdir(self.scratch)
        self.log = os.path.join(self.tmp.name, "gcovr.argv")
        # the fake gcovr: records its arguments, writes its --txt / -o
        # output the way gcovr 5.2 does (unlink, then create), exits $RC
        fake_tool(self.bin, "gcovr", """
            printf '%s\\n' "$@" >>"$FAKE_GCOVR_LOG"
            out=""
            while [ $# -gt 0 ]; do
              case $1 in -o|--output|--txt|--html|--html-details) out=$2; shift ;; esac
              shift
            done
            if [ -n "$out" ] && [ -e "$out" ] && [ ! -d "$out" ]; then rm -f "$out"; fi
            [ -z "$out" ] || echo report >"$out"
            echo "gcovr fake, exit $FAKE_GCOVR_RC" >&2
            exit "$FAKE_GCOVR_RC"
        """)

    def tearDown(self):
        self.tmp.cleanup()

    def gate(self, rc):
        return bash(". scripts/lib.sh; coverage_gate 95 90 --root .",
                    env={"FAKE_GCOVR_LOG": self.log,
                         "FAKE_GCOVR_RC": str(rc),
                         "TMPDIR": self.scratch},
                    path_first=self.bin)

    def test_gcovr_output_is_a_temporary_file_of_the_script(self):
        rc, _, err = self.gate(0)
        self.assertEqual(rc, 0, err)
        with open(self.log) as f:
            argv = f.read().split("\n")
        self.assertNotIn("/dev/null", argv)
        self.assertIn("--txt", argv)
        out = argv[argv.index("--txt") + 1]
        # under the TMPDIR we gave, in a directory the script made and
        # removed again
        self.assertTrue(out.startswith(self.scratch + os.sep), out)
        self.assertFalse(os.path.exists(os.path.dirname(out)))
        self.assertEqual(os.listdir(self.scratch), [])

    def test_a_failing_gcovr_is_not_called_under_the_floor(self):
        rc, out, err = self.gate(1)
        self.assertEqual(rc, 2)
        self.assertIn("gcovr failed", err)
        self.assertNotIn("under", err)
        self.assertNotIn("at least", out)

    def test_a_failing_gcovr_report_is_not_called_under_the_floor(self):
        # the report (scripts/coverage's first gcovr run) fails: gcov data
        # it cannot parse ("branch 4 taken -52"); exit 2, no gate run
        out = os.path.join(self.tmp.name, "cov")
        os.mkdir(out)
        rc, stdout, err = bash(
            ". scripts/lib.sh; coverage_report '%s' 95 90 --root ." % out,
            env={"FAKE_GCOVR_LOG": self.log, "FAKE_GCOVR_RC": "1",
                 "TMPDIR": self.scratch},
            path_first=self.bin)
        self.assertEqual(rc, 2)
        self.assertIn("gcovr failed (exit 1", err)
        self.assertIn("coverage was not measured", err)
        self.assertNotIn("under", err)
        with open(self.log) as f:
            self.assertEqual(f.read().count("--fail-under-line"), 0)

    def test_under_the_floor_is_exit_1(self):
        for gcovr_rc in (2, 4, 6):
            rc, _, err = self.gate(gcovr_rc)
            self.assertEqual(rc, 1, gcovr_rc)
            self.assertIn("under 95% lines or 90% branches", err)


class NoToolGetsDevNull(unittest.TestCase):
    """No script, test or benchmark gives /dev/null to a tool as an output
    option (shell redirections are not tool arguments)."""

    OPTION = re.compile(r"(?:^|[\s\"'\[,(])(-{1,2}[A-Za-z][\w-]*)(?:=|\s+)"
                        r"[\"']?/dev/(?:null|full|zero|stdout)\b")

    def files(self):
        for d in ("scripts", "tests", "bench", "fuzz", "cmake", ".ci"):
            for base, _, names in os.walk(os.path.join(ROOT, d)):
                for n in names:
                    p = os.path.join(base, n)
                    if p == os.path.abspath(__file__):
                        continue
                    if n.endswith((".md", ".json", ".txt", ".csv",
                                   ".ndjson", ".html")):
                        continue
                    yield p
        for base, dirs, names in os.walk(ROOT):
            dirs[:] = [d for d in dirs
                       if not d.startswith((".", "build"))]
            if "CMakeLists.txt" in names:
                yield os.path.join(base, "CMakeLists.txt")

    def test_no_device_as_an_output_option(self):
        bad = []
        for p in self.files():
            try:
                with open(p, encoding="utf-8") as f:
                    text = f.read()
            except (UnicodeDecodeError, OSError):
                continue
            for m in self.OPTION.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                bad.append(f"{os.path.relpath(p, ROOT)}:{line}: {m.group(0).strip()}")
        self.assertEqual(bad, [])

    def test_the_old_coverage_line_would_be_caught(self):
        self.assertTrue(self.OPTION.search(
            '  --fail-under-branch "$branches" -o /dev/null || {'))
        self.assertTrue(self.OPTION.search(
            '"--callgrind-out-file=/dev/null"] + cmd'))
        self.assertFalse(self.OPTION.search('cmake -S . -B build >/dev/null'))


def make_char_device(directory):
    """A character device of our own (the null device's numbers) in
    directory, or None when we may not make one (not root)."""
    path = os.path.join(directory, "null")
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError):
        return None
    return path


class Steps(unittest.TestCase):
    """Finding 10: a step that cannot run is reported "skipped", listed in
    the summary line, and not counted as passed; the run ends by checking
    the devices."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="cpd-test-steps.")
        self.dev = make_char_device(self.tmp.name)
        if self.dev is None:
            self.skipTest("mknod needs root (CI runs as root)")

    def tearDown(self):
        self.tmp.cleanup()

    def run_steps(self, devices, extra=""):
        script = """
            set -euo pipefail
            . scripts/lib.sh
            steps_begin
            trap 'rm -rf "$steps_scratch"' EXIT
            ok() { true; }
            cannot() { echo "cannot run here" >&2; return 77; }
            broken() { false; }
            step one ok
            step two cannot
            step three broken
            %s
            steps_end
        """ % extra
        self.record = os.path.join(self.tmp.name, "out", "test-summary.txt")
        return bash(script, env={"CPD_TEST_DEVICES": devices,
                                 "TMPDIR": self.tmp.name,
                                 "CPD_TEST_SUMMARY": self.record})

    def summary(self, out):
        lines = [l for l in out.splitlines() if l.startswith("test: ")]
        self.assertEqual(len(lines), 1, out)
        return lines[0]

    def test_skipped_is_neither_passed_nor_failed(self):
        rc, out, _ = self.run_steps(self.dev)
        self.assertEqual(rc, 1)  # "three" failed
        line = self.summary(out)
        # one, and the devices check, passed
        self.assertTrue(line.startswith(
            "test: 2 passed, 1 failed, 1 skipped (steps: two)"), line)
        self.assertIn("=== test: two SKIPPED", out)
        self.assertIn("failed steps: three", out)

    def test_the_run_is_recorded_in_the_summary_file(self):
        extra = 'step_note "coverage of libcpd/ lines: 97.7% (1 out of 1)"'
        _, out, _ = self.run_steps(self.dev, extra)
        with open(self.record, encoding="utf-8") as f:
            record = f.read()
        self.assertRegex(record, r"(?m)^  one +passed, \d+ s$")
        self.assertRegex(record, r"(?m)^  two +skipped, \d+ s$")
        self.assertRegex(record, r"(?m)^  three +FAILED \(exit 1\), \d+ s$")
        self.assertRegex(record, r"(?m)^  devices +passed$")
        self.assertIn("coverage of libcpd/ lines: 97.7%", record)
        self.assertRegex(record, r"(?m)^total: \d+m\d\ds$")
        self.assertIn(self.summary(out) + "\n", record)
        self.assertEqual(os.listdir(os.path.dirname(self.record)),
                         ["test-summary.txt"])  # no temporary file left

    def test_skipped_tests_are_listed_in_the_summary_line(self):
        extra = ('echo "build/report_html_chromium (ctest: SKIP_RETURN_CODE=77)"'
                 ' >>"$steps_scratch/skipped-tests"')
        _, out, _ = self.run_steps(self.dev, extra)
        line = self.summary(out)
        self.assertIn("1 skipped tests: build/report_html_chromium", line)

    def test_a_device_that_became_a_file_fails_the_run(self):
        plain = os.path.join(self.tmp.name, "was-a-device")
        with open(plain, "w"):
            pass
        rc, out, err = self.run_steps(self.dev + " " + plain)
        self.assertEqual(rc, 1)
        self.assertIn("devices FAILED", out)
        self.assertIn("failed steps: three devices", out)
        self.assertIn(plain + " is not a character device", err)

    def test_fuzz_step_without_clang_is_skipped(self):
        # a PATH with what scripts/fuzz needs before it looks for clang
        # (bash, dirname, printf) and no clang
        bin_dir = os.path.join(self.tmp.name, "bin")
        os.mkdir(bin_dir)
        for tool in ("bash", "dirname", "cat", "rm", "mkdir"):
            for d in ("/usr/bin", "/bin"):
                if os.path.exists(os.path.join(d, tool)):
                    os.symlink(os.path.join(d, tool),
                               os.path.join(bin_dir, tool))
                    break
        e = dict(os.environ, PATH=bin_dir)
        p = subprocess.run(["/usr/bin/env", "bash", "-c",
                            ". scripts/lib.sh; fuzz_step 1"], cwd=ROOT,
                           env=e, capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 77, p.stderr)
        self.assertIn("clang is not installed", p.stderr)


class SkippedTests(unittest.TestCase):
    """scripts/skipped-tests lists what ctest skipped and what was skipped
    inside a program (cmocka, unittest)."""

    JUNIT = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="x" tests="4">
  <testcase name="report_html_chromium" status="notrun">
    <skipped message="SKIP_RETURN_CODE=77"/>
  </testcase>
  <testcase name="test_coverage_extra" status="run"><system-out>[ RUN      ] test_a
[  SKIPPED ] test_numbers_are_written_with_a_point_in_any_locale
[==========] 2 test(s) run.
[  PASSED  ] 1 test(s).
[  SKIPPED ] 1 test(s), listed below:
[  SKIPPED ] test_numbers_are_written_with_a_point_in_any_locale
</system-out></testcase>
  <testcase name="csv" status="run"><system-out>test_encodings (__main__.BadRows.test_encodings) ... skipped 'no iconv'
test_x (__main__.A.test_x) ... ok
</system-out></testcase>
  <testcase name="cli" status="run"><system-out>..s.
OK (skipped=1)
</system-out></testcase>
  <testcase name="fine" status="run"><system-out>OK</system-out></testcase>
</testsuite>
"""

    def test_every_kind_of_skip_is_listed(self):
        with tempfile.NamedTemporaryFile("w", suffix=".xml",
                                         delete=False) as f:
            f.write(self.JUNIT)
        try:
            p = subprocess.run([sys.executable,
                                os.path.join(ROOT, "scripts", "skipped-tests"),
                                "--label", "build", f.name],
                               capture_output=True, text=True, timeout=60)
        finally:
            os.unlink(f.name)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.splitlines(), [
            "build/report_html_chromium (ctest: SKIP_RETURN_CODE=77)",
            "build/test_coverage_extra:"
            "test_numbers_are_written_with_a_point_in_any_locale (cmocka)",
            "build/csv:test_encodings (unittest: no iconv)",
            "build/cli (unittest: 1 skipped)",
        ])


class LocaleTest(unittest.TestCase):
    """Finding 10: the decimal-comma locale test fails, instead of
    skipping, when the locale is not there."""

    def test_without_the_locale_the_test_fails(self):
        if not COVERAGE_EXTRA:
            self.fail("give the path of test_coverage_extra (ctest does)")
        with tempfile.TemporaryDirectory(prefix="cpd-no-locale.") as empty:
            # LOCPATH set: glibc looks only there (no locale archive)
            p = subprocess.run([COVERAGE_EXTRA], cwd=ROOT,
                               env=dict(os.environ, LOCPATH=empty),
                               capture_output=True, text=True, timeout=300)
        self.assertNotEqual(p.returncode, 0, p.stdout)
        self.assertRegex(
            p.stdout + p.stderr,
            r"\[  FAILED  \] test_numbers_are_written_with_a_point_in_any_locale")
        self.assertNotIn("SKIPPED", p.stdout)


class LinkCycles(unittest.TestCase):
    """scripts/link-cycles: a circle among a folder's objects fails, a
    folder without objects is not passed, a report-only folder cannot
    fail the run, and each folder's line says what was read."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="cpd-link-cycles.")
        self.src = os.path.join(self.tmp, "lib")
        os.makedirs(os.path.join(self.tmp, "build", "lib", "obj"))
        os.makedirs(self.src)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def source(self, name, text, build=True):
        with open(os.path.join(self.src, name + ".c"), "w") as f:
            f.write(text)
        if build:
            subprocess.run(["cc", "-c", name + ".c", "-o", os.path.join(
                self.tmp, "build", "lib", "obj", name + ".c.o")],
                cwd=self.src, check=True)

    def run_it(self, *args):
        return subprocess.run(
            [sys.executable, os.path.join(ROOT, "scripts", "link-cycles"),
             "--build", "build"] + list(args),
            cwd=self.tmp, capture_output=True, text=True, timeout=60)

    def test_a_circle_fails_and_names_its_arrows(self):
        self.source("a", "int b(void);\nint a(void) { return b(); }\n")
        self.source("b", "int a(void);\nint b(void) { return a() + 1; }\n")
        self.source("c", "int a(void);\nint c(void) { return a(); }\n")
        p = self.run_it("lib")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("lib: 3 of 3 .c files read", p.stdout)
        self.assertIn("circle of 2: a b", p.stdout)
        self.assertIn("a -> b (b)", p.stdout)

    def test_one_way_passes(self):
        self.source("a", "int b(void);\nint a(void) { return b(); }\n")
        self.source("b", "int b(void) { return 1; }\n")
        p = self.run_it("lib")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("lib: 2 of 2 .c files read, 1 arrows, 0 circles",
                      p.stdout)

    def test_a_source_without_object_is_named(self):
        self.source("a", "int a(void) { return 1; }\n")
        self.source("b", "int b(void) { return 2; }\n", build=False)
        p = self.run_it("lib")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("(not built here: b.c)", p.stdout)

    def test_no_object_is_not_checked_so_not_passed(self):
        self.source("a", "int a(void) { return 1; }\n", build=False)
        p = self.run_it("lib")
        self.assertEqual(p.returncode, 77, p.stdout + p.stderr)
        self.assertIn("not checked", p.stdout)

    def test_report_only_cannot_pass_the_run(self):
        self.source("a", "int b(void);\nint a(void) { return b(); }\n")
        self.source("b", "int a(void);\nint b(void) { return a() + 1; }\n")
        p = self.run_it("--report-only", "lib")
        self.assertEqual(p.returncode, 77, p.stdout + p.stderr)
        self.assertIn("circle of 2: a b", p.stdout)
        self.assertIn("reported only", p.stdout)


class PythonInstallDir(unittest.TestCase):
    """A build first configured without SWIG (scripts/demo on a fresh
    machine), then with it (scripts/test installs it), installs the Python
    package where the interpreter looks, as a fresh build does; it used to
    cache <prefix>/lib/python3.X/site-packages, where Debian's python3
    does not look."""

    FAST = ["-DCPD_BUILD_TESTS=OFF", "-DCPD_BUILD_CLI=OFF",
            "-DCPD_BUILD_BENCH=OFF", "-DCPD_BUILD_JAVA=OFF",
            "-DCPD_BUILD_CSHARP=OFF", "-DCPD_SQL=OFF"]

    def configure(self, build, *args):
        p = subprocess.run(["cmake", "-S", ROOT, "-B", build] + self.FAST +
                           list(args), capture_output=True, text=True,
                           timeout=600)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        return p.stdout

    def destination(self, build):
        path = os.path.join(build, "bindings", "python", "cmake_install.cmake")
        with open(path, encoding="utf-8") as f:
            m = re.search(r'set\(_cpd_py_dest "([^"$]*)"\)', f.read())
        self.assertIsNotNone(m, "no absolute destination in " + path)
        return m.group(1)

    def test_the_first_configure_without_swig_does_not_decide(self):
        swig = shutil.which("swig4.0") or shutil.which("swig")
        if not swig:
            self.skipTest("no swig (scripts/test installs it)")
        with tempfile.TemporaryDirectory(prefix="cpd-pydir.") as tmp:
            fresh, later = (os.path.join(tmp, d) for d in ("fresh", "later"))
            self.configure(fresh)
            out = self.configure(later, "-DSWIG_EXECUTABLE=" +
                                 os.path.join(tmp, "no-swig"))
            self.assertIn("bindings: skipped, SWIG 4 not found", out)
            self.assertFalse(os.path.exists(
                os.path.join(later, "bindings", "python")))
            self.configure(later, "-DSWIG_EXECUTABLE=" + swig)
            want = self.destination(fresh)
            self.assertTrue(os.path.isabs(want), want)
            self.assertEqual(self.destination(later), want)


def main():
    global COVERAGE_EXTRA
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        COVERAGE_EXTRA = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)


if __name__ == "__main__":
    main()
