package org.danerelay.server.sts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.danerelay.server.testing.StsPolicyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS client that policy fetches and TLSRPT posts share, against a real server on loopback
 * ({@link PolicyHostsOnLoopback}): it reports what the server said and leaves judging it to the
 * caller.
 */
class HttpsClientTest {

  @TempDir static Path folder;
  private static PolicyHostsOnLoopback peers;
  private static StsPolicyServer server;
  private static HttpsClient client;

  @BeforeAll
  static void start() throws Exception {
    peers = new PolicyHostsOnLoopback(folder);
    server = peers.server;
    client = peers.client(peers.ca, Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() throws Exception {
    peers.close();
  }

  private static HttpsOutcome exchange(HttpsRequest request) throws Exception {
    return client.exchange(request).get(10, TimeUnit.SECONDS);
  }

  private static HttpsRequest get(String host, int limit) {
    return new HttpsRequest(host, server.port(), "GET", "/", Optional.empty(), limit);
  }

  @Test
  void postsTheBodyWithItsMediaTypeAndReturnsTheAnswer() throws Exception {
    server.answer("mta-sts.sts.test", 202, "text/plain", "thanks");
    byte[] report = "{\"report\":1}".getBytes(StandardCharsets.UTF_8);

    HttpsOutcome outcome =
        exchange(
            new HttpsRequest(
                "mta-sts.sts.test",
                server.port(),
                "POST",
                "/tlsrpt?x=1",
                Optional.of(new HttpsRequest.Body("application/tlsrpt+gzip", report)),
                1024));

    HttpsOutcome.Response response = assertInstanceOf(HttpsOutcome.Response.class, outcome);
    assertEquals(202, response.status());
    assertEquals("text/plain", response.contentType());
    assertArrayEquals("thanks".getBytes(StandardCharsets.UTF_8), response.body());
    StsPolicyServer.Request posted = server.requests().get(server.requests().size() - 1);
    assertEquals("POST", posted.method());
    assertEquals("/tlsrpt?x=1", posted.path());
    assertEquals("application/tlsrpt+gzip", posted.contentType());
    assertArrayEquals(report, posted.body());
    assertEquals("mta-sts.sts.test", posted.serverName());
  }

  @Test
  void returnsAnErrorStatusAsAResponse() throws Exception {
    server.answer("mta-sts.sts.test", 503, "text/html", "<p>later</p>");
    HttpsOutcome.Response response =
        assertInstanceOf(HttpsOutcome.Response.class, exchange(get("mta-sts.sts.test", 1024)));
    assertEquals(503, response.status());
    assertEquals("text/html", response.contentType());
  }

  @Test
  void returnsARedirectWithoutFollowingIt() throws Exception {
    server.redirect("mta-sts.sts.test", "https://mta-sts.two.test/");
    long before = server.requests().size();

    HttpsOutcome.Response response =
        assertInstanceOf(HttpsOutcome.Response.class, exchange(get("mta-sts.sts.test", 1024)));

    assertEquals(301, response.status());
    assertEquals(before + 1, server.requests().size());
  }

  @Test
  void triesTheNextAddressWhenOneRefusesTheConnection() throws Exception {
    // mta-sts.two.test: ::1 first, where nothing listens on this port, then the server.
    server.serve("mta-sts.two.test", "here");
    HttpsOutcome.Response response =
        assertInstanceOf(HttpsOutcome.Response.class, exchange(get("mta-sts.two.test", 1024)));
    assertEquals(200, response.status());
    assertEquals(1, server.requestsFor("mta-sts.two.test"));
  }

  @Test
  void refusesAResponseOverTheLimitWithAShortReason() throws Exception {
    server.serve("mta-sts.sts.test", "x".repeat(101));
    HttpsOutcome.Failed failed =
        assertInstanceOf(HttpsOutcome.Failed.class, exchange(get("mta-sts.sts.test", 100)));
    assertFalse(failed.certificate());
    assertEquals("response body over 100 bytes", failed.reason());
  }

  @Test
  void tellsACertificateFailureFromOthers() throws Exception {
    HttpsOutcome.Failed wrongName =
        assertInstanceOf(HttpsOutcome.Failed.class, exchange(get("mta-sts.other.test", 1024)));
    HttpsOutcome.Failed noName =
        assertInstanceOf(HttpsOutcome.Failed.class, exchange(get("mta-sts.nowhere.test", 1024)));

    assertTrue(wrongName.certificate(), wrongName.reason());
    assertFalse(noName.certificate(), noName.reason());
  }

  @Test
  void refusesAnyPortOrPathThatCannotBeARequest() {
    assertThrowsIllegal(() -> new HttpsRequest("a.test", 0, "GET", "/", Optional.empty(), 1));
    assertThrowsIllegal(() -> new HttpsRequest("a.test", 443, "GET", "x", Optional.empty(), 1));
    assertThrowsIllegal(() -> new HttpsRequest("a.test", 443, "PUT", "/", Optional.empty(), 1));
  }

  private static void assertThrowsIllegal(Runnable construction) {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, construction::run);
  }
}
