#!/usr/bin/env bash
# The CLI as a user runs it, in one run on one machine:
#  1. cold start: `modelseal verify` of a small model with its signature, an attestation and an
#     ML-BOM under a policy file, against `java -version` (the JVM's own start), with and without
#     an AppCDS archive of the CLI's classes, and as ./modelseal runs it (AppCDS, serial GC); CPU
#     seconds (user + sys) and wall time, medians;
#  2. constant memory: `modelseal verify` of a 1 GiB and a 4 GiB signed model with -Xmx128m,
#     against `sha256sum` of the same file; wall, CPU and the process's peak RSS.
# Args: [bigGiB=4] [rounds=5] [dir=tmp]. Needs GNU time (/usr/bin/time) and sha256sum.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
big="${1:-4}"
rounds="${2:-5}"
dir="${3:-$(mktemp -d)}"
mvn -q -B -f "$here/pom.xml" -DskipTests -pl cli -am package >&2
BENCH_JVM=-Xmx512m BENCH_MAIN=dev.modelseal.bench.CliFixtures "$here/benchmarks/run.sh" "$dir" 1 "$big" >&2
jar="$here/cli/target/modelseal.jar"
small=(verify "$dir/small/model.onnx" --policy "$dir/small/policy.yaml")

# Runs "$@" $rounds times; prints the medians of CPU seconds, wall seconds and peak RSS (MiB).
measure() {
  local n=$1; shift
  local out
  out="$(mktemp)"
  for _ in $(seq "$n"); do
    /usr/bin/time -f '%U %S %e %M' -a -o "$out" "$@" >/dev/null 2>&1 || {
      echo "failed: $*" >&2; "$@" >&2 || true; exit 1; }
  done
  awk '{cpu[NR]=$1+$2; wall[NR]=$3; rss[NR]=$4} END {
    n=asort(cpu); asort(wall); asort(rss); m=int((n+1)/2);
    printf "%6.2f %6.2f %7.0f\n", cpu[m], wall[m], rss[m]/1024 }' "$out"
  rm -f "$out"
}

row() { printf '%-58s %s\n' "$1" "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

echo "machine: $(nproc) processors, $(java -version 2>&1 | head -1)"
echo "jar: $(du -m "$jar" | cut -f1) MiB"
echo
printf '%-58s %6s %6s %7s\n' "cold start (median of $rounds)" "CPU s" "wall s" "RSS MiB"
jvm="$(measure "$rounds" java -version)"
row "java -version" "$jvm"
plain="$(measure "$rounds" java -jar "$jar" "${small[@]}")"
row "modelseal verify (signature, attestation, SBOM)" "$plain"
rm -f "$dir/modelseal.jsa"
java -XX:ArchiveClassesAtExit="$dir/modelseal.jsa" -jar "$jar" "${small[@]}" >/dev/null 2>&1
cds="$(measure "$rounds" java -XX:SharedArchiveFile="$dir/modelseal.jsa" -jar "$jar" "${small[@]}")"
row "modelseal verify, AppCDS archive" "$cds"
shipped="$(measure "$rounds" java -XX:SharedArchiveFile="$dir/modelseal.jsa" -XX:+UseSerialGC -jar "$jar" "${small[@]}")"
row "modelseal verify, AppCDS + serial GC (as ./modelseal runs)" "$shipped"
echo
echo "modelseal verify / java -version, CPU: $(ratio "$(cut -d' ' -f1 <<<"$plain" | tr -d ' ')" \
  "$(awk '{print $1}' <<<"$jvm")") (AppCDS: $(ratio "$(awk '{print $1}' <<<"$cds")" "$(awk '{print $1}' <<<"$jvm")")); wall: $(ratio \
  "$(awk '{print $2}' <<<"$plain")" "$(awk '{print $2}' <<<"$jvm")")"
echo "modelseal verify CPU: $(awk '{print $1}' <<<"$plain") s; with AppCDS $(awk '{print $1}' <<<"$cds") s;" \
  "as ./modelseal runs it $(awk '{print $1}' <<<"$shipped") s (target < 1 s)"
echo
printf '%-58s %6s %6s %7s\n' "large models, -Xmx128m (one run each)" "CPU s" "wall s" "RSS MiB"
for gib in 1 "$big"; do
  model="$dir/big-${gib}g.bin"
  [ -f "$model" ] || continue
  cat "$model" >/dev/null # the same page cache for both contenders
  base="$(measure 1 sha256sum "$model")"
  row "sha256sum ${gib} GiB" "$base"
  ours="$(measure 1 java -Xmx128m -jar "$jar" verify "$model" --certificate-identity bench@example.com \
    --certificate-oidc-issuer https://accounts.example.com --trusted-root "$dir/trusted_root.json")"
  row "modelseal verify ${gib} GiB, -Xmx128m" "$ours"
  echo "  wall vs sha256sum: $(ratio "$(awk '{print $2}' <<<"$ours")" "$(awk '{print $2}' <<<"$base")")"
done
