#!/usr/bin/env python3
"""The manual pages (man/, built into BUILD/man/): lint, drift, install.

    test_man.py PATH/TO/cpd BUILD_DIR [--require]

- lint: `groff -ww -z` and `man --warnings -l` print no warning for any page
  (English and Japanese), and `man` finishes at a narrow width too (groff
  1.22 can loop forever on a Japanese line it cannot break);
- drift: every option that `cpd COMMAND --help` prints (both languages)
  appears under that command in cpd(1) (both languages), and every option
  there is one cpd accepts; every exit status and environment variable is
  described; every key of `cpd policy` is in cpd-policy(5); every key of
  the documents of docs/JSON.md is in cpd-application(5); every cpd_ name
  in libcpd(3) is in include/cpd.h and its example is examples/api.c;
- install: after `cmake --install BUILD` (components cli and dev) into a
  temporary prefix, `man cpd` and `man -L ja cpd` (and the other pages) work with
  MANPATH set to it.

Without groff or man-db the test is skipped (exit 77), unless --require or
CPD_REQUIRE_MAN_TOOLS=1 (scripts/test) makes that a failure.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CPD = BUILD = None
PAGES = ["man1/cpd.1", "man3/libcpd.3", "man5/cpd-application.5",
         "man5/cpd-policy.5"]
LANGS = {"en": "", "ja": "ja/"}
# the sections of cpd(1) the drift checks read, by language
HEADS = {
    "en": {"synopsis": "SYNOPSIS", "commands": "COMMANDS",
           "options": "OPTIONS", "environment": "ENVIRONMENT",
           "exit": "EXIT STATUS", "result": "THE RESULT"},
    "ja": {"synopsis": "書式", "commands": "コマンド",
           "options": "オプション", "environment": "環境変数",
           "exit": "終了ステータス", "result": "判定結果"},
}
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b")


def base_env(**kw):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "MAN")) and k not in
           ("LANG", "LANGUAGE", "PAGER", "GROFF_SGR")}
    env.update({"LANG": "C.UTF-8", "MANPAGER": "cat", "PAGER": "cat"})
    env.update(kw)
    return env


def run(args, timeout=60, **env):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, env=base_env(**env),
                          timeout=timeout)


def built(lang, page):
    return os.path.join(BUILD, "man", LANGS[lang] + page)


def render(path, width=80, timeout=60):
    p = run(["man", "--warnings", "-l", path], timeout=timeout,
            MANWIDTH=str(width))
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def sections(text):
    """{"NAME": text, ...} and {"cpd check FILE | -": text, ...} of a page
    rendered by man: .Sh headings start in column 0, .Ss in column 3."""
    sh, ss, cur_sh, cur_ss = {}, {}, None, None
    for line in text.splitlines()[1:-1]:  # header and footer lines
        if line and not line[0].isspace():
            cur_sh, cur_ss = line.strip(), None
            sh[cur_sh] = ""
            continue
        if re.match(r"   \S", line):
            cur_ss = line.strip()
            ss[cur_ss] = ""
        if cur_sh:
            sh[cur_sh] += line + "\n"
        if cur_ss:
            ss[cur_ss] += line + "\n"
    return sh, ss


def cpd(*args, **env):
    p = subprocess.run([CPD, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                       env=base_env(**env), timeout=30)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def commands():
    rc, out, _ = cpd("--help", "--lang", "en")
    assert rc == 0
    block = out.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^  ([a-z][a-z-]*)", block, re.M)


def help_options(cmd, lang):
    rc, out, _ = cpd(*([cmd] if cmd else []), "--help", "--lang", lang)
    assert rc == 0, (cmd, lang)
    if cmd is None:  # the top level's own options only
        out = re.split(r"\n(?:Options|オプション):\n", out)[1].split("\n\n")[0]
    out = re.sub(r"man -L \w+", "", out)
    return set(OPTION.findall(out))


class Lint(unittest.TestCase):
    def test_every_page_is_built_in_both_languages(self):
        for lang in LANGS:
            for page in PAGES:
                path = built(lang, page)
                self.assertTrue(os.path.isfile(path), path)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                self.assertNotRegex(text, r"@[A-Z_]+@", path)

    def test_groff_prints_no_warning(self):
        for lang in LANGS:
            for page in PAGES:
                p = run(["groff", "-ww", "-z", "-K", "utf8", "-Tutf8",
                         "-mdoc", built(lang, page)])
                self.assertEqual((p.returncode, p.stderr.decode()), (0, ""),
                                 built(lang, page))

    def test_man_prints_no_warning(self):
        for lang in LANGS:
            for page in PAGES:
                rc, out, err = render(built(lang, page))
                self.assertEqual((rc, err), (0, ""), built(lang, page))
                self.assertIn("名前" if lang == "ja" else "NAME", out)

    def test_man_finishes_at_narrow_widths(self):
        # (warnings allowed here: long prototypes do not fit 50 columns)
        for lang in LANGS:
            for page in PAGES:
                for width in (50, 132):
                    try:
                        rc, out, _ = render(built(lang, page), width,
                                            timeout=20)
                    except subprocess.TimeoutExpired:
                        self.fail("man -l %s hangs at MANWIDTH=%d"
                                  % (built(lang, page), width))
                    self.assertEqual(rc, 0)
                    self.assertTrue(out)


class Cpd1(unittest.TestCase):
    """cpd(1) against `cpd --help` and `cpd COMMAND --help`."""

    @classmethod
    def setUpClass(cls):
        cls.pages = {}
        for lang in LANGS:
            # wide, so that no option is broken across lines
            rc, out, err = render(built(lang, "man1/cpd.1"), 250)
            assert rc == 0, err
            cls.pages[lang] = sections(out)

    def command_section(self, lang, cmd):
        _, ss = self.pages[lang]
        for head, text in ss.items():
            if head.split()[:2] == ["cpd", cmd]:
                return text
        self.fail("cpd(1) [%s] has no subsection 'cpd %s'" % (lang, cmd))

    def test_every_command_has_its_subsection_and_synopsis(self):
        for lang in LANGS:
            synopsis = self.pages[lang][0][HEADS[lang]["synopsis"]]
            for cmd in commands() + ["help"]:
                self.command_section(lang, cmd)
                self.assertRegex(synopsis, r"cpd %s\b" % re.escape(cmd),
                                 (lang, cmd))

    def test_every_option_of_each_help_is_under_its_command(self):
        for cmd in commands():
            want = help_options(cmd, "en") | help_options(cmd, "ja")
            want -= {"--help", "-h"}
            for lang in LANGS:
                have = set(OPTION.findall(self.command_section(lang, cmd)))
                self.assertEqual(want - have, set(),
                                 "cpd(1) [%s], cpd %s" % (lang, cmd))

    def test_top_level_options_are_under_options(self):
        want = help_options(None, "en") | help_options(None, "ja")
        for lang in LANGS:
            text = self.pages[lang][0][HEADS[lang]["options"]]
            self.assertEqual(want - set(OPTION.findall(text)), set(), lang)

    def test_every_option_in_the_page_is_one_cpd_accepts(self):
        for lang in LANGS:
            for cmd in commands():
                for opt in set(OPTION.findall(self.command_section(lang,
                                                                   cmd))):
                    rc, _, err = cpd(cmd, opt)
                    self.assertNotIn("unknown option", err,
                                     "cpd(1) [%s]: cpd %s %s" % (lang, cmd,
                                                                 opt))

    def test_exit_statuses_and_environment(self):
        for lang in LANGS:
            sh = self.pages[lang][0]
            exits = sh[HEADS[lang]["exit"]]
            for status in range(6):
                self.assertRegex(exits, r"(?m)^     %d\s" % status, lang)
            env = sh[HEADS[lang]["environment"]]
            for var in ("LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR"):
                self.assertRegex(env, r"\b%s\b" % var, lang)


class Formats(unittest.TestCase):
    def page_text(self, lang, page):
        rc, out, err = render(built(lang, page), 250)
        self.assertEqual(rc, 0, err)
        return out

    def test_cpd_policy_5_has_every_key_cpd_policy_prints(self):
        rc, out, _ = cpd("policy")
        self.assertEqual(rc, 0)
        keys = set()

        def walk(v, path):
            if isinstance(v, dict):
                for k, x in v.items():
                    keys.add(path + k)
                    walk(x, (path + k + ".") if k == "window" else "")
            elif isinstance(v, list):
                for x in v:
                    walk(x, "")
        walk(json.loads(out), "")
        keys.add("versions")
        for lang in LANGS:
            text = self.page_text(lang, "man5/cpd-policy.5")
            missing = {k for k in keys
                       if not re.search(r"(?<![\w.])%s(?![\w])" % re.escape(k),
                                        text)}
            self.assertEqual(missing, set(), lang)

    def json_md_example(self, heading):
        with open(os.path.join(ROOT, "docs", "JSON.md"),
                  encoding="utf-8") as f:
            md = f.read()
        block = md.split("## " + heading, 1)[1].split("```json\n", 1)[1]
        return json.loads(block.split("```", 1)[0])

    def test_cpd_application_5_has_every_key_of_docs_json_md(self):
        app = self.json_md_example("Application document")
        result = self.json_md_example("Result document")
        app_keys = set()

        def walk(v):
            if isinstance(v, dict):
                for k, x in v.items():
                    app_keys.add(k)
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
        walk(app)
        for lang in LANGS:
            text = self.page_text(lang, "man5/cpd-application.5")
            body = text.split("\n" + HEADS[lang]["result"] + "\n")
            self.assertEqual(len(body), 2, lang)
            missing = {k for k in app_keys
                       if not re.search(r"\b%s\b" % re.escape(k), body[0])}
            self.assertEqual(missing, set(), lang)
            missing = {k for k in list(result) + ["policy"]
                       if not re.search(r"\b%s\b" % re.escape(k), body[1])}
            self.assertEqual(missing, set(), lang)

    def test_libcpd_3_names_only_what_cpd_h_declares(self):
        with open(os.path.join(ROOT, "include", "cpd.h"),
                  encoding="utf-8") as f:
            header = f.read()
        declared = set(re.findall(r"\b(cpd_\w+|CPD_\w+)\b", header))
        # the field ids are made from the rows of CPD_FIELDS: X(NAME, ...)
        declared |= {"CPD_FIELD_ID_" + m for m in
                     re.findall(r"\bX\((\w+),", header)}
        for lang in LANGS:
            text = self.page_text(lang, "man3/libcpd.3")
            named = set(re.findall(  # (not CMake's cpd::cpd_static)
                r"(?<!::)\b(cpd_[a-z0-9_]+|CPD_[A-Z0-9_]+)\b", text))
            self.assertEqual(named - declared, set(), lang)
            self.assertGreater(len(named), 40, lang)

    def test_libcpd_3_names_every_function_of_cpd_h(self):
        with open(os.path.join(ROOT, "include", "cpd.h"),
                  encoding="utf-8") as f:
            functions = set(re.findall(r"CPD_API[^;(]*?\b(cpd_\w+)\s*\(",
                                       f.read()))
        self.assertGreater(len(functions), 50)
        for lang in LANGS:
            text = self.page_text(lang, "man3/libcpd.3")
            missing = sorted(fn for fn in functions
                             if not re.search(r"\b%s\(" % fn, text))
            self.assertEqual(missing, [], "add them to man/%sman3/libcpd.3"
                             % LANGS[lang])

    def test_libcpd_3_shows_examples_api_c(self):
        with open(os.path.join(ROOT, "examples", "api.c"),
                  encoding="utf-8") as f:
            lines = [line.rstrip() for line in f if line.strip()]
        for lang in LANGS:
            text = self.page_text(lang, "man3/libcpd.3")
            shown = {line.strip() for line in text.splitlines()}
            self.assertEqual([l for l in lines if l.strip() not in shown], [],
                             lang)


class Install(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="cpd-man.")
        for component in ("cli", "dev"):  # (the pages' Debian packages)
            p = subprocess.run(["cmake", "--install", BUILD, "--prefix",
                                os.path.join(cls.tmp, "prefix"),
                                "--component", component],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=120)
            assert p.returncode == 0, p.stdout.decode()
        found = [d for d, _, files in os.walk(cls.tmp) if "cpd.1" in files
                 and os.path.basename(d) == "man1"
                 and os.path.basename(os.path.dirname(d)) != "ja"]
        assert len(found) == 1, found
        cls.manpath = os.path.dirname(found[0])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def man(self, *args):
        p = run(["man", *args], MANPATH=self.manpath, MANWIDTH="80")
        return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")

    def test_every_page_is_installed_in_both_languages(self):
        for lang in LANGS:
            for page in PAGES:
                self.assertTrue(os.path.isfile(os.path.join(
                    self.manpath, LANGS[lang] + page)), (lang, page))

    def test_man_cpd(self):
        rc, out, err = self.man("cpd")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("cpd — check CPD renewal applications", out)
        rc, out, _ = self.man("-w", "cpd")
        self.assertTrue(out.startswith(self.manpath), out)

    def test_man_l_ja_cpd(self):
        rc, out, err = self.man("-L", "ja", "cpd")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("名前", out)
        self.assertIn("更新審査申請を確認する", out)
        rc, out, _ = self.man("-L", "ja", "-w", "cpd")
        self.assertEqual(out.strip(), os.path.join(self.manpath, "ja", "man1",
                                                   "cpd.1"))

    def test_the_other_sections(self):
        for lang, args, want in (
                ("en", ("3", "libcpd"), "check CPD renewal applications from C"),
                ("en", ("5", "cpd-policy"), "the CPD policy document"),
                ("en", ("5", "cpd-application"), "renewal application document"),
                ("ja", ("3", "libcpd"), "C から確認する"),
                ("ja", ("5", "cpd-policy"), "CPD 方針の文書"),
                ("ja", ("5", "cpd-application"), "更新審査申請書の文書")):
            extra = ("-L", "ja") if lang == "ja" else ()
            rc, out, err = self.man(*extra, *args)
            self.assertEqual((rc, err), (0, ""), args)
            self.assertIn(want, out, args)


def main():
    global CPD, BUILD
    argv = sys.argv[1:]
    require = "--require" in argv or os.environ.get(
        "CPD_REQUIRE_MAN_TOOLS") == "1"
    argv = [a for a in argv if a != "--require"]
    if len(argv) < 2:
        sys.exit("usage: test_man.py PATH/TO/cpd BUILD_DIR [--require]")
    CPD, BUILD = os.path.abspath(argv[0]), os.path.abspath(argv[1])
    missing = [t for t in ("groff", "man") if not shutil.which(t)]
    if missing:
        msg = "test_man: %s not installed (Debian: groff-base man-db)" % (
            " and ".join(missing))
        if require:
            sys.exit(msg + ": FAILED (required)")
        print(msg + ": skipped")
        sys.exit(77)
    unittest.main(argv=[sys.argv[0], "-v"] + argv[2:])


if __name__ == "__main__":
    main()
