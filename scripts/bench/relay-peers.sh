#!/usr/bin/env bash
# The receiving side of scripts/bench/relay: one key per MX host, the signed bench.test zone with
# MX, A and TLSA 3 1 1 records (NSD serves it, Unbound validates it, both through
# scripts/interop/dns.sh), and BenchSink.java listening on every MX address. Sourced, never run.
# Needs common.sh, and scripts/interop's lib.sh, render.sh and dns.sh (with IP_HERE set).

RB_ZONE=bench.test

# rb_mx_addr I: the loopback address of MX host I (1-based): 127.0.0.11, 127.0.0.12, ...
rb_mx_addr() { printf '127.0.0.%d\n' $((10 + $1)); }

# rb_domains N: the recipient domains, comma-separated: d1.bench.test,...,dN.bench.test.
rb_domains() {
  local i out=""
  for ((i = 1; i <= $1; i++)); do out+="${out:+,}d$i.$RB_ZONE"; done
  printf '%s\n' "$out"
}

# rb_make_certs DIR N: a self-signed EC P-256 certificate per MX host (DANE-EE 3 1 1 ignores
# names and dates; EC keeps the receivers' handshakes cheap, so they are not the bottleneck).
rb_make_certs() {
  local dir=$1 n=$2 i
  mkdir -p "$dir"
  for ((i = 1; i <= n; i++)); do
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
      -subj "/CN=mx$i.$RB_ZONE" -addext "subjectAltName=DNS:mx$i.$RB_ZONE" \
      -keyout "$dir/mx$i.key" -out "$dir/mx$i.pem" 2>>"$dir/openssl.log" \
      || bench_die "openssl could not make the certificate of mx$i (see $dir/openssl.log)"
  done
  chmod 600 "$dir"/*.key
}

# rb_write_zone FILE N NS_ADDR CERT_DIR: bench.test with dI -> mxI -> 127.0.0.(10+I) and a TLSA
# 3 1 1 record at _25._tcp.mxI for mxI's key (RFC 7672 3.1.1: DANE-EE, SPKI, SHA-256).
rb_write_zone() {
  local file=$1 n=$2 ns_addr=$3 certs=$4 i
  {
    printf '; %s for scripts/bench/relay; signed there with one ECDSA P-256 key.\n' "$RB_ZONE"
    printf '%s\n' "\$ORIGIN $RB_ZONE." "\$TTL 3600"
    printf '@ IN SOA ns hostmaster 1 3600 600 86400 60\n@ IN NS ns\nns IN A %s\n' "$ns_addr"
    for ((i = 1; i <= n; i++)); do
      printf 'd%d IN MX 10 mx%d\n' "$i" "$i"
      printf 'mx%d IN A %s\n' "$i" "$(rb_mx_addr "$i")"
      printf '_25._tcp.mx%d IN TLSA %s\n' "$i" "$(ip_tlsa_311 "$certs/mx$i.pem")"
    done
  } >"$file"
}

# rb_dns_start DIR N NS_PORT DNS_ADDR CERT_DIR: signs the zone, starts NSD on 127.0.0.1:NS_PORT
# and Unbound on DNS_ADDR:53 (port 53 because Postfix's resolver can use no other).
rb_dns_start() {
  local dir=$1 n=$2 ns_port=$3 dns=$4 certs=$5
  mkdir -p "$dir/nsd" "$dir/unbound"
  rb_write_zone "$dir/nsd/$RB_ZONE.zone" "$n" 127.0.0.1 "$certs"
  ip_dns_sign_zone "$dir/nsd" "$RB_ZONE"
  cp "$dir/nsd/$RB_ZONE.ds" "$dir/unbound/$RB_ZONE.ds"
  ip_nsd_start "$dir/nsd" 127.0.0.1 "$ns_port" "$RB_ZONE"
  ip_unbound_start "$dir/unbound" "$dns" 53 127.0.0.1 "$ns_port" "$RB_ZONE"
}

# rb_secure DNS_ADDR NAME TYPE: true when Unbound answers NAME TYPE with data and the AD bit.
rb_secure() {
  local out
  out=$(ip_dig "$1" 53 "$2" "$3") || return 1
  grep -q 'rcode: NOERROR' <<<"$out" && grep -qE ';; flags: .* ad[ ;]' <<<"$out" \
    && grep -qE "IN[[:space:]]+$3[[:space:]]" <<<"$out"
}

# rb_dns_check DNS_ADDR N: every domain's MX and every MX host's TLSA come back validated.
rb_dns_check() {
  local dns=$1 n=$2 i
  for ((i = 1; i <= n; i++)); do
    ip_wait 20 rb_secure "$dns" "d$i.$RB_ZONE" MX \
      || bench_die "Unbound on $dns:53 gives no validated (AD) MX for d$i.$RB_ZONE"
    rb_secure "$dns" "_25._tcp.mx$i.$RB_ZONE" TLSA \
      || bench_die "Unbound on $dns:53 gives no validated (AD) TLSA for _25._tcp.mx$i.$RB_ZONE"
  done
  bench_log "DNS: $n domains, MX and TLSA validated (AD) by Unbound on $dns:53"
}

# rb_sink_start CLASSES RECORDS N CERT_DIR LOG: one BenchSink JVM listening on every MX address,
# port 25, each with its own key; sets RB_SINK_PID.
rb_sink_start() {
  local classes=$1 records=$2 n=$3 certs=$4 log=$5 i args=()
  for ((i = 1; i <= n; i++)); do
    args+=(--mx "$(rb_mx_addr "$i"):25,$certs/mx$i.pem,$certs/mx$i.key")
  done
  java -Xmx512m -cp "$classes" BenchSink --out "$records" "${args[@]}" >"$log" 2>&1 </dev/null &
  RB_SINK_PID=$!
  for ((i = 1; i <= n; i++)); do
    if ! ip_wait_alive 30 "$RB_SINK_PID" ip_tcp_listening "$(rb_mx_addr "$i")" 25; then
      cat "$log" >&2
      bench_die "the sink is not listening on $(rb_mx_addr "$i"):25 after 30 s"
    fi
  done
  bench_log "sink listening on $(rb_mx_addr 1)..$(rb_mx_addr "$n"):25 (pid $RB_SINK_PID)"
}

# rb_require_free ADDR PORT WHAT: refuses ADDR:PORT when anything is bound to it, or to the same
# port on a wildcard address (which would take the traffic or make the bind fail).
rb_require_free() {
  local addr=$1 port=$2 what=$3 local_addr
  while read -r local_addr; do
    case ${local_addr%:*} in
      "$addr" | 0.0.0.0 | '*' | '[::]' | '[::ffff:0.0.0.0]')
        bench_die "$addr:$port for $what is taken (something listens on $local_addr)" ;;
    esac
  done < <(ss -Hlntu "sport = :$port" 2>/dev/null | awk '{ print $5 }')
}
