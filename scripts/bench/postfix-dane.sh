#!/usr/bin/env bash
# The sending Postfix of scripts/bench/relay: a throwaway instance that accepts mail on
# 127.0.0.1:PORT from loopback and relays it to the recipient domains' MX hosts with
# smtp_tls_security_level = dane, as Debian ships it otherwise. Sourced, never run; needs
# postfix-instance.sh (pf_install, pf_make_dir, pf_master_pid, pf_stop, pf_dump_log) and common.sh.
#
# Postfix asks the system resolver (/etc/resolv.conf, port 53 only) and cannot be given another
# one, so its master runs in a private mount namespace where /etc/resolv.conf is a bind mount of
# a file naming the bench Unbound. Every Postfix daemon is a child of that master and sees the
# same file; the machine's own /etc/resolv.conf is never written.

# pfd_write_main_cf DIR TLS(0|1) [KEY=VALUE...]: main.cf for the DANE sender. Postfix's defaults
# stay unless a line below says why; the ones that shape this benchmark are named in README.md.
# Each KEY=VALUE (--postfix-set) is appended last, so it wins over any line above.
pfd_write_main_cf() {
  local dir=$1 tls=$2 extra
  shift 2
  {
    echo "# Throwaway DANE sender written by scripts/bench/postfix-dane.sh for scripts/bench/relay."
    echo "# The bench zone has A records only, hence IPv4 only."
    pf_main_cf_basics "$dir"
    cat <<EOF

# Nothing is local: every recipient is relayed to its domain's MX hosts by the smtp transport.
mydestination =
relay_domains =
local_recipient_maps =
alias_maps =
alias_database =
local_transport = error:5.1.1 no local delivery in this instance
default_transport = smtp
relay_transport = smtp

# The load generator on loopback may relay; nobody else may.
EOF
    pf_main_cf_loopback_clients
    cat <<EOF

# DANE (RFC 7672) as the Postfix TLS_README sets it up: DNSSEC-validated lookups through the
# resolver's AD bit, TLSA at _25._tcp.<mx>. The probe asks for a name the bench Unbound knows
# (the default ". NS" is refused there, by design), so a broken resolver shows in the log.
smtp_dns_support_level = dnssec
smtp_tls_security_level = dane
dnssec_probe = ns:bench.test
# Debian's main.cf sets this session cache (Postfix's own default is none); tlsmgr serves it.
smtp_tls_session_cache_database = btree:\${data_directory}/smtp_scache
# One "Verified TLS connection established" line per connection: the run's proof of DANE.
smtp_tls_loglevel = 1
EOF
    if [[ $tls == 1 ]]; then
      pf_main_cf_smtpd_tls "$dir" # --tls: offered to the load generator
    fi
    for extra in "$@"; do
      printf '%s = %s\n' "${extra%%=*}" "${extra#*=}"
    done
  } >"$dir/etc/main.cf"
}

# pfd_write_master_cf DIR PORT MAXPROCS: pf_master_cf_core (listener and core services, chroot
# off) plus the delivery agents and tlsproxy. No local, virtual, lmtp or pipe agents.
pfd_write_master_cf() {
  local dir=$1 port=$2 maxprocs=$3
  {
    pf_master_cf_core "$port" "$maxprocs"
    cat <<EOF
pickup    unix  n       -       n       60      1       pickup
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
        -o syslog_name=postfix/\$service_name
tlsproxy  unix  -       -       n       -       0       tlsproxy
EOF
  } >"$dir/etc/master.cf"
}

# pfd_write_resolv_conf FILE DNS_ADDR: the resolv.conf Postfix sees. glibc 2.31 and later clear
# the AD bit of every answer unless "trust-ad" is set, and Postfix's dnssec level needs that bit.
pfd_write_resolv_conf() {
  printf '# scripts/bench/relay: Postfix only, inside its own mount namespace\nnameserver %s\noptions trust-ad\n' \
    "$2" >"$1"
  chmod 644 "$1"
}

# pfd_start DIR PORT TLS MAXPROCS DNS_ADDR [KEY=VALUE...]: writes the instance (KEY=VALUE as
# for pfd_write_main_cf) and starts its master in a private mount namespace with
# DIR/resolv.conf over /etc/resolv.conf.
pfd_start() {
  local dir=$1 port=$2 tls=$3 maxprocs=$4 dns=$5
  shift 5
  bench_require_free_port "$port" "postfix"
  mkdir -p "$dir/etc" "$dir/queue" "$dir/data" "$dir/log"
  chmod 755 "$dir/etc" "$dir/queue" "$dir/log"
  chown postfix "$dir/data"
  pfd_write_main_cf "$dir" "$tls" "$@"
  pfd_write_master_cf "$dir" "$port" "$maxprocs"
  pfd_write_resolv_conf "$dir/resolv.conf" "$dns"
  if [[ $tls == 1 ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=bench-postfix.invalid" \
      -keyout "$dir/etc/key.pem" -out "$dir/etc/cert.pem" 2>/dev/null \
      || bench_die "openssl could not make the Postfix test certificate"
    chmod 600 "$dir/etc/key.pem"
  fi
  "$PF_BIN" -c "$dir/etc" check || bench_die "postfix check failed for $dir"
  # The bind mount lives only in the new namespace; --propagation private keeps it from
  # spreading back to the machine's mount table. master outlives unshare and keeps the namespace.
  # shellcheck disable=SC2016 # the inner sh expands $1..$3, on purpose
  unshare --mount --propagation private -- /bin/sh -c \
    'mount --bind "$1" /etc/resolv.conf && exec "$2" -c "$3" start' \
    pfd-start "$dir/resolv.conf" "$PF_BIN" "$dir/etc" \
    || { pf_dump_log "$dir"; bench_die "postfix did not start in its own mount namespace"; }
  if ! bench_wait_port "$port" 30; then
    pf_dump_log "$dir"
    bench_die "postfix is not listening on 127.0.0.1:$port after 30 s"
  fi
  pfd_check_resolver "$dir" "$dns"
  bench_log "postfix $(postconf -h -d mail_version) (dane) listening on 127.0.0.1:$port, resolving via $dns (instance $dir)"
}

# Proves that the running master sees the bench resolver and the machine does not.
pfd_check_resolver() {
  local dir=$1 dns=$2 pid
  pid=$(pf_master_pid "$dir")
  [[ -n $pid ]] || bench_die "postfix wrote no master.pid in $dir"
  grep -qx "nameserver $dns" "/proc/$pid/root/etc/resolv.conf" \
    || bench_die "postfix's master does not see 'nameserver $dns' in its /etc/resolv.conf"
  if grep -qx "nameserver $dns" /etc/resolv.conf; then
    bench_die "the machine's own /etc/resolv.conf names $dns: the namespace leaked"
  fi
}
