package org.danerelay.dane.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.DaneVerdict.Authenticated;
import org.danerelay.dane.verify.DaneVerdict.NotAuthenticated;
import org.junit.jupiter.api.Test;

/**
 * DANE-TA(2): a matched issuer anchors a path that must validate, and the leaf must carry a
 * reference identifier (RFC 7672 3.1.2, 3.2; RFC 7671 5.2).
 */
class DaneTaTest {

  private static final List<String> NAMES = List.of("mx.example.com");
  private final DaneVerifier verifier = new DaneVerifier();

  private DaneVerdict verify(TestPki.Chain chain, TlsaRecord... records) {
    return verifier.verify(chain.presented(), List.of(records), NAMES, TestPki.NOW);
  }

  @Test
  void rootAnchorAuthenticatesAtDepthTwo() {
    TestPki.Chain chain = TestPki.chain("mx.example.com");
    TlsaRecord record = Tlsa.of(2, 0, 1, chain.root().cert());
    Authenticated verdict = assertInstanceOf(Authenticated.class, verify(chain, record));
    assertEquals(2, verdict.depth());
    assertEquals("DANE-TA trust anchor certificate, name mx.example.com", verdict.how());
  }

  @Test
  void nearestAnchorWinsWhenTwoMatch() {
    TestPki.Chain chain = TestPki.chain("mx.example.com");
    TlsaRecord root = Tlsa.of(2, 1, 1, chain.root().cert());
    TlsaRecord issuer = Tlsa.of(2, 1, 1, chain.intermediate().cert());
    Authenticated verdict = assertInstanceOf(Authenticated.class, verify(chain, root, issuer));
    assertEquals(issuer, verdict.matched());
    assertEquals(1, verdict.depth());
  }

  @Test
  void expiredIntermediateFailsUnderDaneTa() {
    TestPki.Chain chain =
        TestPki.builder()
            .sans("mx.example.com")
            .intermediateValidity(
                TestPki.NOW.minus(Duration.ofDays(400)), TestPki.NOW.minus(Duration.ofDays(1)))
            .build();
    NotAuthenticated verdict =
        assertInstanceOf(
            NotAuthenticated.class, verify(chain, Tlsa.of(2, 0, 1, chain.root().cert())));
    assertTrue(
        verdict.reason().startsWith("chain from the DANE-TA anchor fails: "), verdict.reason());
  }

  @Test
  void expiredLeafFailsUnderDaneTa() {
    TestPki.Chain chain =
        TestPki.builder()
            .sans("mx.example.com")
            .leafValidity(
                TestPki.NOW.minus(Duration.ofDays(90)), TestPki.NOW.minus(Duration.ofSeconds(1)))
            .build();
    NotAuthenticated verdict =
        assertInstanceOf(
            NotAuthenticated.class, verify(chain, Tlsa.of(2, 1, 1, chain.intermediate().cert())));
    assertTrue(verdict.reason().contains("NotAfter"), verdict.reason());
    assertTrue(verdict.reason().contains("CN=leaf"), verdict.reason());
  }

  @Test
  void expiredAnchorItselfFailsUnderDaneTa() {
    TestPki.Chain chain =
        TestPki.builder()
            .sans("mx.example.com")
            .intermediateValidity(
                TestPki.NOW.minus(Duration.ofDays(400)), TestPki.NOW.minus(Duration.ofDays(1)))
            .build();
    NotAuthenticated verdict =
        assertInstanceOf(
            NotAuthenticated.class, verify(chain, Tlsa.of(2, 1, 1, chain.intermediate().cert())));
    assertTrue(verdict.reason().contains("is not valid at"), verdict.reason());
  }

  @Test
  void issuerWithoutCaBasicConstraintsFailsUnderDaneTa() {
    TestPki.Chain chain = TestPki.builder().sans("mx.example.com").intermediateNotCa().build();
    assertInstanceOf(NotAuthenticated.class, verify(chain, Tlsa.of(2, 1, 1, chain.root().cert())));
    assertInstanceOf(
        NotAuthenticated.class, verify(chain, Tlsa.of(2, 1, 1, chain.intermediate().cert())));
  }

  @Test
  void wrongLeafNameFailsUnderDaneTa() {
    TestPki.Chain chain = TestPki.chain("mail.example.org");
    DaneVerdict verdict = verify(chain, Tlsa.of(2, 1, 1, chain.intermediate().cert()));
    assertEquals(
        new NotAuthenticated(
            "leaf name matches none of [mx.example.com] (certificate names: [mail.example.org])"),
        verdict);
  }

  @Test
  void anyReferenceIdentifierMaySatisfyTheNameCheck() {
    TestPki.Chain chain = TestPki.chain("example.com");
    DaneVerdict verdict =
        verifier.verify(
            chain.presented(),
            List.of(Tlsa.of(2, 1, 1, chain.intermediate().cert())),
            List.of("mx.example.com", "example.com"),
            TestPki.NOW);
    assertTrue(((Authenticated) verdict).how().endsWith("name example.com"));
  }

  @Test
  void subjectCnCountsOnlyWithoutDnsSubjectAltNames() {
    TestPki.Chain cnOnly = TestPki.builder().leafCn("mx.example.com").build();
    assertInstanceOf(
        Authenticated.class, verify(cnOnly, Tlsa.of(2, 1, 1, cnOnly.intermediate().cert())));

    TestPki.Chain cnAndSan =
        TestPki.builder().leafCn("mx.example.com").sans("other.example.com").build();
    assertInstanceOf(
        NotAuthenticated.class, verify(cnAndSan, Tlsa.of(2, 1, 1, cnAndSan.intermediate().cert())));
  }

  @Test
  void daneTaRecordMatchingOnlyTheLeafDoesNotAuthenticate() {
    TestPki.Chain chain = TestPki.chain("mx.example.com");
    NotAuthenticated verdict =
        assertInstanceOf(
            NotAuthenticated.class, verify(chain, Tlsa.of(2, 1, 1, chain.leaf().cert())));
    assertTrue(verdict.reason().contains("matches only the leaf"), verdict.reason());
  }

  @Test
  void chainSentOutOfOrderStillValidates() {
    TestPki.Chain chain = TestPki.chain("mx.example.com");
    DaneVerdict verdict =
        verifier.verify(
            List.of(chain.leaf().cert(), chain.root().cert(), chain.intermediate().cert()),
            List.of(Tlsa.of(2, 0, 2, chain.root().cert())),
            NAMES,
            TestPki.NOW);
    assertEquals(1, assertInstanceOf(Authenticated.class, verdict).depth());
  }

  @Test
  void anchorFromAnotherHierarchyFails() {
    TestPki.Chain chain = TestPki.chain("mx.example.com");
    TestPki.Chain other = TestPki.chain("mx.example.com");
    List<java.security.cert.X509Certificate> mixed =
        List.of(chain.leaf().cert(), other.intermediate().cert());
    NotAuthenticated verdict =
        assertInstanceOf(
            NotAuthenticated.class,
            verifier.verify(
                mixed, List.of(Tlsa.of(2, 1, 1, other.intermediate().cert())), NAMES, TestPki.NOW));
    assertTrue(verdict.reason().contains("no path from the leaf"), verdict.reason());
  }
}
