"""cpd_build - a PEP 517 build backend for the Python binding that needs
nothing from a package index (only the standard library, CMake and the
same tools as a normal build), so `pip install ./bindings/python` works
offline.

build_wheel configures the repository (two directories up) in a fresh
temporary build directory with only the Python binding, builds the target
cpd_python for the interpreter running pip, and zips the package directory
it makes (build/bindings/python/cpd) into a wheel.  No sdist: the binding
is built from a checkout of the whole repository.
"""

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
NAME = "libcpd"

_SUMMARY = "CPD renewal rules engine (libcpd) for Python: the package cpd"


def _version():
    with open(os.path.join(ROOT, "include", "cpd.h"), encoding="utf-8") as f:
        m = re.search(r'#define CPD_VERSION_STRING "([^"]+)"', f.read())
    return m.group(1)


def _tag():
    """The wheel tag of the interpreter running the build, as
    packaging.tags makes its most specific one (PEP 425, PEP 3149):
    interpreter ``cp`` + major and minor (``cp311``), the same for the ABI
    with ``d`` for a debug build and ``t`` for a free-threaded one, and the
    platform from sysconfig (``linux-x86_64`` -> ``linux_x86_64``).  The
    module is built for CPython's C API, so only CPython is accepted."""
    if sys.implementation.name != "cpython":
        raise RuntimeError("the cpd binding is built for CPython only, not "
                           f"{sys.implementation.name}")
    nodot = (sysconfig.get_config_var("py_version_nodot")
             or f"{sys.version_info[0]}{sys.version_info[1]}")
    interpreter = f"cp{nodot}"
    abi = interpreter
    if sysconfig.get_config_var("Py_GIL_DISABLED"):
        abi += "t"
    if sysconfig.get_config_var("Py_DEBUG"):
        abi += "d"
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{interpreter}-{abi}-{plat}"


def _metadata(version):
    return (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {version}\n"
            f"Summary: {_SUMMARY}\nRequires-Python: >=3.11\n")


def get_requires_for_build_wheel(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory,
                                     config_settings=None):
    version = _version()
    info = f"{NAME}-{version}.dist-info"
    os.makedirs(os.path.join(metadata_directory, info), exist_ok=True)
    with open(os.path.join(metadata_directory, info, "METADATA"), "w") as f:
        f.write(_metadata(version))
    return info


def _build(build_dir):
    cfg = [
        "cmake", "-S", ROOT, "-B", build_dir,
        "-DCMAKE_BUILD_TYPE=Release",
        "-DCPD_BUILD_PYTHON=ON", "-DCPD_BUILD_JAVA=OFF",
        "-DCPD_BUILD_CSHARP=OFF", "-DCPD_BUILD_BENCH=OFF",
        "-DCPD_BUILD_TESTS=OFF", "-DCPD_BUILD_CLI=OFF",
        f"-DPython3_EXECUTABLE={sys.executable}",
    ]
    out = sys.stderr
    subprocess.run(cfg, check=True, stdout=out)
    subprocess.run(["cmake", "--build", build_dir, "--target", "cpd_python",
                    "-j", os.environ.get("CPD_JOBS") or str(os.cpu_count() or 2)],
                   check=True, stdout=out)
    pkg = os.path.join(build_dir, "bindings", "python", "cpd")
    if not os.path.exists(os.path.join(pkg, "__init__.py")):
        raise RuntimeError("CMake did not build the Python binding "
                           "(are swig and python3-dev installed?)")
    return pkg


def build_wheel(wheel_directory, config_settings=None,
                metadata_directory=None):
    version = _version()
    tag = _tag()
    wheel_name = f"{NAME}-{version}-{tag}.whl"
    info = f"{NAME}-{version}.dist-info"
    tmp = tempfile.mkdtemp(prefix="cpd-wheel-")
    try:
        pkg = _build(os.path.join(tmp, "build"))
        files = []
        for f in sorted(os.listdir(pkg)):
            path = os.path.join(pkg, f)
            if os.path.isfile(path) and (
                    f.endswith((".py", ".typed")) or f.startswith("_capi")):
                with open(path, "rb") as fh:
                    files.append((f"cpd/{f}", fh.read()))
        files.append((f"{info}/METADATA", _metadata(version).encode()))
        files.append((f"{info}/WHEEL", (
            "Wheel-Version: 1.0\nGenerator: cpd_build\n"
            f"Root-Is-Purelib: false\nTag: {tag}\n").encode()))
        record = []
        for arc, data in files:
            digest = base64.urlsafe_b64encode(
                hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{arc},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        files.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode()))
        os.makedirs(wheel_directory, exist_ok=True)
        with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w",
                             zipfile.ZIP_DEFLATED) as z:
            for arc, data in files:
                z.writestr(arc, data)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return wheel_name
