package org.danerelay.server.sts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 3.3): a 200 response
 * of media type {@code text/plain} only, no redirect followed, at most 64 KiB, over HTTPS whose
 * certificate the {@link WebPkiTrust} roots and the host name vouch for. The body is returned as
 * text, unparsed.
 */
public final class PolicyFetcher {

  /**
   * RFC 8461 3.3: senders MAY limit the size of the response body; "a suggested maximum policy size
   * is 64 kilobytes", which policy hosts SHOULD stay within.
   */
  static final int MAX_POLICY_BYTES = 64 * 1024;

  /** RFC 8461 3.3: the policy's well-known path (RFC 8615). */
  static final String PATH = "/.well-known/mta-sts.txt";

  private final HttpsClient https;
  private final int port;

  /**
   * @param https its timeouts bound the fetch ({@link MtaSts} sets them)
   * @param port 443, but for tests ({@code mta-sts.port})
   */
  public PolicyFetcher(HttpsClient https, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.https = https;
    this.port = port;
  }

  /**
   * Fetches the policy of {@code policyDomain} (an A-label name); the future always completes
   * normally. Not on an event loop: the policy host's name is looked up on the calling thread.
   */
  public CompletableFuture<PolicyFetch> fetch(String policyDomain) {
    String domain = policyDomain.toLowerCase(Locale.ROOT);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    String host = "mta-sts." + domain; // RFC 8461 3.3: the Policy Host
    return https
        .exchange(new HttpsRequest(host, port, "GET", PATH, Optional.empty(), MAX_POLICY_BYTES))
        .thenApply(outcome -> judge(host, outcome));
  }

  private static PolicyFetch judge(String host, HttpsOutcome outcome) {
    if (outcome instanceof HttpsOutcome.Failed failed) {
      // RFC 8460 4.3.2.2: a certificate that fails PKIX validation is sts-webpki-invalid, any
      // other failure to fetch sts-policy-fetch-error.
      return new PolicyFetch.FetchFailed(
          failed.certificate()
              ? PolicyFetch.FetchFailure.WEBPKI_INVALID
              : PolicyFetch.FetchFailure.FETCH_ERROR,
          host + ": " + failed.reason());
    }
    HttpsOutcome.Response response = (HttpsOutcome.Response) outcome;
    // RFC 8461 3.3: "only valid if the HTTP response code is 200 (OK). HTTP 3xx redirects MUST NOT
    // be followed".
    if (response.status() >= 300 && response.status() < 400) {
      return fetchError(host, "HTTP " + response.status() + ": redirects are not followed");
    }
    if (response.status() != 200) {
      return fetchError(host, "HTTP " + response.status());
    }
    // RFC 8461 3.2: senders SHOULD validate that the media type is "text/plain"; parameters such
    // as charset do not matter, and type and subtype are case-insensitive (RFC 2045 5.1).
    String mediaType = response.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (mediaType.isEmpty()) {
      return fetchError(host, "no Content-Type, not text/plain");
    }
    if (!mediaType.equals("text/plain")) {
      return fetchError(host, "media type " + mediaType + ", not text/plain");
    }
    return new PolicyFetch.Fetched(new String(response.body(), StandardCharsets.UTF_8));
  }

  private static PolicyFetch fetchError(String host, String reason) {
    return new PolicyFetch.FetchFailed(PolicyFetch.FetchFailure.FETCH_ERROR, host + ": " + reason);
  }
}
