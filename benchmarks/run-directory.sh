#!/usr/bin/env bash
# Builds and runs the directory benchmark: ModelSeal's OpenSSF Model Signing directory verify
# against one plain SHA-256 pass and against model_signing-style Python hashing, in one run.
# Args: [sizeMiB=1024] [files=8] [rounds=5] [dir=tmp]. JVM flags: $BENCH_JVM.
BENCH_MAIN=dev.modelseal.bench.DirectoryBenchmark exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" "$@"
