#!/usr/bin/env python3
"""test_version.py CPD SOURCE_DIR CMAKE - what `cpd --version` says.

`cpd --version` prints the version of cpd.h and of the library it runs
with, and, in a build from git, the `git describe` string of the commit it
was built from.  cmake/GitDescribe.cmake, which makes that string, is also
run here on scratch trees: a plain directory (no string), a git repository
with a tag (the tag), a tag with characters a C string cannot hold as they
are, and a tree inside another repository (no string).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

CPD, SRC, CMAKE = (None, None, None)
LINE = re.compile(r"^cpd (\d+\.\d+\.\d+) \(libcpd (\d+\.\d+\.\d+)"
                  r"(?:, git ([A-Za-z0-9._+/-]+))?\)$")


def header_version():
    with open(os.path.join(SRC, "include", "cpd.h"), encoding="utf-8") as f:
        text = f.read()
    parts = [re.search(rf"#define CPD_VERSION_{p} (\d+)", text).group(1)
             for p in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(parts)


def git(*args, cwd, config=None):
    """git ARGS in cwd; config: a git config file used instead of the
    user's (for the scratch repositories)."""
    env = dict(os.environ)
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    if config is not None:
        env.update(GIT_CONFIG_GLOBAL=config, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def is_git_build():
    """Whether SRC is the top of a git work tree git can read."""
    if shutil.which("git") is None:
        return False
    try:
        top = git("rev-parse", "--show-toplevel", cwd=SRC)
    except subprocess.CalledProcessError:
        return False
    return os.path.realpath(top) == os.path.realpath(SRC)


class Version(unittest.TestCase):
    def version_line(self):
        out = subprocess.run([CPD, "--version"], check=True,
                             capture_output=True, text=True).stdout
        lines = out.splitlines()
        self.assertEqual(len(lines), 1, out)
        m = LINE.match(lines[0])
        self.assertIsNotNone(m, f"unexpected --version line: {lines[0]!r}")
        return m

    def test_versions_are_the_header_version(self):
        m = self.version_line()
        self.assertEqual(m.group(1), header_version())
        self.assertEqual(m.group(2), header_version())

    def test_git_describe_names_the_commit_built(self):
        described = self.version_line().group(3)
        if not is_git_build():
            self.assertIsNone(described, "a git string without git")
            self.skipTest("not a build from git")
        self.assertIsNotNone(described, "a build from git without its string")
        rev = described[:-len("-dirty")] if described.endswith("-dirty") \
            else described
        # git reads its own describe output (tag, tag-N-gHASH or HASH) back
        self.assertEqual(git("rev-parse", "--verify", rev + "^{commit}",
                             cwd=SRC),
                         git("rev-parse", "HEAD", cwd=SRC))


class Script(unittest.TestCase):
    """cmake/GitDescribe.cmake on scratch trees."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="cpd-version-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.config = os.path.join(self.tmp, "gitconfig")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write("[user]\n\tname = t\n\temail = t@example.invalid\n"
                    "[init]\n\tdefaultBranch = main\n")

    def describe(self, source):
        out = os.path.join(self.tmp, "out", "cpd_git.h")
        subprocess.run([CMAKE, f"-DSOURCE_DIR={source}", f"-DOUT={out}", "-P",
                        os.path.join(SRC, "cmake", "GitDescribe.cmake")],
                       check=True, capture_output=True)
        with open(out, encoding="utf-8") as f:
            text = f.read()
        m = re.search(r'#define CPD_GIT_DESCRIBE "([^"\\]*)"', text)
        return (m.group(1) if m else None), out

    def repo(self, path, tag):
        os.makedirs(path)
        git("init", "-q", cwd=path, config=self.config)
        with open(os.path.join(path, "f"), "w", encoding="utf-8") as f:
            f.write("x\n")
        git("add", "f", cwd=path, config=self.config)
        git("commit", "-q", "-m", "c", cwd=path, config=self.config)
        git("tag", tag, cwd=path, config=self.config)

    def test_plain_directory_has_no_string(self):
        plain = os.path.join(self.tmp, "plain")
        os.makedirs(plain)
        self.assertIsNone(self.describe(plain)[0])

    @unittest.skipIf(shutil.which("git") is None, "no git")
    def test_tagged_repository_gives_the_tag_then_dirty(self):
        repo = os.path.join(self.tmp, "repo")
        self.repo(repo, "v9.8.7")
        self.assertEqual(self.describe(repo)[0], "v9.8.7")
        with open(os.path.join(repo, "f"), "a", encoding="utf-8") as f:
            f.write("changed\n")
        self.assertEqual(self.describe(repo)[0], "v9.8.7-dirty")

    @unittest.skipIf(shutil.which("git") is None, "no git")
    def test_odd_tag_characters_are_replaced(self):
        repo = os.path.join(self.tmp, "repo")
        self.repo(repo, 'v1"x')
        self.assertEqual(self.describe(repo)[0], "v1_x")

    @unittest.skipIf(shutil.which("git") is None, "no git")
    def test_tree_inside_another_repository_has_no_string(self):
        repo = os.path.join(self.tmp, "repo")
        self.repo(repo, "v1")
        inner = os.path.join(repo, "unpacked-tarball")
        os.makedirs(inner)
        self.assertIsNone(self.describe(inner)[0])

    @unittest.skipIf(shutil.which("git") is None, "no git")
    def test_unchanged_header_is_not_rewritten(self):
        repo = os.path.join(self.tmp, "repo")
        self.repo(repo, "v1")
        _, out = self.describe(repo)
        before = os.stat(out).st_mtime_ns
        os.utime(out, ns=(before - 10**9, before - 10**9))
        self.describe(repo)
        self.assertEqual(os.stat(out).st_mtime_ns, before - 10**9)
        self.assertEqual(sorted(os.listdir(os.path.dirname(out))),
                         ["cpd_git.h"])


def main():
    global CPD, SRC, CMAKE
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    CPD, SRC, CMAKE = sys.argv[1:4]
    prog = unittest.main(argv=[sys.argv[0], "-v"], exit=False)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
