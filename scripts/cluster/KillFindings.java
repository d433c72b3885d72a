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
    int dsns = 0;
    int taken = 0;
    long leasesFrom = Long.MAX_VALUE;
    long leasesTo = Long.MIN_VALUE;
    long first = Long.MAX_VALUE;
    long last = -1;
    long longestWait = 0;
    List<String> never = new ArrayList<>();
    List<String> early = new ArrayList<>();
    for (ClaimSnapshot.Claim claim : kill.claims()) {
      String address = claim.address();
      leasesFrom = Math.min(leasesFrom, claim.leaseUntil());
      leasesTo = Math.max(leasesTo, claim.leaseUntil());
      int dash = address.indexOf('-');
      int at = address.indexOf('@');
      if (dash < 0 || at < dash) {
        dsns++; // a bounce's recipient (clientN@sender.test): no token to follow it by
        continue;
      }
      String pair = RunRecords.pair(address.substring(dash + 1, at), address);
      long settled = copies.settledBy(pair, kill.helo(), kill.at());
      if (settled < 0) {
        never.add(pair);
        continue;
      }
      taken++;
      if (settled <= claim.leaseUntil()) early.add(pair);
      first = Math.min(first, settled);
      last = Math.max(last, settled);
      longestWait = Math.max(longestWait, settled - claim.leaseUntil());
    }
    out.printf(
        "its claims: %d recipients in flight on %s at the kill (%d of them DSNs), read %.2f s after"
            + " it; their leases ran out %s%n",
        kill.claims().size(),
        kill.node(),
        dsns,
        (kill.listedAt() - kill.at()) / 1000.0,
        kill.claims().isEmpty()
            ? "-"
            : String.format(
                "%.1f to %.1f s after the kill",
                (leasesFrom - kill.at()) / 1000.0, (leasesTo - kill.at()) / 1000.0));
    out.printf(
        "taken over: %d of %d delivered (or refused and bounced) by another node%s; before the"
            + " lease ran out: %d; never: %d%n",
        taken,
        kill.claims().size() - dsns,
        last < 0
            ? ""
            : String.format(
                ", the first %.1f s and the last %.1f s after the kill (at most %.1f s after its"
                    + " lease)",
                (first - kill.at()) / 1000.0, (last - kill.at()) / 1000.0, longestWait / 1000.0),
        early.size(),
        never.size());
    for (String p : never.subList(0, Math.min(ClusterReport.EXAMPLES, never.size()))) {
      out.printf("  never: %s%s%n", p, ledger.lost.contains(p) ? " (lost)" : "");
    }
    for (String p : early.subList(0, Math.min(ClusterReport.EXAMPLES, early.size()))) {
      out.printf("  before its lease ran out: %s%n", p);
    }
    if (kill.claims().size() == dsns) {
      failures.add(kill.node() + " had no recipient in flight at the kill");
    }
    if (!never.isEmpty()) {
      failures.add(never.size() + " claims of " + kill.node() + " never taken over");
    }
    if (!early.isEmpty()) {
      failures.add(
          early.size() + " claims of " + kill.node() + " taken before their lease ran out");
    }
    figures.put("claims", kill.claims().size());
    figures.put("takeover_last_s", last < 0 ? "none" : ClusterReport.seconds(last - kill.at()));
  }
}
