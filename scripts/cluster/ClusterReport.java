import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints the verdict of one scenario from its journals and facts: the chaos arithmetic ({@link
 * PairLedger}: lost, delivered but never acknowledged, bounces), duplicates judged with the node
 * that sent each copy ({@link DuplicateJudge}), the drain, and the scenario's own checks ({@link
 * KillFindings}, {@link OutageFindings}).
 */
final class ClusterReport {

  static final int EXAMPLES = 5;

  private final PhaseFacts facts;
  private final RunRecords records;
  private final PairLedger ledger;
  private final SinkCopies copies;
  private final DuplicateJudge duplicates;
  private final List<String> failures = new ArrayList<>();

  /** The scenario's figures for the last line: key=value, in order. */
  final Map<String, Object> figures = new LinkedHashMap<>();

  ClusterReport(PhaseFacts facts) throws IOException {
    this.facts = facts;
    this.records = RunRecords.read(facts.folder);
    this.ledger = new PairLedger(records);
    this.copies = SinkCopies.read(facts.folder.resolve("sink.log"));
    this.duplicates = new DuplicateJudge(copies, facts);
  }

  /** Prints the scenario's part of the report; returns its failures (none: it passed). */
  List<String> print(PrintStream out) {
    long stranded = ledger.stranded();
    out.printf(
        "-- %s: %s, %d messages, load %.1f s%n",
        facts.scenario.label(),
        String.join(" ", facts.nodes),
        facts.messages,
        (facts.loadEnd - facts.began) / 1000.0);
    out.printf(
        "messages: acked=%d refused=%d in_doubt=%d unsent=%d (recipients acked: %d)%n",
        ledger.outcomes.get("ACKED"),
        ledger.outcomes.get("REFUSED"),
        ledger.outcomes.get("IN_DOUBT"),
        ledger.outcomes.get("UNSENT"),
        ledger.acked.size());
    StringJoiner shares = new StringJoiner(" ");
    copies.deliveriesByNode.forEach((helo, n) -> shares.add(nodeOf(helo) + "=" + n));
    long all = records.deliveries.values().stream().mapToLong(List::size).sum();
    out.printf(
        "delivered: %d token+recipient pairs (%d copies); copies by node: %s%n",
        records.deliveries.size(), all, shares);
    out.printf(
        "lost: %d acknowledged recipients neither delivered nor bounced (%s)%n",
        ledger.lost.size(),
        records.listed
            ? stranded + " still queued, " + (ledger.lost.size() - stranded) + " gone"
            : "no queue listing at the end");
    examples(out, ledger.lost);
    out.printf(
        "bounces: expected=%d received=%d; bounces for deliverable recipients: %d%n",
        ledger.bouncesExpected(), ledger.bouncesReceived(), ledger.wrongBounces.size());
    examples(out, ledger.wrongBounces);
    int dups = duplicates.explained.size() + duplicates.unexplained.size();
    out.printf(
        "duplicates: %d, of them DSNs: %d (explained: %d, unexplained: %d)%n",
        dups, duplicates.dsns, duplicates.explained.size(), duplicates.unexplained.size());
    for (String p : first(duplicates.explained)) copiesLine(out, "explained", p);
    for (String p : first(duplicates.unexplained)) copiesLine(out, "UNEXPLAINED", p);
    out.printf("delivered but never acknowledged: %d%n", ledger.unacked.size());
    examples(out, ledger.unacked);
    out.printf(
        "in doubt and delivered (allowed either way): %d of %d%n",
        ledger.inDoubtDelivered.size(), ledger.outcomes.get("IN_DOUBT"));
    if (facts.kill != null) {
      new KillFindings(facts, copies, ledger).print(out, failures, figures);
    }
    if (facts.outage != null) {
      new OutageFindings(facts, records).print(out, failures, figures);
    }
    out.println("drain: " + drainLine());

    if (!ledger.lost.isEmpty()) failures.add(ledger.lost.size() + " lost");
    if (!duplicates.unexplained.isEmpty())
      failures.add(duplicates.unexplained.size() + " unexplained duplicates");
    if (!ledger.unacked.isEmpty())
      failures.add(ledger.unacked.size() + " delivered but never acknowledged");
    if (!ledger.wrongBounces.isEmpty())
      failures.add(ledger.wrongBounces.size() + " deliverable ones bounced");
    failures.addAll(facts.problems);
    out.println(
        failures.isEmpty() ? "result: PASS" : "result: FAIL: " + String.join("; ", failures));

    Map<String, Object> line = new LinkedHashMap<>();
    ledger.outcomes.forEach((outcome, n) -> line.put(outcome.toLowerCase(), n));
    line.put("delivered", records.deliveries.size());
    line.put("lost", ledger.lost.size());
    line.put("duplicates", dups);
    line.put("dup_unexplained", duplicates.unexplained.size());
    line.put("delivered_unacked", ledger.unacked.size());
    line.put("wrong_bounces", ledger.wrongBounces.size());
    line.putAll(figures);
    line.put("drain_s", facts.emptyAt > 0 ? seconds(facts.emptyAt - facts.loadEnd) : "none");
    figures.clear();
    figures.putAll(line);
    return failures;
  }

  private String drainLine() {
    StringJoiner listed = new StringJoiner(" ");
    facts.finalCounts.forEach((node, n) -> listed.add(node + "=" + (n < 0 ? "?" : n)));
    facts.finalCounts.forEach(
        (node, n) -> {
          if (n != 0) failures.add("queue list on " + node + " does not show an empty queue");
        });
    String limit =
        " (limit "
            + facts.drainLimitSeconds
            + " s; "
            + facts.backlog
            + " messages queued then); messages in queue list at the end: "
            + listed;
    if (facts.emptyAt > 0) {
      return "queue empty "
          + seconds(facts.emptyAt - facts.loadEnd)
          + " s after the load ended"
          + limit;
    }
    failures.add("the queue did not drain within " + facts.drainLimitSeconds + " s");
    return "NOT empty " + facts.drainLimitSeconds + " s after the load ended" + limit;
  }

  private void copiesLine(PrintStream out, String verdict, String pair) {
    boolean dsn = !copies.deliveries.containsKey(pair);
    long since =
        facts.kill != null
            ? facts.kill.at()
            : facts.outage != null ? facts.outage.stopAt() : facts.began;
    String what = facts.kill != null ? "the kill" : facts.outage != null ? "the stop" : "the load";
    out.printf(
        "  %s %s: %s %s%s (seconds from %s)%n",
        verdict,
        pair,
        dsn ? "DSNs" : "delivered",
        DuplicateJudge.describe(dsn ? copies.bounces : copies.deliveries, pair, since),
        dsn && copies.rejects.containsKey(pair)
            ? "; 550 given " + DuplicateJudge.describe(copies.rejects, pair, since)
            : "",
        what);
  }

  private void examples(PrintStream out, List<String> pairs) {
    for (String p : first(pairs)) {
      RunRecords.Message m = records.messages.get(PairLedger.tokenOf(p));
      String where = ledger.where(p);
      out.printf(
          "  e.g. %s: %s%s%n",
          p,
          m == null ? "no client record" : m.outcome() + " " + m.detail(),
          where.isEmpty() ? "" : ", " + where);
    }
  }

  private static List<String> first(List<String> pairs) {
    return pairs.subList(0, Math.min(EXAMPLES, pairs.size()));
  }

  /** node2 for node2.cluster.test. */
  static String nodeOf(String helo) {
    int dot = helo.indexOf('.');
    return dot < 0 ? helo : helo.substring(0, dot);
  }

  static String seconds(long millis) {
    return String.format("%.1f", millis / 1000.0);
  }
}
