#!/usr/bin/env bash
# Fault test of the write path (issue 6), printing counts. Under load from a client that resends
# every form not acknowledged (same submission_id; bench_resending_client), it kill -9s the server
# and starts it again, then kill -9s MariaDB and starts it again. At the end every acknowledged
# submission_id must be in MySQL exactly once, with the response id the client was given.
# Kills only the processes it started (the server) or whose PID file it owns (its MariaDB).
#
# Usage: bench/kill_under_load.sh [load_seconds=24]
# Env: BUILD (build/release), FAULT_DB_DIR (var/fault-mariadb), FAULT_DB_PORT (35171),
#      FAULT_PORT (18490), CLIENT_THREADS (32)
set -euo pipefail
cd "$(dirname "$0")/.."
load=${1:-24}
build=${BUILD:-build/release}
dbdir=${FAULT_DB_DIR:-var/fault-mariadb}
dbport=${FAULT_DB_PORT:-35171}
port=${FAULT_PORT:-18490}
url=http://127.0.0.1:$port
for bin in server/courtvoice-server server/courtvoice-admin bench/bench_resending_client; do
  [[ -x $build/$bin ]] || { echo "$build/$bin missing: cmake --build $build --target $(basename $bin)" >&2; exit 1; }
done

source bench/bench_db.sh
bench_db_start "$dbdir" "$dbport" courtvoice_fault --responses=1

work=$(mktemp -d)
server_pid=""
client_pid=""
start_server() {
  # The client posts from one address far faster than any person: the rate limits are off.
  COURTVOICE_PORT=$port COURTVOICE_THREADS=96 COURTVOICE_LIMITS_ENABLED=false "$build/server/courtvoice-server" \
    >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -fs "$url/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server did not come up"; tail "$work/server.log"; return 1
}
cleanup() {
  [[ -n $client_pid ]] && kill -TERM "$client_pid" 2>/dev/null || true
  [[ -n $server_pid ]] && kill -TERM "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
db_pid() { tr -dc '0-9' <"$dbdir/mariadbd.pid"; }
stored() { sql "SELECT COUNT(*) FROM responses WHERE submission_id LIKE 'fault-$tag-%'"; }

tag=$(date +%s)
start_server
echo "== load: ${CLIENT_THREADS:-32} client threads for ${load}s; every unacknowledged form is resent"
# Deadline: the load plus time to resend everything once server and database are back.
"$build/bench/bench_resending_client" "$port" "${CLIENT_THREADS:-32}" "$load" $((load + 90)) "$work/acked.tsv" "$tag" \
  >"$work/client.out" 2>"$work/client.err" &
client_pid=$!

sleep $((load / 4))
echo "stored before the server kill: $(stored)"
kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true
echo "killed the server (kill -9 $server_pid)"
sleep 1
start_server
echo "server restarted (pid $server_pid)"

sleep $((load / 4))
pid=$(db_pid)
echo "stored before the MariaDB kill: $(stored)"
kill -9 "$pid"
echo "killed MariaDB (kill -9 $pid)"
while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
sleep 1
bash scripts/db.sh start "$dbdir" "$dbport" >/dev/null
echo "MariaDB restarted (pid $(db_pid))"

wait "$client_pid" && client_rc=0 || client_rc=$?
client_pid=""
echo "== client"
cat "$work/client.out"
head -5 "$work/client.err" || true

echo "== check"
acked=$(wc -l <"$work/acked.tsv")
sort -u "$work/acked.tsv" >"$work/acked.sorted"
distinct_sids=$(cut -f1 "$work/acked.sorted" | sort -u | wc -l)
# One line per submission id: the id may be acknowledged twice (201, then 200 after a resend),
# always with the same response id.
conflicting=$(cut -f1 "$work/acked.sorted" | uniq -d | wc -l)
# Every acknowledged (submission_id, response_id) pair must be a stored row, exactly once.
split -l 500 "$work/acked.sorted" "$work/chunk."
found=0
for f in "$work"/chunk.*; do
  pairs=$(awk -F'\t' '{printf "%s(\x27%s\x27,\x27%s\x27)", (NR>1?",":""), $1, $2}' "$f")
  found=$((found + $(sql "SELECT COUNT(*) FROM responses WHERE (submission_id, id) IN ($pairs)")))
done
rows=$(stored)
dupes=$(sql "SELECT COUNT(*) FROM (SELECT submission_id FROM responses WHERE submission_id LIKE 'fault-$tag-%' GROUP BY submission_id HAVING COUNT(*) > 1) d")
forms=$(awk '/^forms/ {print $2}' "$work/client.out")
echo "forms sent $forms; acknowledgements $acked for $distinct_sids submission ids; ids acknowledged with two different response ids: $conflicting"
echo "acknowledged pairs found in MySQL: $found of $distinct_sids; rows of this run: $rows; submission ids stored twice: $dupes"
grep -E "group commit|database|unavailable" "$work/server.log" | tail -5 || true
if [[ $client_rc == 0 && $found == "$distinct_sids" && $distinct_sids == "$forms" && $rows == "$forms" && $dupes == 0 && $conflicting == 0 ]]; then
  echo "OK: every form acknowledged, every acknowledged submission stored exactly once"
else
  echo "MISMATCH (client exit $client_rc)"; exit 1
fi
