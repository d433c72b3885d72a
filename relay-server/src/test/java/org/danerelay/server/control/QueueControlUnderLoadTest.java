package org.danerelay.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danerelay.server.testing.LogCapture;
import org.danerelay.server.testing.QueueCli;
import org.danerelay.server.testing.ReceivingMx;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Postmaster commands on messages that four delivery workers are delivering at the same time, each
 * message to two domains (two workers), one of them deferred until the commands are given: counted
 * at the receiving server, no recipient is delivered twice, none is lost, and each one bounced is
 * either delivered or in a DSN, never both.
 */
class QueueControlUnderLoadTest {

  private static final int MESSAGES = 60;
  private static final Duration DRAIN = Duration.ofSeconds(60);
  private static final Pattern FINAL_RECIPIENT = Pattern.compile("Final-Recipient: rfc822; (\\S+)");

  /** What the test does to message {@code i}: by {@code i % 6}. */
  private enum Plan {
    UNTOUCHED,
    HOLD_THEN_RELEASE,
    DELETE,
    BOUNCE,
    HOLD_THEN_DELETE,
    HOLD_THEN_BOUNCE
  }

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  @RegisterExtension final LogCapture logs = new LogCapture();
  @TempDir Path folder;

  @Test
  @Timeout(180)
  void commandsDuringDeliveriesNeitherLoseNorDuplicateARecipient() throws Exception {
    try (ReceivingMx mx = new ReceivingMx()) {
      mx.slowDown(Duration.ofMillis(40));
      RelayFixture relay =
          relays.start(
              "delivery.hold=false",
              "delivery.routes=" + mx.routesFile(folder, "dest.test", "other.test", "origin.test"),
              "tls.policy=may",
              "retry.schedule=1h",
              "delivery.concurrency=4",
              "delivery.concurrency-per-destination=4");
      QueueCli cli = QueueCli.of(relay, folder);
      List<String> ids = new ArrayList<>();
      List<String> replies = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        // The "b" recipients wait, deferred, until the commands are given: something to remove.
        mx.defer("m" + i + "-b@other.test");
        ids.add(send(relay, "m" + i + "-a@dest.test", "m" + i + "-b@other.test"));
        if (i >= 2) { // a message that is queued or being delivered right now
          replies.add(first(cli, plan(i - 2), ids.get(i - 2)));
        }
      }
      for (int i = MESSAGES - 2; i < MESSAGES; i++) {
        replies.add(first(cli, plan(i), ids.get(i)));
      }
      mx.deferNone();
      replies.add(command(cli, "flush"));
      for (int i = 0; i < MESSAGES; i++) {
        String second =
            switch (plan(i)) {
              case HOLD_THEN_RELEASE -> "release";
              case HOLD_THEN_DELETE -> "delete";
              case HOLD_THEN_BOUNCE -> "bounce";
              default -> null;
            };
        if (second != null) {
          replies.add(command(cli, second, ids.get(i)));
        }
      }

      long deadline = System.nanoTime() + DRAIN.toNanos();
      while (!relay.queued().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(List.of(), relay.queued(), "the queue drains within " + DRAIN);

      Map<String, Integer> inDsns = new HashMap<>();
      for (ReceivingMx.Received dsn : mx.dsns()) {
        Matcher named = FINAL_RECIPIENT.matcher(dsn.text());
        while (named.find()) {
          inDsns.merge(named.group(1), 1, Integer::sum);
        }
      }
      int removedWhilePending = 0;
      for (int i = 0; i < MESSAGES; i++) {
        for (String rcpt : List.of("m" + i + "-a@dest.test", "m" + i + "-b@other.test")) {
          long delivered = mx.deliveriesTo(rcpt);
          int returned = inDsns.getOrDefault(rcpt, 0);
          String what =
              rcpt + " (" + plan(i) + "): delivered " + delivered + ", in DSNs " + returned;
          assertTrue(delivered <= 1, what);
          switch (plan(i)) {
            case UNTOUCHED, HOLD_THEN_RELEASE -> assertTrue(delivered == 1 && returned == 0, what);
            case DELETE, HOLD_THEN_DELETE -> assertEquals(0, returned, what);
            case BOUNCE, HOLD_THEN_BOUNCE -> assertEquals(1, delivered + returned, what);
          }
          removedWhilePending += delivered == 0 ? 1 : 0;
        }
      }
      assertTrue(removedWhilePending > 0, "some commands came before delivery: " + replies);
      // The test's DNS is a closed port: only the start-up DNSSEC self-check may complain.
      List<String> errors =
          logs.events().stream()
              .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
              .filter(e -> !e.getLoggerName().endsWith("DnssecStartupCheck"))
              .map(e -> e.getFormattedMessage())
              .toList();
      assertEquals(List.of(), errors);
    }
  }

  private static Plan plan(int i) {
    return Plan.values()[i % Plan.values().length];
  }

  /** The plan's first command: hold, delete or bounce; nothing for untouched messages. */
  private static String first(QueueCli cli, Plan plan, String id) {
    return switch (plan) {
      case UNTOUCHED -> "";
      case HOLD_THEN_RELEASE, HOLD_THEN_DELETE, HOLD_THEN_BOUNCE -> command(cli, "hold", id);
      case DELETE -> command(cli, "delete", id);
      case BOUNCE -> command(cli, "bounce", id);
    };
  }

  /** Runs a command; it succeeds, or finds its message already delivered and gone. */
  private static String command(QueueCli cli, String... args) {
    QueueCli.Result result = cli.run(args);
    if (result.exit() != 0) {
      assertEquals("danerelay: no message " + args[1] + "\n", result.err(), List.of(args) + "");
    }
    return result.out() + result.err();
  }

  private static String send(RelayFixture relay, String... recipients) throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply =
          client.sendMail("alice@origin.test", "Subject: load\r\n\r\nhello\r\n", recipients);
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
      return reply.substring(reply.lastIndexOf(' ') + 1);
    }
  }
}
