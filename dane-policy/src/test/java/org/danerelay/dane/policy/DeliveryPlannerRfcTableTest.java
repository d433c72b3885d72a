package org.danerelay.dane.policy;

import static org.danerelay.dane.dns.Security.BOGUS;
import static org.danerelay.dane.dns.Security.INDETERMINATE;
import static org.danerelay.dane.dns.Security.INSECURE;
import static org.danerelay.dane.dns.Security.SECURE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.danerelay.dane.dns.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/**
 * The RFC 7672 2.2 decision table at level {@code dane}, one named row per clause: a zone served by
 * {@link FakeDns} and the plan it must produce, as a {@link PlanSummary}.
 */
class DeliveryPlannerRfcTableTest {

  static final String EE = "3 1 1 " + FakeDns.sha256Hex(1);
  static final String EE2 = "3 1 1 " + FakeDns.sha256Hex(2);

  /** A fully signed destination: one MX host with a 3 1 1 record. */
  static FakeDns signed() {
    return new FakeDns()
        .mx("example.org", SECURE, "10 mx1.example.org")
        .host("mx1.example.org", SECURE, "192.0.2.1")
        .tlsa("mx1.example.org", SECURE, EE);
  }

  static Arguments row(String name, Consumer<FakeDns> zone, String expected) {
    return Arguments.of(name, zone, expected);
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "RFC 7672 2.2.1: secure MX, secure host, usable TLSA: DANE, logged (DNSSEC)",
            z -> {},
            "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"),
        row(
            "RFC 7672 2.2.1: failed MX lookup defers the destination with 4.4.3",
            z -> z.answer("example.org", Type.MX, Outcome.FAILURE, INDETERMINATE),
            "defer 4.4.3"),
        row(
            "RFC 7672 2.2.1: BOGUS MX RRset defers with 4.7.5, never downgrades",
            z -> z.mx("example.org", BOGUS, "10 mx1.example.org"),
            "defer 4.7.5"),
        row(
            "RFC 7672 2.1: INDETERMINATE MX answer is a failure: 4.4.3",
            z -> z.mx("example.org", INDETERMINATE, "10 mx1.example.org"),
            "defer 4.4.3"),
        row(
            "RFC 7505 3: null MX bounces with 5.1.10",
            z -> z.mx("example.org", SECURE, "0 ."),
            "bounce 5.1.10"),
        row(
            "RFC 7505 3: insecure null MX bounces too",
            z -> z.mx("example.org", INSECURE, "0 ."),
            "bounce 5.1.10"),
        row(
            "RFC 7505 3: a '.' target among other MX records is ignored",
            z -> z.mx("example.org", SECURE, "0 .", "10 mx1.example.org"),
            "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"),
        row(
            "RFC 5321 5.1: NXDOMAIN for the domain bounces with 5.1.2",
            z -> z.answer("example.org", Type.MX, Outcome.NXDOMAIN, SECURE),
            "bounce 5.1.2"),
        row(
            "RFC 5321 5.1: an INSECURE NXDOMAIN is still NXDOMAIN: 5.1.2",
            z -> z.answer("example.org", Type.MX, Outcome.NXDOMAIN, INSECURE),
            "bounce 5.1.2"),
        row(
            "RFC 7672 2.1: a BOGUS NXDOMAIN is a failure, not a bounce: 4.7.5",
            z -> z.answer("example.org", Type.MX, Outcome.NXDOMAIN, BOGUS),
            "defer 4.7.5"),
        row(
            "RFC 5321 5.1: no MX (NODATA): the domain is its implicit MX; secure: DANE",
            z ->
                z.answer("example.org", Type.MX, Outcome.NODATA, SECURE)
                    .host("example.org", SECURE, "192.0.2.9")
                    .tlsa("example.org", SECURE, EE),
            "example.org 192.0.2.9 dane@example.org dnssec"),
        row(
            "RFC 7672 2.2.2: insecure implicit MX: opportunistic",
            z ->
                z.answer("example.org", Type.MX, Outcome.NODATA, INSECURE)
                    .host("example.org", INSECURE, "192.0.2.9"),
            "example.org 192.0.2.9 may"),
        row(
            "RFC 7672 2.2.2: implicit MX via a secure CNAME: expanded name's TLSA first",
            z ->
                z.cname("example.org", "mail.example.net", SECURE)
                    .answer("mail.example.net", Type.MX, Outcome.NODATA, SECURE)
                    .host("mail.example.net", SECURE, "192.0.2.9")
                    .tlsa("mail.example.net", SECURE, EE),
            "example.org->mail.example.net 192.0.2.9 dane@mail.example.net dnssec"),
        row(
            "RFC 7672 2.2.1: insecure MX, secure host: TLSA still applies, not logged (DNSSEC)",
            z -> z.mx("example.org", INSECURE, "10 mx1.example.org"),
            "mx1.example.org 192.0.2.1 dane@mx1.example.org"),
        row(
            "RFC 7672 2.2.1: secure MX, insecure host: no DANE, opportunistic",
            z -> z.host("mx1.example.org", INSECURE, "192.0.2.1"),
            "mx1.example.org 192.0.2.1 may"),
        row(
            "RFC 7672 2.2.1: MX target through a secure CNAME: secure host",
            z ->
                z.mx("example.org", SECURE, "10 mx.example.org")
                    .cname("mx.example.org", "mx1.example.org", SECURE),
            "mx.example.org->mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"),
        row(
            "RFC 7672 2.2.1: MX target through an insecure CNAME link: no TLSA",
            z ->
                z.mx("example.org", SECURE, "10 mx.example.org")
                    .cname("mx.example.org", "mx1.example.org", INSECURE),
            "mx.example.org->mx1.example.org 192.0.2.1 may"),
        row(
            "DANE-RULES 2: BOGUS address records skip that host, not the destination",
            z ->
                z.mx("example.org", SECURE, "10 mx0.example.org", "20 mx1.example.org")
                    .host("mx0.example.org", BOGUS, "192.0.2.7"),
            "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"),
        row(
            "DANE-RULES 2: BOGUS addresses of the only host defer with 4.7.5",
            z -> z.host("mx1.example.org", BOGUS, "192.0.2.1"),
            "defer 4.7.5"),
        row(
            "DANE-RULES 2: a failed AAAA lookup skips the host; none left: 4.4.3",
            z -> z.answer("mx1.example.org", Type.AAAA, Outcome.FAILURE, INDETERMINATE),
            "defer 4.4.3"),
        row(
            "RFC 5321 5.1: a host without address records is skipped; none left: 4.4.4",
            z -> z.host("mx1.example.org", SECURE),
            "defer 4.4.4"),
        row(
            "RFC 7672 2.2.3: TLSA lookup failure skips the host, next MX is tried",
            z ->
                z.mx("example.org", SECURE, "10 mx1.example.org", "20 mx2.example.org")
                    .answer("_25._tcp.mx1.example.org", Type.TLSA, Outcome.FAILURE, INDETERMINATE)
                    .host("mx2.example.org", INSECURE, "192.0.2.2"),
            "mx2.example.org 192.0.2.2 may"),
        row(
            "RFC 7672 2.2.3: BOGUS TLSA on the only host defers with 4.7.5",
            z -> z.tlsa("mx1.example.org", BOGUS, EE),
            "defer 4.7.5"),
        row(
            "RFC 7672 2.2.3: secure NODATA for TLSA: no DANE, opportunistic",
            z -> z.tlsa("mx1.example.org", SECURE),
            "mx1.example.org 192.0.2.1 may dnssec"),
        row(
            "RFC 7672 2.2.3: secure NXDOMAIN for TLSA: no DANE, opportunistic",
            z -> z.answer("_25._tcp.mx1.example.org", Type.TLSA, Outcome.NXDOMAIN, SECURE),
            "mx1.example.org 192.0.2.1 may dnssec"),
        row(
            "RFC 7672 2.2.3: TLSA owner through a secure CNAME: DANE",
            z ->
                z.cname("_25._tcp.mx1.example.org", "_dane.example.net", SECURE)
                    .tlsa("_dane.example.net", 0, SECURE, EE),
            "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"),
        row(
            "RFC 7672 2.2.3: TLSA owner through an insecure CNAME: not DANE",
            z ->
                z.cname("_25._tcp.mx1.example.org", "_dane.example.net", INSECURE)
                    .tlsa("_dane.example.net", 0, SECURE, EE),
            "mx1.example.org 192.0.2.1 may dnssec"),
        row(
            "RFC 7672 2.2.3: expanded CNAME name tried first",
            z ->
                z.mx("example.org", SECURE, "10 mx.example.org")
                    .cname("mx.example.org", "mx1.example.org", SECURE)
                    .tlsa("mx.example.org", SECURE, EE2),
            "mx.example.org->mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"),
        row(
            "RFC 7672 2.2.3: original name tried when the expanded name has no TLSA",
            z ->
                z.mx("example.org", SECURE, "10 mx.example.org")
                    .cname("mx.example.org", "mx1.example.org", SECURE)
                    .tlsa("mx1.example.org", SECURE)
                    .tlsa("mx.example.org", SECURE, EE2),
            "mx.example.org->mx1.example.org 192.0.2.1 dane@mx.example.org dnssec"),
        row(
            "RFC 7672 2.2.3: insecure TLSA at the expanded name: the original name is tried",
            z ->
                z.mx("example.org", SECURE, "10 mx.example.org")
                    .cname("mx.example.org", "mx1.example.org", SECURE)
                    .tlsa("mx1.example.org", INSECURE, EE)
                    .tlsa("mx.example.org", SECURE, EE2),
            "mx.example.org->mx1.example.org 192.0.2.1 dane@mx.example.org dnssec"),
        row(
            "RFC 7672 2.2.3: failure at the expanded name skips the host; original not asked",
            z ->
                z.mx("example.org", SECURE, "10 mx.example.org")
                    .cname("mx.example.org", "mx1.example.org", SECURE)
                    .tlsa("mx1.example.org", BOGUS, EE)
                    .tlsa("mx.example.org", SECURE, EE2),
            "defer 4.7.5"),
        row(
            "RFC 7672 3.1.3: only PKIX-TA/PKIX-EE records: present but unusable: encrypt",
            z -> z.tlsa("mx1.example.org", SECURE, "1 1 1 " + FakeDns.sha256Hex(3)),
            "mx1.example.org 192.0.2.1 encrypt dnssec"),
        row(
            "RFC 7671 5: a digest of the wrong length is unusable: encrypt",
            z -> z.tlsa("mx1.example.org", SECURE, "3 1 1 00ff"),
            "mx1.example.org 192.0.2.1 encrypt dnssec"),
        row(
            "RFC 7672 3.1: one usable record among unusable ones: DANE",
            z -> z.tlsa("mx1.example.org", SECURE, "0 0 1 " + FakeDns.sha256Hex(3), EE),
            "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"),
        row(
            "RFC 5321 5.1: MX hosts in preference order, whatever the RRset order",
            z ->
                z.mx("example.org", SECURE, "20 mx2.example.org", "10 mx1.example.org")
                    .host("mx2.example.org", INSECURE, "192.0.2.2"),
            "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec | mx2.example.org 192.0.2.2 may"),
        row(
            "DANE-RULES 2: every address an attempt, IPv6 before IPv4, one TLSA policy per host",
            z -> z.host("mx1.example.org", SECURE, "192.0.2.1", "2001:db8::1"),
            "mx1.example.org 2001:db8:0:0:0:0:0:1 dane@mx1.example.org dnssec"
                + " | mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void planMatchesTheRfcRow(String clause, Consumer<FakeDns> zone, String expected) {
    FakeDns dns = signed();
    zone.accept(dns);
    DeliveryPlanner planner = new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE, Map.of());
    assertEquals(expected, PlanSummary.of(planner.plan("example.org")), clause);
  }
}
