package org.danerelay.server.monitor;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * An address as an operator writes it: IPv4 dotted, IPv6 in the RFC 5952 form ({@code
 * 2001:db8::25}, not Java's {@code 2001:db8:0:0:0:0:0:25}), so that it can be searched for in zone
 * files and logs.
 */
final class AddressText {

  private AddressText() {}

  static String of(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    // RFC 5952 4.2: the longest run of two or more zero groups becomes "::", the first if tied.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString().toLowerCase(Locale.ROOT);
  }
}
