package org.danerelay.dane.monitor;

import java.security.PublicKey;

/**
 * The public key algorithms a probe asks for, one per handshake, so that a server with an RSA and
 * an ECDSA certificate shows both (the how-to: "test each public key algorithm"; every DANE-capable
 * SMTP server supports both).
 */
public enum KeyAlgorithm {
  RSA,
  ECDSA;

  /**
   * The algorithm of a key the server actually presented: {@code RSA}, {@code ECDSA}, or the JCA
   * name of any other (e.g. {@code EdDSA}), whatever the probe asked for.
   */
  public static String of(PublicKey key) {
    return switch (key.getAlgorithm()) {
      case "RSA", "RSASSA-PSS" -> RSA.name();
      case "EC" -> ECDSA.name();
      default -> key.getAlgorithm();
    };
  }
}
