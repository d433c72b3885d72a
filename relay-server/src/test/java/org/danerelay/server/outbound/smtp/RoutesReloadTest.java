package org.danerelay.server.outbound.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.danerelay.queue.RecipientState;
import org.danerelay.server.ReloadOutcome;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 5: a reload re-reads {@code delivery.routes}; mail queued before it is delivered by
 * the new routing at its next attempt.
 */
@Timeout(60)
class RoutesReloadTest {

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  @TempDir Path folder;

  @Test
  void mailDeferredUnderTheOldRoutesIsDeliveredUnderTheReloadedOnes() throws Exception {
    Path routes = Files.writeString(folder.resolve("routes"), route(closedPort()));
    try (RecordingSmtpServer sink = RecordingSmtpServer.withoutTls()) {
      RelayFixture relay =
          relays.start("delivery.hold=false", "delivery.routes=" + routes, "tls.policy=may");
      try (SmtpTestClient client = relay.connect()) {
        client.hello();
        String reply =
            client.sendMail("a@client.test", "Subject: routes\r\n\r\nhi", "x@elsewhere.test");
        assertTrue(reply.startsWith("250"), reply);
      }
      waitFor(
          () -> !relay.queued().isEmpty() && isDeferred(relay), "the closed port defers the mail");

      Files.writeString(routes, route(sink.port()));
      assertInstanceOf(ReloadOutcome.Applied.class, relay.reload());
      relay.queue().flush(Optional.empty());

      waitFor(() -> relay.queued().isEmpty(), "the queue empties");
      assertEquals(1, sink.received().size());
      assertEquals("<a@client.test>", "<" + sink.received().get(0).sender() + ">");
    }
  }

  private static boolean isDeferred(RelayFixture relay) {
    return relay.queued().get(0).recipients().get(0).state() == RecipientState.DEFERRED;
  }

  private static String route(int port) {
    return "elsewhere.test [127.0.0.1]:" + port + "\n";
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void waitFor(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
