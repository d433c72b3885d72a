package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0006: an index that H2 itself cannot read after a crash is rebuilt like a stuck one, and
 * every message of the spool stays deliverable. Runs against the index that a chaos run left with
 * an attempt table H2 could not read.
 */
class BrokenIndexTest {

  private static final Instant LATER = Instant.parse("2026-12-05T00:00:00Z");

  @TempDir Path folder;

  @Test
  @Timeout(120)
  void anIndexWhoseChecksFailIsRebuiltAndEverySpooledMessageIsClaimable() throws Exception {
    Path spool = WedgedFixture.unpack("broken-attempt-index", folder);
    long spooled;
    try (Stream<Path> files = Files.list(spool.resolve("messages"))) {
      spooled = files.count();
    }

    try (MessageQueue queue =
        MessageQueue.open(new QueueSettings(spool, null, Clock.fixed(LATER, ZoneOffset.UTC)))) {
      StartupReport report = queue.startupReport();
      assertTrue(report.uncleanStop().isPresent(), report::summary);
      IndexRepair repair =
          report.indexRepair().orElseThrow(() -> new AssertionError(report.summary()));
      assertTrue(repair.problem().contains("not found in primary index"), repair::problem);
      assertEquals(spooled, report.messages(), "one message per spool file: " + report.summary());
      int pending = report.pendingRecipients();
      assertTrue(pending > 0, report::summary);
      assertEquals(
          pending,
          SampleAttempts.keys(queue.claimDue(LATER, Duration.ofMinutes(10), 100_000)).size(),
          "every pending recipient can be claimed");
    }
  }
}
