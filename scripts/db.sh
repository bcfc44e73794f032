#!/usr/bin/env bash
# A private MariaDB in its own directory, for development, tests and the demo; never the system one.
#
#   db.sh start DIR PORT   initialise DIR if needed, start the server, create database and user
#   db.sh stop DIR         stop the server whose PID is in DIR/mariadbd.pid
#   db.sh status DIR       exit 0 when running, 3 when not
#   db.sh env DIR          print `export COURTVOICE_DB_...=` lines for the application
#
# DIR/extra.cnf, when present, is included after the generated settings (a replica's server-id...).
#
# Every MariaDB tool gets --defaults-file=DIR/my.cnf as its FIRST option, so that no system
# configuration (/etc/mysql/...) is read. The app password is generated once into DIR/app-password.
set -euo pipefail

die() { echo "db.sh: $*" >&2; exit 1; }
usage() { echo "usage: db.sh start DIR PORT | stop DIR | status DIR | env DIR" >&2; exit 2; }

# mariadbd lives in /usr/sbin, which is not on a normal user's PATH.
find_tool() {
  local name dir
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    for dir in /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin; do
      if [[ -x $dir/$name ]]; then echo "$dir/$name"; return 0; fi
    done
  done
  return 1
}

[[ $# -ge 2 ]] || usage
command=$1
[[ $command != start ]] || mkdir -p "$2"
# An absolute path: it goes into my.cnf and the socket path.
if [[ -d $2 ]]; then dir=$(cd "$2" && pwd); else dir=$(realpath -m "$2"); fi
cnf=$dir/my.cnf
sock=$dir/mysqld.sock
pidfile=$dir/mariadbd.pid
errlog=$dir/error.log
pwfile=$dir/app-password

# The server runs as whoever starts it; root needs `user=root` and authenticates over the socket.
if [[ $(id -u) -eq 0 ]]; then admin_user=root; else admin_user=$(id -un); fi

running_pid() {
  local pid
  [[ -f $pidfile ]] || return 1
  pid=$(tr -dc '0-9' <"$pidfile")
  [[ -n $pid ]] || return 1
  # The PID must still be a MariaDB server (a stale file may name a reused PID).
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qE 'mariadbd|mysqld' || return 1
  echo "$pid"
}

configured_port() {
  [[ -f $cnf ]] || return 1
  sed -n 's/^port *= *\([0-9]*\)$/\1/p' "$cnf" | head -n 1
}

write_config() {
  local port=$1
  {
    echo "# Written by scripts/db.sh; rewritten on every start."
    echo "[client]"
    echo "port = $port"
    echo "socket = $sock"
    echo "user = $admin_user"
    echo
    echo "[mysqld]"
    if [[ $(id -u) -eq 0 ]]; then echo "user = root"; fi
    echo "port = $port"
    echo "bind-address = 127.0.0.1"
    echo "socket = $sock"
    echo "pid-file = $pidfile"
    echo "datadir = $dir/data"
    echo "log-error = $errlog"
    # Its own temporary files: in the shared /tmp another process's clean-up can delete an
    # internal temporary table under a running query (seen: "Error on delete of
    # '/tmp/#sql-temptable-....MAI' (Errcode: 2)", answered 500 by a summary).
    echo "tmpdir = $dir/tmp"
    echo "character-set-server = utf8mb4"
    echo "collation-server = utf8mb4_unicode_520_ci"
    echo "skip-name-resolve"
    echo "skip-external-locking"
    echo "performance_schema = OFF"
    echo "max_connections = 200"
    echo "innodb_buffer_pool_size = 64M"
    echo "innodb_log_file_size = 32M"
    echo "innodb_log_buffer_size = 8M"
    echo "max_allowed_packet = 64M"
    # Settings of a role in a set (scripts/cluster.sh writes replication settings here).
    if [[ -f $dir/extra.cnf ]]; then echo "!include $dir/extra.cnf"; fi
  } >"$cnf"
}

provision() {
  local client password
  client=$(find_tool mariadb mysql) || die "the mariadb client is not installed (run scripts/install-deps.sh)"
  if [[ ! -s $pwfile ]]; then
    (umask 077; od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$pwfile")
  fi
  chmod 600 "$pwfile"
  password=$(cat "$pwfile")
  # Tests create schemas courtvoice_test_<random>; `courtvoice%` covers them and the main one.
  "$client" --defaults-file="$cnf" --user="$admin_user" --protocol=socket <<SQL
CREATE DATABASE IF NOT EXISTS courtvoice CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE USER IF NOT EXISTS 'courtvoice'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS 'courtvoice'@'localhost' IDENTIFIED BY '$password';
ALTER USER 'courtvoice'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER 'courtvoice'@'localhost' IDENTIFIED BY '$password';
GRANT ALL ON \`courtvoice%\`.* TO 'courtvoice'@'127.0.0.1';
GRANT ALL ON \`courtvoice%\`.* TO 'courtvoice'@'localhost';
SQL
}

start() {
  local port=$1 pid server install admin waited
  if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
    die "PORT must be a number 1..65535, got '$port'"
  fi
  # A unix socket path is limited to 107 bytes.
  ((${#sock} < 100)) || die "DIR is too long for a unix socket path ($sock); use a shorter directory"
  if pid=$(running_pid); then
    provision
    echo "MariaDB already running in $dir (pid $pid, port $(configured_port))"
    if [[ $(configured_port) != "$port" ]]; then
      echo "db.sh: note: it listens on port $(configured_port), not $port; run 'db.sh stop $dir' first to change it" >&2
    fi
    return 0
  fi
  rm -f "$pidfile"
  server=$(find_tool mariadbd mysqld) || die "mariadbd is not installed (run scripts/install-deps.sh)"
  admin=$(find_tool mariadb-admin mysqladmin) || die "mariadb-admin is not installed (run scripts/install-deps.sh)"
  write_config "$port"
  mkdir -p "$dir/tmp"
  local initialised=""
  if [[ ! -d $dir/data/mysql ]]; then
    install=$(find_tool mariadb-install-db mysql_install_db) || die "mariadb-install-db is not installed"
    rm -rf "$dir/data"
    if ! "$install" --defaults-file="$cnf" --auth-root-authentication-method=socket \
        --auth-root-socket-user="$admin_user" --skip-test-db >"$dir/install.log" 2>&1; then
      tail -n 20 "$dir/install.log" >&2
      die "mariadb-install-db failed; see $dir/install.log"
    fi
    initialised="initialised $dir/data, "
  fi
  # Its own session and no inherited descriptors: the caller (e.g. CTest) must not wait for it.
  setsid "$server" --defaults-file="$cnf" </dev/null >>"$dir/mariadbd.out" 2>&1 &
  local child=$!
  for ((waited = 0; waited < 300; waited++)); do
    if "$admin" --defaults-file="$cnf" --connect-timeout=2 ping >/dev/null 2>&1; then
      break
    fi
    if ! kill -0 "$child" 2>/dev/null; then
      tail -n 20 "$errlog" >&2 2>/dev/null || true
      die "mariadbd exited during start-up (see $errlog above). Is port $port already in use? Try another PORT, or remove $dir to start afresh."
    fi
    sleep 0.2
  done
  if ((waited >= 300)); then
    tail -n 20 "$errlog" >&2 2>/dev/null || true
    kill "$child" 2>/dev/null || true
    die "mariadbd did not answer within 60 s (see $errlog above); stopped it. Check the log, free disk space, or remove $dir to start afresh."
  fi
  provision
  echo "MariaDB ${initialised}started in $dir (pid $(running_pid || echo "$child"), port $port, socket $sock)"
}

stop() {
  local pid waited
  if ! pid=$(running_pid); then
    rm -f "$pidfile"
    echo "MariaDB not running in $dir"
    return 0
  fi
  kill -TERM "$pid"
  for ((waited = 0; waited < 300; waited++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    echo "MariaDB in $dir did not stop within 60 s; killed pid $pid"
  else
    echo "MariaDB stopped in $dir (pid $pid)"
  fi
  rm -f "$pidfile"
}

case $command in
  start)
    [[ $# -eq 3 ]] || usage
    start "$3"
    ;;
  stop)
    [[ $# -eq 2 ]] || usage
    stop
    ;;
  status)
    [[ $# -eq 2 ]] || usage
    if pid=$(running_pid); then
      echo "MariaDB running in $dir (pid $pid, port $(configured_port))"
    else
      echo "MariaDB not running in $dir"
      exit 3
    fi
    ;;
  env)
    [[ $# -eq 2 ]] || usage
    [[ -s $pwfile && -f $cnf ]] || die "$dir is not set up; run: db.sh start $dir PORT"
    echo "export COURTVOICE_DB_HOST=127.0.0.1"
    echo "export COURTVOICE_DB_PORT=$(configured_port)"
    echo "export COURTVOICE_DB_SOCKET=$sock"
    echo "export COURTVOICE_DB_USER=courtvoice"
    echo "export COURTVOICE_DB_PASSWORD=$(cat "$pwfile")"
    echo "export COURTVOICE_DB_NAME=courtvoice"
    ;;
  *) usage ;;
esac
