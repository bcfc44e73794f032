# Sourced by the write-path benchmarks: a private MariaDB in DIR on PORT with a fresh schema NAME,
# migrated and loaded with the demo (extra options go to `courtvoice-admin demo`). Defines sql().
#   bench_db_start DIR PORT NAME [demo options...]   (needs $build: the release build directory)
bench_db_start() {
  local dir=$1 db_port=$2 name=$3
  shift 3
  bash scripts/db.sh start "$dir" "$db_port" >/dev/null
  eval "$(bash scripts/db.sh env "$dir")"
  export COURTVOICE_DB_NAME=$name
  bench_db_dir=$dir
  sql() { MYSQL_PWD="$COURTVOICE_DB_PASSWORD" mariadb --defaults-file="$bench_db_dir/my.cnf" -u"$COURTVOICE_DB_USER" -N -e "$1" ${2-$COURTVOICE_DB_NAME}; }
  sql "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci" ""
  "$build/server/courtvoice-admin" migrate >/dev/null
  "$build/server/courtvoice-admin" demo "$@" >/dev/null
}
