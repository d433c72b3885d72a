package org.danerelay.queue;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An MTA-STS policy as the queue database keeps it: the body as served, the TXT {@code id} it was
 * fetched under, and when it was fetched and expires (RFC 8461 5.1). The queue stores the text; the
 * relay parses it.
 *
 * @param domain the policy domain, lower case, without trailing dot
 * @param id the {@code _mta-sts} TXT record's id at the fetch
 * @param text the policy body
 * @param fetchedAt when the body was fetched
 * @param expiresAt {@code fetchedAt} plus the policy's {@code max_age}
 */
public record StoredStsPolicy(
    String domain, String id, String text, Instant fetchedAt, Instant expiresAt) {

  public StoredStsPolicy {
    Objects.requireNonNull(domain, "domain");
    domain = domain.toLowerCase(Locale.ROOT);
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (expiresAt.isBefore(fetchedAt)) {
      throw new IllegalArgumentException("expires before it was fetched: " + domain);
    }
  }

  /** Whether the policy may still be applied at {@code now}. */
  public boolean isFresh(Instant now) {
    return now.isBefore(expiresAt);
  }
}
