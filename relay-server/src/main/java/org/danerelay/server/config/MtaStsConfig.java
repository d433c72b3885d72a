package org.danerelay.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * MTA-STS (RFC 8461) for destinations without usable DANE.
 *
 * @param enabled {@code mta-sts.enabled}: look up, fetch and apply policies
 * @param trustStore {@code mta-sts.trust-store}, absolute: PEM CA certificates for policy hosts and
 *     for MX hosts under mode enforce; empty for the JDK's default trust store
 * @param port {@code mta-sts.port}: the HTTPS port of policy hosts (443; others for tests)
 */
public record MtaStsConfig(boolean enabled, Optional<Path> trustStore, int port) {

  public MtaStsConfig {
    Objects.requireNonNull(trustStore, "trustStore");
    trustStore.ifPresent(
        path -> {
          if (!path.isAbsolute()) {
            throw new IllegalArgumentException("trust store path must be absolute: " + path);
          }
        });
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("MTA-STS port out of range: " + port);
    }
  }
}
