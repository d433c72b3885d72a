import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kill-node scenario's own checks: every recipient the killed node had in flight is settled
 * with the next hop by another node after the kill (delivered, or refused with a 550 and then
 * bounced), and how long after the kill the last of them was: about one lease, since a dead node's
 * claims are free only when their leases run out.
 */
final class KillFindings {

  private final PhaseFacts.Kill kill;
  private final SinkCopies copies;
  private final PairLedger ledger;
  private final long deliveredBefore;
  private final long deliveredAfter;

  KillFindings(PhaseFacts facts, SinkCopies copies, PairLedger ledger) {
    this.kill = facts.kill;
    this.copies = copies;
    this.ledger = ledger;
    List<SinkCopies.Copy> mine =
        copies.deliveries.values().stream()
            .flatMap(List::stream)
            .filter(c -> c.helo().equals(kill.helo()))
            .toList();
    this.deliveredBefore = mine.stream().filter(c -> c.at() <= kill.at()).count();
    this.deliveredAfter = mine.size() - deliveredBefore;
  }

  void print(PrintStream out, List<String> failures, Map<String, Object> figures) {
    out.printf(
        "kill: %s (pid %d, the relay's JVM) by SIGKILL, %s; the sink took %d copies from it before"
            + " the kill, %d after (a final dot already sent)%n",
        kill.node(), kill.pid(), kill.how(), deliveredBefore, deliveredAfter);
    List<String> pairs = new ArrayList<>();
    int dsns = 0;
    for (String address : kill.claims()) {
      int dash = address.indexOf('-');
      int at = address.indexOf('@');
      if (dash < 0 || at < dash) {
        dsns++; // a bounce's recipient (clientN@sender.test): no token to follow it by
      } else {
        pairs.add(RunRecords.pair(address.substring(dash + 1, at), address));
      }
    }
    long first = -1;
    long last = -1;
    List<String> never = new ArrayList<>();
    for (String p : pairs) {
      long settled = copies.settledBy(p, kill.helo(), kill.at());
      if (settled < 0) {
        never.add(p);
        continue;
      }
      first = first < 0 ? settled : Math.min(first, settled);
      last = Math.max(last, settled);
    }
    out.printf(
        "its claims: %d recipients in flight on %s (queue list %.1f s after the kill), %d of them"
            + " DSNs%n",
        kill.claims().size(), kill.node(), (kill.listedAt() - kill.at()) / 1000.0, dsns);
    out.printf(
        "taken over: %d of %d delivered (or refused and bounced) by another node%s; never: %d%n",
        pairs.size() - never.size(),
        pairs.size(),
        last < 0
            ? ""
            : String.format(
                ", the first %.1f s and the last %.1f s after the kill",
                (first - kill.at()) / 1000.0, (last - kill.at()) / 1000.0),
        never.size());
    for (String p : never.subList(0, Math.min(ClusterReport.EXAMPLES, never.size()))) {
      out.printf("  e.g. %s%s%n", p, ledger.lost.contains(p) ? " (lost)" : "");
    }
    if (pairs.isEmpty()) failures.add(kill.node() + " had nothing in flight at the kill");
    if (!never.isEmpty()) {
      failures.add(never.size() + " claims of " + kill.node() + " never taken over");
    }
    figures.put("claims", kill.claims().size());
    figures.put("takeover_last_s", last < 0 ? "none" : ClusterReport.seconds(last - kill.at()));
  }
}
