#!/usr/bin/env python3
"""`cpd --help` and `cpd COMMAND --help` in English and Japanese.

    test_help.py PATH/TO/cpd            compare with tests/help/{en,ja}/*.txt
    test_help.py PATH/TO/cpd --update   rewrite the goldens from cpd

The language is chosen as for every other output: --lang, then the first
of LC_ALL, LC_MESSAGES and LANG that is set and not empty.  Every command
that `cpd --help` lists must have a golden in both languages, and every
option a help text shows must be one the command accepts.
"""
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "help")
LANGS = ("en", "ja")
CPD = None
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def env(**kw):
    e = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    e.update(kw)
    return e


def run(*args, environ=None, stdout=subprocess.PIPE):
    p = subprocess.run([CPD, *args], stdout=stdout, stderr=subprocess.PIPE,
                       env=environ if environ is not None else env(),
                       stdin=subprocess.DEVNULL, timeout=30)
    out = p.stdout.decode("utf-8") if p.stdout is not None else None
    return p.returncode, out, p.stderr.decode("utf-8")


def golden_name(cmd):
    return (cmd or "cpd") + ".txt"


def read_golden(lang, cmd):
    with open(os.path.join(GOLDEN, lang, golden_name(cmd)),
              encoding="utf-8") as f:
        return f.read()


def help_args(cmd, lang=None):
    args = [cmd] if cmd else []
    args.append("--help")
    if lang:
        args += ["--lang", lang]
    return args


def listed_commands(top):
    """The commands of the "Commands:" / "コマンド:" block of cpd --help."""
    cmds, inside = [], False
    for line in top.splitlines():
        if line in ("Commands:", "コマンド:"):
            inside = True
            continue
        if inside:
            if not line.strip():
                break
            m = re.match(r"  ([a-z][a-z-]*)\b", line)
            if m:
                cmds.append(m.group(1))
    return cmds


def options_of(text):
    """Every option a help text shows: --name and -x (not "-" for stdin,
    nor man's -L of the pointer to the manual)."""
    text = re.sub(r"man -L \w+", "", text)
    return sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b",
                                 text)))


def columns(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in line)


def commands():
    rc, top, _ = run("--help", "--lang", "en")
    assert rc == 0
    return [None] + listed_commands(top)


class Goldens(unittest.TestCase):
    def test_every_command_matches_its_golden_in_both_languages(self):
        for lang in LANGS:
            for cmd in commands():
                with self.subTest(lang=lang, cmd=cmd):
                    rc, out, err = run(*help_args(cmd, lang))
                    self.assertEqual((rc, err), (0, ""))
                    self.assertEqual(out, read_golden(lang, cmd))

    def test_the_goldens_are_exactly_the_listed_commands(self):
        want = sorted(golden_name(c) for c in commands())
        for lang in LANGS:
            self.assertEqual(sorted(os.listdir(os.path.join(GOLDEN, lang))),
                             want, lang)

    def test_both_languages_list_the_same_commands(self):
        self.assertEqual(listed_commands(read_golden("ja", None)),
                         listed_commands(read_golden("en", None)))

    def test_japanese_is_japanese_and_names_the_same_options(self):
        kana = re.compile(r"[\u3041-\u30ff]")
        for cmd in commands():
            en, ja = read_golden("en", cmd), read_golden("ja", cmd)
            self.assertNotEqual(en, ja, cmd)
            self.assertRegex(ja, kana, cmd)
            self.assertTrue(ja.startswith("使い方: cpd"), cmd)
            self.assertTrue(en.startswith("Usage: cpd"), cmd)
            self.assertEqual(options_of(ja), options_of(en), cmd)

    def test_every_line_fits_80_columns_without_tabs(self):
        for lang in LANGS:
            for cmd in commands():
                text = read_golden(lang, cmd)
                self.assertTrue(text.endswith("\n"), (lang, cmd))
                for line in text.splitlines():
                    self.assertNotIn("\t", line)
                    self.assertLessEqual(columns(line), 80, (lang, cmd, line))

    def test_serve_names_every_endpoint_of_the_api_document(self):
        # docs/API.md's table of endpoints is the list a user reads; the
        # help must not fall behind it when the server learns a path.
        with open(os.path.join(HERE, "..", "docs", "API.md"),
                  encoding="utf-8") as f:
            paths = re.findall(r"^\| (?:GET|POST) \| `(/v1/[a-z]+|/healthz)",
                               f.read(), re.M)
        self.assertIn("/v1/sections", paths)  # the table was read
        for lang in LANGS:
            text = read_golden(lang, "serve")
            for path in paths:
                self.assertIn(path, text, (lang, path))


class Language(unittest.TestCase):
    """--lang, then LC_ALL, LC_MESSAGES, LANG (the first set and not empty)."""

    def lang_of(self, args, **environ):
        rc, out, err = run(*args, environ=env(**environ))
        self.assertEqual((rc, err), (0, ""))
        cmd = None if args[0].startswith("-") else args[0]
        for lang in LANGS:
            if out == read_golden(lang, cmd):
                return lang
        self.fail("%s printed neither golden" % (args,))

    def test_lang_ja_utf8_check_help_is_japanese(self):
        self.assertEqual(self.lang_of(["check", "--help"],
                                      LANG="ja_JP.UTF-8"), "ja")

    def test_the_environment_picks_the_language_of_every_command(self):
        for cmd in commands():
            args = help_args(cmd)
            with self.subTest(cmd=cmd):
                self.assertEqual(self.lang_of(args), "en")
                self.assertEqual(self.lang_of(args, LANG="ja_JP.UTF-8"), "ja")
                self.assertEqual(self.lang_of(args, LANG="C.UTF-8"), "en")

    def test_order_lc_all_then_lc_messages_then_lang(self):
        args = ["check", "--help"]
        self.assertEqual(self.lang_of(args, LC_MESSAGES="ja_JP.UTF-8",
                                      LANG="en_US.UTF-8"), "ja")
        self.assertEqual(self.lang_of(args, LC_MESSAGES="C",
                                      LANG="ja_JP.UTF-8"), "en")
        self.assertEqual(self.lang_of(args, LC_ALL="ja_JP.UTF-8",
                                      LC_MESSAGES="C", LANG="C"), "ja")
        self.assertEqual(self.lang_of(args, LC_ALL="C",
                                      LC_MESSAGES="ja_JP.UTF-8"), "en")
        # an empty variable counts as unset
        self.assertEqual(self.lang_of(args, LC_ALL="", LC_MESSAGES="",
                                      LANG="ja_JP.UTF-8"), "ja")

    def test_lang_option_beats_the_environment(self):
        for cmd in commands():
            with self.subTest(cmd=cmd):
                self.assertEqual(self.lang_of(help_args(cmd, "en"),
                                              LC_ALL="ja_JP.UTF-8"), "en")
                self.assertEqual(self.lang_of(help_args(cmd, "ja"),
                                              LC_ALL="C"), "ja")
                # --lang may come before --help too
                args = ([cmd] if cmd else []) + ["--lang=ja", "-h"]
                self.assertEqual(self.lang_of(args, LANG="C"), "ja")


class Forms(unittest.TestCase):
    def test_short_h_and_cpd_help_command_print_the_same(self):
        for cmd in commands():
            for lang in LANGS:
                want = read_golden(lang, cmd)
                self.assertEqual(run(*([cmd] if cmd else []), "-h", "--lang",
                                     lang)[1], want)
                self.assertEqual(run("help", *([cmd] if cmd else []),
                                     "--lang", lang)[1], want)

    def test_cpd_help_of_an_unknown_command_is_a_usage_error(self):
        rc, out, err = run("help", "nosuch")
        self.assertEqual((rc, out), (3, ""))
        self.assertIn("unknown command 'nosuch'", err)

    def test_no_command_prints_the_help_on_stderr_in_the_language(self):
        for lang in LANGS:
            rc, out, err = run(environ=env(LANG=lang + "_JP.UTF-8"
                                           if lang == "ja" else "C"))
            self.assertEqual((rc, out), (3, ""))
            self.assertEqual(err, read_golden(lang, None))

    def test_every_option_shown_is_one_the_command_accepts(self):
        """(cpd --help shows the options of every command: each must be
        accepted by at least one.)"""
        cmds = commands()[1:]
        for cmd in commands():
            for opt in options_of(read_golden("en", cmd)):
                if opt in ("--help", "-h", "--version"):
                    continue
                errs = [run(c, opt)[2] for c in ([cmd] if cmd else cmds)]
                with self.subTest(cmd=cmd, opt=opt):
                    self.assertTrue(any("unknown option" not in e
                                        for e in errs), errs)

    @unittest.skipUnless(os.path.exists("/dev/full"), "no /dev/full here")
    def test_a_help_that_cannot_be_written_exits_4(self):
        with open("/dev/full", "wb") as full:
            rc, _, err = run("check", "--help", stdout=full)
        self.assertEqual(rc, 4)
        self.assertIn("cannot write", err)


def update():
    for lang in LANGS:
        d = os.path.join(GOLDEN, lang)
        os.makedirs(d, exist_ok=True)
        for cmd in commands():
            rc, out, err = run(*help_args(cmd, lang))
            if rc != 0:
                sys.exit("cpd %s --help --lang %s: exit %d: %s"
                         % (cmd or "", lang, rc, err))
            path = os.path.join(d, golden_name(cmd))
            fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(out)
            os.replace(tmp, path)
            print("wrote", os.path.relpath(path))


def main():
    global CPD
    argv = sys.argv[1:]
    if not argv or argv[0].startswith("-"):
        sys.exit("usage: test_help.py PATH/TO/cpd [--update]")
    CPD = os.path.abspath(argv.pop(0))
    if argv == ["--update"]:
        update()
        return
    unittest.main(argv=[sys.argv[0], "-v"] + argv)


if __name__ == "__main__":
    main()
