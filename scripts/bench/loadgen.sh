#!/usr/bin/env bash
# The load generator (IngestLoad.java) as one long-lived JVM per benchmark: started once, given
# run after run on its standard input (IngestLoad --serve), so that its JIT settles during the
# warm-up as the servers' does. A new JVM per run compiled its hot code again inside every
# measured round, on the same two CPUs as the server under test: 0.8 CPU-ms per message, more
# than the relay itself spent. Sourced, never run; needs common.sh and measure.sh.

# The generator's JVM: the serial collector (no GC threads beside the sessions) and a fixed heap,
# so that it neither grows nor shrinks between runs.
BENCH_LOAD_JVM=(-XX:+UseSerialGC -Xms64m -Xmx256m)
BENCH_LOAD_PID=""     # the running generator, if any
BENCH_LOAD_LOG=""     # its standard error: the sessions' first failures of each run
BENCH_LOAD_CLASSES="" # where IngestLoad.class is

# bench_load_start CLASSES LOG: starts the generator (the classes compiled by the caller).
bench_load_start() {
  BENCH_LOAD_CLASSES=$1 BENCH_LOAD_LOG=$2
  coproc BENCH_LOAD {
    exec java "${BENCH_LOAD_JVM[@]}" -cp "$BENCH_LOAD_CLASSES" IngestLoad --serve 2>>"$BENCH_LOAD_LOG"
  }
  # bash unsets BENCH_LOAD_PID with the coprocess; keep the number for the cleanup.
  BENCH_LOAD_PID=$BENCH_LOAD_PID
}

# bench_load_stop: ends the generator: end of input, then TERM if it is still there after 5 s.
bench_load_stop() {
  [[ -n $BENCH_LOAD_PID ]] || return 0
  local pid=$BENCH_LOAD_PID i
  BENCH_LOAD_PID=""
  if [[ -n ${BENCH_LOAD[1]-} ]]; then exec {BENCH_LOAD[1]}>&- 2>/dev/null || true; fi
  for ((i = 0; i < 20; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# bench_load_ticks: the generator's CPU clock ticks so far (0 when none runs).
bench_load_ticks() { bench_ticks one "$BENCH_LOAD_PID"; }

# bench_load_run OUT SECONDS ARG...: one run with these IngestLoad arguments; its result line goes
# to OUT. Returns 0 with a result, 2 when the generator refused the arguments (the reason in OUT),
# 1 when it gave no answer within SECONDS (plus a margin) or died. A generator that ended after a
# run cut off by its time bound is replaced by a new one first.
bench_load_run() {
  local out=$1 seconds=$2 line lines0
  shift 2
  if [[ -z $BENCH_LOAD_PID ]] || ! kill -0 "$BENCH_LOAD_PID" 2>/dev/null || [[ -z ${BENCH_LOAD[1]-} ]]; then
    bench_load_stop
    bench_load_start "$BENCH_LOAD_CLASSES" "$BENCH_LOAD_LOG"
  fi
  lines0=$(wc -l <"$BENCH_LOAD_LOG")
  local IFS=$'\t'
  printf '%s\n' "$*" >&"${BENCH_LOAD[1]}" || return 1
  IFS=$' \t\n'
  : >"$out"
  # Only result and error lines come on standard output; a read that waits longer than the run's
  # own time bound and the JVM's start means the generator hangs.
  while IFS= read -r -t $((seconds + 60)) -u "${BENCH_LOAD[0]}" line; do
    case $line in
      "result "*) printf '%s\n' "$line" >"$out"; bench_load_new_errors "$lines0"; return 0 ;;
      "error "*) printf '%s\n' "$line" >"$out"; return 2 ;;
    esac
  done
  bench_load_new_errors "$lines0"
  return 1
}

# bench_load_new_errors LINES: the generator's error output since its log had LINES lines, at
# most 5 lines, indented, on standard error.
bench_load_new_errors() {
  tail -n +$(($1 + 1)) "$BENCH_LOAD_LOG" | head -n 5 | sed 's/^/  /' >&2
}
