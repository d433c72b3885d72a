#!/usr/bin/env bash
# A throwaway Postfix instance that accepts mail on 127.0.0.1:PORT and puts every message on
# hold, so it measures Postfix's ingest (smtpd -> cleanup -> fsynced queue file) and nothing else.
#
# Run it:    scripts/bench/postfix-instance.sh [--port 2526] [--tls] [--max-procs N] -- CMD ARGS...
#            starts the instance, runs CMD, prints the hold-queue count, stops and removes it.
# Source it: pf_install; pf_start DIR PORT TLS MAXPROCS; pf_master_pid DIR; pf_held_count DIR;
#            pf_stop DIR.
#
# The instance lives entirely in DIR (config_directory DIR/etc, queue_directory DIR/queue,
# data_directory DIR/data, log DIR/log/maillog). /etc/postfix is never read for settings or
# written. No DNS: no peer-name lookups, DNS disabled for the SMTP client, explicit hostnames.
# No delivery: no delivery agents in master.cf, every transport is one that the queue manager
# defers, and mail sits in the hold queue, which the queue manager never scans.

PF_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/common.sh
source "$PF_HERE/common.sh"

PF_BIN=/usr/sbin/postfix

# Installs Debian's postfix when it is missing, without letting debconf write a system config.
pf_install() {
  [[ -x $PF_BIN ]] && return 0
  [[ $(id -u) -eq 0 ]] || bench_die "postfix is not installed and installing it needs root"
  bench_log "installing Debian's postfix"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y postfix >&2; then
    # A fresh machine has no package lists yet: fetch them once and try once more.
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postfix >&2
  fi
  [[ -x $PF_BIN ]] || bench_die "postfix did not install"
}

# Creates a fresh folder for one instance; prints its path.
pf_make_dir() {
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/danerelay-bench-postfix.XXXXXX")
  # Postfix daemons run as the postfix user and open DIR/data by absolute path.
  chmod 755 "$dir"
  printf '%s\n' "$dir"
}

# pf_main_cf_basics DIR: the main.cf lines every throwaway instance shares: its own folders and
# log file, loopback only, IPv4 only, names fixed so that nothing asks the resolver for them.
pf_main_cf_basics() {
  cat <<EOF
compatibility_level = 3.6
queue_directory = $1/queue
data_directory = $1/data
mail_owner = postfix
setgid_group = postdrop

# Logging into the instance folder (no syslog needed, nothing in /var/log).
maillog_file_prefixes = $1/log
maillog_file = $1/log/maillog

# Loopback only, IPv4 only, names fixed here so nothing asks DNS or the resolver for them.
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = bench-postfix.invalid
mydomain = invalid
myorigin = \$myhostname
smtpd_peername_lookup = no
EOF
}

# pf_main_cf_loopback_clients: clients on loopback may relay, nobody else may.
pf_main_cf_loopback_clients() {
  cat <<EOF
mynetworks = 127.0.0.0/8
smtpd_client_restrictions =
smtpd_helo_restrictions =
smtpd_sender_restrictions =
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
EOF
}

# pf_main_cf_smtpd_tls DIR: STARTTLS offered (not required), TLS 1.2 and later, with the
# certificate made for this run.
pf_main_cf_smtpd_tls() {
  cat <<EOF

# STARTTLS offered (not required), TLS 1.2 and later, a certificate made for this run.
smtpd_tls_security_level = may
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_cert_file = $1/etc/cert.pem
smtpd_tls_key_file = $1/etc/key.pem
EOF
}

# pf_master_cf_core PORT MAXPROCS: the listener and the services every instance needs, chroot
# off; an instance that delivers adds its delivery agents.
pf_master_cf_core() {
  cat <<EOF
127.0.0.1:$1 inet n - n - $2 smtpd
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

pf_write_main_cf() {
  local dir=$1 tls=$2
  {
    echo "# Throwaway benchmark instance written by scripts/bench/postfix-instance.sh."
    pf_main_cf_basics "$dir"
    cat <<EOF
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
disable_dns_lookups = yes

# Nothing is local, nothing is delivered. Every address class goes to "nodeliver", a transport
# that master.cf does not define and that the queue manager defers without trying. (Not
# retry: or error:, which smtpd would turn into a RCPT refusal.)
mydestination =
relay_domains =
local_recipient_maps =
alias_maps =
alias_database =
local_transport = nodeliver
virtual_transport = nodeliver
relay_transport = nodeliver
default_transport = nodeliver
defer_transports = nodeliver

# Accept from loopback, refuse anyone else; HOLD every message at end of data.
EOF
    pf_main_cf_loopback_clients
    echo "smtpd_end_of_data_restrictions = check_client_access static:HOLD"
    if [[ $tls == 1 ]]; then
      pf_main_cf_smtpd_tls "$dir"
    fi
  } >"$dir/etc/main.cf"
}

pf_write_master_cf() {
  local dir=$1 port=$2 maxprocs=$3
  # Only the services that ingest needs; no smtp, local, virtual, lmtp or pipe agents exist.
  pf_master_cf_core "$port" "$maxprocs" >"$dir/etc/master.cf"
}

# pf_start DIR PORT TLS(0|1) MAXPROCS: writes the instance into DIR and starts it.
pf_start() {
  local dir=$1 port=$2 tls=${3:-0} maxprocs=${4:-100}
  bench_require_free_port "$port" "postfix"
  mkdir -p "$dir/etc" "$dir/queue" "$dir/data" "$dir/log"
  chmod 755 "$dir/etc" "$dir/queue" "$dir/log"
  chown postfix "$dir/data"
  pf_write_main_cf "$dir" "$tls"
  pf_write_master_cf "$dir" "$port" "$maxprocs"
  if [[ $tls == 1 ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=bench-postfix.invalid" \
      -keyout "$dir/etc/key.pem" -out "$dir/etc/cert.pem" 2>/dev/null \
      || bench_die "openssl could not make the Postfix test certificate"
    chmod 600 "$dir/etc/key.pem"
  fi
  # 'postfix check' creates the queue subfolders with Postfix's own owners and modes.
  "$PF_BIN" -c "$dir/etc" check || bench_die "postfix check failed for $dir"
  "$PF_BIN" -c "$dir/etc" start || { pf_dump_log "$dir"; bench_die "postfix did not start"; }
  if ! bench_wait_port "$port" 30; then
    pf_dump_log "$dir"
    bench_die "postfix is not listening on 127.0.0.1:$port after 30 s"
  fi
  bench_log "postfix $(postconf -h -d mail_version) listening on 127.0.0.1:$port (instance $dir)"
}

# Prints the instance's master pid, or nothing. Every daemon of the instance (smtpd, cleanup,
# qmgr, smtp, ...) is a child of this process: its tree is the whole instance.
pf_master_pid() {
  [[ -f $1/queue/pid/master.pid ]] && tr -dc '0-9' <"$1/queue/pid/master.pid"
  return 0
}

pf_dump_log() {
  local dir=$1
  [[ -f $dir/log/maillog ]] && tail -n 30 "$dir/log/maillog" >&2
  return 0
}

# Prints how many messages are in the instance's hold queue (one queue file per message).
pf_held_count() {
  local dir=$1
  find "$dir/queue/hold" -type f 2>/dev/null | wc -l
}

# Prints postqueue's closing line ("-- N Kbytes in M Requests.") as a second opinion.
pf_queue_summary() {
  local dir=$1
  postqueue -c "$dir/etc" -p 2>&1 | tail -n 1
}

# Counts log lines that show Postfix trying to deliver (there must be none).
pf_delivery_attempts() {
  local dir=$1
  [[ -f $dir/log/maillog ]] || { echo 0; return 0; }
  grep -c -E 'status=(sent|deferred|bounced)' "$dir/log/maillog" || true
}

# Stops the instance (graceful, then abort, then SIGKILL to its own master) and removes DIR.
pf_stop() {
  local dir=$1 pid i
  [[ -n $dir && -d $dir && $dir == *danerelay-bench-postfix.* ]] || return 0
  pid=$(pf_master_pid "$dir")
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    "$PF_BIN" -c "$dir/etc" stop >/dev/null 2>&1 || true
    for ((i = 0; i < 80; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      "$PF_BIN" -c "$dir/etc" abort >/dev/null 2>&1 || true
      sleep 1
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf -- "$dir"
}

pf_usage() {
  sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

pf_main() {
  local port=2526 tls=0 maxprocs=100
  while [[ $# -gt 0 ]]; do
    case $1 in
      --port) port=$2; shift 2 ;;
      --tls) tls=1; shift ;;
      --max-procs) maxprocs=$2; shift 2 ;;
      --) shift; break ;;
      -h | --help) pf_usage; return 0 ;;
      *) pf_usage >&2; return 2 ;;
    esac
  done
  [[ $# -gt 0 ]] || { pf_usage >&2; return 2; }
  [[ $(id -u) -eq 0 ]] || bench_die "a separate Postfix instance must be started as root"
  pf_install
  PF_DIR=$(pf_make_dir)
  PF_CMD_PID=""
  trap 'if [[ -n $PF_CMD_PID ]]; then kill -TERM "$PF_CMD_PID" 2>/dev/null || true; fi; pf_stop "$PF_DIR"' EXIT
  trap 'exit 130' INT TERM
  pf_start "$PF_DIR" "$port" "$tls" "$maxprocs"
  local rc=0
  # In the background with 'wait', so that SIGTERM reaches the trap (and the cleanup) at once.
  "$@" &
  PF_CMD_PID=$!
  wait "$PF_CMD_PID" || rc=$?
  PF_CMD_PID=""
  echo "postfix held=$(pf_held_count "$PF_DIR") delivery_attempts=$(pf_delivery_attempts "$PF_DIR")"
  echo "postfix postqueue: $(pf_queue_summary "$PF_DIR")"
  return "$rc"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  pf_main "$@"
fi
