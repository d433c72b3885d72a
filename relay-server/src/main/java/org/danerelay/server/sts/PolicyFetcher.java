package org.danerelay.server.sts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 3.3): a 200 response
 * of media type {@code text/plain} only, no redirect followed, at most 64 KiB, over HTTPS whose
 * certificate the {@link WebPkiTrust} roots and the host name vouch for.
 */
public final class PolicyFetcher {

  /** RFC 8461 3.3: senders may limit the policy's size; 64 KiB is the RFC's own suggestion. */
  static final int MAX_POLICY_BYTES = 64 * 1024;

  private static final String PATH = "/.well-known/mta-sts.txt";

  private final HttpsClient https;
  private final int port;

  /**
   * @param port 443, but for tests ({@code mta-sts.port})
   */
  public PolicyFetcher(HttpsClient https, int port) {
    this.https = https;
    this.port = port;
  }

  /** Fetches the policy of {@code domain}; the future always completes normally. */
  public CompletableFuture<PolicyFetch> fetch(String domain) {
    String host = "mta-sts." + domain;
    return https
        .exchange(new HttpsRequest(host, port, "GET", PATH, Optional.empty(), MAX_POLICY_BYTES))
        .thenApply(outcome -> judge(host, outcome));
  }

  private static PolicyFetch judge(String host, HttpsOutcome outcome) {
    if (outcome instanceof HttpsOutcome.Failed failed) {
      return new PolicyFetch.FetchFailed(
          failed.certificate()
              ? PolicyFetch.FetchFailure.WEBPKI_INVALID
              : PolicyFetch.FetchFailure.FETCH_ERROR,
          host + ": " + failed.reason());
    }
    HttpsOutcome.Response response = (HttpsOutcome.Response) outcome;
    if (response.status() >= 300 && response.status() < 400) {
      return fetchError(host, "HTTP " + response.status() + ": redirects are not followed");
    }
    if (response.status() != 200) {
      return fetchError(host, "HTTP " + response.status());
    }
    String mediaType = response.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("text/plain")) {
      return fetchError(host, "media type '" + mediaType + "', not text/plain");
    }
    return new PolicyFetch.Fetched(new String(response.body(), StandardCharsets.UTF_8));
  }

  private static PolicyFetch fetchError(String host, String reason) {
    return new PolicyFetch.FetchFailed(PolicyFetch.FetchFailure.FETCH_ERROR, host + ": " + reason);
  }
}
