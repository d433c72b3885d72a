package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Durations, booleans, lists and names as the config file writes them. */
class ValueTypesTest {

  @Test
  void readsDurationsInSecondsMinutesHoursAndDays() {
    ValueParser<Duration> duration = ValueTypes.duration();

    assertEquals(Duration.ofSeconds(30), duration.parse("30s"));
    assertEquals(Duration.ofMinutes(5), duration.parse("5m"));
    assertEquals(Duration.ofHours(2), duration.parse("2h"));
    assertEquals(Duration.ofDays(5), duration.parse("5d"));
  }

  @Test
  void readsAPlainNumberAsSeconds() {
    assertEquals(Duration.ofSeconds(90), ValueTypes.duration().parse("90"));
  }

  @Test
  void rejectsNegativeAndFractionalDurations() {
    assertThrows(IllegalArgumentException.class, () -> ValueTypes.duration().parse("-5m"));
    assertThrows(IllegalArgumentException.class, () -> ValueTypes.duration().parse("1.5h"));
  }

  @Test
  void readsTrueFalseYesAndNo() {
    ValueParser<Boolean> bool = ValueTypes.bool();

    assertTrue(bool.parse("true"));
    assertTrue(bool.parse("yes"));
    assertFalse(bool.parse("false"));
    assertFalse(bool.parse("No"));
  }

  @Test
  void splitsListsAtCommasAndTrimsItems() {
    ValueParser<List<HostPort>> list = ValueTypes.hostPort().list();

    assertEquals(
        List.of(new HostPort("127.0.0.1", 25), new HostPort("::1", 25)),
        list.parse("127.0.0.1:25 ,   [::1]:25"));
  }

  @Test
  void readsAnEmptyListAsNoItems() {
    assertEquals(List.of(), ValueTypes.domainName().list().parse(""));
  }

  @Test
  void readsAnEmptyOptionalAsAbsent() {
    assertEquals(Optional.empty(), ValueTypes.path().optional().parse(""));
  }

  @Test
  void acceptsHostNamesWithDigitsAndInnerHyphens() {
    assertEquals("mx-1.example.org", DomainName.normalize("MX-1.Example.Org"));
    assertEquals("localhost", DomainName.normalize("localhost"));
  }

  @Test
  void rejectsNamesWithEmptyOrOverlongLabelsOrEdgeHyphens() {
    assertThrows(IllegalArgumentException.class, () -> DomainName.normalize("a..b"));
    assertThrows(IllegalArgumentException.class, () -> DomainName.normalize("-a.example"));
    assertThrows(
        IllegalArgumentException.class, () -> DomainName.normalize("x".repeat(64) + ".org"));
    assertThrows(IllegalArgumentException.class, () -> DomainName.normalize("."));
  }

  @Test
  void everyTypeHasADescriptionForHelpText() {
    for (ConfigKey<?> key : ConfigKey.all()) {
      assertFalse(key.typeDescription().isBlank(), key.name());
    }
  }
}
