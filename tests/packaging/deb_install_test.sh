#!/usr/bin/env bash
# The Debian package, installed and started as its systemd unit would start it:
#   deb_install_test.sh BUILD_DIR
# builds the .deb with CPack, installs it with dpkg, checks the `debrief` user, the data folder
# and the settings file, starts the service's command as that user with those settings, waits
# for /readyz, checks the database landed in /var/lib/debrief, and purges the package.
# It changes the machine (a package, a system user), so it runs only as root on a machine with no
# debrief installed or set up before, and leaves nothing of itself; otherwise it is skipped (77).
set -euo pipefail
build=$(cd "${1:?build folder}" && pwd)

skip() { echo "SKIPPED: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "installing a package needs root"
command -v dpkg >/dev/null || skip "no dpkg"
if dpkg -s debrief >/dev/null 2>&1 || getent passwd debrief >/dev/null || [ -e /var/lib/debrief ] ||
  [ -e /etc/debrief ]; then
  skip "debrief is installed or set up on this machine already; not touching it"
fi

work=$(mktemp -d)
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  dpkg --purge debrief >/dev/null 2>&1 || true
  getent passwd debrief >/dev/null && deluser --system debrief >/dev/null 2>&1 || true
  getent group debrief >/dev/null && delgroup --system debrief >/dev/null 2>&1 || true
  rm -rf /var/lib/debrief /etc/debrief "$work"
}
trap cleanup EXIT

fail() { echo "FAILED: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work" >/dev/null)
deb=$(ls "$work"/debrief_*.deb)
DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || {
  cat "$work/dpkg.log" >&2
  fail "dpkg -i"
}

getent passwd debrief >/dev/null || fail "no debrief user"
[ "$(stat -c %U:%a /var/lib/debrief)" = "debrief:750" ] || fail "/var/lib/debrief: $(stat -c %U:%a /var/lib/debrief)"
[ "$(stat -c %U:%G:%a /etc/debrief/debrief.env)" = "root:debrief:640" ] ||
  fail "/etc/debrief/debrief.env: $(stat -c %U:%G:%a /etc/debrief/debrief.env)"
[ -f /usr/lib/systemd/system/debrief.service ] || fail "no systemd unit"
grep -q '^ExecStart=/usr/bin/debrief serve' /usr/lib/systemd/system/debrief.service || fail "unit's ExecStart"
dpkg-query -W -f='${Conffiles}' debrief | grep -q /etc/debrief/debrief.env || fail "settings not a conffile"

# As the unit starts it: its user, its settings file, its options; on a free port for the test.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
set -a
. /etc/debrief/debrief.env
set +a
export DEBRIEF_LISTEN=127.0.0.1:$port
cd /var/lib/debrief
# shellcheck disable=SC2086
setpriv --reuid=debrief --regid=debrief --init-groups /usr/bin/debrief serve $DEBRIEF_OPTIONS \
  >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; fail "the service exited"; }
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$work/serve.err" >&2; fail "/readyz"; }
[ "$(stat -c %U /var/lib/debrief/debrief.db)" = debrief ] || fail "database not in /var/lib/debrief"
# Authentication is on: the API refuses an anonymous caller.
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/incidents")" = 401 ] ||
  fail "anonymous API call not refused"
kill "$server"
wait "$server" 2>/dev/null || true
server=""

dpkg -r debrief >/dev/null
[ -f /var/lib/debrief/debrief.db ] || fail "removing the package deleted the reviews"
echo "installed, started, answered /readyz, removed with the data kept: $(basename "$deb")"
