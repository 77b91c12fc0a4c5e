#!/usr/bin/env bash
# Start a PostgreSQL server for the tests and export its URL.
#
#   source .ci/postgres.sh
#
# exports CIVIS_TEST_POSTGRES=postgres://civis:civis@127.0.0.1:$CIVIS_PG_PORT/civis and
# CIVIS_REQUIRE_POSTGRES=1 (PostgreSQL tests then fail instead of skipping when the server is
# gone). Works on a fresh Debian 12 machine as root (installs the `postgresql` package when no
# server binaries are found) and as an ordinary user who has the binaries. Idempotent: a
# cluster already initialised in $CIVIS_PG_DIR is reused, a running one is left running.
# The cluster is for tests only: fsync is off.
#
# Settings (environment): CIVIS_PG_DIR (default /tmp/civis-postgres), CIVIS_PG_PORT (54329).

civis_pg_main() {
  local dir="${CIVIS_PG_DIR:-/tmp/civis-postgres}"
  local port="${CIVIS_PG_PORT:-54329}"
  local data="$dir/data"

  # the server binaries: on PATH (some machines link them into /usr/local/bin), or where
  # Debian's packages put them (not on PATH)
  local bindir=""
  civis_pg_find_bindir() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 \
        && "$(dirname "$(readlink -f "$(command -v initdb)")")/postgres" --version >/dev/null 2>&1; then
      bindir="$(dirname "$(readlink -f "$(command -v initdb)")")"
      return 0
    fi
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
      if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
        bindir="$d"
        return 0
      fi
    done
    return 1
  }
  if ! civis_pg_find_bindir; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "postgres.sh: no PostgreSQL server binaries found; install the Debian package postgresql" >&2
      return 1
    fi
    echo "postgres.sh: installing PostgreSQL (apt-get install postgresql)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || return 1
    apt-get install -y -qq postgresql >&2 || return 1
    civis_pg_find_bindir || { echo "postgres.sh: PostgreSQL installed but initdb not found" >&2; return 1; }
  fi
  local psql="$bindir/psql"
  [ -x "$psql" ] || psql="$(command -v psql)" || { echo "postgres.sh: psql not found" >&2; return 1; }

  # the server refuses to run as root: as root, run it as the `postgres` user
  local -a as_owner=()
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --home-dir "$dir" --shell /bin/bash postgres || return 1
    fi
    as_owner=(runuser -u postgres --)
    command -v runuser >/dev/null 2>&1 || as_owner=(su postgres -s /bin/sh -c)
  fi
  civis_pg_run() {
    if [ "${#as_owner[@]}" -eq 0 ]; then
      "$@"
    elif [ "${as_owner[0]}" = su ]; then
      "${as_owner[@]}" "$(printf '%q ' "$@")"
    else
      "${as_owner[@]}" "$@"
    fi
  }

  mkdir -p "$dir" || return 1
  [ "${#as_owner[@]}" -eq 0 ] || chown postgres: "$dir" || return 1
  chmod 700 "$dir"

  if [ ! -s "$data/PG_VERSION" ]; then
    rm -rf "$data"
    civis_pg_run "$bindir/initdb" -D "$data" -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi

  if ! civis_pg_run "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    civis_pg_run "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >&2 || { tail -n 30 "$dir/server.log" >&2; return 1; }
  fi

  local i
  for i in $(seq 1 60); do
    if civis_pg_run "$psql" -h "$dir" -p "$port" -U postgres -d postgres -qAtc 'SELECT 1' >/dev/null 2>&1; then
      break
    fi
    [ "$i" -lt 60 ] || { echo "postgres.sh: the server did not accept connections" >&2; tail -n 30 "$dir/server.log" >&2; return 1; }
    sleep 1
  done

  civis_pg_run "$psql" -h "$dir" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || return 1
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'civis') THEN
    CREATE ROLE civis LOGIN PASSWORD 'civis';
  END IF;
END $$;
SELECT 'CREATE DATABASE civis OWNER civis' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'civis')
\gexec
SQL

  export CIVIS_TEST_POSTGRES="postgres://civis:civis@127.0.0.1:$port/civis"
  export CIVIS_REQUIRE_POSTGRES=1
  # the password path over TCP, as the tests connect
  PGPASSWORD=civis "$psql" "$CIVIS_TEST_POSTGRES" -qAtc 'SELECT 1' >/dev/null \
    || { echo "postgres.sh: cannot log in as civis over TCP" >&2; return 1; }
  echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, CIVIS_TEST_POSTGRES set" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # run rather than sourced: start the server and print the exports for `eval`
  civis_pg_main || exit 1
  echo "export CIVIS_TEST_POSTGRES='$CIVIS_TEST_POSTGRES' CIVIS_REQUIRE_POSTGRES=1"
else
  civis_pg_main || return 1
fi
