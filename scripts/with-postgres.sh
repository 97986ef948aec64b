#!/usr/bin/env bash
# Usage: bash scripts/with-postgres.sh <command...>
# Runs the command against a throwaway PostgreSQL cluster (initdb in a temp dir, trust auth on
# 127.0.0.1 only), with DATABASE_URL (database latchkey_test) and PG_ADMIN_URL (database postgres)
# exported. The cluster and its directory are removed afterwards; exits with the command's status.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: bash scripts/with-postgres.sh <command...>" >&2
  exit 2
fi

find_bindir() {
  local dir
  dir="$(pg_config --bindir 2>/dev/null || true)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  # libpq-dev's pg_config reports /usr/bin, which has no server binaries.
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  echo "with-postgres: no PostgreSQL server binaries found (apt-get install -y postgresql)" >&2
  exit 1
}

# The server refuses to run as root: as root, run it as the postgres OS user.
as_server_user() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

bindir="$(find_bindir)"
workdir="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-pg.XXXXXX")"
data="$workdir/data"

cleanup() {
  if [[ -f "$data/postmaster.pid" ]]; then
    as_server_user "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $EUID -eq 0 ]]; then chown postgres: "$workdir"; fi
as_server_user "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null

# Only the unix socket inside the private dir and 127.0.0.1; durability is pointless here.
cat > "$data/pg_hba.conf" <<'CONF'
local all all              trust
host  all all 127.0.0.1/32 trust
CONF
cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$workdir'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

# Another run (or a CI neighbour) may hold a port: try the next one.
started=""
for port in $(seq 54329 54348); do
  port_in_use "$port" && continue
  if as_server_user "$bindir/pg_ctl" -D "$data" -l "$workdir/server.log" -o "-p $port" -w start >/dev/null; then
    started=yes
    break
  fi
done
if [[ -z "$started" ]]; then
  echo "with-postgres: could not start PostgreSQL; server log:" >&2
  cat "$workdir/server.log" >&2 || true
  exit 1
fi

"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres latchkey_test

export DATABASE_URL="postgresql://postgres@127.0.0.1:$port/latchkey_test"
export PG_ADMIN_URL="postgresql://postgres@127.0.0.1:$port/postgres"

set +e
"$@"
exit $?
