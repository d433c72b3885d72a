package org.danerelay.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What opening the queue found and did: the start-up line a postmaster reads after a crash.
 *
 * @param uncleanStop whether the last run stopped without closing the queue (a crash, {@code kill
 *     -9}, a power cut), and what its marker said
 * @param messages messages in the queue once open
 * @param pendingRecipients recipients still to be delivered
 * @param spoolRepairs messages whose index rows were re-imported from their spool files, dropped,
 *     or whose files were moved aside
 * @param claimsTakenBack recipients that earlier runs of this node had claimed and never settled
 * @param indexRepair how an index with rows no one could lock was healed, if it had any
 * @param took how long opening took, repairs included
 */
public record StartupReport(
    Optional<String> uncleanStop,
    int messages,
    int pendingRecipients,
    int spoolRepairs,
    int claimsTakenBack,
    Optional<IndexRepair> indexRepair,
    Duration took) {

  public StartupReport {
    Objects.requireNonNull(uncleanStop, "uncleanStop");
    Objects.requireNonNull(indexRepair, "indexRepair");
    Objects.requireNonNull(took, "took");
  }

  /** Whether anything had to be recovered: a postmaster should look at the log around it. */
  public boolean recovered() {
    return spoolRepairs > 0 || claimsTakenBack > 0 || indexRepair.isPresent();
  }

  /**
   * The start-up line, e.g. "queue opened after an unclean stop (local/01KBR... pid 4242) in 412
   * ms: 12 messages, 14 recipients pending; recovered: 3 recipients claimed by an earlier run taken
   * back".
   */
  public String summary() {
    String how = uncleanStop.map(marker -> " after an unclean stop (" + marker + ")").orElse("");
    List<String> recovered = new ArrayList<>();
    if (claimsTakenBack > 0) {
      recovered.add(claimsTakenBack + " recipients claimed by an earlier run taken back");
    }
    if (spoolRepairs > 0) {
      recovered.add(spoolRepairs + " messages reconciled with their spool files");
    }
    indexRepair.ifPresent(
        repair -> recovered.add("index with " + repair.problem() + " " + repair.remedy()));
    return String.format(
        "queue opened%s in %d ms: %d messages, %d recipients pending; recovered: %s",
        how,
        took.toMillis(),
        messages,
        pendingRecipients,
        recovered.isEmpty() ? "nothing needed" : String.join(", ", recovered));
  }
}
