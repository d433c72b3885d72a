#!/usr/bin/env bash
# Helpers for scripts/interop/run: logging, results, loopback ports, bounded waits, process
# bookkeeping. Sourced, never run. Everything here talks to 127.0.0.0/8 only.

ip_log() { printf '[interop %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

ip_die() {
  ip_log "error: $*"
  exit 1
}

# --- Results ----------------------------------------------------------------------------------

IP_RESULT_NAMES=()
IP_RESULT_STATES=()
IP_RESULT_REASONS=()

# ip_result NAME PASS|FAIL REASON: records one check and prints it at once.
ip_result() {
  local name=$1 state=$2 reason=$3
  IP_RESULT_NAMES+=("$name")
  IP_RESULT_STATES+=("$state")
  IP_RESULT_REASONS+=("$reason")
  printf '%s %s: %s\n' "$state" "$name" "$reason"
}

ip_summary() {
  local i fails=0
  printf '\n%-36s %-6s %s\n' "check" "result" "reason"
  printf '%-36s %-6s %s\n' "------------------------------------" "------" "------"
  for i in "${!IP_RESULT_NAMES[@]}"; do
    printf '%-36s %-6s %s\n' "${IP_RESULT_NAMES[$i]}" "${IP_RESULT_STATES[$i]}" "${IP_RESULT_REASONS[$i]}"
    [[ ${IP_RESULT_STATES[$i]} == PASS ]] || fails=$((fails + 1))
  done
  printf '\n%d checks, %d failed\n' "${#IP_RESULT_NAMES[@]}" "$fails"
  [[ $fails -eq 0 ]]
}

# --- Ports ------------------------------------------------------------------------------------

# True when anything (TCP or UDP, any address) is bound to PORT.
ip_port_taken() {
  ss -Hlntu "sport = :$1" 2>/dev/null | grep -q .
}

# ip_free_port VAR: sets VAR to a port in 20000..59999 that nothing is bound to and that was
# not handed out before (not in a subshell: it remembers what it gave).
IP_PORTS_GIVEN=" "
ip_free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 40000))
    [[ $IP_PORTS_GIVEN == *" $p "* ]] && continue
    ip_port_taken "$p" && continue
    IP_PORTS_GIVEN+="$p "
    printf -v "$1" '%s' "$p"
    return 0
  done
  ip_die "found no free port"
}

# True when ADDR:PORT has a TCP listener (ss, so the probe opens no SMTP session).
ip_tcp_listening() {
  local addr=$1 port=$2
  ss -Hltn "src $addr and sport = :$port" 2>/dev/null | grep -q .
}

ip_udp_listening() {
  local addr=$1 port=$2
  ss -Hlun "src $addr and sport = :$port" 2>/dev/null | grep -q .
}

# --- Bounded waits ----------------------------------------------------------------------------

# ip_wait SECONDS CMD ARGS...: runs CMD every 0.25 s until it succeeds; false after SECONDS.
ip_wait() {
  local seconds=$1 i
  shift
  for ((i = 0; i < seconds * 4; i++)); do
    "$@" && return 0
    sleep 0.25
  done
  "$@"
}

# ip_wait_alive SECONDS PID CMD ARGS...: like ip_wait, but gives up at once when PID dies.
ip_wait_alive() {
  local seconds=$1 pid=$2 i
  shift 2
  for ((i = 0; i < seconds * 4; i++)); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.25
  done
  "$@"
}

# Daemons that must stay up while the checks run (pids of this shell's children).
IP_WATCH_PIDS=()
IP_WATCH_NAMES=()

# ip_watch PID NAME: a daemon whose death ends every later wait at once.
ip_watch() {
  IP_WATCH_PIDS+=("$1")
  IP_WATCH_NAMES+=("$2")
}

# Prints the name of the first watched daemon that is gone; true when one is gone.
ip_daemon_gone() {
  local i
  for i in "${!IP_WATCH_PIDS[@]}"; do
    if ! kill -0 "${IP_WATCH_PIDS[$i]}" 2>/dev/null; then
      printf '%s\n' "${IP_WATCH_NAMES[$i]}"
      return 0
    fi
  done
  return 1
}

# ip_wait_until EPOCH CMD ARGS...: runs CMD every 0.25 s until it succeeds; false once the clock
# passes EPOCH (one more try then) or a watched daemon has died. All checks share one deadline,
# so a run where everything fails still ends in about the time one check may take.
ip_wait_until() {
  local deadline=$1
  shift
  while [[ $(date +%s) -lt $deadline ]]; do
    "$@" && return 0
    ip_daemon_gone >/dev/null && break
    sleep 0.25
  done
  "$@"
}

# --- Processes --------------------------------------------------------------------------------

# Stops PID with SIGTERM, waits up to SECONDS, then SIGKILL. Only ever one process id.
ip_stop_pid() {
  local pid=$1 seconds=${2:-10} i
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < seconds * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    ip_log "pid $pid did not stop after ${seconds}s; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
