import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The run's arithmetic: every recipient the relay acknowledged set against what the sink took, and
 * everything the sink took set against what the clients were told.
 *
 * <p>A pair is one recipient of one message ({@code token rcpt}): the relay owes each acknowledged
 * pair exactly one delivery, or, for a {@code reject-} recipient, exactly one DSN.
 */
final class PairLedger {

  /**
   * A duplicate is explained when the relay was killed at most this long after the sink took the
   * first copy (and before the last copy): the relay died before it recorded the delivery, and must
   * deliver again (RFC 1047). For a DSN the window also opens at each 550 the sink gave for the
   * recipient. A healthy relay records within milliseconds (about 0.15 s at most, measured here
   * under load), so 2 s is generous, and still shorter than the usual time between kills, which a
   * longer window would make explain anything.
   */
  static final long DUPLICATE_WINDOW_MS = 2_000;

  /**
   * The window opens this long before the sink's copy: a relay killed just after it wrote the final
   * dot has its dot delivered by the kernel anyway, and the sink takes it after the kill.
   */
  static final long DOT_IN_FLIGHT_MS = 1_000;

  final Map<String, Integer> outcomes = new LinkedHashMap<>();
  final List<String> acked = new ArrayList<>();

  /** Acknowledged pairs neither delivered nor reported in a DSN. */
  final List<String> lost = new ArrayList<>();

  /** Pairs the sink took more than once, with and without a kill to explain it. */
  final List<String> explained = new ArrayList<>();

  final List<String> unexplained = new ArrayList<>();

  /** How many of the duplicates are DSNs rather than deliveries. */
  int duplicateDsns;

  /** Pairs the sink took although their message was refused, never fully sent, or unknown. */
  final List<String> unacked = new ArrayList<>();

  /** Tokens of in-doubt messages that reached the sink: allowed, counted for interest. */
  final TreeSet<String> inDoubtDelivered = new TreeSet<>();

  /** DSNs for recipients the sink would have taken: the relay gave up on deliverable mail. */
  final List<String> wrongBounces = new ArrayList<>();

  private final RunRecords r;

  PairLedger(RunRecords records) {
    this.r = records;
    for (String o : List.of("ACKED", "REFUSED", "IN_DOUBT", "UNSENT")) outcomes.put(o, 0);
    for (RunRecords.Message m : r.messages.values()) {
      outcomes.merge(m.outcome(), 1, Integer::sum);
      if (m.outcome().equals("ACKED")) {
        m.recipients().forEach(rcpt -> acked.add(RunRecords.pair(m.token(), rcpt)));
      }
    }
    for (String p : acked) {
      if (!r.deliveries.containsKey(p) && !r.bounces.containsKey(p)) lost.add(p);
    }
    r.deliveries.forEach((p, times) -> judge(p, times, false));
    r.bounces.forEach((p, times) -> judge(p, times, true));
    r.bounces.keySet().stream().filter(p -> !isReject(p)).forEach(wrongBounces::add);
  }

  long bouncesExpected() {
    return acked.stream().filter(PairLedger::isReject).count();
  }

  long bouncesReceived() {
    return acked.stream().filter(p -> isReject(p) && r.bounces.containsKey(p)).count();
  }

  /**
   * Lost pairs the relay still holds, as the last queue listing shows: the recipient itself, its
   * message, or a queued DSN that reports it. The rest are gone from the queue.
   */
  long stranded() {
    return lost.stream().filter(this::stillQueued).count();
  }

  private boolean stillQueued(String pair) {
    return !where(pair).isEmpty();
  }

  /** Where the relay still holds a pair, as the last listing shows; empty if nowhere. */
  String where(String pair) {
    RunRecords.Message m = r.messages.get(tokenOf(pair));
    String state = r.queued.get(rcptOf(pair));
    if (state != null) return "still " + state + " in the queue";
    if (m != null && r.queuedIds.contains(m.detail())) return "its message still in the queue";
    if (r.bouncesQueued.contains(pair)) return "its DSN still in the queue";
    return "";
  }

  private void judge(String pair, List<Long> times, boolean dsn) {
    if (times.size() > 1) {
      (killExplains(pair, times) ? explained : unexplained).add(pair);
      if (dsn) duplicateDsns++;
    }
    RunRecords.Message m = r.messages.get(tokenOf(pair));
    String outcome = m == null ? "UNKNOWN" : m.outcome();
    if (outcome.equals("IN_DOUBT")) {
      inDoubtDelivered.add(tokenOf(pair));
    } else if (!outcome.equals("ACKED")) {
      unacked.add(pair);
    }
  }

  /**
   * A kill within the window after the first copy, or, for a DSN, after a 550 that made the relay
   * bounce (a relay killed after queueing a bounce but before retiring the message makes it again);
   * and before the last copy.
   */
  private boolean killExplains(String pair, List<Long> times) {
    List<Long> anchors = new ArrayList<>(r.rejects.getOrDefault(pair, List.of()));
    anchors.add(times.stream().min(Long::compare).orElseThrow());
    long last = times.stream().max(Long::compare).orElseThrow();
    return r.kills.stream()
        .anyMatch(
            k ->
                k.at() < last
                    && anchors.stream()
                        .anyMatch(
                            a ->
                                k.at() >= a - DOT_IN_FLIGHT_MS
                                    && k.at() <= a + DUPLICATE_WINDOW_MS));
  }

  /** Seconds from the first copy of a pair to the next kill, or null when none came after it. */
  Double nextKillSeconds(String pair) {
    List<Long> times =
        r.deliveries.containsKey(pair) ? r.deliveries.get(pair) : r.bounces.get(pair);
    long first = times.stream().min(Long::compare).orElseThrow();
    return r.kills.stream()
        .mapToLong(RunRecords.Kill::at)
        .filter(k -> k >= first - DOT_IN_FLIGHT_MS)
        .min()
        .stream()
        .mapToObj(k -> (k - first) / 1000.0)
        .findFirst()
        .orElse(null);
  }

  static boolean isReject(String pair) {
    return rcptOf(pair).startsWith("reject");
  }

  static String tokenOf(String pair) {
    return pair.substring(0, pair.indexOf(' '));
  }

  static String rcptOf(String pair) {
    return pair.substring(pair.indexOf(' ') + 1);
  }
}
