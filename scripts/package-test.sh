#!/usr/bin/env bash
# The Debian package in a throw-away Debian 12: installs the .deb with apt into a fresh debootstrap
# (minbase) root under /tmp, checks what postinst made, runs the installed programs, serves from a
# MariaDB inside the root (first account, /healthz, a page, backup and restore), purges the package,
# and prints PASS/FAIL per check. Minutes (downloads): by hand, not in CI (ctest's PackageLayout is
# the quick check of the layout).
#
#   bash scripts/package-test.sh                     # builds build/package and its .deb first
#   bash scripts/package-test.sh build/package/courtvoice_0.1.0-1_amd64.deb
#
# Environment: COURTVOICE_TEST_MIRROR (default: the host's Debian mirror from /etc/apt/sources.list*),
# COURTVOICE_TEST_DATABASE=0 (skip the MariaDB part), COURTVOICE_TEST_SYSTEMD=0 (skip
# systemd-analyze verify), KEEP_ROOT=1 (leave the root for a look). As root.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) -eq 0 ]] || { echo "package-test.sh: run as root (debootstrap, chroot, mount)" >&2; exit 2; }

failures=0
passes=0
pass() { echo "PASS: $*"; passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

# The package: given, or built from the package preset.
if [[ $# -ge 1 ]]; then
  deb=$(realpath "$1")
else
  echo "== build the package (preset package; long on a small machine)"
  cmake --preset package >/dev/null
  nice -n 10 cmake --build build/package -j "$(nproc)"
  (cd build/package && cpack -G DEB >/dev/null)
  deb=$(ls -t build/package/courtvoice_*.deb | head -n 1)
  deb=$(realpath "$deb")
fi
[[ -f $deb ]] || { echo "package-test.sh: no package $deb" >&2; exit 2; }
echo "== package $deb"

command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null

# The mirror the host uses (deb822 .sources or one-line sources.list).
mirror=${COURTVOICE_TEST_MIRROR:-}
if [[ -z $mirror ]]; then
  mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ && $2 ~ /\/debian\/?$/ {print $2; exit}')
fi
if [[ -z $mirror ]]; then
  mirror=$(grep -hE '^deb [^ ]+ bookworm ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2; exit}')
fi
mirror=${mirror:-http://deb.debian.org/debian}

root=$(mktemp -d /tmp/courtvoice-root-XXXXXX)
chmod 755 "$root"  # apt's download user (_apt) must reach its lists inside
started_pids=()
cleanup() {
  local pid
  for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${started_pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if mountpoint -q "$root/proc"; then umount "$root/proc" || umount -l "$root/proc" || true; fi
  # Never remove through a mount point.
  if [[ ${KEEP_ROOT:-0} == 1 ]]; then
    echo "root kept: $root"
  elif ! findmnt -rn -o TARGET | grep -q "^$root"; then
    rm -rf "$root"
  else
    echo "package-test.sh: $root still has mounts; not removed" >&2
  fi
}
trap cleanup EXIT

in_root() {  # a command inside the root, with a clean environment
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

echo "== debootstrap bookworm (minbase) from $mirror into $root"
start=$(date +%s)
if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1; then
  tail -n 20 "$root.debootstrap.log"
  echo "FAIL: debootstrap (log above)"
  exit 1
fi
rm -f "$root.debootstrap.log"
pass "debootstrap bookworm minbase in $(( $(date +%s) - start )) s"
mount -t proc proc "$root/proc"
# The host's sources (bookworm, -updates, -security), so that the package's dependencies resolve as on the host.
if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
  rm -f "$root/etc/apt/sources.list"
  for file in /etc/apt/sources.list.d/*.sources; do cp "$file" "$root/etc/apt/sources.list.d/"; done
fi
# No service starts inside the root (there is no init); package scripts must cope.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
cp "$deb" "$root/tmp/"
debname=$(basename "$deb")

echo "== apt-get install /tmp/$debname"
start=$(date +%s)
in_root apt-get update -qq >/dev/null
if in_root apt-get install -y -q --no-install-recommends "/tmp/$debname" >"$root/tmp/install.log" 2>&1; then
  pass "apt-get install /tmp/$debname (with its dependencies) in $(( $(date +%s) - start )) s"
else
  tail -n 30 "$root/tmp/install.log"
  fail "apt-get install /tmp/$debname"
  exit 1
fi
grep -E '^courtvoice: ' "$root/tmp/install.log" | sed 's/^/  postinst says: /' || true

echo "== what the package made"
passwd=$(in_root getent passwd courtvoice || true)
check "user courtvoice exists ($passwd)" test -n "$passwd"
check "user courtvoice has no login shell" test "$(cut -d: -f7 <<<"$passwd")" = /usr/sbin/nologin
check "user courtvoice is a system user (uid < 1000)" test "$(cut -d: -f3 <<<"$passwd")" -lt 1000
group() { in_root getent group courtvoice >/dev/null; }
check "group courtvoice exists" group
check "/var/lib/courtvoice: courtvoice:courtvoice 750" test "$(in_root stat -c '%U:%G %a' /var/lib/courtvoice)" = "courtvoice:courtvoice 750"
check "/etc/courtvoice: root:courtvoice 750" test "$(in_root stat -c '%U:%G %a' /etc/courtvoice)" = "root:courtvoice 750"
config=/etc/courtvoice/courtvoice.properties
check "$config: root:courtvoice 640" test "$(in_root stat -c '%U:%G %a' $config)" = "root:courtvoice 640"
conffile() { in_root dpkg-query -W -f='${Conffiles}' courtvoice | grep -q "$config"; }
check "$config is a conffile" conffile
secrets=$(grep -iE '^[[:space:]]*[^#[:space:]]*(password|token|secret)[^=]*=[[:space:]]*[^[:space:]]' "$root$config" |
  grep -vE '^[[:space:]]*db\.password_file[[:space:]]*=' || true)
check "$config holds no password or token" test -z "$secrets"
depends=$(in_root dpkg-query -W -f='${Depends}' courtvoice)
echo "  Depends: $depends"
depends_ok() { grep -q adduser <<<"$depends" && grep -q mariadb-client <<<"$depends" && grep -q libpoco <<<"$depends"; }
check "Depends: adduser, mariadb-client and the shared libraries (dpkg-shlibdeps)" depends_ok
unit=/lib/systemd/system/courtvoice.service
check "$unit installed" test -s "$root$unit"
for line in 'User=courtvoice' 'ProtectSystem=strict' 'ProtectHome=yes' 'NoNewPrivileges=yes' 'PrivateTmp=yes' \
  'PrivateDevices=yes' 'StateDirectory=courtvoice' 'CapabilityBoundingSet=' \
  'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6' 'SystemCallFilter=@system-service' 'Restart=on-failure' \
  'ExecStart=/usr/bin/courtvoice-server --config /etc/courtvoice/courtvoice.properties'; do
  check "unit: $line" grep -qxF "$line" "$root$unit"
done
check "unit: LimitNOFILE" grep -qE '^LimitNOFILE=[0-9]+$' "$root$unit"
check "courtvoice-admin --help runs from PATH" in_root sh -c 'courtvoice-admin --help >/dev/null'
check "courtvoice-server --help runs from PATH" in_root sh -c 'courtvoice-server --help >/dev/null'
check "/usr/share/courtvoice/web/index.html" test -s "$root/usr/share/courtvoice/web/index.html"
migrations=$(find "$root/usr/share/courtvoice/migrations" -name '*.sql' | wc -l)
check "/usr/share/courtvoice/migrations ($migrations files)" test "$migrations" -eq "$(find surveys/migrations -name '*.sql' | wc -l)"
check "/usr/share/courtvoice/templates/courts.csv" test -s "$root/usr/share/courtvoice/templates/courts.csv"
check "mariadb-dump and mariadb (backup, restore) on PATH" in_root sh -c 'command -v mariadb-dump >/dev/null && command -v mariadb >/dev/null'

if [[ ${COURTVOICE_TEST_SYSTEMD:-1} == 1 ]]; then
  echo "== systemd-analyze verify (installs systemd in the root)"
  if in_root apt-get install -y -q --no-install-recommends systemd >"$root/tmp/systemd.log" 2>&1; then
    verify() { in_root systemd-analyze verify "$unit" >"$root/tmp/verify.log" 2>&1; }
    check "systemd-analyze verify $unit" verify
    sed 's/^/  /' "$root/tmp/verify.log"
    security() {
      local level
      level=$(in_root systemd-analyze security --offline=true "$unit" 2>/dev/null | tail -n 1)
      echo "  systemd-analyze security: $level"
      grep -qE 'OK|MEDIUM' <<<"$level"
    }
    check "systemd-analyze security: exposure OK or MEDIUM" security
  else
    tail -n 5 "$root/tmp/systemd.log"
    fail "apt-get install systemd (for systemd-analyze)"
  fi
fi

if [[ ${COURTVOICE_TEST_DATABASE:-1} == 1 ]]; then
  echo "== a MariaDB in the root (socket only), the first account, the server, backup and restore"
  if in_root apt-get install -y -q --no-install-recommends mariadb-server >"$root/tmp/mariadb.log" 2>&1; then
    pass "apt-get install mariadb-server (in the root)"
    mkdir -p "$root/run/mysqld"
    in_root chown mysql:mysql /run/mysqld
    # skip-networking: nothing in the root listens where the host's MariaDB might.
    chroot "$root" /usr/sbin/mariadbd --user=mysql --skip-networking --socket=/run/mysqld/mysqld.sock \
      >"$root/tmp/mariadbd.log" 2>&1 &
    started_pids+=($!)
    mariadb_up() {
      local _
      for _ in $(seq 300); do in_root mariadb-admin --protocol=socket ping >/dev/null 2>&1 && return 0; sleep 0.2; done
      tail -n 15 "$root/tmp/mariadbd.log"
      return 1
    }
    check "mariadbd started in the root" mariadb_up
    password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
    in_root mariadb --protocol=socket <<SQL || fail "create the database and its user"
CREATE DATABASE courtvoice CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE USER 'courtvoice'@'localhost' IDENTIFIED BY '$password';
GRANT ALL ON courtvoice.* TO 'courtvoice'@'localhost';
SQL
    # As install.md says: the password in a file only the service user may read.
    (umask 077; printf '%s\n' "$password" >"$root/etc/courtvoice/db-password")
    in_root chown courtvoice:courtvoice /etc/courtvoice/db-password
    # The socket instead of 127.0.0.1:3306 (skip-networking above): an override in the environment.
    dbenv=(COURTVOICE_DB_SOCKET=/run/mysqld/mysqld.sock)
    admin() { in_root "${dbenv[@]}" courtvoice-admin --config "$config" "$@"; }
    quiet_admin() { admin "$@" >"$root/tmp/admin.log" 2>&1 || { tail -n 5 "$root/tmp/admin.log"; return 1; }; }
    create_admin() { echo 'correct-horse-battery-9' | quiet_admin create-account admin --role=administrator; }
    check "courtvoice-admin migrate (the installed migrations)" quiet_admin migrate
    check "courtvoice-admin create-account admin --role=administrator" create_admin
    check "courtvoice-admin demo (the installed templates)" quiet_admin demo --responses=20
    # Without --config the installed tool reads /etc/courtvoice/courtvoice.properties (the password file).
    default_config() { in_root "${dbenv[@]}" courtvoice-admin list-accounts 2>&1 | grep -q '^admin '; }
    check "courtvoice-admin list-accounts without --config (reads $config)" default_config
    # The server as the service user, on a port of its own, as the unit starts it (without systemd).
    port=$((20000 + RANDOM % 20000))
    chroot --userspec=courtvoice:courtvoice "$root" /usr/bin/env -i PATH=/usr/bin:/bin "${dbenv[@]}" \
      COURTVOICE_PORT=$port courtvoice-server --config "$config" >"$root/tmp/server.log" 2>&1 &
    server_pid=$!
    started_pids+=("$server_pid")
    for _ in $(seq 300); do
      grep -q 'listening on' "$root/tmp/server.log" && break
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.2
    done
    check "courtvoice-server (user courtvoice, the installed config) listens" grep -q 'listening on' "$root/tmp/server.log"
    get() ( exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3 && cat <&3 )
    answers() { get "$1" | head -n 1 | grep -q " $2"; }
    page() { get "$1" | grep -qi '<html'; }
    check "GET /healthz: 200" answers /healthz 200
    check "GET /readyz: 200 (migrations and results engine)" answers /readyz 200
    check "GET /login: the installed page" page /login
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    sed 's/^/  server: /' "$root/tmp/server.log" | head -n 6
    count() { in_root mariadb --protocol=socket -N -e 'SELECT COUNT(*) FROM courtvoice.responses'; }
    before=$(count)
    check "courtvoice-admin backup --output /var/backups/courtvoice.sql.gz ($before responses)" \
      quiet_admin backup --output /var/backups/courtvoice.sql.gz
    sed 's/^/  /' "$root/tmp/admin.log"
    in_root mariadb --protocol=socket -e 'DROP DATABASE courtvoice; CREATE DATABASE courtvoice CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci'
    check "courtvoice-admin restore --input /var/backups/courtvoice.sql.gz (into an empty database)" \
      quiet_admin restore --input /var/backups/courtvoice.sql.gz
    sed 's/^/  /' "$root/tmp/admin.log"
    check "restored: $before responses again" test "$(count)" = "$before"
    refused() { ! admin restore --input /var/backups/courtvoice.sql.gz >"$root/tmp/admin.log" 2>&1; }
    check "restore over responses without --force is refused" refused
    sed 's/^/  /' "$root/tmp/admin.log"
    no_credentials_left() { ! compgen -G "$root/tmp/courtvoice-admin-*" >/dev/null; }
    check "no temporary credentials file left in /tmp" no_credentials_left
    in_root mariadb-admin --protocol=socket shutdown >/dev/null 2>&1 || true
  else
    tail -n 10 "$root/tmp/mariadb.log"
    fail "apt-get install mariadb-server (in the root)"
  fi
fi

echo "== apt-get purge courtvoice"
if in_root apt-get purge -y -q courtvoice >"$root/tmp/purge.log" 2>&1; then pass "apt-get purge courtvoice"; else tail "$root/tmp/purge.log"; fail "apt-get purge courtvoice"; fi
gone() { ! in_root dpkg-query -W -f='${Status}' courtvoice 2>/dev/null | grep -q ' installed'; }
check "purge: package gone" gone
check "purge: /usr/bin/courtvoice-server gone" test ! -e "$root/usr/bin/courtvoice-server"
check "purge: /usr/share/courtvoice gone" test ! -e "$root/usr/share/courtvoice"
check "purge: /etc/courtvoice gone (config and password file)" test ! -e "$root/etc/courtvoice"
check "purge: /var/lib/courtvoice gone" test ! -e "$root/var/lib/courtvoice"
check "purge: $unit gone" test ! -e "$root$unit"
leftover=$(in_root find / -xdev \( -user courtvoice -o -group courtvoice \) -print 2>/dev/null | head -n 5)
check "purge: no file of user courtvoice left${leftover:+ ($leftover)}" test -z "$leftover"

echo
echo "package-test: $passes passed, $failures failed ($deb)"
if ((failures > 0)); then echo "RESULT: FAIL"; exit 1; fi
echo "RESULT: PASS"
