#!/bin/sh
# lint.sh — `make lint`: the project's own rules, as curl keeps a list of
# banned functions. Fails on:
#   - C functions that invite overflows or hide errors (sprintf, strcpy,
#     strcat, strtok, atoi, gets, system);
#   - SQL assembled with format strings (a printf-family call whose format
#     contains an SQL keyword), since all SQL is constant with $N parameters;
#   - SQL outside src/store/ (SQL lives only in the store).
set -u
cd "$(dirname "$0")/.."
status=0
report() { echo "lint: $1"; status=1; }

banned=$(grep -nE '(^|[^_a-zA-Z0-9])(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|gets|system)[[:space:]]*\(' \
	$(find src tools tests/unit -name '*.[ch]') | grep -vE '^\S+:[0-9]+:\s*(/\*|\*)')
[ -n "$banned" ] && report "banned functions (use snprintf, buf_*, strtok_r, strtol):
$banned"

fmt_sql=$(grep -nE '(printf|buf_printf)\([^;]*"[^"]*(SELECT|INSERT|UPDATE|DELETE|WHERE)[[:space:]]' \
	$(find src -name '*.c'))
[ -n "$fmt_sql" ] && report "SQL built with a format string:
$fmt_sql"

sql_outside=$(grep -lE '"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM) ' $(find src -name '*.c' ! -path 'src/store/*'))
[ -n "$sql_outside" ] && report "SQL outside src/store/: $sql_outside"

if command -v cppcheck >/dev/null 2>&1; then
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
		--suppress=missingIncludeSystem --include=/usr/include/jansson.h -I src src || status=1
fi
[ $status -eq 0 ] && echo "lint: clean"
exit $status
