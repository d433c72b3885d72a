package org.danerelay.dane.publish;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.danerelay.dane.tlsa.TlsaRecord;

/**
 * One TLSA record as a zone-file line, {@code _25._tcp.mail.example.nl. IN TLSA 3 1 1 <hex>}, in
 * the form the internet.nl how-to publishes.
 *
 * <p>The owner is {@code _<port>._tcp.<host>.} (RFC 6698 3, RFC 7672 2.2.3): the host in lower case
 * and fully qualified with exactly one trailing dot, so the line means the same in any zone file
 * whatever its {@code $ORIGIN}. The data is lower-case hex, as the how-to and {@code openssl
 * sha256} print it; zone files accept either case (RFC 6698 2.2).
 *
 * @param host the MX host name, as given (checked and normalized by {@link #owner()})
 * @param port the TCP port, 25 for MX delivery
 * @param record the record
 */
public record TlsaLine(String host, int port, TlsaRecord record) {

  /** LDH labels (RFC 1123 2.1): letters, digits, inner hyphens; 1 to 63 characters. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  /**
   * @throws IllegalArgumentException when the host is not a valid host name or the port is not
   *     1-65535
   */
  public TlsaLine {
    host = normalize(host);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
  }

  /** The owner name, {@code _25._tcp.mail.example.nl.}. */
  public String owner() {
    return "_" + port + "._tcp." + host + ".";
  }

  /** {@code _25._tcp.mail.example.nl. IN TLSA 3 1 1 <lower-case hex>}. */
  @Override
  public String toString() {
    return owner()
        + " IN TLSA "
        + record.usage()
        + " "
        + record.selector()
        + " "
        + record.matchingType()
        + " "
        + HexFormat.of().formatHex(record.data());
  }

  /**
   * The host in lower case without a trailing dot.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static String normalize(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the host name is empty");
    }
    String name = host.strip().toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (!name.chars().allMatch(c -> c < 128)) {
      throw new IllegalArgumentException(
          "host name '" + host + "' is not ASCII: give its A-label form (xn--...)");
    }
    if (name.isEmpty() || name.length() > 253) {
      throw new IllegalArgumentException(
          "host name '" + host + "' must be 1-253 characters without the trailing dot");
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException(
            "host name '"
                + host
                + "' has an invalid label '"
                + label
                + "': use letters, digits and inner hyphens, 1-63 characters");
      }
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      // RFC 7672 2.2.3: TLSA records hang off the MX host's name; an address has none.
      throw new IllegalArgumentException(
          "'" + host + "' is an address, not a host name: TLSA records are published by name");
    }
    return name;
  }
}
