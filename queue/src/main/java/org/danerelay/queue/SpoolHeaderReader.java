package org.danerelay.queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a spool file header and leaves the stream at the first body byte.
 *
 * <p>Strict on purpose: a file we did not write, or one damaged on disk, is reported as corrupt
 * rather than guessed at, because a wrong guess would send mail to the wrong people.
 */
final class SpoolHeaderReader {

  private static final Set<String> REQUIRED_KEYS =
      Set.of("id", "received", "sender", "client", "helo");

  /** Keys added after version 1 was first written; absent in older files. */
  private static final Set<String> OPTIONAL_KEYS = Set.of("body", "tls-required");

  private final InputStream in;
  private long bytesRead;

  /** Reads from {@code in}, which should be buffered: the header is read a byte at a time. */
  SpoolHeaderReader(InputStream in) {
    this.in = in;
  }

  /** How many bytes the header took, the empty line included. */
  long bytesRead() {
    return bytesRead;
  }

  SpoolHeader read() throws IOException {
    if (!SpoolHeader.MAGIC.equals(readLine())) {
      throw new CorruptSpoolFileException("not a spool file of version 1");
    }
    Map<String, String> single = new HashMap<>();
    List<String> recipients = new ArrayList<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new CorruptSpoolFileException("header line without a key");
      }
      String key = line.substring(0, colon);
      String value = line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
      if (key.equals("rcpt")) {
        recipients.add(value);
      } else if (!REQUIRED_KEYS.contains(key) && !OPTIONAL_KEYS.contains(key)) {
        throw new CorruptSpoolFileException("unknown header key '" + printable(key) + "'");
      } else if (single.put(key, value) != null) {
        throw new CorruptSpoolFileException("header key '" + key + "' repeated");
      }
    }
    if (!single.keySet().containsAll(REQUIRED_KEYS)) {
      throw new CorruptSpoolFileException("header lacks one of " + REQUIRED_KEYS);
    }
    try {
      Envelope envelope =
          new Envelope(
              single.get("sender"),
              recipients,
              single.get("client"),
              single.get("helo"),
              Instant.parse(single.get("received")),
              bodyType(single.get("body")),
              TlsRequired.fromSpoolValue(single.get("tls-required")));
      return new SpoolHeader(single.get("id"), envelope);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new CorruptSpoolFileException("invalid header value: " + e.getMessage(), e);
    }
  }

  // Files written before the body line existed, and all 7BIT ones since, have none.
  private static BodyType bodyType(String value) {
    return value == null ? BodyType.SEVEN_BIT : BodyType.fromParameterValue(value);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new CorruptSpoolFileException("header ends before the empty line");
      }
      if (++bytesRead > SpoolHeader.MAX_BYTES) {
        throw new CorruptSpoolFileException("header longer than " + SpoolHeader.MAX_BYTES);
      }
      if (b == '\n') {
        return decode(line.toByteArray());
      }
      if (b == '\r') {
        throw new CorruptSpoolFileException("CR in header"); // we never write one
      }
      line.write(b);
    }
  }

  private static String decode(byte[] bytes) throws CorruptSpoolFileException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CorruptSpoolFileException("header is not UTF-8", e);
    }
  }

  private static String printable(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) : text;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
