#!/usr/bin/env bash
# Several CourtVoice server processes behind nginx, on one MariaDB primary, with a MariaDB replica
# (real replication) that the results engines read from. For trying the national layout on one
# machine (docs/deployment.md) and for the test ServerCluster.*; never the system's services.
#
#   cluster.sh start DIR PORT [SERVERS]   nginx (HTTPS, self-signed) on PORT; servers on PORT+1..;
#                                         the primary MariaDB on PORT+20, the replica on PORT+21
#   cluster.sh stop DIR                   stops everything started in DIR (by the PIDs in DIR)
#   cluster.sh status DIR                 what runs, and the replica's state
#
# The servers are taken from COURTVOICE_BIN_DIR (the folder holding courtvoice-server and
# courtvoice-admin), else build/release/server, else build/dev/server. Every server writes to the
# primary; its results engine reads responses from the replica (replica.socket), so the figures
# it shows trail the primary by the replica's lag (GET /api/v1/admin/results: "behind").
# COURTVOICE_* variables in the caller's environment (e.g. COURTVOICE_ADMIN_TOKEN) reach the servers.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
die() { echo "cluster.sh: $*" >&2; exit 1; }
usage() { echo "usage: cluster.sh start DIR PORT [SERVERS] | stop DIR | status DIR" >&2; exit 2; }

[[ $# -ge 2 ]] || usage
command=$1
[[ $command != start ]] || mkdir -p "$2"
[[ -d $2 ]] || die "$2 does not exist"
dir=$(cd "$2" && pwd)

bin_dir() {
  local candidate
  for candidate in "${COURTVOICE_BIN_DIR:-}" "$root/build/release/server" "$root/build/dev/server"; do
    if [[ -n $candidate && -x $candidate/courtvoice-server && -x $candidate/courtvoice-admin ]]; then
      echo "$candidate"
      return 0
    fi
  done
  die "no courtvoice-server found: build first (cmake --preset release && cmake --build build/release) or set COURTVOICE_BIN_DIR"
}

sql() {  # sql DB_DIR STATEMENT...: as the MariaDB administrator, over the socket
  local db=$1
  shift
  mariadb --defaults-file="$db/my.cnf" --protocol=socket -N -B -e "$*"
}

replica_status() {  # "Name: value" lines of SHOW SLAVE STATUS
  mariadb --defaults-file="$dir/replica/my.cnf" --protocol=socket -e "SHOW SLAVE STATUS\G"
}

wait_for() {  # wait_for SECONDS WHAT COMMAND...: polls every 0.2 s
  local seconds=$1 what=$2 waited
  shift 2
  for ((waited = 0; waited < seconds * 5; waited++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$what did not happen within $seconds s (logs in $dir)"
}

start_databases() {
  local port=$1 password
  mkdir -p "$dir/primary" "$dir/replica"
  # Binary log on the primary (row format: exact and safe for any statement); the replica is
  # read-only for every account but replication's own thread.
  printf '[mysqld]\nserver-id = 1\nlog-bin = primary-bin\nbinlog-format = ROW\n' >"$dir/primary/extra.cnf"
  printf '[mysqld]\nserver-id = 2\nrelay-log = replica-relay\nread-only = 1\n' >"$dir/replica/extra.cnf"
  bash "$here/db.sh" start "$dir/primary" $((port + 20))
  # One application password for both: replication copies the primary's accounts to the replica.
  cp "$dir/primary/app-password" "$dir/replica/app-password"
  bash "$here/db.sh" start "$dir/replica" $((port + 21))
  if [[ ! -s $dir/repl-password ]]; then (umask 077; od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$dir/repl-password"); fi
  password=$(cat "$dir/repl-password")
  sql "$dir/primary" "CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY '$password';
    GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';"
  if ! sql "$dir/replica" "SHOW SLAVE STATUS" | grep -q .; then
    # From the start of the primary's binary log: everything the primary did, accounts included.
    sql "$dir/replica" "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$((port + 20)), MASTER_USER='repl',
      MASTER_PASSWORD='$password', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE;"
  fi
  wait_for 30 "replication to start" replica_running
  echo "replication: primary port $((port + 20)) -> replica port $((port + 21)), running"
}

replica_running() {
  local status
  status=$(replica_status)
  grep -q 'Slave_IO_Running: Yes' <<<"$status" && grep -q 'Slave_SQL_Running: Yes' <<<"$status"
}

replica_has_schema() {  # the replica has applied every migration the primary has
  [[ $(sql "$dir/replica" "SELECT COUNT(*) FROM courtvoice.schema_migrations") == \
     $(sql "$dir/primary" "SELECT COUNT(*) FROM courtvoice.schema_migrations") ]]
}

server_env() {  # the primary's settings, the replica for the results engine
  bash "$here/db.sh" env "$dir/primary"
  echo "export COURTVOICE_REPLICA_SOCKET=$dir/replica/mysqld.sock"
  echo "export COURTVOICE_TRUSTED_PROXIES=127.0.0.1"
}

start_servers() {
  local port=$1 servers=$2 bin k
  bin=$(bin_dir)
  (eval "$(server_env)"; "$bin/courtvoice-admin" migrate)
  wait_for 60 "the replica to apply the migrations" replica_has_schema
  for ((k = 1; k <= servers; k++)); do
    (
      eval "$(server_env)"
      export COURTVOICE_PORT=$((port + k)) COURTVOICE_BIND=127.0.0.1
      setsid "$bin/courtvoice-server" </dev/null >"$dir/server-$k.log" 2>&1 &
      echo $! >"$dir/server-$k.pid"
    )
  done
  for ((k = 1; k <= servers; k++)); do
    wait_for 120 "server $k to answer /readyz" curl -sf "http://127.0.0.1:$((port + k))/readyz"
    echo "server $k: http://127.0.0.1:$((port + k)) (pid $(cat "$dir/server-$k.pid"))"
  done
}

start_nginx() {
  local port=$1 servers=$2 upstreams="" k
  [[ -x /usr/sbin/nginx ]] || die "nginx is not installed (apt-get install nginx-light)"
  mkdir -p "$dir/nginx/tmp"
  [[ -s $dir/nginx/courtvoice-dev.crt ]] || bash "$here/make-dev-cert.sh" "$dir/nginx" >/dev/null
  for ((k = 1; k <= servers; k++)); do upstreams+="    server 127.0.0.1:$((port + k));"$'\n'; done
  cat >"$dir/nginx/nginx.conf" <<NGINX
# Written by scripts/cluster.sh. TLS ends here; the servers see the client's scheme and host in
# X-Forwarded-Proto / X-Forwarded-Host, and its address in X-Forwarded-For, because 127.0.0.1 is
# in their server.trustedProxies.
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 1024; }
http {
  # No access log: it would hold respondents' addresses.
  access_log off;
  client_body_temp_path $dir/nginx/tmp/body;
  proxy_temp_path $dir/nginx/tmp/proxy;
  fastcgi_temp_path $dir/nginx/tmp/fastcgi;
  uwsgi_temp_path $dir/nginx/tmp/uwsgi;
  scgi_temp_path $dir/nginx/tmp/scgi;
  upstream courtvoice {
$upstreams    keepalive 32;
  }
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $dir/nginx/courtvoice-dev.crt;
    ssl_certificate_key $dir/nginx/courtvoice-dev.key;
    client_max_body_size 17m;
    location / {
      proxy_pass http://courtvoice;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
      proxy_next_upstream error timeout;
    }
  }
}
NGINX
  /usr/sbin/nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -e "$dir/nginx/error.log"
  wait_for 10 "nginx to answer" curl -skf "https://127.0.0.1:$port/healthz"
  echo "nginx: https://127.0.0.1:$port (self-signed) -> $servers servers"
}

stop_all() {
  local pidfile pid waited
  if [[ -s $dir/nginx/nginx.pid ]]; then
    kill -QUIT "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true
    rm -f "$dir/nginx/nginx.pid"
  fi
  for pidfile in "$dir"/server-*.pid; do
    [[ -f $pidfile ]] || continue
    pid=$(cat "$pidfile")
    # Only a process that is still a CourtVoice server (a stale file may name a reused PID).
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q courtvoice-server; then
      kill -TERM "$pid"
      for ((waited = 0; waited < 100; waited++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
  for db in replica primary; do
    [[ -d $dir/$db ]] && bash "$here/db.sh" stop "$dir/$db"
  done
  return 0
}

case $command in
  start)
    [[ $# -ge 3 && $# -le 4 ]] || usage
    port=$3
    servers=${4:-2}
    [[ $port =~ ^[0-9]+$ ]] && ((port >= 1024 && port <= 65000)) || die "PORT must be a number 1024..65000"
    [[ $servers =~ ^[0-9]+$ ]] && ((servers >= 1 && servers <= 16)) || die "SERVERS must be 1..16"
    trap 'echo "cluster.sh: start failed; stopping what started" >&2; stop_all' EXIT
    start_databases "$port"
    start_servers "$port" "$servers"
    start_nginx "$port" "$servers"
    trap - EXIT
    echo "cluster up in $dir; stop it with: scripts/cluster.sh stop $dir"
    ;;
  stop)
    [[ $# -eq 2 ]] || usage
    stop_all
    ;;
  status)
    [[ $# -eq 2 ]] || usage
    for db in primary replica; do bash "$here/db.sh" status "$dir/$db" || true; done
    replica_status | grep -E 'Running|Seconds_Behind|Gtid_IO_Pos|Last_.*Error:' || true
    for pidfile in "$dir"/server-*.pid; do
      [[ -f $pidfile ]] && echo "$(basename "$pidfile" .pid): pid $(cat "$pidfile")"
    done
    ;;
  *) usage ;;
esac
