#!/usr/bin/env bash
# Throwaway Postfix instances for scripts/interop/run, built the way scripts/bench/postfix-instance.sh
# builds one: config_directory DIR/etc, queue_directory DIR/queue, data_directory DIR/data, log in
# DIR/log/maillog; /etc/postfix is never read for settings or written. Sourced, never run.
# Needs ip_* from lib.sh and render.sh, and IP_HERE (this folder).

IP_PF_BIN=/usr/sbin/postfix
IP_PF_DIRS=()

ip_pf_prepare_dir() {
  local dir=$1
  mkdir -p "$dir/etc" "$dir/queue" "$dir/data" "$dir/log"
  # Postfix daemons run as the postfix user and open these by absolute path.
  chmod 755 "$dir" "$dir/etc" "$dir/queue" "$dir/log"
  chown postfix "$dir/data"
}

# Checks and starts the instance in DIR; registers it for ip_pf_stop_all.
ip_pf_start_dir() {
  local dir=$1
  if ! "$IP_PF_BIN" -c "$dir/etc" check >>"$dir/log/start.out" 2>&1; then
    ip_pf_why "$dir" check
    ip_die "postfix check failed for $dir"
  fi
  IP_PF_DIRS+=("$dir")
  "$IP_PF_BIN" -c "$dir/etc" start >>"$dir/log/start.out" 2>&1 \
    || { ip_pf_dump_log "$dir"; ip_pf_why "$dir" check; ip_die "postfix did not start in $dir"; }
}

# ip_pf_receiver DIR NAME ADDR PORT TLS_LEVEL CERT KEY: a receiving instance that holds all mail.
ip_pf_receiver() {
  local dir=$1 name=$2 addr=$3 port=$4 level=$5 cert=$6 key=$7
  ip_pf_prepare_dir "$dir"
  ip_render "$IP_HERE/templates/postfix-receiver.main.cf.in" "$dir/etc/main.cf" "DIR=$dir" \
    "NAME=$name" "ADDR=$addr" "PORT=$port" "TLS_LEVEL=$level" "CERT=$cert" "KEY=$key"
  ip_render "$IP_HERE/templates/postfix-receiver.master.cf.in" "$dir/etc/master.cf" \
    "NAME=$name" "ADDR=$addr" "PORT=$port"
  ip_pf_start_dir "$dir"
}

# ip_pf_sender DIR ADDR RELAY_ADDR RELAY_PORT: a legacy MTA with DaneRelay as its relayhost.
ip_pf_sender() {
  local dir=$1 addr=$2 raddr=$3 rport=$4
  ip_pf_prepare_dir "$dir"
  ip_render "$IP_HERE/templates/postfix-sender.main.cf.in" "$dir/etc/main.cf" "DIR=$dir" \
    "ADDR=$addr" "RELAY_ADDR=$raddr" "RELAY_PORT=$rport"
  ip_render "$IP_HERE/templates/postfix-sender.master.cf.in" "$dir/etc/master.cf"
  ip_pf_start_dir "$dir"
}

# Postfix commands print their errors only to a terminal (else to syslog, which may not exist):
# run "postfix CMD" once more under script(1) to show the reason.
ip_pf_why() {
  local dir=$1 cmd=$2
  command -v script >/dev/null 2>&1 || return 0
  timeout 20 script -qec "$IP_PF_BIN -c $dir/etc $cmd" /dev/null >&2 || true
}

ip_pf_dump_log() {
  local dir=$1
  [[ -f $dir/log/start.out ]] && tail -n 20 "$dir/log/start.out" >&2
  [[ -f $dir/log/maillog ]] && tail -n 30 "$dir/log/maillog" >&2
  return 0
}

# Prints the queue as postqueue -j does: one JSON object per message.
ip_pf_queue_json() {
  timeout 20 postqueue -c "$1/etc" -j 2>/dev/null
}

# ip_pf_held_for DIR RCPT: prints how many held messages in DIR are addressed to RCPT.
ip_pf_held_for() {
  local dir=$1 rcpt=$2
  ip_pf_queue_json "$dir" | grep '"queue_name": *"hold"' | grep -c -F "\"address\": \"$rcpt\"" || true
}

# ip_pf_has_held DIR RCPT: true when at least one message for RCPT is on hold in DIR.
ip_pf_has_held() {
  [[ $(ip_pf_held_for "$1" "$2") -ge 1 ]]
}

# Prints the number of messages in DIR's queue, whatever their queue (there should be none).
ip_pf_count() {
  { find "$1/queue/hold" "$1/queue/incoming" "$1/queue/active" "$1/queue/deferred" "$1/queue/maildrop" \
    -type f 2>/dev/null || true; } | wc -l
}

ip_pf_master_pid() {
  [[ -f $1/queue/pid/master.pid ]] && tr -dc '0-9' <"$1/queue/pid/master.pid"
  return 0
}

# Stops every instance: "postfix stop" to all at once, up to 15 s for their masters to exit, then
# "postfix abort" and SIGKILL to each master that is left (by its own pid, nothing broader).
ip_pf_stop_all() {
  local dir pid i left
  for dir in "${IP_PF_DIRS[@]}"; do
    pid=$(ip_pf_master_pid "$dir")
    if [[ -z $pid ]] || ! kill -0 "$pid" 2>/dev/null; then continue; fi
    "$IP_PF_BIN" -c "$dir/etc" stop >/dev/null 2>&1 || true
  done
  for ((i = 0; i < 60; i++)); do
    left=0
    for dir in "${IP_PF_DIRS[@]}"; do
      pid=$(ip_pf_master_pid "$dir")
      [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && left=1
    done
    [[ $left == 0 ]] && return 0
    sleep 0.25
  done
  for dir in "${IP_PF_DIRS[@]}"; do
    pid=$(ip_pf_master_pid "$dir")
    if [[ -z $pid ]] || ! kill -0 "$pid" 2>/dev/null; then continue; fi
    ip_log "postfix in $dir did not stop in 15 s; abort"
    "$IP_PF_BIN" -c "$dir/etc" abort >/dev/null 2>&1 || true
    sleep 1
    kill -KILL "$pid" 2>/dev/null || true
  done
}
