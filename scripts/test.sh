#!/usr/bin/env bash
# Runs every test once, in one build that is both warnings-as-errors and ASan+UBSan (the sanitize
# preset): unit, storage, end-to-end and browser tests, each run starting its own private MariaDB
# (a CTest fixture). One build instead of a plain one and a sanitized one halves the compile time,
# which is most of CI's 30 minutes on 2 cores; the plain build is what scripts/run.sh serves.
# COURTVOICE_TEST_PRESETS="dev sanitize" runs the plain Debug build's tests as well.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)
start=$(date +%s)
for preset in ${COURTVOICE_TEST_PRESETS:-sanitize}; do
  echo "== $preset: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build "build/$preset" -j "$jobs"
  echo "== $preset: tests"
  # One more test than cores: e2e and browser tests wait on servers, MariaDB and Chromium (with 3
  # on 2 cores the test phase took 736 s instead of 814 s, nothing flaky).
  ctest --test-dir "build/$preset" --output-on-failure --timeout 300 -j "$((jobs + 1))"
done
echo "== all tests passed ($(echo ${COURTVOICE_TEST_PRESETS:-sanitize})) in $(( $(date +%s) - start )) s"
