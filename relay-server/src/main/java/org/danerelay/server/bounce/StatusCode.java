package org.danerelay.server.bounce;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced status code such as {@code 5.1.10} or {@code 4.7.5}.
 *
 * @param klass 4 (persistent transient failure) or 5 (permanent failure); 2 (success) is never
 *     reported by this relay
 * @param subject 0 to 999
 * @param detail 0 to 999
 */
public record StatusCode(int klass, int subject, int detail) {

  // RFC 3463 2: status-code = class "." subject "." detail; subject and detail are 1*3digit.
  private static final Pattern SYNTAX = Pattern.compile("([245])\\.([0-9]{1,3})\\.([0-9]{1,3})");

  /** RFC 7505 3 / RFC 3463: the domain publishes a null MX and accepts no mail. */
  public static final StatusCode NULL_MX = new StatusCode(5, 1, 10);

  /** RFC 3463 3.8 X.7.5 cryptographic failure: what every DNSSEC, TLS and DANE problem is. */
  public static final StatusCode DANE_FAILURE = new StatusCode(4, 7, 5);

  public StatusCode {
    if (klass != 4 && klass != 5) {
      throw new IllegalArgumentException("a DSN reports class 4 or 5, not " + klass);
    }
    if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
      throw new IllegalArgumentException("subject and detail are 0 to 999");
    }
  }

  /**
   * Parses {@code 4.7.5}-style text.
   *
   * @throws IllegalArgumentException if it is not an RFC 3463 code of class 4 or 5
   */
  public static StatusCode parse(String text) {
    Matcher m = SYNTAX.matcher(Objects.requireNonNull(text, "text"));
    if (!m.matches()) {
      throw new IllegalArgumentException("not an RFC 3463 status code");
    }
    return new StatusCode(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  /** RFC 3463 2: class 4, the condition may clear and a later attempt may succeed. */
  public boolean isTransient() {
    return klass == 4;
  }

  /** X.7.5, a cryptographic failure: for this relay, DNSSEC, TLS or DANE authentication. */
  public boolean isCryptographicFailure() {
    return subject == 7 && detail == 5;
  }

  /** X.1.10, a null MX (RFC 7505 3). */
  public boolean isNullMx() {
    return subject == 1 && detail == 10;
  }

  @Override
  public String toString() {
    return klass + "." + subject + "." + detail;
  }
}
