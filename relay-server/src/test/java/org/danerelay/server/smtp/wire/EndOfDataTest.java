package org.danerelay.server.smtp.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The listener's end-of-data finder: the content ends after the first {@code <CRLF>.<CRLF>},
 * counting the CRLF of DATA before it (RFC 5321 4.1.1.4), the rule DotStuffedContentStreamTest
 * holds the content stream to, with the same random inputs.
 */
class EndOfDataTest {

  @Test
  void endsAfterTheFirstCrlfDotCrlfForRandomContent() {
    Random random = new Random(20261204);
    for (int round = 0; round < 20_000; round++) {
      String wire = randomWire(random) + "\r\n.\r\n" + "TAIL";
      int expected = ("\r\n" + wire).indexOf("\r\n.\r\n") + 5 - 2;
      assertEquals(expected, endOf(wire), wire);
    }
  }

  @Test
  void takesNoBareLfOrCrAsTheEndOfALine() {
    assertEquals(-1, endOf("a\n.\nb\r.\r\n\n.\r\n".replace("\r.\r\n", "\r.\n")));
  }

  /** Where the finder says the content ends (the index after its last octet), or -1. */
  private static int endOf(String wire) {
    EndOfData finder = new EndOfData();
    byte[] octets = wire.getBytes(ISO_8859_1);
    for (int i = 0; i < octets.length; i++) {
      if (finder.endsWith(octets[i])) {
        return i + 1;
      }
    }
    return -1;
  }

  /** The same inputs as DotStuffedContentStreamTest's: dots, CRs, LFs and letters. */
  private static String randomWire(Random random) {
    String alphabet = ".\r\na";
    StringBuilder wire = new StringBuilder();
    for (int i = random.nextInt(13); i > 0; i--) {
      wire.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return wire.toString();
  }
}
