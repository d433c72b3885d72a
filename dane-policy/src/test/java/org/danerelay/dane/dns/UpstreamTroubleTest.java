package org.danerelay.dane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ValidatingRecursiveServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbill.DNS.Type;

/**
 * DANE-RULES 1: timeouts and failing resolvers fail the lookup; a working one behind them is used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamTroubleTest {

  private static final Duration SHORT = Duration.ofMillis(500);

  private TestZones zones;
  private SignedZoneServer authoritative;
  private ValidatingRecursiveServer recursive;
  private SilentResolver silent;

  @BeforeAll
  void start() throws IOException {
    zones = StandardTestZones.build();
    authoritative = zones.serve();
    recursive = ValidatingRecursiveServer.in(authoritative);
    silent = new SilentResolver();
  }

  @AfterAll
  void stop() {
    silent.close();
    recursive.close();
    authoritative.close();
  }

  private ValidatingDnsLookup validating(List<InetSocketAddress> resolvers) throws IOException {
    return new ValidatingDnsLookup(
        resolvers,
        new ByteArrayInputStream(zones.trustAnchor().getBytes(StandardCharsets.US_ASCII)),
        SHORT,
        Clock.systemUTC());
  }

  @Test
  void timeoutIsAFailureOfUnknownStatusInBothModes() throws IOException {
    long start = System.nanoTime();
    DnsAnswer resolver =
        new ResolverDnsLookup(List.of(silent.address()), SHORT)
            .lookup(TestNames.of("mx.example.test"), Type.A);
    DnsAnswer validate =
        validating(List.of(silent.address())).lookup(TestNames.of("mx.example.test"), Type.A);

    for (DnsAnswer answer : List.of(resolver, validate)) {
      assertEquals(Outcome.FAILURE, answer.outcome(), answer.toString());
      assertEquals(Security.INDETERMINATE, answer.security());
      assertTrue(answer.isFailure());
    }
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "bounded wait");
  }

  @Test
  void nextResolverAnswersWhenTheFirstIsSilent() throws IOException {
    DnsAnswer resolver =
        new ResolverDnsLookup(List.of(silent.address(), recursive.address()), SHORT)
            .lookup(TestNames.of("mx.example.test"), Type.A);
    DnsAnswer validate =
        validating(List.of(silent.address(), authoritative.address()))
            .lookup(TestNames.of("mx.example.test"), Type.A);

    assertEquals(Security.SECURE, resolver.security(), resolver.toString());
    assertEquals(Security.SECURE, validate.security(), validate.toString());
  }

  @Test
  void servfailFromEveryResolverIsAFailureNotBogus() throws IOException {
    DnsAnswer answer =
        validating(List.of(authoritative.address(), authoritative.address()))
            .lookup(TestNames.of("fail.example.test"), Type.A);

    assertEquals(Outcome.FAILURE, answer.outcome());
    assertEquals(Security.INDETERMINATE, answer.security());
    assertTrue(answer.reason().contains("SERVFAIL"), answer.reason());
  }
}
