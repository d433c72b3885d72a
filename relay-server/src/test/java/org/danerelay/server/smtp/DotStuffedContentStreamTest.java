package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DATA content on the wire: where it ends, what unstuffing gives, what is left for commands. */
class DotStuffedContentStreamTest {

  static Stream<Arguments> wire() {
    return Stream.of(
        row("empty content (RFC 5321 4.1.1.4)", ".\r\nQUIT\r\n", "", "QUIT\r\n"),
        row("one line", "a\r\n.\r\n", "a\r\n", ""),
        row(
            "pipelined command stays unread (RFC 2920)",
            "a\r\n.\r\nMAIL FROM:<x>\r\n",
            "a\r\n",
            "MAIL FROM:<x>\r\n"),
        row("stuffed dot removed mid-message (4.5.2)", "a\r\n..b\r\n.\r\n", "a\r\n.b\r\n", ""),
        row("stuffed dot removed on the first line (4.5.2)", "..b\r\n.\r\n", ".b\r\n", ""),
        row("a dot inside a line is content", "a.b\r\n.\r\n", "a.b\r\n", ""),
        row("LF.LF does not end data (smuggling)", "a\n.\nb\r\n.\r\n", "a\n.\nb\r\n", ""),
        row("LF.CRLF does not end data (smuggling)", "a\n.\r\nb\r\n.\r\n", "a\n.\r\nb\r\n", ""),
        row("CR.CRLF does not end data (smuggling)", "a\r.\r\nb\r\n.\r\n", "a\r.\r\nb\r\n", ""),
        row("CRLF.CR is not the end (smuggling)", "a\r\n.\rb\r\n.\r\n", "a\r\n\rb\r\n", ""),
        row("CRLF.LF is not the end (smuggling)", "a\r\n.\nb\r\n.\r\n", "a\r\n\nb\r\n", ""),
        row("bare CR passes to the guard", "a\rb\r\n.\r\n", "a\rb\r\n", ""),
        row("double CR before LF", "a\r\r\n.\r\n", "a\r\r\n", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wire")
  void readsToTheEndOfDataAndNoFurther(String wire, String content, String rest) throws Exception {
    InputStream session = session(wire);
    assertEquals(content, text(new DotStuffedContentStream(session).readAllBytes()));
    assertEquals(rest, text(session.readAllBytes()));
  }

  @ParameterizedTest(name = "chunk boundary after {0} bytes of padding")
  @ValueSource(ints = {4090, 4091, 4092, 4093, 4094, 4095, 4096, 8190})
  void findsTheEndAcrossChunkBoundaries(int padding) throws Exception {
    String body = "x".repeat(padding) + "\r\n..y\r\n";
    InputStream session = session(body + ".\r\nQUIT\r\n");
    byte[] content = new DotStuffedContentStream(session).readAllBytes();
    assertArrayEquals(
        ("x".repeat(padding) + "\r\n.y\r\n").getBytes(StandardCharsets.US_ASCII), content);
    assertEquals("QUIT\r\n", text(session.readAllBytes()));
  }

  /**
   * Random octets from the ones that matter: the rest after the content is what follows the first
   * {@code <CRLF>.<CRLF>}, counting the CRLF of DATA before the content. The listener's
   * EndOfDataTest holds its own end finder to the same rule: the two must agree.
   */
  @Test
  void endsWhereTheFirstCrlfDotCrlfIsForRandomContent() throws Exception {
    Random random = new Random(20261204);
    for (int round = 0; round < 20_000; round++) {
      String wire = randomWire(random) + "\r\n.\r\n" + "TAIL";
      int end = ("\r\n" + wire).indexOf("\r\n.\r\n") + 5 - 2;
      InputStream session = session(wire);
      new DotStuffedContentStream(session).readAllBytes();
      assertEquals(wire.substring(end), text(session.readAllBytes()), wire);
    }
  }

  /** Up to 12 octets of dots, CRs, LFs and letters: the alphabet of end-of-data tricks. */
  static String randomWire(Random random) {
    String alphabet = ".\r\na";
    StringBuilder wire = new StringBuilder();
    for (int i = random.nextInt(13); i > 0; i--) {
      wire.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return wire.toString();
  }

  @ParameterizedTest(name = "closed after {index}")
  @ValueSource(strings = {"a\r\n", "a\r\n.", "a\r\n.\r", ""})
  void aConnectionClosedBeforeTheEndIsAnError(String wire) {
    InputStream content = new DotStuffedContentStream(session(wire));
    assertThrows(EOFException.class, content::readAllBytes);
  }

  private static InputStream session(String wire) {
    return new BufferedInputStream(
        new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), 8192);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static Arguments row(String name, String wire, String content, String rest) {
    return Arguments.of(Named.of(name, wire), content, rest);
  }
}
