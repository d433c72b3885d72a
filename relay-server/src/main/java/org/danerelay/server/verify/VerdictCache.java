package org.danerelay.server.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.danerelay.server.config.RecipientVerifyConfig;

/**
 * Remembers callout answers, existing and unknown addresses apart, each kind bounded in number.
 *
 * <p>Kept apart so that a dictionary attack, which makes nothing but unknown addresses, can only
 * push out other unknown addresses and never the real mailboxes, which are what keeps mail flowing
 * while {@code local.forward} is down. Temporary failures are not remembered: the next RCPT asks
 * again.
 */
final class VerdictCache {

  private record Stamped(RecipientVerdict verdict, Instant at) {}

  private final Duration positiveRefresh;
  private final Duration positiveExpire;
  private final Duration negativeExpire;
  private final LruMap<String, Stamped> existing;
  private final LruMap<String, Stamped> unknown;

  VerdictCache(RecipientVerifyConfig config) {
    this.positiveRefresh = config.positiveRefresh();
    this.positiveExpire = config.positiveExpire();
    this.negativeExpire = config.negativeExpire();
    this.existing = new LruMap<>(config.cacheSize());
    this.unknown = new LruMap<>(config.cacheSize());
  }

  /**
   * An answer young enough to give without asking: existing within refresh, unknown within expire.
   */
  synchronized Optional<RecipientVerdict> fresh(String address, Instant now) {
    Optional<RecipientVerdict> known = youngerThan(existing, address, positiveRefresh, now);
    return known.isPresent() ? known : youngerThan(unknown, address, negativeExpire, now);
  }

  /** An existing address not yet expired, for when {@code local.forward} cannot answer. */
  synchronized Optional<RecipientVerdict> stale(String address, Instant now) {
    return youngerThan(existing, address, positiveExpire, now);
  }

  /** Stores a definite answer, replacing the other kind; a temporary failure changes nothing. */
  synchronized void remember(String address, RecipientVerdict verdict, Instant now) {
    if (verdict instanceof RecipientVerdict.Exists) {
      unknown.remove(address);
      existing.put(address, new Stamped(verdict, now));
    } else if (verdict instanceof RecipientVerdict.Unknown) {
      existing.remove(address);
      unknown.put(address, new Stamped(verdict, now));
    }
  }

  private static Optional<RecipientVerdict> youngerThan(
      LruMap<String, Stamped> map, String address, Duration age, Instant now) {
    Stamped entry = map.get(address);
    if (entry == null) {
      return Optional.empty();
    }
    if (now.isBefore(entry.at().plus(age))) {
      return Optional.of(entry.verdict());
    }
    return Optional.empty();
  }
}
