# shellcheck shell=bash
# shellcheck disable=SC2034 # the lists are used by the scripts that source this
# lib.sh - what scripts/demo and scripts/test share.  Source it; it defines
# functions and package lists only.

# Debian packages each script needs (the tests are built in the same build/
# tree as the demo, so the demo needs cmocka to configure as well).
# libmicrohttpd-dev: `cpd serve` (without it cpd is built without serve).
CPD_DEMO_PACKAGES=(build-essential cmake pkg-config libcjson-dev
                   libutf8proc-dev libcmocka-dev libcsv-dev libmicrohttpd-dev)
# The HTML report rendered in headless Chromium (tests/test_report_html.py
# --chromium): the browser, Japanese fonts so the form is not tofu, and
# pdfinfo to count the printed A4 pages.
CPD_REPORT_PACKAGES=(chromium fonts-noto-cjk poppler-utils)
# The bindings (bindings/): SWIG; Python's headers and venv (the wheel is
# installed into a fresh venv); a JDK; Mono's C# compiler and runtime.
CPD_BINDING_PACKAGES=(swig python3-dev python3-venv default-jdk-headless
                      mono-mcs mono-runtime)
# Maven, offline, with the plugins Debian packages (bindings/java/pom.xml,
# ctest java_maven).
CPD_MAVEN_PACKAGES=(maven libmaven-compiler-plugin-java libmaven-jar-plugin-java
                    libmaven-resources-plugin-java junit5)
# Coverage (scripts/coverage), and the decimal-comma locale the tests make
# with localedef (the definitions are in `locales`).
CPD_RELIABILITY_PACKAGES=(gcovr locales)
# Fuzzing (scripts/fuzz): clang and its libFuzzer runtime
# (libclang_rt.fuzzer, in libclang-rt-14-dev on Debian 12).
CPD_FUZZ_PACKAGES=(clang libclang-rt-14-dev)
# Release engineering: the ABI check (abidw, abidiff), the Debian
# packages (cpack -G DEB runs dpkg-shlibdeps from dpkg-dev), the format
# check, clang's -Weverything build (clang is in the fuzz list) and the
# cppcheck pass.
CPD_RELEASE_PACKAGES=(abigail-tools binutils dpkg-dev clang-format cppcheck)
# The man pages (man/, tests/test_man.py): groff -ww -z and man --warnings.
CPD_MAN_PACKAGES=(groff-base man-db)
# `cpd serve`'s tests: docs/openapi.yaml read by tests/test_serve.py (the
# browser tests use chromium, above, over the DevTools pipe).
CPD_SERVE_PACKAGES=(python3-yaml python3-jsonschema)
# npm, for what the browser tests take from the npm registry (axe-core,
# pinned by tests/browser/package-lock.json; scripts/browser-deps installs
# it into the build tree).  Only when no npm is on PATH: a machine whose
# nodejs comes from elsewhere already has one, and Debian's npm would
# conflict with it (ensure_npm).
CPD_NPM_PACKAGES=(npm)
# The SQL extensions (sql/) and their tests: the sqlite3 shell and SQLite's
# headers; PostgreSQL 15's server (initdb, postgres, psql) and its PGXS.
CPD_SQL_PACKAGES=(sqlite3 libsqlite3-dev postgresql-15
                  postgresql-server-dev-15)
# The Windows build (scripts/windows): the MinGW-w64 cross compiler (C and
# C++: the header test), Wine to run what it builds, dpkg-dev (dpkg-source
# unpacks what `apt-get source` fetches), SWIG and Mono's C# compiler for
# the C# binding, locales (localedef: ja_JP.UTF-8 for Wine's display
# language).
CPD_WINDOWS_PACKAGES=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64
                      binutils-mingw-w64-x86-64 wine wine64 dpkg-dev cmake
                      make pkg-config python3 debian-archive-keyring swig
                      mono-mcs locales)
CPD_TEST_PACKAGES=("${CPD_DEMO_PACKAGES[@]}" valgrind python3
                   "${CPD_REPORT_PACKAGES[@]}" "${CPD_SERVE_PACKAGES[@]}"
                   "${CPD_BINDING_PACKAGES[@]}" "${CPD_MAVEN_PACKAGES[@]}"
                   "${CPD_RELIABILITY_PACKAGES[@]}"
                   "${CPD_FUZZ_PACKAGES[@]}" "${CPD_RELEASE_PACKAGES[@]}"
                   "${CPD_MAN_PACKAGES[@]}" "${CPD_SQL_PACKAGES[@]}"
                   "${CPD_WINDOWS_PACKAGES[@]}")

# ensure_deps PKG... - installs the missing Debian packages when root,
# otherwise prints the command to run and exits 1.
ensure_deps() {
  local pkg missing=()
  if ! command -v dpkg >/dev/null 2>&1; then
    echo "ensure_deps: no dpkg here; assuming these are installed: $*" >&2
    return 0
  fi
  for pkg in "$@"; do
    # dpkg -s also succeeds for removed packages that left config files.
    dpkg -s "$pkg" 2>/dev/null | grep '^Status: install ok installed' >/dev/null ||
      missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "ensure_deps: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "missing packages; run:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# ensure_npm - npm on PATH, installed from Debian when missing.
ensure_npm() {
  command -v npm >/dev/null 2>&1 || ensure_deps "${CPD_NPM_PACKAGES[@]}"
}

# coverage_gate LINES BRANCHES GCOVR_ARGS... - gcovr's --fail-under-line /
# --fail-under-branch gate.  gcovr replaces its output path (it unlinks
# and recreates it), so the report goes to a mktemp directory made here
# and removed afterwards, never to a path we did not create (/dev/null).
# gcovr exits 2, 4 or 6 when under a floor; anything else is a failure of
# gcovr itself and is said as such.  0: both floors met; 1: under a floor;
# 2: gcovr failed (nothing was measured).
coverage_gate() {
  local lines=$1 branches=$2 tmp rc=0
  shift 2
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpd-coverage.XXXXXX") || return 2
  gcovr "$@" --fail-under-line "$lines" --fail-under-branch "$branches" \
    --txt "$tmp/gate.txt" >"$tmp/gate.log" 2>&1 || rc=$?
  case $rc in
    0) echo "coverage: at least ${lines}% lines and ${branches}% branches" ;;
    2 | 4 | 6)
      cat "$tmp/gate.log" >&2
      echo "coverage: under ${lines}% lines or ${branches}% branches (gcovr exit $rc)" >&2
      rc=1 ;;
    *)
      cat "$tmp/gate.log" >&2
      echo "coverage: gcovr failed (exit $rc); coverage was not measured" >&2
      rc=2 ;;
  esac
  rm -rf "$tmp"
  return "$rc"
}

# coverage_report DIR LINES BRANCHES GCOVR_ARGS... - gcovr's report into
# DIR (coverage.txt, coverage/index.html, coverage-summary.txt), then
# coverage_gate.  0, 1 (under a floor) or 2 (gcovr failed: nothing was
# measured; its log is DIR/gcovr.log).
coverage_report() {
  local dir=$1 lines=$2 branches=$3 rc=0
  shift 3
  mkdir -p "$dir/coverage"
  gcovr "$@" --txt "$dir/coverage.txt" \
    --html-details "$dir/coverage/index.html" --print-summary \
    >"$dir/coverage-summary.txt" 2>"$dir/gcovr.log" || rc=$?
  cat "$dir/coverage-summary.txt"
  if [ "$rc" -ne 0 ]; then
    tail -n 20 "$dir/gcovr.log" >&2
    echo "coverage: gcovr failed (exit $rc, log $dir/gcovr.log); coverage was not measured" >&2
    return 2
  fi
  cat "$dir/coverage.txt"
  coverage_gate "$lines" "$branches" "$@"
}

# char_devices_intact PATH... - 0 when every PATH is still a character
# device (scripts/test ends with /dev/null and /dev/full); otherwise says
# which one is not, and returns 1.
char_devices_intact() {
  local p bad=0
  for p in "$@"; do
    if [ ! -c "$p" ]; then
      echo "host: $p is not a character device any more ($(stat -c %F "$p" 2>&1))" >&2
      bad=1
    fi
  done
  return "$bad"
}

# ------------------------------------------------- scripts/test's steps
# steps_begin; step NAME FUNCTION...; steps_end - each step's outcome is
# passed (exit 0), skipped (exit 77: it could not run) or failed (anything
# else); a skipped step is never counted as passed.  run_ctest collects
# the tests ctest skipped (and those skipped inside a test program) for
# the summary.  steps_end checks the devices in $CPD_TEST_DEVICES
# (default /dev/null /dev/full) and prints the summary line:
#   test: N passed, M failed, K skipped (steps: ...); J skipped tests: ...
# It returns 1 when a step failed.  The caller removes $steps_scratch.
# steps_end also writes the run's record to $CPD_TEST_SUMMARY (default
# build/test-summary.txt, written to a temporary file and renamed): when
# and on what it ran, each step's outcome and time, what the steps noted
# (step_note: the coverage figures), the total time and the summary line.
# The README's figures are that file's, not numbers copied by hand.
steps_begin() {
  steps_started=$SECONDS
  steps_started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
  steps_passed=0
  steps_failed=0
  steps_skipped=0
  steps_failed_names=()
  steps_skipped_names=()
  steps_not_run=()
  steps_scratch=$(mktemp -d "${TMPDIR:-/tmp}/cpd-test.XXXXXX")
  : >"$steps_scratch/skipped-tests"
  : >"$steps_scratch/steps"
  : >"$steps_scratch/notes"
  read -r -a steps_devices <<<"${CPD_TEST_DEVICES:-/dev/null /dev/full}"
  # Were the devices intact before we started?  (So that a host broken by
  # something else is not blamed on this run.)
  steps_devices_before=ok
  char_devices_intact "${steps_devices[@]}" \
    2>"$steps_scratch/devices-before" || steps_devices_before=broken
}

# step NAME FUNCTION: runs FUNCTION in a subshell that stops at its first
# failing command, counts the outcome and goes on to the next step.
# (Not "( ... ) || rc=$?": bash ignores set -e inside such a subshell.)
# CPD_TEST_STEPS="abi packages" runs only the steps named (the summary
# lists the others as not run); each step's time is printed after it.
step() {
  local name=$1 rc start=$SECONDS
  if [ -n "${CPD_TEST_STEPS:-}" ] && [[ " $CPD_TEST_STEPS " != *" $name "* ]]; then
    steps_not_run+=("$name")
    return 0
  fi
  echo
  echo "=== test: $name"
  set +e
  (
    set -euo pipefail
    "$2"
  )
  rc=$?
  set -e
  local outcome
  if [ "$rc" -eq 0 ]; then
    steps_passed=$((steps_passed + 1))
    outcome=passed
    echo "=== test: $name ok"
  elif [ "$rc" -eq 77 ]; then
    steps_skipped=$((steps_skipped + 1))
    steps_skipped_names+=("$name")
    outcome=skipped
    echo "=== test: $name SKIPPED (it could not run; see above)"
  else
    steps_failed=$((steps_failed + 1))
    steps_failed_names+=("$name")
    outcome="FAILED (exit $rc)"
    echo "=== test: $name FAILED (exit $rc)"
  fi
  echo "=== test: $name took $((SECONDS - start)) s"
  printf '  %-16s %s, %d s\n' "$name" "$outcome" "$((SECONDS - start))" \
    >>"$steps_scratch/steps"
}

# step_note TEXT...: a line for the run's record (steps_end), e.g. the
# coverage figures.
step_note() {
  printf '  %s\n' "$*" >>"$steps_scratch/notes"
}

# steps_record FILE SUMMARY: the run's record (see steps_begin), written
# to a temporary file beside FILE and renamed over it.
steps_record() {
  local file=$1 summary=$2 dir tmp total
  dir=$(dirname "$file")
  mkdir -p "$dir"
  tmp=$(mktemp "$dir/.test-summary.XXXXXX")
  total=$((SECONDS - steps_started))
  {
    echo "scripts/test, started $steps_started_at on $(nproc) cores," \
      "commit $(git describe --always --dirty 2>/dev/null || echo unknown)"
    if [ "${#steps_not_run[@]}" -gt 0 ]; then
      echo "a partial run (CPD_TEST_STEPS=\"${CPD_TEST_STEPS:-}\")"
    else
      echo "every step"
    fi
    echo "steps:"
    cat "$steps_scratch/steps"
    if [ -s "$steps_scratch/notes" ]; then
      echo "noted:"
      cat "$steps_scratch/notes"
    fi
    printf 'total: %dm%02ds\n' "$((total / 60))" "$((total % 60))"
    echo "$summary"
  } >"$tmp"
  mv -f "$tmp" "$file"
  echo "(this run's record: $file)"
}

# run_ctest LABEL DIR [ctest args...]: ctest with its JUnit report in the
# scratch directory; what it skipped goes to the summary's list.
run_ctest() {
  local label=$1 dir=$2 junit rc=0
  shift 2
  junit=$(mktemp "$steps_scratch/junit.XXXXXX")
  ctest --test-dir "$dir" --output-junit "$junit" \
    --test-output-size-passed 1048576 "$@" || rc=$?
  python3 scripts/skipped-tests --label "$label" "$junit" \
    >>"$steps_scratch/skipped-tests" || rc=1
  return "$rc"
}

# fuzz_step SECONDS: scripts/fuzz; 77 (skipped) when it says clang or
# libFuzzer is missing (its exit 2), else its own status.
fuzz_step() {
  local rc=0
  scripts/fuzz "$1" || rc=$?
  if [ "$rc" -eq 2 ]; then
    echo "fuzz: clang or libFuzzer is missing: the fuzz targets did not run" >&2
    return 77
  fi
  return "$rc"
}

steps_end() {
  local tests summary
  echo
  echo "=== test: devices"
  if char_devices_intact "${steps_devices[@]}"; then
    steps_passed=$((steps_passed + 1))
    echo "=== test: devices ok (${steps_devices[*]}: character devices)"
    printf '  %-16s passed\n' devices >>"$steps_scratch/steps"
  else
    printf '  %-16s FAILED\n' devices >>"$steps_scratch/steps"
    steps_failed=$((steps_failed + 1))
    steps_failed_names+=("devices")
    if [ "$steps_devices_before" = broken ]; then
      echo "=== test: devices FAILED (already so before this run started)"
    else
      echo "=== test: devices FAILED (a step of this run did it)"
    fi
  fi
  echo
  [ "$steps_failed" -eq 0 ] ||
    echo "failed steps: ${steps_failed_names[*]}"
  mapfile -t tests <"$steps_scratch/skipped-tests"
  summary="test: $steps_passed passed, $steps_failed failed, $steps_skipped skipped"
  [ "$steps_skipped" -eq 0 ] ||
    summary+=" (steps: ${steps_skipped_names[*]})"
  if [ "${#tests[@]}" -gt 0 ]; then
    summary+="; ${#tests[@]} skipped tests: $(printf '%s; ' "${tests[@]}")"
    summary=${summary%; }
  else
    summary+="; no skipped tests"
  fi
  [ "${#steps_not_run[@]}" -eq 0 ] ||
    summary+="; not run (CPD_TEST_STEPS): ${steps_not_run[*]}"
  echo "$summary"
  steps_record "${CPD_TEST_SUMMARY:-build/test-summary.txt}" "$summary"
  [ "$steps_failed" -eq 0 ]
}
