package org.danerelay.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network written as {@code address/prefix}, such as {@code 127.0.0.0/8}.
 *
 * <p>Parsing never consults DNS: only address literals are accepted.
 */
public record Cidr(byte[] network, int prefixLength) {

  public Cidr {
    network = network.clone();
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("network must be 4 or 16 bytes");
    }
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
    }
  }

  /**
   * Parses {@code 192.0.2.0/24}, {@code ::1/128} or a bare address (a host route).
   *
   * @throws IllegalArgumentException with a reason fit for an error message
   */
  public static Cidr parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
    byte[] address = parseLiteral(addressText);
    int prefix = address.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in '" + text + "'");
      }
      if (prefix < 0 || prefix > address.length * 8) {
        throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
      }
    }
    return new Cidr(mask(address, prefix), prefix);
  }

  /** True when {@code address} lies inside this network; IPv4 never matches IPv6 or back. */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    return candidate.length == network.length
        && Arrays.equals(mask(candidate, prefixLength), network);
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr that
        && prefixLength == that.prefixLength
        && Arrays.equals(network, that.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] parseLiteral(String text) {
    boolean ipv4 =
        text.matches("\\d{1,3}(\\.\\d{1,3}){3}")
            && Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).allMatch(o -> o <= 255);
    boolean ipv6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
    if (!ipv4 && !ipv6) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
    try {
      // Only a checked literal gets here, so this parses and never looks a name up.
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] masked = address.clone();
    for (int bit = prefix; bit < masked.length * 8; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return masked;
  }
}
