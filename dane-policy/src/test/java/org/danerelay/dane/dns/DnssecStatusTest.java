package org.danerelay.dane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ValidatingRecursiveServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DANE-RULES section 1 (RFC 7672 2.1) against zones signed at test time: every case in both modes,
 * validating in process against the authoritative server, and trusting the AD bit of a validating
 * recursive in front of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnssecStatusTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private SignedZoneServer authoritative;
  private ValidatingRecursiveServer recursive;
  private DnsLookup validating;
  private DnsLookup resolver;

  @BeforeAll
  void startServers() throws IOException {
    TestZones zones = StandardTestZones.build();
    authoritative = zones.serve();
    recursive = ValidatingRecursiveServer.in(authoritative);
    validating =
        new ValidatingDnsLookup(
            List.of(authoritative.address()),
            new ByteArrayInputStream(zones.trustAnchor().getBytes(StandardCharsets.US_ASCII)),
            TIMEOUT,
            Clock.systemUTC());
    resolver = new ResolverDnsLookup(List.of(recursive.address()), TIMEOUT);
  }

  @AfterAll
  void stopServers() {
    recursive.close();
    authoritative.close();
  }

  /** One case: what to ask, and what each mode must conclude. */
  record Case(
      String name,
      int type,
      Outcome outcome,
      Security validateSays,
      Security resolverSays,
      List<String> aliases) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "1 signed A record is SECURE",
            "mx.example.test",
            Type.A,
            Outcome.RECORDS,
            Security.SECURE),
        row(
            "2.2.1 signed MX RRset is SECURE",
            "example.test",
            Type.MX,
            Outcome.RECORDS,
            Security.SECURE),
        row(
            "1 data below an insecure delegation is INSECURE",
            "mx.insecure.test",
            Type.A,
            Outcome.RECORDS,
            Security.INSECURE),
        row(
            "2.1 bogus is a failure, never insecure (zone key not named by the parent's DS)",
            "mx.bogus.test",
            Type.A,
            Outcome.FAILURE,
            Security.BOGUS),
        row(
            "2.1 bogus is a failure, never insecure (expired signatures)",
            "mx.expired.test",
            Type.A,
            Outcome.FAILURE,
            Security.BOGUS),
        row(
            "1 SERVFAIL is a failure of unknown status",
            "fail.example.test",
            Type.A,
            Outcome.FAILURE,
            Security.INDETERMINATE),
        row(
            "3 secure NXDOMAIN is a SECURE denial",
            "nowhere.example.test",
            Type.A,
            Outcome.NXDOMAIN,
            Security.SECURE),
        row(
            "3 secure NODATA is a SECURE denial",
            "mx.example.test",
            Type.AAAA,
            Outcome.NODATA,
            Security.SECURE),
        row(
            "2.2.2 CNAME secure to secure is SECURE, alias listed",
            "alias.example.test",
            Type.A,
            Outcome.RECORDS,
            Security.SECURE,
            "alias.example.test."),
        row(
            "2.2.2 CNAME secure to insecure makes the chain INSECURE",
            "out.example.test",
            Type.A,
            Outcome.RECORDS,
            Security.INSECURE,
            "out.example.test."),
        row(
            "3 CNAME to a name that does not exist is a SECURE NXDOMAIN of the target",
            "dangling.example.test",
            Type.A,
            Outcome.NXDOMAIN,
            Security.SECURE,
            "dangling.example.test."),
        row(
            "1 TLSA RRset too large for UDP is answered over TCP, SECURE",
            "_25._tcp.big.example.test",
            Type.TLSA,
            Outcome.RECORDS,
            Security.SECURE),
        row(
            "3 signed TLSA record is SECURE",
            "_25._tcp.mx.example.test",
            Type.TLSA,
            Outcome.RECORDS,
            Security.SECURE));
  }

  private static Arguments row(
      String clause, String name, int type, Outcome outcome, Security security, String... aliases) {
    // the resolver mode only sees SERVFAIL for bogus data: unknown status, still a failure
    Security resolverSays = security == Security.BOGUS ? Security.INDETERMINATE : security;
    return Arguments.of(
        clause, new Case(name, type, outcome, security, resolverSays, List.of(aliases)));
  }

  @ParameterizedTest(name = "validate: {0}")
  @MethodSource("cases")
  void validatingModeJudgesAsTheRulesSay(String clause, Case c) throws TextParseException {
    check(validating.lookup(name(c.name()), c.type()), c, c.validateSays());
  }

  @ParameterizedTest(name = "resolver: {0}")
  @MethodSource("cases")
  void resolverModeJudgesAsTheRulesSay(String clause, Case c) throws TextParseException {
    check(resolver.lookup(name(c.name()), c.type()), c, c.resolverSays());
  }

  private static void check(DnsAnswer answer, Case c, Security expected) {
    assertEquals(c.outcome(), answer.outcome(), answer.toString());
    assertEquals(expected, answer.security(), answer.toString());
    List<String> aliases = new ArrayList<>();
    answer.aliases().forEach(a -> aliases.add(a.toString()));
    assertEquals(c.aliases(), aliases);
    if (expected.isFailure()) {
      assertTrue(answer.isFailure());
      assertFalse(answer.isSecure());
      assertFalse(answer.reason().isEmpty(), "a failure says why");
    }
  }

  @Test
  void bogusAnswerCarriesTheValidatorsReason() throws TextParseException {
    DnsAnswer answer = validating.lookup(name("mx.bogus.test"), Type.A);
    assertTrue(answer.reason().contains("bogus.test"), answer.reason());
  }

  @Test
  void largeTlsaSetArrivesWholeAfterTruncationInBothModes() throws TextParseException {
    Name big = name("_25._tcp.big.example.test");
    int authTcpBefore = authoritative.tcpQueries();
    int recursiveTcpBefore = recursive.tcpQueries();
    assertEquals(
        StandardTestZones.BIG_TLSA_COUNT, validating.lookup(big, Type.TLSA).records().size());
    assertEquals(
        StandardTestZones.BIG_TLSA_COUNT, resolver.lookup(big, Type.TLSA).records().size());
    assertTrue(authoritative.truncatedResponses() > 0, "UDP answer was truncated");
    assertTrue(authoritative.tcpQueries() > authTcpBefore, "validating mode retried over TCP");
    assertTrue(recursive.tcpQueries() > recursiveTcpBefore, "resolver mode retried over TCP");
  }

  @Test
  void ttlIsTheSmallestOfTheChain() throws TextParseException {
    assertEquals(60, validating.lookup(name("short.example.test"), Type.A).ttlSeconds());
    assertEquals(60, resolver.lookup(name("short.example.test"), Type.A).ttlSeconds());
    assertEquals(3600, validating.lookup(name("mx.example.test"), Type.A).ttlSeconds());
  }

  @Test
  void negativeTtlIsTheSoaMinimum() throws TextParseException {
    // RFC 2308 5: min(SOA TTL 3600, SOA MINIMUM 300)
    assertEquals(300, validating.lookup(name("nowhere.example.test"), Type.A).ttlSeconds());
    assertEquals(300, resolver.lookup(name("mx.example.test"), Type.AAAA).ttlSeconds());
  }

  static Name name(String text) throws TextParseException {
    return Name.fromString(text, Name.root);
  }
}
