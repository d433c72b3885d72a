package org.danerelay.dane.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Where a destination's mail goes next: a domain whose MX records are looked up, a configured host
 * written {@code [host]:port} whose MX records are not (Postfix's next-hop syntax), or an address
 * written {@code [192.0.2.1]:port} or {@code [2001:db8::1]:port}, which needs no DNS at all.
 *
 * @param name the domain or host, absolute, lower case; for an address, its text as one name, for
 *     logs and lookups of the policy level only
 * @param port the TCP port
 * @param mxLookup true to look up MX records of {@code name}; false for a {@code [host]}
 * @param address the address of an address-literal next hop, which has no TLSA name and no DNSSEC
 *     status; empty for a name
 */
public record NextHop(Name name, int port, boolean mxLookup, Optional<InetAddress> address) {

  /** The SMTP port MX hosts listen on (RFC 5321 4.5.4.2 has none other). */
  public static final int SMTP_PORT = 25;

  public NextHop {
    Objects.requireNonNull(name, "name");
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException("next hop name must be absolute: " + name);
    }
    if (name.equals(Name.root)) {
      throw new IllegalArgumentException("next hop name must not be the root");
    }
    name = name.canonicalize();
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range 1-65535: " + port);
    }
    Objects.requireNonNull(address, "address");
    if (address.isPresent() && mxLookup) {
      throw new IllegalArgumentException("an address literal has no MX records");
    }
  }

  /** A recipient domain whose MX records are looked up. */
  public static NextHop domain(String domain, int port) {
    return new NextHop(absolute(domain), port, true, Optional.empty());
  }

  /** A configured host used as is: no MX lookup, TLSA at {@code _port._tcp.host}. */
  public static NextHop host(String host, int port) {
    return new NextHop(absolute(host), port, false, Optional.empty());
  }

  /** An address used as is: no DNS, so no DNSSEC and no TLSA (RFC 7672 2.2 needs both). */
  public static NextHop address(InetAddress address, int port) {
    String text = address.getHostAddress();
    try {
      return new NextHop(Name.fromString(text, Name.root), port, false, Optional.of(address));
    } catch (TextParseException e) {
      throw new IllegalArgumentException("address " + text + " does not fit a name", e);
    }
  }

  /**
   * Parses {@code [host]:port}, {@code [host]}, {@code domain:port} or {@code domain}: brackets
   * mean "no MX lookup", as in Postfix's transport and relayhost syntax; the port defaults to 25.
   *
   * @throws IllegalArgumentException with a reason fit for a configuration error
   */
  public static NextHop parse(String text) {
    String s = text.strip();
    boolean bracketed = s.startsWith("[");
    String host;
    String rest;
    if (bracketed) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("next hop '" + s + "' has '[' without ']'");
      }
      host = s.substring(1, close);
      rest = s.substring(close + 1);
    } else {
      int colon = s.indexOf(':');
      host = colon < 0 ? s : s.substring(0, colon);
      rest = colon < 0 ? "" : s.substring(colon);
    }
    int port = SMTP_PORT;
    if (!rest.isEmpty()) {
      if (!rest.matches(":\\d{1,5}")) {
        throw new IllegalArgumentException("next hop '" + s + "': expected ':port' after the host");
      }
      port = Integer.parseInt(rest.substring(1));
    }
    if (bracketed && isAddressLiteral(host)) {
      return address(literal(host), port);
    }
    return bracketed ? host(host, port) : domain(host, port);
  }

  /** The name in the form reference identifiers use: lower case, no trailing dot. */
  public String domainText() {
    return address.map(InetAddress::getHostAddress).orElseGet(() -> PlanNames.text(name));
  }

  /** {@code [host]:port} or {@code domain:port}, parseable by {@link #parse}. */
  @Override
  public String toString() {
    return mxLookup ? domainText() + ":" + port : "[" + domainText() + "]:" + port;
  }

  private static Name absolute(String text) {
    String s = text.strip();
    if (s.isEmpty() || s.equals(".")) {
      throw new IllegalArgumentException("next hop host is empty");
    }
    if (isAddressLiteral(s)) {
      // Without brackets an address would be taken for a domain and its MX records looked up.
      throw new IllegalArgumentException(
          "next hop '" + s + "': write an address in brackets, [" + s + "]");
    }
    // RFC 1123 2.1 host names (and '_', which some internal names use). dnsjava would also take
    // escapes such as \[ or \000 and raw control characters: names that print differently from
    // how they were written, so toString() would not parse back, and that no MX host has.
    if (!s.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "next hop '" + s + "' is not a host name: use letters, digits, '-' and '.'");
    }
    try {
      return Name.fromString(s, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(
          "next hop '" + s + "' is not a domain name: " + e.getMessage());
    }
  }

  private static boolean isAddressLiteral(String text) {
    return text.matches("[0-9.]+") || text.contains(":");
  }

  /** Parses an IPv4 or IPv6 literal; never a DNS lookup (dnsjava's literal parser). */
  private static InetAddress literal(String text) {
    try {
      return Address.getByAddress(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("next hop '[" + text + "]' is not an IP address", e);
    }
  }
}
