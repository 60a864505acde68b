#!/bin/sh
# run.sh BIN — the browser tests (tests/browser/*.test.mjs): a fresh SQLite
# database with the demo data, a real server on a free loopback port, and
# Debian's chromium driven by playwright-core. Screenshots of every page go
# to build/screenshots/. Ends with "browser: P passed, F failed".
set -u
BIN=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/hearth-browser.XXXXXX)
PORT=$(( 30000 + $$ % 20000 ))
cleanup() {
	[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
. "$ROOT/tests/server-lib.sh"
DB="sqlite:$WORK/hearth.db"
if ! "$BIN" migrate --db "$DB" >"$WORK/setup.log" 2>&1 || ! "$BIN" demo --db "$DB" >>"$WORK/setup.log" 2>&1; then
	cat "$WORK/setup.log"
	echo "browser: 0 passed, 1 failed (setup)"
	exit 1
fi
HEARTH_STRICT_TEMPLATES=1 "$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 4 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
if ! await_ready "$WORK/server.log" "$SERVER_PID"; then
	cat "$WORK/server.log"
	echo "browser: 0 passed, 1 failed (server did not start)"
	exit 1
fi
cd "$ROOT"
HEARTH_URL="http://127.0.0.1:$PORT" run_suite "$WORK/tap.txt" tests/browser/ --test-concurrency=1
cat "$WORK/tap.txt"
stop_server "$SERVER_PID"
status=$?
SERVER_PID=
extra=0
if [ $status -ne 0 ] || grep -q "incident\|ERROR: AddressSanitizer\|runtime error" "$WORK/server.log"; then
	echo "# server log:"; cat "$WORK/server.log"; extra=1
fi
p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$WORK/tap.txt")
f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$WORK/tap.txt")
echo "browser: ${p:-0} passed, $(( ${f:-1} + extra )) failed"
