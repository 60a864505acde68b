#!/bin/sh
# pg-cluster.sh — a throwaway PostgreSQL cluster for tests.
#
#   tests/pg-cluster.sh start DIR   create (or restart) a cluster in DIR, create
#                                   database "hearth", print its libpq URL
#   tests/pg-cluster.sh stop DIR    stop it and remove DIR (fine if already gone)
#
# The server listens only on a Unix socket inside DIR (no TCP), so parallel
# runs cannot collide on a port and nothing is reachable from the network.
# fsync and friends are off: the data is thrown away anyway (unless
# HEARTH_PG_DURABLE=1, for the benchmark, which measures PostgreSQL as a
# service would run it). Authentication is
# "trust" for the bootstrap superuser "postgres", which the URL names, so the
# same URL works whether we run as root (CI) or as a normal user.
#
# initdb and postgres refuse to run as root, so as root they run as the
# `postgres` system user and DIR is handed to it; root reaches the socket
# anyway. Only stdout carries the URL; progress and logs go to stderr.
set -eu

PORT=5432
MARKER=.hearth-pg-cluster

die() {
	echo "pg-cluster.sh: $*" >&2
	exit 1
}

usage() {
	die "usage: $0 start|stop DIR"
}

# The server binaries. pg_config may come from a libpq-dev newer than the
# installed server, so check that initdb is really there before trusting it.
find_bindir() {
	if command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir 2>/dev/null || true)
		if [ -n "$d" ] && [ -x "$d/initdb" ]; then
			echo "$d"
			return 0
		fi
	fi
	d=$(for b in /usr/lib/postgresql/*/bin; do
		[ -x "$b/initdb" ] && echo "$b"
	done | sort -t/ -k5 -n | tail -n 1)
	[ -n "$d" ] || die "no PostgreSQL server found (install the postgresql package)"
	echo "$d"
}

is_root() {
	[ "$(id -u)" = 0 ]
}

# Runs a server program, as `postgres` when we are root. The working
# directory is DIR: postgres may not be allowed into the caller's directory,
# and pg_ctl fails when it cannot resolve its own working directory.
as_pg() {
	if is_root; then
		if command -v runuser >/dev/null 2>&1; then
			(cd "$DIR" && runuser -u postgres -- "$@")
		else
			# su needs one command string: quote each argument for sh.
			cmd=""
			for a in "$@"; do
				cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
			done
			(cd "$DIR" && su -s /bin/sh postgres -c "$cmd")
		fi
	else
		(cd "$DIR" && "$@")
	fi
}

# Percent-encodes a path for a URI query value (RFC 3986 unreserved and "/"
# pass through), so a DIR with spaces or "&" still yields a valid URL.
urlencode() {
	printf '%s' "$1" | od -An -v -tx1 | tr -s ' \n' '  ' | {
		read -r bytes || true
		out=""
		for h in $bytes; do
			case $h in
			2d | 2e | 2f | 3[0-9] | 4[1-9a-f] | 5[0-9a] | 5f | 6[1-9a-f] | 7[0-9a] | 7e)
				out="$out$(printf "\\$(printf '%03o' "0x$h")")"
				;;
			*)
				out="$out%$(echo "$h" | tr 'a-f' 'A-F')"
				;;
			esac
		done
		printf '%s' "$out"
	}
}

print_url() {
	printf 'postgresql:///hearth?host=%s&port=%s&user=postgres\n' "$(urlencode "$DIR")" "$PORT"
}

running() {
	as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
	mkdir -p "$DIR"
	DIR=$(cd "$DIR" && pwd -P)
	# The socket path must fit in sockaddr_un.sun_path (108 bytes on Linux).
	sock="$DIR/.s.PGSQL.$PORT"
	[ "${#sock}" -lt 100 ] || die "path too long for a Unix socket: $sock"

	if [ ! -f "$DIR/data/PG_VERSION" ]; then
		[ -z "$(ls -A "$DIR")" ] || die "$DIR is not empty"
		: >"$DIR/$MARKER"
		# Trust authentication: only the owner may reach the socket.
		chmod 700 "$DIR"
		if is_root; then
			chown postgres: "$DIR"
			as_pg test -w "$DIR" ||
				die "the postgres user cannot reach $DIR (choose a directory under /tmp)"
		fi
		locale=C
		if locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$'; then
			locale=C.UTF-8
		fi
		as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 \
			--locale="$locale" >"$DIR/initdb.log" 2>&1 ||
			{ cat "$DIR/initdb.log" >&2; die "initdb failed"; }
		# Settings go in the file rather than on pg_ctl's -o line, which
		# pg_ctl hands to a shell: a DIR with spaces or quotes stays intact.
		qdir=$(printf '%s' "$DIR" | sed "s/'/''/g")
		cat >>"$DIR/data/postgresql.conf" <<EOF

# hearth test cluster: Unix socket only.
listen_addresses = ''
unix_socket_directories = '$qdir'
unix_socket_permissions = 0700
port = $PORT
max_connections = 50
EOF
		if [ "${HEARTH_PG_DURABLE:-0}" = 1 ]; then
			echo "shared_buffers = 256MB" >>"$DIR/data/postgresql.conf"
		else
			# durability off: throwaway data
			printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$DIR/data/postgresql.conf"
		fi
	fi

	if ! running; then
		as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >&2 ||
			{ cat "$DIR/server.log" >&2 2>/dev/null; die "the server did not start"; }
	fi

	has_db=$("$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -XAtq \
		-c "SELECT 1 FROM pg_database WHERE datname = 'hearth'")
	if [ "$has_db" != 1 ]; then
		"$BIN/createdb" -h "$DIR" -p "$PORT" -U postgres -E UTF8 -T template0 hearth ||
			die "createdb failed"
	fi
	print_url
}

stop() {
	[ -e "$DIR" ] || return 0
	DIR=$(cd "$DIR" && pwd -P)
	# Never remove a directory this script did not create.
	[ -f "$DIR/$MARKER" ] || die "$DIR was not made by pg-cluster.sh; not removing it"
	if [ -f "$DIR/data/PG_VERSION" ] && running; then
		as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w -t 60 stop >&2 ||
			die "could not stop the server in $DIR"
	fi
	rm -rf "$DIR"
}

[ $# -eq 2 ] || usage
[ -n "$2" ] || usage
DIR=$2
BIN=$(find_bindir)

case $1 in
start) start ;;
stop) stop ;;
*) usage ;;
esac
