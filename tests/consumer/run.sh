#!/usr/bin/env bash
# run.sh BUILD_DIR - installs BUILD_DIR into a temporary prefix and builds
# tests/consumer/main.c against it four ways: pkg-config (shared and
# static) and find_package(libcpd) (cpd::cpd and cpd::cpd_static).
# Each program must run and print the library's version.
# run.sh --installed - the same four builds against the libcpd installed on
# this machine in /usr (the Debian packages: scripts/package --install-test).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-cc}
installed=0
if [ "${1:-}" = --installed ]; then
  installed=1
else
  build=$(cd "${1:?usage: run.sh BUILD_DIR | run.sh --installed}" && pwd)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpd-consumer.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

step() { printf 'consumer: %s\n' "$*"; }

if [ "$installed" -eq 1 ]; then
  # The system's own: pkg-config's default path, /usr.
  unset PKG_CONFIG_PATH
  prefix=/usr
  libdir=$(pkg-config --variable=libdir libcpd) ||
    { echo "consumer: no libcpd.pc for pkg-config" >&2; exit 1; }
  step "installed libcpd in $libdir"
  [ -e "$libdir/libcpd.a" ] || { echo "consumer: no $libdir/libcpd.a" >&2; exit 1; }
else
  step "install $build -> $prefix"
  cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" ||
    { cat "$tmp/install.log"; exit 1; }

  # GNUInstallDirs may have chosen lib, lib64 or lib/<multiarch>: ask the tree.
  pc=$(find "$prefix" -name libcpd.pc -path '*/pkgconfig/*' | head -n 1)
  [ -n "$pc" ] || { echo "consumer: libcpd.pc was not installed" >&2; exit 1; }
  pcdir=$(dirname "$pc")
  libdir=$(dirname "$pcdir")
  export PKG_CONFIG_PATH=$pcdir
  [ -e "$libdir/libcpd.a" ] || { echo "consumer: no $libdir/libcpd.a" >&2; exit 1; }

  # The .pc file is relocatable: what it names must be inside $prefix.
  case "$(pkg-config --variable=libdir libcpd)" in
    "$prefix"/*) ;;
    *) echo "consumer: libcpd.pc libdir is not under $prefix" >&2; exit 1 ;;
  esac
fi

# Cflags holds only what cpd.h needs: the private dependencies' flags
# (-I/usr/include/cjson -DUTF8PROC_EXPORTS) stay out of a consumer's build.
# (pkg-config leaves out the system's /usr/include: nothing at all then.)
read -r -a cflags <<<"$(pkg-config --cflags libcpd)"
want_cflags="-I$(pkg-config --variable=includedir libcpd)"
[ "$want_cflags" != "-I/usr/include" ] || want_cflags=""
[ "${cflags[*]}" = "$want_cflags" ] ||
  { echo "consumer: pkg-config --cflags libcpd gives '${cflags[*]}'" >&2; exit 1; }
case " $(pkg-config --static --cflags libcpd) " in
  *" -DCPD_STATIC "*) ;;
  *) echo "consumer: --static --cflags lacks -DCPD_STATIC" >&2; exit 1 ;;
esac

expect_version() { # expect_version PROGRAM [ENV...]
  local out
  out=$(env "${@:2}" "$1")
  step "  $(basename "$1"): $out"
  case "$out" in
    "libcpd "[0-9]*) ;;
    *) echo "consumer: unexpected output from $1" >&2; exit 1 ;;
  esac
}

step "pkg-config, shared"
# shellcheck disable=SC2046 # word splitting of pkg-config output is wanted
"$cc" -std=c11 -Wall -Wextra -Werror -o "$tmp/pc_shared" "$here/main.c" \
  $(pkg-config --cflags --libs libcpd)
# (grep without -q: an early exit would kill ldd with SIGPIPE, and
# pipefail would then fail the test at random.)
# Installed packages: the dynamic linker finds libcpd.so.0 by itself
# (ldconfig ran); a temporary prefix needs LD_LIBRARY_PATH.
ldenv=()
[ "$installed" -eq 1 ] || ldenv=(LD_LIBRARY_PATH="$libdir")
# (Compared by real path: with merged /usr, /lib/<multiarch> is the same
# directory as /usr/lib/<multiarch>.)
env "${ldenv[@]}" ldd "$tmp/pc_shared" >"$tmp/ldd"
used=$(awk '$1 == "libcpd.so.0" && $2 == "=>" { print $3 }' "$tmp/ldd")
if [ -z "$used" ] ||
  [ "$(readlink -f "$used")" != "$(readlink -f "$libdir/libcpd.so.0")" ]; then
  cat "$tmp/ldd" >&2
  echo "consumer: pc_shared does not use $libdir/libcpd.so.0" >&2; exit 1
fi
expect_version "$tmp/pc_shared" "${ldenv[@]}"

step "pkg-config --static"
# libcpd.a by path so the linker cannot pick libcpd.so; the rest
# (cJSON, utf8proc) comes from Libs.private.
read -r -a static_libs <<<"$(pkg-config --static --libs libcpd)"
deps=()
for word in "${static_libs[@]}"; do
  [ "$word" = -lcpd ] || deps+=("$word")
done
# shellcheck disable=SC2046
"$cc" -std=c11 -Wall -Wextra -Werror -o "$tmp/pc_static" "$here/main.c" \
  $(pkg-config --static --cflags libcpd) "$libdir/libcpd.a" "${deps[@]}"
if ldd "$tmp/pc_static" | grep libcpd >/dev/null; then
  echo "consumer: pc_static depends on a shared libcpd" >&2; exit 1
fi
expect_version "$tmp/pc_static"

step "find_package(libcpd 0.1)"
# (Installed in /usr, CMake finds it without being told where.)
where=()
[ "$installed" -eq 1 ] || where=(-DCMAKE_PREFIX_PATH="$prefix")
cmake -S "$here" -B "$tmp/cmake-build" "${where[@]}" \
  -DCMAKE_C_COMPILER="$cc" >"$tmp/cmake.log" 2>&1 ||
  { cat "$tmp/cmake.log"; exit 1; }
grep -F "libcpd_DIR:PATH=$libdir/cmake/libcpd" "$tmp/cmake-build/CMakeCache.txt" >"$tmp/found" ||
  { echo "consumer: find_package did not find $libdir/cmake/libcpd" >&2; exit 1; }
cmake --build "$tmp/cmake-build" >"$tmp/cmake-build.log" 2>&1 ||
  { cat "$tmp/cmake-build.log"; exit 1; }
# cpd::cpd: CMake's build RPATH points into $prefix, no LD_LIBRARY_PATH.
expect_version "$tmp/cmake-build/consumer"
expect_version "$tmp/cmake-build/consumer_static"

step "ok"
