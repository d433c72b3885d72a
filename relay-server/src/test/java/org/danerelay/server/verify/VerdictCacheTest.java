package org.danerelay.server.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.danerelay.server.access.Mailbox;
import org.danerelay.server.config.HostPort;
import org.danerelay.server.config.RecipientVerifyConfig;
import org.danerelay.server.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How long callout answers are remembered, against a real mailbox server on loopback; only the
 * clock is the test's.
 */
@Timeout(30)
class VerdictCacheTest {

  private static final Mailbox ALICE = new Mailbox("alice", "local.test");
  private static final Mailbox NOBODY = new Mailbox("nobody", "local.test");

  private final MailboxServer mailboxes =
      MailboxServer.knowing(Set.of("alice@local.test"), Set.of());
  private final MovableClock clock = new MovableClock();

  @AfterEach
  void stop() {
    mailboxes.close();
  }

  @Test
  void asksAgainAboutAnExistingAddressOnlyAfterPositiveRefresh() {
    CachedCallout lookup = lookup(Duration.ofDays(7), Duration.ofDays(31), Duration.ofHours(1), 10);

    lookup.lookUp(ALICE);
    clock.advance(Duration.ofDays(7).minusSeconds(1));
    lookup.lookUp(ALICE);
    assertEquals(1, mailboxes.callouts());

    clock.advance(Duration.ofSeconds(1));
    assertInstanceOf(RecipientVerdict.Exists.class, lookup.lookUp(ALICE));
    assertEquals(2, mailboxes.callouts());
  }

  @Test
  void asksAgainAboutAnUnknownAddressAfterNegativeExpire() {
    CachedCallout lookup = lookup(Duration.ofDays(7), Duration.ofDays(31), Duration.ofHours(1), 10);

    assertInstanceOf(RecipientVerdict.Unknown.class, lookup.lookUp(NOBODY));
    clock.advance(Duration.ofMinutes(59));
    assertInstanceOf(RecipientVerdict.Unknown.class, lookup.lookUp(NOBODY));
    assertEquals(1, mailboxes.callouts());

    clock.advance(Duration.ofMinutes(1));
    lookup.lookUp(NOBODY);
    assertEquals(2, mailboxes.callouts());
  }

  @Test
  void unknownAddressesCannotPushOutExistingOnes() {
    CachedCallout lookup = lookup(Duration.ofDays(7), Duration.ofDays(31), Duration.ofHours(1), 2);

    lookup.lookUp(ALICE);
    for (int i = 0; i < 5; i++) {
      lookup.lookUp(new Mailbox("guess" + i, "local.test"));
    }
    lookup.lookUp(ALICE);

    assertEquals(6, mailboxes.callouts(), "alice was still remembered after five guesses");
  }

  @Test
  void forgetsTheLeastRecentlyUsedBeyondCacheSize() {
    VerdictCache cache =
        new VerdictCache(
            new RecipientVerifyConfig(
                Optional.empty(),
                Duration.ofSeconds(5),
                Duration.ofDays(7),
                Duration.ofDays(31),
                Duration.ofHours(1),
                2));
    Instant now = clock.instant();
    cache.remember("a@local.test", new RecipientVerdict.Exists(), now);
    cache.remember("b@local.test", new RecipientVerdict.Exists(), now);
    cache.fresh("a@local.test", now); // a is now the most recently used
    cache.remember("c@local.test", new RecipientVerdict.Exists(), now);

    assertEquals(Optional.empty(), cache.fresh("b@local.test", now));
    assertEquals(Optional.of(new RecipientVerdict.Exists()), cache.fresh("a@local.test", now));
  }

  private CachedCallout lookup(
      Duration positiveRefresh, Duration positiveExpire, Duration negativeExpire, int size) {
    RecipientVerifyConfig config =
        new RecipientVerifyConfig(
            Optional.empty(),
            Duration.ofSeconds(5),
            positiveRefresh,
            positiveExpire,
            negativeExpire,
            size);
    SmtpCallout callout =
        new SmtpCallout(
            new HostPort("127.0.0.1", mailboxes.port()), "relay.test", config.timeout());
    return new CachedCallout(callout, new VerdictCache(config), clock, config.timeout());
  }
}
