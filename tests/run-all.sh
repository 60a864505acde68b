#!/bin/sh
# run-all.sh — every test hearth has, in one go (called by `make test`):
#   unit tests (cmocka), plain and with AddressSanitizer + UBSan;
#   the API suite over HTTP on SQLite and on PostgreSQL, plain and sanitized.
# Each suite prints "<suite>: P passed, F failed"; the last line is the sum.
set -u
cd "$(dirname "$0")/.."
OUT=build/test-results
rm -rf "$OUT"
mkdir -p "$OUT"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Third-party leaks only (fontconfig's process-long cache): see the file.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

run_unit() { # dir label
	for t in "$1"/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		log="$OUT/$2-$name.log"
		timeout -k 5 300 "$t" >"$log" 2>&1
		status=$?
		[ $status -eq 124 ] && echo "$t did not finish within 300 s" >>"$log"
		# A file may run several groups: add up every group's line.
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s += $1} END {print s + 0}')
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s += $1} END {print s + 0}')
		if [ $status -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # crashed or sanitizer report
		[ "$f" -gt 0 ] && cat "$log"
		echo "$2 $name: $p passed, $f failed" | tee -a "$OUT/summary"
	done
}

# The store's unit tests also run against PostgreSQL, in a throwaway cluster.
PGDIR=$(mktemp -d /tmp/hearth-unit-pg.XXXXXX)
chmod 755 "$PGDIR" # the cluster runs as the postgres user when we are root
if HEARTH_TEST_PG_URL=$(tests/pg-cluster.sh start "$PGDIR/pg"); then
	export HEARTH_TEST_PG_URL
else
	echo "unit PostgreSQL cluster: 0 passed, 1 failed" | tee -a "$OUT/summary"
fi
run_unit build/tests unit
run_unit build/asan/tests unit-asan
tests/pg-cluster.sh stop "$PGDIR/pg" >/dev/null 2>&1
rm -rf "$PGDIR"
unset HEARTH_TEST_PG_URL

for kind in sqlite postgresql; do
	tests/api/run.sh build/hearth $kind api-$kind >"$OUT/api-$kind.log" 2>&1
	grep -E "^not ok|^# Subtest|failed \(" "$OUT/api-$kind.log" | grep -v "^# Subtest" | head -n 40
	tail -n 1 "$OUT/api-$kind.log" | tee -a "$OUT/summary"
	tests/api/run.sh build/asan/hearth $kind api-asan-$kind >"$OUT/api-asan-$kind.log" 2>&1
	grep -E "^not ok|failed \(" "$OUT/api-asan-$kind.log" | head -n 40
	tail -n 1 "$OUT/api-asan-$kind.log" | tee -a "$OUT/summary"
done

# The pages in a real browser (Debian's chromium through playwright-core).
tests/browser/run.sh build/hearth >"$OUT/browser.log" 2>&1
grep -E "^not ok|failed \(" "$OUT/browser.log" | head -n 40
grep -c "axe .*: 0 violations" "$OUT/browser.log" | sed 's/^/browser: pages checked by axe with no violations: /'
grep "axe .*: [1-9][0-9]* violations" "$OUT/browser.log"
tail -n 1 "$OUT/browser.log" | tee -a "$OUT/summary"

awk '{ for (i = 1; i <= NF; i++) { if ($i == "passed,") p += $(i-1); if ($i == "failed" || $i == "failed,") f += $(i-1) } }
     END { printf "%d passed, %d failed\n", p, f; exit (f > 0) }' "$OUT/summary"
