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

# bench_turn_order N SIDE...: the sides in the order of turn N (a round, or a warm-up turn). With
# two, who goes first alternates, so neither always runs on a machine the other just warmed.
bench_turn_order() {
  local n=$1
  shift
  if (($# == 2 && n % 2 == 0)); then echo "$2 $1"; else echo "$@"; fi
}

# bench_warmup_turns TOTAL SIZE: the message count of each warm-up turn, one per line: TOTAL in
# turns of at most SIZE. The sides warm up in turns as they run the rounds, so each has been
# through the idle spells the rounds put it through (a JVM recompiles after its first ones).
bench_warmup_turns() {
  local left=$1
  while ((left > 0)); do
    echo $((left < $2 ? left : $2))
    left=$((left - $2))
  done
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
