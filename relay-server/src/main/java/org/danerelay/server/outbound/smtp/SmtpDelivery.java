package org.danerelay.server.outbound.smtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.verify.WebPkiVerifier;
import org.danerelay.server.config.SmtpTimeouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one delivery attempt over SMTP: connects to the attempt's address, enforces its {@code
 * TlsRequirement} ("policy decides, transport executes") and reports an outcome per recipient.
 *
 * <p>The event loop group belongs to the caller, who shuts it down; create it with {@code new
 * MultiThreadIoEventLoopGroup(NioIoHandler.newFactory())}. One instance serves any number of
 * concurrent attempts. The returned future always completes normally: every failure, down to a
 * refused connection, is an outcome. It completes on an event loop thread, so dependent stages must
 * not block; cancelling it does not stop the attempt (every phase is bounded by {@link
 * SmtpTimeouts}).
 */
public final class SmtpDelivery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SmtpDelivery.class);

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

  private final EventLoopGroup group;
  private final SmtpTimeouts timeouts;
  private final Clock clock;
  private final ConnectionReuse reuse;
  private final ConnectionCache cache;
  private final TlsContexts tlsContexts;
  private final WebPkiVerifier webPki;

  /**
   * Messages for the same host and {@code TlsRequirement} may share a connection.
   *
   * @param webPki judges MX certificates under MTA-STS policies ({@code mta-sts.trust-store})
   */
  public SmtpDelivery(
      EventLoopGroup group,
      SmtpTimeouts timeouts,
      Clock clock,
      ConnectionReuse reuse,
      WebPkiVerifier webPki) {
    this.group = Objects.requireNonNull(group, "group");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reuse = Objects.requireNonNull(reuse, "reuse");
    this.cache = new ConnectionCache(reuse.maxIdle());
    this.webPki = Objects.requireNonNull(webPki, "webPki");
    this.tlsContexts = new TlsContexts(clock, webPki);
  }

  /**
   * Delivers {@code body} to the envelope's recipients through the attempt's host, on an idle
   * connection made earlier for the same host and requirement when there is one.
   *
   * @param heloName the name this relay gives in EHLO/HELO
   */
  public CompletableFuture<AttemptResult> deliver(
      Attempt attempt, DeliveryEnvelope envelope, MessageBody body, String heloName) {
    return deliver(attempt, envelope, body, heloName, ConnectionSteps.NONE);
  }

  /**
   * Like {@link #deliver(Attempt, DeliveryEnvelope, MessageBody, String)}, telling {@code steps}.
   */
  public CompletableFuture<AttemptResult> deliver(
      Attempt attempt,
      DeliveryEnvelope envelope,
      MessageBody body,
      String heloName,
      ConnectionSteps steps) {
    SessionSpec spec = new SessionSpec(attempt, heloName, timeouts);
    MailTransaction transaction = new MailTransaction(envelope, body);
    SmtpClientSession idle = reuse.enabled() ? cache.take(SessionKey.of(attempt, heloName)) : null;
    if (idle != null) {
      idle.reuse(transaction, steps, stale -> connect(spec, stale, steps));
    } else {
      connect(spec, transaction, steps);
    }
    return transaction.result().whenComplete((done, error) -> logLine(attempt, done));
  }

  /** Ends the idle connections with QUIT; messages in flight are not affected. */
  @Override
  public void close() {
    for (SmtpClientSession idle : cache.drain()) {
      // Bounded: a peer that does not take our QUIT must not hold up the shutdown.
      idle.retire().awaitUninterruptibly(CLOSE_WAIT.toMillis());
    }
  }

  private void connect(SessionSpec spec, MailTransaction transaction, ConnectionSteps steps) {
    Attempt attempt = spec.attempt();
    steps.connecting();
    ClientTls clientTls = ClientTls.forAttempt(attempt, tlsContexts, webPki, clock);
    ReuseSlot slot =
        reuse.enabled()
            ? new ReuseSlot(cache, SessionKey.of(attempt, spec.heloName()), reuse)
            : null;
    InetSocketAddress peer = new InetSocketAddress(attempt.address(), attempt.port());
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeouts.connect().toMillis())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    SmtpReplyDecoder decoder = new SmtpReplyDecoder();
                    channel
                        .pipeline()
                        .addLast("replies", decoder)
                        .addLast("content", new ChunkedWriteHandler())
                        .addLast(
                            "session",
                            new SmtpClientSession(spec, clientTls, decoder, transaction, slot));
                  }
                });
    bootstrap
        .connect(peer)
        .addListener(
            connected -> {
              if (!connected.isSuccess()) {
                String reason = "cannot connect to " + describe(peer) + ": " + connected.cause();
                transaction.result().complete(refused(transaction.envelope(), reason));
              }
            });
  }

  /** RFC 3463 4.4.1: no answer from host; the next MX host may answer. */
  private static AttemptResult refused(DeliveryEnvelope envelope, String reason) {
    return new AttemptResult(
        envelope.recipients().stream()
            .map(r -> (RecipientOutcome) new RecipientOutcome.Deferred(r, "4.4.1", reason))
            .toList(),
        Optional.empty(),
        Optional.of("4.4.1 " + reason),
        Optional.empty(),
        Optional.empty(),
        false,
        0,
        Optional.empty());
  }

  // DANE-RULES 7: one line per attempt with host, address, (DNSSEC), TLS, (DANE) and the reply.
  private static void logLine(Attempt attempt, AttemptResult result) {
    if (result != null) {
      log.info(
          "{}[{}]:{}{} {}",
          attempt.mxHost().toString(true),
          attempt.address().getHostAddress(),
          attempt.port(),
          attempt.dnssecMx() ? " (DNSSEC)" : "",
          result.summary());
    }
  }

  private static String describe(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
