package org.danerelay.server.durability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danerelay.server.testing.SmtpTestClient;

/**
 * Client threads that send unique messages to the relay in a loop until stopped, and remember every
 * message the relay acknowledged. A connection that dies (the relay was killed) is expected: the
 * client counts it and connects again.
 */
final class MailLoad implements AutoCloseable {

  private static final Pattern QUEUED =
      Pattern.compile("250 2\\.0\\.0 Ok: queued as ([0-9A-HJKMNP-TV-Z]{16})");
  private static final String SENDER = "load@client.test";

  /** No load runs longer than this, stopped or not. */
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private static final Duration GREETING_WAIT = Duration.ofSeconds(10);
  private static final long RECONNECT_PAUSE_MS = 20;
  private static final int KEPT_SAMPLES = 5;
  private static final long CLOSE_WAIT_MS = 5_000;

  private final String label;
  private final int port;
  private final Path certificate;
  private final long startNanos = System.nanoTime();
  private final List<Thread> clients = new ArrayList<>();
  private final Queue<AcknowledgedMessage> acknowledged = new ConcurrentLinkedQueue<>();
  private final Queue<String> unverifiable = new ConcurrentLinkedQueue<>();
  private final Queue<String> oddReplies = new ConcurrentLinkedQueue<>();
  private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final CountDownLatch greeted;
  private final CountDownLatch firstAcknowledged = new CountDownLatch(1);
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger connectionsLost = new AtomicInteger();
  private volatile boolean stopped;

  private MailLoad(String label, int port, Path certificate, int count) {
    this.greeted = new CountDownLatch(count);
    this.label = label;
    this.port = port;
    this.certificate = certificate;
  }

  /**
   * Starts {@code count} clients and returns once each has been greeted and said EHLO, so that the
   * caller's clock starts with the first MAIL FROM. {@code label} keeps tokens unique in a test.
   */
  static MailLoad start(String label, int port, Path certificate, int count)
      throws InterruptedException {
    MailLoad load = new MailLoad(label, port, certificate, count);
    for (int i = 0; i < count; i++) {
      int client = i;
      Thread thread = new Thread(() -> load.run(client), "mail-load-" + label + "-" + client);
      thread.setDaemon(true);
      load.clients.add(thread);
    }
    load.clients.forEach(Thread::start);
    if (!load.greeted.await(GREETING_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      load.close();
      throw new AssertionError(
          "clients not greeted within " + GREETING_WAIT + "; " + load.summary());
    }
    return load;
  }

  /**
   * Stops the clients and waits for them.
   *
   * @throws AssertionError if a client is still running after {@code timeout}, failed with anything
   *     but an I/O error, or read a 250 without a queue id
   */
  void stop(Duration timeout) throws InterruptedException {
    stopped = true;
    long end = System.nanoTime() + timeout.toNanos();
    for (Thread client : clients) {
      client.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
    }
    List<String> stuck = clients.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    clients.forEach(Thread::interrupt);
    if (!stuck.isEmpty()) {
      throw new AssertionError("clients still running " + timeout + " after stop: " + stuck);
    }
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError("a load client failed", failures.peek());
      failures.stream().skip(1).forEach(error::addSuppressed);
      throw error;
    }
    if (!unverifiable.isEmpty()) {
      throw new AssertionError("250 replies without a queue id: " + unverifiable);
    }
  }

  /** Stops the clients without judging them (clean-up after a failed test). Never throws. */
  @Override
  public void close() {
    stopped = true;
    clients.forEach(Thread::interrupt);
    try {
      for (Thread client : clients) {
        client.join(CLOSE_WAIT_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until the relay has acknowledged a message, so that a kill after it always has something
   * to prove; false if none came within {@code wait}.
   */
  boolean awaitFirstAcknowledged(Duration wait) throws InterruptedException {
    return firstAcknowledged.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The messages acknowledged with {@code 250 2.0.0 Ok: queued as ID}, in no fixed order. */
  List<AcknowledgedMessage> acknowledged() {
    return List.copyOf(acknowledged);
  }

  /** Counts and sample replies, for reports and failure messages. */
  String summary() {
    return String.format(
        "%d acknowledged, %d refused, %d connections lost; unexpected replies: %s",
        acknowledged.size(),
        refused.get(),
        connectionsLost.get(),
        oddReplies.stream().limit(KEPT_SAMPLES).toList());
  }

  private void run(int client) {
    int sequence = 0;
    boolean first = true;
    while (running()) {
      try (SmtpTestClient smtp = SmtpTestClient.connect(port, certificate)) {
        expect(smtp.hello(), "250");
        if (first) {
          greeted.countDown();
          first = false;
        }
        while (running()) {
          send(smtp, LoadMessage.of(label, client, sequence++, SENDER));
        }
      } catch (IOException e) {
        connectionsLost.incrementAndGet(); // the relay died or dropped us: connect again
        pause();
      } catch (RuntimeException | Error e) {
        failures.add(e);
        return;
      }
    }
  }

  private boolean running() {
    return !stopped && System.nanoTime() - startNanos < LIMIT.toNanos();
  }

  private void send(SmtpTestClient smtp, LoadMessage message) throws IOException {
    expect(smtp.command("MAIL FROM:<" + SENDER + ">"), "250");
    for (String recipient : message.recipients()) {
      expect(smtp.command("RCPT TO:<" + recipient + ">"), "250");
    }
    expect(smtp.command("DATA"), "354");
    smtp.send(message.body() + "\r\n.\r\n");
    String reply = smtp.reply();
    if (reply == null) {
      throw new IOException("connection closed before the reply to DATA");
    }
    Matcher queued = QUEUED.matcher(reply);
    if (queued.matches()) {
      acknowledged.add(
          new AcknowledgedMessage(queued.group(1), message.token(), message.recipients()));
      firstAcknowledged.countDown();
    } else if (reply.startsWith("2")) {
      unverifiable.add(reply);
    } else {
      refused.incrementAndGet(); // allowed: never acknowledged, so the client would retry
      expect(reply, "4"); // a 5xx is not what a crash or a shutdown should produce
    }
  }

  // SmtpTestClient answers null once the relay has closed the connection.
  private void expect(String reply, String code) throws IOException {
    if (reply == null) {
      throw new IOException("connection closed by the relay");
    }
    if (!reply.startsWith(code)) {
      if (oddReplies.size() < KEPT_SAMPLES) {
        oddReplies.add(reply);
      }
      throw new IOException("expected a reply starting " + code + ", got: " + reply);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(RECONNECT_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
