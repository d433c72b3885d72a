package org.danerelay.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.danerelay.queue.RecipientState;
import org.junit.jupiter.api.Test;

/** The filter of {@code queue list} crosses the control socket as words and back unchanged. */
class ListFilterTest {

  @Test
  void readsBackTheWordsItWrites() {
    ListFilter filter = ListFilter.of("Bücher.Example.", "deferred", "1500ms");

    assertEquals(
        new ListFilter(
            Optional.of("xn--bcher-kva.example"),
            Optional.of(RecipientState.DEFERRED),
            Optional.of(Duration.ofMillis(1500))),
        filter);
    assertEquals(filter, ListFilter.parse(filter.words()));
    assertEquals(ListFilter.ALL, ListFilter.parse(List.of()));
  }

  @Test
  void refusesUnknownOptionsAndOptionsWithoutValue() {
    assertEquals(
        "unknown option --sender",
        assertThrows(
                IllegalArgumentException.class,
                () -> ListFilter.parse(List.of("--sender", "a@b.example")))
            .getMessage());
    assertEquals(
        "--state needs a value",
        assertThrows(IllegalArgumentException.class, () -> ListFilter.parse(List.of("--state")))
            .getMessage());
  }
}
