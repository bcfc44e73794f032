#!/usr/bin/env bash
# By-hand measurement (not a test) of insert speed by layout of `answers`; numbers in
# docs/engineering-notes.md (2026-11-30).
#   scripts/db.sh start /tmp/bench-db 34091
#   tests/db/manual/answers_key_bench.sh /tmp/bench-db random seq seq_keep_id seq_keep_id_sorted
# Generates the same 1,000,000 answer rows for each layout, loads each into a fresh schema
# bench_<layout> with the mariadb client and prints rows/s and the table's size.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cnf=$(cd "$1" && pwd)/my.cnf
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
m() { mariadb --defaults-file=$cnf "$@"; }
common="text TEXT NULL, number DOUBLE NULL, non_answer VARCHAR(16) NULL, code INT NULL, seq SMALLINT NOT NULL DEFAULT 0, item_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL"
for v in "$@"; do
  db=bench_$v
  m -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"
  m $db < "$here/answers_key_schema.sql"
  python3 "$here/answers_key_data.py" "$v" > "$work/data.sql"
  case $v in
    random) m $db -e "CREATE TABLE answers (response_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, $common, PRIMARY KEY (response_id, item_id, seq), CONSTRAINT fk FOREIGN KEY (response_id) REFERENCES responses (id) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci" ;;
    seq) m $db -e "CREATE TABLE answers (response_seq BIGINT NOT NULL, $common, PRIMARY KEY (response_seq, item_id, seq), CONSTRAINT fk FOREIGN KEY (response_seq) REFERENCES responses (seq) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci" ;;
    seq_keep_id|seq_keep_id_sorted) m $db -e "CREATE TABLE answers (response_seq BIGINT NOT NULL, response_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, $common, PRIMARY KEY (response_seq, item_id, seq), CONSTRAINT fk FOREIGN KEY (response_seq) REFERENCES responses (seq) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci" ;;
  esac
  start=$(date +%s.%N)
  m $db < "$work/data.sql"
  end=$(date +%s.%N)
  rows=$(m -N $db -e "SELECT COUNT(*) FROM answers")
  size=$(m -N -e "SELECT ROUND((data_length+index_length)/1048576) FROM information_schema.tables WHERE table_schema='$db' AND table_name='answers'")
  m -e "DROP DATABASE $db"
  echo "$v: $rows answer rows in $(echo "$end - $start" | bc) s, $(echo "$rows / ($end - $start)" | bc) rows/s, answers ${size} MB"
done
