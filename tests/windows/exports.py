#!/usr/bin/env python3
"""exports.py OBJDUMP ZIPDIR CPD_H - what the zip's DLL exports and needs.

- bin/libcpd-0.dll exports exactly the CPD_API functions of cpd.h (by
  name; nothing of cJSON, utf8proc or the cpd__ helpers), under the name
  libcpd-0.dll;
- lib/libcpd-0.def lists the same functions (the MSVC import library is
  made from it);
- every DLL that bin/*.dll and bin/*.exe import is in bin/ or is a part of
  Windows itself (no libgcc_s, libwinpthread or other MinGW runtime DLL
  the user would not have).
OBJDUMP is x86_64-w64-mingw32-objdump.  The header is read as
tests/test_symbols.py reads it for libcpd.so.
"""
import importlib.util
import os
import re
import subprocess
import sys
import unittest

OBJDUMP = ZIPDIR = HEADER = None
# Windows' own DLLs a program may import.
SYSTEM_DLLS = {"kernel32.dll", "msvcrt.dll", "user32.dll", "advapi32.dll",
               "ws2_32.dll", "shell32.dll", "ole32.dll", "bcrypt.dll"}


def header_functions(text):
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(
        "test_symbols", os.path.join(here, "..", "test_symbols.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.header_functions(text)


def objdump(path):
    return subprocess.run([OBJDUMP, "-p", path], check=True,
                          capture_output=True, text=True).stdout


def exports(text):
    """(DLL name, [exported names]) from objdump -p."""
    m = re.search(r"^Name\s+[0-9a-fA-F]+\s+(\S+)", text, re.M)
    part = text.split("[Ordinal/Name Pointer] Table", 1)
    names = []
    if len(part) == 2:
        for line in part[1].splitlines()[1:]:
            e = re.match(r"\s*\[\s*\d+\]\s+(\S+)", line)
            if not e:
                break
            names.append(e.group(1))
    return (m.group(1) if m else None), names


def imports(text):
    return [n.lower() for n in re.findall(r"DLL Name:\s*(\S+)", text)]


class Exports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(HEADER, encoding="utf-8") as f:
            cls.declared = header_functions(f.read())
        cls.dll = os.path.join(ZIPDIR, "bin", "libcpd-0.dll")
        cls.name, cls.exported = exports(objdump(cls.dll))

    def test_header_parse_found_the_api(self):
        self.assertGreater(len(self.declared), 40)
        self.assertIn("cpd_check_json", self.declared)

    def test_dll_exports_exactly_the_api(self):
        extra = sorted(set(self.exported) - set(self.declared))
        missing = sorted(set(self.declared) - set(self.exported))
        self.assertEqual(extra, [], "exported but not CPD_API in cpd.h")
        self.assertEqual(missing, [], "CPD_API in cpd.h but not exported")
        self.assertEqual(len(self.exported), len(set(self.exported)))

    def test_dll_name(self):
        self.assertEqual(self.name, "libcpd-0.dll")

    def test_def_file_lists_the_same(self):
        with open(os.path.join(ZIPDIR, "lib", "libcpd-0.def"),
                  encoding="ascii") as f:
            text = f.read()
        self.assertRegex(text, r"(?m)^LIBRARY\s+\"?libcpd-0\.dll\"?")
        body = text.split("EXPORTS", 1)[1]
        listed = re.findall(r"(?m)^\s*([A-Za-z_][A-Za-z0-9_]*)", body)
        self.assertEqual(sorted(listed), sorted(self.declared))

    def test_everything_imported_is_in_the_zip_or_windows(self):
        bindir = os.path.join(ZIPDIR, "bin")
        ours = {n.lower() for n in os.listdir(bindir)}
        bad = []
        for name in sorted(os.listdir(bindir)):
            if not name.lower().endswith((".dll", ".exe")):
                continue
            for dep in imports(objdump(os.path.join(bindir, name))):
                if dep not in ours and dep not in SYSTEM_DLLS:
                    bad.append(f"{name} needs {dep}")
        self.assertEqual(bad, [])


def main():
    global OBJDUMP, ZIPDIR, HEADER
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    OBJDUMP, ZIPDIR, HEADER = sys.argv[1:4]
    prog = unittest.main(argv=[sys.argv[0], "-v"], exit=False)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
