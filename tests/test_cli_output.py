#!/usr/bin/env python3
"""Where `cpd` writes: every -o OUT is written to a
temporary file beside it and renamed over OUT only when complete, so a
failure leaves OUT exactly as it was; an OUT that is not a regular file (a
device, a FIFO, /dev/stdout) is written in place and never unlinked; a
symbolic link keeps pointing where it did, unless it is another user's
link in a sticky world-writable directory (the kernel's protected_symlinks
rule: refused, the target untouched); every command says so, in English or
Japanese, when its output cannot be written.

    python3 tests/test_cli_output.py PATH/TO/cpd

A full disk is a "full" character device (1, 7) the test makes in its own
temporary directory (as root; CI runs as root), or /dev/full otherwise,
which is only ever opened for writing, never named as -o.  A file system
that fills up is a file-size limit (RLIMIT_FSIZE) on the child.
"""
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import unittest

CPD = None
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ELIGIBLE = os.path.join(ROOT, "examples", "eligible.json")
INCOMPLETE = os.path.join(ROOT, "examples", "incomplete.json")

APPLICANT = {
    "applied_on": "2027-02-10",
    "qualification": "OMP",
    "certification": {"number": "OMP-000777", "expires_on": "2027-03-31"},
    "oath_agreed": True,
}
CSV = ("title,completed_on,hours,category\r\n"
       "コン検認定 OMP 対策講座,2024-06-15,6,A\r\n").encode("utf-8")
ROSTER = b'{"number": "OMP-000101", "qualification": "OMP"}\n'


def env(lang="C"):
    e = dict(os.environ)
    for k in ("LC_ALL", "LC_MESSAGES"):
        e.pop(k, None)
    e["LANG"] = lang
    return e


def limit_file_size(nbytes):
    """preexec_fn: writes past nbytes bytes of a file fail with EFBIG (as
    on a full file system) instead of killing the process."""
    def set_limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
    return set_limit


def run(args, stdout=subprocess.PIPE, preexec=None, lang="C", stdin=None):
    e = env(lang)
    with tempfile.TemporaryDirectory(prefix="cpd-gcov.") as gcov:
        if preexec:
            # a file-size limit would also cut the coverage data a --coverage
            # build writes at exit (scripts/coverage): that goes elsewhere
            e["GCOV_PREFIX"] = gcov
        p = subprocess.run([CPD, *args], stdout=stdout,
                           stderr=subprocess.PIPE, input=stdin, env=e,
                           timeout=120, preexec_fn=preexec)
    out = p.stdout if stdout is subprocess.PIPE else b""
    return p.returncode, out, p.stderr.decode("utf-8", "replace")


class Workdir(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="cpd-output.")
        self.dir = self.tmp.name
        self.applicant = self.put("applicant.json",
                                  json.dumps(APPLICANT).encode())
        self.csv = self.put("acts.csv", CSV)
        self.roster = self.put("roster.ndjson", ROSTER)

    def tearDown(self):
        self.tmp.cleanup()

    def put(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def full_device(self):
        """A character device that refuses every write with ENOSPC: our
        own node (root), else /dev/full (not root: it cannot be unlinked
        by us anyway)."""
        path = os.path.join(self.dir, "full")
        if os.path.exists(path):
            return path
        try:
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
            return path
        except PermissionError:
            return None

    def commands(self, out):
        """Every command that takes -o OUT, writing to out."""
        return {
            "report": ["report", ELIGIBLE, "-o", out],
            "report-text": ["report", ELIGIBLE, "--format", "text", "-o", out],
            "import-csv": ["import-csv", self.csv, "--applicant",
                           self.applicant, "-o", out],
            "redact": ["redact", ELIGIBLE, "-o", out],
        }

    def leftovers(self, keep):
        return sorted(set(os.listdir(self.dir)) - set(keep))


class AtomicFile(Workdir):
    KEEP = ("applicant.json", "acts.csv", "roster.ndjson", "out")

    def test_success_replaces_out_and_leaves_no_temporary_file(self):
        out = os.path.join(self.dir, "out")
        for name, args in self.commands(out).items():
            with open(out, "wb") as f:
                f.write(b"old contents")
            os.chmod(out, 0o640)
            rc, _, err = run(args)
            self.assertIn(rc, (0, 1), (name, err))
            with open(out, "rb") as f:
                data = f.read()
            self.assertNotEqual(data, b"old contents", name)
            self.assertGreater(len(data), 100, name)
            # the old file's permissions are kept
            self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o640, name)
            self.assertEqual(self.leftovers(self.KEEP), [], name)

    def test_a_failed_write_leaves_out_exactly_as_it_was(self):
        # the file system "fills up" after 64 bytes of any file
        out = os.path.join(self.dir, "out")
        for name, args in self.commands(out).items():
            with open(out, "wb") as f:
                f.write(b"the previous report, still needed")
            rc, _, err = run(args, preexec=limit_file_size(64))
            self.assertEqual(rc, 4, (name, err))
            self.assertIn("cannot write " + out, err, name)
            self.assertIn("File too large", err, name)
            with open(out, "rb") as f:
                self.assertEqual(f.read(), b"the previous report, still needed",
                                 name)
            self.assertEqual(self.leftovers(self.KEEP), [], name)

    def test_a_failed_write_of_a_new_out_leaves_nothing(self):
        out = os.path.join(self.dir, "out")
        for name, args in self.commands(out).items():
            rc, _, err = run(args, preexec=limit_file_size(64))
            self.assertEqual(rc, 4, (name, err))
            self.assertFalse(os.path.exists(out), name)
            self.assertEqual(self.leftovers(self.KEEP), [], name)

    def test_failure_message_in_japanese(self):
        out = os.path.join(self.dir, "out")
        rc, _, err = run(self.commands(out)["report"], lang="ja_JP.UTF-8",
                         preexec=limit_file_size(64))
        self.assertEqual(rc, 4)
        self.assertIn("に書き込めません", err)

    def test_out_in_a_missing_directory(self):
        out = os.path.join(self.dir, "no", "such", "dir", "out")
        rc, _, err = run(self.commands(out)["redact"])
        self.assertEqual(rc, 4)
        self.assertIn("cannot write " + out, err)


class Links(Workdir):
    def test_a_symlink_keeps_pointing_at_its_target(self):
        target = os.path.join(self.dir, "target.html")
        link = os.path.join(self.dir, "link.html")
        for name, args in self.commands(link).items():
            with open(target, "wb") as f:
                f.write(b"old")
            if os.path.lexists(link):
                os.unlink(link)
            os.symlink("target.html", link)  # relative, as people make them
            rc, _, err = run(args)
            self.assertIn(rc, (0, 1), (name, err))
            self.assertTrue(os.path.islink(link), name)
            self.assertEqual(os.readlink(link), "target.html", name)
            with open(target, "rb") as f:
                self.assertGreater(len(f.read()), 100, name)

    def test_a_failed_write_through_a_symlink_leaves_both(self):
        target = os.path.join(self.dir, "target.html")
        link = os.path.join(self.dir, "link.html")
        with open(target, "wb") as f:
            f.write(b"old")
        os.symlink(target, link)
        rc, _, _ = run(self.commands(link)["report"],
                       preexec=limit_file_size(64))
        self.assertEqual(rc, 4)
        self.assertTrue(os.path.islink(link))
        with open(target, "rb") as f:
            self.assertEqual(f.read(), b"old")
        self.assertEqual(sorted(os.listdir(self.dir)),
                         sorted(["applicant.json", "acts.csv",
                                 "roster.ndjson", "target.html",
                                 "link.html"]))

    def test_a_dangling_symlink_gets_its_target_made(self):
        target = os.path.join(self.dir, "made.json")
        link = os.path.join(self.dir, "link.json")
        os.symlink("made.json", link)
        rc, _, err = run(self.commands(link)["redact"])
        self.assertEqual(rc, 0, err)
        self.assertTrue(os.path.islink(link))
        with open(target, encoding="utf-8") as f:
            json.load(f)


class ForeignLinks(Workdir):
    """A link another user planted in a sticky world-writable directory
    (as in /tmp) is not followed: the file it points at stays as it was,
    whatever the command.  The link is made `nobody`'s with lchown, so
    this needs root (CI runs as root)."""

    def setUp(self):
        super().setUp()
        if os.geteuid() != 0:
            self.skipTest("needs root to give a link to another user")
        import pwd
        self.nobody = pwd.getpwnam("nobody").pw_uid
        self.shared = os.path.join(self.dir, "shared")
        os.mkdir(self.shared)
        os.chmod(self.shared, 0o1777)  # sticky, world-writable, like /tmp
        self.target = self.put("precious.txt", b"precious")

    def plant(self, name, owner):
        link = os.path.join(self.shared, name)
        os.symlink(self.target, link)
        os.lchown(link, owner, -1)
        return link

    def test_another_users_link_is_refused_by_every_command(self):
        before = os.stat(self.target)
        for name, args in self.commands(self.plant("out", self.nobody)).items():
            for lang, words in (("C", "another user's symbolic link"),
                                ("ja_JP.UTF-8", "ほかのユーザーのシンボリックリンク")):
                rc, _, err = run(args, lang=lang)
                self.assertEqual(rc, 4, (name, lang, err))
                self.assertIn(words, err, (name, lang))
                self.assertIn("shared/out", err)
        after = os.stat(self.target)
        self.assertEqual((after.st_ino, after.st_size, after.st_mtime_ns),
                         (before.st_ino, before.st_size, before.st_mtime_ns))
        with open(self.target, "rb") as f:
            self.assertEqual(f.read(), b"precious")
        self.assertEqual(sorted(os.listdir(self.shared)), ["out"])

    def test_a_link_of_the_caller_or_in_a_private_directory_is_followed(self):
        link = self.plant("mine", os.geteuid())
        rc, _, err = run(self.commands(link)["redact"])
        self.assertEqual(rc, 0, err)
        with open(self.target, "rb") as f:
            self.assertNotEqual(f.read(), b"precious")
        # not sticky: the rule does not apply (as in the kernel)
        private = os.path.join(self.dir, "private")
        os.mkdir(private)
        link = os.path.join(private, "theirs")
        os.symlink(self.target, link)
        os.lchown(link, self.nobody, -1)
        rc, _, err = run(self.commands(link)["redact"])
        self.assertEqual(rc, 0, err)


class NotAFile(Workdir):
    def test_a_device_out_is_written_in_place_and_never_unlinked(self):
        dev = self.full_device()
        if dev is None:
            self.skipTest("mknod needs root (CI runs as root)")
        for name, args in self.commands(dev).items():
            rc, _, err = run(args)
            self.assertEqual(rc, 4, (name, err))
            self.assertIn("cannot write " + dev + ": No space left on device",
                          err, name)
            st = os.lstat(dev)
            self.assertTrue(stat.S_ISCHR(st.st_mode), name)
            self.assertEqual(st.st_rdev, os.makedev(1, 7), name)
            self.assertEqual(self.leftovers(("applicant.json", "acts.csv",
                                             "roster.ndjson", "full")), [],
                             name)

    def test_dev_stdout_is_stdout(self):
        for name, args in self.commands("/dev/stdout").items():
            rc, out, err = run(args)
            self.assertIn(rc, (0, 1), (name, err))
            self.assertGreater(len(out), 100, name)

    def test_a_fifo_is_written_in_place(self):
        fifo = os.path.join(self.dir, "pipe")
        os.mkfifo(fifo)
        got = []

        def reader():
            with open(fifo, "rb") as f:
                got.append(f.read())
        t = threading.Thread(target=reader)
        t.start()
        rc, _, err = run(self.commands(fifo)["redact"])
        t.join(60)
        self.assertEqual(rc, 0, err)
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))
        self.assertEqual(json.loads(got[0])["qualification"], "OMP")


class Stdout(Workdir):
    """Every command says so when stdout cannot be written (policy and plan
    used to exit 4 without a word)."""

    def stdout_commands(self):
        plan = ["plan", INCOMPLETE, "--as-of", "2026-11-28"]
        return {
            "check": ["check", ELIGIBLE],
            "check-text": ["check", ELIGIBLE, "--format", "text"],
            "check-csv": ["check", ELIGIBLE, "--format", "csv"],
            "batch": ["batch", os.path.join(ROOT, "examples",
                                            "batch.ndjson")],
            "policy": ["policy"],
            "plan": plan,
            "plan-text": plan + ["--format", "text"],
            "audit": ["audit", self.roster, "--rate", "1", "--seed", "1"],
            "redact": ["redact", ELIGIBLE],
            "report": ["report", ELIGIBLE],
            "report-text": ["report", ELIGIBLE, "--format", "text"],
            "import-csv": ["import-csv", self.csv, "--applicant",
                           self.applicant],
            "version": ["--version"],
            "help": ["--help"],
            "check-help": ["check", "--help"],
        }

    def full_stdout(self):
        dev = self.full_device()
        return open(dev or "/dev/full", "wb")

    def test_every_command_says_when_stdout_is_full(self):
        for name, args in self.stdout_commands().items():
            for lang, words in (("C", "cannot write the output: No space "
                                      "left on device"),
                                ("ja_JP.UTF-8", "出力を書き込めません")):
                with self.full_stdout() as full:
                    rc, _, err = run(args, stdout=full, lang=lang)
                self.assertEqual(rc, 4, (name, lang, err))
                self.assertIn(words, err, (name, lang))


def main():
    global CPD
    if len(sys.argv) < 2:
        sys.exit("usage: test_cli_output.py PATH/TO/cpd")
    CPD = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)


if __name__ == "__main__":
    main()
