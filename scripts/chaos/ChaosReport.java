import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints the verdict of a run from its records: the run passes when nothing acknowledged is lost,
 * no duplicate lacks a kill to explain it, nothing refused or never fully sent was delivered, no
 * deliverable recipient was bounced, and the queue drained in time.
 */
final class ChaosReport {

  private static final int EXAMPLES = 5;

  private final RunRecords r;
  private final PairLedger ledger;
  private final List<String> failures = new ArrayList<>();

  ChaosReport(RunRecords records) {
    this.r = records;
    this.ledger = new PairLedger(records);
  }

  /** Prints the report and its machine-readable last line; returns the exit code, 0 or 1. */
  int print(String run, long drainLimitSeconds, List<String> problems, PrintStream out) {
    long stranded = ledger.stranded();
    long bouncesExpected = ledger.bouncesExpected();
    long bouncesReceived = ledger.bouncesReceived();
    List<String> wrongBounces = ledger.wrongBounces;
    long deliveries = r.deliveries.values().stream().mapToLong(List::size).sum();
    int duplicates = ledger.explained.size() + ledger.unexplained.size();
    String drainSeconds = r.drain.equals("empty") ? seconds(r.drainAt - lastStart()) : "none";

    out.println("== chaos report: " + run);
    out.printf(
        "messages: acked=%d refused=%d in_doubt=%d unsent=%d (recipients acked: %d)%n",
        ledger.outcomes.get("ACKED"),
        ledger.outcomes.get("REFUSED"),
        ledger.outcomes.get("IN_DOUBT"),
        ledger.outcomes.get("UNSENT"),
        ledger.acked.size());
    out.printf(
        "delivered: %d token+recipient pairs (%d deliveries in all)%n",
        r.deliveries.size(), deliveries);
    out.printf(
        "lost: %d acknowledged recipients neither delivered nor bounced (%s)%n",
        ledger.lost.size(),
        r.listed
            ? stranded + " still in the queue, " + (ledger.lost.size() - stranded) + " gone from it"
            : "no queue listing at the end: where they are is unknown");
    examples(out, ledger.lost);
    out.printf(
        "bounces: expected=%d received=%d; bounces for deliverable recipients: %d%n",
        bouncesExpected, bouncesReceived, wrongBounces.size());
    examples(out, wrongBounces);
    out.printf(
        "duplicates: %d, of them DSNs: %d (explained by a kill from %d s before to %d s after"
            + " the first copy or a 550: %d, unexplained: %d)%n",
        duplicates,
        ledger.duplicateDsns,
        PairLedger.DOT_IN_FLIGHT_MS / 1000,
        PairLedger.DUPLICATE_WINDOW_MS / 1000,
        ledger.explained.size(),
        ledger.unexplained.size());
    for (String p : ledger.unexplained.subList(0, Math.min(EXAMPLES, ledger.unexplained.size()))) {
      Double next = ledger.nextKillSeconds(p);
      out.printf(
          "  e.g. %s: %s copies, the next kill %s%n",
          p,
          (r.deliveries.containsKey(p) ? r.deliveries : r.bounces).get(p).size(),
          next == null ? "never came" : String.format("came %.1f s after the first", next));
    }
    out.printf("delivered but never acknowledged: %d%n", ledger.unacked.size());
    examples(out, ledger.unacked);
    out.printf(
        "in doubt and delivered (allowed either way): %d of %d%n",
        ledger.inDoubtDelivered.size(), ledger.outcomes.get("IN_DOUBT"));
    out.println("kills: " + r.kills.size() + " (" + killsByKind(" ", "=") + ")" + timeouts());
    out.println("restarts: " + restartTimes());
    out.println("drain: " + drainLine(drainLimitSeconds));

    if (!ledger.lost.isEmpty())
      failures.add(
          ledger.lost.size() + " lost" + (r.listed ? " (" + stranded + " still queued)" : ""));
    if (!ledger.unexplained.isEmpty())
      failures.add(ledger.unexplained.size() + " unexplained duplicates");
    if (!ledger.unacked.isEmpty())
      failures.add(ledger.unacked.size() + " delivered but never acknowledged");
    if (!wrongBounces.isEmpty()) failures.add(wrongBounces.size() + " deliverable ones bounced");
    failures.addAll(problems);
    boolean pass = failures.isEmpty();
    out.println(pass ? "result: PASS" : "result: FAIL: " + String.join("; ", failures));
    Map<String, Object> line = new LinkedHashMap<>();
    ledger.outcomes.forEach((outcome, n) -> line.put(outcome.toLowerCase(Locale.ROOT), n));
    line.put("delivered", r.deliveries.size());
    line.put("lost", ledger.lost.size());
    line.put("stranded", r.listed ? stranded : "-");
    line.put("gone", r.listed ? ledger.lost.size() - stranded : "-");
    line.put("bounces_expected", bouncesExpected);
    line.put("bounces_received", bouncesReceived);
    line.put("wrong_bounces", wrongBounces.size());
    line.put("duplicates", duplicates);
    line.put("dup_explained", ledger.explained.size());
    line.put("dup_unexplained", ledger.unexplained.size());
    line.put("delivered_unacked", ledger.unacked.size());
    line.put("in_doubt_delivered", ledger.inDoubtDelivered.size());
    line.put("kinds", killsByKind(",", ":"));
    line.put("drain_s", drainSeconds);
    line.put("result", pass ? "pass" : "fail");
    StringJoiner fields = new StringJoiner(" ", "chaos: " + run + " ", "");
    line.forEach((key, value) -> fields.add(key + "=" + value));
    out.println(fields);
    return pass ? 0 : 1;
  }

  private String drainLine(long limitSeconds) {
    String limit =
        " (limit " + limitSeconds + " s; " + r.backlog + " messages queued when the load stopped)";
    String after = seconds(r.drainAt - lastStart()) + " s after the last restart";
    switch (r.drain) {
      case "empty":
        return "queue empty " + after + limit;
      case "timeout":
        failures.add("the queue did not drain within " + limitSeconds + " s");
        return "NOT empty " + after + limit;
      default:
        String why =
            r.drain.equals("relay-died") ? "the relay died while draining" : "no relay ran";
        failures.add("no drain: " + why);
        return "not measured: " + why;
    }
  }

  private long lastStart() {
    return r.starts.values().stream().max(Long::compare).orElse(0L);
  }

  private String restartTimes() {
    List<Long> ms = new ArrayList<>();
    r.starts.forEach(
        (cycle, at) -> {
          if (cycle > 1 && r.readies.containsKey(cycle)) ms.add(r.readies.get(cycle) - at);
        });
    if (ms.isEmpty()) return "none";
    ms.sort(null);
    return ms.size()
        + ", each from start to listening: median "
        + seconds(ms.get(ms.size() / 2))
        + " s, max "
        + seconds(ms.get(ms.size() - 1))
        + " s";
  }

  /** Kills per kind, every kind named: a zero shows which kind the run missed. */
  private String killsByKind(String separator, String equals) {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    for (KillKind k : KillKind.values()) kinds.put(k.label(), 0);
    r.kills.forEach(k -> kinds.merge(k.kind(), 1, Integer::sum));
    StringJoiner joined = new StringJoiner(separator);
    kinds.forEach((k, n) -> joined.add(k + equals + n));
    return joined.toString();
  }

  private String timeouts() {
    List<String> late =
        r.kills.stream()
            .filter(k -> k.how().equals("timeout"))
            .map(k -> k.kind() + " (kill " + k.cycle() + ")")
            .toList();
    return late.isEmpty() ? "" : "; no trigger, killed anyway: " + String.join(", ", late);
  }

  /** A few pairs, with the queue id the relay gave and where they stand in its queue. */
  private void examples(PrintStream out, List<String> pairs) {
    for (String p : pairs.subList(0, Math.min(EXAMPLES, pairs.size()))) {
      RunRecords.Message m = r.messages.get(PairLedger.tokenOf(p));
      String where = ledger.where(p);
      out.printf(
          "  e.g. %s: %s%s%n",
          p,
          m == null ? "no client record" : m.outcome() + " " + m.detail(),
          where.isEmpty() ? "" : ", " + where);
    }
  }

  private static String seconds(long millis) {
    return String.format("%.1f", millis / 1000.0);
  }
}
