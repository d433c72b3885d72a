package org.danerelay.dane.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.DaneVerdict.Authenticated;
import org.danerelay.dane.verify.DaneVerdict.NotAuthenticated;
import org.junit.jupiter.api.Test;

/**
 * Which records take part: usable ones only (RFC 7672 3.1.3), after digest agility (RFC 7671 9).
 */
class DigestAgilityTest {

  private static final List<String> NAMES = List.of("mx.example.com");
  private final TestPki.Chain chain = TestPki.chain("mx.example.com");
  private final DaneVerifier verifier = new DaneVerifier();

  private DaneVerdict verify(TlsaRecord... records) {
    return verifier.verify(chain.presented(), List.of(records), NAMES, TestPki.NOW);
  }

  @Test
  void rfc7671Section9MatchingSha256IsIgnoredWhenSha512ExistsForTheSameUsageAndSelector() {
    TlsaRecord weakMatch = Tlsa.of(3, 1, 1, chain.leaf().cert());
    TlsaRecord strongMiss = Tlsa.wrong(Tlsa.of(3, 1, 2, chain.leaf().cert()));
    assertEquals(
        new NotAuthenticated("no TLSA record matches the chain"), verify(weakMatch, strongMiss));
  }

  @Test
  void rfc7671Section9AppliesToDaneTaToo() {
    TlsaRecord weakMatch = Tlsa.of(2, 0, 1, chain.intermediate().cert());
    TlsaRecord strongMiss = Tlsa.wrong(Tlsa.of(2, 0, 2, chain.intermediate().cert()));
    assertInstanceOf(NotAuthenticated.class, verify(weakMatch, strongMiss));
  }

  @Test
  void rfc7671Section9AgilityIsPerUsageAndSelector() {
    TlsaRecord strongMissSpki = Tlsa.wrong(Tlsa.of(3, 1, 2, chain.leaf().cert()));
    TlsaRecord weakMatchCert = Tlsa.of(3, 0, 1, chain.leaf().cert());
    Authenticated verdict =
        assertInstanceOf(Authenticated.class, verify(strongMissSpki, weakMatchCert));
    assertEquals(weakMatchCert, verdict.matched());
  }

  @Test
  void rfc7671Section9FullRecordsTakePartBesideTheStrongestDigest() {
    TlsaRecord fullMatch = Tlsa.of(3, 1, 0, chain.leaf().cert());
    TlsaRecord strongMiss = Tlsa.wrong(Tlsa.of(3, 1, 2, chain.leaf().cert()));
    assertEquals(fullMatch, ((Authenticated) verify(strongMiss, fullMatch)).matched());
  }

  @Test
  void rfc7671Section9MalformedStrongDigestIsDiscardedBeforeAgility() {
    TlsaRecord weakMatch = Tlsa.of(3, 1, 1, chain.leaf().cert());
    TlsaRecord shortSha512 = new TlsaRecord(3, 1, 2, new byte[32]); // SHA-512 is 64 bytes
    assertInstanceOf(Authenticated.class, verify(weakMatch, shortSha512));
  }

  @Test
  void rfc7671Section9UnknownMatchingTypeIsDiscardedBeforeAgility() {
    TlsaRecord weakMatch = Tlsa.of(3, 1, 1, chain.leaf().cert());
    TlsaRecord unknown = new TlsaRecord(3, 1, 3, new byte[64]);
    assertInstanceOf(Authenticated.class, verify(unknown, weakMatch));
  }

  @Test
  void rfc7672Section3_1_3PkixOnlyRecordSetIsNotUsable() {
    TlsaRecord pkixTa = Tlsa.of(0, 0, 1, chain.root().cert());
    TlsaRecord pkixEe = Tlsa.of(1, 1, 1, chain.leaf().cert());
    assertEquals(new NotAuthenticated("no usable TLSA records"), verify(pkixTa, pkixEe));
  }

  @Test
  void rfc7672Section3_1_3EmptyRecordSetIsNotUsable() {
    assertEquals(new NotAuthenticated("no usable TLSA records"), verify());
  }

  @Test
  void rfc7672Section3_1_3UnknownUsageAndSelectorAreNotUsable() {
    TlsaRecord usage4 = new TlsaRecord(4, 1, 1, Tlsa.of(3, 1, 1, chain.leaf().cert()).data());
    TlsaRecord selector2 = new TlsaRecord(3, 2, 1, Tlsa.of(3, 1, 1, chain.leaf().cert()).data());
    assertEquals(new NotAuthenticated("no usable TLSA records"), verify(usage4, selector2));
  }

  @Test
  void rfc7672Section3_1_3PkixRecordsBesideDaneRecordsAreIgnored() {
    TlsaRecord pkixEe = Tlsa.of(1, 1, 1, chain.leaf().cert());
    TlsaRecord daneTa = Tlsa.of(2, 1, 1, chain.root().cert());
    assertEquals(daneTa, ((Authenticated) verify(pkixEe, daneTa)).matched());
  }

  @Test
  void daneEeMatchIsPreferredOverDaneTa() {
    TlsaRecord daneTa = Tlsa.of(2, 1, 1, chain.root().cert());
    TlsaRecord daneEe = Tlsa.of(3, 1, 1, chain.leaf().cert());
    assertEquals(daneEe, ((Authenticated) verify(daneTa, daneEe)).matched());
  }
}
