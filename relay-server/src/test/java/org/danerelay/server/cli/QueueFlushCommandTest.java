package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.danerelay.queue.AttemptRecord;
import org.danerelay.queue.AttemptStatus;
import org.danerelay.queue.ClaimedRecipient;
import org.danerelay.queue.DueRecipients;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code danerelay queue flush [ID]} against a relay that holds its deliveries. */
class QueueFlushCommandTest {

  @TempDir Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void flushWithoutIdMakesEveryDeferredRecipientOfTheRunningRelayDueNow() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      send(relay, "bob@example.net", "carol@example.net");
      send(relay, "dave@example.com");
      deferEverything(relay);
      assertTrue(recipients(relay).stream().allMatch(r -> r.nextAttempt().isAfter(Instant.now())));
      Path config = writeConfigFor(relay);

      assertEquals(0, run("queue", "flush", "--config", config.toString()), err.toString());

      assertEquals("flushed 3 recipients\n", out.toString());
      assertEquals("", err.toString());
      assertTrue(recipients(relay).stream().noneMatch(r -> r.nextAttempt().isAfter(Instant.now())));
    }
  }

  @Test
  void flushWithIdMakesOnlyThatMessageDueAndShowListsItsAttempts() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      String id = send(relay, "bob@example.net", "carol@example.net");
      String other = send(relay, "dave@example.com");
      deferEverything(relay);
      Path config = writeConfigFor(relay);

      assertEquals(0, run("queue", "flush", id, "--config", config.toString()), err.toString());

      assertEquals("flushed 2 recipients of " + id + "\n", out.toString());
      assertTrue(nextAttempts(relay, id).noneMatch(next -> next.isAfter(Instant.now())));
      assertTrue(nextAttempts(relay, other).allMatch(next -> next.isAfter(Instant.now())));
      assertEquals(0, run("queue", "show", id, "--config", config.toString()), err.toString());
      assertTrue(
          out.toString()
              .lines()
              .filter(line -> line.startsWith("  attempt 1 "))
              .allMatch(
                  line ->
                      line.endsWith(
                          " relay=mx1.example.net[192.0.2.1]:25 DEFERRED 421 4.3.2 Try later")),
          out.toString());
      assertEquals(2, out.toString().lines().filter(line -> line.startsWith("  attempt ")).count());
    }
  }

  @Test
  void flushOpensTheQueueItselfWhenNoRelayRuns() throws Exception {
    String id;
    Path config;
    try (RelayFixture relay = RelayFixture.start(folder)) {
      id = send(relay, "bob@example.net");
      config = writeConfigFor(relay);
    }

    assertEquals(0, run("queue", "flush", id, "--config", config.toString()), err.toString());

    assertEquals("flushed 1 recipient of " + id + "\n", out.toString());
  }

  @Test
  void flushingAnUnknownIdFailsWithExitOne() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      send(relay, "bob@example.net");
      Path config = writeConfigFor(relay);

      assertEquals(1, run("queue", "flush", "0000000000000000", "--config", config.toString()));

      assertEquals("", out.toString());
      assertEquals("danerelay: no message 0000000000000000\n", err.toString());
    }
  }

  @Test
  void flushingSomethingThatIsNoQueueIdFailsWithExitOne() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      Path config = writeConfigFor(relay);

      assertEquals(1, run("queue", "flush", "nope", "--config", config.toString()));

      assertEquals("", out.toString());
      assertEquals("danerelay: not a queue id: nope\n", err.toString());
    }
  }

  // Plays the delivery worker the fixture holds back: each recipient gets one deferred attempt,
  // which puts its next attempt an hour or so ahead by the retry schedule.
  private static void deferEverything(RelayFixture relay) {
    MessageQueue queue = relay.queue();
    // Claims see only indexed messages; listing waits until everything acknowledged is indexed.
    queue.list();
    Instant now = Instant.now();
    for (DueRecipients due : queue.claimDue(Instant.now(), Duration.ofMinutes(5), 100)) {
      for (ClaimedRecipient recipient : due.recipients()) {
        AttemptRecord attempt =
            new AttemptRecord(
                now,
                now,
                "mx1.example.net",
                "192.0.2.1",
                25,
                null,
                null,
                AttemptStatus.DEFERRED,
                "421 4.3.2 Try later");
        queue.record(due.messageId(), recipient.idx(), attempt);
      }
    }
  }

  private static List<QueuedRecipient> recipients(RelayFixture relay) {
    return relay.queued().stream().flatMap(m -> m.recipients().stream()).toList();
  }

  private static Stream<Instant> nextAttempts(RelayFixture relay, String id) {
    return relay.queue().find(id).orElseThrow().recipients().stream()
        .map(QueuedRecipient::nextAttempt);
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static String send(RelayFixture relay, String... recipients) throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply = client.sendMail("alice@example.org", "Subject: x\r\n\r\nx", recipients);
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
      return reply.substring(reply.lastIndexOf(' ') + 1);
    }
  }

  private Path writeConfigFor(RelayFixture relay) throws Exception {
    Path config = folder.resolve("relay.conf");
    Files.write(config, List.of("data.dir = " + relay.config().dataDir()));
    return config;
  }
}
