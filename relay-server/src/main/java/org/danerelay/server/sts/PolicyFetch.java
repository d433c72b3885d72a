package org.danerelay.server.sts;

import java.util.Objects;

/** What fetching a domain's MTA-STS policy came to (RFC 8461 3.3). */
public sealed interface PolicyFetch {

  /** The body of a 200 {@code text/plain} response, as UTF-8 text. */
  record Fetched(String body) implements PolicyFetch {
    public Fetched {
      Objects.requireNonNull(body, "body");
    }
  }

  /** No policy body, and why. */
  record FetchFailed(FetchFailure kind, String reason) implements PolicyFetch {
    public FetchFailed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why, as RFC 8460 4.3.2.2 names it for TLSRPT. */
  enum FetchFailure {
    /** The policy host's certificate did not pass PKIX or name checks. */
    WEBPKI_INVALID("sts-webpki-invalid"),
    /** Anything else: no address, no connection, no 200, not text/plain, too big, too slow. */
    FETCH_ERROR("sts-policy-fetch-error");

    private final String resultType;

    FetchFailure(String resultType) {
      this.resultType = resultType;
    }

    /** The TLSRPT result-type. */
    public String resultType() {
      return resultType;
    }
  }
}
