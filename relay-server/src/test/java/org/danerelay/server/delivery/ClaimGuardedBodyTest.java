package org.danerelay.server.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.danerelay.queue.DueRecipients;
import org.danerelay.queue.Envelope;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.PrivatePostgres;
import org.danerelay.queue.QueueSettings;
import org.danerelay.queue.SpoolWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a shared queue the body of an attempt ends only while its node still holds the claim: a node
 * whose lease was taken over cannot send the final dot (issue 14).
 */
@Timeout(60)
class ClaimGuardedBodyTest {

  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final Duration MARGIN = LEASE.dividedBy(2);
  private static final byte[] BODY =
      "Subject: guarded\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private String url;

  @BeforeEach
  void database() {
    url = PrivatePostgres.get().newDatabase();
  }

  private MessageQueue node(String name) throws IOException {
    return MessageQueue.open(
        new QueueSettings(Files.createDirectories(dir.resolve(name)), url, Clock.systemUTC())
            .withNode(name)
            .withSharedLease(LEASE));
  }

  @Test
  void aClaimStillHeldLetsTheWholeBodyThrough() throws Exception {
    try (MessageQueue a = node("mx-a")) {
      DueRecipients claim = queueAndClaim(a);

      try (InputStream body = guarded(a, claim)) {
        assertArrayEquals(BODY, body.readAllBytes());
      }
    }
  }

  @Test
  void aClaimAnotherNodeTookOverEndsTheBodyWithAFailureNotAnEnd() throws Exception {
    try (MessageQueue a = node("mx-a");
        MessageQueue b = node("mx-b")) {
      DueRecipients claim = queueAndClaim(a);
      // mx-a was cut off long enough for its lease to run out, and mx-b took the recipient.
      b.claimDue(Instant.now().plus(Duration.ofHours(1)), LEASE, 10);
      long deadline = System.nanoTime() + LEASE.toNanos();
      while (a.stillHeld(claim, claim.recipients(), Duration.ZERO)
          && System.nanoTime() < deadline) {
        Thread.sleep(100); // until mx-a's next renewal finds the row taken
      }

      try (InputStream body = guarded(a, claim)) {
        IOException refused = assertThrows(IOException.class, body::readAllBytes);
        assertTrue(refused.getMessage().contains("not ending the DATA"), refused.getMessage());
      }
    }
  }

  private static InputStream guarded(MessageQueue queue, DueRecipients claim) throws IOException {
    return new ClaimGuardedBody(
        queue.openBody(claim.messageId()), queue, claim, claim.recipients(), MARGIN);
  }

  private static DueRecipients queueAndClaim(MessageQueue queue) throws IOException {
    String id = queue.newId();
    Envelope envelope =
        new Envelope(
            "alice@origin.test",
            List.of("bob@dest.test"),
            "127.0.0.1",
            "client.test",
            Instant.now());
    try (SpoolWriter writer = queue.create(id, envelope)) {
      OutputStream out = writer.body();
      out.write(BODY);
      writer.commit();
    }
    queue.messageCount(); // waits until it is claimable
    return queue.claimDue(Instant.now(), LEASE, 10).get(0);
  }
}
