# server-lib.sh — sourced by the suites' run.sh: start a hearth server and
# wait for it, stop it within a bounded time. A suite must end with a line
# of results, never hang: CI has a fixed budget, and a hang there shows
# nothing, while a named failure with the server's log shows the cause.

# How long one suite's tests may take before they are stopped (seconds).
SUITE_TIMEOUT=${HEARTH_SUITE_TIMEOUT:-1200}

# await_ready LOG PID — 0 once the server at PID has written "hearth is
# ready" to LOG, 1 if it died or took more than 10 s.
await_ready() {
	i=0
	until grep -q "hearth is ready" "$1" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$2" 2>/dev/null; then
			return 1
		fi
		sleep 0.1
	done
}

# stop_server PID — SIGTERM, then up to 30 s for a clean exit; a server
# that does not go is killed and reported. Returns the exit status (137
# for one that had to be killed).
stop_server() {
	kill -TERM "$1" 2>/dev/null
	i=0
	while kill -0 "$1" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then
			echo "# the server did not stop within 30 s of SIGTERM: killed"
			kill -KILL "$1" 2>/dev/null
			wait "$1" 2>/dev/null
			return 137
		fi
		sleep 0.1
	done
	wait "$1"
}

# run_suite TAP DIR [node options] — node's test runner over DIR, each test
# limited to 3 minutes and the whole suite to SUITE_TIMEOUT, TAP to the file.
run_suite() {
	tap=$1
	dir=$2
	shift 2
	timeout -k 10 "$SUITE_TIMEOUT" node --test --test-timeout=180000 "$@" --test-reporter=tap "$dir" >"$tap" 2>&1
	rc=$?
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		echo "not ok - the suite did not finish within $SUITE_TIMEOUT s and was stopped" >>"$tap"
		echo "# fail 1" >>"$tap"
	fi
	return 0
}
