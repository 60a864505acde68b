#!/bin/sh
# run.sh BIN DB — runs the API suite (tests/api/*.test.mjs) against a real
# hearth server built as BIN, on DB = sqlite or postgresql. It creates a
# fresh database (a throwaway PostgreSQL cluster for postgresql), migrates
# it, loads the demo data, starts the server on a free loopback port, runs
# the tests over HTTP, stops the server with SIGTERM and removes everything.
# Prints the TAP output and ends with "api <label>: P passed, F failed".
# A server that crashes, or reports a leak or sanitizer error on exit,
# counts as one more failure.
set -u
BIN=$1
KIND=$2
LABEL=${3:-$KIND}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/hearth-api.XXXXXX)
chmod 755 "$WORK"
PORT=$(( 20000 + $$ % 20000 ))
fail_extra=0
. "$ROOT/tests/server-lib.sh"
# Leaks in third-party libraries that LeakSanitizer may report at exit
# (tests/lsan.supp), unless the caller set its own.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}"

cleanup() {
	[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null
	[ "$KIND" = postgresql ] && "$ROOT/tests/pg-cluster.sh" stop "$WORK/pg" >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if [ "$KIND" = postgresql ]; then
	DB=$("$ROOT/tests/pg-cluster.sh" start "$WORK/pg") || { echo "api $LABEL: 0 passed, 1 failed (could not start PostgreSQL)"; exit 1; }
else
	DB="sqlite:$WORK/hearth.db"
fi

if ! "$BIN" migrate --db "$DB" >"$WORK/setup.log" 2>&1 || ! "$BIN" demo --db "$DB" >>"$WORK/setup.log" 2>&1; then
	cat "$WORK/setup.log"
	echo "api $LABEL: 0 passed, 1 failed (setup)"
	exit 1
fi

"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 4 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
if ! await_ready "$WORK/server.log" "$SERVER_PID"; then
	cat "$WORK/server.log"
	echo "api $LABEL: 0 passed, 1 failed (server did not start)"
	exit 1
fi

cd "$ROOT"
HEARTH_URL="http://127.0.0.1:$PORT" HEARTH_BIN="$BIN" HEARTH_DB="$DB" \
	run_suite "$WORK/tap.txt" tests/api/
cat "$WORK/tap.txt"

stop_server "$SERVER_PID"
status=$?
SERVER_PID=
if [ $status -ne 0 ] || grep -qE "ERROR: (Address|Leak)Sanitizer|runtime error:" "$WORK/server.log"; then
	echo "# the server exited with status $status; its log:"
	cat "$WORK/server.log"
	fail_extra=1
fi
pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$WORK/tap.txt" | tail -n 1)
fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$WORK/tap.txt" | tail -n 1)
pass=${pass:-0}
fail=$(( ${fail:-1} + fail_extra ))
if [ "$fail" -gt 0 ] && [ "$fail_extra" -eq 0 ]; then
	echo "# the end of the server's log:"
	tail -n 60 "$WORK/server.log"
fi
echo "api $LABEL: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
