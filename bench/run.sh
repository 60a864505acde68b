#!/bin/sh
# run.sh — `make bench`: installs what the benchmark needs (wrk and nginx
# from Debian, besides hearth's own dependencies), builds hearth as it
# ships (-O2) and runs bench/bench.mjs. Options go through to bench.mjs:
#   make bench BENCH_CASES=1000000 BENCH_DB=sqlite BENCH_SECONDS=20
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
missing=""
for p in wrk nginx-light; do
	command -v "${p%-light}" >/dev/null 2>&1 || [ -x "/usr/sbin/${p%-light}" ] || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "bench: installing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $missing
	# Debian starts the packaged nginx on port 80; the benchmark runs its own.
	$SUDO sh -c 'command -v systemctl >/dev/null && systemctl stop nginx 2>/dev/null; /usr/sbin/nginx -s quit 2>/dev/null' || true
fi
make build/hearth
exec node bench/bench.mjs "$@"
