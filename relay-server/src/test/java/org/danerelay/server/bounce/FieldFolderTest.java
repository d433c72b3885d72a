package org.danerelay.server.bounce;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FieldFolderTest {

  @Test
  void foldsLongValuesAtSpacesAndUnfoldsToTheSameValue() {
    String value = "smtp; 550 5.7.1 " + "policy text ".repeat(30).strip();
    StringBuilder out = new StringBuilder();

    FieldFolder.append(out, "Diagnostic-Code", value);

    for (String line : out.toString().split("\r\n")) {
      assertTrue(line.length() <= 78, line);
    }
    // RFC 5322 2.2.3: unfolding removes the CRLF before the folding white space.
    assertEquals("Diagnostic-Code: " + value + "\r\n", out.toString().replace("\r\n ", " "));
  }

  @Test
  void splitsAWordLongerThanALineSoNoLineExceeds998() {
    StringBuilder out = new StringBuilder();

    FieldFolder.append(out, "Diagnostic-Code", "smtp; " + "x".repeat(5000));

    for (String line : out.toString().split("\r\n")) {
      assertTrue(line.length() <= 998, "line of " + line.length());
    }
  }

  @Test
  void keepsRunsOfSpacesInsideAQuotedLocalPart() {
    StringBuilder out = new StringBuilder();

    FieldFolder.append(out, "Final-Recipient", "rfc822; \"john  doe\"@example.org");

    assertEquals("Final-Recipient: rfc822; \"john  doe\"@example.org\r\n", out.toString());
  }

  @Test
  void refusesAValueWithALineBreak() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FieldFolder.append(new StringBuilder(), "X", "a\r\nBcc: b"));
  }
}
