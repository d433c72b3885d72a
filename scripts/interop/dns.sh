#!/usr/bin/env bash
# The signed DNS for scripts/interop/run: NSD serving interop.test (signed with ldns-signzone,
# algorithm 13, NSEC) and Unbound validating it from interop.test's DS. Sourced, never run.
# Needs ip_* from lib.sh and render.sh, and IP_HERE (this folder). scripts/bench/relay uses the
# same functions for its own zone (the optional ZONE arguments; interop.test when left out).

# Certificates: prints "3 1 1 <hex>" (SHA-256 of the SubjectPublicKeyInfo) for a PEM certificate.
ip_tlsa_311() {
  local hex
  hex=$(openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum)
  printf '3 1 1 %s\n' "${hex%% *}"
}

# Prints "2 0 1 <hex>" (SHA-256 of the whole certificate) for a PEM CA certificate.
ip_tlsa_201() {
  local hex
  hex=$(openssl x509 -in "$1" -outform DER | sha256sum)
  printf '2 0 1 %s\n' "${hex%% *}"
}

# ip_dns_make_zone DIR SMTP_PORT NS_ADDR TLSA_MX1 TLSA_MX2 TLSA_MX3 TLSA_MX4: writes the zone,
# makes the key, signs the zone and writes Unbound's trust anchor (the DS, SHA-256) into DIR.
ip_dns_make_zone() {
  local dir=$1 port=$2 ns_addr=$3
  ip_render "$IP_HERE/templates/interop.test.zone.in" "$dir/interop.test.zone" \
    "SMTP_PORT=$port" "NS_ADDR=$ns_addr" \
    "TLSA_MX1=$4" "TLSA_MX2=$5" "TLSA_MX3=$6" "TLSA_MX4=$7"
  ip_dns_sign_zone "$dir" interop.test
}

# ip_dns_sign_zone DIR ZONE: signs DIR/ZONE.zone with a new key into DIR/ZONE.zone.signed and
# writes Unbound's trust anchor (the DS, SHA-256) to DIR/ZONE.ds.
ip_dns_sign_zone() {
  local dir=$1 zone=$2 key
  (cd "$dir" && ldns-keygen -a ECDSAP256SHA256 -k "$zone") >"$dir/keyname" \
    || ip_die "ldns-keygen failed"
  key=$(<"$dir/keyname")
  # Inception an hour back so that no clock skew between signer and validator matters.
  (cd "$dir" && ldns-signzone -o "$zone" -i "$(date -u -d '-1 hour' +%Y%m%d%H%M%S)" \
    -e "$(date -u -d '+2 days' +%Y%m%d%H%M%S)" -f "$zone.zone.signed" \
    "$zone.zone" "$key") || ip_die "ldns-signzone failed"
  ldns-key2ds -n -2 "$dir/$key.key" >"$dir/$zone.ds" || ip_die "ldns-key2ds failed"
  ldns-verify-zone -k "$dir/$key.key" "$dir/$zone.zone.signed" >"$dir/verify.log" 2>&1 \
    || { cat "$dir/verify.log" >&2; ip_die "the signed zone does not verify"; }
}

# ip_nsd_start DIR ADDR PORT [ZONE]: runs NSD in the foreground (as a child of this shell),
# serving DIR/ZONE.zone.signed; sets IP_NSD_PID.
ip_nsd_start() {
  local dir=$1 addr=$2 port=$3 zone=${4:-interop.test}
  mkdir -p "$dir/xfr"
  ip_render "$IP_HERE/templates/nsd.conf.in" "$dir/nsd.conf" "DIR=$dir" "NS_ADDR=$addr" \
    "NS_PORT=$port" "ZONE=$zone"
  nsd-checkconf "$dir/nsd.conf" || ip_die "nsd-checkconf rejected $dir/nsd.conf"
  nsd -d -c "$dir/nsd.conf" >"$dir/nsd.out" 2>&1 &
  IP_NSD_PID=$!
  ip_watch "$IP_NSD_PID" nsd
  if ! ip_wait_alive 30 "$IP_NSD_PID" ip_udp_listening "$addr" "$port"; then
    cat "$dir/nsd.out" "$dir/nsd.log" >&2 2>/dev/null
    ip_die "nsd is not listening on $addr:$port after 30 s"
  fi
}

# ip_unbound_start DIR ADDR PORT NS_ADDR NS_PORT [ZONE]: runs Unbound in the foreground, with
# DIR/ZONE.ds as its only trust anchor; sets IP_UNBOUND_PID.
ip_unbound_start() {
  local dir=$1 addr=$2 port=$3 ns_addr=$4 ns_port=$5 zone=${6:-interop.test}
  ip_render "$IP_HERE/templates/unbound.conf.in" "$dir/unbound.conf" "DIR=$dir" \
    "UB_ADDR=$addr" "UB_PORT=$port" "NS_ADDR=$ns_addr" "NS_PORT=$ns_port" "ZONE=$zone"
  unbound-checkconf "$dir/unbound.conf" >/dev/null || ip_die "unbound-checkconf rejected $dir/unbound.conf"
  unbound -d -c "$dir/unbound.conf" >"$dir/unbound.log" 2>&1 &
  IP_UNBOUND_PID=$!
  ip_watch "$IP_UNBOUND_PID" unbound
  if ! ip_wait_alive 30 "$IP_UNBOUND_PID" ip_udp_listening "$addr" "$port"; then
    cat "$dir/unbound.log" >&2
    ip_die "unbound is not listening on $addr:$port after 30 s"
  fi
}

# ip_dig RESOLVER_ADDR PORT NAME TYPE: asks with DNSSEC OK (drill); prints the whole answer.
ip_dig() {
  timeout 10 drill -D -p "$2" "$3" @"$1" "$4" 2>&1
}
