package org.danerelay.dane.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.DaneVerdict.Authenticated;
import org.danerelay.dane.verify.DaneVerdict.NotAuthenticated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every usable usage, selector and matching type (RFC 6698 2.1, RFC 7672 3.1.1-3.1.2) matches the
 * certificate it designates, and a record with other data does not.
 */
class MatchingMatrixTest {

  private static final TestPki.Chain CHAIN = TestPki.chain("mx.example.com");
  private static final TestPki.Chain OTHER = TestPki.chain("mx.example.com");
  private final DaneVerifier verifier = new DaneVerifier();

  static Stream<Arguments> rows() {
    Stream.Builder<Arguments> rows = Stream.builder();
    for (int usage : new int[] {2, 3}) {
      for (int selector : new int[] {0, 1}) {
        for (int matching : new int[] {0, 1, 2}) {
          String target =
              usage == 3 ? "leaf (DANE-EE, RFC 7672 3.1.1)" : "issuing CA (DANE-TA, 3.1.2)";
          rows.add(
              Arguments.of(
                  "RFC 6698 2.1: "
                      + usage
                      + " "
                      + selector
                      + " "
                      + matching
                      + " matches the "
                      + target,
                  usage,
                  selector,
                  matching));
        }
      }
    }
    return rows.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void recordAuthenticatesTheCertificateItDesignates(
      String row, int usage, int selector, int matching) {
    X509Certificate target = usage == 3 ? CHAIN.leaf().cert() : CHAIN.intermediate().cert();
    TlsaRecord record = Tlsa.of(usage, selector, matching, target);

    DaneVerdict verdict =
        verifier.verify(CHAIN.presented(), List.of(record), List.of("mx.example.com"), TestPki.NOW);

    Authenticated authenticated =
        assertInstanceOf(Authenticated.class, verdict, verdict.toString());
    assertEquals(record, authenticated.matched());
    assertEquals(usage == 3 ? 0 : 1, authenticated.depth());
  }

  @ParameterizedTest(name = "{0}, but not with another certificate's data")
  @MethodSource("rows")
  void recordWithOtherDataMatchesNothing(String row, int usage, int selector, int matching) {
    // Another hierarchy's certificate with the same names: a full 2 0 0 / 2 1 0 record of it is
    // a trust anchor from DNS (RFC 7671 5.2.2) that did not issue this chain.
    X509Certificate other = usage == 3 ? OTHER.leaf().cert() : OTHER.intermediate().cert();
    TlsaRecord record = Tlsa.of(usage, selector, matching, other);

    DaneVerdict verdict =
        verifier.verify(CHAIN.presented(), List.of(record), List.of("mx.example.com"), TestPki.NOW);

    NotAuthenticated refused = assertInstanceOf(NotAuthenticated.class, verdict);
    String expected =
        usage == 2 && matching == 0
            ? "chain from the DANE-TA anchor fails: no path from the leaf to the trust anchor"
            : "no TLSA record matches the chain";
    assertTrue(refused.reason().startsWith(expected), refused.reason());
  }
}
