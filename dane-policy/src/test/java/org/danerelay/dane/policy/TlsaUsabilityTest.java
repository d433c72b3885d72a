package org.danerelay.dane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DANE-RULES 4: which records of a secure RRset DANE for SMTP uses. */
class TlsaUsabilityTest {

  static final String S256 = "00".repeat(32);
  static final String S512 = "00".repeat(64);

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(
            "RFC 7672 3.1.3: PKIX-TA(0) and PKIX-EE(1) are unusable",
            "0 0 1 " + S256 + ";1 1 1 " + S256,
            ""),
        Arguments.of(
            "RFC 7672 3.1: DANE-TA(2) and DANE-EE(3) are usable",
            "2 0 1 " + S256 + ";3 1 1 " + S256,
            "2 0 1;3 1 1"),
        Arguments.of(
            "RFC 6698 2.1: unknown usage, selector, matching type are unusable",
            "4 1 1 " + S256 + ";3 2 1 " + S256 + ";3 1 3 " + S256,
            ""),
        Arguments.of(
            "RFC 7671 9: digest agility keeps SHA-512 over SHA-256 per (usage, selector)",
            "3 1 1 " + S256 + ";3 1 2 " + S512 + ";3 0 1 " + S256,
            "3 1 2;3 0 1"),
        Arguments.of(
            "RFC 7671 9: full data is kept beside digests",
            "2 0 0 30;2 0 2 " + S512 + ";2 0 1 " + S256,
            "2 0 0;2 0 2"),
        Arguments.of(
            "RFC 7671 9: a malformed SHA-512 does not hide a good SHA-256",
            "3 1 2 " + S256 + ";3 1 1 " + S256,
            "3 1 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void selectsUsableRecords(String clause, String rrset, String expected) {
    List<TlsaRecord> records =
        Arrays.stream(rrset.split(";")).map(TlsaRecord::parse).collect(Collectors.toList());
    String selected =
        TlsaUsability.select(records).stream()
            .map(r -> r.usage() + " " + r.selector() + " " + r.matchingType())
            .collect(Collectors.joining(";"));
    assertEquals(expected, selected, clause);
  }
}
