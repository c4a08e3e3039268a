# A throwaway PostgreSQL server on a high loopback port: pg_start exports DATABASE_URL, pg_stop removes it.
# As root the server runs as the postgres user (initdb refuses root); otherwise as the current user.
pg_bindir() {
  local dir
  for dir in ${PGBIN:-} /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

pg_free_port() {
  local port=${PGPORT:-55432}
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}

pg_start() {
  PG_BIN=$(pg_bindir) || { echo "PostgreSQL server binaries not found." >&2; return 1; }
  PGROOT=$(mktemp -d "${TMPDIR:-/tmp}/portal-pg.XXXXXX")
  export PGROOT PG_BIN
  chmod 755 "$PGROOT"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGROOT"; fi
  pg_as_owner "$PG_BIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$PGROOT/initdb.log" 2>&1 || { cat "$PGROOT/initdb.log" >&2; return 1; }
  # Another process may take the port between the check and the start: try the next ones.
  local attempt
  for attempt in 1 2 3 4 5; do
    PG_PORT=$(pg_free_port)
    if pg_as_owner "$PG_BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      break
    fi
    [ "$attempt" = 5 ] && { cat "$PGROOT/server.log" >&2; return 1; }
    PGPORT=$((PG_PORT + 1 + RANDOM % 50))
  done
  pg_as_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE portal LOGIN PASSWORD 'portal' CREATEDB" \
    -c "CREATE DATABASE portal OWNER portal" || return 1
  export DATABASE_URL="postgres://portal:portal@127.0.0.1:$PG_PORT/portal"
  echo "PostgreSQL started for the tests on 127.0.0.1:$PG_PORT."
}

pg_stop() {
  [ -n "${PGROOT:-}" ] || return 0
  if [ -n "${PG_BIN:-}" ] && [ -f "$PGROOT/data/postmaster.pid" ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PGROOT"
  unset PGROOT
}
