package org.danerelay.queue;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A stand-in relay for crash tests, run in its own JVM: commits messages one after another and
 * prints {@code committed <id> <sha256>} after each commit returns, where a relay would send 250.
 *
 * <p>Arguments: spool folder, number of messages, body bytes per message.
 */
final class SpoolingProcess {

  private SpoolingProcess() {}

  public static void main(String[] args) throws Exception {
    Path spool = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long bodyBytes = Long.parseLong(args[2]);
    try (MessageQueue queue =
        MessageQueue.open(new QueueSettings(spool, null, Clock.systemUTC()))) {
      for (int i = 0; i < count; i++) {
        String id = queue.newId();
        Envelope envelope = SampleMail.envelope("bob@example.net", "carol@example.com");
        try (SpoolWriter writer = queue.create(id, envelope)) {
          String sha256 = SampleMail.writePseudoRandomBody(writer.body(), bodyBytes);
          writer.commit();
          System.out.println("committed " + id + " " + sha256);
          System.out.flush();
        }
      }
    }
    System.out.println("done");
  }
}
