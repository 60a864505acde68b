#!/bin/sh
# Installs everything hearth needs to build, run and test on Debian 12:
# Debian packages via apt, then front-end/test packages from the npm lockfile.
# Idempotent: packages already present are skipped, so `make run` can call it
# every time. Works as root or through sudo.
set -eu

cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

PKGS="build-essential pkg-config ca-certificates
libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev
liboath-dev libqrencode-dev libgnutls28-dev libcmocka-dev postgresql sqlite3 openssl
chromium fonts-dejavu-core
libcairo2-dev libpango1.0-dev fonts-noto-core poppler-utils
libcurl4-gnutls-dev libical-dev"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# Node.js may come from Debian or another source; only add Debian's when absent.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
	echo "hearth: installing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $missing
fi

# npm packages from the lockfile only; reinstall when the lockfile changes.
if [ -f package-lock.json ]; then
	stamp=node_modules/.hearth-lock
	if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
		echo "hearth: installing npm packages from package-lock.json"
		npm ci --no-audit --no-fund --loglevel=error
		cp package-lock.json "$stamp"
	fi
fi
