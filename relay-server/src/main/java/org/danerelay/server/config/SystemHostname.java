package org.danerelay.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the host's own name without DNS, for when {@code smtpd.hostname} is left empty.
 *
 * <p>{@code InetAddress.getLocalHost()} is deliberately not used: it may query DNS, which can hang
 * start-up or answer with a name an attacker chose.
 */
final class SystemHostname {

  /** Where Linux publishes the name set by {@code hostname(1)}. */
  static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  static final String FALLBACK = "localhost";

  private SystemHostname() {}

  static String read() {
    return read(KERNEL_HOSTNAME);
  }

  /** The name in {@code file} if it is a valid DNS name, otherwise {@value #FALLBACK}. */
  static String read(Path file) {
    try {
      return DomainName.normalize(Files.readString(file));
    } catch (IOException | IllegalArgumentException e) {
      // Not Linux, or a name like "(none)": a harmless default beats refusing to start.
      return FALLBACK;
    }
  }
}
