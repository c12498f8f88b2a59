#!/usr/bin/env bash
# Builds and runs the load benchmark: VerifiedModel.load against one plain SHA-256 pass over the
# same file, in the same JVM. Args: [sizeMiB=1024] [rounds=5] [dir=tmp]. JVM flags: $BENCH_JVM.
# $BENCH_MAIN runs another benchmark of the module (run-directory.sh sets it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn -q -B -f "$here/pom.xml" -Dmaven.test.skip=true -pl benchmarks -am install >&2
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
mvn -q -B -f "$here/benchmarks/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cpfile" >&2
cp="$here/benchmarks/target/classes:$(cat "$cpfile")"
# A service keeps a sized, pre-touched heap; first-touch page faults otherwise dominate on some VMs.
java ${BENCH_JVM:--Xms6g -Xmx6g -XX:+AlwaysPreTouch} -Dmodelseal.bench.python="$here/benchmarks/model_signing_hash.py" \
  -cp "$cp" "${BENCH_MAIN:-dev.modelseal.bench.LoadBenchmark}" "$@"
