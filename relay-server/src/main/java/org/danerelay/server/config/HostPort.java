package org.danerelay.server.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A socket address written as {@code 192.0.2.1:25} or {@code [2001:db8::1]:25}.
 *
 * <p>The host is always an IP address literal, never a name: a listener or next hop must not depend
 * on DNS at start-up. Port 0 is allowed and means "any free port" for a listener.
 *
 * @param host the address literal without brackets, such as {@code ::1}
 * @param port 0 to 65535
 */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isEmpty() || !host.equals(host.strip()) || host.contains("/")) {
      throw new IllegalArgumentException("not an IP address: '" + host + "'");
    }
    literalBytes(host);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses {@code host:port}, with IPv6 hosts in brackets.
   *
   * @throws IllegalArgumentException with a reason fit for an error message
   */
  public static HostPort parse(String text) {
    String trimmed = text.strip();
    String host;
    String port;
    if (trimmed.startsWith("[")) {
      int close = trimmed.indexOf(']');
      if (close < 0 || close + 1 >= trimmed.length() || trimmed.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("expected [address]:port, got '" + text + "'");
      }
      host = trimmed.substring(1, close);
      port = trimmed.substring(close + 2);
      if (!host.contains(":")) {
        throw new IllegalArgumentException("brackets are only for IPv6 addresses: '" + text + "'");
      }
    } else {
      int colon = trimmed.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("missing port in '" + text + "' (expected host:port)");
      }
      host = trimmed.substring(0, colon);
      port = trimmed.substring(colon + 1);
      if (host.contains(":")) {
        throw new IllegalArgumentException(
            "IPv6 addresses need brackets, as in [::1]:25 (got '" + text + "')");
      }
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("missing host in '" + text + "' (expected host:port)");
    }
    if (!host.matches("[0-9A-Fa-f:.]+")) {
      // Names are refused outright: resolving them would make start-up depend on DNS.
      throw new IllegalArgumentException("host must be an IP address, not a name: '" + text + "'");
    }
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("bad port in '" + text + "' (0 to 65535)");
    }
    return new HostPort(host.toLowerCase(Locale.ROOT), Integer.parseInt(port));
  }

  /** The socket address, built from the literal's bytes so that no DNS lookup can happen. */
  public InetSocketAddress toSocketAddress() {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(literalBytes(host)), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address literal has a bad length: " + host, e);
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static byte[] literalBytes(String host) {
    // Cidr is the one parser of IP literals that never consults DNS; a bare address comes back
    // as a full-length host route, whose network bytes are the address itself.
    return Cidr.parse(host).network();
  }
}
