package org.danerelay.server.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.sts.StsVerdict;
import org.danerelay.server.sts.PolicyFetch.FetchFailure;
import org.danerelay.server.testing.StsPolicyServer;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching policies (RFC 8461 3.3) from a real HTTPS server on loopback, names resolved by a real
 * DNS server on loopback ({@link PolicyHostsOnLoopback}).
 */
class PolicyFetcherTest {

  private static final String POLICY =
      "version: STSv1\nmode: enforce\nmx: mx.sts.test\nmax_age: 86400\n";
  private static final Duration QUICK = Duration.ofSeconds(5);
  private static final Duration SHORT = Duration.ofMillis(400);

  @TempDir static Path folder;
  private static PolicyHostsOnLoopback peers;
  private static StsPolicyServer server;

  @BeforeAll
  static void start() throws Exception {
    peers = new PolicyHostsOnLoopback(folder);
    server = peers.server;
  }

  @AfterAll
  static void stop() throws Exception {
    peers.close();
  }

  private static PolicyFetch fetch(String domain) throws Exception {
    return fetch(domain, peers.ca, QUICK);
  }

  private static PolicyFetch fetch(String domain, X509Certificate trusted, Duration timeout)
      throws Exception {
    return peers.fetcher(trusted, timeout).fetch(domain).get(10, TimeUnit.SECONDS);
  }

  private static void assertFailure(FetchFailure kind, String reason, PolicyFetch fetch) {
    PolicyFetch.FetchFailed failed = assertInstanceOf(PolicyFetch.FetchFailed.class, fetch);
    assertEquals(kind, failed.kind(), failed.reason());
    assertTrue(failed.reason().contains(reason), failed.reason());
    assertTrue(failed.reason().length() < 200, failed.reason());
  }

  @Test
  void fetchesThePolicyFromTheWellKnownPathOfItsHostNamedBySni() throws Exception {
    server.serve("mta-sts.sts.test", POLICY);

    assertEquals(new PolicyFetch.Fetched(POLICY), fetch("sts.test"));

    StsPolicyServer.Request last = server.requests().get(server.requests().size() - 1);
    assertEquals("GET", last.method());
    assertEquals("/.well-known/mta-sts.txt", last.path());
    assertEquals("mta-sts.sts.test", last.host());
    assertEquals("mta-sts.sts.test", last.serverName());
  }

  @Test
  void takesTextPlainWhateverItsParametersAndCase() throws Exception {
    server.answer("mta-sts.sts.test", 200, "Text/Plain ; charset=ISO-8859-1", POLICY);
    assertEquals(new PolicyFetch.Fetched(POLICY), fetch("sts.test"));
  }

  @Test
  void anythingButTwoHundredIsAFetchError() throws Exception {
    server.answer("mta-sts.sts.test", 404, "text/plain", "gone");
    assertFailure(FetchFailure.FETCH_ERROR, "HTTP 404", fetch("sts.test"));
  }

  @Test
  void aRedirectIsNeverFollowedRfc8461Section33() throws Exception {
    server.redirect("mta-sts.sts.test", "https://mta-sts.stall.test/.well-known/mta-sts.txt");
    long toTarget = server.requestsFor("mta-sts.stall.test");

    assertFailure(
        FetchFailure.FETCH_ERROR, "HTTP 301: redirects are not followed", fetch("sts.test"));

    assertEquals(toTarget, server.requestsFor("mta-sts.stall.test"));
  }

  @Test
  void onlyTextPlainIsAPolicyRfc8461Section32() throws Exception {
    server.answer("mta-sts.sts.test", 200, "text/html", POLICY);
    assertFailure(
        FetchFailure.FETCH_ERROR, "media type text/html, not text/plain", fetch("sts.test"));
  }

  @Test
  void aBodyOf64KibIsStillTaken() throws Exception {
    String policy = POLICY + "x: " + "y".repeat(64 * 1024 - POLICY.length() - 4) + "\n";
    assertEquals(64 * 1024, policy.length());
    server.serve("mta-sts.sts.test", policy);
    assertEquals(new PolicyFetch.Fetched(policy), fetch("sts.test"));
  }

  @Test
  void aBodyOver64KibIsAFetchError() throws Exception {
    server.serve("mta-sts.sts.test", POLICY + "x: " + "y".repeat(64 * 1024) + "\n");
    assertFailure(FetchFailure.FETCH_ERROR, "response body over 65536 bytes", fetch("sts.test"));
  }

  @Test
  void aServerThatTakesTheRequestAndNeverAnswersTimesOut() throws Exception {
    server.stall("mta-sts.stall.test");
    long before = server.requestsFor("mta-sts.stall.test");

    assertFailure(
        FetchFailure.FETCH_ERROR,
        "mta-sts.stall.test: no response within 400ms",
        fetch("stall.test", peers.ca, SHORT));

    assertEquals(before + 1, server.requestsFor("mta-sts.stall.test"));
  }

  @Test
  void aServerThatNeverStartsTlsTimesOut() throws Exception {
    assertFailure(
        FetchFailure.FETCH_ERROR,
        "no response within 400ms",
        fetch("silent.test", peers.ca, SHORT));
  }

  @Test
  void aCertificateForAnotherNameIsWebPkiInvalid() throws Exception {
    server.serve("mta-sts.other.test", POLICY);
    assertFailure(
        FetchFailure.WEBPKI_INVALID,
        "mta-sts.other.test: certificate refused: ",
        fetch("other.test"));
    assertEquals(0, server.requestsFor("mta-sts.other.test"));
  }

  @Test
  void aCertificateFromACaOutsideTheTrustStoreIsWebPkiInvalid() throws Exception {
    server.serve("mta-sts.sts.test", POLICY);
    X509Certificate stranger = TestPki.ca("Another Root", TestPki.ecKeys());
    assertFailure(
        FetchFailure.WEBPKI_INVALID,
        "mta-sts.sts.test: certificate refused: ",
        fetch("sts.test", stranger, QUICK));
  }

  @Test
  void anExpiredCertificateIsWebPkiInvalid() throws Exception {
    server.serve("mta-sts.expired.test", POLICY);
    assertFailure(
        FetchFailure.WEBPKI_INVALID,
        "mta-sts.expired.test: certificate refused: expired",
        fetch("expired.test"));
  }

  @Test
  void aHostWithoutAddressIsAFetchError() throws Exception {
    assertFailure(
        FetchFailure.FETCH_ERROR, "no address for mta-sts.nowhere.test", fetch("nowhere.test"));
  }

  @Test
  void aHostWhoseLookupFailsIsAFetchError() throws Exception {
    assertFailure(
        FetchFailure.FETCH_ERROR, "cannot resolve mta-sts.broken.test", fetch("broken.test"));
  }

  @Test
  void theResultTypesAreRfc8460s() {
    assertEquals("sts-policy-fetch-error", FetchFailure.FETCH_ERROR.resultType());
    assertEquals("sts-webpki-invalid", FetchFailure.WEBPKI_INVALID.resultType());
  }

  @Test
  void aPublishedPolicyThatCannotBeHadIsReportedAtEachPlanAndFetchedOnceInFiveMinutes()
      throws Exception {
    server.answer("mta-sts.sts.test", 500, "text/plain", "broken");
    List<String> reported = new CopyOnWriteArrayList<>();
    StsPolicies policies =
        new StsPolicies(
            peers.dns,
            peers.fetcher(peers.ca, QUICK),
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
}
