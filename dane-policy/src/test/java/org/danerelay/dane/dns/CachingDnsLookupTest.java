package org.danerelay.dane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** The cache honours TTLs on an injected clock, keeps failures briefly, and stays bounded. */
class CachingDnsLookupTest {

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** Answers with a fixed TTL and counts how often it was asked per name. */
  private static final class CountingLookup implements DnsLookup {
    final Map<Name, Integer> calls = new HashMap<>();
    long ttl = 300;
    boolean fail;

    @Override
    public DnsAnswer lookup(Name name, int type) {
      calls.merge(name, 1, Integer::sum);
      if (fail) {
        return DnsAnswer.failure(name, type, "SERVFAIL");
      }
      return new DnsAnswer(
          name, type, name, List.of(), List.of(), Outcome.NODATA, Security.SECURE, ttl, "");
    }

    int calls(String name) {
      return calls.getOrDefault(TestNames.of(name), 0);
    }
  }

  private final TestClock clock = new TestClock();
  private final CountingLookup inner = new CountingLookup();

  @Test
  void answersFromCacheUntilTheTtlRunsOut() {
    CachingDnsLookup cache = new CachingDnsLookup(inner, 100, clock);
    Name name = TestNames.of("a.test");

    cache.lookup(name, Type.A);
    clock.advance(Duration.ofSeconds(299));
    DnsAnswer cached = cache.lookup(name, Type.A);
    assertEquals(1, inner.calls("a.test"));
    assertEquals(1, cached.ttlSeconds(), "TTL counts down while cached");

    clock.advance(Duration.ofSeconds(1));
    cache.lookup(name, Type.A);
    assertEquals(2, inner.calls("a.test"));
  }

  @Test
  void typesAndNameCaseAreKeyedCorrectly() {
    CachingDnsLookup cache = new CachingDnsLookup(inner, 100, clock);

    cache.lookup(TestNames.of("a.test"), Type.A);
    cache.lookup(TestNames.of("A.TEST"), Type.A);
    cache.lookup(TestNames.of("a.test"), Type.AAAA);

    assertEquals(2, inner.calls.values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void failuresAreKeptOnlyAFewSeconds() {
    inner.fail = true;
    CachingDnsLookup cache = new CachingDnsLookup(inner, 100, clock);
    Name name = TestNames.of("broken.test");

    cache.lookup(name, Type.A);
    cache.lookup(name, Type.A);
    assertEquals(1, inner.calls("broken.test"));

    clock.advance(CachingDnsLookup.FAILURE_TTL);
    cache.lookup(name, Type.A);
    assertEquals(2, inner.calls("broken.test"));
  }

  @Test
  void zeroTtlIsNotCached() {
    inner.ttl = 0;
    CachingDnsLookup cache = new CachingDnsLookup(inner, 100, clock);

    cache.lookup(TestNames.of("a.test"), Type.A);
    cache.lookup(TestNames.of("a.test"), Type.A);

    assertEquals(2, inner.calls("a.test"));
  }

  @Test
  void longTtlsAreCappedAtOneDay() {
    inner.ttl = 7 * 86400;
    CachingDnsLookup cache = new CachingDnsLookup(inner, 100, clock);

    cache.lookup(TestNames.of("a.test"), Type.A);
    clock.advance(CachingDnsLookup.MAX_TTL);
    cache.lookup(TestNames.of("a.test"), Type.A);

    assertEquals(2, inner.calls("a.test"));
  }

  @Test
  void boundEvictsTheLeastRecentlyUsed() {
    CachingDnsLookup cache = new CachingDnsLookup(inner, 2, clock);

    cache.lookup(TestNames.of("a.test"), Type.A);
    cache.lookup(TestNames.of("b.test"), Type.A);
    cache.lookup(TestNames.of("a.test"), Type.A); // a is now the most recent
    cache.lookup(TestNames.of("c.test"), Type.A); // evicts b
    assertEquals(2, cache.size());

    cache.lookup(TestNames.of("a.test"), Type.A);
    cache.lookup(TestNames.of("b.test"), Type.A);
    assertEquals(1, inner.calls("a.test"));
    assertEquals(2, inner.calls("b.test"));
  }

  @Test
  void cachedAnswerKeepsEverythingButTheTtl() {
    CachingDnsLookup cache = new CachingDnsLookup(inner, 10, clock);
    DnsAnswer first = cache.lookup(TestNames.of("a.test"), Type.A);
    DnsAnswer again = cache.lookup(TestNames.of("a.test"), Type.A);
    assertEquals(first.security(), again.security());
    assertEquals(first.outcome(), again.outcome());
    assertSame(first.query(), again.query());
  }
}
