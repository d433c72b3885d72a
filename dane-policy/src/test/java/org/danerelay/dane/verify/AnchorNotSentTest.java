package org.danerelay.dane.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.DaneVerdict.Authenticated;
import org.danerelay.dane.verify.DaneVerdict.NotAuthenticated;
import org.junit.jupiter.api.Test;

/**
 * RFC 7671 5.2.2: a DANE-TA anchor published in full ({@code 2 0 0} certificate, {@code 2 1 0} bare
 * key) must be accepted even when the server does not send it.
 */
class AnchorNotSentTest {

  private static final List<String> NAMES = List.of("mx.example.com");
  private final TestPki.Chain chain = TestPki.chain("mx.example.com");
  private final DaneVerifier verifier = new DaneVerifier();

  private DaneVerdict verify(List<X509Certificate> presented, TlsaRecord record) {
    return verifier.verify(presented, List.of(record), NAMES, TestPki.NOW);
  }

  @Test
  void fullRootCertificateFromDnsAnchorsTheChainTheServerSent() {
    Authenticated verdict =
        assertInstanceOf(
            Authenticated.class,
            verify(chain.withoutRoot(), Tlsa.of(2, 0, 0, chain.root().cert())));
    assertEquals(2, verdict.depth()); // directly above the highest presented certificate
    assertEquals(
        "DANE-TA trust anchor certificate from DNS, not sent by the server, name mx.example.com",
        verdict.how());
  }

  @Test
  void bareRootKeyFromDnsAnchorsTheChainTheServerSent() {
    Authenticated verdict =
        assertInstanceOf(
            Authenticated.class,
            verify(chain.withoutRoot(), Tlsa.of(2, 1, 0, chain.root().cert())));
    assertEquals(2, verdict.depth());
    assertTrue(verdict.how().startsWith("DANE-TA trust anchor public key from DNS"));
  }

  @Test
  void intermediateFromDnsAnchorsALeafSentAlone() {
    List<X509Certificate> leafOnly = List.of(chain.leaf().cert());
    assertEquals(
        1,
        assertInstanceOf(
                Authenticated.class,
                verify(leafOnly, Tlsa.of(2, 0, 0, chain.intermediate().cert())))
            .depth());
    assertEquals(
        1,
        assertInstanceOf(
                Authenticated.class,
                verify(leafOnly, Tlsa.of(2, 1, 0, chain.intermediate().cert())))
            .depth());
  }

  @Test
  void digestOfAnAnchorNotSentCannotAuthenticate() {
    assertEquals(
        new NotAuthenticated("no TLSA record matches the chain"),
        verify(chain.withoutRoot(), Tlsa.of(2, 0, 1, chain.root().cert())));
  }

  @Test
  void anchorFromDnsStillNeedsTheLeafName() {
    TestPki.Chain wrongName = TestPki.chain("mail.example.org");
    NotAuthenticated verdict =
        assertInstanceOf(
            NotAuthenticated.class,
            verify(wrongName.withoutRoot(), Tlsa.of(2, 1, 0, wrongName.root().cert())));
    assertTrue(verdict.reason().startsWith("leaf name matches none of"), verdict.reason());
  }

  @Test
  void unrelatedKeyFromDnsDoesNotAnchorTheChain() {
    TestPki.Chain other = TestPki.chain("mx.example.com");
    NotAuthenticated verdict =
        assertInstanceOf(
            NotAuthenticated.class,
            verify(chain.withoutRoot(), Tlsa.of(2, 1, 0, other.root().cert())));
    assertTrue(
        verdict.reason().startsWith("chain from the DANE-TA anchor fails: no path"),
        verdict.reason());
  }

  @Test
  void malformedFullCertificateRecordIsIgnored() {
    TlsaRecord garbage = new TlsaRecord(2, 0, 0, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
    assertEquals(
        new NotAuthenticated("no TLSA record matches the chain"),
        verify(chain.withoutRoot(), garbage));
  }
}
