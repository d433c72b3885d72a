package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.LEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sender asked of TLS (RFC 8689: REQUIRETLS, {@code TLS-Required: No}) reaches every
 * delivery attempt, whatever the index lost.
 */
class TlsRequiredTest {

  @TempDir Path spool;

  private final Instant now = SampleMail.CLOCK.instant();

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private MessageQueue open() {
    return MessageQueue.open(SampleMail.settings(spool, jdbcUrl()));
  }

  private static Envelope envelope(TlsRequired demand, String recipient) {
    return new Envelope(
            "alice@example.org",
            List.of(recipient),
            "192.0.2.25",
            "mail.example.org",
            SampleMail.RECEIVED,
            BodyType.SEVEN_BIT)
        .withTlsRequired(demand);
  }

  @Test
  void keepsTheDemandThroughIndexAndClaim() throws Exception {
    try (MessageQueue queue = open()) {
      String required =
          SampleMail.commit(
              queue, envelope(TlsRequired.REQUIRETLS, "bob@example.net"), SampleMail.body("r"));
      String optional =
          SampleMail.commit(
              queue, envelope(TlsRequired.NO, "carol@example.com"), SampleMail.body("n"));
      String plain =
          SampleMail.commit(
              queue, envelope(TlsRequired.DEFAULT, "dave@example.org"), SampleMail.body("d"));

      assertEquals(TlsRequired.REQUIRETLS, queue.find(required).orElseThrow().tlsRequired());
      Map<String, TlsRequired> claimed =
          queue.claimDue(now, LEASE, 10).stream()
              .collect(Collectors.toMap(DueRecipients::messageId, DueRecipients::tlsRequired));
      assertEquals(
          Map.of(
              required, TlsRequired.REQUIRETLS,
              optional, TlsRequired.NO,
              plain, TlsRequired.DEFAULT),
          claimed);
    }
  }

  @Test
  void theSpoolFileAloneKeepsRequireTls() throws Exception {
    Assumptions.assumeTrue(jdbcUrl() == null, "a shared queue keeps no spool files");
    String required;
    try (MessageQueue queue = open()) {
      required =
          SampleMail.commit(
              queue, envelope(TlsRequired.REQUIRETLS, "bob@example.net"), SampleMail.body("r"));
    }
    // H2 never fsyncs: after a power loss the index may be gone, and the spool header is all.
    SpoolReconcileTest.deleteRecursively(spool.resolve("index"));

    try (MessageQueue queue = open()) {
      assertEquals(TlsRequired.REQUIRETLS, queue.find(required).orElseThrow().tlsRequired());
    }
  }

  @Test
  void theHeaderLineIsWrittenOnlyWhenTheSenderAsked() throws Exception {
    String asked =
        new String(
            new SpoolHeader("01JXAMP1E0000000", envelope(TlsRequired.REQUIRETLS, "bob@example.net"))
                .encode(),
            StandardCharsets.UTF_8);
    String notAsked =
        new String(
            new SpoolHeader("01JXAMP1E0000000", envelope(TlsRequired.DEFAULT, "bob@example.net"))
                .encode(),
            StandardCharsets.UTF_8);

    assertTrue(asked.contains("\ntls-required: REQUIRETLS\n"), asked);
    assertFalse(notAsked.contains("tls-required"), notAsked);
    SpoolHeader read =
        new SpoolHeaderReader(new ByteArrayInputStream(asked.getBytes(StandardCharsets.UTF_8)))
            .read();
    assertEquals(TlsRequired.REQUIRETLS, read.envelope().tlsRequired());
  }

  @Test
  void anUnknownDemandInASpoolHeaderIsCorrupt() throws Exception {
    String header =
        new String(
                new SpoolHeader("01JXAMP1E0000000", envelope(TlsRequired.NO, "bob@example.net"))
                    .encode(),
                StandardCharsets.UTF_8)
            .replace("tls-required: NO", "tls-required: MAYBE");
    assertThrows(
        CorruptSpoolFileException.class,
        () ->
            new SpoolHeaderReader(new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8)))
                .read());
  }
}
