package org.danerelay.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real receiving SMTP server on a free loopback port (SubEthaSMTP, no STARTTLS) that keeps every
 * message it accepts, answers 451 for recipients it is told to defer, and can hold a delivery in
 * DATA until the test lets it end, so that a test can act while an attempt is in flight.
 */
public final class ReceivingMx implements AutoCloseable {

  /** One accepted message: the envelope and the content as received. */
  public record Received(String sender, List<String> recipients, String text) {}

  private static final long GATE_SECONDS = 30;

  private final SMTPServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> deferred = ConcurrentHashMap.newKeySet();
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile boolean deferAtGate;
  private volatile long dataMillis;

  public ReceivingMx() {
    server =
        SMTPServer.port(0)
            .bindAddress(InetAddress.getLoopbackAddress())
            .hostName("mx.test")
            .softwareName("ReceivingMx")
            .messageHandlerFactory(Transaction::new)
            .build();
    server.start();
  }

  public int port() {
    return server.getPortAllocated();
  }

  /** A {@code delivery.routes} file that sends every one of {@code domains} here. */
  public Path routesFile(Path folder, String... domains) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String domain : domains) {
      lines.add(domain + " [127.0.0.1]:" + port());
    }
    return Files.write(folder.resolve("routes"), lines);
  }

  /** Answers {@code 451 4.3.2} to RCPT for these recipients from now on. */
  public void defer(String... recipients) {
    deferred.addAll(List.of(recipients));
  }

  /** Accepts every recipient again. */
  public void deferNone() {
    deferred.clear();
  }

  /** Holds each following DATA, after its content arrived and before the reply, until opened. */
  public void closeGate() {
    gate = new CountDownLatch(1);
  }

  /** Ends the held DATA phases: each is accepted, or answered {@code 451 4.3.2} if deferring. */
  public void openGate(boolean defer) {
    deferAtGate = defer;
    gate.countDown();
  }

  /** Takes this long over each DATA before replying, so that attempts overlap with a test. */
  public void slowDown(Duration perMessage) {
    dataMillis = perMessage.toMillis();
  }

  /** How many deliveries wait at the closed gate now. */
  public int waitingAtGate() {
    return waiting.get();
  }

  /** Everything accepted so far. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** How many accepted messages named {@code recipient} in their envelope. */
  public long deliveriesTo(String recipient) {
    return received.stream().filter(r -> r.recipients().contains(recipient)).count();
  }

  /** The accepted messages from the null sender: DSNs. */
  public List<Received> dsns() {
    return received.stream().filter(r -> r.sender().isEmpty()).toList();
  }

  @Override
  public void close() {
    gate.countDown();
    server.stop();
  }

  private final class Transaction implements MessageHandler {
    private final List<String> recipients = new ArrayList<>();
    private String sender;

    Transaction(MessageContext context) {}

    @Override
    public void from(String from) {
      sender = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      if (deferred.contains(recipient)) {
        throw new RejectException(451, "4.3.2 <" + recipient + ">: try again later");
      }
      recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws IOException, RejectException {
      String text = new String(data.readAllBytes(), StandardCharsets.ISO_8859_1);
      pause(dataMillis);
      CountDownLatch now = gate;
      if (now.getCount() > 0) {
        waiting.incrementAndGet();
        try {
          now.await(GATE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          waiting.decrementAndGet();
        }
        if (deferAtGate) {
          throw new RejectException(451, "4.3.2 held at the gate, try again later");
        }
      }
      received.add(new Received(sender == null ? "" : sender, List.copyOf(recipients), text));
      return null;
    }

    @Override
    public void done() {}
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
