package org.danerelay.queue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The text header at the start of a spool file, which makes each file self-describing.
 *
 * <p>Format (UTF-8, lines end in LF): {@code DANERELAY-SPOOL 1}, then {@code key: value} lines for
 * {@code id}, {@code received}, {@code sender}, {@code client}, {@code helo}, {@code body} only
 * when it is not {@code 7BIT}, {@code tls-required} only when the sender asked (RFC 8689), and one
 * {@code rcpt} per recipient in order, then an empty line, then the body bytes exactly as received.
 * The index can be rebuilt from these headers alone, which is what reconciliation at start-up does.
 *
 * <p>{@code body} (RFC 6152 BODY, {@code 8BITMIME}) came later and is optional, so the version
 * stays 1: files written before it read as 7BIT, and the 7BIT files written now, most of them, stay
 * readable by a release that predates it should an operator roll back (that release would take an
 * 8BITMIME file for corrupt).
 *
 * @param id the queue id
 * @param envelope the envelope; its {@code receivedAt} is kept to the microsecond
 */
record SpoolHeader(String id, Envelope envelope) {

  static final String MAGIC = "DANERELAY-SPOOL 1";

  /**
   * A cap on the header so that reading a damaged file cannot exhaust memory; written headers are
   * held to the same cap, so every file we commit can be read back.
   */
  static final int MAX_BYTES = 1 << 20;

  /** Column widths of the index (V1__queue.sql); RFC 5321 4.5.3.1.3 caps a path at 256 octets. */
  static final int MAX_ADDRESS_CHARS = 1024;

  static final int MAX_CLIENT_CHARS = 128;

  /**
   * Validates the values that go into the file.
   *
   * @throws IllegalArgumentException if a value contains CR or LF (it would forge header lines) or
   *     is too long for its index column
   */
  SpoolHeader {
    QueueId.requireValid(id);
    Objects.requireNonNull(envelope, "envelope");
    check("sender", envelope.sender(), MAX_ADDRESS_CHARS);
    check("client", envelope.clientAddress(), MAX_CLIENT_CHARS);
    check("helo", envelope.clientHelo(), MAX_ADDRESS_CHARS);
    for (String recipient : envelope.recipients()) {
      check("rcpt", recipient, MAX_ADDRESS_CHARS);
    }
    Instant received = envelope.receivedAt().truncatedTo(ChronoUnit.MICROS);
    if (!received.equals(envelope.receivedAt())) {
      // SQL timestamps hold microseconds; truncating here keeps file and index identical.
      envelope =
          new Envelope(
              envelope.sender(),
              envelope.recipients(),
              envelope.clientAddress(),
              envelope.clientHelo(),
              received,
              envelope.bodyType(),
              envelope.tlsRequired());
    }
  }

  /**
   * Encodes the header, including the empty line that ends it.
   *
   * @throws IllegalArgumentException if the header would exceed {@link #MAX_BYTES}
   */
  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    line(out, MAGIC);
    field(out, "id", id);
    field(out, "received", envelope.receivedAt().toString());
    field(out, "sender", envelope.sender());
    field(out, "client", envelope.clientAddress());
    field(out, "helo", envelope.clientHelo());
    if (envelope.bodyType() != BodyType.SEVEN_BIT) {
      field(out, "body", envelope.bodyType().parameterValue());
    }
    if (envelope.tlsRequired() != TlsRequired.DEFAULT) {
      // Optional like body: files without it stay readable by releases that predate it.
      field(out, "tls-required", envelope.tlsRequired().spoolValue());
    }
    for (String recipient : envelope.recipients()) {
      field(out, "rcpt", recipient);
    }
    line(out, "");
    if (out.size() > MAX_BYTES) {
      throw new IllegalArgumentException(
          "envelope too large for a spool header: " + out.size() + " bytes");
    }
    return out.toByteArray();
  }

  // Values are client-controlled: messages name the field, never echo the value into logs.
  private static void check(String key, String value, int maxChars) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("CR or LF in envelope field '" + key + "'");
    }
    if (value.length() > maxChars) {
      throw new IllegalArgumentException(
          "envelope field '" + key + "' longer than " + maxChars + " characters");
    }
  }

  private static void field(ByteArrayOutputStream out, String key, String value) {
    line(out, key + ": " + value);
  }

  private static void line(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }
}
