package org.danerelay.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Envelopes, bodies and queue settings shared by the queue tests. */
final class SampleMail {

  static final Instant RECEIVED = Instant.parse("2025-06-01T12:00:00.123456Z");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:05Z"), ZoneOffset.UTC);

  static final int CHUNK_BYTES = 64 * 1024;

  private SampleMail() {}

  static QueueSettings settings(Path spoolDir) {
    return settings(spoolDir, null);
  }

  /** Settings for the database at {@code jdbcUrl}, or the embedded H2 index for {@code null}. */
  static QueueSettings settings(Path spoolDir, String jdbcUrl) {
    return new QueueSettings(spoolDir, jdbcUrl, CLOCK);
  }

  /**
   * Whether the body of message {@code id} is still stored: its spool file for the embedded index
   * ({@code jdbcUrl} null), its rows in a shared database.
   */
  static boolean bodyKept(Path spoolDir, String jdbcUrl, String id) {
    if (jdbcUrl == null) {
      return java.nio.file.Files.exists(new SpoolLayout(spoolDir).messageFile(id));
    }
    String rows = "SELECT COUNT(*) FROM message_body WHERE message_id = ?";
    return PrivatePostgres.count(jdbcUrl, rows, id) > 0;
  }

  static Envelope envelope(String... recipients) {
    return new Envelope(
        "alice@example.org", List.of(recipients), "192.0.2.25", "mail.example.org", RECEIVED);
  }

  static byte[] body(String subject) {
    return ("Subject: " + subject + "\r\n\r\nHello.\r\n.. a line that was dot-stuffed\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Streams {@code body} in, commits, and returns the new id. */
  static String commit(MessageQueue queue, Envelope envelope, byte[] body) throws IOException {
    String id = queue.newId();
    try (SpoolWriter writer = queue.create(id, envelope)) {
      OutputStream out = writer.body();
      out.write(body);
      writer.commit();
    }
    return id;
  }

  /**
   * Writes {@code bytes} pseudo-random bytes in 64 KiB chunks, never holding more than one chunk,
   * and returns their SHA-256 in hex.
   */
  static String writePseudoRandomBody(OutputStream out, long bytes) throws IOException {
    MessageDigest sha256 = sha256();
    Random random = new Random(bytes);
    byte[] chunk = new byte[CHUNK_BYTES];
    for (long left = bytes; left > 0; left -= chunk.length) {
      random.nextBytes(chunk);
      int length = (int) Math.min(chunk.length, left);
      out.write(chunk, 0, length);
      sha256.update(chunk, 0, length);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** Reads a body through {@link MessageQueue#openBody} in 64 KiB chunks; returns its SHA-256. */
  static String sha256OfBody(MessageQueue queue, String id) throws IOException {
    MessageDigest sha256 = sha256();
    byte[] chunk = new byte[CHUNK_BYTES];
    try (InputStream in = queue.openBody(id)) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        sha256.update(chunk, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  static byte[] readBody(MessageQueue queue, String id) throws IOException {
    try (InputStream in = queue.openBody(id)) {
      return in.readAllBytes();
    }
  }
}
