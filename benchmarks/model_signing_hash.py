#!/usr/bin/env python3
"""Hashes files the way model_signing's files method does, for DirectoryBenchmark.

Each file is hashed with hashlib.sha256 in 1 MiB reads, one file per task, in a
concurrent.futures.ThreadPoolExecutor with max_workers=min(32, os.cpu_count() + 4)
(the executor's own default, which model_signing's serializers use). hashlib releases the GIL
while it hashes large buffers, so the threads do run in parallel.

Usage: model_signing_hash.py FILE...
Prints one line per file, "<sha256 hex> <path>", then "hash_ms <milliseconds>", the time from
submitting the first file to the last digest, so that interpreter start-up is not counted.
"""

import concurrent.futures
import hashlib
import os
import sys
import time

BLOCK = 1 << 20


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            block = f.read(BLOCK)
            if not block:
                break
            digest.update(block)
    return digest.hexdigest()


def main(paths):
    workers = min(32, (os.cpu_count() or 1) + 4)
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        digests = list(pool.map(sha256_file, paths))
    elapsed_ms = (time.perf_counter() - start) * 1000.0
    for path, hexdigest in zip(paths, digests):
        print(hexdigest, path)
    print("hash_ms %.3f" % elapsed_ms)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: model_signing_hash.py FILE...")
    main(sys.argv[1:])
