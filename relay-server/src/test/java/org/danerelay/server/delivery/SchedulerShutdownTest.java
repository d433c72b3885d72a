package org.danerelay.server.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.danerelay.queue.DueRecipients;
import org.danerelay.server.testing.RecipientFile;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A stopped relay leaves no claimed-but-unstarted mail waiting for its lease to run out. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchedulerShutdownTest {

  @TempDir Path folder;

  @Test
  void releasesClaimsItNeverStartedSoTheNextStartDeliversThemAtOnce() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      CountDownLatch connected = new CountDownLatch(1);
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> acceptAndStaySilent(silent, connected, held));
      acceptor.setDaemon(true);
      acceptor.start();
      RelayFixture relay =
          RelayFixture.start(
              folder,
              "delivery.hold=false",
              "local.domains=local.test",
              "local.forward=127.0.0.1:" + silent.getLocalPort(),
              RecipientFile.acceptingAllOf(folder, "local.test"),
              "delivery.concurrency=1",
              "delivery.greeting-timeout=2s");
      send(relay, "first@local.test");
      assertTrue(connected.await(20, TimeUnit.SECONDS), "the only worker is busy with the first");
      String second = send(relay, "second@local.test");
      Thread.sleep(1000); // the scheduler claims it at once and holds it for a free worker

      relay.close();
      RelayFixture restarted = RelayFixture.start(folder, "delivery.hold=true");
      try {
        List<DueRecipients> due =
            restarted.queue().claimDue(Instant.now(), Duration.ofMinutes(1), 10);

        assertEquals(1, due.size(), due.toString());
        assertEquals(second, due.get(0).messageId());
        assertEquals("second@local.test", due.get(0).recipients().get(0).address());
      } finally {
        restarted.close();
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }

  private static String send(RelayFixture relay, String recipient) throws IOException {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply = client.sendMail("alice@relay.test", "Subject: hi\r\n\r\nhello", recipient);
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
      return reply.substring("250 2.0.0 Ok: queued as ".length()).strip();
    }
  }

  /** A next hop that takes connections and never greets. */
  private static void acceptAndStaySilent(
      ServerSocket listener, CountDownLatch connected, List<Socket> held) {
    try {
      while (!listener.isClosed()) {
        held.add(listener.accept());
        connected.countDown();
      }
    } catch (IOException e) {
      // closed by the test
    }
  }
}
