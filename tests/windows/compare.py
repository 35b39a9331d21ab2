#!/usr/bin/env python3
"""compare.py - cpd.exe under Wine against the Linux cpd, byte for byte.

    compare.py --linux LINUX_CPD --exe CPD_EXE --work DIR [--wine WINE]
               [--consumer CONSUMER_EXE] CASE_DIR...

Every application of the CASE_DIRs (NAME.json, with NAME.policy.json when
there is one; *.expected.json left out) goes through both programs with
the same arguments, from the same directory:

  check      --format json, text and csv, --lang en and ja
  report     -o OUT.html (the file compared), and --format text, en and ja
  redact, plan --as-of, all of them as one NDJSON batch (from a file and
  from stdin); policy, explain, every --help in both languages, import-csv
  (UTF-8 and CP932), audit of examples/roster.ndjson

and stdout, stderr, the exit status and the files written must be the same
bytes.  With --consumer (tests/windows/consumer.c built against the zip),
its output for each application must be what `cpd check` prints on
Linux (stdout and exit status).  Then the Windows side of files: a Japanese file name
(申請書_山田.json) through check, report -o 報告書_山田.html and batch;
-o over an existing file (replaced, nothing else left behind); -o into a
missing folder (exit 4, the message, nothing written); -o NUL (a device,
written in place); `cpd serve` (not in the Windows build: exit 3);
`cpd notices --sendmail` (no sendmail on Windows: exit 3, the message in
English and Japanese naming the .eml files, nothing written).

With --ja-locpath DIR (a folder holding ja_JP.UTF-8, made by localedef),
the language cpd.exe speaks when none of LC_ALL, LC_MESSAGES, LANG is
set: Wine takes its display language from the Unix locale of
LC_MESSAGES, so cpd.exe is started by Wine's cmd, which removes the three
variables from its environment first.  A Japanese display language must
give `cpd --help --lang ja`'s bytes, an English one `--lang en`'s, and a
LANG=C set in cpd.exe's environment wins over a Japanese display
language.  Without --ja-locpath this is not checked, and the count says
so.

Prints each difference and a count; exit 0 when all are the same.  Run from the source tree; Wine's environment (WINEPREFIX,
WINEDEBUG, WINEPATH) comes from the caller.
"""
import argparse
import os
import shutil
import subprocess
import sys

ENV = dict(os.environ, LANG="C.UTF-8")  # Wine: UTF-8 file names
for _v in ("LC_ALL", "LC_MESSAGES", "NO_COLOR", "LANGUAGE"):
    ENV.pop(_v, None)


class Runner:
    def __init__(self, linux, exe, wine, work):
        self.linux, self.exe, self.wine, self.work = linux, exe, wine, work
        self.same = 0
        self.consumer = 0
        self.checks = 0  # of Windows alone (no Linux twin)
        self.differ = []

    def run(self, argv, cwd, stdin=None, env=None):
        """(exit, stdout, stderr) of each program with the same argv
        (Linux first)."""
        out = []
        for cmd in ([self.linux] + argv, [self.wine, self.exe] + argv):
            p = subprocess.run(cmd, cwd=cwd, input=stdin, env=env or ENV,
                               capture_output=True, timeout=300)
            out.append((p.returncode, p.stdout, p.stderr))
        return out

    def compare(self, label, argv, cwd=".", stdin=None, files=(), env=None):
        """Both programs, then the files each wrote (named in files,
        relative to cwd: moved aside after each run)."""
        results, written = [], []
        for k, cmd in enumerate(([self.linux] + argv,
                                 [self.wine, self.exe] + argv)):
            p = subprocess.run(cmd, cwd=cwd, input=stdin, env=env or ENV,
                               capture_output=True, timeout=300)
            results.append((p.returncode, p.stdout, p.stderr))
            got = {}
            for name in files:
                path = os.path.join(cwd, name)
                if os.path.exists(path):
                    with open(path, "rb") as f:
                        got[name] = f.read()
                    os.remove(path)  # written by this run: ours
                else:
                    got[name] = None
            written.append(got)
        (lrc, lout, lerr), (wrc, wout, werr) = results
        bad = []
        if lrc != wrc:
            bad.append(f"exit {lrc} (Linux) / {wrc} (Windows)")
        if lout != wout:
            bad.append(f"stdout differs at byte {first_diff(lout, wout)} "
                       f"({len(lout)} / {len(wout)} bytes)")
        if lerr != werr:
            bad.append(f"stderr differs: {lerr[:300]!r} / {werr[:300]!r}")
        for name in files:
            if written[0][name] != written[1][name]:
                bad.append(f"{name} differs")
        if bad:
            self.differ.append(f"{label}: " + "; ".join(bad))
        else:
            self.same += 1
        return results


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def cases(dirs):
    """(name, application path, [--policy path]) of each case."""
    out = []
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".json") or name.endswith(
                    (".expected.json", ".policy.json")):
                continue
            base = os.path.join(d, name[:-5])
            pol = base + ".policy.json"
            out.append((os.path.relpath(base + ".json"),
                        ["--policy", os.path.relpath(pol)]
                        if os.path.exists(pol) else []))
    return out


def one_line(path):
    """The JSON file as one NDJSON line (pretty-printed JSON has line
    breaks only between tokens)."""
    with open(path, "rb") as f:
        return f.read().replace(b"\r", b" ").replace(b"\n", b" ").strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--linux", required=True)
    ap.add_argument("--exe", required=True)
    ap.add_argument("--wine", default="wine")
    ap.add_argument("--work", required=True)
    ap.add_argument("--consumer")
    ap.add_argument("--ja-locpath")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    linux = os.path.abspath(a.linux)
    exe = os.path.abspath(a.exe)
    work = os.path.abspath(a.work)
    if os.path.exists(work):
        shutil.rmtree(work)  # our own scratch folder from an earlier run
    os.makedirs(work)
    r = Runner(linux, exe, a.wine, work)
    rel_work = os.path.relpath(work)
    all_cases = cases(a.dirs)
    if not all_cases:
        print("compare: no cases found", file=sys.stderr)
        return 1

    # ---- every case through check, report, redact, plan
    for app, pol in all_cases:
        for lang in ("en", "ja"):
            for fmt in ("json", "text", "csv"):
                r.compare(f"check {app} --format {fmt} --lang {lang}",
                          ["check", app, "--format", fmt, "--lang", lang] + pol)
            out = os.path.join(rel_work, "report.html")
            r.compare(f"report {app} --lang {lang}",
                      ["report", app, "-o", out, "--lang", lang] + pol,
                      files=[out])
            r.compare(f"report {app} --format text --lang {lang}",
                      ["report", app, "--format", "text", "--lang", lang]
                      + pol)
        r.compare(f"redact {app}", ["redact", app])
        for fmt in ("json", "text"):
            r.compare(f"plan {app} --format {fmt}",
                      ["plan", app, "--as-of", "2026-06-01", "--format", fmt]
                      + pol)

    # ---- the C consumer of the DLL: what `cpd check` prints
    if a.consumer:
        consumer = os.path.abspath(a.consumer)
        for app, pol in all_cases:
            lin = subprocess.run([linux, "check", app] + pol, env=ENV,
                                 capture_output=True, timeout=300)
            win = subprocess.run([a.wine, consumer, app] + pol[1:], env=ENV,
                                 capture_output=True, timeout=300)
            if (lin.returncode, lin.stdout) == (win.returncode, win.stdout):
                r.same += 1
                r.consumer += 1
            else:
                r.differ.append(
                    f"consumer {app}: exit {lin.returncode}/{win.returncode}"
                    f", stdout {'same' if lin.stdout == win.stdout else 'differs'}"
                    f" {win.stderr[:300]!r}")

    # ---- all of them as one batch, from a file and from stdin
    ndjson = os.path.join(rel_work, "all.ndjson")
    with open(ndjson, "wb") as f:
        for app, pol in all_cases:
            if not pol:
                f.write(one_line(app) + b"\n")
    with open(ndjson, "rb") as f:
        lines = f.read()
    for lang in ("en", "ja"):
        r.compare(f"batch {ndjson} --lang {lang}",
                  ["batch", ndjson, "--lang", lang])
    r.compare("batch - (stdin)", ["batch", "-"], stdin=lines)
    r.compare("check - (stdin)", ["check", "-"], stdin=one_line(all_cases[0][0]))

    # ---- the rest of the commands
    r.compare("policy", ["policy"])
    for cmd in ([], ["check"], ["batch"], ["policy"], ["plan"], ["audit"],
                ["redact"], ["report"], ["import-csv"], ["explain"]):
        for lang in ("en", "ja"):
            r.compare(f"{' '.join(cmd) or 'cpd'} --help --lang {lang}",
                      cmd + ["--help", "--lang", lang])
    r.compare("help (LANG=ja_JP.UTF-8)", ["--help"],
              env=dict(ENV, LANG="ja_JP.UTF-8"))
    for what in (["--list"], ["R1"], ["R16"], ["fee.late"]):
        for lang in ("en", "ja"):
            r.compare(f"explain {what[0]} --lang {lang}",
                      ["explain"] + what + ["--lang", lang])
    if os.path.exists("examples/roster.ndjson"):
        r.compare("audit examples/roster.ndjson",
                  ["audit", "examples/roster.ndjson", "--rate", "0.3",
                   "--seed", "42"])
    r.compare("unknown command", ["frobnicate"])
    r.compare("missing file", ["check", "no-such-file.json", "--lang", "ja"])

    # ---- import-csv, UTF-8 and CP932 (Windows' code page 932)
    csv_dir = "tests/report"
    if os.path.exists(os.path.join(csv_dir, "activities.csv")):
        applicant = os.path.join(csv_dir, "applicant.json")
        utf8 = os.path.join(csv_dir, "activities.csv")
        with open(utf8, encoding="utf-8-sig") as f:
            text = f.read()
        cp932 = os.path.join(rel_work, "activities-cp932.csv")
        with open(cp932, "wb") as f:
            f.write(text.encode("cp932"))
        for src in (utf8, cp932):
            for lang in ("en", "ja"):
                r.compare(f"import-csv {src} --lang {lang}",
                          ["import-csv", src, "--applicant", applicant,
                           "--lang", lang])
        bad = os.path.join(rel_work, "bad-cp932.csv")
        with open(bad, "wb") as f:
            f.write(text.encode("cp932") + b"\x81\x20x,\x82\r\n")
        r.compare("import-csv (a byte that is not CP932)",
                  ["import-csv", bad, "--applicant", applicant,
                   "--encoding", "cp932", "--lang", "ja"])
    if os.path.exists("examples/bad-activities.csv"):
        r.compare("import-csv examples/bad-activities.csv",
                  ["import-csv", "examples/bad-activities.csv", "--applicant",
                   "tests/report/applicant.json"])

    # ---- Japanese file names, in a folder of their own
    jp = os.path.join(work, "日本語")
    os.makedirs(jp)
    src = next(app for app, pol in all_cases if not pol)
    shutil.copyfile(src, os.path.join(jp, "申請書_山田.json"))
    with open(os.path.join(jp, "申請書一覧.ndjson"), "wb") as f:
        f.write(lines)
    for lang in ("en", "ja"):
        for fmt in ("json", "text", "csv"):
            r.compare(f"check 申請書_山田.json --format {fmt} --lang {lang}",
                      ["check", "申請書_山田.json", "--format", fmt,
                       "--lang", lang], cwd=jp)
        r.compare(f"report 申請書_山田.json -o 報告書_山田.html --lang {lang}",
                  ["report", "申請書_山田.json", "-o", "報告書_山田.html",
                   "--lang", lang], cwd=jp, files=["報告書_山田.html"])
    r.compare("batch 申請書一覧.ndjson", ["batch", "申請書一覧.ndjson"], cwd=jp)
    r.compare("check 存在しない.json (missing)",
              ["check", "存在しない.json", "--lang", "ja"], cwd=jp)

    # ---- -o: replaced whole, or left alone
    def listing():
        return sorted(os.listdir(jp))

    def replace_existing(k):
        path = os.path.join(jp, "結果.csv")
        with open(path, "wb") as f:
            f.write(b"old contents\n")
        p = subprocess.run(k + ["report", "申請書_山田.json", "-o",
                                "結果.csv", "--lang", "ja"],
                           cwd=jp, env=ENV, capture_output=True, timeout=300)
        with open(path, "rb") as f:
            data = f.read()
        left = listing()
        os.remove(path)  # ours: made above
        return p.returncode, data, left

    lin = replace_existing([linux])
    win = replace_existing([a.wine, exe])
    if lin == win and lin[1].startswith(b"<!DOCTYPE html>"):
        r.same += 1
    else:
        r.differ.append("-o over an existing file: "
                        f"exit {lin[0]}/{win[0]}, files {lin[2]}/{win[2]}")
    before = listing()
    res = r.compare("-o into a missing folder",
                    ["report", "申請書_山田.json", "-o",
                     os.path.join("無い", "x.html"), "--lang", "ja"], cwd=jp)
    if res[1][0] != 4 or listing() != before:
        r.differ.append("-o into a missing folder: exit "
                        f"{res[1][0]}, files {listing()}")
    res = r.run(["report", "申請書_山田.json", "-o", "NUL"], cwd=jp)
    # (Linux would make a file named NUL: only Windows' answer is checked,
    # and the one Linux made is removed)
    if os.path.exists(os.path.join(jp, "NUL")):
        os.remove(os.path.join(jp, "NUL"))
    if res[1][0] not in (0, 1) or res[1][1] or listing() != before:
        r.differ.append(f"-o NUL: exit {res[1][0]}, files {listing()}")
    else:
        r.checks += 1

    # ---- cpd serve: not in the Windows build, and it says so
    p = subprocess.run([a.wine, exe, "serve", "--lang", "ja"], env=ENV,
                       capture_output=True, timeout=300)
    if p.returncode == 3 and "Windows 版にはありません".encode() in p.stderr:
        r.checks += 1
    else:
        r.differ.append(f"serve on Windows: exit {p.returncode}, "
                        f"{p.stderr[:200]!r}")

    # ---- cpd notices --sendmail: no sendmail on Windows, and it says so,
    # in both languages, before it writes anything
    apps = os.path.join(work, "notices.ndjson")
    with open(apps, "wb") as f:
        f.write(b'{"applied_on":"2027-02-01","certification":{"number":'
                b'"OMP-1","expires_on":"2027-03-31"}}\n')
    for lang, words in (("en", b"--sendmail is not available on Windows"),
                        ("ja", "Windows 版では --sendmail は使えません"
                         .encode())):
        out = os.path.join(work, "notices-" + lang)
        p = subprocess.run([a.wine, exe, "notices", apps, "--from",
                            "office@example.jp", "--sendmail", "--lang", lang,
                            "-o", out], env=ENV, capture_output=True,
                           timeout=300)
        if (p.returncode == 3 and words in p.stderr and b".eml" in p.stderr
                and not os.path.exists(out)):
            r.checks += 1
        else:
            r.differ.append(f"notices --sendmail on Windows ({lang}): exit "
                            f"{p.returncode}, {p.stderr[:300]!r}")

    # ---- the default language: the Windows display language
    windows_only = 4
    if a.ja_locpath:
        windows_only += 3
        bindir = os.path.dirname(exe)
        unset = "set LANG=& set LC_MESSAGES=& set LC_ALL=& "
        for ui, extra, lang in (("ja_JP.UTF-8", "", "ja"),
                                ("C.UTF-8", "", "en"),
                                ("ja_JP.UTF-8", "set LANG=C& ", "en")):
            want = subprocess.run([linux, "--help", "--lang", lang], env=ENV,
                                  capture_output=True, timeout=300).stdout
            env = dict(ENV, LOCPATH=os.path.abspath(a.ja_locpath),
                       LC_MESSAGES=ui)
            # cmd finds cpd.exe in its working folder (no path to quote)
            p = subprocess.run([a.wine, "cmd", "/c",
                                unset + extra + "cpd.exe --help"],
                               cwd=bindir, env=env, capture_output=True,
                               timeout=300)
            label = (f"display language {ui.split('.')[0]}"
                     f"{', ' + extra.strip('& ') if extra else ''}")
            if p.returncode == 0 and want and p.stdout == want:
                r.checks += 1
            else:
                r.differ.append(f"{label}: exit {p.returncode}, --help "
                                f"{'is' if p.stdout == want else 'is not'} "
                                f"--lang {lang}'s")
    else:
        print("compare: the default language (Windows display language) "
              "not checked: no --ja-locpath")

    for d in r.differ:
        print("DIFFERENT:", d)
    total = r.same + len(r.differ)
    print(f"compare: {len(all_cases)} applications; {r.same} of "
          f"{total - (windows_only - r.checks)} comparisons with Linux the "
          f"same byte for byte ({r.consumer} of them the C consumer's), "
          f"{r.checks} of {windows_only} Windows-only checks passed; "
          f"{len(r.differ)} failed")
    return 0 if not r.differ else 1


if __name__ == "__main__":
    sys.exit(main())
