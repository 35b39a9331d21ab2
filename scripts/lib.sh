# shellcheck shell=bash
# shellcheck disable=SC2034 # the lists are used by the scripts that source this
# lib.sh - what scripts/demo and scripts/test share.  Source it; it defines
# functions and package lists only.

# Debian packages each script needs (the tests are built in the same build/
# tree as the demo, so the demo needs cmocka to configure as well).
CPD_DEMO_PACKAGES=(build-essential cmake pkg-config libcjson-dev
                   libutf8proc-dev libcmocka-dev libcsv-dev)
# The HTML report rendered in headless Chromium (tests/test_report_html.py
# --chromium): the browser, Japanese fonts so the form is not tofu, and
# pdfinfo to count the printed A4 pages.
CPD_REPORT_PACKAGES=(chromium fonts-noto-cjk poppler-utils)
# The Python and Java bindings (bindings/): SWIG, Python's headers, a JDK.
CPD_BINDING_PACKAGES=(swig python3-dev default-jdk-headless)
# Coverage (scripts/coverage); fuzzing needs clang, used when present.
CPD_RELIABILITY_PACKAGES=(gcovr locales)
CPD_TEST_PACKAGES=("${CPD_DEMO_PACKAGES[@]}" valgrind python3
                   "${CPD_REPORT_PACKAGES[@]}"
                   "${CPD_BINDING_PACKAGES[@]}" "${CPD_RELIABILITY_PACKAGES[@]}")

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
