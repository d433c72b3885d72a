package org.danerelay.server.outbound.smtp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.server.outbound.DaneFailure;

/**
 * The client side of one SMTP connection: greeting, EHLO (HELO after a 5xx), STARTTLS as the {@link
 * TlsRequirement} demands, then one mail transaction after another (MAIL, RCPT, DATA, pipelined
 * when the server offers PIPELINING), and QUIT.
 *
 * <p>After a message the connection may wait in the {@link ConnectionCache} for the next message
 * with the same {@link SessionKey}; a reused connection is checked with RSET first, and if it turns
 * out to be gone the message is handed back to be sent on a new connection, none the worse.
 *
 * <p>Over 400 lines, knowingly: a connection's phases (opening, TLS, transactions, idle, reuse,
 * closing) share one phase variable, one timer and one set of error paths, and every error path
 * must settle the message in hand exactly once; split across handlers, that guarantee would be
 * spread across them too. The pieces with a concern of their own live in their own types: reply
 * decoding ({@link SmtpReplyDecoder}), TLS set-up and verification ({@link ClientTls}), the
 * envelope exchange and PIPELINING ({@link EnvelopeExchange}), recipients ({@link
 * RecipientLedger}), content ({@link ContentTransfer}) and idle connections ({@link
 * ConnectionCache}). Runs on its channel's event loop only.
 */
final class SmtpClientSession extends SimpleChannelInboundHandler<SmtpReply> {

  static final String END_OF_DATA = "end of DATA";
  private static final String TLS_STATUS = "4.7.5"; // RFC 7672 / DANE-RULES 6: TLS, DANE trouble
  private static final String STARTTLS_NOT_SUPPORTED = "starttls-not-supported"; // RFC 8460 4.3.1
  private static final String NETWORK_STATUS = "4.4.2"; // RFC 3463: bad connection

  private enum Phase {
    GREETING,
    EHLO,
    HELO,
    STARTTLS,
    TLS_HANDSHAKE,
    EHLO_AFTER_TLS,
    RSET,
    ENVELOPE,
    CONTENT,
    END_OF_DATA,
    IDLE,
    QUIT,
    DONE
  }

  private final SessionSpec spec;
  private final ClientTls clientTls;
  private final SmtpReplyDecoder decoder;
  private final ReuseSlot reuse;
  private final long openedAt = System.nanoTime();
  private ChannelHandlerContext ctx;
  private MailTransaction transaction;
  private EnvelopeExchange exchange;
  private Consumer<MailTransaction> reconnect;
  private Phase phase = Phase.GREETING;
  private ScheduledFuture<?> timer;
  private EhloCapabilities capabilities = EhloCapabilities.NONE;
  private Optional<TlsSession> tls = Optional.empty();
  private String failure;
  private DaneFailure daneFailure;
  private String tlsFailure; // RFC 8460 4.3 result-type, when required TLS was not achieved
  private boolean mayRetryWithoutTls;
  private int uses = 1;

  /**
   * @param first the message this new connection is opened for
   * @param reuse where to park after a message, or null to end every connection with QUIT
   */
  SmtpClientSession(
      SessionSpec spec,
      ClientTls clientTls,
      SmtpReplyDecoder decoder,
      MailTransaction first,
      ReuseSlot reuse) {
    this.spec = spec;
    this.clientTls = clientTls;
    this.decoder = decoder;
    this.transaction = first;
    this.reuse = reuse;
  }

  /**
   * Sends {@code next} on this idle connection, taken from the cache by the caller, and tells
   * {@code steps}; if the connection is no longer usable, {@code fresh} gets the message to send on
   * a new one.
   */
  void reuse(MailTransaction next, ConnectionSteps steps, Consumer<MailTransaction> fresh) {
    ctx.executor()
        .execute(
            () -> {
              if (phase != Phase.IDLE || !ctx.channel().isActive()) {
                fresh.accept(next);
                return;
              }
              transaction = next;
              reconnect = fresh;
              uses++;
              steps.reusing(uses);
              send("RSET", Phase.RSET); // Postfix's check that a cached connection still works
            });
  }

  /**
   * Ends this idle connection for shutdown, after the cache handed it over: QUIT, then close
   * without waiting for the 221, since the event loop is about to stop.
   *
   * @return completes when the connection is closed
   */
  ChannelFuture retire() {
    ctx.executor()
        .execute(
            () -> {
              if (phase == Phase.IDLE) {
                disarm();
                phase = Phase.DONE;
                ctx.writeAndFlush(Unpooled.copiedBuffer("QUIT\r\n", StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE);
              }
            });
    return ctx.channel().closeFuture();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelActive(ChannelHandlerContext context) throws Exception {
    arm(spec.timeouts().greeting(), "the greeting");
    super.channelActive(context);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, SmtpReply reply) {
    disarm();
    switch (phase) {
      case GREETING -> onGreeting(reply);
      case EHLO -> onEhlo(reply);
      case HELO -> onHelo(reply);
      case STARTTLS -> onStartTls(reply);
      case TLS_HANDSHAKE ->
          abort(TLS_STATUS, "response injection: reply before the TLS handshake: " + reply);
      case EHLO_AFTER_TLS -> onEhloAfterTls(reply);
      case RSET -> onRset(reply);
      case ENVELOPE -> onEnvelope(reply);
      case CONTENT -> abort("4.5.0", "reply while the content was being sent: " + reply);
      case END_OF_DATA -> {
        transaction.ledger().dataReply(reply, END_OF_DATA);
        transactionEnded(reply);
      }
      case IDLE -> unpark(); // e.g. the server's own 421 timeout notice: this one is done
      case QUIT -> finish();
      case DONE -> {} // after an abort, the decoder may still hand over what was buffered
    }
  }

  private void onGreeting(SmtpReply reply) {
    if (reply.code() == 220) {
      send("EHLO " + spec.heloName(), Phase.EHLO);
    } else {
      // RFC 5321 3.1: a 554 greeting means no service here; another MX host may serve.
      failHost("4.4.0", "greeting refused: " + reply, true);
    }
  }

  private void onEhlo(SmtpReply reply) {
    if (reply.isPositive()) {
      capabilities = EhloCapabilities.parse(reply);
      afterHello();
    } else if (reply.isPermanent()) {
      send("HELO " + spec.heloName(), Phase.HELO); // RFC 5321 3.2: fall back on 5xx
    } else {
      failHost(statusOf(reply), "EHLO: " + reply, true);
    }
  }

  private void onHelo(SmtpReply reply) {
    if (reply.isPositive()) {
      capabilities = EhloCapabilities.NONE;
      afterHello();
    } else {
      failHost(statusOf(reply), "HELO: " + reply, true);
    }
  }

  private void afterHello() {
    TlsRequirement requirement = spec.requirement();
    if (requirement instanceof TlsRequirement.PlaintextOnly) {
      beginTransaction();
    } else if (capabilities.offersStartTls()) {
      send("STARTTLS", Phase.STARTTLS);
    } else if (requirement.starttlsMandatory()) {
      daneFailed(DaneFailure.NO_STARTTLS);
      tlsFailure = STARTTLS_NOT_SUPPORTED;
      failHost(TLS_STATUS, "STARTTLS not offered but " + whyTls() + ": not delivered", true);
    } else {
      beginTransaction(); // RFC 7672 2.2: opportunistic, the host offers no STARTTLS
    }
  }

  private void onStartTls(SmtpReply reply) {
    if (reply.code() != 220) {
      if (spec.requirement().starttlsMandatory()) {
        daneFailed(DaneFailure.NO_STARTTLS);
        tlsFailure = STARTTLS_NOT_SUPPORTED;
        failHost(TLS_STATUS, "STARTTLS refused (" + reply + ") but " + whyTls(), true);
      } else {
        beginTransaction(); // RFC 3207 4: refused before any handshake, the session stays usable
      }
      return;
    }
    if (decoder.hasPendingInput()) {
      // DANE-RULES 5: bytes after the 220 and before the handshake are a response injection.
      abort(TLS_STATUS, "response injection: data followed the 220 to STARTTLS");
      return;
    }
    phase = Phase.TLS_HANDSHAKE;
    clientTls
        .upgrade(ctx, spec.timeouts().tlsHandshake())
        .addListener(
            (Future<TlsSession> upgraded) -> {
              if (phase != Phase.TLS_HANDSHAKE) {
                return;
              }
              if (upgraded.isSuccess()) {
                tls = Optional.of(upgraded.getNow());
                send("EHLO " + spec.heloName(), Phase.EHLO_AFTER_TLS); // RFC 3207 4.2
              } else {
                tlsFailed(upgraded.cause());
              }
            });
  }

  private void tlsFailed(Throwable cause) {
    String reason = clientTls.failureReason(cause);
    if (!spec.requirement().starttlsMandatory()) {
      // Opportunistic, or an MTA-STS policy in mode testing (RFC 8461 5: deliver as without one).
      mayRetryWithoutTls = true; // never on this connection: its state is unknown
      abort(TLS_STATUS, reason + "; plaintext may be tried on a new connection");
    } else {
      daneFailed(clientTls.isDaneRefusal(cause) ? DaneFailure.MISMATCH : DaneFailure.HANDSHAKE);
      tlsFailure = clientTls.failureType(cause);
      abort(TLS_STATUS, reason + ": not delivered");
    }
  }

  /** Notes why DANE kept the message from this host, when the attempt required DANE. */
  private void daneFailed(DaneFailure kind) {
    if (spec.requirement() instanceof TlsRequirement.DaneRequired) {
      daneFailure = kind;
    }
  }

  private void onEhloAfterTls(SmtpReply reply) {
    if (reply.isPositive()) {
      capabilities = EhloCapabilities.parse(reply); // RFC 3207 4.2: forget what came before
      beginTransaction();
    } else {
      failHost(statusOf(reply), "EHLO after STARTTLS: " + reply, true);
    }
  }

  private void onRset(SmtpReply reply) {
    if (reply.isPositive()) {
      beginTransaction();
    } else {
      handBack(true);
    }
  }

  private void beginTransaction() {
    DeliveryEnvelope envelope = transaction.envelope();
    Optional<SmtpReply> refusal;
    try {
      refusal =
          OfferCheck.localRefusal(
              envelope, transaction.body(), capabilities, spec.attempt().mxHost().toString(true));
    } catch (IOException e) {
      failHost("4.3.0", "cannot read the message: " + e.getMessage(), true);
      return;
    }
    if (refusal.isPresent()) {
      transaction.ledger().replyToAllOpen(refusal.get(), "MAIL FROM");
      transactionEnded(null);
      return;
    }
    String mail = MailCommand.of(envelope, transaction.body(), capabilities);
    exchange = new EnvelopeExchange(mail, transaction.ledger(), capabilities.has("PIPELINING"));
    sendAll(exchange.start(), Phase.ENVELOPE);
  }

  private void onEnvelope(SmtpReply reply) {
    switch (exchange.onReply(reply)) {
      case SEND -> sendAll(exchange.commands(), Phase.ENVELOPE);
      case AWAIT -> arm(spec.timeouts().command(), "the reply to " + exchange.awaiting());
      case CONTENT -> sendContent();
      case EMPTY_CONTENT -> sendAll(List.of("."), Phase.END_OF_DATA);
      case DONE -> transactionEnded(reply);
    }
  }

  private void sendContent() {
    InputStream content;
    try {
      content = transaction.body().open();
    } catch (IOException e) {
      // The server waits for content; ending the connection is the only clean way out.
      abort("4.3.0", "cannot read the message: " + e.getMessage());
      return;
    }
    phase = Phase.CONTENT;
    Duration block = spec.timeouts().dataBlock();
    arm(block, "progress sending the content");
    ContentTransfer.send(
        ctx,
        content,
        new ContentTransfer.Listener() {
          @Override
          public void progressed() {
            if (phase == Phase.CONTENT) {
              arm(block, "progress sending the content");
            }
          }

          @Override
          public void finished(Throwable failure) {
            if (phase != Phase.CONTENT) {
              return;
            } else if (failure == null) {
              phase = Phase.END_OF_DATA;
              arm(spec.timeouts().dataEnd(), "the reply to the end of DATA");
            } else {
              abort(NETWORK_STATUS, "sending the content failed: " + failure);
            }
          }
        });
  }

  /** The message is settled; park the connection for the next one, or say QUIT. */
  private void transactionEnded(SmtpReply last) {
    MailTransaction done = transaction;
    transaction = null;
    exchange = null;
    boolean parked = mayPark(last) && reuse.cache().park(reuse.key(), this);
    if (parked) {
      phase = Phase.IDLE;
      arm(reuse.limits().idle(), "the next message");
    } else {
      quit();
    }
    // After parking, so that the caller's next message for this host finds the connection.
    done.complete(
        tls, Optional.empty(), Optional.empty(), Optional.empty(), false, uses, sourceAddress());
  }

  private boolean mayPark(SmtpReply last) {
    return reuse != null
        && reuse.limits().enabled()
        && (last == null || last.code() != 421)
        && uses < reuse.limits().maxMessages()
        && System.nanoTime() - openedAt < reuse.limits().maxAge().toNanos()
        && ctx.channel().isActive()
        && !decoder.hasPendingInput();
  }

  /** The idle connection cannot be used any more: out of the cache, and closed unless taken. */
  private void unpark() {
    if (reuse.cache().remove(reuse.key(), this)) {
      finish();
    } else {
      phase = Phase.DONE; // a message took it meanwhile; reuse() sees DONE and reconnects
      ctx.close();
    }
  }

  /** A reused connection failed before its message began: the message goes on a new connection. */
  private void handBack(boolean sayQuit) {
    MailTransaction message = transaction;
    transaction = null;
    if (sayQuit) {
      quit();
    } else {
      finish();
    }
    reconnect.accept(message);
  }

  private void quit() {
    send("QUIT", Phase.QUIT);
  }

  /** Settles the message's open recipients as deferred and ends politely (QUIT) or at once. */
  private void failHost(String status, String reason, boolean sayQuit) {
    if (phase == Phase.RSET) {
      handBack(sayQuit);
      return;
    }
    failure = status + " " + reason;
    if (transaction != null) {
      transaction.ledger().deferOpen(status, reason);
    }
    if (sayQuit) {
      quit();
      completeTransaction();
    } else {
      finish();
    }
  }

  /** Ends the connection at once, sending nothing more. */
  private void abort(String status, String reason) {
    failHost(status, reason, false);
  }

  private void sendAll(List<String> lines, Phase next) {
    phase = next;
    arm(spec.timeouts().command(), "the reply to " + lines.get(0).split("[ :]", 2)[0]);
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append("\r\n"));
    ctx.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII))
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  private void send(String line, Phase next) {
    sendAll(List.of(line), next);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) throws Exception {
    switch (phase) {
      case DONE, QUIT -> finish();
      case IDLE -> unpark();
      case RSET -> handBack(false);
      case TLS_HANDSHAKE -> tlsFailed(new SSLException("connection closed during handshake"));
      case END_OF_DATA -> abort(NETWORK_STATUS, "closed before the reply to the end of DATA");
      default -> abort(NETWORK_STATUS, "connection closed by the server during " + phase);
    }
    super.channelInactive(context);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    switch (phase) {
      case DONE -> {}
      case IDLE -> unpark();
      case RSET -> handBack(false);
      case QUIT -> finish();
      case TLS_HANDSHAKE -> tlsFailed(cause);
      default -> {
        if (cause instanceof MalformedReplyException malformed) {
          abort("4.5.0", "malformed reply during " + phase + ": " + malformed.getMessage());
        } else {
          abort(NETWORK_STATUS, "connection error during " + phase + ": " + cause);
        }
      }
    }
  }

  private void onTimeout(Duration limit, String waitingFor) {
    switch (phase) {
      case QUIT -> finish();
      case IDLE -> {
        if (reuse.cache().remove(reuse.key(), this)) {
          quit();
        }
      }
      case RSET -> handBack(false);
      // RFC 1047: the server may have taken the message; a retry may deliver it twice.
      case END_OF_DATA -> abort(NETWORK_STATUS, "no reply to the end of DATA within " + limit);
      default -> abort(NETWORK_STATUS, "timed out after " + limit + " waiting for " + waitingFor);
    }
  }

  private void finish() {
    if (phase == Phase.DONE) {
      return;
    }
    phase = Phase.DONE;
    disarm();
    completeTransaction();
    ctx.close();
  }

  private void completeTransaction() {
    if (transaction != null) {
      transaction.complete(
          tls,
          Optional.ofNullable(failure),
          Optional.ofNullable(daneFailure),
          Optional.ofNullable(tlsFailure),
          mayRetryWithoutTls,
          uses,
          sourceAddress());
      transaction = null;
    }
  }

  private void arm(Duration limit, String waitingFor) {
    disarm();
    timer =
        ctx.executor()
            .schedule(() -> onTimeout(limit, waitingFor), limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private String whyTls() {
    if (spec.requirement() instanceof TlsRequirement.EncryptRequired encrypt) {
      return "TLS is required (" + encrypt.why() + ")";
    }
    if (spec.requirement() instanceof TlsRequirement.MtaStsEnforce enforce) {
      return "the MTA-STS policy of " + enforce.policy().domain() + " is enforce";
    }
    return "DANE TLSA records exist";
  }

  private static String statusOf(SmtpReply reply) {
    return reply.isTransient() ? reply.enhancedStatus().orElse("4.0.0") : "4.5.0";
  }

  /** This relay's address on the connection, for TLSRPT's sending-mta-ip (RFC 8460 4.4). */
  private Optional<String> sourceAddress() {
    return ctx != null && ctx.channel().localAddress() instanceof InetSocketAddress local
        ? Optional.of(local.getAddress().getHostAddress())
        : Optional.empty();
  }
}
