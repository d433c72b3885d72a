package org.danerelay.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    Map<String, String> levels = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      String[] fields = line.split("\\s+");
      if (fields.length != 2) {
        throw new ConfigException(where + "expected 'domain level', got '" + line + "'");
      }
      String domain = domain(fields[0], where);
      String level = fields[1].toLowerCase(Locale.ROOT);
      if (!TlsPolicyConfig.LEVELS.contains(level)) {
        throw new ConfigException(
            where
                + "'"
                + fields[1]
                + "' is not one of "
                + String.join(", ", TlsPolicyConfig.LEVELS));
      }
      if (levels.put(domain, level) != null) {
        throw new ConfigException(where + domain + " is listed twice");
      }
    }
    return levels;
  }

  private static String domain(String text, String where) {
    try {
      return ValueTypes.domainName().parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + e.getMessage());
    }
  }
}
