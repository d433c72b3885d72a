package org.danerelay.dane.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.junit.jupiter.api.Test;

/**
 * The trust manager in a real JSSE handshake over loopback (RFC 7672 3: authenticate or refuse).
 */
class DaneTrustManagerTest {

  private static final Clock CLOCK = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);
  private final TestPki.Chain chain = TestPki.chain("mx.example.com");

  @Test
  void handshakeSucceedsAndKeepsTheVerdictWhenTheServerMatches() throws Exception {
    TlsaRecord record = Tlsa.of(2, 1, 1, chain.intermediate().cert());
    DaneTrustManager trust =
        new DaneTrustManager(List.of(record), List.of("mx.example.com"), CLOCK);

    handshake(chain.withoutRoot(), trust);

    DaneVerdict.Authenticated verdict = trust.verdict().orElseThrow();
    assertEquals(record, verdict.matched());
    assertEquals(1, verdict.depth());
  }

  @Test
  void handshakeFailsWithTheReasonWhenNoRecordMatches() throws Exception {
    TestPki.Chain other = TestPki.chain("mx.example.com");
    DaneTrustManager trust =
        new DaneTrustManager(
            List.of(Tlsa.of(3, 1, 1, other.leaf().cert())), List.of("mx.example.com"), CLOCK);

    SSLHandshakeException e =
        assertThrows(SSLHandshakeException.class, () -> handshake(chain.withoutRoot(), trust));

    assertTrue(String.valueOf(e.getMessage()).contains("no TLSA record matches"), e.toString());
    assertTrue(trust.verdict().isEmpty());
    assertInstanceOf(DaneVerdict.NotAuthenticated.class, trust.lastVerdict().orElseThrow());
  }

  @Test
  void refusesClientAuthenticationAndNamesNoIssuers() {
    DaneTrustManager trust = new DaneTrustManager(List.of(), List.of(), CLOCK);
    X509Certificate[] leaf = {chain.leaf().cert()};
    assertThrows(CertificateException.class, () -> trust.checkClientTrusted(leaf, "ECDHE_ECDSA"));
    assertArrayEquals(new X509Certificate[0], trust.getAcceptedIssuers());
  }

  @Test
  void ignoresTheUnknownAuthTypeOfTls13() throws Exception {
    DaneTrustManager trust =
        new DaneTrustManager(List.of(Tlsa.of(3, 1, 1, chain.leaf().cert())), List.of(), CLOCK);
    trust.checkServerTrusted(new X509Certificate[] {chain.leaf().cert()}, "UNKNOWN");
    assertTrue(trust.verdict().isPresent());
  }

  /** Serves {@code presented} on 127.0.0.1 and connects with {@code trust}; throws on refusal. */
  private void handshake(List<X509Certificate> presented, DaneTrustManager trust) throws Exception {
    SSLContext server = serverContext(presented);
    try (SSLServerSocket listener =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> served =
          CompletableFuture.runAsync(
              () -> {
                try (SSLSocket peer = (SSLSocket) listener.accept()) {
                  peer.startHandshake();
                  peer.getOutputStream().write('x');
                  peer.getOutputStream().flush();
                } catch (IOException expectedWhenRefused) {
                  // the client aborts the handshake in the refused case
                }
              });
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, new TrustManager[] {trust}, null);
      try (SSLSocket socket =
          (SSLSocket)
              client
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        var parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null); // DANE does the name checks
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        assertEquals('x', socket.getInputStream().read());
      } finally {
        served.get(10, TimeUnit.SECONDS);
      }
    }
  }

  private SSLContext serverContext(List<X509Certificate> presented)
      throws GeneralSecurityException, IOException {
    char[] password = "test".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server",
        chain.leaf().keys().getPrivate(),
        password,
        presented.toArray(new X509Certificate[0]));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }
}
