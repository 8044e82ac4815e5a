#!/usr/bin/env bash
# Debian packages the test suite needs: PostgreSQL 15 (second test leg), Chromium (browser tests),
# Noto CJK fonts (Chinese in screenshots and PDFs), Pango (WeasyPrint's PDF rendering), nginx (the
# shipped reverse-proxy example is run in front of `gongkai serve`), rsync and OpenSSH (the static
# site pushed over SSH, tested against a local sshd). Installed when missing and running as root;
# otherwise the legs that need them say loudly that they are skipped.
set -euo pipefail

missing=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
# WeasyPrint (PDF) needs Pango.
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
# pg_dump/pg_restore for `gongkai backup` / `gongkai restore` on PostgreSQL.
command -v pg_dump >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_dump >/dev/null 2>&1 || missing+=(postgresql-client)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
# `gongkai site push user@host:/path` (rsync over SSH), tested against a local sshd.
command -v rsync >/dev/null 2>&1 || missing+=(rsync)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "!!! system-deps: missing ${missing[*]} and cannot install them (need root and apt-get)." >&2
  echo "!!! The tests that need them will be skipped, and say so." >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# The tests start their own nginx (and PostgreSQL) on free ports: keep the packages' services from
# starting on this machine (port 80) during the install, the Debian way (policy-rc.d, exit 101).
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
