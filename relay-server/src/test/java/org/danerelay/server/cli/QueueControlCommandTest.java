package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.danerelay.queue.Envelope;
import org.danerelay.queue.SpoolWriter;
import org.danerelay.server.testing.LogCapture;
import org.danerelay.server.testing.QueueCli;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code danerelay queue list} filters, {@code flush --domain}, and the errors of {@code queue
 * hold|release|delete|bounce}, against a relay that holds its deliveries, and without a relay.
 */
class QueueControlCommandTest {

  @TempDir Path folder;
  @RegisterExtension final LogCapture logs = new LogCapture();

  @Test
  void listShowsTheRecipientsAtADomainInAStateOrOfMessagesOlderThanAnAge() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      QueueCli cli = QueueCli.of(relay, folder);
      String mixed = send(relay, "bob@example.net", "carol@example.com");
      String held = send(relay, "dave@example.net");
      String old = queueDirectly(relay, Instant.now().minus(Duration.ofHours(3)), "erin@ex.org");
      cli.run("hold", held);

      assertEquals(
          List.of(
              mixed,
              "    QUEUED    <bob@example.net>",
              held,
              "    HELD      <dave@example.net>",
              "-- 2 messages, 2 recipients pending"),
          shortened(cli.run("list", "--domain", "Example.NET.")));
      assertEquals(
          List.of(held, "    HELD      <dave@example.net>", "-- 1 message, 1 recipient pending"),
          shortened(cli.run("list", "--state", "held")));
      assertEquals(
          List.of(old, "    QUEUED    <erin@ex.org>", "-- 1 message, 1 recipient pending"),
          shortened(cli.run("list", "--older-than", "2h")));
      assertEquals(
          List.of(mixed, "    QUEUED    <carol@example.com>", "-- 1 message, 1 recipient pending"),
          shortened(cli.run("list", "--domain", "example.com", "--state", "QUEUED")));
      assertEquals(
          List.of("-- 0 messages, 0 recipients pending"),
          shortened(cli.run("list", "--domain", "example.com", "--older-than", "1d")));
      assertEquals(
          List.of(
              old,
              "    QUEUED    <erin@ex.org>",
              mixed,
              "    QUEUED    <bob@example.net>",
              "    QUEUED    <carol@example.com>",
              held,
              "    HELD      <dave@example.net>",
              "-- 3 messages, 4 recipients pending"),
          shortened(cli.run("list")),
          "without filters, all of it, oldest first");
    }
  }

  @Test
  void listRefusesFilterValuesItCannotReadWithExitOne() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      QueueCli cli = QueueCli.of(relay, folder);

      assertEquals(
          new QueueCli.Result(
              1,
              "",
              "danerelay: not a recipient state: 'SLEEPING' (one of QUEUED, DEFERRED, HELD,"
                  + " DELIVERED, BOUNCED)\n"),
          cli.run("list", "--state", "SLEEPING"));
      assertEquals(
          new QueueCli.Result(
              1, "", "danerelay: not a duration: '2x' (a whole number with ms, s, m, h or d)\n"),
          cli.run("list", "--older-than", "2x"));
      QueueCli.Result badDomain = cli.run("list", "--domain", "bob@example.net");
      assertEquals(1, badDomain.exit());
      assertTrue(badDomain.err().startsWith("danerelay: not a "), badDomain.err());
    }
  }

  @Test
  void flushByDomainMakesOnlyThatDomainDue() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      QueueCli cli = QueueCli.of(relay, folder);
      send(relay, "bob@example.net", "carol@example.com");
      send(relay, "dave@EXAMPLE.net");

      assertEquals(
          new QueueCli.Result(0, "flushed 2 recipients at example.net\n", ""),
          cli.run("flush", "--domain", "example.net"));
      assertEquals(
          new QueueCli.Result(1, "", "danerelay: give an ID or --domain, not both\n"),
          cli.run("flush", "0000000000000000", "--domain", "example.net"));
    }
  }

  @Test
  void holdReleaseDeleteAndBounceRefuseMalformedAndUnknownIdsWithExitOne() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      QueueCli cli = QueueCli.of(relay, folder);
      for (String verb : List.of("hold", "release", "delete", "bounce")) {
        assertEquals(
            new QueueCli.Result(1, "", "danerelay: not a queue id: nope\n"),
            cli.run(verb, "nope"),
            verb);
        assertEquals(
            new QueueCli.Result(1, "", "danerelay: no message 0000000000000000\n"),
            cli.run(verb, "0000000000000000"),
            verb);
      }
    }
  }

  @Test
  void commandsThatChangeTheQueueAreLoggedWithWhoAskedAndWhatHappened() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      QueueCli cli = QueueCli.of(relay, folder);
      String id = send(relay, "bob@example.net");

      cli.run("hold", id);

      String user = System.getProperty("user.name");
      assertTrue(
          logs.events().stream()
              .anyMatch(
                  e ->
                      e.getFormattedMessage()
                          .equals(id + ": queue hold by " + user + ": held 1 recipient of " + id)),
          () -> logs.events().toString());
    }
  }

  @Test
  void everyCommandWorksWithoutARunningRelay() throws Exception {
    String held;
    String deleted;
    String bounced;
    QueueCli cli;
    try (RelayFixture relay = RelayFixture.start(folder)) {
      cli = QueueCli.of(relay, folder);
      held = send(relay, "bob@example.net");
      deleted = send(relay, "carol@example.net");
      bounced = send(relay, "dave@example.net");
    }
    Path messages = folder.resolve("data/queue/messages");

    assertEquals(
        new QueueCli.Result(0, "held 1 recipient of " + held + "\n", ""), cli.run("hold", held));
    assertTrue(cli.run("list", "--state", "HELD").out().contains(held));
    assertEquals(
        new QueueCli.Result(0, "released 1 recipient of " + held + ": due now\n", ""),
        cli.run("release", held));
    assertEquals(
        new QueueCli.Result(0, "deleted " + deleted + ": 1 recipient pending, no DSN\n", ""),
        cli.run("delete", deleted));
    assertFalse(Files.exists(messages.resolve(deleted + ".msg")));
    QueueCli.Result bounce = cli.run("bounce", bounced);
    assertTrue(
        bounce
            .out()
            .matches(
                "bounced 1 recipient of "
                    + bounced
                    + ": DSN \\w{16} queued for <alice@example.org>\n"),
        bounce.toString());
    String dsn = bounce.out().split(" ")[6];
    assertEquals(
        List.of(
            held,
            "    QUEUED    <bob@example.net>",
            dsn,
            "    QUEUED    <alice@example.org>",
            "-- 2 messages, 2 recipients pending"),
        shortened(cli.run("list")));
    assertTrue(
        logs.events().stream()
            .anyMatch(
                e ->
                    e.getFormattedMessage()
                        .contains(
                            "queue delete by "
                                + System.getProperty("user.name")
                                + " (offline): deleted")));
  }

  /** The listing with each message line cut to its id. */
  private static List<String> shortened(QueueCli.Result listing) {
    assertEquals(0, listing.exit(), listing.err());
    return listing
        .out()
        .lines()
        .map(line -> line.startsWith(" ") || line.startsWith("--") ? line : line.split(" ")[0])
        .toList();
  }

  private static String send(RelayFixture relay, String... recipients) throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply = client.sendMail("alice@example.org", "Subject: x\r\n\r\nx", recipients);
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
      return reply.substring(reply.lastIndexOf(' ') + 1);
    }
  }

  private static String queueDirectly(RelayFixture relay, Instant received, String... recipients)
      throws Exception {
    String id = relay.queue().newId();
    Envelope envelope =
        new Envelope("alice@example.org", List.of(recipients), "127.0.0.1", "c.test", received);
    try (SpoolWriter writer = relay.queue().create(id, envelope)) {
      writer.body().write("Subject: old\r\n\r\nx\r\n".getBytes());
      writer.commit();
    }
    relay.queued(); // indexed before the test lists it
    return id;
  }
}
