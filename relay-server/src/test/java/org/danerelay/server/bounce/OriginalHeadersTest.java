package org.danerelay.server.bounce;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginalHeadersTest {

  @Test
  void stopsAtTheBlankLineAndLeavesTheBodyUnread() throws Exception {
    ByteArrayInputStream in = stream("A: 1\r\nB: 2\r\n continued\r\n\r\nbody\r\n");

    OriginalHeaders headers = OriginalHeaders.read(in, 1024);

    assertEquals(List.of("A: 1", "B: 2", " continued"), text(headers));
    assertFalse(headers.truncated());
    assertEquals("body\r\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
  }

  @Test
  void acceptsAMessageThatIsAllHeaders() throws Exception {
    OriginalHeaders headers = OriginalHeaders.read(stream("A: 1\r\nB: 2"), 1024);

    assertEquals(List.of("A: 1", "B: 2"), text(headers));
    assertFalse(headers.truncated());
  }

  @Test
  void boundKeepsOnlyCompleteFieldsAndSaysItCut() throws Exception {
    String message = "A: 1\r\nB: 2\r\n more of B\r\n more of B\r\nC: 3\r\n\r\nbody";

    OriginalHeaders headers = OriginalHeaders.read(stream(message), 30);

    assertTrue(headers.truncated());
    assertEquals(List.of("A: 1"), text(headers));
  }

  @Test
  void boundReadsNoMoreThanTheLimit() throws Exception {
    ByteArrayInputStream in = stream("X: " + "y".repeat(100_000) + "\r\n\r\n");

    OriginalHeaders headers = OriginalHeaders.read(in, OriginalHeaders.DEFAULT_LIMIT);

    assertTrue(headers.truncated());
    assertEquals(List.of(), headers.lines());
    assertEquals(100_007 - OriginalHeaders.DEFAULT_LIMIT, in.available());
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static List<String> text(OriginalHeaders headers) {
    return headers.lines().stream().map(b -> new String(b, StandardCharsets.US_ASCII)).toList();
  }
}
