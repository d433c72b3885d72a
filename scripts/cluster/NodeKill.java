import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kill-node scenario's disruption: once a third of the messages are begun, SIGKILL one node's
 * JVM at the moment the sink takes one of its deliveries (just before or just after the sink's 250,
 * as the seed says), and never start it again. Right after, {@code queue list} on a live node shows
 * what the dead node still had claimed: the recipients the others must deliver once its leases run
 * out.
 */
final class NodeKill implements Disruption {

  private static final long TRIGGER_WAIT_MS = 15_000;
  private static final long LIST_SECONDS = 60;

  // QueueReport.list: "    QUEUED    <ok-c201m7@chaos.test>  in flight on node2"
  private static final Pattern IN_FLIGHT =
      Pattern.compile("^\\s+\\S+\\s+<([^>]*)>\\s+in flight on (\\S+)\\s*$");

  private final ClusterNode victim;
  private final ClusterNode witness;
  private final Triggers triggers;
  private final boolean beforeReply;

  /**
   * @param witness a node that stays alive, asked for the queue right after the kill
   */
  NodeKill(ClusterNode victim, ClusterNode witness, Triggers triggers, long seed) {
    this.victim = victim;
    this.witness = witness;
    this.triggers = triggers;
    this.beforeReply = new Random(seed).nextBoolean();
  }

  @Override
  public void during(Load load, PhaseFacts facts, Journal events) throws Exception {
    long third = facts.messages / 3;
    if (!load.awaitBegun(third, facts.began + 120_000)) {
      facts.problems.add("the load stalled before " + third + " messages: no kill");
      return;
    }
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
    String how = "fired " + detail;
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
    ClusterRun.note("kill-node: " + victim.name + " (pid " + pid[0] + ") killed, " + how);
    Path listing = facts.folder.resolve("queue-at-kill.txt");
    List<String> claims = inFlightOn(listing);
    if (claims == null) {
      facts.problems.add("queue list on " + witness.name + " did not answer after the kill");
      claims = List.of();
    }
    long listedAt = System.currentTimeMillis();
    events.add("CLAIMS", victim.name, claims.size(), listedAt);
    facts.kill =
        new PhaseFacts.Kill(victim.name, victim.helo, pid[0], at[0], how, claims, listedAt);
  }

  /** The recipients the queue shows in flight on the victim, asked of the witness; null if none. */
  private List<String> inFlightOn(Path listing) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(witness.queueListCommand())
            .redirectErrorStream(true)
            .redirectOutput(listing.toFile())
            .start();
    if (!p.waitFor(LIST_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return null;
    }
    List<String> claims = new ArrayList<>();
    for (String line : Files.readAllLines(listing, StandardCharsets.UTF_8)) {
      Matcher m = IN_FLIGHT.matcher(line);
      if (m.matches() && m.group(2).equals(victim.name))
        claims.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return claims;
  }
}
