package org.danerelay.dane.dns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ValidatingRecursiveServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** DANE-RULES 1: at start-up, the chosen mode must yield SECURE for the signed root, or say why. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnssecSelfCheckTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private TestZones zones;
  private SignedZoneServer authoritative;
  private ValidatingRecursiveServer recursive;
  @TempDir Path dir;

  @BeforeAll
  void startServers() throws IOException {
    zones = StandardTestZones.build();
    authoritative = zones.serve();
    recursive = ValidatingRecursiveServer.in(authoritative);
  }

  @AfterAll
  void stopServers() {
    recursive.close();
    authoritative.close();
  }

  @Test
  void passesInValidateModeAgainstTheSignedRoot() throws IOException {
    Path anchors = zones.writeTrustAnchor(dir.resolve("root.ds"));
    DnsLookup lookup =
        DnsLookups.create(
            List.of(authoritative.address()),
            DnsLookups.Mode.VALIDATE,
            Optional.of(anchors),
            TIMEOUT,
            Clock.systemUTC());

    DnssecSelfCheck.Result result =
        new DnssecSelfCheck(lookup, DnsLookups.Mode.VALIDATE, List.of(authoritative.address()))
            .checkRoot();

    assertTrue(result.ok(), result.message());
  }

  @Test
  void passesInResolverModeBehindAValidatingResolver() throws IOException {
    List<java.net.InetSocketAddress> resolvers = List.of(recursive.address());
    DnsLookup lookup =
        DnsLookups.create(
            resolvers, DnsLookups.Mode.RESOLVER, Optional.empty(), TIMEOUT, Clock.systemUTC());

    DnssecSelfCheck.Result result =
        new DnssecSelfCheck(lookup, DnsLookups.Mode.RESOLVER, resolvers).checkRoot();

    assertTrue(result.ok(), result.message());
  }

  @Test
  void failsClearlyAgainstAResolverThatNeverSetsAd() throws IOException {
    // the authoritative server answers signed data but never validates, so never sets AD
    List<java.net.InetSocketAddress> resolvers = List.of(authoritative.address());
    DnsLookup lookup =
        DnsLookups.create(
            resolvers, DnsLookups.Mode.RESOLVER, Optional.empty(), TIMEOUT, Clock.systemUTC());

    DnssecSelfCheck.Result result =
        new DnssecSelfCheck(lookup, DnsLookups.Mode.RESOLVER, resolvers).checkRoot();

    assertFalse(result.ok());
    String where = "127.0.0.1:" + authoritative.port();
    assertTrue(
        result.message().startsWith("dns.dnssec=resolver but resolver " + where), result.message());
    assertTrue(result.message().contains("does not set the AD bit"), result.message());
    assertTrue(result.message().contains("every signed domain would look insecure"));
  }

  @Test
  void failsClearlyWhenTheTrustAnchorDoesNotMatch() throws IOException {
    TestZones other = TestZones.builder().signedRoot().build();
    Path wrongAnchor = other.writeTrustAnchor(dir.resolve("other.ds"));
    List<java.net.InetSocketAddress> resolvers = List.of(authoritative.address());
    DnsLookup lookup =
        DnsLookups.create(
            resolvers,
            DnsLookups.Mode.VALIDATE,
            Optional.of(wrongAnchor),
            TIMEOUT,
            Clock.systemUTC());

    DnssecSelfCheck.Result result =
        new DnssecSelfCheck(lookup, DnsLookups.Mode.VALIDATE, resolvers)
            .check(TestNames.of("example.test"), Type.MX);

    assertFalse(result.ok());
    assertTrue(result.message().contains("BOGUS"), result.message());
    assertTrue(result.message().contains("trust anchor"), result.message());
  }

  @Test
  void failsClearlyWhenNoResolverAnswers() throws IOException {
    try (SilentResolver silent = new SilentResolver()) {
      List<java.net.InetSocketAddress> resolvers = List.of(silent.address());
      DnsLookup lookup =
          DnsLookups.create(
              resolvers,
              DnsLookups.Mode.RESOLVER,
              Optional.empty(),
              Duration.ofMillis(200),
              Clock.systemUTC());

      DnssecSelfCheck.Result result =
          new DnssecSelfCheck(lookup, DnsLookups.Mode.RESOLVER, resolvers).checkRoot();

      assertFalse(result.ok());
      assertTrue(result.message().contains("could not be resolved"), result.message());
    }
  }
}
