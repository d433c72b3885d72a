#!/usr/bin/env bash
# Small helpers shared by the benchmark scripts: logging, option values and loopback port checks.
# Sourced, never run. Every wait here is bounded; nothing here talks to anything but 127.0.0.1.

bench_log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

bench_die() { bench_log "error: $*"; exit 1; }

# bench_rate_arg VALUE: prints VALUE when it is a rate in messages per second (above 0, at most
# 100000, decimals allowed), for --rate; stops the script otherwise.
bench_rate_arg() {
  if [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v r="$1" 'BEGIN { exit !(r > 0 && r <= 100000) }'; then
    printf '%s\n' "$1"
  else
    bench_die "--rate needs messages per second, above 0 and at most 100000, got '$1'"
  fi
}

# True when something listens on 127.0.0.1:PORT. Uses ss(8) so the probe opens no SMTP session;
# without ss it falls back to a bash /dev/tcp connect (the server sees one empty session).
bench_port_listening() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    ss -Hltn "sport = :$port" 2>/dev/null | grep -q .
  else
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null
  fi
}

# Waits until 127.0.0.1:PORT accepts, at most SECONDS; optional PID must stay alive meanwhile.
bench_wait_port() {
  local port=$1 seconds=$2 pid=${3:-} i
  for ((i = 0; i < seconds * 4; i++)); do
    bench_port_listening "$port" && return 0
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    sleep 0.25
  done
  return 1
}

# Refuses a port that is already taken, so a run never measures a stranger's server.
bench_require_free_port() {
  local port=$1 what=$2
  if bench_port_listening "$port"; then
    bench_die "port 127.0.0.1:$port for $what is already in use; pick another with its --*-port option"
  fi
}
