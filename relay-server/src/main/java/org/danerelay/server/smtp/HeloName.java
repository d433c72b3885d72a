package org.danerelay.server.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The argument of EHLO and HELO as RFC 5321 4.1.1.1 writes it: a domain or an address literal.
 *
 * <p>The name goes into the log, the Received header and the queue, so nothing else may pass:
 * control characters and escape sequences are refused here, not escaped later.
 */
final class HeloName {

  // RFC 5321 4.1.2: sub-domain = Let-dig [Ldh-str]; a label of 63 octets at most (RFC 1035 2.3.4).
  private static final Pattern DOMAIN =
      Pattern.compile(
          "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV4 =
      Pattern.compile(
          "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
  // RFC 5321 4.1.3: IPv6 literals are tagged; only hex digits, colons and dots may follow.
  private static final Pattern IPV6 = Pattern.compile("IPv6:([0-9A-Fa-f:.]{2,45})");
  private static final int MAX_DOMAIN = 255;

  private HeloName() {}

  static boolean isValid(String name) {
    if (name.startsWith("[") && name.endsWith("]")) {
      return isAddressLiteral(name.substring(1, name.length() - 1));
    }
    return name.length() <= MAX_DOMAIN && DOMAIN.matcher(name).matches();
  }

  private static boolean isAddressLiteral(String literal) {
    if (IPV4.matcher(literal).matches()) {
      return true;
    }
    var ipv6 = IPV6.matcher(literal);
    if (ipv6.matches()) {
      return isIpv6(ipv6.group(1));
    }
    // A General-address-literal's tag must be registered with IANA (4.1.3): only IPv6 is.
    return false;
  }

  /** Parses without any lookup: the text holds only hex digits, colons and dots by now. */
  private static boolean isIpv6(String text) {
    if (!text.contains(":")) {
      return false;
    }
    try {
      // ::ffff:192.0.2.1 comes back as the IPv4 address it maps; either is a valid literal.
      InetAddress.getByName(text);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
