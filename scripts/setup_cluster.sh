#!/usr/bin/env bash
# Installs the servers of the scaled-out assistant (`make cluster`, tests/cluster): PostgreSQL
# (conversations), Redis (locks, LINE redelivery ids, widget replays) and nginx (the only public
# entry), all from Debian. Idempotent: does nothing when they are installed. Runs as root (or
# through sudo) on Debian. The system services these packages bring are not used: `make cluster`
# starts private instances with their own data, configuration and ports under var/.
set -euo pipefail
source "$(dirname "$0")/lib/debian_packages.sh"
ensure_debian_packages "the scaled-out assistant (make cluster)" postgresql redis-server nginx
for binary in /usr/sbin/nginx /usr/bin/redis-server; do
  [ -x "$binary" ] || { echo "setup_cluster: $binary is missing" >&2; exit 1; }
done
ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "setup_cluster: PostgreSQL's initdb is missing" >&2; exit 1; }
