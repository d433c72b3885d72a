#!/usr/bin/env bash
# What the benchmarks measure of a sender's processes, from /proc: CPU clock ticks, peak PSS
# (sampled in the background during a run) and a JFR recording of the relay's JVM. Sourced,
# never run; needs common.sh. A "tree" is a process with all its living descendants (Postfix: the
# master and every daemon it started; PostgreSQL: the postmaster and its backends); "one" is a
# single process (the relay's JVM). PID may be a comma-separated list (several relay nodes): the
# figures are then summed over them.

# The sampler's period: often enough to catch a peak of a run that lasts seconds, rarely enough
# that the sampler's own CPU stays small (about 4% of one CPU, mostly the kernel computing
# smaps_rollup; it is not counted in either sender's CPU).
BENCH_PSS_PERIOD=0.25
BENCH_PSS_PIDS=() # the running samplers, if any
BENCH_TREE=()    # set by bench_tree
BENCH_FILES=()   # set by bench_files
BENCH_JFR_PID="" # the JVM with a running "bench" recording, if any

# bench_tree MODE PIDS: sets BENCH_TREE to the comma-separated PIDS (MODE one) or to them and every
# living descendant (MODE tree), found through /proc/P/task/T/children (each thread lists the
# children it forked). Builtins only, so the sampler forks nothing for it; at most 10000 processes.
bench_tree() {
  local mode=$1 i=0 f kids=()
  IFS=, read -r -a BENCH_TREE <<<"$2"
  [[ $mode == tree ]] || return 0
  while ((i < ${#BENCH_TREE[@]} && i < 10000)); do
    for f in /proc/"${BENCH_TREE[i]}"/task/*/children; do
      kids=()
      # The file is one line without a newline: read fills the array and returns 1.
      read -r -a kids 2>/dev/null <"$f" || true
      BENCH_TREE+=("${kids[@]}")
    done
    i=$((i + 1))
  done
}

# bench_files SUFFIX: sets BENCH_FILES to /proc/P/SUFFIX for each P in BENCH_TREE.
bench_files() {
  local p
  BENCH_FILES=()
  for p in "${BENCH_TREE[@]}"; do BENCH_FILES+=("/proc/$p/$1"); done
}

# awk programs over BENCH_FILES; a process may end between the walk and the read, and then its
# file adds nothing (getline fails; awk would stop at a missing file named as input).
BENCH_TICKS_AWK='BEGIN {
  for (i = 1; i < ARGC; i++) {
    if ((getline line < ARGV[i]) > 0) {
      sub(/^.*\) /, "", line); split(line, f, " "); t += f[12] + f[13] + f[14] + f[15]
    }
    close(ARGV[i])
  }
  printf "%.0f\n", t }'
BENCH_PSS_AWK='BEGIN {
  for (i = 1; i < ARGC; i++) {
    while ((getline line < ARGV[i]) > 0) if (line ~ /^Pss:/) { split(line, f, " "); s += f[2]; break }
    close(ARGV[i])
  }
  printf "%.0f\n", s }'

# bench_ticks MODE PID: CPU clock ticks used so far (user + system, with the children each process
# has reaped: cutime, cstime). For a tree that counts every child that ever ran, living or reaped;
# a living process's own reaped children are in its cutime, so nothing is counted twice. 0 when
# PID is gone or empty.
bench_ticks() {
  [[ -n ${2-} && -r /proc/${2%%,*}/stat ]] || { echo 0; return 0; }
  bench_tree "$1" "$2"
  bench_files stat
  awk "$BENCH_TICKS_AWK" "${BENCH_FILES[@]}"
}

# bench_jit_ticks PIDS: CPU clock ticks the JVMs' JIT compiler threads (C1 and C2) have used so
# far; PIDS is comma-separated. Their share of a run's CPU says whether the JIT had settled: a
# relay still compiling spends a fifth of its CPU on it, which no per-message change can remove.
bench_jit_ticks() {
  local pid files=()
  for pid in ${1//,/ }; do
    for f in /proc/"$pid"/task/*; do
      [[ $(cat "$f/comm" 2>/dev/null) == C[12]\ CompilerThre* ]] && files+=("$f/stat")
    done
  done
  ((${#files[@]} > 0)) || { echo 0; return 0; }
  # A thread's own utime and stime (fields 14 and 15; its cutime and cstime are the process's).
  awk '{ sub(/^.*\) /, ""); t += $12 + $13 } END { printf "%.0f\n", t }' "${files[@]}" 2>/dev/null || echo 0
}

# bench_jit_hint "J1 J2 ...": a warning when a round's jit_pct is above 5 (the relay was still
# compiling: the figures are of a relay warming up), else nothing.
bench_jit_hint() {
  awk -v j="$1" 'BEGIN { n = split(j, v, " ")
    for (i = 1; i <= n; i++) if (v[i] + 0 > 5) { print " (above 5 %: the JIT had not settled; lengthen --warmup)"; exit } }'
}

# bench_pss_kib MODE PID: the summed Pss of the processes in KiB, from /proc/P/smaps_rollup.
bench_pss_kib() {
  [[ -n ${2-} ]] || { echo 0; return 0; }
  bench_tree "$1" "$2"
  bench_files smaps_rollup
  awk "$BENCH_PSS_AWK" "${BENCH_FILES[@]}"
}

# bench_pss_start FILE SECONDS MODE PIDS: starts a sampler in the background. Every period
# (BENCH_PSS_PERIOD seconds, as it is at the call), for at most SECONDS or until the first of PIDS
# is gone, it sums the PSS of PIDS (MODE one) or of their trees (MODE tree) and writes each new
# peak (KiB) to FILE. bench_pss_stop ends every sampler; several may run at once (the relays and
# PostgreSQL, each with its own FILE).
bench_pss_start() {
  local file=$1 seconds=$2 mode=$3 pid=${4-} # no PID (a server that died): nothing to sample
  local samples
  samples=$(awk -v s="$seconds" -v p="$BENCH_PSS_PERIOD" 'BEGIN { printf "%d", s / p }')
  echo 0 >"$file"
  (
    # SIGTERM ends the loop between two samples, never in the middle of writing FILE.
    stop=0
    trap 'stop=1' TERM
    peak=0
    for ((n = 0; stop == 0 && n < samples; n++)); do
      [[ -n $pid && -e /proc/${pid%%,*} ]] || break
      # The walk here, awk alone in the substitution: one fork per sample besides sleep.
      bench_tree "$mode" "$pid"
      bench_files smaps_rollup
      kib=$(awk "$BENCH_PSS_AWK" "${BENCH_FILES[@]}")
      if ((kib > peak)); then
        peak=$kib
        echo "$peak" >"$file"
      fi
      sleep "$BENCH_PSS_PERIOD"
    done
  ) &
  BENCH_PSS_PIDS+=("$!")
}

# Stops the samplers (if any run) and waits for them; at most one period.
bench_pss_stop() {
  local p
  for p in "${BENCH_PSS_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${BENCH_PSS_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  BENCH_PSS_PIDS=()
}

# bench_pss_peak_mib FILE: the sampler's peak in MiB, one decimal ("nan" when nothing was read).
bench_pss_peak_mib() {
  awk '{ v = $1 } END { if (v + 0 > 0) printf "%.1f\n", v / 1024; else print "nan" }' "$1" 2>/dev/null \
    || echo nan
}

# bench_warn_unless_jvm PID WHAT: the relay's numbers are its JVM's; say so when PID is not one
# (a launcher that forks instead of exec-ing java would be measured as a shell).
bench_warn_unless_jvm() {
  local comm=""
  read -r comm 2>/dev/null <"/proc/$1/comm" || true
  [[ $comm == java ]] || bench_log "warning: $2 (pid $1) is '$comm', not java: its CPU, PSS and JFR are not the JVM's"
}

# bench_jfr_start PID: starts a JFR recording "bench" with the profile settings in the JVM PID.
bench_jfr_start() {
  local out
  out=$(timeout 60 jcmd "$1" JFR.start name=bench settings=profile 2>&1) || true
  [[ $out == *"Started recording"* ]] || bench_die "jcmd $1 JFR.start failed: $out"
  BENCH_JFR_PID=$1
  bench_log "JFR recording 'bench' started in pid $1"
}

# bench_jfr_stop FILE: stops the recording and writes it to FILE (an absolute path: jcmd's
# file names are the JVM's, relative to its working folder); prints FILE, or warns. Nothing when
# no recording runs.
bench_jfr_stop() {
  local file=$1 out pid=$BENCH_JFR_PID
  [[ -n $pid ]] || return 0
  BENCH_JFR_PID=""
  out=$(timeout 120 jcmd "$pid" JFR.stop name=bench filename="$file" 2>&1) || true
  # jcmd exits 0 even when the command failed; its answer says which.
  if [[ $out == *"Stopped recording"* && -s $file ]]; then
    echo "jfr: $file (summary: java scripts/bench/JfrTop.java $file)"
  else
    bench_log "warning: jcmd $pid JFR.stop wrote no $file: $out"
  fi
}
