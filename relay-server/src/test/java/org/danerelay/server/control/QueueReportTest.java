package org.danerelay.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.danerelay.queue.AttemptRecord;
import org.danerelay.queue.AttemptStatus;
import org.danerelay.queue.BodyType;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecipientState;
import org.danerelay.queue.RecordedAttempt;
import org.danerelay.queue.TlsRequired;
import org.junit.jupiter.api.Test;

/** What {@code danerelay queue show} and {@code queue flush} print. */
class QueueReportTest {

  private static final String ID = "0123456789ABCDEF";
  private static final Instant RECEIVED = Instant.parse("2026-11-29T16:00:00Z");
  private static final Instant FIRST = Instant.parse("2026-11-29T16:00:01Z");
  private static final Instant SECOND = Instant.parse("2026-11-29T17:00:01Z");

  private static final QueuedMessage MESSAGE =
      new QueuedMessage(
          ID,
          "alice@example.org",
          RECEIVED,
          42,
          "127.0.0.1",
          "client.test",
          List.of(
              new QueuedRecipient(
                  "bob@example.net", RecipientState.DELIVERED, 2, SECOND, "250 2.0.0 Ok"),
              new QueuedRecipient(
                  "carol@example.com",
                  RecipientState.DEFERRED,
                  1,
                  SECOND,
                  "4.4.3 no MX answer for example.com")));

  @Test
  void listsEachAttemptUnderItsRecipientWithRelayTlsAndDane() {
    List<RecordedAttempt> attempts =
        List.of(
            new RecordedAttempt(0, "bob@example.net", 1, deferredByMx1()),
            new RecordedAttempt(
                1,
                "carol@example.com",
                1,
                AttemptRecord.withoutConnection(
                    FIRST, FIRST, AttemptStatus.DEFERRED, "4.4.3 no MX answer for example.com")),
            new RecordedAttempt(0, "bob@example.net", 2, deliveredByMx1()));

    assertEquals(
        List.of(
            "id:       " + ID,
            "received: 2026-11-29T16:00:00Z",
            "sender:   <alice@example.org>",
            "size:     42",
            "client:   [127.0.0.1] helo=client.test",
            "rcpt:     <bob@example.net> state=DELIVERED attempts=2 next=2026-11-29T17:00:01Z"
                + " last=\"250 2.0.0 Ok\"",
            "  attempt 1 2026-11-29T16:00:01Z relay=mx1.example[192.0.2.1]:25 DEFERRED"
                + " 421 4.3.2 Try later",
            "  attempt 2 2026-11-29T17:00:01Z relay=mx1.example[192.0.2.1]:25 tls=dane"
                + " dane=\"3 1 1 01a59ccf depth 0\" DELIVERED 250 2.0.0 Ok",
            "rcpt:     <carol@example.com> state=DEFERRED attempts=1 next=2026-11-29T17:00:01Z"
                + " last=\"4.4.3 no MX answer for example.com\"",
            "  attempt 1 2026-11-29T16:00:01Z DEFERRED 4.4.3 no MX answer for example.com"),
        QueueReport.show(MESSAGE, attempts).lines().toList());
  }

  @Test
  void showsNoAttemptLinesBeforeTheFirstAttempt() {
    String shown = QueueReport.show(MESSAGE, List.of());
    assertTrue(shown.lines().noneMatch(line -> line.contains("attempt ")), shown);
  }

  @Test
  void showsWhatTheSenderAskedOfTlsOnlyWhenItAsked() {
    QueuedMessage required =
        new QueuedMessage(
            MESSAGE.id(),
            MESSAGE.sender(),
            MESSAGE.receivedAt(),
            MESSAGE.size(),
            MESSAGE.clientAddress(),
            MESSAGE.clientHelo(),
            MESSAGE.recipients(),
            BodyType.SEVEN_BIT,
            Optional.empty(),
            TlsRequired.REQUIRETLS);

    assertTrue(QueueReport.show(required, List.of()).contains("\ntls:      REQUIRETLS\n"));
    assertFalse(QueueReport.show(MESSAGE, List.of()).contains("tls: "));
  }

  @Test
  void showsTheBodyTypeAfterTheSizeOnlyFor8BitMime() {
    QueuedMessage eightBit =
        new QueuedMessage(
            MESSAGE.id(),
            MESSAGE.sender(),
            MESSAGE.receivedAt(),
            MESSAGE.size(),
            MESSAGE.clientAddress(),
            MESSAGE.clientHelo(),
            MESSAGE.recipients(),
            BodyType.EIGHT_BIT_MIME,
            Optional.empty(),
            TlsRequired.DEFAULT);

    List<String> shown = QueueReport.show(eightBit, List.of()).lines().toList();

    assertEquals(List.of("size:     42", "body:     8BITMIME"), shown.subList(3, 5));
    assertTrue(
        QueueReport.show(MESSAGE, List.of()).lines().noneMatch(line -> line.startsWith("body:")));
  }

  @Test
  void keepsLineBreaksInARemoteReplyFromForgingLines() {
    AttemptRecord injected =
        new AttemptRecord(
            FIRST,
            FIRST,
            "mx1.example",
            "192.0.2.1",
            25,
            null,
            null,
            AttemptStatus.DEFERRED,
            "421 busy\r\n  attempt 9 forged\u001b[2J");
    String shown =
        QueueReport.show(MESSAGE, List.of(new RecordedAttempt(0, "bob@example.net", 1, injected)));
    assertEquals(8, shown.lines().count(), shown);
    assertTrue(shown.lines().noneMatch(line -> line.startsWith("  attempt 9")), shown);
    assertTrue(shown.chars().noneMatch(c -> c == 0x1b), shown);
  }

  @Test
  void flushCountsRecipientsAndNamesTheMessage() {
    assertEquals("flushed 3 recipients\n", QueueReport.flushed(3, Optional.empty()));
    assertEquals("flushed 1 recipient of " + ID + "\n", QueueReport.flushed(1, Optional.of(ID)));
    assertEquals("flushed 0 recipients of " + ID + "\n", QueueReport.flushed(0, Optional.of(ID)));
  }

  private static AttemptRecord deferredByMx1() {
    return new AttemptRecord(
        FIRST,
        FIRST.plusSeconds(2),
        "mx1.example",
        "192.0.2.1",
        25,
        null,
        null,
        AttemptStatus.DEFERRED,
        "421 4.3.2 Try later");
  }

  private static AttemptRecord deliveredByMx1() {
    return new AttemptRecord(
        SECOND,
        SECOND.plusSeconds(1),
        "mx1.example",
        "192.0.2.1",
        25,
        "dane",
        "3 1 1 01a59ccf depth 0",
        AttemptStatus.DELIVERED,
        "250 2.0.0 Ok");
  }
}
