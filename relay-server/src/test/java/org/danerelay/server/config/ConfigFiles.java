package org.danerelay.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes small config files for tests, one string per line. */
final class ConfigFiles {

  private ConfigFiles() {}

  /** Writes {@code lines} to {@code dir/relay.conf} and returns its path. */
  static Path write(Path dir, String... lines) {
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve("relay.conf"), List.of(lines), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates an empty file, such as a stand-in certificate, and returns its path. */
  static Path touch(Path file) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
