package org.danerelay.dane.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.DaneVerdict.Authenticated;
import org.danerelay.dane.verify.DaneVerdict.NotAuthenticated;
import org.junit.jupiter.api.Test;

/** DANE-EE(3): the leaf alone is checked, without names or dates (RFC 7672 3.1.1). */
class DaneEeTest {

  private final DaneVerifier verifier = new DaneVerifier();

  @Test
  void ignoresExpiryForDaneEe() {
    TestPki.Chain chain =
        TestPki.builder()
            .sans("mx.example.com")
            .leafValidity(
                TestPki.NOW.minus(Duration.ofDays(400)), TestPki.NOW.minus(Duration.ofDays(35)))
            .build();
    TlsaRecord record = Tlsa.of(3, 1, 1, chain.leaf().cert());

    DaneVerdict verdict =
        verifier.verify(chain.presented(), List.of(record), List.of("mx.example.com"), TestPki.NOW);

    Authenticated authenticated = assertInstanceOf(Authenticated.class, verdict);
    assertEquals(0, authenticated.depth());
    assertEquals("DANE-EE leaf public key", authenticated.how());
  }

  @Test
  void ignoresNotYetValidLeafForDaneEe() {
    TestPki.Chain chain =
        TestPki.builder()
            .leafValidity(
                TestPki.NOW.plus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(90)))
            .build();
    DaneVerdict verdict =
        verifier.verify(
            chain.presented(),
            List.of(Tlsa.of(3, 0, 1, chain.leaf().cert())),
            List.of("mx.example.com"),
            TestPki.NOW);
    assertInstanceOf(Authenticated.class, verdict);
  }

  @Test
  void ignoresNamesForDaneEe() {
    TestPki.Chain chain = TestPki.chain("elsewhere.example.org");
    DaneVerdict verdict =
        verifier.verify(
            chain.presented(),
            List.of(Tlsa.of(3, 1, 1, chain.leaf().cert())),
            List.of("mx.example.com"),
            TestPki.NOW);
    assertInstanceOf(Authenticated.class, verdict);
  }

  @Test
  void authenticatesALeafSentAloneWithAnUnknownIssuer() {
    TestPki.Chain chain = TestPki.builder().rsaLeaf().build();
    DaneVerdict verdict =
        verifier.verify(
            List.of(chain.leaf().cert()),
            List.of(Tlsa.of(3, 1, 2, chain.leaf().cert())),
            List.of(),
            TestPki.NOW);
    assertInstanceOf(Authenticated.class, verdict);
  }

  @Test
  void daneEeRecordForAnIssuerDoesNotAuthenticate() {
    TestPki.Chain chain = TestPki.chain("mx.example.com");
    DaneVerdict verdict =
        verifier.verify(
            chain.presented(),
            List.of(Tlsa.of(3, 1, 1, chain.intermediate().cert())),
            List.of("mx.example.com"),
            TestPki.NOW);
    assertEquals(new NotAuthenticated("no TLSA record matches the chain"), verdict);
  }

  @Test
  void emptyChainIsNotAuthenticated() {
    TestPki.Chain chain = TestPki.chain("mx.example.com");
    DaneVerdict verdict =
        verifier.verify(
            List.of(), List.of(Tlsa.of(3, 1, 1, chain.leaf().cert())), List.of(), TestPki.NOW);
    assertEquals(new NotAuthenticated("the server presented no certificate"), verdict);
  }
}
