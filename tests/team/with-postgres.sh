#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# with-postgres.sh PROGRAM [ARGS…] — run PROGRAM against a PostgreSQL server
# of its own: a throw-away cluster in a temporary folder (initdb, pg_ctl),
# listening only on a Unix socket there, with password (SCRAM) logins only.
# The superuser's password is in the .pgpass file PGPASSFILE names, the
# libpq way; the program may add its own roles' passwords to it.  The
# server is stopped and the folder removed however PROGRAM ends.
#
# Root may not run a server: then initdb and pg_ctl run as the "postgres"
# user (which Debian's postgresql package makes) or "nobody".  Without
# server binaries the tests are skipped, saying which package to install.
#
# PROGRAM sees MINUTKA_TEST_PG_HOST (the socket folder), _PORT, _BINDIR,
# _DATA, _RUNAS (the user the server runs as, or empty) and _SUPERUSER, and
# may stop and start the server with them (test-team.c does).
set -eu

bindir="${MINUTKA_PG_BINDIR:-}"
if [ -z "$bindir" ]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      bindir="$d"
    fi
  done
fi
if [ -z "$bindir" ]; then
  echo "1..0 # SKIP no PostgreSQL server (initdb, pg_ctl): install Debian's postgresql package (sh build-aux/install-deps does)"
  exit 0
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/minutka-pg-XXXXXX")
runas=""
runuser=""
if [ "$(id -u)" -eq 0 ]; then
  runas=postgres
  id postgres > /dev/null 2>&1 || runas=nobody
  chown "$runas" "$dir"
  runuser="runuser -u $runas --"
fi
port=5432
password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

stop () {
  status=$?
  $runuser "$bindir/pg_ctl" -D "$dir/data" -m immediate stop > /dev/null 2>&1 || true
  if [ $status -ne 0 ] && [ -f "$dir/server.log" ]; then
    echo "# server log:" >&2
    tail -20 "$dir/server.log" | sed 's/^/# /' >&2
  fi
  rm -rf "$dir"
  exit $status
}
trap stop EXIT INT TERM

printf '%s\n' "$password" > "$dir/pwfile"
[ -n "$runas" ] && chown "$runas" "$dir/pwfile"
$runuser "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
  --auth=scram-sha-256 --no-sync -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
rm -f "$dir/pwfile"
$runuser "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c max_connections=150" \
  start > /dev/null

# The client's password file, 0600 as libpq wants it.
umask 077
printf '%s:%s:*:postgres:%s\n' "$dir" "$port" "$password" > "$dir/pgpass"
if [ -n "$runas" ]; then
  chown "$(id -u)" "$dir/pgpass"
fi

export PGPASSFILE="$dir/pgpass"
export MINUTKA_TEST_PG_HOST="$dir"
export MINUTKA_TEST_PG_PORT="$port"
export MINUTKA_TEST_PG_BINDIR="$bindir"
export MINUTKA_TEST_PG_DATA="$dir/data"
export MINUTKA_TEST_PG_RUNAS="$runas"
export MINUTKA_TEST_PG_SUPERUSER=postgres
unset PGHOST PGPORT PGUSER PGDATABASE PGSERVICE PGPASSWORD
"$@"
