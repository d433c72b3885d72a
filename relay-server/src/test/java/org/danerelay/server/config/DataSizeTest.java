package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Sizes in bytes with 1024-based K, M and G suffixes. */
class DataSizeTest {

  @Test
  void readsSuffixesAsPowersOf1024() {
    assertEquals(1024, DataSize.parse("1K").bytes());
    assertEquals(50L * 1024 * 1024, DataSize.parse("50M").bytes());
    assertEquals(2L * 1024 * 1024 * 1024, DataSize.parse("2G").bytes());
  }

  @Test
  void readsAPlainNumberAsBytesAndSuffixesInEitherCase() {
    assertEquals(1000, DataSize.parse("1000").bytes());
    assertEquals(10240, DataSize.parse("10k").bytes());
  }

  @Test
  void rejectsNegativeFractionalAndOverflowingSizes() {
    assertThrows(IllegalArgumentException.class, () -> DataSize.parse("-1"));
    assertThrows(IllegalArgumentException.class, () -> DataSize.parse("1.5M"));
    assertThrows(IllegalArgumentException.class, () -> DataSize.parse("9223372036854775807K"));
    assertThrows(IllegalArgumentException.class, () -> DataSize.parse("50 MB"));
  }

  @Test
  void printsTheShortestExactForm() {
    assertEquals("50M", new DataSize(50L * 1024 * 1024).toString());
    assertEquals("1536K", new DataSize(1536L * 1024).toString());
    assertEquals("1000", new DataSize(1000).toString());
    assertEquals("0", new DataSize(0).toString());
  }
}
