#!/usr/bin/env bash
# The arithmetic, log checks and summary of scripts/bench/relay: joins what the load generator
# saw accepted with what the sinks received, checks in each sender's log that every message went
# out over DANE-authenticated TLS, and prints the medians. Sourced, never run. Times are wall-clock microseconds
# since the epoch, written by IngestLoad.java (the 250) and BenchSink.java (the final ".").

# rb_delivery_stats ACCEPTED RECORDS N_DOMAINS: prints one line of key=value pairs.
#   accepted, delivered (distinct Message-IDs of ACCEPTED found in RECORDS), undelivered,
#   duplicates (a message received twice), plaintext (received outside TLS), misrouted (at
#   another domain's MX), resumed (over a resumed TLS session), seconds (first 250 to last delivery), delivered_per_s, p50_ms, p99_ms
#   (from each message's 250 to its final "." at the sink; nearest rank).
rb_delivery_stats() {
  local accepted=$1 records=$2 n=$3 lat stats
  lat=$(mktemp "${TMPDIR:-/tmp}/danerelay-bench-lat.XXXXXX")
  # mawk prints integers above 2^31 wrongly with %d: every large number goes out with %.0f.
  stats=$(awk -v n="$n" -v lat="$lat" '
    FNR == NR { t250[$1] = $2; acc++; if (first == "" || $2 < first) first = $2; next }
    !($1 in t250) { next }
    $1 in seen { dup++; next }
    {
      seen[$1] = 1; del++
      if ($2 > last) last = $2
      if ($3 == "tls=none") plain++
      if ($5 == "resumed=yes") resumed++
      # <ingest.RUN.SEQ@...>: message SEQ went to domain (SEQ mod n) + 1, so to 127.0.0.(11 + SEQ mod n).
      split($1, part, "."); seq = part[3]; sub(/@.*/, "", seq)
      if ($4 != "mx=127.0.0." (11 + (seq + 0) % n) ":25") misrouted++
      printf "%.0f\n", $2 - t250[$1] > lat
    }
    END {
      secs = (del > 0) ? (last - first) / 1e6 : 0
      printf "accepted=%d delivered=%d undelivered=%d duplicates=%d plaintext=%d misrouted=%d", \
        acc, del, acc - del, dup, plain, misrouted
      printf " resumed=%d", resumed
      printf " seconds=%.3f delivered_per_s=%.1f\n", secs, (secs > 0) ? del / secs : 0
    }' "$accepted" "$records")
  printf '%s p50_ms=%s p99_ms=%s\n' "$stats" "$(rb_percentile_ms "$lat" 50)" "$(rb_percentile_ms "$lat" 99)"
  rm -f -- "$lat"
}

# rb_percentile_ms FILE P: the P-th percentile (nearest rank) of the microsecond values in FILE,
# in milliseconds; "nan" for an empty file.
rb_percentile_ms() {
  sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan"; exit }
    r = int(p / 100 * NR); if (r < p / 100 * NR) r++; if (r < 1) r = 1
    printf "%.1f\n", v[r] / 1000 }'
}

# rb_relay_dane ACCEPTED RELAY_LOG...: prints "dane_ok=X dane_bad=Y" over the queue ids in ACCEPTED:
# ok when the relay logged "ID: Connection is now using ... (DANE)" and a "status=sent" line
# with tls=dane and a 3 1 1 match; bad when it logged status=sent in any other way. Several logs:
# one per relay node (any node may deliver any message of a shared queue).
rb_relay_dane() {
  awk '
    FNR == NR { want[$3] = 1; next }
    {
      for (i = 1; i < NF && $i != "delivery:"; i++) {}
      if (i >= NF) next
      id = $(i + 1)
      if (id ~ /:$/) {
        id = substr(id, 1, length(id) - 1)
        if ((id in want) && $0 ~ /Connection is now using .* \(DANE\)$/) conn[id] = 1
        next
      }
      if (!(id in want) || $0 !~ / status=sent /) next
      if ($0 ~ / tls=dane dane="3 1 1 /) sent[id] = 1; else other[id] = 1
    }
    END {
      for (id in sent) if ((id in conn) && !(id in other)) ok++
      for (id in want) if (((id in sent) || (id in other)) && !((id in sent) && (id in conn) && !(id in other))) bad++
      printf "dane_ok=%d dane_bad=%d\n", ok, bad
    }' "$@"
}

# rb_postfix_dane ACCEPTED MAILLOG [SKIP]: prints "dane_ok=X dane_bad=Y" over the queue ids in
# ACCEPTED, counting the deliveries logged after the first SKIP lines (those of earlier runs:
# Postfix reuses its short queue ids, which come from inode numbers, over a long run).
# Postfix logs the TLS line per connection, without a queue id, in the smtp process that then
# logs the delivery: a delivery is ok when the last TLS line of its process was "Verified TLS
# connection established" (with smtp_tls_security_level = dane: the TLSA record matched). With
# --postfix-set smtp_tls_connection_reuse=yes a delivery may ride a connection another smtp
# process made (its line says conn_use=N): it is ok when every TLS connection to that host in the
# whole log was Verified, and at least one was.
rb_postfix_dane() {
  awk -v skip="${3:-0}" '
    FNR == NR { want[$3] = 1; next }
    !match($0, /postfix\/(smtp|relay|tlsproxy)\[[0-9]+\]: /) { next }
    {
      pid = substr($0, RSTART, RLENGTH)
      rest = substr($0, RSTART + RLENGTH)
      if (rest ~ /TLS connection established to /) {
        good = (rest ~ /^Verified TLS connection established to /)
        verified[pid] = good
        host = rest; sub(/.* established to /, "", host); sub(/:.*/, "", host)
        if (good && !(host in hostbad)) hostok[host] = 1
        if (!good) { hostbad[host] = 1; delete hostok[host] }
        next
      }
      if (FNR <= skip || rest !~ / status=sent /) next
      id = rest; sub(/:.*/, "", id)
      if (!(id in want)) next
      relay = rest; sub(/.* relay=/, "", relay); sub(/:.*/, "", relay)
      if (verified[pid] || (rest ~ / conn_use=/ && (relay in hostok))) ok++; else bad++
    }
    END { printf "dane_ok=%d dane_bad=%d\n", ok, bad }' "$1" "$2"
}

# rb_machine_ticks: "busy total" clock ticks of all CPUs since boot, from /proc/stat.
rb_machine_ticks() {
  # user nice system idle iowait irq softirq steal; guest time is already inside user.
  awk '/^cpu / { total = 0; for (i = 2; i <= 9; i++) total += $i
    printf "%.0f %.0f\n", total - $5 - $6, total }' /proc/stat
}

# rb_per_message BEFORE AFTER N: PostgreSQL's counters (bench_pg_counters) per message over a run:
# "pg_commits_per_msg=... pg_wal_kib_per_msg=... pg_wal_syncs_per_msg=..." (and rows).
rb_per_message() {
  awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    for (i in x) { split(x[i], kv, "="); before[kv[1]] = kv[2] }
    for (i in y) { split(y[i], kv, "="); after[kv[1]] = kv[2] }
    if (n <= 0) n = 1
    printf "pg_commits_per_msg=%.2f pg_rows_in_per_msg=%.2f pg_rows_upd_per_msg=%.2f", \
      (after["commits"] - before["commits"]) / n, (after["rows_in"] - before["rows_in"]) / n, \
      (after["rows_upd"] - before["rows_upd"]) / n
    printf " pg_wal_kib_per_msg=%.1f pg_wal_syncs_per_msg=%.2f\n", \
      (after["wal_bytes"] - before["wal_bytes"]) / 1024 / n, (after["wal_syncs"] - before["wal_syncs"]) / n
  }'
}

# --- Per-run lines and the summary --------------------------------------------------------------

# rb_field LINE NAME: the NAME= value in LINE (key=value pairs separated by spaces).
rb_field() { sed -n "s/.*\(^\| \)$2=\([^ ]*\).*/\2/p" <<<"$1"; }

# rb_validity LINE: "yes", or "no(reasons)" for a run line of scripts/bench/relay.
rb_validity() {
  local line=$1 why=()
  [[ $(rb_field "$line" completed) == true ]] || why+=("load-timeout")
  [[ $(rb_field "$line" failed) == 0 ]] || why+=("not-accepted")
  [[ $(rb_field "$line" undelivered) == 0 ]] || why+=("undelivered")
  [[ $(rb_field "$line" plaintext) == 0 ]] || why+=("plaintext")
  [[ $(rb_field "$line" misrouted) == 0 ]] || why+=("misrouted")
  [[ $(rb_field "$line" dane_bad) == 0 && $(rb_field "$line" dane_ok) == "$(rb_field "$line" delivered)" ]] \
    || why+=("not-all-dane")
  if ((${#why[@]} == 0)); then echo yes; else local IFS=,; echo "no(${why[*]})"; fi
}

# Median of the numbers on standard input, one per line; "nan" for none.
rb_median() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

rb_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "nan" || b == "nan") print "n/a"; else printf "%.2f\n", a / b }'; }

# rb_values ROWS NAME: NAME= of each row, one per line.
rb_values() { local row; while read -r row; do [[ -n $row ]] && rb_field "$row" "$2"; done <<<"$1"; }

# rb_summary RESULTS SIDE...: the table of medians over each side's valid rounds, and with both
# sides the ratio relay/postfix and whether the target (at least Postfix's rate) is met.
rb_summary() {
  local results=$1 side rows valid
  shift
  declare -A RATE P50 CPU PSS
  echo "== summary (median over valid rounds; delivered/s = delivered / (last delivery - first 250); ms from the 250 to the sink's final '.')"
  printf '%-8s %6s %6s %11s %12s %9s %9s %12s %11s %13s\n' side rounds valid accepted/s delivered/s \
    p50_ms p99_ms undelivered cpu_ms/msg peak_pss_mib
  for side in "$@"; do
    rows=$(grep " side=$side " "$results" || true)
    valid=$(grep ' valid=yes' <<<"$rows" || true)
    RATE[$side]=$(rb_values "$valid" delivered_per_s | rb_median)
    P50[$side]=$(rb_values "$valid" p50_ms | rb_median)
    CPU[$side]=$(rb_values "$valid" mta_cpu_ms_per_msg | rb_median)
    PSS[$side]=$(rb_values "$valid" peak_pss_mib | awk '$1 != "nan"' | rb_median)
    printf '%-8s %6s %6s %11s %12s %9s %9s %12s %11s %13s\n' "$side" "$(grep -c . <<<"$rows")" \
      "$(grep -c . <<<"$valid")" "$(rb_values "$valid" accepted_per_s | rb_median)" "${RATE[$side]}" \
      "${P50[$side]}" "$(rb_values "$valid" p99_ms | rb_median)" \
      "$(rb_values "$rows" undelivered | awk '{ s += $1 } END { print s + 0 }')" \
      "${CPU[$side]}" "${PSS[$side]}"
  done
  if grep -q ' jit_pct=' "$results"; then
    local jits
    jits=$(rb_values "$(grep ' side=relay ' "$results")" jit_pct | paste -sd' ')
    echo "relay JIT compiling, % of its CPU, per round: $jits$(bench_jit_hint "$jits")"
  fi
  if grep -q ' pg_cpu_ms_per_msg=' "$results"; then
    valid=$(grep ' side=relay .* valid=yes' "$results" || true)
    local f out="postgres (median over the relay's valid rounds):"
    for f in pg_cpu_ms_per_msg pg_peak_pss_mib pg_commits_per_msg pg_wal_kib_per_msg pg_wal_syncs_per_msg; do
      out+=" ${f#pg_}=$(rb_values "$valid" "$f" | awk '$1 != "nan"' | rb_median)"
    done
    echo "$out"
  fi
  if (($# == 2)); then
    local r
    r=$(rb_ratio "${RATE[relay]}" "${RATE[postfix]}")
    echo "ratio relay/postfix: delivered/s=$r p50=$(rb_ratio "${P50[relay]}" "${P50[postfix]}")" \
      "cpu_ms/msg=$(rb_ratio "${CPU[relay]}" "${CPU[postfix]}") peak_pss=$(rb_ratio "${PSS[relay]}" "${PSS[postfix]}")"
    if [[ $r != n/a ]] && awk -v r="$r" 'BEGIN { exit !(r >= 1) }'; then
      echo "target (relay delivered/s >= postfix): met"
    else
      echo "target (relay delivered/s >= postfix): NOT met"
    fi
  fi
}
