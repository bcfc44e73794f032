#!/usr/bin/env bash
# Write-path benchmark (issue 6). On one fresh schema in a private MariaDB it starts the release
# server, loads POST /api/v1/surveys/court_user/responses with wrk at each connection count, then at
# 70% of the best rate, checks that every acknowledged (201) response id is in MySQL exactly once,
# and prints MariaDB's own rate for the same rows: (a) one transaction per response, (b) 100
# responses per transaction (bench_mariadb_rate). Figures, not a test.
#
# Usage: bench/post_responses.sh [seconds=15]
# Env: BUILD (build/release), BENCH_DB_DIR (var/bench-mariadb), BENCH_DB_PORT (35161),
#      BENCH_PORT (18480), CONNECTIONS ("16 64"), WRK_THREADS (2), RAW_SINGLE (3000), RAW_BATCH (60000),
#      PACED=0 / BASELINE=0 / RAW=0 to leave out the paced run / the run without group commit / MariaDB's own rates (when comparing settings);
#      COURTVOICE_COMMIT_* and COURTVOICE_THREADS are passed on to the server.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
build=${BUILD:-build/release}
dbdir=${BENCH_DB_DIR:-var/bench-mariadb}
port=${BENCH_PORT:-18480}
threads=${WRK_THREADS:-2}
url=http://127.0.0.1:$port
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
for bin in server/courtvoice-server server/courtvoice-admin bench/bench_mariadb_rate; do
  [[ -x $build/$bin ]] || { echo "$build/$bin missing: cmake --build $build --target $(basename $bin)" >&2; exit 1; }
done

source bench/bench_db.sh
bench_db_start "$dbdir" "${BENCH_DB_PORT:-35161}" courtvoice_bench

work=$(mktemp -d)
server_pid=""
stop_server() {
  # Only the server this script started, by its PID.
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
  server_pid=""
}
trap 'stop_server; rm -rf "$work"' EXIT
start_server() {
  # One keep-alive connection holds a request thread: enough threads for the largest run. wrk posts
  # from one address far faster than any person: the rate limits are off.
  env COURTVOICE_PORT=$port COURTVOICE_THREADS=${COURTVOICE_THREADS:-160} COURTVOICE_QUEUE_SIZE=256 \
    COURTVOICE_LIMITS_ENABLED=false "$@" \
    "$build/server/courtvoice-server" >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -fs "$url/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "$url/healthz" >/dev/null || { cat "$work/server.log"; exit 1; }
}
start_server

results=()
best=0
# run NAME CONNECTIONS [RATE]: one wrk run, then every acknowledged id looked up in MySQL.
run() {
  local name=$1 conns=$2 rate=${3:-0} tag out acked distinct found mine
  tag="$(date +%s)-$name"
  mkdir -p "$work/$name"
  echo "== $name: $conns connections, ${secs}s${3:+, paced at $rate/s}"
  out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s bench/post_responses.lua "$url/api/v1/surveys/court_user/responses" \
        -- "$tag" "$work/$name" "$rate" "$threads" "$conns")
  echo "$out" | grep -E "Latency|Req/Sec|requests in|Non-2xx|Socket errors|^ +(50|99)%|acknowledged|failed|latency_p"
  acked=$(awk '/^acknowledged_created/ {print $2}' <<<"$out")
  cat "$work/$name"/acked-*.txt | sort -u >"$work/$name/ids"
  distinct=$(wc -l <"$work/$name/ids")
  found=0
  split -l 1000 "$work/$name/ids" "$work/$name/chunk."
  for f in "$work/$name"/chunk.*; do
    [[ -s $f ]] || continue
    found=$((found + $(sql "SELECT COUNT(*) FROM responses WHERE id IN ($(sed "s/.*/'&'/" "$f" | paste -sd,))")))
  done
  mine=$(sql "SELECT COUNT(*) FROM responses WHERE submission_id LIKE 'bench-$tag-%'")
  local check="OK"
  if [[ $found != "$acked" || $distinct != "$acked" || $((mine - acked)) -gt $conns || $((mine - acked)) -lt 0 ]]; then check="MISMATCH"; fi
  echo "acknowledged $acked, distinct $distinct, found in MySQL $found; rows of this run $mine (in flight at the end: $((mine - acked))) -> $check"
  local rps p50 p99
  rps=$(awk '/^acknowledged_per_second/ {print $2}' <<<"$out")
  p50=$(awk '/^latency_p50_ms/ {print $2}' <<<"$out")
  p99=$(awk '/^latency_p99_ms/ {print $2}' <<<"$out")
  results+=("$(printf '%-22s %6s conns %10s acked/s   p50 %7s ms   p99 %7s ms   %s' "$name" "$conns" "$rps" "$p50" "$p99" "$check")")
  best_run=$rps
  if awk -v a="$rps" -v b="$best" 'BEGIN {exit !(a > b)}'; then best=$rps; fi
}

for c in ${CONNECTIONS:-16 64}; do run "c$c" "$c"; done
target=$(awk -v b="$best" 'BEGIN {printf "%d", b * 0.7}')
[[ ${PACED:-1} == 0 ]] || run "paced70" 64 "$target"
best_batched=$best

echo "== server"
stop_server
grep -E "group commit" "$work/server.log" || true

if [[ ${BASELINE:-1} != 0 ]]; then
  # The same server without group commit, for comparison in the same conditions: one response per
  # transaction from 16 committer threads (about as many concurrent transactions as request
  # threads had before), and the change stamps read on every request.
  start_server COURTVOICE_COMMIT_BATCH_MAX=1 COURTVOICE_COMMIT_THREADS=16 COURTVOICE_COMMIT_WAIT_MS=0 \
    COURTVOICE_CATALOG_CHECK_INTERVAL_MS=0
  run "no-batching" 64
  baseline=$best_run
  stop_server
fi

if [[ ${RAW:-1} == 0 ]]; then printf '%s\n' "${results[@]}"; exit 0; fi
echo "== MariaDB alone, same rows (a response and its 24 answers), same schema"
raw_a=$("$build/bench/bench_mariadb_rate" single "${RAW_SINGLE:-3000}" 1 "$(date +%s)")
echo "$raw_a"
raw_b=$("$build/bench/bench_mariadb_rate" batch "${RAW_BATCH:-60000}" 100 "$(date +%s)")
echo "$raw_b"
rate_a=$(sed -E 's/.*: ([0-9]+) responses\/s.*/\1/' <<<"$raw_a")
rate_b=$(sed -E 's/.*: ([0-9]+) responses\/s.*/\1/' <<<"$raw_b")

echo
echo "== summary (durable acknowledged submissions/s; latency as wrk measures it)"
printf '%s\n' "${results[@]}"
echo "paced target: 70% of best $best_batched = $target/s"
echo "MariaDB (a) one transaction per response:  $rate_a responses/s"
echo "MariaDB (b) 100 responses per transaction: $rate_b responses/s"
awk -v b="$best_batched" -v a="$rate_a" -v bb="$rate_b" 'BEGIN {
  printf "best server rate: %.1fx the old 745/s, %.2fx MariaDB (a), %.2fx MariaDB (b)\n", b / 745, b / a, b / bb }'
[[ -z ${baseline:-} ]] || awk -v b="$best_batched" -v n="$baseline" 'BEGIN {
  printf "group commit vs the same server committing each response alone (same run): %.1fx\n", b / n }'
