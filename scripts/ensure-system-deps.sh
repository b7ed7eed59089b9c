#!/usr/bin/env bash
# The tests need Debian's Chromium (browser tests) and PostgreSQL server binaries (integration tests
# on a real server). As root, install what is missing; otherwise say exactly what to install.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	missing+=(postgresql postgresql-contrib)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "Installing Debian packages the tests need: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	# Debian starts a default cluster on install; the tests run their own throwaway server.
	exit 0
fi

echo "The tests need these system packages, which are not installed: ${missing[*]}" >&2
echo "Install them as root, e.g.: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
