package org.danerelay.server.outbound.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The message content to send after DATA, as stored: header and body with line endings, not
 * dot-stuffed and without the terminating {@code "."} line.
 */
public interface MessageBody {

  /** Opens the content from its start; the caller closes the stream. */
  InputStream open() throws IOException;

  /** The size in bytes, when known, for the SIZE parameter (RFC 1870). */
  OptionalLong size();

  /** A spool file. */
  static MessageBody of(Path file) {
    return new MessageBody() {
      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(file);
      }

      @Override
      public OptionalLong size() {
        try {
          return OptionalLong.of(Files.size(file));
        } catch (IOException e) {
          return OptionalLong.empty();
        }
      }
    };
  }

  /** Bytes in memory. */
  static MessageBody of(byte[] content) {
    byte[] copy = content.clone();
    return new MessageBody() {
      @Override
      public InputStream open() {
        return new ByteArrayInputStream(copy);
      }

      @Override
      public OptionalLong size() {
        return OptionalLong.of(copy.length);
      }
    };
  }
}
