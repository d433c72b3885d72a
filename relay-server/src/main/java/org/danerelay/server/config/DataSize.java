package org.danerelay.server.config;

import java.util.Locale;

/**
 * A number of bytes written as {@code 1048576}, {@code 1024K}, {@code 50M} or {@code 2G}.
 *
 * <p>Suffixes are powers of 1024, as mail size limits are usually meant.
 *
 * @param bytes zero or more
 */
public record DataSize(long bytes) {

  private static final long KIB = 1024;

  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("size must not be negative: " + bytes);
    }
  }

  /**
   * Parses a whole number with an optional {@code K}, {@code M} or {@code G} suffix.
   *
   * @throws IllegalArgumentException with a reason fit for an error message
   */
  public static DataSize parse(String text) {
    String trimmed = text.strip().toUpperCase(Locale.ROOT);
    if (!trimmed.matches("\\d+[KMG]?")) {
      throw new IllegalArgumentException(
          "not a size: '" + text + "' (a whole number of bytes, or with K, M or G)");
    }
    char last = trimmed.charAt(trimmed.length() - 1);
    boolean suffixed = !Character.isDigit(last);
    String digits = suffixed ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    long unit =
        switch (last) {
          case 'K' -> KIB;
          case 'M' -> KIB * KIB;
          case 'G' -> KIB * KIB * KIB;
          default -> 1;
        };
    try {
      return new DataSize(Math.multiplyExact(Long.parseLong(digits), unit));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("size too large: '" + text + "'");
    }
  }

  /** The shortest exact form, such as {@code 50M}, so that defaults print as they are written. */
  @Override
  public String toString() {
    String[] suffixes = {"G", "M", "K"};
    long[] units = {KIB * KIB * KIB, KIB * KIB, KIB};
    for (int i = 0; i < units.length; i++) {
      if (bytes != 0 && bytes % units[i] == 0) {
        return bytes / units[i] + suffixes[i];
      }
    }
    return Long.toString(bytes);
  }
}
