#!/usr/bin/env bash
# The DaneRelay side of scripts/bench/relay: one relay on its embedded H2 queue (the default), or
# N relay nodes on one private PostgreSQL queue that they share (--queue postgres --nodes N,
# issue 14), each with its own port, data.dir, node.name and log. Sourced, never run; needs the
# caller's RELAY_* settings, WORK, DNS_ADDR, MAX_CONNECTIONS, QUEUE, NODES, PG_SETS,
# PG_STATEMENTS, and common.sh, measure.sh and postgres.sh.

RELAY_PIDS=() # node I's launcher (its process group; exec'd into its JVM) at index I-1
PG_URL=""     # the shared queue's JDBC URL (--queue postgres)

# rn_port I / rn_admin_port I / rn_dir I: node I's SMTP port (RELAY_PORT, RELAY_PORT+1, ...), its
# metrics port (admin.listen: the shipped 9025, 9026, ...) and its folder.
rn_port() { echo $((RELAY_PORT + $1 - 1)); }
rn_admin_port() { echo $((9025 + $1 - 1)); }
rn_dir() { echo "$WORK/relay/node$1"; }

# rn_ports: every node's port, comma-separated (IngestLoad --port spreads sessions over them).
rn_ports() {
  local i out=""
  for ((i = 1; i <= NODES; i++)); do out+="${out:+,}$(rn_port "$i")"; done
  echo "$out"
}

# rn_pids: every node's pid, comma-separated (measure.sh sums over them).
rn_pids() { local IFS=,; echo "${RELAY_PIDS[*]}"; }

# rn_logs: every node's log file, one per line.
rn_logs() { local i; for ((i = 1; i <= NODES; i++)); do echo "$(rn_dir "$i")/relay.log"; done; }

# Builds the relay (if its launcher needs to) before anything is timed.
rn_build() {
  bench_log "building the relay if needed ($RELAY_LAUNCHER)"
  (cd "$RELAY_HOME" && timeout "$RELAY_START_SECONDS" "$RELAY_LAUNCHER" --version) >"$WORK/relay-version.out" 2>&1 \
    || { cat "$WORK/relay-version.out" >&2; bench_die "$RELAY_LAUNCHER --version failed"; }
}

# rn_sets I: node I's --set arguments, one per line: the bench's defaults, replaced by
# --relay-set of the same key, then every --relay-set.
rn_sets() {
  local i=$1 dir
  dir=$(rn_dir "$i")
  # Delivery on, DNS only from the bench Unbound (trusting its AD bit: dns.dnssec=resolver), DANE
  # where TLSA is secure, port 25 like Postfix. Hostname, client-name lookups and the connection
  # limit match the Postfix instance.
  local defaults=("smtpd.listen=127.0.0.1:$(rn_port "$i")" "data.dir=$dir/data"
    "smtpd.hostname=bench-relay.invalid" "smtpd.resolve-client-names=false"
    "smtpd.max-connections=$MAX_CONNECTIONS" "relay.networks=127.0.0.0/8"
    "dns.resolvers=$DNS_ADDR:53" "dns.dnssec=resolver" "delivery.hold=false"
    "delivery.port=25" "tls.policy=dane" "admin.listen=127.0.0.1:$(rn_admin_port "$i")")
  if [[ $QUEUE == postgres ]]; then defaults+=("queue.url=$PG_URL" "node.name=bench-node$i"); fi
  local kv extra replaced
  for kv in "${defaults[@]}"; do
    replaced=0
    for extra in "${RELAY_SETS[@]}"; do [[ ${extra%%=*} == "${kv%%=*}" ]] && replaced=1; done
    [[ $replaced == 1 ]] || printf -- '--set\n%s\n' "$kv"
  done
  for extra in "${RELAY_SETS[@]}"; do printf -- '--set\n%s\n' "$extra"; done
}

# rn_start: the private PostgreSQL (with --queue postgres), then the nodes one after another, so
# that the first one alone runs the schema migrations.
rn_start() {
  mkdir -p "$WORK/relay"
  cp -r "$RELAY_HOME/conf" "$WORK/relay/conf"
  if [[ $QUEUE == postgres ]]; then
    bench_pg_start "$WORK/pg" "$PG_STATEMENTS" "${PG_SETS[@]}"
    PG_URL=$BENCH_PG_URL
    bench_log "private PostgreSQL at $PG_URL (postmaster pid $(bench_pg_pid))"
    ip_watch "$(bench_pg_pid)" postgresql
  fi
  local i dir sets pid
  for ((i = 1; i <= NODES; i++)); do
    dir=$(rn_dir "$i")
    mkdir -p "$dir/data"
    chmod 700 "$dir/data"
    mapfile -t sets < <(rn_sets "$i")
    (cd "$RELAY_HOME" && exec setsid "$RELAY_LAUNCHER" run --config "$WORK/relay/conf/relay.conf" "${sets[@]}") \
      >"$dir/relay.log" 2>&1 </dev/null &
    pid=$!
    RELAY_PIDS+=("$pid")
    if ! bench_wait_port "$(rn_port "$i")" "$RELAY_START_SECONDS" "$pid"; then
      tail -n 40 "$dir/relay.log" >&2 || true
      kill -0 "$pid" 2>/dev/null || bench_die "relay node $i exited before it listened (log above)"
      bench_die "relay node $i did not listen on 127.0.0.1:$(rn_port "$i") within $RELAY_START_SECONDS s"
    fi
    bench_log "relay node $i listening on 127.0.0.1:$(rn_port "$i") (pid $pid, queue $QUEUE), resolving via $DNS_ADDR:53"
    bench_warn_unless_jvm "$pid" "relay node $i"
    ip_watch "$pid" "relay node $i"
  done
}

# rn_stop_one PID: SIGTERM to the node's process group (the launcher, its JVM, a first-use build),
# SIGKILL after 20 s.
rn_stop_one() {
  local pid=$1 i
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 80; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      bench_log "relay pid $pid ignored SIGTERM for 20 s; sending SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# rn_stop: every node, then PostgreSQL.
rn_stop() {
  local pid
  for pid in "${RELAY_PIDS[@]}"; do rn_stop_one "$pid"; done
  RELAY_PIDS=()
  bench_pg_stop
}

# rn_queue_report: what node 1 says is left in the queue (with PostgreSQL: every node's).
rn_queue_report() {
  local sets
  mapfile -t sets < <(rn_sets 1)
  (cd "$RELAY_HOME" && timeout 60 "$RELAY_LAUNCHER" queue list --config "$WORK/relay/conf/relay.conf" \
    "${sets[@]}" 2>&1) | grep -E '^-- ' | tail -n 1
}
