#!/usr/bin/env bash
# Load benchmark of POST /api/v1/surveys/court_user/responses with wrk on loopback, then checks that
# every acknowledged (201) response is a row in MySQL. Needs the demo running (bash scripts/run.sh)
# or any server on $URL with the court_user survey published and its DB env (scripts/db.sh env).
# Usage: bench/post_responses.sh [seconds=20] [connections=16] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}; conns=${2:-16}; threads=${3:-2}
url=${URL:-http://127.0.0.1:8080}
dbdir=${DB_DIR:-var/mariadb}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
eval "$(bash scripts/db.sh env "$dbdir")"
sql() { MYSQL_PWD="$COURTVOICE_DB_PASSWORD" mariadb --defaults-file="$dbdir/my.cnf" -u"$COURTVOICE_DB_USER" -N -e "$1" "$COURTVOICE_DB_NAME"; }
run=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
before=$(sql "SELECT COUNT(*) FROM responses")
out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s bench/post_responses.lua "$url/api/v1/surveys/court_user/responses" -- "$run" "$work")
echo "$out"
after=$(sql "SELECT COUNT(*) FROM responses")
mine=$(sql "SELECT COUNT(*) FROM responses WHERE submission_id LIKE 'bench-$run-%'")
acked=$(echo "$out" | awk '/^acknowledged_created/ {print $2}')
cat "$work"/acked-*.txt | sort -u > "$work/ids"
distinct=$(wc -l < "$work/ids")
# Look every acknowledged id up in MySQL, 1000 at a time.
found=0
split -l 1000 "$work/ids" "$work/chunk."
for f in "$work"/chunk.*; do
  n=$(sql "SELECT COUNT(*) FROM responses WHERE id IN ($(sed "s/.*/'&'/" "$f" | paste -sd,))")
  found=$((found + n))
done
echo "rows before $before, after $after; rows of this run $mine"
echo "acknowledged 201s $acked, distinct acknowledged ids $distinct, of them found in MySQL $found"
echo "stored but not acknowledged (in flight when wrk stopped, at most $conns): $((mine - acked))"
if [[ "$found" == "$acked" && "$distinct" == "$acked" && $((mine - acked)) -le $conns ]]; then
  echo "OK: every acknowledged response is stored, none twice"
else
  echo "MISMATCH"; exit 1
fi
