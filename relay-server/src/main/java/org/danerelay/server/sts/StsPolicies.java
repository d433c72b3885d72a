package org.danerelay.server.sts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.sts.StsPolicy;
import org.danerelay.dane.sts.StsPolicyParser;
import org.danerelay.dane.sts.StsPolicySource;
import org.danerelay.dane.sts.StsRecordParser;
import org.danerelay.dane.sts.StsVerdict;
import org.danerelay.queue.QueueException;
import org.danerelay.queue.StoredStsPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A recipient domain's MTA-STS policy for the planner (RFC 8461 3, 5.1): the {@code _mta-sts} TXT
 * record through the relay's resolver, the policy fetched when its {@code id} is new or the cached
 * copy is past half its {@code max_age}, and the cached copy whenever a fresh one cannot be had, so
 * that an attacker who blocks the lookup or the fetch gains nothing until it expires (RFC 8461
 * 10.2).
 *
 * <p>One fetch per domain at a time; a failed fetch is not tried again for {@link #RETRY_AFTER}, so
 * that a dead policy host does not slow every delivery to the domain.
 */
public final class StsPolicies implements StsPolicySource {

  private static final Logger log = LoggerFactory.getLogger("mta-sts");

  /** How long a failed fetch stands before the next delivery tries again. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(5);

  private static final Duration FETCH_WAIT = Duration.ofSeconds(60);
  private static final String FETCH_ERROR = PolicyFetch.FetchFailure.FETCH_ERROR.resultType();

  private final DnsLookup dns;
  private final PolicyFetcher fetcher;
  private final PolicyMemory memory;
  private final Clock clock;
  private final PolicyFailures policyFailures;
  private final Map<String, CompletableFuture<StsVerdict>> fetching = new ConcurrentHashMap<>();
  private final Map<String, FailedFetch> failures = new ConcurrentHashMap<>();

  private record FailedFetch(String id, String resultType, String why, Instant until) {}

  /**
   * @param policyFailures told of each plan made without a published policy (TLSRPT)
   */
  public StsPolicies(
      DnsLookup dns,
      PolicyFetcher fetcher,
      PolicyMemory memory,
      Clock clock,
      PolicyFailures policyFailures) {
    this.dns = dns;
    this.fetcher = fetcher;
    this.memory = memory;
    this.clock = clock;
    this.policyFailures = policyFailures;
  }

  @Override
  public StsVerdict policyFor(String domain) {
    Instant now = clock.instant();
    Optional<StoredStsPolicy> cached = remembered(domain).filter(p -> p.isFresh(now));
    Optional<String> id = publishedId(domain);
    if (id.isEmpty()) {
      // RFC 8461 5.1: without a TXT record a cached policy still holds until it expires.
      return cached
          .map(p -> applies(p, "cached; no usable _mta-sts record now"))
          .orElseGet(() -> new StsVerdict.NoPolicy("no _mta-sts TXT record"));
    }
    if (cached.isPresent()
        && cached.get().id().equals(id.get())
        && !dueForRefresh(cached.get(), now)) {
      return applies(cached.get(), "cached");
    }
    FailedFetch failed = failures.get(domain);
    if (failed != null && failed.id().equals(id.get()) && now.isBefore(failed.until())) {
      return failedFallBack(domain, cached, failed.resultType(), failed.why());
    }
    return awaitFetch(domain, id.get(), cached);
  }

  /** The TXT record's {@code id}, or empty when there is no usable record or the lookup failed. */
  private Optional<String> publishedId(String domain) {
    DnsAnswer answer = dns.lookup(txtName(domain), Type.TXT);
    if (answer.isFailure()) {
      log.debug("{}: _mta-sts TXT lookup failed: {}", domain, answer.reason());
    }
    if (StsRecordParser.parse(answer.trustedTexts()) instanceof StsRecordParser.Found found) {
      return Optional.of(found.record().id());
    }
    return Optional.empty();
  }

  private StsVerdict awaitFetch(String domain, String id, Optional<StoredStsPolicy> cached) {
    CompletableFuture<StsVerdict> mine = new CompletableFuture<>();
    CompletableFuture<StsVerdict> shared = fetching.putIfAbsent(domain, mine);
    if (shared == null) {
      shared = mine;
      fetcher
          .fetch(domain)
          .thenApply(fetch -> settle(domain, id, fetch, cached))
          .whenComplete(
              (verdict, error) -> {
                fetching.remove(domain, mine);
                if (error == null) {
                  mine.complete(verdict);
                } else {
                  mine.completeExceptionally(error);
                }
              });
    }
    try {
      return shared.get(FETCH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fallBack(cached, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      return failedFallBack(domain, cached, FETCH_ERROR, "fetch did not finish: " + e);
    }
  }

  /** What one fetch means: a new policy stored and applied, or the fallback and a pause. */
  private StsVerdict settle(
      String domain, String id, PolicyFetch fetch, Optional<StoredStsPolicy> cached) {
    String why;
    String resultType;
    if (fetch instanceof PolicyFetch.Fetched fetched) {
      StsPolicyParser.Result parsed = StsPolicyParser.parse(domain, id, fetched.body());
      if (parsed instanceof StsPolicyParser.Valid valid) {
        failures.remove(domain);
        return store(valid.policy());
      }
      why = "policy invalid: " + ((StsPolicyParser.Invalid) parsed).why();
      resultType = "sts-policy-invalid";
    } else {
      PolicyFetch.FetchFailed failed = (PolicyFetch.FetchFailed) fetch;
      why = "fetch failed: " + failed.reason();
      resultType = failed.kind().resultType();
    }
    failures.put(domain, new FailedFetch(id, resultType, why, clock.instant().plus(RETRY_AFTER)));
    log.warn("{}: MTA-STS policy id {}: {}", domain, id, why);
    return failedFallBack(domain, cached, resultType, why);
  }

  /**
   * The cached policy after a failed fetch, or none; then the failure is reported, for the domain
   * published a policy this delivery goes without.
   */
  private StsVerdict failedFallBack(
      String domain, Optional<StoredStsPolicy> cached, String resultType, String why) {
    if (cached.isEmpty()) {
      policyFailures.policyFailed(domain, resultType);
    }
    return fallBack(cached, why);
  }

  private StsVerdict store(StsPolicy policy) {
    Instant now = clock.instant();
    try {
      memory.save(
          new StoredStsPolicy(
              policy.domain(), policy.id(), policy.text(), now, now.plus(policy.maxAge())));
    } catch (QueueException e) {
      log.warn("{}: MTA-STS policy not cached: {}", policy.domain(), e.getMessage());
    }
    log.info(
        "{}: MTA-STS policy fetched: mode {}, id {}, max_age {}s, mx {}",
        policy.domain(),
        policy.mode(),
        policy.id(),
        policy.maxAge().toSeconds(),
        policy.mx());
    return new StsVerdict.Applies(policy, "fetched");
  }

  private StsVerdict fallBack(Optional<StoredStsPolicy> cached, String why) {
    return cached
        .map(p -> applies(p, "cached; " + why))
        .orElseGet(() -> new StsVerdict.NoPolicy(why));
  }

  private StsVerdict applies(StoredStsPolicy stored, String source) {
    StsPolicyParser.Result parsed =
        StsPolicyParser.parse(stored.domain(), stored.id(), stored.text());
    if (parsed instanceof StsPolicyParser.Valid valid) {
      return new StsVerdict.Applies(valid.policy(), source);
    }
    // Only a parser change can make a stored policy invalid; it was valid when fetched.
    return new StsVerdict.NoPolicy(
        "cached policy no longer parses: " + ((StsPolicyParser.Invalid) parsed).why());
  }

  private Optional<StoredStsPolicy> remembered(String domain) {
    try {
      return memory.find(domain);
    } catch (QueueException e) {
      log.warn("{}: MTA-STS policy cache unreadable: {}", domain, e.getMessage());
      return Optional.empty();
    }
  }

  /** RFC 8461 5.1: refresh before expiry; here once half of {@code max_age} has passed. */
  private static boolean dueForRefresh(StoredStsPolicy policy, Instant now) {
    Duration life = Duration.between(policy.fetchedAt(), policy.expiresAt());
    return !now.isBefore(policy.fetchedAt().plus(life.dividedBy(2)));
  }

  private static Name txtName(String domain) {
    try {
      return Name.fromString("_mta-sts." + domain, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: " + domain, e);
    }
  }
}
