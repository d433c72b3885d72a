package org.danerelay.server.outbound.smtp;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.dane.verify.DaneTrustManager;
import org.danerelay.dane.verify.WebPkiTrustManager;
import org.danerelay.dane.verify.WebPkiVerifier;

/**
 * Client TLS contexts, one per TLS requirement, server name and port, so that TLS sessions are
 * resumed (the JDK keeps a session cache per context) but only under the very requirement they were
 * made under: a changed TLSA RRset means a new context and a full handshake, as Postfix keys its
 * TLS session cache by policy.
 */
final class TlsContexts {

  // DANE-RULES 5: TLS 1.2 or later.
  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** Postfix's smtp_tls_session_cache_timeout. */
  private static final Duration SESSION_LIFETIME = Duration.ofHours(1);

  private static final int MAX_CONTEXTS = 512;

  private final Clock clock;
  private final WebPkiVerifier webPki;
  private final Map<Key, SslContext> contexts =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, SslContext> eldest) {
          return size() > MAX_CONTEXTS;
        }
      };

  private record Key(TlsRequirement requirement, String sni, int port) {}

  TlsContexts(Clock clock, WebPkiVerifier webPki) {
    this.clock = clock;
    this.webPki = webPki;
  }

  synchronized SslContext forRequirement(TlsRequirement requirement, String sni, int port)
      throws SSLException {
    Key key = new Key(requirement, sni, port);
    SslContext context = contexts.get(key);
    if (context == null) {
      context = build(requirement);
      contexts.put(key, context);
    }
    return context;
  }

  private SslContext build(TlsRequirement requirement) throws SSLException {
    X509ExtendedTrustManager trust;
    if (requirement instanceof TlsRequirement.DaneRequired dane) {
      // RFC 7672 3.1, 3.2: the pure verifier decides.
      trust = new DaneTrustManager(dane.usableRecords(), dane.referenceIdentifiers(), clock);
    } else if (requirement instanceof TlsRequirement.MtaStsEnforce enforce) {
      // RFC 8461 4.2: PKIX to the configured roots, and the MX host's own name.
      trust = new WebPkiTrustManager(webPki, enforce.mxHost(), clock);
    } else {
      // MtaStsTesting too: it delivers whatever the certificate; ClientTls reports the verdict.
      trust = new UnauthenticatedTrustManager();
    }
    return SslContextBuilder.forClient()
        .protocols(PROTOCOLS)
        .trustManager(trust)
        // Netty 4.2 turns on HTTPS name checks by default; DANE (RFC 7672 3.2.3) and the WebPKI
        // verifier (RFC 8461 4.1) do their own.
        .endpointIdentificationAlgorithm(null)
        .sessionTimeout(SESSION_LIFETIME.toSeconds())
        .build();
  }
}
