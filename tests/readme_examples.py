#!/usr/bin/env python3
"""readme_examples.py - the shell examples of a Markdown file, run and
compared with the output the file shows, so the documentation cannot drift.

    python3 tests/readme_examples.py --build BUILD_DIR [--source DIR]
        [--env NAME=VALUE ...] [--update] FILE.md [FILE.md ...]

Which blocks run: a fenced block right after a line

    <!-- example -->                 (options: exit=N, requires=..., name=...)

In the block, a line starting with "$ " is a command (a trailing backslash
continues it on the next line); the lines after it, up to the next command
or the end of the block, are what it prints: its standard output, then its
standard error.  A line "..." stands for any number of lines.  Trailing
spaces, a UTF-8 BOM at the start of the output and the CR of CRLF line ends
are not compared (the CSV export writes both for Excel).

How they run: the commands of one block run in one bash, in order, like a
terminal session (cd and export carry over to the next command), in a fresh
temporary directory holding a copy of the source tree (without build*
directories and .git) and a symbolic link "build" to BUILD_DIR; BUILD_DIR is
first on PATH, so "cpd" is the cpd under test.  The environment is LANG=C,
NO_COLOR=1, TERM=dumb without LC_ALL, LC_MESSAGES and LANGUAGE, plus every
--env.  Every command must exit 0, except the last, which must exit N when
the marker says exit=N.  requires=build/bindings/java/cpd.jar,cmd:java skips
the block (reported as skipped, never as passed) when a path (relative to
the temporary directory) or a command is missing.

Each block is a unittest case named after its file and first line, so a
skipped block shows up in scripts/test's list of skipped tests.

--update writes what the commands print into the blocks that show no "..."
(review the diff; a block with "..." is left for a person to shorten), the
file replaced through a temporary file.  Standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

MARKER = re.compile(r"^\s*<!--\s*example\b(.*?)-->\s*$")
FENCE = re.compile(r"^(\s*)(```+|~~~+)")


class Block:
    def __init__(self, path, line, options, commands, indent, body_at):
        self.path, self.line, self.options = path, line, options
        self.commands = commands  # [(command, [expected lines])]
        self.indent, self.body_at = indent, body_at  # for --update
        self.got = None  # [(lines printed)] per command, once run


def parse_options(text, where):
    opts = {}
    for word in text.split():
        if "=" not in word:
            raise SystemExit(f"{where}: example option {word!r} is not NAME=VALUE")
        k, v = word.split("=", 1)
        if k not in ("exit", "requires", "name"):
            raise SystemExit(f"{where}: unknown example option {k!r}")
        opts[k] = v
    return opts


def parse(path):
    """The example blocks of one Markdown file."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks = []
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if not m:
            i += 1
            continue
        where = f"{path}:{i + 1}"
        opts = parse_options(m.group(1), where)
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        f = FENCE.match(lines[j]) if j < len(lines) else None
        if not f:
            raise SystemExit(f"{where}: an example marker must precede a fenced block")
        indent, fence = f.group(1), f.group(2)
        body = []
        k = j + 1
        while k < len(lines) and not lines[k].strip().startswith(fence):
            body.append(lines[k][len(indent):] if lines[k].startswith(indent)
                        else lines[k].lstrip())
            k += 1
        if k == len(lines):
            raise SystemExit(f"{where}: the fenced block is not closed")
        commands = []
        n = 0
        while n < len(body):
            if body[n].startswith("$ "):
                cmd = body[n][2:]
                while cmd.endswith("\\") and n + 1 < len(body):
                    n += 1
                    cmd = cmd + "\n" + body[n]
                commands.append((cmd, []))
            elif commands:
                commands[-1][1].append(body[n])
            elif body[n].strip():
                raise SystemExit(f"{path}:{j + 2 + n}: output before the first command")
            n += 1
        if not commands:
            raise SystemExit(f"{where}: the example block has no '$ ' command")
        blocks.append(Block(path, j + 1, opts, commands, indent,
                            (j + 1, k)))
        i = k + 1
    return blocks


def normalise(text):
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n")
    lines = [ln.rstrip() for ln in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def matches(expected, got):
    """expected (with "..." lines) against got, both lists of lines."""
    expected = [ln.rstrip() for ln in expected]
    while expected and expected[-1] == "":
        expected.pop()
    memo = {}

    def m(i, j):
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(expected):
            r = j == len(got)
        elif expected[i] == "...":
            r = any(m(i + 1, k) for k in range(j, len(got) + 1))
        else:
            r = j < len(got) and expected[i] == got[j] and m(i + 1, j + 1)
        memo[key] = r
        return r

    return m(0, 0)


def copy_source(src, dst):
    """The source tree without build* and .git, copied once per run."""
    for name in sorted(os.listdir(src)):
        if name.startswith("build") or name in (".git",):
            continue
        s, d = os.path.join(src, name), os.path.join(dst, name)
        if os.path.isdir(s) and not os.path.islink(s):
            shutil.copytree(s, d, symlinks=True)
        else:
            shutil.copy2(s, d, follow_symlinks=False)


def link_tree(src, dst):
    """A block's own tree: hard links to that copy (fast; a command that
    writes a new file, as they all do, leaves the copy as it was)."""
    shutil.copytree(src, dst, symlinks=True, copy_function=os.link)


class Runner:
    def __init__(self, build, source, env, scratch):
        self.build, self.source = build, source
        self.tree = os.path.join(scratch, "source")
        copy_source(source, self.tree)
        e = dict(os.environ)
        for k in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            e.pop(k, None)
        e.update({"LANG": "C", "NO_COLOR": "1", "TERM": "dumb"})
        e["PATH"] = build + os.pathsep + e.get("PATH", "")
        e.update(env)
        self.env = e

    def missing(self, block, work):
        for req in filter(None, block.options.get("requires", "").split(",")):
            if req.startswith("cmd:"):
                if not shutil.which(req[4:], path=self.env["PATH"]):
                    return f"{req[4:]} is not installed"
            elif not os.path.exists(os.path.join(work, req)):
                return f"{req} does not exist"
        return None

    def run(self, case, block):
        with tempfile.TemporaryDirectory(prefix="cpd-readme.") as tmp:
            work = os.path.join(tmp, "work")
            out = os.path.join(tmp, "out")
            link_tree(self.tree, work)
            os.mkdir(out)
            open(os.path.join(out, "empty"), "wb").close()  # their stdin
            os.symlink(self.build, os.path.join(work, "build"))
            why = self.missing(block, work)
            if why:
                case.skipTest(why)
            # one bash for the block; each command's output to its own files
            script = ["set +e"]
            for n, (cmd, _) in enumerate(block.commands):
                script.append(f"{{\n{cmd}\n}} >'{out}/{n}.out' 2>'{out}/{n}.err'"
                              f" <'{out}/empty'\necho $? >'{out}/{n}.rc'")
            subprocess.run(["bash", "-c", "\n".join(script)], cwd=work,
                           env=self.env, timeout=300, check=False)
            last = len(block.commands) - 1
            block.got = []
            for n in range(len(block.commands)):
                got = []
                for stream in ("out", "err"):
                    with open(f"{out}/{n}.{stream}", "rb") as f:
                        got += normalise(f.read().decode("utf-8", "replace"))
                block.got.append(got)
            for n, (cmd, expected) in enumerate(block.commands):
                got = block.got[n]
                with open(f"{out}/{n}.rc") as f:
                    rc = int(f.read())
                want_rc = int(block.options.get("exit", 0)) if n == last else 0
                where = f"{block.path}:{block.line}: $ {cmd}"
                if rc != want_rc:
                    case.fail(f"{where}\nexit status {rc}, expected {want_rc}; "
                              "it printed:\n" + "\n".join(got))
                if not matches(expected, got):
                    case.fail(f"{where}\nexpected:\n" + "\n".join(expected) +
                              "\n\ngot:\n" + "\n".join(got))


def update(path, blocks):
    """Rewrites the output shown in path's blocks (those without "...")
    with what their commands printed."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    changed = 0
    for b in sorted(blocks, key=lambda b: -b.line):  # bottom up
        if b.got is None or any("..." in [ln.strip() for ln in exp]
                                for _, exp in b.commands):
            continue
        body = []
        for (cmd, _), got in zip(b.commands, b.got):
            body += ["$ " + c for c in cmd.split("\n")[:1]]
            body += cmd.split("\n")[1:]
            body += got
        first, end = b.body_at
        new = [(b.indent + ln) if ln else "" for ln in body]
        if lines[first:end] != new:
            lines[first:end] = new
            changed += 1
    if changed:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path),
                                   prefix=".readme-update.")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        os.replace(tmp, path)
    print(f"{path}: {changed} block(s) rewritten", file=sys.stderr)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", required=True, help="the build tree (build/cpd)")
    ap.add_argument("--source", default=os.path.dirname(
        os.path.dirname(os.path.abspath(__file__))), help="the source tree")
    ap.add_argument("--env", action="append", default=[],
                    help="NAME=VALUE for the examples' environment")
    ap.add_argument("--update", action="store_true",
                    help="write the output into blocks without '...'")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(argv[1:])
    env = {}
    for kv in args.env:
        if "=" not in kv:
            ap.error(f"--env {kv!r} is not NAME=VALUE")
        k, v = kv.split("=", 1)
        env[k] = v
    with tempfile.TemporaryDirectory(prefix="cpd-readme-src.") as scratch:
        return run_files(args, env, scratch)


def run_files(args, env, scratch):
    runner = Runner(os.path.abspath(args.build), os.path.abspath(args.source),
                    env, scratch)
    suite = unittest.TestSuite()
    parsed = []
    for path in args.files:
        path = path if os.path.isabs(path) else os.path.join(args.source, path)
        blocks = parse(path)
        if not blocks:
            print(f"{path}: no <!-- example --> blocks", file=sys.stderr)
            return 1
        parsed.append((path, blocks))
        label = re.sub(r"\W", "_", os.path.basename(path))
        cls = type(label, (unittest.TestCase,), {})
        for b in blocks:
            name = b.options.get("name") or re.sub(
                r"\W+", "_", b.commands[0][0].split("\n")[0])[:60].strip("_")
            test = f"test_line{b.line}_{name}"
            setattr(cls, test, (lambda blk: lambda self: runner.run(self, blk))(b))
        suite.addTests(unittest.defaultTestLoader.loadTestsFromTestCase(cls))
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    if args.update:
        for path, blocks in parsed:
            update(path, blocks)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
