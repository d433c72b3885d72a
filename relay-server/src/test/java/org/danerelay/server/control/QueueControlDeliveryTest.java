package org.danerelay.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.danerelay.queue.Envelope;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecipientState;
import org.danerelay.queue.SpoolWriter;
import org.danerelay.server.testing.QueueCli;
import org.danerelay.server.testing.ReceivingMx;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code queue hold|release|delete|bounce} through the control socket of a relay that delivers to a
 * real SMTP server on loopback, also while an attempt is in flight (ADR 0011). One delivery worker,
 * so that the order of attempts is known.
 */
class QueueControlDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SENDER = "alice@origin.test";

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  @TempDir Path folder;

  private ReceivingMx mx;
  private RelayFixture relay;
  private QueueCli cli;
  private int canaries;

  @BeforeEach
  void start() throws Exception {
    mx = new ReceivingMx();
    relay =
        relays.start(
            "delivery.hold=false",
            "delivery.routes=" + mx.routesFile(folder, "dest.test", "origin.test"),
            "tls.policy=may",
            "retry.schedule=1h",
            "delivery.connection-cache-time=0",
            "delivery.concurrency=1",
            "delivery.concurrency-per-destination=1");
    cli = QueueCli.of(relay, folder);
  }

  @AfterEach
  void stop() {
    mx.close();
  }

  @Test
  void aHeldMessageIsNotDeliveredUntilReleasedThenItIsOnce() throws Exception {
    mx.closeGate();
    send("carol@dest.test"); // keeps the one worker busy at the receiving server
    waitFor(() -> mx.waitingAtGate() == 1, "carol's attempt in DATA");
    String id = send("bob@dest.test");

    QueueCli.Result held = cli.run("hold", id);

    assertEquals(0, held.exit(), held.err());
    assertTrue(held.out().startsWith("held 1 recipient of " + id), held.out());
    mx.openGate(false);
    // Carol may still be in flight and bob is held: the flush makes nobody due.
    assertEquals("flushed 0 recipients\n", cli.run("flush").out());
    deliverCanary(); // delivered after bob would have been
    assertEquals(0, mx.deliveriesTo("bob@dest.test"));
    QueuedRecipient bob = recipient(id);
    assertEquals(RecipientState.HELD, bob.state());
    assertEquals(Optional.empty(), bob.claimedUntil());
    assertTrue(cli.run("list").out().contains("    HELD      <bob@dest.test>\n"));

    assertEquals("released 1 recipient of " + id + ": due now\n", cli.run("release", id).out());

    waitFor(() -> mx.deliveriesTo("bob@dest.test") == 1, "bob's delivery after the release");
    waitFor(() -> relay.queued().isEmpty(), "an empty queue");
    assertEquals(1, mx.deliveriesTo("bob@dest.test"));
  }

  @Test
  void aHoldDuringAnAttemptThatDefersKeepsTheRecipientHeldNotDeferred() throws Exception {
    mx.closeGate();
    String id = send("bob@dest.test");
    waitFor(() -> mx.waitingAtGate() == 1, "bob's attempt in DATA");
    String list = cli.run("list").out();
    assertTrue(
        Pattern.compile("<bob@dest\\.test>  in flight on \\S+\n").matcher(list).find(), list);

    QueueCli.Result held = cli.run("hold", id);

    assertEquals(
        "held 1 recipient of " + id + " (1 of them in flight: held if its attempt defers)\n",
        held.out());
    mx.openGate(true);
    waitFor(() -> recipient(id).claimedUntil().isEmpty(), "the attempt recorded");
    QueuedRecipient bob = recipient(id);
    assertEquals(RecipientState.HELD, bob.state());
    assertTrue(bob.lastReply().contains("451"), bob.lastReply());
    deliverCanary();
    assertEquals(0, mx.deliveriesTo("bob@dest.test"));

    cli.run("release", id);

    waitFor(() -> mx.deliveriesTo("bob@dest.test") == 1, "bob's delivery after the release");
    waitFor(() -> relay.queued().isEmpty(), "an empty queue");
  }

  @Test
  void aHoldDuringAnAttemptThatDeliversLeavesItDeliveredOnce() throws Exception {
    mx.closeGate();
    String id = send("bob@dest.test");
    waitFor(() -> mx.waitingAtGate() == 1, "bob's attempt in DATA");

    cli.run("hold", id);
    mx.openGate(false);

    waitFor(() -> relay.queued().isEmpty(), "the delivered message finished");
    assertEquals(1, mx.deliveriesTo("bob@dest.test"));
    assertEquals("danerelay: no message " + id + "\n", cli.run("release", id).err());
  }

  @Test
  void deleteRemovesTheMessageAndItsSpoolFileAndNoBounceArrives() throws Exception {
    mx.defer("bob@dest.test");
    String id = send("bob@dest.test");
    waitFor(() -> recipient(id).state() == RecipientState.DEFERRED, "bob deferred");

    QueueCli.Result deleted = cli.run("delete", id);

    assertEquals(0, deleted.exit(), deleted.err());
    assertEquals("deleted " + id + ": 1 recipient pending, no DSN\n", deleted.out());
    assertTrue(relay.queued().isEmpty(), "no DSN was queued either");
    assertFalse(Files.exists(spoolFile(id)));
    mx.deferNone();
    cli.run("flush");
    deliverCanary();
    assertEquals(List.of(), mx.dsns());
    assertEquals(0, mx.deliveriesTo("bob@dest.test"));
  }

  @Test
  void deleteDuringAnAttemptRemovesTheMessageWhenTheAttemptEnds() throws Exception {
    mx.closeGate();
    String id = send("bob@dest.test", "carol@dest.test");
    waitFor(() -> mx.waitingAtGate() == 1, "the attempt in DATA");

    QueueCli.Result deleting = cli.run("delete", id);

    assertEquals(
        "deleting "
            + id
            + " when its attempts in flight end (2 recipients in flight, 0 held):"
            + " no DSN\n",
        deleting.out());
    assertTrue(Files.exists(spoolFile(id)), "the attempt still reads it");
    mx.openGate(true);
    waitFor(() -> relay.queued().isEmpty(), "the message removed after the attempt");
    assertFalse(Files.exists(spoolFile(id)));
    deliverCanary();
    assertEquals(List.of(), mx.dsns());
    assertEquals(0, mx.deliveriesTo("bob@dest.test"));
  }

  @Test
  void bounceSendsTheSenderADsnNowThroughTheNormalBouncePath() throws Exception {
    mx.defer("bob@dest.test");
    String id = send("bob@dest.test");
    waitFor(() -> recipient(id).state() == RecipientState.DEFERRED, "bob deferred");

    QueueCli.Result bounced = cli.run("bounce", id);

    assertEquals(0, bounced.exit(), bounced.err());
    assertTrue(
        bounced
            .out()
            .matches(
                "bounced 1 recipient of " + id + ": DSN \\w{16} queued for <" + SENDER + ">\n"),
        bounced.out());
    waitFor(() -> mx.dsns().size() == 1, "the DSN at the sender's server");
    ReceivingMx.Received dsn = mx.dsns().get(0);
    assertEquals(List.of(SENDER), dsn.recipients());
    assertTrue(dsn.text().contains("Final-Recipient: rfc822; bob@dest.test"), dsn.text());
    assertTrue(dsn.text().contains("Action: failed"), dsn.text());
    assertTrue(dsn.text().contains("Status: 5.0.0"), dsn.text());
    assertTrue(dsn.text().contains("returned to the sender by the postmaster"), dsn.text());
    waitFor(() -> relay.queued().isEmpty(), "an empty queue");
    assertEquals(0, mx.deliveriesTo("bob@dest.test"));
  }

  @Test
  void bounceOfAMessageFromTheNullSenderRemovesItWithoutADsn() throws Exception {
    mx.defer("bob@dest.test");
    String id = queueDirectly("", "bob@dest.test");
    waitFor(() -> recipient(id).state() == RecipientState.DEFERRED, "bob deferred");

    QueueCli.Result bounced = cli.run("bounce", id);

    assertEquals("bounced 1 recipient of " + id + ": no DSN, the sender is <>\n", bounced.out());
    assertTrue(relay.queued().isEmpty(), "no DSN queued");
    deliverCanary();
    assertEquals(List.of(), mx.dsns());
  }

  private String send(String... recipients) throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply = client.sendMail(SENDER, "Subject: test\r\n\r\nhello\r\n", recipients);
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
      return reply.substring(reply.lastIndexOf(' ') + 1);
    }
  }

  private String queueDirectly(String sender, String... recipients) throws Exception {
    String id = relay.queue().newId();
    Envelope envelope =
        new Envelope(sender, List.of(recipients), "127.0.0.1", "client.test", Instant.now());
    try (SpoolWriter writer = relay.queue().create(id, envelope)) {
      writer.body().write("Subject: bounce\r\n\r\nhello\r\n".getBytes());
      writer.commit();
    }
    return id;
  }

  /** Sends one more message and waits for it: whatever was attempted before it is settled. */
  private void deliverCanary() throws Exception {
    String canary = "canary-" + ++canaries + "@dest.test";
    send(canary);
    waitFor(() -> mx.deliveriesTo(canary) == 1, "the canary " + canary);
    waitFor(
        () ->
            relay.queued().stream()
                .noneMatch(m -> m.recipients().stream().anyMatch(r -> r.address().equals(canary))),
        "the canary finished");
  }

  private QueuedRecipient recipient(String id) {
    return relay.queue().find(id).orElseThrow().recipients().get(0);
  }

  private Path spoolFile(String id) {
    return relay.config().dataDir().resolve("queue/messages/" + id + ".msg");
  }

  private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + WAIT);
      }
      Thread.sleep(25);
    }
  }
}
