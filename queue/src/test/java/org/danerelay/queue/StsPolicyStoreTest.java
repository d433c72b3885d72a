package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MTA-STS policy cache kept in the queue database (RFC 8461 5.1). */
class StsPolicyStoreTest {

  private static final String POLICY =
      "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n";

  @TempDir Path spool;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private final Instant now = SampleMail.CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);

  private MessageQueue open() {
    return MessageQueue.open(SampleMail.settings(spool, jdbcUrl()));
  }

  private StoredStsPolicy policy(String domain, String id, String text) {
    return new StoredStsPolicy(domain, id, text, now, now.plus(Duration.ofDays(1)));
  }

  @Test
  void aStoredPolicyIsFoundByItsDomainInAnyCaseAndOutlivesARestart() {
    try (MessageQueue queue = open()) {
      assertEquals(Optional.empty(), queue.stsPolicies().find("example.com"));
      queue.stsPolicies().save(policy("example.com", "20240101", POLICY));
    }
    try (MessageQueue queue = open()) {
      StoredStsPolicy found = queue.stsPolicies().find("EXAMPLE.com").orElseThrow();
      assertEquals(policy("example.com", "20240101", POLICY), found);
      assertTrue(found.isFresh(now.plus(Duration.ofHours(23))));
      assertFalse(found.isFresh(now.plus(Duration.ofDays(1))));
    }
  }

  @Test
  void aNewPolicyReplacesTheOldOneOfItsDomainOnly() {
    try (MessageQueue queue = open()) {
      queue.stsPolicies().save(policy("example.com", "1", POLICY));
      queue.stsPolicies().save(policy("example.net", "7", POLICY));
      String changed = POLICY.replace("enforce", "testing");

      queue.stsPolicies().save(policy("example.com", "2", changed));

      assertEquals("2", queue.stsPolicies().find("example.com").orElseThrow().id());
      assertEquals(changed, queue.stsPolicies().find("example.com").orElseThrow().text());
      assertEquals("7", queue.stsPolicies().find("example.net").orElseThrow().id());
    }
  }

  @Test
  void forgetExpiredDropsOnlyPoliciesPastTheirMaxAge() {
    try (MessageQueue queue = open()) {
      queue.stsPolicies().save(policy("example.com", "1", POLICY));
      queue
          .stsPolicies()
          .save(new StoredStsPolicy("old.example", "1", POLICY, now, now.plusSeconds(60)));

      assertEquals(1, queue.stsPolicies().forgetExpired(now.plusSeconds(60)));

      assertTrue(queue.stsPolicies().find("example.com").isPresent());
      assertEquals(Optional.empty(), queue.stsPolicies().find("old.example"));
    }
  }
}
