#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: installs packages, builds, starts a private MariaDB
# (var/mariadb, port 3307), migrates, loads the demo, and serves on http://127.0.0.1:8080.
# The demo: the court registry and the three surveys (court_user, court_staff, judges), each in two
# editions: version 1 answered 7 to 24 months ago, version 2 (published after it) in the last 6
# months, so that the trend view shows where series break. A second run adds nothing.
# Environment: COURTVOICE_PORT (8080), COURTVOICE_DB_PORT (3307), COURTVOICE_ADMIN_TOKEN (an optional
# bootstrap credential, off unless set). The demo creates the administrator account "admin" once:
# its password in var/admin-password and an API token for automation in var/admin-token (mode 600).
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

export COURTVOICE_PORT=${COURTVOICE_PORT:-8080}

admin=build/release/server/courtvoice-admin
echo "== migrate"
"$admin" migrate
echo "== demo data (two editions of each survey, with responses; a few seconds)"
"$admin" demo
echo "== the administrator account (once)"
if ! "$admin" list-accounts | grep -q '^admin '; then
  (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '-_' > var/admin-password)
  "$admin" create-account admin --role=administrator < var/admin-password
fi
# An API token of "admin" for scripts (curl -H "Authorization: Bearer $(cat var/admin-token)").
if [[ ! -s var/admin-token ]] || ! grep -q '^cvt_' var/admin-token; then
  (umask 077; "$admin" create-token admin --label="demo automation" --expires=90 > var/admin-token)
fi

base="http://127.0.0.1:$COURTVOICE_PORT"
cat <<MSG

CourtVoice is starting on $base
  citizen survey (web):    $base/s/court_user?court=AST-ESL&lang=ru
  citizen survey (kiosk):  $base/s/court_user?court=AST-ESL&channel=kiosk&lang=kk
  sign in:                 $base/login       (account admin, password in var/admin-password)
  strategy dashboard:      $base/dashboard   (API token for scripts: var/admin-token)
  trend across versions:   $base/dashboard?survey=court_user&view=trend&period=quarter
                           (version 1, then version 2: where series break, start and end)
  court posters (QR, A4):  $base/posters
  kiosk set-up:            $base/kiosk
  staff/judge invitations: $base/admin/invitations   (codes for court_staff and judges)
  API:                     $base/api/v1/surveys/court_user?lang=en
  API reference:           $base/docs/api   (OpenAPI 3.1: $base/docs/openapi.json)
Add an analyst of one region and a court manager of one court (each asks for a password):
  $admin create-account analyst-almaty --role=analyst --regions=almaty_city
  $admin create-account manager-ast-esl --role=court_manager --courts=AST-ESL
Stop with Ctrl-C; the database keeps running: bash scripts/db.sh stop var/mariadb

MSG
exec build/release/server/courtvoice-server
