package org.danerelay.server.outbound.smtp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.dane.verify.DaneVerdict;
import org.danerelay.dane.verify.DaneVerifier;
import org.danerelay.dane.verify.WebPkiTrustManager;
import org.danerelay.dane.verify.WebPkiVerdict;
import org.danerelay.dane.verify.WebPkiVerifier;

/**
 * The client side of TLS for one attempt: builds the {@link SslHandler} the requirement calls for
 * and checks what the handshake achieved.
 *
 * <p>DANE, and WebPKI under an MTA-STS policy in mode enforce, are checked twice: by the trust
 * manager during a full handshake, which aborts it with an alert, and on the established session's
 * certificates before any mail is sent, which also covers a resumed session, where no trust manager
 * runs. Under mode testing the WebPKI verdict is only recorded.
 */
final class ClientTls {

  private static final String DANE_PREFIX = "DANE: ";
  private static final String STS_PREFIX = WebPkiTrustManager.REFUSAL_PREFIX;

  private final TlsContexts contexts;
  private final WebPkiVerifier webPki;
  private final TlsRequirement requirement;
  private final String sni; // null for an address-literal next hop
  private final String peerAddress;
  private final int port;
  private final Clock clock;

  private ClientTls(
      TlsContexts contexts,
      WebPkiVerifier webPki,
      TlsRequirement requirement,
      String sni,
      String peerAddress,
      int port,
      Clock clock) {
    this.contexts = contexts;
    this.webPki = webPki;
    this.requirement = requirement;
    this.sni = sni;
    this.peerAddress = peerAddress;
    this.port = port;
    this.clock = clock;
  }

  static ClientTls forAttempt(
      Attempt attempt, TlsContexts contexts, WebPkiVerifier webPki, Clock clock) {
    String host = attempt.mxHost().toString(true).toLowerCase(Locale.ROOT);
    String sni =
        attempt.requirement() instanceof TlsRequirement.DaneRequired dane
            ? dane.sni() // RFC 7672 3.1, DANE-RULES 5: SNI is the TLSA base domain
            : isAddress(host) ? null : host; // RFC 6066 3: never an address as SNI
    return new ClientTls(
        contexts,
        webPki,
        attempt.requirement(),
        sni,
        attempt.address().getHostAddress(),
        attempt.port(),
        clock);
  }

  /**
   * Starts TLS on the channel after the server's 220 to STARTTLS and verifies the session it ends
   * in; the future fails with the reason when either goes wrong.
   */
  Future<TlsSession> upgrade(ChannelHandlerContext ctx, Duration handshakeTimeout) {
    Promise<TlsSession> upgraded = ctx.executor().newPromise();
    SslHandler handler;
    try {
      handler = newHandler(ctx.alloc(), handshakeTimeout);
    } catch (SSLException | IllegalArgumentException e) {
      return upgraded.setFailure(new SSLException("TLS set-up failed: " + e.getMessage(), e));
    }
    // Netty 4.2 STARTTLS: at the front of the pipeline, on the event loop, after the 220.
    ctx.pipeline().addFirst("tls", handler);
    handler
        .handshakeFuture()
        .addListener(
            done -> {
              if (!done.isSuccess()) {
                upgraded.tryFailure(done.cause());
                return;
              }
              try {
                upgraded.trySuccess(session(handler));
              } catch (SSLPeerUnverifiedException e) {
                upgraded.tryFailure(e); // a resumed session that does not pass DANE now
              }
            });
    return upgraded;
  }

  /** A client handler for STARTTLS: {@code startTls=false}, the client speaks first. */
  private SslHandler newHandler(ByteBufAllocator allocator, Duration handshakeTimeout)
      throws SSLException {
    // The server name and port also pick the session to resume from the context's cache.
    String peer = sni == null ? peerAddress : sni;
    SslHandler handler =
        contexts.forRequirement(requirement, peer, port).newHandler(allocator, peer, port);
    SSLEngine engine = handler.engine();
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
    parameters.setEndpointIdentificationAlgorithm(null);
    engine.setSSLParameters(parameters);
    handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
    return handler;
  }

  /**
   * What the finished handshake achieved, with the DANE verdict when DANE applies.
   *
   * @throws SSLPeerUnverifiedException when DANE applies and the session's certificates do not
   *     authenticate the server (or the session has none)
   */
  private TlsSession session(SslHandler handler) throws SSLPeerUnverifiedException {
    SSLSession session = handler.engine().getSession();
    Optional<DaneVerdict.Authenticated> dane = Optional.empty();
    if (requirement instanceof TlsRequirement.DaneRequired required) {
      DaneVerdict verdict =
          new DaneVerifier()
              .verify(
                  chainOf(session),
                  required.usableRecords(),
                  required.referenceIdentifiers(),
                  clock.instant());
      if (verdict instanceof DaneVerdict.NotAuthenticated refused) {
        throw new SSLPeerUnverifiedException(DANE_PREFIX + refused.reason());
      }
      dane = Optional.of((DaneVerdict.Authenticated) verdict);
    }
    Optional<WebPkiVerdict> pkix = webPkiVerdict(session);
    if (requirement instanceof TlsRequirement.MtaStsEnforce
        && pkix.orElseThrow() instanceof WebPkiVerdict.NotAuthenticated refused) {
      throw new SSLPeerUnverifiedException(STS_PREFIX + refused.describe());
    }
    return new TlsSession(session.getProtocol(), session.getCipherSuite(), dane, pkix);
  }

  /** The WebPKI verdict on the session's chain, when an MTA-STS policy covers the host. */
  private Optional<WebPkiVerdict> webPkiVerdict(SSLSession session)
      throws SSLPeerUnverifiedException {
    String mxHost;
    if (requirement instanceof TlsRequirement.MtaStsEnforce enforce) {
      mxHost = enforce.mxHost();
    } else if (requirement instanceof TlsRequirement.MtaStsTesting testing) {
      mxHost = testing.mxHost();
    } else {
      return Optional.empty();
    }
    return Optional.of(webPki.verify(chainOf(session), mxHost, clock.instant()));
  }

  /** Why TLS failed: the DANE or MTA-STS reason when either refused the server, else the error. */
  String failureReason(Throwable cause) {
    Optional<String> refusal = daneRefusal(cause);
    if (refusal.isPresent()) {
      return "DANE authentication failed: " + refusal.get();
    }
    Optional<String> sts = refusal(cause, STS_PREFIX);
    if (sts.isPresent()) {
      return "MTA-STS authentication failed: " + sts.get();
    }
    Throwable root = rootOf(cause);
    return "TLS handshake failed: " + root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /**
   * Why the handshake of an attempt that required authentication failed, as RFC 8460 4.3 names it:
   * {@code tlsa-invalid} when no TLSA record matched, the WebPKI failure under MTA-STS ({@code
   * certificate-host-mismatch}, {@code certificate-expired}, {@code certificate-not-trusted}), else
   * {@code validation-failure}.
   */
  String failureType(Throwable cause) {
    if (isDaneRefusal(cause)) {
      return "tlsa-invalid";
    }
    // The refusal reads "certificate-expired: ..." after the prefix: WebPkiVerdict.describe().
    return refusal(cause, STS_PREFIX)
        .map(text -> text.substring(0, Math.max(0, text.indexOf(':'))))
        .filter(type -> !type.isEmpty())
        .orElse("validation-failure");
  }

  /** Whether {@code cause} is DANE refusing the server's certificates (RFC 7672 3). */
  boolean isDaneRefusal(Throwable cause) {
    return daneRefusal(cause).isPresent();
  }

  /** The DANE verdict's reason, from the trust manager or the session check, wherever nested. */
  private static Optional<String> daneRefusal(Throwable cause) {
    return refusal(cause, DANE_PREFIX);
  }

  /** The text after {@code prefix} in the first message of the cause chain that holds it. */
  private static Optional<String> refusal(Throwable cause, String prefix) {
    Throwable t = cause;
    for (int depth = 0; t != null && depth < 10; depth++) {
      String message = t.getMessage();
      if (message != null && message.contains(prefix)) {
        return Optional.of(message.substring(message.indexOf(prefix) + prefix.length()));
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return Optional.empty();
  }

  private static Throwable rootOf(Throwable cause) {
    Throwable root = cause;
    for (int depth = 0; depth < 10 && root.getCause() != null && root.getCause() != root; depth++) {
      root = root.getCause();
    }
    return root;
  }

  private static List<X509Certificate> chainOf(SSLSession session)
      throws SSLPeerUnverifiedException {
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate certificate : session.getPeerCertificates()) {
      if (certificate instanceof X509Certificate x509) {
        chain.add(x509);
      }
    }
    return chain;
  }

  /** A next hop written as an address ({@code [192.0.2.1]:25}) is named by its address text. */
  private static boolean isAddress(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }
}
