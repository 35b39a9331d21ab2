#!/usr/bin/env bash
# wheel_venv.sh [PYTHON] - the Python binding as pip users get it: build
# the wheel offline (pip wheel --no-index: the in-tree build backend needs
# nothing from an index), check its tag is the interpreter's
# (cp311-cp311-linux_x86_64 for CPython 3.11), install it into a fresh
# `python -m venv` with pip install --no-index, and import it from there,
# outside the source tree.  Everything happens in a mktemp directory that
# is removed at the end.  Exit 0 when all of it worked.
set -euo pipefail
cd "$(dirname "$0")/../../.."
py=${1:-python3}
root=$PWD
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpd-wheel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$py" -m venv "$tmp/venv" >"$tmp/venv.log" 2>&1 ||
  { cat "$tmp/venv.log" >&2
    echo "wheel_venv: $py -m venv failed (Debian: apt-get install python3-venv)" >&2
    exit 1; }
vpy=$tmp/venv/bin/python
echo "wheel_venv: building the wheel (pip wheel --no-index)"
"$vpy" -m pip wheel -q --no-index --no-deps --disable-pip-version-check \
  -w "$tmp/wheels" ./bindings/python >"$tmp/wheel.log" 2>&1 ||
  { tail -n 40 "$tmp/wheel.log" >&2; echo "wheel_venv: pip wheel failed" >&2; exit 1; }
wheel=$(ls "$tmp/wheels"/*.whl)
want=$("$vpy" -c 'import sys, sysconfig
v = sysconfig.get_config_var("py_version_nodot")
plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
print(f"cp{v}-cp{v}-{plat}")')
case "$(basename "$wheel")" in
  *"-$want.whl") echo "wheel_venv: $(basename "$wheel") (tag $want)" ;;
  *) echo "wheel_venv: $(basename "$wheel") does not have the tag $want" >&2; exit 1 ;;
esac
"$vpy" -m pip install -q --no-index --disable-pip-version-check "$wheel" \
  >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; echo "wheel_venv: pip install of the wheel failed" >&2; exit 1; }
(cd "$tmp" && "$vpy" - "$root/examples/eligible.json" "$tmp/venv" <<'PY'
import pathlib, sys
import cpd
where = pathlib.Path(cpd.__file__).resolve()
assert str(where).startswith(str(pathlib.Path(sys.argv[2]).resolve())), where
r = cpd.check(pathlib.Path(sys.argv[1]))
assert r.decision == cpd.Decision.ELIGIBLE and str(r.points.counted) == "31.5", r
print(f"wheel_venv: import cpd from {where.parent}: {r.decision}, "
      f"{r.points.counted} points")
PY
)
echo "wheel_venv: 1 passed, 0 failed"
