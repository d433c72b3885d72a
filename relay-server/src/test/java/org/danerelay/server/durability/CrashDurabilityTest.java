package org.danerelay.server.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueueSettings;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md, Durability: "A 250 after DATA means the message and all its recipients are committed
 * to disk and survive kill -9 of the relay at any instant." The relay runs as a child JVM under
 * four SMTP clients and is killed at a random moment; after the restart every message a client saw
 * acknowledged must be queued with all its recipients and its body. Duplicates are allowed, losses
 * are not.
 *
 * <p>Replay a failure with {@code -Dcrash.seed=SEED} (every assertion message names the seed; the
 * seed fixes the kill moments, the scheduler still varies what is in flight at them).
 */
class CrashDurabilityTest {

  private static final int CLIENTS = 4;
  private static final int ROUNDS = 3;
  private static final int MIN_KILL_DELAY_MS = 200;
  private static final int MAX_KILL_DELAY_MS = 1500;
  private static final Duration FIRST_ACKNOWLEDGEMENT_WAIT = Duration.ofSeconds(20);
  private static final Duration READY = Duration.ofSeconds(60);
  private static final Duration KILLED = Duration.ofSeconds(10);
  private static final Duration TERMINATED = Duration.ofSeconds(20);
  private static final Duration CLIENTS_STOPPED = Duration.ofSeconds(15);

  @TempDir Path folder;

  private final long seed = Long.getLong("crash.seed", System.nanoTime());
  private final Random random = new Random(seed);
  private final List<RelayProcess> children = new ArrayList<>();
  private final List<MailLoad> loads = new ArrayList<>();
  private RelayHome home;

  @BeforeEach
  void createHome() throws IOException {
    home = RelayHome.create(folder);
    System.out.println("crash.seed=" + seed);
  }

  @AfterEach
  void killEveryChild() {
    children.forEach(RelayProcess::close);
    loads.forEach(MailLoad::close);
  }

  @Test
  @Timeout(120)
  void everyAcknowledgedMessageSurvivesKillDashNineUnderLoadThreeTimesOver() throws Exception {
    long began = System.nanoTime();
    List<AcknowledgedMessage> acknowledged = new ArrayList<>();
    RelayProcess relay = startRelay();
    for (int round = 1; round <= ROUNDS; round++) {
      relay = killUnderLoadAndRestart(round, relay, acknowledged);
    }
    System.out.printf("%d rounds in %d ms%n", ROUNDS, (System.nanoTime() - began) / 1_000_000);
  }

  /** One round: load, SIGKILL, restart, audit everything acknowledged so far. */
  private RelayProcess killUnderLoadAndRestart(
      int round, RelayProcess relay, List<AcknowledgedMessage> acknowledged) throws Exception {
    MailLoad load = startLoad("r" + round, relay);
    int delay = killDelay();
    Thread.sleep(delay);
    int exit = relay.kill(KILLED);
    load.stop(CLIENTS_STOPPED);
    String when = "round " + round + ", SIGKILL " + delay + " ms into the load, " + seedNote();
    assertEquals(RelayProcess.SIGKILL_EXIT, exit, "destroyForcibly() is SIGKILL; " + when);
    List<AcknowledgedMessage> acknowledgedNow = load.acknowledged();
    assertFalse(
        acknowledgedNow.isEmpty(),
        () -> "nothing acknowledged, so the round proves nothing; " + when + "; " + load.summary());
    acknowledged.addAll(acknowledgedNow);

    RelayProcess restarted = startRelay();
    List<String> lost = QueueAudit.losses(acknowledged, QueueListing.of(home), this::spoolFile);
    int total = acknowledged.size();
    assertTrue(
        lost.isEmpty(),
        () -> lostMessage(lost, total) + " after " + when + "; output:\n" + restarted.output());
    // Not a loss, the spool file is the record; but WRITE_DELAY=0 should keep committed rows.
    Set<String> reimported = restarted.reimported();
    long acknowledgedReimported =
        acknowledgedNow.stream().filter(m -> reimported.contains(m.queueId())).count();
    System.out.printf(
        "%s: %s; %d acknowledged in all; re-imported at restart: %d, acknowledged among them: %d%n",
        when, load.summary(), total, reimported.size(), acknowledgedReimported);
    return restarted;
  }

  @Test
  @Timeout(60)
  void stopsWithinTwentySecondsOnSigtermUnderLoadAndKeepsEveryAcknowledgedMessage()
      throws Exception {
    RelayProcess relay = startRelay();
    MailLoad load = startLoad("term", relay);
    int delay = killDelay();
    Thread.sleep(delay);
    long signalled = System.nanoTime();
    int exit = relay.terminate(TERMINATED);
    long stopMillis = (System.nanoTime() - signalled) / 1_000_000;
    load.stop(CLIENTS_STOPPED);
    String when = "SIGTERM " + delay + " ms into the load, " + seedNote();
    assertTrue(
        exit == 0 || exit == RelayProcess.SIGTERM_EXIT,
        () -> "exit " + exit + " after " + when + "; relay output:\n" + relay.output());
    assertTrue(
        relay.output().contains("DaneRelay stopped"),
        () -> "the shutdown hook did not finish; relay output:\n" + relay.output());
    List<AcknowledgedMessage> acknowledged = load.acknowledged();
    assertFalse(acknowledged.isEmpty(), () -> "nothing acknowledged; " + when + load.summary());

    // The relay is gone, so the test opens the queue itself, as the next start would.
    QueueSettings settings =
        new QueueSettings(home.dataDir().resolve("queue"), null, Clock.systemUTC());
    List<String> lost;
    try (MessageQueue queue = MessageQueue.open(settings)) {
      lost = QueueAudit.losses(acknowledged, recipientsById(queue), id -> body(queue, id));
    }
    assertTrue(lost.isEmpty(), () -> lostMessage(lost, acknowledged.size()) + " after " + when);
    System.out.printf("%s: exit %d after %d ms; %s%n", when, exit, stopMillis, load.summary());
  }

  private RelayProcess startRelay() throws IOException, InterruptedException {
    long began = System.nanoTime();
    RelayProcess relay = RelayProcess.start(home);
    children.add(relay);
    relay.awaitReady(READY);
    System.out.printf(
        "relay ready in %d ms with %d messages%n",
        (System.nanoTime() - began) / 1_000_000, relay.queuedAtStart());
    return relay;
  }

  /**
   * Starts the load and returns once the relay acknowledged its first message: the kill delay
   * counts from there, as a cold relay's first commit can take longer than the shortest delay.
   */
  private MailLoad startLoad(String label, RelayProcess relay) throws InterruptedException {
    MailLoad load = MailLoad.start(label, relay.port(), home.relayCertificate(), CLIENTS);
    loads.add(load);
    assertTrue(
        load.awaitFirstAcknowledged(FIRST_ACKNOWLEDGEMENT_WAIT),
        () ->
            "no message acknowledged within " + FIRST_ACKNOWLEDGEMENT_WAIT + "; " + load.summary());
    return load;
  }

  private int killDelay() {
    return MIN_KILL_DELAY_MS + random.nextInt(MAX_KILL_DELAY_MS - MIN_KILL_DELAY_MS + 1);
  }

  private String seedNote() {
    return "seed " + seed + " (replay with -Dcrash.seed=" + seed + ")";
  }

  private String lostMessage(List<String> lost, int total) {
    return String.format("lost %d of %d acknowledged messages: %s", lost.size(), total, lost);
  }

  // Committed spool files are never rewritten, so reading one beside the live relay is safe.
  private String spoolFile(String queueId) throws IOException {
    return Files.readString(home.spoolFile(queueId), StandardCharsets.ISO_8859_1);
  }

  private static Map<String, List<String>> recipientsById(MessageQueue queue) {
    return queue.list().stream()
        .collect(
            Collectors.toMap(
                QueuedMessage::id,
                message -> message.recipients().stream().map(QueuedRecipient::address).toList()));
  }

  private static String body(MessageQueue queue, String queueId) throws IOException {
    try (InputStream in = queue.openBody(queueId)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
