#!/usr/bin/env bash
# Start a local PostgreSQL: Debian's package, its default cluster, a user and a database (the
# tests' "gdgame_test" unless named: make serve uses "gdgame"). Safe to run again. Prints the
# SQLAlchemy URL.
set -euo pipefail
DB=${1:-gdgame_test}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  $SUDO apt-get update -qq >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
read -r version cluster port status _ < <(pg_lsclusters -h | head -1)
if [ "$status" != online ]; then
  $SUDO pg_ctlcluster "$version" "$cluster" start >&2
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
as_postgres "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='gdgame'\" | grep -q 1 \
  || psql -p $port -qc \"CREATE ROLE gdgame LOGIN PASSWORD 'gdgame'\"" >&2
as_postgres "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='$DB'\" | grep -q 1 \
  || createdb -p $port -O gdgame $DB" >&2
echo "postgresql+psycopg://gdgame:gdgame@127.0.0.1:$port/$DB"
