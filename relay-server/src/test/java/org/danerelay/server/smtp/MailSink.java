package org.danerelay.server.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The next hop for fault tests: a real SMTP server on a free loopback port that keeps what came.
 */
final class MailSink implements AutoCloseable {

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final SMTPServer server;

  MailSink() {
    server =
        SMTPServer.port(0)
            .bindAddress(InetAddress.getLoopbackAddress())
            .hostName("sink.test")
            .softwareName("MailSink")
            .messageHandlerFactory(Transaction::new)
            .build();
    server.start();
  }

  int port() {
    return server.getPortAllocated();
  }

  /** The messages received so far, once {@code count} have come or {@code wait} has passed. */
  List<String> awaitReceived(int count, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Transaction implements MessageHandler {
    Transaction(MessageContext context) {}

    @Override
    public void from(String from) {}

    @Override
    public void recipient(String recipient) {}

    @Override
    public String data(InputStream data) throws IOException {
      received.add(new String(data.readAllBytes(), StandardCharsets.ISO_8859_1));
      return null;
    }

    @Override
    public void done() {}
  }
}
