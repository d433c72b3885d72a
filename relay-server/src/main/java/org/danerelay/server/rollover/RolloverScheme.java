package org.danerelay.server.rollover;

import java.util.Arrays;

/**
 * The two rollover schemes of the internet.nl how-to (RFC 7671 8.1): which record, published beside
 * the current key's {@code 3 1 1}, already matches the certificate that replaces it.
 */
public enum RolloverScheme {
  /** A {@code 3 1 1} for the pre-generated next key: tight pinning, any CA or none. */
  CURRENT_NEXT("current+next"),
  /** A {@code 2 1 1} for the CA that issues the next certificate, which must chain to it. */
  CURRENT_ISSUER("current+issuer");

  private final String text;

  RolloverScheme(String text) {
    this.text = text;
  }

  /**
   * The scheme written as {@code current+next} or {@code current+issuer}.
   *
   * @throws IllegalArgumentException naming both
   */
  public static RolloverScheme parse(String text) {
    return Arrays.stream(values())
        .filter(scheme -> scheme.text.equals(text))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--scheme must be current+next or current+issuer, got '" + text + "'"));
  }

  @Override
  public String toString() {
    return text;
  }
}
