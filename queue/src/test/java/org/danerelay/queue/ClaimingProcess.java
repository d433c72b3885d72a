package org.danerelay.queue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A stand-in delivery worker for crash tests, run in its own JVM: queues one message, claims its
 * recipient for an hour, prints {@code claimed <id>}, and waits to be killed mid-delivery.
 *
 * <p>Arguments: spool folder, node name.
 */
final class ClaimingProcess {

  private ClaimingProcess() {}

  public static void main(String[] args) throws Exception {
    QueueSettings settings =
        new QueueSettings(Path.of(args[0]), null, Clock.systemUTC()).withNode(args[1]);
    MessageQueue queue = MessageQueue.open(settings);
    String id = SampleAttempts.queued(queue, "bob@example.net");
    if (queue.claimDue(Clock.systemUTC().instant(), Duration.ofHours(1), 10).isEmpty()) {
      throw new IllegalStateException("nothing to claim");
    }
    System.out.println("claimed " + id);
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(2).toMillis()); // the test kills us long before
  }
}
