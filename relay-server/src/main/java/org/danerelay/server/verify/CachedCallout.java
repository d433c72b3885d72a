package org.danerelay.server.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.danerelay.server.access.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers from the {@link VerdictCache} where it can and asks {@code local.forward} otherwise, one
 * callout at a time per address: sessions that ask about an address being asked already wait for
 * that answer instead of opening connections of their own.
 */
public final class CachedCallout implements RecipientLookup {

  private static final Logger log = LoggerFactory.getLogger(CachedCallout.class);

  private final RecipientLookup callout;
  private final VerdictCache cache;
  private final Clock clock;
  private final Duration longestWait;
  private final ConcurrentHashMap<String, CompletableFuture<RecipientVerdict>> asking =
      new ConcurrentHashMap<>();

  /**
   * @param callout the real question, bounded by {@code timeout}
   * @param timeout how long one callout may take; a waiting session gives up a second after
   */
  CachedCallout(RecipientLookup callout, VerdictCache cache, Clock clock, Duration timeout) {
    this.callout = callout;
    this.cache = cache;
    this.clock = clock;
    this.longestWait = timeout.plusSeconds(1);
  }

  @Override
  public RecipientVerdict lookUp(Mailbox recipient) {
    // Exactly as written: RFC 5321 2.4 leaves the case of a local part to local.forward.
    String address = recipient.address();
    Optional<RecipientVerdict> fresh = cache.fresh(address, clock.instant());
    if (fresh.isPresent()) {
      return fresh.get();
    }
    CompletableFuture<RecipientVerdict> mine = new CompletableFuture<>();
    CompletableFuture<RecipientVerdict> running = asking.putIfAbsent(address, mine);
    if (running != null) {
      return await(running);
    }
    RecipientVerdict verdict = new RecipientVerdict.Unverified("the callout failed");
    try {
      verdict = ask(recipient, address);
      return verdict;
    } finally {
      asking.remove(address, mine);
      mine.complete(verdict);
    }
  }

  private RecipientVerdict ask(Mailbox recipient, String address) {
    RecipientVerdict answer = callout.lookUp(recipient);
    Instant now = clock.instant();
    cache.remember(address, answer, now);
    if (answer instanceof RecipientVerdict.Unverified unverified) {
      Optional<RecipientVerdict> remembered = cache.stale(address, now);
      log.warn(
          "cannot verify <{}> at local.forward: {}{}",
          LogText.escape(address),
          unverified.reason(),
          remembered.isPresent() ? "; accepted as it existed before" : "");
      return remembered.orElse(answer);
    }
    return answer;
  }

  private RecipientVerdict await(CompletableFuture<RecipientVerdict> running) {
    try {
      return running.get(longestWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RecipientVerdict.Unverified("interrupted while another session asked");
    } catch (TimeoutException | ExecutionException e) {
      return new RecipientVerdict.Unverified("another session's callout did not finish");
    }
  }
}
