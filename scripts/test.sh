#!/usr/bin/env bash
# Runs every test twice: in a warnings-as-errors build and in an ASan+UBSan build. Each run starts
# its own private MariaDB (a CTest fixture), then runs unit, storage, end-to-end and browser tests.
# Then the fuzz targets, each for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)
start=$(date +%s)
for preset in dev sanitize; do
  echo "== $preset: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build "build/$preset" -j "$jobs"
  echo "== $preset: tests"
  ctest --test-dir "build/$preset" --output-on-failure --timeout 300 -j "$jobs"
done
# libFuzzer targets, each for a bounded time (scripts/fuzz.sh: about 2 minutes with its build).
echo "== fuzz: build and run each target for ${FUZZ_SECONDS:-20} s"
bash scripts/fuzz.sh
echo "== all tests passed in both builds and the fuzz run in $(( $(date +%s) - start )) s"
