package org.danerelay.server.bounce;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks and writes the mail addresses and host names that appear in a DSN. */
final class AddressText {

  // RFC 1123 2.1 host name: letter-digit-hyphen labels; the relay's own name is configured so.
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?i)(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private AddressText() {}

  /** Rejects a name that is not a letter-digit-hyphen host name; returns it in lower case. */
  static String requireHostName(String name, String what) {
    if (name == null || !HOST_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " is not a host name");
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Rejects an address with control characters or white space outside quotes. Addresses reach the
   * DSN from the SMTP path parser, so this only guards against a caller that skipped it: an address
   * is written into header fields and must not be able to end one.
   */
  static String requireAddress(String address, String what) {
    if (address == null) {
      throw new NullPointerException(what);
    }
    if (address.length() > 512) {
      throw new IllegalArgumentException(what + " is too long");
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        throw new IllegalArgumentException(what + " contains a control character");
      }
    }
    return address;
  }

  static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }

  /**
   * The RFC 3464 2.3.2 address field value: {@code rfc822; addr} for an ASCII address, and for an
   * SMTPUTF8 address the RFC 6533 3 {@code utf-8} type in its 7-bit {@code utf-8-addr-xtext} form,
   * because {@code message/delivery-status} is 7-bit (RFC 3464 2.1).
   */
  static String typedAddress(String address) {
    if (isAscii(address)) {
      return "rfc822; " + address;
    }
    StringBuilder out = new StringBuilder("utf-8; ");
    address
        .codePoints()
        .forEach(
            cp -> {
              // RFC 6533 3: QCHAR excludes "+", "=" and "\"; those and non-ASCII become \x{HEX}.
              if (cp > 0x20 && cp < 0x7f && cp != '+' && cp != '=' && cp != '\\') {
                out.append((char) cp);
              } else {
                String hex = Integer.toHexString(cp).toUpperCase(Locale.ROOT);
                out.append("\\x{").append(hex.length() < 2 ? "0" + hex : hex).append('}');
              }
            });
    return out.toString();
  }
}
