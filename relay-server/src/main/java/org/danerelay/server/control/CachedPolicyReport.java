package org.danerelay.server.control;

import java.time.Instant;
import java.util.Optional;
import org.danerelay.dane.sts.StsPolicyParser;
import org.danerelay.queue.StoredStsPolicy;

/**
 * The MTA-STS policy the queue database holds for a domain ({@code queue mta-sts DOMAIN}): the copy
 * delivery applies while it is fresh, also when a new fetch fails or the TXT record is gone (RFC
 * 8461 5.1), which a fresh fetch by {@code dane lookup} cannot show.
 */
final class CachedPolicyReport {

  private CachedPolicyReport() {}

  static String describe(String domain, Optional<StoredStsPolicy> stored, Instant now) {
    if (stored.isEmpty()) {
      return "none cached for " + domain + "\n";
    }
    StoredStsPolicy policy = stored.get();
    String when =
        "fetched "
            + policy.fetchedAt()
            + ", "
            + (policy.isFresh(now) ? "in force until " : "expired at ")
            + policy.expiresAt();
    StsPolicyParser.Result parsed = StsPolicyParser.parse(domain, policy.id(), policy.text());
    if (parsed instanceof StsPolicyParser.Valid valid) {
      return valid.policy().describe() + " " + when + "; mx " + valid.policy().mx() + "\n";
    }
    String why = ((StsPolicyParser.Invalid) parsed).why();
    return domain + " (id " + policy.id() + ") " + when + "; no longer parses: " + why + "\n";
  }
}
