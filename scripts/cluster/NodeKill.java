import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The kill-node scenario's disruption: once a third of the messages are begun, SIGKILL one node's
 * JVM at the moment the sink takes one of its deliveries (just before or just after the sink's 250,
 * as the seed says), and never start it again. Right after, the shared queue shows what the dead
 * node still had claimed ({@link ClaimSnapshot}): the recipients the others must deliver once its
 * leases run out, and not before.
 */
final class NodeKill implements Disruption {

  private static final long TRIGGER_WAIT_MS = 15_000;

  private final ClusterNode victim;
  private final String queueUrl;
  private final Triggers triggers;
  private final boolean beforeReply;

  NodeKill(ClusterNode victim, String queueUrl, Triggers triggers, long seed) {
    this.victim = victim;
    this.queueUrl = queueUrl;
    this.triggers = triggers;
    // SplittableRandom: java.util.Random's first boolean is the same for every small seed.
    this.beforeReply = new SplittableRandom(seed).nextBoolean();
  }

  @Override
  public void during(Load load, PhaseFacts facts, Journal events) throws Exception {
    long third = facts.messages / 3;
    if (!load.awaitBegun(third, facts.began + 120_000)) {
      facts.problems.add("the load stalled before " + third + " messages: no kill");
      return;
    }
    try (ClaimSnapshot queue = new ClaimSnapshot(queueUrl)) {
      kill(queue, facts, events);
    }
  }

  private void kill(ClaimSnapshot queue, PhaseFacts facts, Journal events) throws Exception {
    String detail = beforeReply ? "sink-before-250" : "sink-after-250";
    long[] at = {0};
    long[] pid = {0};
    Runnable kill =
        () -> {
          at[0] = System.currentTimeMillis();
          pid[0] = victim.kill9();
          events.add("KILL", 1, "during-delivery", "fired", detail, at[0]);
        };
    ClusterRun.note("kill-node: arming the kill of " + victim.name + " (" + detail + ")");
    String how = "at the sink's dot from it (" + detail + ")";
    if (!triggers.armAndAwait(
        KillKind.DURING_DELIVERY,
        beforeReply,
        victim.helo,
        kill,
        TRIGGER_WAIT_MS,
        victim::isAlive)) {
      if (!victim.isAlive()) {
        facts.problems.add(victim.name + " stopped by itself before the kill");
        return;
      }
      at[0] = System.currentTimeMillis();
      pid[0] = victim.kill9();
      events.add("KILL", 1, "during-delivery", "timeout", detail, at[0]);
      how = "no delivery of " + victim.name + " within " + TRIGGER_WAIT_MS / 1000 + " s: killed";
    }
    List<ClaimSnapshot.Claim> claims = queue.heldBy(victim.name);
    long listedAt = System.currentTimeMillis();
    ClusterRun.note(
        "kill-node: "
            + victim.name
            + " (pid "
            + pid[0]
            + ") killed "
            + how
            + "; it held "
            + claims.size()
            + " claims");
    List<String> lines = new ArrayList<>();
    claims.forEach(c -> lines.add(c.address() + " " + c.leaseUntil()));
    Files.write(facts.folder.resolve("claims-at-kill.txt"), lines, StandardCharsets.US_ASCII);
    events.add("CLAIMS", victim.name, claims.size(), listedAt);
    facts.kill =
        new PhaseFacts.Kill(victim.name, victim.helo, pid[0], at[0], how, claims, listedAt);
  }
}
