package org.danerelay.server.outbound.smtp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.danerelay.dane.policy.TlsRequirement;

/**
 * The client side of one SMTP dialogue, one command at a time (no PIPELINING): greeting, EHLO (HELO
 * after a 5xx), STARTTLS as the {@link TlsRequirement} demands, MAIL, RCPT for each recipient,
 * DATA, QUIT; settles an outcome for every recipient and completes the attempt's future.
 *
 * <p>Over 200 lines because the dialogue is one state machine; the pieces with their own concern
 * (reply decoding, TLS set-up, recipient book-keeping, content encoding) live in their own types.
 */
final class SmtpClientSession extends SimpleChannelInboundHandler<SmtpReply> {

  static final String END_OF_DATA = "end of DATA";
  private static final String TLS_STATUS = "4.7.5"; // RFC 7672 / DANE-RULES 6: TLS, DANE trouble
  private static final String NETWORK_STATUS = "4.4.2"; // RFC 3463: bad connection

  private enum Phase {
    GREETING,
    EHLO,
    HELO,
    STARTTLS,
    TLS_HANDSHAKE,
    EHLO_AFTER_TLS,
    MAIL,
    RCPT,
    DATA,
    CONTENT,
    END_OF_DATA,
    QUIT,
    DONE
  }

  private final SessionSpec spec;
  private final ClientTls clientTls;
  private final SmtpReplyDecoder decoder;
  private final CompletableFuture<AttemptResult> result;
  private final RecipientLedger ledger;
  private Phase phase = Phase.GREETING;
  private ScheduledFuture<?> timer;
  private EhloCapabilities capabilities = EhloCapabilities.NONE;
  private Optional<TlsSession> tls = Optional.empty();
  private String failure;
  private boolean mayRetryWithoutTls;
  private int rcptIndex;

  SmtpClientSession(
      SessionSpec spec,
      ClientTls clientTls,
      SmtpReplyDecoder decoder,
      CompletableFuture<AttemptResult> result) {
    this.spec = spec;
    this.clientTls = clientTls;
    this.decoder = decoder;
    this.result = result;
    this.ledger = new RecipientLedger(spec.envelope().recipients());
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx, spec.timeouts().greeting(), "the greeting");
    super.channelActive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, SmtpReply reply) {
    disarm();
    switch (phase) {
      case GREETING -> onGreeting(ctx, reply);
      case EHLO -> onEhlo(ctx, reply);
      case HELO -> onHelo(ctx, reply);
      case STARTTLS -> onStartTls(ctx, reply);
      case TLS_HANDSHAKE ->
          abort(ctx, TLS_STATUS, "response injection: reply before the TLS handshake: " + reply);
      case EHLO_AFTER_TLS -> onEhloAfterTls(ctx, reply);
      case MAIL -> onMail(ctx, reply);
      case RCPT -> onRcpt(ctx, reply);
      case DATA -> onData(ctx, reply);
      case CONTENT -> abort(ctx, "4.5.0", "reply while the content was being sent: " + reply);
      case END_OF_DATA -> {
        ledger.dataReply(reply, END_OF_DATA);
        quit(ctx);
      }
      case QUIT -> finish(ctx);
      case DONE -> {} // after an abort, the decoder may still hand over what was buffered
    }
  }

  private void onGreeting(ChannelHandlerContext ctx, SmtpReply reply) {
    if (reply.code() == 220) {
      send(ctx, "EHLO " + spec.heloName(), Phase.EHLO);
    } else {
      // RFC 5321 3.1: a 554 greeting means no service here; another MX host may serve.
      failHost(ctx, "4.4.0", "greeting refused: " + reply, true);
    }
  }

  private void onEhlo(ChannelHandlerContext ctx, SmtpReply reply) {
    if (reply.isPositive()) {
      capabilities = EhloCapabilities.parse(reply);
      afterHello(ctx);
    } else if (reply.isPermanent()) {
      send(ctx, "HELO " + spec.heloName(), Phase.HELO); // RFC 5321 3.2: fall back on 5xx
    } else {
      failHost(ctx, statusOf(reply), "EHLO: " + reply, true);
    }
  }

  private void onHelo(ChannelHandlerContext ctx, SmtpReply reply) {
    if (reply.isPositive()) {
      capabilities = EhloCapabilities.NONE;
      afterHello(ctx);
    } else {
      failHost(ctx, statusOf(reply), "HELO: " + reply, true);
    }
  }

  private void afterHello(ChannelHandlerContext ctx) {
    TlsRequirement requirement = spec.requirement();
    if (requirement instanceof TlsRequirement.PlaintextOnly) {
      sendMail(ctx);
    } else if (capabilities.offersStartTls()) {
      send(ctx, "STARTTLS", Phase.STARTTLS);
    } else if (requirement.starttlsMandatory()) {
      failHost(ctx, TLS_STATUS, "STARTTLS not offered but " + whyTls() + ": not delivered", true);
    } else {
      sendMail(ctx); // RFC 7672 2.2: opportunistic, the host offers no STARTTLS
    }
  }

  private void onStartTls(ChannelHandlerContext ctx, SmtpReply reply) {
    if (reply.code() != 220) {
      if (spec.requirement().starttlsMandatory()) {
        failHost(ctx, TLS_STATUS, "STARTTLS refused (" + reply + ") but " + whyTls(), true);
      } else {
        sendMail(ctx); // RFC 3207 4: refused before any handshake, the session stays usable
      }
      return;
    }
    if (decoder.hasPendingInput()) {
      // DANE-RULES 5: bytes after the 220 and before the handshake are a response injection.
      abort(ctx, TLS_STATUS, "response injection: data followed the 220 to STARTTLS");
      return;
    }
    phase = Phase.TLS_HANDSHAKE;
    SslHandler handler;
    try {
      handler = clientTls.newHandler(ctx.alloc(), spec.timeouts().tlsHandshake());
    } catch (SSLException | IllegalArgumentException e) {
      abort(ctx, TLS_STATUS, "TLS set-up failed: " + e.getMessage());
      return;
    }
    // Netty 4.2 STARTTLS: at the front of the pipeline, on the event loop, after the 220.
    ctx.pipeline().addFirst("tls", handler);
    handler
        .handshakeFuture()
        .addListener(
            done -> {
              if (phase != Phase.TLS_HANDSHAKE) {
                return;
              }
              if (done.isSuccess()) {
                tls = Optional.of(clientTls.session(handler));
                send(ctx, "EHLO " + spec.heloName(), Phase.EHLO_AFTER_TLS); // RFC 3207 4.2
              } else {
                tlsFailed(ctx, done.cause());
              }
            });
  }

  private void tlsFailed(ChannelHandlerContext ctx, Throwable cause) {
    String reason = clientTls.failureReason(cause);
    if (spec.requirement() instanceof TlsRequirement.Opportunistic) {
      mayRetryWithoutTls = true; // never on this connection: its state is unknown
      abort(ctx, TLS_STATUS, reason + "; plaintext may be tried on a new connection");
    } else {
      abort(ctx, TLS_STATUS, reason + ": not delivered");
    }
  }

  private void onEhloAfterTls(ChannelHandlerContext ctx, SmtpReply reply) {
    if (reply.isPositive()) {
      capabilities = EhloCapabilities.parse(reply); // RFC 3207 4.2: forget what came before
      sendMail(ctx);
    } else {
      failHost(ctx, statusOf(reply), "EHLO after STARTTLS: " + reply, true);
    }
  }

  private void sendMail(ChannelHandlerContext ctx) {
    StringBuilder command = new StringBuilder("MAIL FROM:<").append(spec.envelope().sender());
    command.append('>');
    if (capabilities.has("SIZE") && spec.body().size().isPresent()) {
      command.append(" SIZE=").append(spec.body().size().getAsLong()); // RFC 1870
    }
    send(ctx, command.toString(), Phase.MAIL);
  }

  private void onMail(ChannelHandlerContext ctx, SmtpReply reply) {
    if (reply.isPositive()) {
      rcptIndex = 0;
      send(ctx, "RCPT TO:<" + ledger.recipient(0) + ">", Phase.RCPT);
    } else {
      ledger.replyToAllOpen(reply, "MAIL FROM");
      quit(ctx);
    }
  }

  private void onRcpt(ChannelHandlerContext ctx, SmtpReply reply) {
    ledger.rcptReply(rcptIndex++, reply);
    if (rcptIndex < ledger.size()) {
      send(ctx, "RCPT TO:<" + ledger.recipient(rcptIndex) + ">", Phase.RCPT);
    } else if (ledger.anyAccepted()) {
      send(ctx, "DATA", Phase.DATA);
    } else {
      quit(ctx);
    }
  }

  private void onData(ChannelHandlerContext ctx, SmtpReply reply) {
    if (reply.code() != 354) {
      ledger.dataReply(reply, "DATA");
      quit(ctx);
      return;
    }
    InputStream content;
    try {
      content = spec.body().open();
    } catch (IOException e) {
      // The server waits for content; ending the connection is the only clean way out.
      abort(ctx, "4.3.0", "cannot read the message: " + e.getMessage());
      return;
    }
    phase = Phase.CONTENT;
    Duration block = spec.timeouts().dataBlock();
    arm(ctx, block, "progress sending the content");
    ChannelProgressivePromise sent = ctx.newProgressivePromise();
    sent.addListener(
        new ChannelProgressiveFutureListener() {
          @Override
          public void operationProgressed(ChannelProgressiveFuture f, long progress, long total) {
            if (phase == Phase.CONTENT) {
              arm(ctx, block, "progress sending the content");
            }
          }

          @Override
          public void operationComplete(ChannelProgressiveFuture f) {
            if (phase != Phase.CONTENT) {
              return;
            }
            if (f.isSuccess()) {
              phase = Phase.END_OF_DATA;
              arm(ctx, spec.timeouts().dataEnd(), "the reply to the end of DATA");
            } else {
              abort(ctx, NETWORK_STATUS, "sending the content failed: " + f.cause());
            }
          }
        });
    ctx.writeAndFlush(new DotStuffingInput(content), sent);
  }

  private void quit(ChannelHandlerContext ctx) {
    send(ctx, "QUIT", Phase.QUIT);
  }

  /** Settles everyone still open as deferred and ends politely (QUIT) or at once. */
  private void failHost(ChannelHandlerContext ctx, String status, String reason, boolean sayQuit) {
    failure = status + " " + reason;
    ledger.deferOpen(status, reason);
    if (sayQuit) {
      quit(ctx);
    } else {
      finish(ctx);
    }
  }

  /** Ends the connection at once, sending nothing more. */
  private void abort(ChannelHandlerContext ctx, String status, String reason) {
    failHost(ctx, status, reason, false);
  }

  private void send(ChannelHandlerContext ctx, String line, Phase next) {
    phase = next;
    arm(ctx, spec.timeouts().command(), "the reply to " + line.split(" ", 2)[0]);
    ctx.writeAndFlush(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.US_ASCII))
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    switch (phase) {
      case DONE, QUIT -> finish(ctx);
      case TLS_HANDSHAKE -> tlsFailed(ctx, new SSLException("connection closed during handshake"));
      case END_OF_DATA -> abort(ctx, NETWORK_STATUS, "closed before the reply to the end of DATA");
      default -> abort(ctx, NETWORK_STATUS, "connection closed by the server during " + phase);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (phase == Phase.DONE) {
      return;
    }
    if (phase == Phase.TLS_HANDSHAKE) {
      tlsFailed(ctx, cause);
    } else if (cause instanceof MalformedReplyException malformed) {
      abort(ctx, "4.5.0", "malformed reply during " + phase + ": " + malformed.getMessage());
    } else if (phase == Phase.QUIT) {
      finish(ctx);
    } else {
      abort(ctx, NETWORK_STATUS, "connection error during " + phase + ": " + cause);
    }
  }

  private void onTimeout(ChannelHandlerContext ctx, Duration limit, String waitingFor) {
    if (phase == Phase.QUIT) {
      finish(ctx);
    } else if (phase == Phase.END_OF_DATA) {
      // RFC 1047: the server may have taken the message; a retry may deliver it twice.
      abort(ctx, NETWORK_STATUS, "no reply to the end of DATA within " + limit);
    } else {
      abort(ctx, NETWORK_STATUS, "timed out after " + limit + " waiting for " + waitingFor);
    }
  }

  private void finish(ChannelHandlerContext ctx) {
    if (phase == Phase.DONE && result.isDone()) {
      return;
    }
    phase = Phase.DONE;
    disarm();
    if (!ledger.allSettled()) {
      ledger.deferOpen(NETWORK_STATUS, "connection ended before an answer");
    }
    result.complete(
        new AttemptResult(
            ledger.outcomes(), tls, Optional.ofNullable(failure), mayRetryWithoutTls));
    ctx.close();
  }

  private void arm(ChannelHandlerContext ctx, Duration limit, String waitingFor) {
    disarm();
    timer =
        ctx.executor()
            .schedule(
                () -> onTimeout(ctx, limit, waitingFor), limit.toMillis(), TimeUnit.MILLISECONDS);
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
    return "DANE TLSA records exist";
  }

  private static String statusOf(SmtpReply reply) {
    return reply.isTransient() ? reply.enhancedStatus().orElse("4.0.0") : "4.5.0";
  }
}
