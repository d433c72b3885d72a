package org.danerelay.server.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code tls.policy.map}: one {@code domain level} pair per line, {@code #} comments, like
 * Postfix's smtp_tls_policy_maps without the lookup-table machinery.
 */
public final class TlsPolicyMap {

  private TlsPolicyMap() {}

  /**
   * The per-domain levels, keyed by lower-case domain without a trailing dot.
   *
   * @throws ConfigException {@code file:line: reason} for a bad line or a repeated domain
   */
  public static Map<String, String> load(Path file) {
    return DomainMapFile.load(file, "level", TlsPolicyMap::level);
  }

  private static String level(String text) {
    String level = text.toLowerCase(Locale.ROOT);
    if (!TlsPolicyConfig.LEVELS.contains(level)) {
      throw new IllegalArgumentException(
          "'" + text + "' is not one of " + String.join(", ", TlsPolicyConfig.LEVELS));
    }
    return level;
  }
}
