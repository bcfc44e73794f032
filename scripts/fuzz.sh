#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (preset "fuzz": clang, ASan + UBSan) and runs each for
# FUZZ_SECONDS (default 20) over its committed corpus. Fails on any crash, leak, timeout or
# sanitizer report; the input is left in build/fuzz/artifacts/ (add it to fuzz/corpus/NAME, and fix).
#   bash scripts/fuzz.sh                         # CI: every target, bounded
#   FUZZ_SECONDS=600 bash scripts/fuzz.sh csv    # a longer campaign of one target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(response_json definition_json courts_csv paper_responses_csv csv)
cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target fuzzers -j "${FUZZ_JOBS:-$(nproc)}"
mkdir -p build/fuzz/artifacts
for name in "${targets[@]}"; do
  # New inputs go to a scratch corpus: the committed one changes only by hand.
  work="build/fuzz/corpus/$name"
  mkdir -p "$work"
  echo "== fuzz $name (${seconds} s)"
  if ! "build/fuzz/fuzz/fuzz_$name" "$work" "fuzz/corpus/$name" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$name-" \
      >"build/fuzz/$name.log" 2>&1; then
    tail -n 60 "build/fuzz/$name.log"
    echo "fuzz: $name failed; the input is in build/fuzz/artifacts/" >&2
    exit 1
  fi
  grep -E '^#[0-9]+.*(DONE|pulse)' "build/fuzz/$name.log" | tail -n 1
  grep -E 'stat::number_of_executed_units' "build/fuzz/$name.log"
done
