package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
        Arguments.of("no recipient", VALID.replaceAll("rcpt: [^\\n]*\\n", "")),
        Arguments.of("line without key", VALID.replace("helo:", "helo")),
        Arguments.of("malformed id", VALID.replace(ID, "../../etc/passwd")),
        Arguments.of("malformed time", VALID.replace("2025-06-01T", "yesterday ")),
        Arguments.of("CR in a line", VALID.replace("helo: mail", "helo: ma\ril")),
        Arguments.of("not UTF-8", VALID.replace("helo: mail", "helo: m\u00e4il")),
        Arguments.of("endless header", "DANERELAY-SPOOL 1\n" + "x".repeat(SpoolHeader.MAX_BYTES)));
  }
}
