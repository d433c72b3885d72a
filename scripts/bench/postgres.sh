#!/usr/bin/env bash
# The benchmarks' PostgreSQL, for a relay queue that several nodes share (issue 14): a private
# server from scripts/cluster/private-postgres (Debian's binaries, initdb into a temp folder,
# loopback only), its processes for measure.sh, its own counters, and pg_stat_statements when
# asked. Sourced, never run; needs common.sh. Durability settings stay as the server starts them
# (fsync, synchronous_commit and full_page_writes on): a benchmark that turned them off would
# measure a queue that breaks the promise of its 250.

BENCH_PG_DIR="" # the running server's folder, if any
BENCH_PG_URL="" # its JDBC URL
BENCH_PG_PSQL=""

# bench_pg_start DIR STATEMENTS [name=value]...: initdb into DIR and start the server; with
# STATEMENTS 1, pg_stat_statements is loaded (for a profiling run: it costs the server some CPU).
# Each name=value is a server setting, applied with ALTER SYSTEM before a restart; the durability
# settings are refused. Sets BENCH_PG_URL to the JDBC URL (so not to be called in a subshell).
bench_pg_start() {
  local dir=$1 statements=$2 setting name url
  shift 2
  # The server runs as the postgres user, which must reach DIR.
  chmod 755 "$(dirname "$dir")"
  local launcher
  launcher=$(cd "$(dirname "${BASH_SOURCE[0]}")/../cluster" && pwd)/private-postgres
  local alters=()
  for setting in "$@"; do
    name=${setting%%=*}
    case $name in
      fsync | synchronous_commit | full_page_writes | wal_sync_method)
        bench_die "--pg-set $name: the benchmark keeps PostgreSQL's durability settings as they are" ;;
    esac
    [[ $name =~ ^[a-z_.]+$ ]] || bench_die "--pg-set: bad setting name '$name'"
    alters+=("ALTER SYSTEM SET $name = '${setting#*=}';")
  done
  [[ $statements == 1 ]] && alters+=("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements';")
  url=$("$launcher" start "$dir") || bench_die "the private PostgreSQL did not start (see $dir/server.log)"
  BENCH_PG_DIR=$dir
  local bin
  bin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/psql' | sort -V | tail -1)")
  BENCH_PG_PSQL="$bin/psql -h $dir -p $(cat "$dir/port") -U danerelay -X -Atq"
  if ((${#alters[@]} > 0)); then
    for setting in "${alters[@]}"; do
      bench_pg_sql postgres "$setting" >/dev/null || bench_die "failed: $setting"
    done
    "$launcher" restart "$dir" || bench_die "the private PostgreSQL did not restart (see $dir/server.log)"
  fi
  if [[ $statements == 1 ]]; then
    bench_pg_sql danerelay "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null \
      || bench_die "could not create pg_stat_statements"
  fi
  # shellcheck disable=SC2034 # read by the scripts that source this file
  BENCH_PG_URL=$url
}

# bench_pg_sql DB SQL: runs SQL as the superuser danerelay over the server's Unix socket.
bench_pg_sql() {
  # shellcheck disable=SC2086 # the command and its options, split on purpose
  $BENCH_PG_PSQL -d "$1" -c "$2"
}

# bench_pg_stop: stops the server, if one runs; its folder is the caller's to remove.
bench_pg_stop() {
  [[ -n $BENCH_PG_DIR ]] || return 0
  local dir=$BENCH_PG_DIR
  BENCH_PG_DIR=""
  "$(cd "$(dirname "${BASH_SOURCE[0]}")/../cluster" && pwd)/private-postgres" stop "$dir" 2>/dev/null \
    || bench_log "warning: the private PostgreSQL in $dir did not stop cleanly"
}

# bench_pg_pid: the postmaster's pid (the root of the server's process tree), or nothing.
bench_pg_pid() {
  [[ -n $BENCH_PG_DIR && -r $BENCH_PG_DIR/data/postmaster.pid ]] || return 0
  head -n 1 "$BENCH_PG_DIR/data/postmaster.pid"
}

# bench_pg_counters: "commits=N rows_in=N rows_del=N blks_hit=N blks_read=N wal_bytes=N" of the
# queue's database so far (pg_stat_database, pg_stat_wal), for per-message differences.
bench_pg_counters() {
  bench_pg_sql danerelay "SELECT 'commits=' || xact_commit || ' rows_in=' || tup_inserted
      || ' rows_upd=' || tup_updated || ' rows_del=' || tup_deleted || ' blks_read=' || blks_read
      || ' wal_bytes=' || (SELECT wal_bytes FROM pg_stat_wal)
      || ' wal_syncs=' || (SELECT wal_sync FROM pg_stat_wal)
    FROM pg_stat_database WHERE datname = 'danerelay'" 2>/dev/null
}

# bench_pg_statements_reset / bench_pg_statements_top N: pg_stat_statements from a reset on: the
# N statements that took the most time, with calls, mean ms and rows per call.
bench_pg_statements_reset() { bench_pg_sql danerelay "SELECT pg_stat_statements_reset()" >/dev/null; }
bench_pg_statements_top() {
  bench_pg_sql danerelay "SELECT rpad(round((100 * total_exec_time / sum(total_exec_time) OVER ())::numeric, 1)::text, 6)
      || rpad(calls::text, 9) || rpad(round((total_exec_time / calls)::numeric, 3)::text, 9)
      || rpad(round(rows::numeric / calls, 1)::text, 7) || regexp_replace(query, '\\s+', ' ', 'g')
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'danerelay')
    ORDER BY total_exec_time DESC LIMIT $1"
}
