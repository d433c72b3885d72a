package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 / ADR 0006: an index that a crash left with rows no transaction can lock must not strand
 * their mail. Runs against the real index of the run that showed it.
 */
class WedgedIndexTest {

  /** Later than every next_attempt in the fixture. */
  private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");

  @TempDir Path folder;

  @Test
  @Timeout(60)
  void findsEveryRecipientRowOfTheFixtureUnlockableWithoutHanging() throws Exception {
    try (Connection connection = unpackedIndex()) {
      assertEquals(WedgedFixture.MESSAGES, StuckRows.count(connection));
    }
  }

  @Test
  @Timeout(60)
  void findsTheOneCommitThatH2LeftUnfinishedInTheFixture() throws Exception {
    try (Connection connection = unpackedIndex()) {
      assertEquals(OptionalInt.of(1), StrandedCommits.count(connection));
    }
  }

  @Test
  @Timeout(60)
  void anH2NamedByQueueUrlThatIsStuckStopsStartUpWithWhatToDoInsteadOfHanging() throws Exception {
    Path spool = WedgedFixture.unpack(folder);
    String url = SpoolLayout.indexUrl(spool.resolve("index")); // the same file, named by the user

    QueueException refused =
        assertThrows(
            QueueException.class,
            () ->
                MessageQueue.open(new QueueSettings(spool, url, Clock.fixed(NOW, ZoneOffset.UTC))));
    assertTrue(refused.getMessage().contains("3742 stuck rows"), refused::getMessage);
    assertTrue(refused.getMessage().contains("queue.url empty"), refused::getMessage);
    assertTrue(Files.exists(spool.resolve("messages")), "the spool files are left alone");
  }

  /** A connection to a fresh copy of the fixture's index, nothing else done to it. */
  private Connection unpackedIndex() throws Exception {
    Path spool = WedgedFixture.unpack(folder);
    return DriverManager.getConnection(SpoolLayout.indexUrl(spool.resolve("index")), "sa", "");
  }

  @Test
  void findsNoUnfinishedCommitAndNoUnlockableRowInAHealthyIndex() throws Exception {
    MessageQueue.open(settings(folder)).close();
    String url = SpoolLayout.indexUrl(folder.resolve("index"));
    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      assertEquals(OptionalInt.of(0), StrandedCommits.count(connection));
      assertEquals(0, StuckRows.count(connection));
    }
  }

  @Test
  @Timeout(120)
  void openingTheWedgedQueueRebuildsTheIndexAndMakesEveryRecipientClaimable() throws Exception {
    Path spool = WedgedFixture.unpack(folder);

    try (MessageQueue queue = MessageQueue.open(settings(spool))) {
      StartupReport report = queue.startupReport();
      assertEquals(WedgedFixture.MESSAGES, report.indexRepair().orElseThrow().stuckRows());
      assertEquals(1, report.indexRepair().orElseThrow().strandedCommits());
      assertTrue(report.summary().contains("rebuilt from its readable rows (3742 messages)"));
      assertEquals(WedgedFixture.MESSAGES, report.messages());
      assertEquals(WedgedFixture.MESSAGES, report.pendingRecipients());
      assertEquals(0, report.spoolRepairs(), "every row was salvaged: nothing re-imported");

      List<DueRecipients> claimed = queue.claimDue(NOW, Duration.ofMinutes(10), 10_000);
      assertEquals(WedgedFixture.MESSAGES, SampleAttempts.keys(claimed).size());
    }
    try (var kept = Files.list(spool.resolve("damaged-index"))) {
      assertEquals(1, kept.count(), "the damaged index is kept for inspection");
    }
  }

  @Test
  @Timeout(120)
  void aRepairedQueueOpensCleanlyTheNextTime() throws Exception {
    Path spool = WedgedFixture.unpack(folder);
    MessageQueue.open(settings(spool)).close();

    try (MessageQueue queue = MessageQueue.open(settings(spool))) {
      assertTrue(queue.startupReport().indexRepair().isEmpty());
      assertTrue(queue.startupReport().uncleanStop().isEmpty());
    }
  }

  private static QueueSettings settings(Path spool) {
    return new QueueSettings(spool, null, Clock.fixed(NOW, ZoneOffset.UTC));
  }
}
