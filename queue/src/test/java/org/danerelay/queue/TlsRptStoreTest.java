package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLSRPT tally kept in the queue database (RFC 8460 4.4). */
class TlsRptStoreTest {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 4);

  @TempDir Path spool;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private MessageQueue open() {
    return MessageQueue.open(SampleMail.settings(spool, jdbcUrl()));
  }

  private static TlsRptCount count(String domain, String result, long sessions) {
    return new TlsRptCount(
        DAY,
        domain,
        "sts",
        "version: STSv1\nmode: enforce\nmx: mx.example.net\nmax_age: 86400",
        "mx.example.net",
        "mx.example.net",
        "192.0.2.1",
        "198.51.100.25",
        result,
        sessions);
  }

  @Test
  void countsOfOneKeyAddUpAcrossFlushesAndRestarts() {
    try (MessageQueue queue = open()) {
      queue.tlsRpt().add(List.of(count("example.net", "", 2), count("example.net", "", 3)));
    }
    try (MessageQueue queue = open()) {
      queue.tlsRpt().add(List.of(count("example.net", "certificate-expired", 1)));
      assertEquals(
          List.of(count("example.net", "", 5), count("example.net", "certificate-expired", 1)),
          queue.tlsRpt().day(DAY));
      assertEquals(List.of(), queue.tlsRpt().day(DAY.plusDays(1)));
    }
  }

  @Test
  void aReportIsClaimedOnceWhoeverAsksAgain() {
    Instant now = Instant.parse("2026-12-05T00:05:00Z");
    try (MessageQueue queue = open()) {
      assertTrue(queue.tlsRpt().claimReport(DAY, "example.net", "mx-a", now));
      assertFalse(queue.tlsRpt().claimReport(DAY, "example.net", "mx-b", now));
      assertTrue(queue.tlsRpt().claimReport(DAY, "example.org", "mx-b", now));
      assertTrue(queue.tlsRpt().claimReport(DAY.plusDays(1), "example.net", "mx-b", now));
    }
  }

  @Test
  void oldDaysAreForgotten() {
    try (MessageQueue queue = open()) {
      queue.tlsRpt().add(List.of(count("example.net", "", 1)));
      queue.tlsRpt().claimReport(DAY, "example.net", "mx-a", Instant.EPOCH);

      assertEquals(2, queue.tlsRpt().forgetBefore(DAY.plusDays(1)));

      assertEquals(List.of(), queue.tlsRpt().day(DAY));
    }
  }
}
