package org.danerelay.server.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.DnsLookups;
import org.danerelay.dane.sts.StsVerdict;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.server.sts.PolicyFetch.FetchFailure;
import org.danerelay.server.testing.StsPolicyServer;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching policies (RFC 8461 3.3) from a real HTTPS server on loopback, names resolved by a real
 * DNS server on loopback.
 */
class PolicyFetcherTest {

  private static final InetAddress POLICY_HOST = address("127.0.0.9");
  private static final InetAddress STALLING_HOST = address("127.0.0.10");
  private static final String POLICY =
      "version: STSv1\nmode: enforce\nmx: mx.sts.test\nmax_age: 86400\n";

  @TempDir static Path folder;
  private static SignedZoneServer dns;
  private static DnsLookup lookup;
  private static StsPolicyServer server;
  private static ServerSocket stalling;
  private static EventLoopGroup group;
  private static X509Certificate ca;

  @BeforeAll
  static void start() throws Exception {
    KeyPair caKeys = TestPki.ecKeys();
    ca = TestPki.ca("Test Root CA", caKeys);
    KeyPair keys = TestPki.ecKeys();
    X509Certificate leaf =
        TestPki.issue("mta-sts.sts.test", keys.getPublic(), ca, caKeys.getPrivate());
    server = StsPolicyServer.start(POLICY_HOST, 0, keys.getPrivate(), leaf);
    // Same port as the policy server, which the fetcher uses for every host: it accepts, never
    // answers.
    stalling = new ServerSocket(server.port(), 5, STALLING_HOST);
    TestZones zones =
        TestZones.builder()
            .signedRoot()
            .zone("sts.test", ZoneKind.UNSIGNED)
            .a("mta-sts.sts.test", POLICY_HOST.getHostAddress())
            .txt("_mta-sts.sts.test", "v=STSv1; id=1;")
            .zone("other.test", ZoneKind.UNSIGNED)
            .a("mta-sts.other.test", POLICY_HOST.getHostAddress())
            .zone("stall.test", ZoneKind.UNSIGNED)
            .a("mta-sts.stall.test", STALLING_HOST.getHostAddress())
            .build();
    dns = zones.serve();
    lookup =
        DnsLookups.create(
            List.of(dns.address()),
            DnsLookups.Mode.VALIDATE,
            Optional.of(zones.writeTrustAnchor(folder.resolve("anchors.txt"))),
            Duration.ofSeconds(2),
            Clock.systemUTC());
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    stalling.close();
    dns.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
  }

  private static PolicyFetch fetch(String domain, X509Certificate trusted) throws Exception {
    return fetcher(trusted).fetch(domain).get(10, TimeUnit.SECONDS);
  }

  private static PolicyFetcher fetcher(X509Certificate trusted) throws Exception {
    Path pem = TestPki.writeCertificates(folder.resolve("trust-" + System.nanoTime()), trusted);
    WebPkiTrust trust = WebPkiTrust.load(Optional.of(pem));
    HttpsClient https =
        new HttpsClient(
            group, lookup, trust.trustManager(), Duration.ofSeconds(2), Duration.ofSeconds(2));
    return new PolicyFetcher(https, server.port());
  }

  @Test
  void aPublishedPolicyThatCannotBeHadIsReportedAtEachPlanAndFetchedOnceInFiveMinutes()
      throws Exception {
    server.answer("mta-sts.sts.test", 500, "text/plain", "broken");
    List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    StsPolicies policies =
        new StsPolicies(
            lookup,
            fetcher(ca),
            PolicyMemory.NONE,
            Clock.systemUTC(),
            (domain, type) -> reported.add(domain + " " + type));
    long before = server.requestsFor("mta-sts.sts.test");

    assertInstanceOf(StsVerdict.NoPolicy.class, policies.policyFor("sts.test"));
    assertInstanceOf(StsVerdict.NoPolicy.class, policies.policyFor("sts.test"));

    assertEquals(before + 1, server.requestsFor("mta-sts.sts.test"));
    assertEquals(
        List.of("sts.test sts-policy-fetch-error", "sts.test sts-policy-fetch-error"), reported);
  }

  private static void assertFailure(FetchFailure kind, String reason, PolicyFetch fetch) {
    PolicyFetch.FetchFailed failed = assertInstanceOf(PolicyFetch.FetchFailed.class, fetch);
    assertEquals(kind, failed.kind(), failed.reason());
    assertTrue(failed.reason().contains(reason), failed.reason());
  }

  @Test
  void fetchesThePolicyFromTheWellKnownPathOfItsHost() throws Exception {
    server.serve("mta-sts.sts.test", POLICY);
    assertEquals(new PolicyFetch.Fetched(POLICY), fetch("sts.test", ca));
    StsPolicyServer.Request last = server.requests().get(server.requests().size() - 1);
    assertEquals("GET", last.method());
    assertEquals("/.well-known/mta-sts.txt", last.path());
  }

  @Test
  void anythingButTwoHundredIsAFetchError() throws Exception {
    server.answer("mta-sts.sts.test", 404, "text/plain", "gone");
    assertFailure(FetchFailure.FETCH_ERROR, "HTTP 404", fetch("sts.test", ca));
  }

  @Test
  void aRedirectIsNeverFollowed() throws Exception {
    server.answer("mta-sts.sts.test", 301, "text/plain", POLICY);
    assertFailure(FetchFailure.FETCH_ERROR, "redirects are not followed", fetch("sts.test", ca));
  }

  @Test
  void onlyTextPlainIsAPolicy() throws Exception {
    server.answer("mta-sts.sts.test", 200, "text/html", POLICY);
    assertFailure(FetchFailure.FETCH_ERROR, "not text/plain", fetch("sts.test", ca));
  }

  @Test
  void aBodyOver64KibIsRefused() throws Exception {
    server.serve("mta-sts.sts.test", POLICY + "x: " + "y".repeat(70 * 1024) + "\n");
    assertInstanceOf(PolicyFetch.FetchFailed.class, fetch("sts.test", ca));
  }

  @Test
  void aCertificateForAnotherNameIsWebPkiInvalid() throws Exception {
    server.serve("mta-sts.other.test", POLICY);
    assertFailure(FetchFailure.WEBPKI_INVALID, "mta-sts.other.test", fetch("other.test", ca));
  }

  @Test
  void aCertificateFromAnUntrustedRootIsWebPkiInvalid() throws Exception {
    server.serve("mta-sts.sts.test", POLICY);
    X509Certificate stranger = TestPki.ca("Another Root", TestPki.ecKeys());
    assertFailure(FetchFailure.WEBPKI_INVALID, "mta-sts.sts.test", fetch("sts.test", stranger));
  }

  @Test
  void aHostWithoutAddressIsAFetchError() throws Exception {
    assertFailure(FetchFailure.FETCH_ERROR, "no address", fetch("nowhere.test", ca));
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    assertFailure(FetchFailure.FETCH_ERROR, "no answer within", fetch("stall.test", ca));
  }

  @Test
  void aTrustStoreWithoutCertificatesIsRefusedNamingTheFile() throws Exception {
    Path empty = java.nio.file.Files.writeString(folder.resolve("empty.pem"), "not a pem\n");
    java.io.IOException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.io.IOException.class, () -> WebPkiTrust.load(Optional.of(empty)));
    assertTrue(refused.getMessage().contains("empty.pem"), refused.getMessage());
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
