package org.danerelay.server.verify;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.danerelay.server.tls.SelfSignedCertificate;
import org.danerelay.server.tls.ServerTls;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * A real mailbox server on a free loopback port (SubEthaSMTP) standing in for {@code
 * local.forward}: it knows some mailboxes and refuses every other recipient with {@code 550 5.1.1},
 * answers {@code 451} for chosen ones, and counts what it is asked.
 */
final class MailboxServer implements AutoCloseable {

  /** One message that was really delivered (DATA completed). */
  record Delivered(String sender, List<String> recipients) {}

  private final SMTPServer server;
  private final Set<String> mailboxes;
  private final Set<String> tempFailing;
  private final Duration rcptDelay;
  private final AtomicInteger callouts = new AtomicInteger();
  private final Map<String, AtomicInteger> rcpts = new ConcurrentHashMap<>();
  private final List<Boolean> rcptOverTls = new CopyOnWriteArrayList<>();
  private final List<Delivered> delivered = new CopyOnWriteArrayList<>();

  private MailboxServer(
      Set<String> mailboxes, Set<String> tempFailing, Duration rcptDelay, Optional<ServerTls> tls) {
    this.mailboxes = Set.copyOf(mailboxes);
    this.tempFailing = Set.copyOf(tempFailing);
    this.rcptDelay = rcptDelay;
    SMTPServer.Builder builder =
        SMTPServer.port(0)
            .bindAddress(InetAddress.getLoopbackAddress())
            .hostName("mailbox.test")
            .softwareName("MailboxServer")
            .messageHandlerFactory(Transaction::new)
            .enableTLS(tls.isPresent());
    tls.ifPresent(builder::startTlsSocketFactory);
    server = builder.build();
    server.start();
  }

  /**
   * Knows {@code mailboxes}, answers 451 for {@code tempFailing}, refuses the rest; no STARTTLS.
   */
  static MailboxServer knowing(Set<String> mailboxes, Set<String> tempFailing) {
    return new MailboxServer(mailboxes, tempFailing, Duration.ZERO, Optional.empty());
  }

  /** Like {@link #knowing}, taking {@code delay} before each RCPT reply. */
  static MailboxServer slow(Set<String> mailboxes, Duration delay) {
    return new MailboxServer(mailboxes, Set.of(), delay, Optional.empty());
  }

  /**
   * Like {@link #knowing}, offering STARTTLS with a self-signed certificate made in {@code dir}.
   */
  static MailboxServer withStartTls(Set<String> mailboxes, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    SelfSignedCertificate.generate("mailbox.test", key, cert, Clock.systemUTC());
    ServerTls tls =
        ServerTls.load(
            Optional.of(cert),
            Optional.of(key),
            dir,
            "mailbox.test",
            List.of("TLSv1.3", "TLSv1.2"),
            Clock.systemUTC());
    return new MailboxServer(mailboxes, Set.of(), Duration.ZERO, Optional.of(tls));
  }

  int port() {
    return server.getPortAllocated();
  }

  /** Transactions with the null sender, which is how a callout starts. */
  int callouts() {
    return callouts.get();
  }

  /** RCPT commands naming {@code address}, callouts and deliveries alike. */
  int rcptCount(String address) {
    AtomicInteger count = rcpts.get(address);
    return count == null ? 0 : count.get();
  }

  /** For each RCPT in order, whether it came inside TLS. */
  List<Boolean> rcptOverTls() {
    return List.copyOf(rcptOverTls);
  }

  List<Delivered> delivered() {
    return List.copyOf(delivered);
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Transaction implements MessageHandler {
    private final MessageContext context;
    private final List<String> recipients = new ArrayList<>();
    private String sender;

    Transaction(MessageContext context) {
      this.context = context;
    }

    @Override
    public void from(String from) {
      sender = from;
      if (from.isEmpty()) {
        callouts.incrementAndGet();
      }
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      rcpts.computeIfAbsent(recipient, any -> new AtomicInteger()).incrementAndGet();
      rcptOverTls.add(((Session) context).getSocket() instanceof SSLSocket);
      pause();
      if (tempFailing.contains(recipient)) {
        throw new RejectException(451, "4.3.0 <" + recipient + ">: try again later");
      }
      if (!mailboxes.contains(recipient)) {
        throw new RejectException(550, "5.1.1 <" + recipient + ">: no such user");
      }
      recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws IOException {
      data.transferTo(java.io.OutputStream.nullOutputStream());
      delivered.add(new Delivered(sender, List.copyOf(recipients)));
      return null;
    }

    @Override
    public void done() {}

    private void pause() {
      try {
        Thread.sleep(rcptDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
