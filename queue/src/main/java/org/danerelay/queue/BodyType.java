package org.danerelay.queue;

import java.util.Locale;

/**
 * What the client declared about the message body with the BODY parameter of MAIL FROM (RFC 6152
 * 2). Delivery needs it to know whether the next hop must offer 8BITMIME.
 */
public enum BodyType {
  /** {@code BODY=7BIT}, or no BODY parameter: the client claims no 8-bit content. */
  SEVEN_BIT("7BIT"),
  /** {@code BODY=8BITMIME}: the body may hold octets above 127 in MIME 8bit parts. */
  EIGHT_BIT_MIME("8BITMIME");

  private final String parameterValue;

  BodyType(String parameterValue) {
    this.parameterValue = parameterValue;
  }

  /** The value as MAIL FROM writes it: {@code 7BIT} or {@code 8BITMIME}. */
  public String parameterValue() {
    return parameterValue;
  }

  /**
   * The body type a BODY parameter value names; case does not matter (RFC 5321 2.4: keywords are
   * case-insensitive).
   *
   * @throws IllegalArgumentException if it is neither {@code 7BIT} nor {@code 8BITMIME}
   */
  public static BodyType fromParameterValue(String value) {
    String upper = value.toUpperCase(Locale.ROOT);
    for (BodyType type : values()) {
      if (type.parameterValue.equals(upper)) {
        return type;
      }
    }
    // The value comes from the client: name the rule, never echo the value into logs.
    throw new IllegalArgumentException("BODY must be 7BIT or 8BITMIME");
  }
}
