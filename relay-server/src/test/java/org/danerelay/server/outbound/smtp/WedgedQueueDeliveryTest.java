package org.danerelay.server.outbound.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danerelay.queue.StartupReport;
import org.danerelay.server.testing.RelayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: the queue that a {@code kill -9} run left wedged (3,742 acknowledged messages that the
 * relay of commit 125fc19 never delivered) is delivered in full by a relay started on it, to a real
 * SMTP server on loopback.
 */
class WedgedQueueDeliveryTest {

  private static final Path ARCHIVE =
      Path.of("../queue/src/test/resources/fixtures/wedged-h2-queue/data-queue.tar.xz");
  private static final int MESSAGES = 3742;
  private static final Pattern PROBE = Pattern.compile("Subject: (LL-[0-9-]+)");

  @TempDir Path folder;

  @Test
  @Timeout(180)
  void aRelayStartedOnTheWedgedQueueDeliversEveryMessageOnceAndEmptiesIt() throws Exception {
    unpack(ARCHIVE, folder); // gives data/queue, the relay's queue under data.dir=<folder>/data
    try (RecordingSmtpServer sink = RecordingSmtpServer.withoutTls()) {
      Path routes =
          Files.writeString(folder.resolve("routes"), "ext.test [127.0.0.1]:" + sink.port());
      try (RelayFixture relay =
          RelayFixture.start(
              folder, "delivery.hold=false", "delivery.routes=" + routes, "tls.policy=may")) {
        StartupReport report = relay.queue().startupReport();
        assertEquals(MESSAGES, report.indexRepair().orElseThrow().stuckRows());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (!relay.queued().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(500);
        }
        assertEquals(0, relay.queued().size(), "the queue drains within 150 s");
      }
      Set<String> probes = new HashSet<>();
      for (RecordingSmtpServer.Received message : sink.received()) {
        Matcher probe = PROBE.matcher(message.text());
        assertTrue(probe.find(), "every message is one of the fixture's probes");
        assertTrue(probes.add(probe.group(1)), "delivered twice: " + probe.group(1));
      }
      assertEquals(MESSAGES, probes.size());
    }
  }

  private static void unpack(Path archive, Path into) throws IOException, InterruptedException {
    Process tar =
        new ProcessBuilder("tar", "xJf", archive.toAbsolutePath().toString(), "-C", into.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes());
    assertTrue(tar.waitFor(60, TimeUnit.SECONDS), "tar finishes");
    assertEquals(0, tar.exitValue(), "tar xJf " + archive + ": " + output);
  }
}
