package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.LEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BODY a client declared on MAIL FROM (RFC 6152) reaches delivery, whatever the index lost. */
class BodyTypeTest {

  @TempDir Path spool;

  private final Instant now = SampleMail.CLOCK.instant();

  private MessageQueue open() {
    return MessageQueue.open(SampleMail.settings(spool));
  }

  private static Envelope envelope(BodyType bodyType, String recipient) {
    return new Envelope(
        "alice@example.org",
        List.of(recipient),
        "192.0.2.25",
        "mail.example.org",
        SampleMail.RECEIVED,
        bodyType);
  }

  @Test
  void keeps8BitMimeThroughIndexClaimAndAReimportFromTheSpoolFile() throws Exception {
    String eightBit;
    String sevenBit;
    try (MessageQueue queue = open()) {
      eightBit =
          SampleMail.commit(
              queue, envelope(BodyType.EIGHT_BIT_MIME, "bob@example.net"), SampleMail.body("8"));
      sevenBit =
          SampleMail.commit(
              queue, envelope(BodyType.SEVEN_BIT, "carol@example.com"), SampleMail.body("7"));

      assertEquals(BodyType.EIGHT_BIT_MIME, queue.find(eightBit).orElseThrow().bodyType());
      assertEquals(BodyType.SEVEN_BIT, queue.find(sevenBit).orElseThrow().bodyType());
    }
    // H2 never fsyncs: after a power loss the index may be gone, and the spool header is all.
    SpoolReconcileTest.deleteRecursively(spool.resolve("index"));

    try (MessageQueue queue = open()) {
      assertEquals(BodyType.EIGHT_BIT_MIME, queue.find(eightBit).orElseThrow().bodyType());
      assertEquals(BodyType.SEVEN_BIT, queue.find(sevenBit).orElseThrow().bodyType());
      Map<String, BodyType> claimed =
          queue.claimDue(now, LEASE, 10).stream()
              .collect(Collectors.toMap(DueRecipients::messageId, DueRecipients::bodyType));
      assertEquals(
          Map.of(eightBit, BodyType.EIGHT_BIT_MIME, sevenBit, BodyType.SEVEN_BIT), claimed);
    }
  }

  @Test
  void aMessageQueuedBeforeTheUpgradeIsSevenBit() throws Exception {
    // The queue as the previous release left it: schema V2, one message with its rows and file.
    String url = SampleMail.settings(spool).effectiveJdbcUrl();
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/migration")
        .target("2")
        .load()
        .migrate();
    String id = "01JXAMP1E0000000";
    Files.createDirectories(spool.resolve("messages"));
    Files.writeString(
        spool.resolve("messages").resolve(id + ".msg"),
        "DANERELAY-SPOOL 1\nid: "
            + id
            + "\nreceived: 2025-06-01T12:00:00Z\nsender: alice@example.org\n"
            + "client: 192.0.2.25\nhelo: mail.example.org\nrcpt: bob@example.net\n\nHello.\r\n",
        StandardCharsets.UTF_8);
    try (Connection db = DriverManager.getConnection(url, "sa", "")) {
      insertV2Rows(db, id);
    }

    try (MessageQueue queue = open()) {
      assertEquals(BodyType.SEVEN_BIT, queue.find(id).orElseThrow().bodyType());
      assertEquals(BodyType.SEVEN_BIT, queue.claimDue(now, LEASE, 10).get(0).bodyType());
    }
  }

  private static void insertV2Rows(Connection db, String id) throws Exception {
    OffsetDateTime received = OffsetDateTime.of(2025, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    try (PreparedStatement message =
        db.prepareStatement(
            "INSERT INTO message (id, sender, received_at, size, client_address, client_helo,"
                + " spool_file) VALUES (?, 'alice@example.org', ?, 8, '192.0.2.25',"
                + " 'mail.example.org', ?)")) {
      message.setString(1, id);
      message.setObject(2, received);
      message.setString(3, "messages/" + id + ".msg");
      message.executeUpdate();
    }
    try (PreparedStatement recipient =
        db.prepareStatement(
            "INSERT INTO recipient (message_id, idx, address, state, attempts, next_attempt)"
                + " VALUES (?, 0, 'bob@example.net', 'QUEUED', 0, ?)")) {
      recipient.setString(1, id);
      recipient.setObject(2, received);
      recipient.executeUpdate();
    }
  }
}
