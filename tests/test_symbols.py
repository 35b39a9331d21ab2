#!/usr/bin/env python3
"""test_symbols.py LIBCPD_SO CPD_H LIBCPD_MAP SOVERSION - what libcpd.so exports.

The dynamic symbol table of the shared library (nm -D --defined-only) must
be exactly the CPD_API functions declared in include/cpd.h, each at a
version node of libcpd.map, and the SONAME must be libcpd.so.SOVERSION
(the SOVERSION CMake gave the library: 0 for libcpd0).
Nothing internal (cpd__* helpers, cJSON, utf8proc, gcov, ...) may leak.
Exit 77 (skipped) when nm or readelf is missing.
"""

import os
import re
import shutil
import subprocess
import sys
import unittest

LIB, HEADER, MAP, SOVERSION = (None, None, None, None)


def header_functions(text):
    """The names of the functions declared with CPD_API in cpd.h."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    # the lines of the export macro's own definition are not declarations
    text = re.sub(r"#\s*define\s+CPD_API[^\n]*", " ", text)
    names = re.findall(r"\bCPD_API\b[^;{()]*?\b(cpd_[A-Za-z0-9_]+)\s*\(", text)
    return names


def version_nodes(text):
    """The version node names libcpd.map defines (e.g. CPD_0.2)."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"#[^\n]*", " ", text)
    return re.findall(r"\b(CPD_[0-9][0-9.]*)\s*\{", text)


def dynamic_symbols(lib):
    """(name, version, type) of each defined dynamic symbol of lib."""
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        kind, full = parts[-2], parts[-1]
        name, _, version = full.partition("@")
        syms.append((name, version.lstrip("@"), kind))
    return syms


class Symbols(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(HEADER, encoding="utf-8") as f:
            cls.declared = header_functions(f.read())
        with open(MAP, encoding="utf-8") as f:
            cls.nodes = version_nodes(f.read())
        cls.syms = dynamic_symbols(LIB)
        # The version nodes themselves appear as absolute symbols.
        cls.exported = {n: v for n, v, k in cls.syms
                        if not (k == "A" and n in cls.nodes)}

    def test_header_parse_found_the_api(self):
        # guards the regular expression: the API has dozens of functions
        self.assertGreater(len(self.declared), 40)
        self.assertIn("cpd_version_string", self.declared)
        self.assertIn("cpd_policy_free", self.declared)

    def test_map_defines_a_node(self):
        self.assertIn("CPD_0.2", self.nodes)

    def test_every_exported_symbol_is_declared_in_cpd_h(self):
        extra = sorted(set(self.exported) - set(self.declared))
        self.assertEqual(extra, [], "exported but not declared CPD_API in "
                         "cpd.h (internal symbols leak)")

    def test_every_declared_function_is_exported(self):
        missing = sorted(set(self.declared) - set(self.exported))
        self.assertEqual(missing, [], "declared CPD_API in cpd.h but not "
                         "exported by libcpd.so")

    def test_no_internal_helper_is_exported(self):
        leaked = sorted(n for n in self.exported if n.startswith("cpd__"))
        self.assertEqual(leaked, [])

    def test_every_symbol_has_a_version_of_the_map(self):
        wrong = sorted(f"{n}@{v or '(none)'}" for n, v in self.exported.items()
                       if v not in self.nodes)
        self.assertEqual(wrong, [], f"symbols outside the nodes {self.nodes}")

    def test_soname_is_libcpd_so_soversion(self):
        out = subprocess.run(["readelf", "-d", LIB], check=True,
                             capture_output=True, text=True).stdout
        m = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", out)
        self.assertIsNotNone(m, "libcpd.so has no SONAME")
        self.assertRegex(SOVERSION, r"^\d+$")
        self.assertEqual(m.group(1), f"libcpd.so.{SOVERSION}")


def main():
    global LIB, HEADER, MAP, SOVERSION
    if len(sys.argv) != 5:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    LIB, HEADER, MAP, SOVERSION = sys.argv[1:5]
    for tool in ("nm", "readelf"):
        if shutil.which(tool) is None:
            print(f"test_symbols: skipped, no {tool} (binutils)")
            return 77
    if not os.path.isfile(LIB):
        print(f"test_symbols: no {LIB}", file=sys.stderr)
        return 1
    prog = unittest.main(argv=[sys.argv[0], "-v"], exit=False)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
