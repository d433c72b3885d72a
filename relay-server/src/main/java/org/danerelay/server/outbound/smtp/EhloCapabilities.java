package org.danerelay.server.outbound.smtp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The service extensions a server announced in its EHLO reply (RFC 5321 4.1.1.1): each line after
 * the first is a keyword and optional parameters.
 */
final class EhloCapabilities {

  static final EhloCapabilities NONE = new EhloCapabilities(Map.of());

  private final Map<String, String> keywords;

  private EhloCapabilities(Map<String, String> keywords) {
    this.keywords = Map.copyOf(keywords);
  }

  static EhloCapabilities parse(SmtpReply ehlo) {
    Map<String, String> keywords = new HashMap<>();
    for (String line : ehlo.lines().subList(1, ehlo.lines().size())) {
      String[] parts = line.strip().split("\\s+", 2);
      if (!parts[0].isEmpty()) {
        keywords.putIfAbsent(
            parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : "");
      }
    }
    return new EhloCapabilities(keywords);
  }

  boolean has(String keyword) {
    return keywords.containsKey(keyword);
  }

  boolean offersStartTls() {
    return has("STARTTLS");
  }

  /** RFC 1870: {@code SIZE} announced; the limit, when one was given and is not 0 (no limit). */
  OptionalLong sizeLimit() {
    String parameter = keywords.get("SIZE");
    if (parameter == null || parameter.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long limit = Long.parseLong(parameter);
      return limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
