#!/usr/bin/env bash
# Builds and runs the directory benchmark: ModelSeal's OMS directory verify against one plain
# SHA-256 pass and against model_signing-style Python hashing, in one run.
# Args: [sizeMiB=1024] [files=8] [rounds=5] [dir=tmp]. JVM flags: $BENCH_JVM.
# Builds offline in the reactor (no install): the benchmarks module is recompiled so that Maven's
# debug log prints its classpath, which is then used to start the benchmark's own JVM.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
rm -rf "$here/benchmarks/target/classes"
if ! mvn -B -o -X -f "$here/pom.xml" -Dmaven.test.skip=true -pl benchmarks -am compile >"$log" 2>&1; then
  grep -E '^\[(ERROR|WARNING)\]' "$log" >&2 || tail -n 40 "$log" >&2
  exit 1
fi
cp="$(awk -v out="$here/benchmarks/target/classes" '
  /^\[DEBUG\] Classpath:/ { n = 0; take = 1; next }
  take && /^\[DEBUG\]  / { e[n++] = $2; next }
  take { take = 0; if (e[0] == out) { s = e[0]; for (i = 1; i < n; i++) s = s ":" e[i]; print s; exit } }
' "$log")"
if [[ -z "$cp" ]]; then
  echo "could not read the benchmarks classpath from Maven's debug log" >&2
  exit 1
fi
slf4j="$(sed -n 's:.*<slf4j.version>\(.*\)</slf4j.version>.*:\1:p' "$here/pom.xml")"
simple="$HOME/.m2/repository/org/slf4j/slf4j-simple/$slf4j/slf4j-simple-$slf4j.jar"
[[ -f "$simple" ]] && cp="$cp:$simple"
# A service keeps a sized, pre-touched heap; first-touch page faults otherwise dominate on some VMs.
java ${BENCH_JVM:--Xms6g -Xmx6g -XX:+AlwaysPreTouch} -Dmodelseal.bench.python="$here/benchmarks/model_signing_hash.py" \
  -cp "$cp" dev.modelseal.bench.DirectoryBenchmark "$@"
