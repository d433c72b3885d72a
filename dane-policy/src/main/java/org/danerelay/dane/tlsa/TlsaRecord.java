package org.danerelay.dane.tlsa;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One TLSA record's data (RFC 6698 2.1): certificate usage, selector, matching type and the
 * association data, as published at {@code _25._tcp.<host>}.
 *
 * @param usage 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE
 * @param selector 0 full certificate, 1 SubjectPublicKeyInfo
 * @param matchingType 0 exact, 1 SHA-256, 2 SHA-512
 * @param data the association data
 */
public record TlsaRecord(int usage, int selector, int matchingType, byte[] data) {

  public static final int PKIX_TA = 0;
  public static final int PKIX_EE = 1;
  public static final int DANE_TA = 2;
  public static final int DANE_EE = 3;
  public static final int SELECTOR_CERT = 0;
  public static final int SELECTOR_SPKI = 1;
  public static final int MATCH_FULL = 0;
  public static final int MATCH_SHA256 = 1;
  public static final int MATCH_SHA512 = 2;

  public TlsaRecord {
    checkOctet(usage, "usage");
    checkOctet(selector, "selector");
    checkOctet(matchingType, "matching type");
    data = data.clone();
  }

  /**
   * Parses the presentation form {@code "3 1 1 0A1B..."} (RFC 6698 2.2): three decimal fields and
   * the data in hex, which may be split by white space.
   *
   * @throws IllegalArgumentException with a reason fit for an error message
   */
  public static TlsaRecord parse(String text) {
    String[] fields = text.strip().split("\\s+", 4);
    if (fields.length < 4) {
      throw new IllegalArgumentException(
          "a TLSA record is 'usage selector matching-type hex-data', got '" + text.strip() + "'");
    }
    int usage = field(fields[0], "usage");
    int selector = field(fields[1], "selector");
    int matching = field(fields[2], "matching type");
    String hex = fields[3].replaceAll("\\s+", "");
    if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.matches("[0-9A-Fa-f]+")) {
      throw new IllegalArgumentException("TLSA data is not an even number of hex digits: " + hex);
    }
    return new TlsaRecord(usage, selector, matching, HexFormat.of().parseHex(hex));
  }

  /**
   * Whether DANE for SMTP can use this record (RFC 7672 3.1.3, RFC 7671 5.1-5.4): usage DANE-TA or
   * DANE-EE, selector 0 or 1, matching type 0, 1 or 2, and data of the length that matching type
   * implies. PKIX-TA and PKIX-EE are unusable for SMTP (RFC 7672 3.1.3).
   */
  public boolean isUsableForSmtp() {
    boolean usageOk = usage == DANE_TA || usage == DANE_EE;
    boolean selectorOk = selector == SELECTOR_CERT || selector == SELECTOR_SPKI;
    boolean lengthOk =
        switch (matchingType) {
          case MATCH_FULL -> data.length > 0;
          case MATCH_SHA256 -> data.length == 32;
          case MATCH_SHA512 -> data.length == 64;
          default -> false;
        };
    return usageOk && selectorOk && lengthOk;
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The data in lower-case hex, as openssl prints digests and the how-to shows records. */
  public String dataHex() {
    return HexFormat.of().formatHex(data);
  }

  /** {@code 3 1 1 <hex>}: the presentation form. */
  @Override
  public String toString() {
    return usage + " " + selector + " " + matchingType + " " + dataHex();
  }

  /** For logs: {@code 3 1 1 <first 8 hex digits>}. */
  public String shortForm() {
    String hex = dataHex();
    return usage
        + " "
        + selector
        + " "
        + matchingType
        + " "
        + hex.substring(0, Math.min(8, hex.length())).toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TlsaRecord that
        && usage == that.usage
        && selector == that.selector
        && matchingType == that.matchingType
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return ((usage * 31 + selector) * 31 + matchingType) * 31 + Arrays.hashCode(data);
  }

  private static int field(String text, String name) {
    if (!text.matches("\\d{1,3}")) {
      throw new IllegalArgumentException("TLSA " + name + " is not a number 0-255: " + text);
    }
    int value = Integer.parseInt(text);
    checkOctet(value, name);
    return value;
  }

  private static void checkOctet(int value, String name) {
    if (value < 0 || value > 255) {
      throw new IllegalArgumentException("TLSA " + name + " out of range 0-255: " + value);
    }
  }
}
