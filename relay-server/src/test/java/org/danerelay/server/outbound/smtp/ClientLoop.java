package org.danerelay.server.outbound.smtp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.server.config.SmtpTimeouts;

/**
 * The SMTP client as the client tests run it: an event loop and an {@link SmtpDelivery} on it, with
 * 5 s limits per phase, plus the one-recipient message most tests send.
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

  private ClientLoop(int threads, ConnectionReuse reuse) {
    group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    delivery =
        new SmtpDelivery(group, SmtpTimeouts.all(Duration.ofSeconds(5)), Clock.systemUTC(), reuse);
  }

  /** Every message on its own connection. */
  static ClientLoop start() {
    return new ClientLoop(1, ConnectionReuse.off());
  }

  static ClientLoop start(ConnectionReuse reuse) {
    return new ClientLoop(2, reuse);
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
