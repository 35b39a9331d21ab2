#!/usr/bin/env bash
# maven.sh BUILD_DIR - the Java binding built by Maven from
# bindings/java/pom.xml, offline, with the plugins Debian packages
# (/usr/share/maven-repo), into a mktemp directory; then the example
# program run against that jar and the CMake build's libcpdjni.so.
# Exit 77 (skipped) when mvn or Debian's Maven plugins are missing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=$(cd "$1" && pwd)
repo=/usr/share/maven-repo
if ! command -v mvn >/dev/null 2>&1; then
  echo "maven: skipped: no mvn (apt-get install maven)"; exit 77
fi
for p in maven-compiler-plugin/3.10.1 maven-jar-plugin/3.3.0 maven-resources-plugin/3.3.0; do
  if [ ! -d "$repo/org/apache/maven/plugins/$p" ]; then
    echo "maven: skipped: no $p in $repo (apt-get install libmaven-compiler-plugin-java libmaven-jar-plugin-java libmaven-resources-plugin-java junit5)"
    exit 77
  fi
done
version=$(sed -n 's/^#define CPD_VERSION_STRING "\(.*\)"$/\1/p' include/cpd.h)
pom=$(sed -n '0,/<version>/s|^  <version>\(.*\)</version>$|\1|p' bindings/java/pom.xml)
[ "$pom" = "$version" ] ||
  { echo "maven: pom.xml says version $pom, cpd.h $version" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpd-maven.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mvn -o -q -B -f bindings/java/pom.xml -Dmaven.repo.local="$repo" \
  -Dcpd.build="$build" -Dcpd.target="$tmp/target" package >"$tmp/mvn.log" 2>&1 ||
  { tail -n 40 "$tmp/mvn.log" >&2; echo "maven: mvn package failed" >&2; exit 1; }
jar=$tmp/target/cpd-$version.jar
[ -f "$jar" ] || { echo "maven: no $jar" >&2; exit 1; }
out=$(java -Djp.cpd.library="$build/bindings/java/libcpdjni.so" -cp "$jar" \
  bindings/java/examples/Check.java examples/eligible.json)
echo "$out"
case "$out" in
  "eligible: 31.5 of 30 points (B-2: 5)"*) echo "maven: 1 passed, 0 failed" ;;
  *) echo "maven: the jar Maven built does not check examples/eligible.json" >&2; exit 1 ;;
esac
