package org.danerelay.queue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in delivery worker for crash tests, run in its own JVM: queues one message, claims its
 * recipient for an hour, prints {@code claimed <id>}, and waits to be killed mid-delivery.
 *
 * <p>Arguments: spool folder, node name, and the JDBC URL of a shared database (else the embedded
 * index). On a shared database the claim takes the queue's own lease and renews it while the
 * process lives.
 */
final class ClaimingProcess {

  /** The lease of claims on a shared database: short, so that tests see it run out. */
  static final Duration SHARED_LEASE = Duration.ofSeconds(4);

  private ClaimingProcess() {}

  /**
   * Runs this program in a JVM of its own as node {@code node} (on the database at {@code url}, or
   * the embedded index for {@code null}), and SIGKILLs it once it holds its claim: the claim stays
   * in the database, the run marker on disk.
   *
   * @return the id of the message it claimed
   */
  static String claimAndKill(Path spool, String node, String url, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command =
        new ArrayList<>(
            List.of(
                java, "-cp", classPath, ClaimingProcess.class.getName(), spool.toString(), node));
    if (url != null) {
      command.add(url);
    }
    Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
    try (BufferedReader out = child.inputReader()) {
      String line = out.readLine();
      if (line == null || !line.startsWith("claimed ")) {
        throw new AssertionError("the claiming process ended early: " + Files.readString(log));
      }
      return line.substring("claimed ".length());
    } finally {
      child.destroyForcibly();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the claiming process outlived SIGKILL by 30 s");
      }
    }
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 2 ? args[2] : null;
    QueueSettings settings =
        new QueueSettings(Path.of(args[0]), url, Clock.systemUTC())
            .withNode(args[1])
            .withSharedLease(SHARED_LEASE);
    MessageQueue queue = MessageQueue.open(settings);
    String id = SampleAttempts.queued(queue, "bob@example.net");
    Duration lease = queue.sharedLease().orElse(Duration.ofHours(1));
    if (queue.claimDue(Clock.systemUTC().instant(), lease, 10).isEmpty()) {
      throw new IllegalStateException("nothing to claim");
    }
    System.out.println("claimed " + id);
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(2).toMillis()); // the test kills us long before
  }
}
