#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: installs packages, builds, starts a private MariaDB
# (var/mariadb, port 3307), migrates, loads the demo, and serves on http://127.0.0.1:8080.
# The demo: the court registry and the three surveys (court_user, court_staff, judges), each in two
# editions: version 1 answered 7 to 24 months ago, version 2 (published after it) in the last 6
# months, so that the trend view shows where series break. A second run adds nothing.
# Environment: COURTVOICE_PORT (8080), COURTVOICE_DB_PORT (3307), COURTVOICE_ADMIN_TOKEN (generated
# once into var/admin-token when unset).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/install-deps.sh

echo "== build (release)"
cmake --preset release >/dev/null
cmake --build build/release -j "$(nproc)" --target courtvoice-server courtvoice-admin

echo "== private MariaDB"
mkdir -p var
bash scripts/db.sh start "$root/var/mariadb" "${COURTVOICE_DB_PORT:-3307}"
eval "$(bash scripts/db.sh env "$root/var/mariadb")"

if [[ -z "${COURTVOICE_ADMIN_TOKEN:-}" ]]; then
  if [[ ! -s var/admin-token ]]; then
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > var/admin-token)
  fi
  COURTVOICE_ADMIN_TOKEN=$(cat var/admin-token)
fi
export COURTVOICE_ADMIN_TOKEN
export COURTVOICE_PORT=${COURTVOICE_PORT:-8080}

admin=build/release/server/courtvoice-admin
echo "== migrate"
"$admin" migrate
echo "== demo data (two editions of each survey, with responses; a few seconds)"
"$admin" demo

base="http://127.0.0.1:$COURTVOICE_PORT"
cat <<MSG

CourtVoice is starting on $base
  citizen survey (web):    $base/s/court_user?court=AST-ESL&lang=ru
  citizen survey (kiosk):  $base/s/court_user?court=AST-ESL&channel=kiosk&lang=kk
  strategy dashboard:      $base/dashboard   (admin token: var/admin-token)
  trend across versions:   $base/dashboard?survey=court_user&view=trend&period=quarter
                           (version 1, then version 2: where series break, start and end)
  court posters (QR, A4):  $base/posters
  kiosk set-up:            $base/kiosk
  staff/judge invitations: $base/admin/invitations   (codes for court_staff and judges)
  API:                     $base/api/v1/surveys/court_user?lang=en
Stop with Ctrl-C; the database keeps running: bash scripts/db.sh stop var/mariadb

MSG
exec build/release/server/courtvoice-server
