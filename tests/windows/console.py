#!/usr/bin/env python3
"""console.py TYPESCRIPT LINUX_CPD - Japanese through Wine's console.

TYPESCRIPT is what script(1) recorded of `wine cpd.exe --help --lang ja`
run on a pseudo-terminal: cpd.exe found a console and wrote to it with
WriteConsoleW, and Wine's console drew that on the terminal with escape
sequences (cursor moves in place of spaces, colours, cursor on/off).
Prints the text as the terminal showed it (the escapes undone: a cursor
move forward is spaces) and checks that every line of the Linux cpd's
`--help --lang ja` is there, spaces aside.  Exit 0 when all are.
"""
import re
import subprocess
import sys

CSI = re.compile(r"\x1b\[([0-9;?]*)([@-~])")
OSC = re.compile(r"\x1b\][^\x07\x1b]*(\x07|\x1b\\)")


def screen_text(raw):
    text = raw.decode("utf-8", errors="replace")
    lines = text.split("\n")
    # script(1)'s own first and last lines
    if lines and lines[0].startswith("Script started"):
        lines = lines[1:]
    while lines and (not lines[-1].strip() or
                     lines[-1].startswith("Script done")):
        lines.pop()
    text = "\n".join(lines)
    text = OSC.sub("", text)

    def csi(m):
        if m.group(2) == "C":  # cursor forward: blanks on the screen
            return " " * int(m.group(1) or "1")
        return ""

    text = CSI.sub(csi, text)
    text = re.sub(r"\x1b.", "", text)
    return "\n".join(line.rstrip("\r ") for line in text.replace("\r\n", "\n")
                     .split("\n"))


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        shown = screen_text(f.read())
    want = subprocess.run([sys.argv[2], "--help", "--lang", "ja"],
                          capture_output=True, check=True).stdout.decode()
    print(shown)
    flat = re.sub(r"\s+", "", shown)
    missing = [line for line in want.splitlines()
               if line.strip() and re.sub(r"\s+", "", line) not in flat]
    for line in missing:
        print(f"console: not shown: {line!r}", file=sys.stderr)
    lines = len([x for x in want.splitlines() if x.strip()])
    print(f"console: {lines - len(missing)} of {lines} lines of "
          "`cpd --help --lang ja` shown by Wine's console", file=sys.stderr)
    return 1 if missing or not lines else 0


if __name__ == "__main__":
    sys.exit(main())
