package org.danerelay.dane.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WebPKI validation of an MX host's chain under MTA-STS (RFC 8461 4.1, 4.2; RFC 8460 4.3). */
class WebPkiVerifierTest {

  private static WebPkiVerdict verify(TestPki.Chain chain, String host, TestPki.Chain trusted) {
    return new WebPkiVerifier(List.of(trusted.root().cert()))
        .verify(chain.presented(), host, TestPki.NOW);
  }

  private static WebPkiFailure failure(WebPkiVerdict verdict) {
    return assertInstanceOf(WebPkiVerdict.NotAuthenticated.class, verdict).failure();
  }

  @Test
  void aChainToATrustedRootNamingTheMxHostAuthenticates() {
    TestPki.Chain chain = TestPki.chain("mx.example.net");
    assertEquals(
        new WebPkiVerdict.Authenticated("mx.example.net"), verify(chain, "mx.example.net", chain));
  }

  @Test
  void theIntermediateAloneIsEnoughTheRootComesFromTheTrustStore() {
    TestPki.Chain chain = TestPki.chain("mx.example.net");
    WebPkiVerdict verdict =
        new WebPkiVerifier(List.of(chain.root().cert()))
            .verify(chain.withoutRoot(), "mx.example.net", TestPki.NOW);
    assertInstanceOf(WebPkiVerdict.Authenticated.class, verdict);
  }

  @ParameterizedTest(name = "RFC 6125 6.4.3: {0} against {1}: {2}")
  @CsvSource({
    "*.example.net, mx.example.net, true",
    "*.example.net, a.mx.example.net, false",
    "*.example.net, example.net, false",
    "MX.Example.NET, mx.example.net, true",
    "mx2.example.net, mx.example.net, false",
  })
  void theLeafMustNameTheMxHost(String san, String host, boolean authenticated) {
    TestPki.Chain chain = TestPki.chain(san);
    WebPkiVerdict verdict = verify(chain, host, chain);
    if (authenticated) {
      assertInstanceOf(WebPkiVerdict.Authenticated.class, verdict);
    } else {
      assertEquals(WebPkiFailure.CERTIFICATE_HOST_MISMATCH, failure(verdict));
    }
  }

  @Test
  void aChainFromAnotherRootIsNotTrusted() {
    TestPki.Chain chain = TestPki.chain("mx.example.net");
    TestPki.Chain other = TestPki.chain("mx.example.net");
    assertEquals(
        WebPkiFailure.CERTIFICATE_NOT_TRUSTED, failure(verify(chain, "mx.example.net", other)));
  }

  @Test
  void anExpiredLeafIsReportedAsExpired() {
    TestPki.Chain chain =
        TestPki.builder()
            .sans("mx.example.net")
            .leafValidity(
                TestPki.NOW.minus(Duration.ofDays(90)), TestPki.NOW.minus(Duration.ofDays(1)))
            .build();
    assertEquals(
        WebPkiFailure.CERTIFICATE_EXPIRED, failure(verify(chain, "mx.example.net", chain)));
  }

  @Test
  void anIntermediateThatIsNoCaBreaksThePath() {
    TestPki.Chain chain = TestPki.builder().sans("mx.example.net").intermediateNotCa().build();
    assertEquals(
        WebPkiFailure.CERTIFICATE_NOT_TRUSTED, failure(verify(chain, "mx.example.net", chain)));
  }

  @Test
  void noCertificateAtAllIsAValidationFailure() {
    TestPki.Chain chain = TestPki.chain("mx.example.net");
    WebPkiVerdict verdict =
        new WebPkiVerifier(List.of(chain.root().cert()))
            .verify(List.of(), "mx.example.net", TestPki.NOW);
    assertEquals(WebPkiFailure.VALIDATION_FAILURE, failure(verdict));
  }
}
