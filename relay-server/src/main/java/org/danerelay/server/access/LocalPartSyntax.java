package org.danerelay.server.access;

import java.nio.charset.StandardCharsets;

/** Checks one local part against RFC 5321 4.1.2, narrowed to what cannot be used for relaying. */
final class LocalPartSyntax {

  /** RFC 5321 4.5.3.1.1: at most 64 octets. */
  static final int MAX_OCTETS = 64;

  // RFC 5322 3.2.3 atext without '%' and '!', which are refused with their own reply.
  private static final String ATEXT_SPECIALS = "#$&'*+-/=?^_`{|}~";

  private LocalPartSyntax() {}

  /**
   * Accepts a Dot-string or a Quoted-string exactly as written on the wire.
   *
   * @param smtpUtf8 whether RFC 6531 3.3 non-ASCII atext is allowed in a Dot-string
   */
  static void check(String localPart, boolean smtpUtf8, PathRole role) throws AddressRejection {
    if (localPart.isEmpty()) {
      throw role.badSyntax();
    }
    if (localPart.getBytes(StandardCharsets.UTF_8).length > MAX_OCTETS) {
      throw role.mailbox("Address too long");
    }
    if (localPart.charAt(0) == '"') {
      checkQuoted(localPart, role);
    } else {
      checkDotString(localPart, smtpUtf8, role);
    }
  }

  private static void checkDotString(String localPart, boolean smtpUtf8, PathRole role)
      throws AddressRejection {
    // RFC 1123 5.2.16 percent hack and RFC 976 bang paths: a host behind us may still route on
    // them (RFC 5321 2.3.11 leaves the local part to that host), so they could relay for us.
    if (localPart.indexOf('%') >= 0 || localPart.indexOf('!') >= 0) {
      throw role.mailbox("Percent hack / bang path addresses are not accepted");
    }
    // RFC 5321 4.1.2: Dot-string = Atom *("." Atom), so no empty atom anywhere.
    if (localPart.startsWith(".") || localPart.endsWith(".") || localPart.contains("..")) {
      throw role.badSyntax();
    }
    for (int i = 0; i < localPart.length(); i++) {
      char c = localPart.charAt(i);
      if (c >= 0x80) {
        if (!smtpUtf8) {
          throw role.needsSmtpUtf8();
        }
        if (Character.isISOControl(c)) {
          throw role.badSyntax(); // C1 controls are not RFC 3629 text
        }
      } else if (c != '.' && !isAsciiAtext(c)) {
        throw role.badSyntax();
      }
    }
  }

  private static void checkQuoted(String localPart, PathRole role) throws AddressRejection {
    int last = localPart.length() - 1;
    // RFC 5321 4.1.2 permits "" but no mailbox needs it, so it is refused.
    if (last < 2 || localPart.charAt(last) != '"') {
      throw role.badSyntax();
    }
    for (int i = 1; i < last; i++) {
      char c = localPart.charAt(i);
      if (c == '"' || (c == '\\' && i + 1 == last)) {
        throw role.badSyntax(); // a bare DQUOTE, or the closing one escaped
      }
      if (c == '\\') {
        c = localPart.charAt(++i); // RFC 5321 4.1.2 quoted-pairSMTP: the escaped octet counts
      }
      // Quoting must not smuggle a second '@', a percent hack or a bang path past the checks
      // above, and RFC 5321 4.1.2 qtextSMTP is printable ASCII (non-ASCII refused even with
      // SMTPUTF8: no legitimate mailbox needs both).
      if (c < 0x20 || c > 0x7e || c == '@' || c == '%' || c == '!') {
        throw role.mailbox(
            "Quoted local part with @, %, ! or non-printable characters is not accepted");
      }
    }
  }

  private static boolean isAsciiAtext(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || ATEXT_SPECIALS.indexOf(c) >= 0;
  }
}
