#!/usr/bin/env bash
# The national layout on one machine under load (scripts/cluster.sh: nginx with TLS -> 2 server
# processes -> one MariaDB primary; the results engines read a MariaDB replica). In one run:
#   1. wrk posts court_user responses straight to one server process (no proxy): the baseline;
#   2. wrk posts the same through nginx (https) to both processes;
# each with durable acknowledged submissions/s and p50/p99, while the second process's replica lag
# (GET /api/v1/admin/results "behind", responses committed on the primary that its engine has not
# read) is sampled every 100 ms; then the ratio of the two rates and a /metrics excerpt of the
# first process (group-commit waits and batch sizes, submissions, pool, engine lag).
#
#   bench/cluster_load.sh [seconds]      (default 20 s per run)
#
# COURTVOICE_BIN_DIR: the folder with courtvoice-server and courtvoice-admin (default
# build/release/server). Needs wrk, nginx-light and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
port=${BENCH_CLUSTER_PORT:-38400}
export COURTVOICE_BIN_DIR=${COURTVOICE_BIN_DIR:-$PWD/build/release/server}
[[ -x $COURTVOICE_BIN_DIR/courtvoice-server ]] || { echo "no $COURTVOICE_BIN_DIR/courtvoice-server: build the release first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }

token="bench-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
# The servers of the cluster: rate limits off (wrk posts from one address far faster than any
# person), enough request threads for 64 keep-alive connections, files from the source tree.
export COURTVOICE_ADMIN_TOKEN=$token COURTVOICE_LIMITS_ENABLED=false COURTVOICE_THREADS=160 COURTVOICE_QUEUE_SIZE=256 \
  COURTVOICE_WEB_DIR=$PWD/server/web COURTVOICE_MIGRATIONS_DIR=$PWD/surveys/migrations COURTVOICE_LOG_REQUESTS=false
dir=$(mktemp -d /tmp/cv-cluster-bench.XXXXXX)
trap 'bash scripts/cluster.sh stop "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
echo "== cluster (2 server processes) from $COURTVOICE_BIN_DIR; load average $(cut -d' ' -f1-3 /proc/loadavg)"
bash scripts/cluster.sh start "$dir" "$port" 2 | grep -E "^(server|nginx|replication)"
(eval "$(bash scripts/db.sh env "$dir/primary")"; "$COURTVOICE_BIN_DIR/courtvoice-admin" demo --responses=100 --templates="$PWD/surveys/templates" >/dev/null)
echo "demo loaded: $(mariadb --defaults-file="$dir/primary/my.cnf" --protocol=socket -N -B -e 'SELECT COUNT(*) FROM courtvoice.responses') responses"

# sample_lag FILE: the second process's "behind" every 100 ms until killed.
sample_lag() {
  while true; do
    { curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$((port + 2))/api/v1/admin/results"; echo; } |
      sed -n 's/.*"behind":\([0-9]*\).*/\1/p' >>"$1"
    sleep 0.1
  done
}

# run NAME URL: 64 connections for $secs s; prints and remembers acknowledged/s.
declare -A rate
run() {
  local name=$1 url=$2 out lagpid
  mkdir -p "$dir/$name"
  : >"$dir/$name/lag"
  sample_lag "$dir/$name/lag" &
  lagpid=$!
  out=$(wrk -t2 -c64 -d"${secs}s" --latency -s bench/post_responses.lua "$url/api/v1/surveys/court_user/responses" \
        -- "$(date +%s)-$name" "$dir/$name")
  kill "$lagpid" 2>/dev/null || true
  wait "$lagpid" 2>/dev/null || true
  rate[$name]=$(awk '/^acknowledged_per_second/ {print $2}' <<<"$out")
  printf '%-18s %9s acked/s   p50 %7s ms   p99 %7s ms   failed %s   replica behind: mean %s, max %s responses (%s samples)\n' \
    "$name" "${rate[$name]}" "$(awk '/^latency_p50_ms/ {print $2}' <<<"$out")" "$(awk '/^latency_p99_ms/ {print $2}' <<<"$out")" \
    "$(awk '/^failed/ {print $2}' <<<"$out")" \
    "$(awk '{s += $1; n++} END {printf "%.1f", n ? s / n : 0}' "$dir/$name/lag")" \
    "$(sort -n "$dir/$name/lag" | tail -n 1)" "$(wc -l <"$dir/$name/lag")"
}

echo "== runs: 64 connections, ${secs}s each"
run "one-process" "http://127.0.0.1:$((port + 1))"
run "nginx-2-processes" "https://127.0.0.1:$port"
awk -v a="${rate[one-process]}" -v b="${rate[nginx-2-processes]}" \
  'BEGIN {printf "ratio nginx + 2 processes / 1 process direct: %.2f\n", (a > 0 ? b / a : 0)}'
echo "after the runs, the second process: $(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$((port + 2))/api/v1/admin/results")"

echo "== /metrics of the first process (excerpt)"
curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$((port + 1))/metrics" |
  grep -E '^courtvoice_(commit_(wait_seconds_bucket\{le="0.0(1|25|5)"\}|wait_seconds_(sum|count)|batch_size_bucket\{le="(10|50|200)"\}|batch_size_(sum|count)|largest_batch)|submissions_total|db_connections|results_engine_(lag|responses))|^courtvoice_http_request_duration_seconds_(bucket\{route="/api/v1/surveys/\{id\}/responses",method="POST",le="0.(05|1|25)"\}|count\{route="/api/v1/surveys/\{id\}/responses")|^process_resident'
