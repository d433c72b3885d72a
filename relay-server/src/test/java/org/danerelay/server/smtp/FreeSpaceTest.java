package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * MAIL is refused with {@code 452 4.3.1} before the queue's file system runs short, rather than
 * taking mail until the disk is full (RFC 5321 4.5.3.1.9, RFC 1870 6), on a real small tmpfs.
 */
@Timeout(60)
class FreeSpaceTest {

  private static final String NO_ROOM = "452 4.3.1 Insufficient system storage";
  private static final int MIB = 1024 * 1024;

  @TempDir Path folder;
  private SmallFileSystem disk;
  private RelayFixture relay;

  @AfterEach
  void stop() {
    try {
      if (relay != null) {
        relay.close();
      }
    } finally {
      if (disk != null) {
        disk.close(); // always: a mount left behind would outlive the test run
      }
    }
  }

  @Test
  void refusesMailWhileFreeSpaceIsBelowTheMinimumAndTakesItAgainOnceThereIsRoom() throws Exception {
    disk = SmallFileSystem.mount(folder.resolve("data"), "8m");
    relay = RelayFixture.start(folder, "smtpd.min-free-space=2M");
    disk.fillLeaving(MIB);
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals(NO_ROOM, client.command("MAIL FROM:<s@example.org>"));
      disk.free();
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<s@example.org>"));
    }
  }

  @Test
  void refusesADeclaredSizeThatWouldTakeFreeSpaceBelowTheMinimum() throws Exception {
    disk = SmallFileSystem.mount(folder.resolve("data"), "8m");
    relay = RelayFixture.start(folder, "smtpd.min-free-space=2M");
    disk.fillLeaving(4 * MIB);
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals(NO_ROOM, client.command("MAIL FROM:<s@example.org> SIZE=" + 3 * MIB));
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<s@example.org> SIZE=" + MIB));
      assertTrue(client.command("RCPT TO:<a@local.test>").startsWith("250"));
    }
  }
}
