package org.danerelay.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbound TLS policy: a default level, a file of per-domain levels, and MTA-STS.
 *
 * @param level {@code tls.policy}: {@code dane}, {@code dane-only}, {@code encrypt}, {@code may} or
 *     {@code none}
 * @param mapFile {@code tls.policy.map}, absolute: {@code domain level} lines
 * @param deliveryPort {@code delivery.port}: the port MX hosts are reached on
 * @param mtaSts the {@code mta-sts.*} keys
 * @param tlsRpt the {@code tlsrpt.*} keys
 */
public record TlsPolicyConfig(
    String level,
    Optional<Path> mapFile,
    int deliveryPort,
    MtaStsConfig mtaSts,
    TlsRptConfig tlsRpt) {

  public static final List<String> LEVELS = List.of("dane", "dane-only", "encrypt", "may", "none");

  public TlsPolicyConfig {
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("tls level must be one of " + LEVELS + ": " + level);
    }
    Objects.requireNonNull(mapFile, "mapFile");
    if (deliveryPort < 1 || deliveryPort > 65535) {
      throw new IllegalArgumentException("delivery port out of range: " + deliveryPort);
    }
    Objects.requireNonNull(mtaSts, "mtaSts");
    Objects.requireNonNull(tlsRpt, "tlsRpt");
  }
}
