#!/usr/bin/env bash
# PackageLayout (ctest): what `cmake --install` lays out from a build, in a few seconds; the .deb in
# a throw-away Debian is scripts/package-test.sh (too slow for CI).
#   check_layout.sh BUILD_DIR [CMAKE]
# Installs with DESTDIR into a temporary directory (prefix /usr, as the package), so that nothing
# outside it is written even when the build names absolute places (/etc/courtvoice), then checks:
# the programs (and that they start), the pages, migrations, templates, the sample configuration
# (no secrets) and the systemd unit (hardened).
set -euo pipefail
build=$(cd "${1:?usage: check_layout.sh BUILD_DIR [CMAKE]}" && pwd)
cmake=${2:-cmake}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/courtvoice-layout-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root

failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

# An install directory as the build's cache names it: absolute, or under the prefix /usr.
place() {
  local value
  value=$(sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt")
  value=${value:-$2}
  if [[ $value == /* ]]; then echo "$root$value"; else echo "$root/usr/$value"; fi
}

if ! DESTDIR=$root "$cmake" --install "$build" --prefix /usr >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  echo "FAIL: cmake --install $build"
  exit 1
fi
pass "cmake --install $build (DESTDIR, prefix /usr): $(grep -c 'Installing:' "$tmp/install.log") files"

bin=$root/usr/bin
share=$root/usr/share/courtvoice
config=$(place COURTVOICE_CONFIG_DIR etc/courtvoice)/courtvoice.properties
unit=$(place COURTVOICE_SYSTEMD_UNIT_DIR lib/systemd/system)/courtvoice.service

for program in courtvoice-server courtvoice-admin; do
  check "bin/$program is installed and executable" test -x "$bin/$program"
  # ASan's leak check at exit has nothing to do with the layout.
  check "$program --help runs" env ASAN_OPTIONS=detect_leaks=0 "$bin/$program" --help >/dev/null
done

check "web: share/courtvoice/web/index.html" test -s "$share/web/index.html"
check "web: the static files" test -s "$share/web/static/base.css"
expected=$(find "$source_dir/surveys/migrations" -name '*.sql' | wc -l)
installed=$(find "$share/migrations" -name '*.sql' 2>/dev/null | wc -l)
check "migrations: $installed of $expected in share/courtvoice/migrations" test "$installed" -eq "$expected" -a "$expected" -gt 0
for file in courts.csv regions.csv court_user.json court_staff.json judges.json v1/court_user.json population/court_user.csv; do
  check "templates: $file" test -s "$share/templates/$file"
done
if [[ -f $source_dir/docs/openapi.json ]]; then
  check "docs: share/courtvoice/docs/openapi.json" test -s "$share/docs/openapi.json"
fi

check "sample configuration ${config#"$root"}" test -s "$config"
# A key naming a secret with a value in it; db.password_file names a file, which is the point.
secrets=$(grep -iE '^[[:space:]]*[^#[:space:]]*(password|token|secret)[^=]*=[[:space:]]*[^[:space:]]' "$config" |
  grep -vE '^[[:space:]]*db\.password_file[[:space:]]*=' || true)
check "the configuration holds no secret" test -z "$secrets"
[[ -z $secrets ]] || echo "  $secrets"
check "the configuration reads the password from a file" grep -qE '^db\.password_file = /.+' "$config"

check "systemd unit ${unit#"$root"}" test -s "$unit"
for line in 'User=courtvoice' 'ProtectSystem=strict' 'ProtectHome=yes' 'NoNewPrivileges=yes' 'PrivateTmp=yes' \
  'PrivateDevices=yes' 'StateDirectory=courtvoice' 'CapabilityBoundingSet=' \
  'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6' 'SystemCallFilter=@system-service' 'Restart=on-failure'; do
  check "unit: $line" grep -qxF "$line" "$unit"
done
check "unit: LimitNOFILE" grep -qE '^LimitNOFILE=[0-9]+$' "$unit"
check "unit: ExecStart runs courtvoice-server --config" grep -qE '^ExecStart=/.*/courtvoice-server --config /.*/courtvoice\.properties$' "$unit"

if ((failures > 0)); then
  echo "PackageLayout: $failures check(s) FAILED"
  exit 1
fi
echo "PackageLayout: all checks PASSED"
