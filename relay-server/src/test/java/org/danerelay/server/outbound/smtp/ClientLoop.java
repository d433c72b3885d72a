package org.danerelay.server.outbound.smtp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.verify.WebPkiVerifier;
import org.danerelay.server.config.SmtpTimeouts;
import org.danerelay.server.testing.TestPki;

/**
 * The SMTP client as the client tests run it: an event loop and an {@link SmtpDelivery} on it, with
 * 5 s limits per phase, plus the one-recipient message most tests send. MX certificates under
 * MTA-STS are judged against the roots the test gives, else against a root no server uses.
 */
final class ClientLoop implements AutoCloseable {

  /** One recipient, from {@code sender@relay.test}. */
  static final DeliveryEnvelope ONE =
      new DeliveryEnvelope("sender@relay.test", List.of("alice@dest.example"));

  /** Three lines: what {@link ScriptedSmtpPeer#oneMessage} expects. */
  static final byte[] MESSAGE =
      "Subject: test\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

  private final EventLoopGroup group;
  private final SmtpDelivery delivery;

  private ClientLoop(int threads, ConnectionReuse reuse, Duration limit, WebPkiVerifier webPki) {
    group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    delivery = new SmtpDelivery(group, SmtpTimeouts.all(limit), Clock.systemUTC(), reuse, webPki);
  }

  /** Every message on its own connection. */
  static ClientLoop start() {
    return new ClientLoop(1, ConnectionReuse.off(), Duration.ofSeconds(5), unusedRoot());
  }

  static ClientLoop start(ConnectionReuse reuse) {
    return new ClientLoop(2, reuse, Duration.ofSeconds(5), unusedRoot());
  }

  /** Every phase limited to {@code limit}. */
  static ClientLoop impatient(Duration limit) {
    return new ClientLoop(1, ConnectionReuse.off(), limit, unusedRoot());
  }

  /** MX certificates under MTA-STS judged against {@code roots}. */
  static ClientLoop trusting(X509Certificate... roots) {
    return new ClientLoop(
        1, ConnectionReuse.off(), Duration.ofSeconds(5), new WebPkiVerifier(List.of(roots)));
  }

  private static WebPkiVerifier unusedRoot() {
    try {
      return new WebPkiVerifier(List.of(TestPki.ca("unused root", TestPki.ecKeys())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  EventLoopGroup group() {
    return group;
  }

  /** Delivers {@code body} and waits for the result, at most 30 s. */
  AttemptResult deliver(Attempt attempt, DeliveryEnvelope envelope, byte[] body) throws Exception {
    return delivery
        .deliver(attempt, envelope, MessageBody.of(body), "relay.test")
        .get(30, TimeUnit.SECONDS);
  }

  /** {@link #MESSAGE} to {@link #ONE}. */
  AttemptResult deliver(Attempt attempt) throws Exception {
    return deliver(attempt, ONE, MESSAGE);
  }

  @Override
  public void close() throws Exception {
    delivery.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
  }
}
