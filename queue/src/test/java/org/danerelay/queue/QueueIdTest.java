package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueIdTest {

  @Test
  void tenThousandIdsAreUniqueAndMatchThePattern() {
    QueueIdGenerator generator = new QueueIdGenerator(Clock.systemUTC(), new SecureRandom());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(generator.next());
    }

    assertEquals(10_000, new HashSet<>(ids).size());
    assertTrue(ids.stream().allMatch(QueueId::isValid), "all match " + QueueId.PATTERN);
  }

  @Test
  void idsSortInTheOrderTheyWereMadeWithinAndAcrossMilliseconds() {
    SteppingClock clock = new SteppingClock(Instant.parse("2025-06-01T12:00:00Z"));
    QueueIdGenerator generator = new QueueIdGenerator(clock, new SecureRandom());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(generator.next());
      if (i % 100 == 99) {
        clock.advanceMillis(1);
      }
    }

    assertEquals(ids.stream().sorted().toList(), ids);
  }

  @Test
  void idsStayOrderedWhenTheClockStepsBack() {
    SteppingClock clock = new SteppingClock(Instant.parse("2025-06-01T12:00:00Z"));
    QueueIdGenerator generator = new QueueIdGenerator(clock, new SecureRandom());
    String before = generator.next();
    clock.advanceMillis(-60_000); // NTP correction

    assertTrue(generator.next().compareTo(before) > 0);
  }

  @Test
  void idsFromALaterMillisecondSortAfterThoseOfAnEarlierOneAcrossGenerators() {
    SteppingClock clock = new SteppingClock(Instant.parse("2025-06-01T12:00:00Z"));
    String earlier = new QueueIdGenerator(clock, new SecureRandom()).next();
    clock.advanceMillis(1);
    String later = new QueueIdGenerator(clock, new SecureRandom()).next();

    assertTrue(later.compareTo(earlier) > 0, earlier + " < " + later);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "",
        "0123456789ABCDE",
        "0123456789ABCDEFG",
        "0123456789abcdef",
        "0123456789ABCDEI",
        "0123456789ABCDEL",
        "0123456789ABCDEO",
        "0123456789ABCDEU",
        "../../../etc/pas",
        "0123456789ABCDE\n"
      })
  void rejectsStringsThatAreNotQueueIds(String candidate) {
    assertFalse(QueueId.isValid(candidate));
  }
}
