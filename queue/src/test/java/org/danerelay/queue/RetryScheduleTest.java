package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryScheduleTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void usesTheStepForTheAttemptCountAndRepeatsTheLastOne() {
    RetrySchedule schedule =
        RetrySchedule.parse("1m,5m,15m,30m,1h,2h,4h", SampleAttempts.NO_JITTER);

    assertEquals(NOW.plus(Duration.ofMinutes(1)), schedule.next(1, NOW));
    assertEquals(NOW.plus(Duration.ofMinutes(5)), schedule.next(2, NOW));
    assertEquals(NOW.plus(Duration.ofHours(4)), schedule.next(7, NOW));
    assertEquals(NOW.plus(Duration.ofHours(4)), schedule.next(40, NOW));
  }

  @Test
  void jitterMovesEachDelayByAtMostTenPercentEitherWay() {
    RetrySchedule schedule = RetrySchedule.parse("30m", new Random(20250601));
    Set<Instant> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Instant next = schedule.next(1, NOW);
      assertTrue(!next.isBefore(NOW.plus(Duration.ofMinutes(27))), next.toString());
      assertTrue(!next.isAfter(NOW.plus(Duration.ofMinutes(33))), next.toString());
      seen.add(next);
    }
    assertTrue(seen.size() > 900, "recipients deferred together spread out: " + seen.size());
  }

  @Test
  void readsSecondsMinutesHoursAndDaysAndPrintsThemBack() {
    RetrySchedule schedule = RetrySchedule.parse(" 30s, 2m ,1h,1d", SampleAttempts.NO_JITTER);

    assertEquals(
        List.of(
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofDays(1)),
        schedule.steps());
    assertEquals("30s,2m,1h,1d", schedule.toString());
    assertEquals("1m,5m,15m,30m,1h,2h,4h", RetrySchedule.defaults().toString());
  }

  @ParameterizedTest(name = "rejects \"{0}\"")
  @ValueSource(strings = {"", "5", "0m", "-1m", "1w", "1m,,5m", "1.5h", "m"})
  void rejectsStepsThatAreNotPositiveDurations(String text) {
    assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse(text, new Random(1)));
  }

  @Test
  void refusesToScheduleBeforeAnyAttemptEnded() {
    RetrySchedule schedule = RetrySchedule.parse("1m", new Random(1));
    assertThrows(IllegalArgumentException.class, () -> schedule.next(0, NOW));
  }
}
