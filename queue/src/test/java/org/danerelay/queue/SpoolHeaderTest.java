package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpoolHeaderTest {

  private static final String ID = "01JXAMP1E0000000";
  private static final String VALID =
      "DANERELAY-SPOOL 1\n"
          + "id: "
          + ID
          + "\n"
          + "received: 2025-06-01T12:00:00.123456Z\n"
          + "sender: \n"
          + "client: 192.0.2.25\n"
          + "helo: mail.example.org\n"
          + "rcpt: bob@example.net\n"
          + "rcpt: carol@example.com\n"
          + "\n";

  @ParameterizedTest(name = "body {0}")
  @ValueSource(strings = {"", "Subject: x\r\n\r\nbody\r\n"})
  void readsBackWhatItWroteAndStopsAtTheFirstBodyByte(String body) throws IOException {
    SpoolHeader header =
        new SpoolHeader(
            ID,
            new Envelope(
                "",
                List.of("bob@example.net", "carol@example.com"),
                "192.0.2.25",
                "mail.example.org",
                Instant.parse("2025-06-01T12:00:00.123456Z")));
    byte[] encoded = header.encode();
    assertEquals(VALID, new String(encoded, StandardCharsets.UTF_8));

    InputStream in = new ByteArrayInputStream((VALID + body).getBytes(StandardCharsets.UTF_8));
    SpoolHeaderReader reader = new SpoolHeaderReader(in);
    assertEquals(header, reader.read());
    assertEquals(encoded.length, reader.bytesRead());
    assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), in.readAllBytes());
  }

  @Test
  void readsAHeaderWrittenBeforeTheBodyLineExistedAsSevenBit() throws IOException {
    // VALID is byte for byte what this queue wrote before it kept BODY (RFC 6152).
    SpoolHeader header = read(VALID);

    assertEquals(BodyType.SEVEN_BIT, header.envelope().bodyType());
  }

  @Test
  void writesTheBodyLineOnlyFor8BitMimeAndReadsItBack() throws IOException {
    Envelope eightBit =
        new Envelope(
            "alice@example.org",
            List.of("bob@example.net"),
            "192.0.2.25",
            "mail.example.org",
            Instant.parse("2025-06-01T12:00:00.123456Z"),
            BodyType.EIGHT_BIT_MIME);
    SpoolHeader header = new SpoolHeader(ID, eightBit);
    String encoded = new String(header.encode(), StandardCharsets.UTF_8);

    assertTrue(encoded.contains("\nhelo: mail.example.org\nbody: 8BITMIME\nrcpt: "), encoded);
    assertEquals(BodyType.EIGHT_BIT_MIME, read(encoded).envelope().bodyType());
    // A 7BIT envelope still encodes to VALID, the old format: see the test above.
  }

  @Test
  void readsAnExplicit7BitBodyLine() throws IOException {
    String explicit = VALID.replace("rcpt: bob", "body: 7BIT\nrcpt: bob");

    assertEquals(BodyType.SEVEN_BIT, read(explicit).envelope().bodyType());
  }

  private static SpoolHeader read(String text) throws IOException {
    return new SpoolHeaderReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
        .read();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptHeaders")
  void reportsDamagedHeaderAsCorrupt(String why, String text) {
    InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    assertThrows(CorruptSpoolFileException.class, () -> new SpoolHeaderReader(in).read());
  }

  static List<Arguments> corruptHeaders() {
    return List.of(
        Arguments.of("empty file", ""),
        Arguments.of("other version", VALID.replace("SPOOL 1", "SPOOL 2")),
        Arguments.of("truncated before the empty line", VALID.substring(0, VALID.length() - 1)),
        Arguments.of("unknown key", VALID.replace("helo:", "ehlo:")),
        Arguments.of(
            "repeated key", VALID.replace("helo: mail.example.org\n", "helo: a\nhelo: b\n")),
        Arguments.of("missing key", VALID.replace("client: 192.0.2.25\n", "")),
        Arguments.of(
            "BODY value RFC 6152 does not define",
            VALID.replace("rcpt: bob", "body: BINARYMIME\nrcpt: bob")),
        Arguments.of(
            "repeated body",
            VALID.replace("rcpt: bob", "body: 8BITMIME\nbody: 8BITMIME\nrcpt: bob")),
        Arguments.of("no recipient", VALID.replaceAll("rcpt: [^\\n]*\\n", "")),
        Arguments.of("line without key", VALID.replace("helo:", "helo")),
        Arguments.of("malformed id", VALID.replace(ID, "../../etc/passwd")),
        Arguments.of("malformed time", VALID.replace("2025-06-01T", "yesterday ")),
        Arguments.of("CR in a line", VALID.replace("helo: mail", "helo: ma\ril")),
        Arguments.of("not UTF-8", VALID.replace("helo: mail", "helo: m\u00e4il")),
        Arguments.of("endless header", "DANERELAY-SPOOL 1\n" + "x".repeat(SpoolHeader.MAX_BYTES)));
  }
}
