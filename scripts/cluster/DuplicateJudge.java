import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sorts one scenario's duplicates (pairs the sink took more than once) into explained and
 * unexplained, knowing which node sent each copy.
 *
 * <p>A node that hands a message to the next hop and dies, or loses the database, before it commits
 * the delivery leaves the recipient pending; another node (or itself, later) delivers it again:
 * at-least-once, as RFC 1047 allows. So a duplicate is explained only when its first copy (for a
 * bounce: a 550 the sink gave, or its first DSN) came in such a window:
 *
 * <ul>
 *   <li>kill-node: from the killed node, from {@link PairLedger#DOT_IN_FLIGHT_MS} after the kill (a
 *       final dot already on its way) to {@link PairLedger#DUPLICATE_WINDOW_MS} before it, and the
 *       last copy after the kill;
 *   <li>restart-postgres: from any node, from {@link PairLedger#DUPLICATE_WINDOW_MS} before
 *       PostgreSQL was told to stop to as long after it was up again.
 * </ul>
 *
 * Any other duplicate, and every duplicate of the exactly-once scenario, is unexplained.
 */
final class DuplicateJudge {

  final List<String> explained = new ArrayList<>();
  final List<String> unexplained = new ArrayList<>();
  int dsns;

  DuplicateJudge(SinkCopies copies, PhaseFacts facts) {
    copies.deliveries.forEach(
        (pair, list) -> judge(pair, list, List.of(list.get(0)), facts, false));
    copies.bounces.forEach(
        (pair, list) -> {
          List<SinkCopies.Copy> anchors =
              new ArrayList<>(copies.rejects.getOrDefault(pair, List.of()));
          anchors.add(list.get(0));
          judge(pair, list, anchors, facts, true);
        });
  }

  private void judge(
      String pair,
      List<SinkCopies.Copy> list,
      List<SinkCopies.Copy> anchors,
      PhaseFacts facts,
      boolean dsn) {
    if (list.size() < 2) return;
    if (dsn) dsns++;
    long last = list.get(list.size() - 1).at();
    boolean ok = anchors.stream().anyMatch(a -> explains(a, last, facts));
    (ok ? explained : unexplained).add(pair);
  }

  private static boolean explains(SinkCopies.Copy anchor, long last, PhaseFacts facts) {
    PhaseFacts.Kill k = facts.kill;
    if (k != null
        && anchor.helo().equals(k.helo())
        && anchor.at() >= k.at() - PairLedger.DUPLICATE_WINDOW_MS
        && anchor.at() <= k.at() + PairLedger.DOT_IN_FLIGHT_MS
        && last > k.at()) {
      return true;
    }
    PhaseFacts.Outage o = facts.outage;
    return o != null
        && anchor.at() >= o.stopAt() - PairLedger.DUPLICATE_WINDOW_MS
        && anchor.at() <= o.startedAt() + PairLedger.DUPLICATE_WINDOW_MS;
  }

  /** The copies of a pair, for an example line: "+0.1 s by node2, +8.0 s by node1". */
  static String describe(Map<String, List<SinkCopies.Copy>> copies, String pair, long since) {
    List<String> parts = new ArrayList<>();
    for (SinkCopies.Copy c : copies.getOrDefault(pair, List.of())) {
      parts.add(
          String.format(
              "%+.1f s by %s", (c.at() - since) / 1000.0, ClusterReport.nodeOf(c.helo())));
    }
    return String.join(", ", parts);
  }
}
