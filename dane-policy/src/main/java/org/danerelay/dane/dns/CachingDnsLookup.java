package org.danerelay.dane.dns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * Remembers another lookup's answers for as long as their TTL allows, in a bounded LRU map, with
 * time from an injected {@link Clock}.
 *
 * <p>Answers live for their TTL, capped at {@link #MAX_TTL}. Failures (FAILURE outcome, BOGUS,
 * INDETERMINATE) live {@link #FAILURE_TTL}: long enough that a burst of deliveries to one broken
 * domain asks DNS once, short enough that the next queue run sees a repaired zone (RFC 2308 7
 * allows up to five minutes for server failures; we choose less because a failure defers mail). A
 * TTL of zero is not cached.
 */
public final class CachingDnsLookup implements DnsLookup {

  /** How long a failed answer is reused. */
  public static final Duration FAILURE_TTL = Duration.ofSeconds(5);

  /** The longest any answer is reused, whatever its TTL. */
  public static final Duration MAX_TTL = Duration.ofDays(1);

  private record Key(Name name, int type) {}

  private record Entry(DnsAnswer answer, Instant expiresAt) {}

  private final DnsLookup delegate;
  private final Clock clock;
  private final Map<Key, Entry> entries;

  public CachingDnsLookup(DnsLookup delegate, int maxEntries, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  @Override
  public DnsAnswer lookup(Name name, int type) {
    Key key = new Key(name.canonicalize(), type);
    Instant now = clock.instant();
    synchronized (entries) {
      Entry entry = entries.get(key);
      if (entry != null && now.isBefore(entry.expiresAt())) {
        return aged(entry, now);
      }
      entries.remove(key);
    }
    // asked outside the lock: a slow lookup must not block every other name
    DnsAnswer answer = delegate.lookup(name, type);
    Duration ttl = cacheTime(answer);
    if (!ttl.isZero()) {
      synchronized (entries) {
        entries.put(key, new Entry(answer, now.plus(ttl)));
      }
    }
    return answer;
  }

  /** How many answers are held now (expired ones included until asked for or evicted). */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  static Duration cacheTime(DnsAnswer answer) {
    Duration ttl = Duration.ofSeconds(Math.max(0, answer.ttlSeconds()));
    if (answer.isFailure()) {
      return FAILURE_TTL;
    }
    return ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
  }

  /** The cached answer with its TTL counted down, as a resolver's cache would. */
  private static DnsAnswer aged(Entry entry, Instant now) {
    DnsAnswer a = entry.answer();
    long left = Math.max(0, Duration.between(now, entry.expiresAt()).getSeconds());
    return new DnsAnswer(
        a.query(),
        a.type(),
        a.canonicalName(),
        a.aliases(),
        a.records(),
        a.outcome(),
        a.security(),
        Math.min(a.ttlSeconds(), left),
        a.reason());
  }
}
