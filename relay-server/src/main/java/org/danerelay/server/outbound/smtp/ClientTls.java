package org.danerelay.server.outbound.smtp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.dane.verify.DaneTrustManager;
import org.danerelay.dane.verify.DaneVerdict;

/**
 * The client side of TLS for one attempt: builds the {@link SslHandler} the requirement calls for
 * and reads back what the handshake achieved.
 */
final class ClientTls {

  // DANE-RULES 5: TLS 1.2 or later.
  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private final X509ExtendedTrustManager trustManager;
  private final String sni;
  private final int port;

  private ClientTls(X509ExtendedTrustManager trustManager, String sni, int port) {
    this.trustManager = trustManager;
    this.sni = sni;
    this.port = port;
  }

  static ClientTls forAttempt(Attempt attempt, Clock clock) {
    if (attempt.requirement() instanceof TlsRequirement.DaneRequired dane) {
      // RFC 7672 3.1, 3.2: the pure verifier decides; SNI is the TLSA base domain.
      return new ClientTls(
          new DaneTrustManager(dane.usableRecords(), dane.referenceIdentifiers(), clock),
          dane.sni(),
          attempt.port());
    }
    String host = attempt.mxHost().toString(true).toLowerCase(Locale.ROOT);
    return new ClientTls(new UnauthenticatedTrustManager(), host, attempt.port());
  }

  /** A client handler for STARTTLS: {@code startTls=false}, the client speaks first. */
  SslHandler newHandler(ByteBufAllocator allocator, Duration handshakeTimeout) throws SSLException {
    SslContext context =
        SslContextBuilder.forClient()
            .protocols(PROTOCOLS)
            .trustManager(trustManager)
            // Netty 4.2 turns on HTTPS name checks by default; DANE does its own (RFC 7672 3.2.3).
            .endpointIdentificationAlgorithm(null)
            .build();
    SslHandler handler = context.newHandler(allocator, sni, port);
    SSLEngine engine = handler.engine();
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setServerNames(List.of(new SNIHostName(sni)));
    parameters.setEndpointIdentificationAlgorithm(null);
    engine.setSSLParameters(parameters);
    handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
    return handler;
  }

  /** What the finished handshake achieved, with the DANE verdict when DANE applied. */
  TlsSession session(SslHandler handler) {
    SSLSession session = handler.engine().getSession();
    return new TlsSession(session.getProtocol(), session.getCipherSuite(), authenticated());
  }

  /** Why the handshake failed: the DANE verdict's reason when there is one, else the error. */
  String failureReason(Throwable cause) {
    if (trustManager instanceof DaneTrustManager dane
        && dane.lastVerdict().orElse(null) instanceof DaneVerdict.NotAuthenticated refused) {
      return "DANE authentication failed: " + refused.reason();
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "TLS handshake failed: " + root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private Optional<DaneVerdict.Authenticated> authenticated() {
    return trustManager instanceof DaneTrustManager dane ? dane.verdict() : Optional.empty();
  }
}
