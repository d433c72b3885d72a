package org.danerelay.server.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.server.config.ConfigException;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Recipients of local.domains are checked at RCPT against local.forward (a real SMTP server on
 * loopback), so that mail for a mailbox that does not exist is refused in the session and never
 * bounced to a sender nobody checked (backscatter).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecipientVerificationTest {

  private static final String BODY = "Subject: hello\r\n\r\nHello.";
  private static final String NO_SUCH_USER =
      "550 5.1.1 <nobody@local.test>: Recipient address rejected";

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  @TempDir Path dir;
  private final List<AutoCloseable> peers = new ArrayList<>();

  @AfterEach
  void stopPeers() throws Exception {
    for (AutoCloseable peer : peers) {
      peer.close();
    }
  }

  @Test
  void refusesAnUnknownLocalRecipientWith550InTheSessionAndNeverBounces() throws Exception {
    MailboxServer mailboxes = peer(MailboxServer.knowing(Set.of("alice@local.test"), Set.of()));
    RelayFixture relay = relayFor(mailboxes.port(), "delivery.hold=false");
    try (RejectLog log = new RejectLog();
        SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<forged@remote.test>"));
      assertEquals(NO_SUCH_USER, client.command("RCPT TO:<nobody@local.test>"));
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<alice@local.test>"));
      assertTrue(client.command("DATA").startsWith("354"));
      client.send(BODY + "\r\n.\r\n");
      assertTrue(client.reply().startsWith("250 2.0.0 Ok: queued as "));

      List<String> refusals = log.lines();
      assertEquals(1, refusals.size(), refusals.toString());
      assertTrue(
          refusals.get(0).startsWith("reject RCPT from [127.0.0.1]: " + NO_SUCH_USER),
          refusals.get(0));
    }
    waitFor(() -> mailboxes.delivered().size() == 1 && relay.queued().isEmpty());
    // Only alice's copy was ever delivered; the one callout was all nobody@ ever cost.
    assertEquals(
        List.of(new MailboxServer.Delivered("forged@remote.test", List.of("alice@local.test"))),
        mailboxes.delivered());
    assertEquals(1, mailboxes.rcptCount("nobody@local.test"));
    // No bounce to the forged sender was queued: the queue emptied with alice's delivery.
    assertEquals(List.of(), relay.queued());
  }

  @Test
  void queuesAnExistingLocalRecipientAfterOneCallout() throws Exception {
    MailboxServer mailboxes = peer(MailboxServer.knowing(Set.of("alice@local.test"), Set.of()));
    RelayFixture relay = relayFor(mailboxes.port());
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply = client.sendMail("bob@remote.test", BODY, "alice@local.test");
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    }
    assertEquals(List.of("alice@local.test"), recipientsOfOnlyMessage(relay));
    assertEquals(1, mailboxes.callouts());
    assertEquals(List.of(), mailboxes.delivered(), "a callout never sends DATA");
  }

  @Test
  void answers450WhenLocalForwardIsDownAndQueuesNothing() throws Exception {
    RelayFixture relay = relayFor(closedPort());
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<bob@remote.test>"));
      assertEquals(
          "450 4.1.1 <alice@local.test>: Recipient address rejected: cannot be verified now,"
              + " try again later",
          client.command("RCPT TO:<alice@local.test>"));
      assertEquals("554 5.5.1 Error: no valid recipients", client.command("DATA"));
    }
    assertEquals(List.of(), relay.queued());
  }

  @Test
  void answers450WhenLocalForwardAnswersRcptWith4xx() throws Exception {
    MailboxServer mailboxes = peer(MailboxServer.knowing(Set.of(), Set.of("busy@local.test")));
    RelayFixture relay = relayFor(mailboxes.port());
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.command("MAIL FROM:<bob@remote.test>");
      assertTrue(client.command("RCPT TO:<busy@local.test>").startsWith("450 4.1.1 "));
      // A temporary answer is not remembered: the next RCPT asks again.
      assertTrue(client.command("RCPT TO:<busy@local.test>").startsWith("450 4.1.1 "));
    }
    assertEquals(2, mailboxes.callouts());
  }

  @Test
  void answersRepeatedRecipientsFromTheCacheWithoutASecondCallout() throws Exception {
    MailboxServer mailboxes = peer(MailboxServer.knowing(Set.of("alice@local.test"), Set.of()));
    RelayFixture relay = relayFor(mailboxes.port());
    for (int session = 0; session < 2; session++) {
      try (SmtpTestClient client = relay.connect()) {
        client.hello();
        client.command("MAIL FROM:<bob@remote.test>");
        assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<alice@local.test>"));
        assertEquals(NO_SUCH_USER, client.command("RCPT TO:<nobody@local.test>"));
      }
    }
    assertEquals(1, mailboxes.rcptCount("alice@local.test"));
    assertEquals(1, mailboxes.rcptCount("nobody@local.test"));
    assertEquals(2, mailboxes.callouts());
  }

  @Test
  void keepsAcceptingAKnownMailboxWhileLocalForwardIsDown() throws Exception {
    MailboxServer mailboxes = MailboxServer.knowing(Set.of("alice@local.test"), Set.of());
    // Refresh 0: every RCPT asks again, so the second one meets the outage.
    RelayFixture relay = relayFor(mailboxes.port(), "local.verify.positive-refresh=0");
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.command("MAIL FROM:<bob@remote.test>");
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<alice@local.test>"));
      mailboxes.close();
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<alice@local.test>"));
      assertTrue(client.command("RCPT TO:<carol@local.test>").startsWith("450 4.1.1 "));
    }
  }

  @Test
  void asksOnceForConcurrentSessionsNamingTheSameRecipient() throws Exception {
    MailboxServer mailboxes =
        peer(MailboxServer.slow(Set.of("alice@local.test"), Duration.ofMillis(1500)));
    RelayFixture relay = relayFor(mailboxes.port());
    ExecutorService sessions = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> replies = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        replies.add(
            sessions.submit(
                () -> {
                  try (SmtpTestClient client = relay.connect()) {
                    client.hello();
                    client.command("MAIL FROM:<bob@remote.test>");
                    return client.command("RCPT TO:<alice@local.test>");
                  }
                }));
      }
      for (Future<String> reply : replies) {
        assertEquals("250 2.1.5 Ok", reply.get(20, TimeUnit.SECONDS));
      }
    } finally {
      sessions.shutdownNow();
    }
    assertEquals(1, mailboxes.callouts());
  }

  @Test
  void asksInsideTlsWhenLocalForwardOffersStartTls() throws Exception {
    MailboxServer mailboxes =
        peer(MailboxServer.withStartTls(Set.of("alice@local.test"), dir.resolve("tls")));
    RelayFixture relay = relayFor(mailboxes.port());
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.command("MAIL FROM:<bob@remote.test>");
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<alice@local.test>"));
      assertEquals(NO_SUCH_USER, client.command("RCPT TO:<nobody@local.test>"));
    }
    assertEquals(List.of(true, true), mailboxes.rcptOverTls());
  }

  @Test
  void letsTheRecipientFileDecideWithoutAnyCallout() throws Exception {
    MailboxServer mailboxes = peer(MailboxServer.knowing(Set.of(), Set.of()));
    Path file = dir.resolve("recipients");
    Files.writeString(file, "# mailboxes\nalice@local.test\n\n@other.test\n");
    RelayFixture relay =
        relayFor(
            mailboxes.port(), "local.domains=local.test, other.test", "local.recipients=" + file);
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.command("MAIL FROM:<bob@remote.test>");
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<alice@local.test>"));
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<Alice@LOCAL.test>"));
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<anyone@other.test>"));
      assertEquals(NO_SUCH_USER, client.command("RCPT TO:<nobody@local.test>"));
    }
    assertEquals(0, mailboxes.callouts());
  }

  @Test
  void acceptsPostmasterOfALocalDomainWithoutAsking() throws Exception {
    RelayFixture relay = relayFor(closedPort());
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.command("MAIL FROM:<bob@remote.test>");
      // RFC 5321 4.5.1: postmaster must be accepted, even while local.forward is down.
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<Postmaster@local.test>"));
    }
  }

  @Test
  void refusesToStartWithLocalDomainsButNoLocalForward() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> relays.start("local.domains=local.test"));
    assertEquals(
        "--set local.domains=local.test: local.domains is set but local.forward is not: mail for"
            + " local domains needs a next hop, and its recipients are checked there (set"
            + " local.forward = IP:port of the mailbox server)",
        e.getMessage());
  }

  @Test
  void refusesToStartOnABadLineInTheRecipientFile() throws Exception {
    Path file = dir.resolve("recipients");
    Files.writeString(file, "alice@local.test\nalice@elsewhere.test\n");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> relayFor(closedPort(), "local.recipients=" + file));
    assertEquals(
        file + ":2: elsewhere.test is not in local.domains, so this line could never match",
        e.getMessage());
  }

  private RelayFixture relayFor(int forwardPort, String... more) throws Exception {
    List<String> overrides = new ArrayList<>();
    // The loopback client is outside relay.networks: anyone on the Internet.
    overrides.add("relay.networks=192.0.2.0/24");
    overrides.add("local.domains=local.test");
    overrides.add("local.forward=127.0.0.1:" + forwardPort);
    overrides.add("local.verify.timeout=3s");
    overrides.addAll(List.of(more));
    return relays.start(overrides.toArray(String[]::new));
  }

  private <T extends AutoCloseable> T peer(T peer) {
    peers.add(peer);
    return peer;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static List<String> recipientsOfOnlyMessage(RelayFixture relay) {
    List<QueuedMessage> queued = relay.queued();
    assertEquals(1, queued.size(), queued.toString());
    return queued.get(0).recipients().stream().map(QueuedRecipient::address).toList();
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    Instant end = Instant.now().plusSeconds(30);
    while (!condition.getAsBoolean()) {
      assertTrue(Instant.now().isBefore(end), "condition not met within 30 s");
      Thread.sleep(50);
    }
  }

  /** The "reject RCPT" lines the SMTP server logs while open. */
  private static final class RejectLog implements AutoCloseable {
    private final Logger logger =
        (Logger) LoggerFactory.getLogger("org.danerelay.server.smtp.InboundTransaction");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    RejectLog() {
      appender.start();
      logger.addAppender(appender);
    }

    List<String> lines() {
      synchronized (appender) {
        return appender.list.stream()
            .map(ILoggingEvent::getFormattedMessage)
            .filter(line -> line.startsWith("reject RCPT"))
            .toList();
      }
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
      appender.stop();
    }
  }
}
