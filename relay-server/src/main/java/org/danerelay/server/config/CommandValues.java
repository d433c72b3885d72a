package org.danerelay.server.config;

import java.net.IDN;
import java.time.Duration;

/**
 * Reads values typed on the command line with the syntax the configuration file uses for the same
 * kind of value, so that {@code --older-than 2h} means what {@code delivery.lifetime = 2h} does.
 */
public final class CommandValues {

  private CommandValues() {}

  /**
   * A positive duration such as {@code 30m}, {@code 2h} or {@code 3d}.
   *
   * @throws IllegalArgumentException with a reason fit for an error message
   */
  public static Duration duration(String text) {
    return ValueTypes.duration().parse(text.strip());
  }

  /**
   * A domain name in the form recipients carry it in the queue: lower-case A-labels, no trailing
   * dot (a U-label such as {@code bücher.example} is converted, RFC 5891).
   *
   * @throws IllegalArgumentException with a reason fit for an error message
   */
  public static String domain(String text) {
    String ascii;
    try {
      ascii = IDN.toASCII(text.strip(), IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a domain name: '" + text + "'");
    }
    return DomainName.normalize(ascii);
  }
}
