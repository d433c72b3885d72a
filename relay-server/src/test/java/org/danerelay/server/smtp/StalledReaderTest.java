package org.danerelay.server.smtp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that send commands and never read the replies: they block the relay's writes, and must
 * neither keep their session nor stop the time limits of everyone else.
 */
class StalledReaderTest {

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  private RelayFixture relay;

  @Test
  void closesClientsThatStopReadingAndStillCutsOffOtherSessionsOnTime() throws Exception {
    relay = relays.start("smtpd.idle-timeout=2s", "smtpd.max-connections=4");
    try (Socket first = stalledReader();
        Socket second = stalledReader()) {
      CompletableFuture<Duration> firstClosed = writeUntilClosed(first);
      CompletableFuture<Duration> secondClosed = writeUntilClosed(second);
      try (SmtpTestClient idle = relay.connect()) {
        idle.hello();
        long start = System.nanoTime();
        assertEquals(
            "421 4.4.2 Timeout exceeded, closing connection",
            idle.replyWithin(Duration.ofSeconds(6)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, took::toString);
      }
      // Blocked writes count against the same limit: 2 s, and a second of grace for the 421.
      assertTrue(firstClosed.get(10, TimeUnit.SECONDS).compareTo(Duration.ofSeconds(8)) < 0);
      assertTrue(secondClosed.get(10, TimeUnit.SECONDS).compareTo(Duration.ofSeconds(8)) < 0);
    }
    try (SmtpTestClient next = relay.connect()) {
      assertEquals("220 relay.test ESMTP DaneRelay", next.reply(), "both slots are free again");
    }
  }

  @Test
  void endsEverySessionAtTheSessionLimitWhileAClientThatStopsReadingBlocksItsOwnWrite()
      throws Exception {
    relay = relays.start("smtpd.session-timeout=2s");
    try (Socket stalled = stalledReader()) {
      CompletableFuture<Duration> stalledClosed = writeUntilClosed(stalled);
      try (SmtpTestClient busy = relay.connect()) {
        busy.hello();
        long start = System.nanoTime();
        String reply = "250 Ok";
        while (reply.equals("250 Ok") && System.nanoTime() - start < 8_000_000_000L) {
          busy.send("NOOP\r\n");
          reply = busy.replyWithin(Duration.ofSeconds(3));
        }
        assertEquals("421 4.4.2 Session time limit exceeded, closing connection", reply);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, took::toString);
      }
      assertTrue(stalledClosed.get(10, TimeUnit.SECONDS).compareTo(Duration.ofSeconds(5)) < 0);
    }
  }

  /** A connection with a small receive window, so the relay's replies soon fill it. */
  private Socket stalledReader() throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(1024);
    socket.connect(new InetSocketAddress("127.0.0.1", relay.port()), 10_000);
    return socket;
  }

  /**
   * Sends EHLO after EHLO without reading, for at most 20 s; completes with how long it took until
   * the relay closed the connection.
   */
  private static CompletableFuture<Duration> writeUntilClosed(Socket socket) {
    return CompletableFuture.supplyAsync(
        () -> {
          long start = System.nanoTime();
          long stop = start + TimeUnit.SECONDS.toNanos(20);
          byte[] ehlo = "EHLO stalled.test\r\n".repeat(50).getBytes(US_ASCII);
          try {
            OutputStream out = socket.getOutputStream();
            while (System.nanoTime() < stop) {
              out.write(ehlo);
            }
            return Duration.ofDays(1); // never closed: fails the caller's bound
          } catch (IOException closed) {
            return Duration.ofNanos(System.nanoTime() - start);
          }
        });
  }
}
