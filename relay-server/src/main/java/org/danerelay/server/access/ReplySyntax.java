package org.danerelay.server.access;

import java.util.regex.Pattern;

/** Guards that a refusal is one well-formed SMTP reply line with an enhanced status code. */
final class ReplySyntax {

  // RFC 5321 4.2: 4yz or 5yz, SP, RFC 3463 class.subject.detail, SP, printable ASCII only, so a
  // reply can never carry CR or LF into the session (response injection).
  private static final Pattern REFUSAL =
      Pattern.compile("[45][0-5][0-9] [45]\\.[0-9]{1,3}\\.[0-9]{1,3} [\\x21-\\x7e][\\x20-\\x7e]*");

  private ReplySyntax() {}

  static String requireRefusal(String reply) {
    if (reply == null || !REFUSAL.matcher(reply).matches()) {
      throw new IllegalArgumentException("not a one-line 4xx/5xx SMTP reply: " + reply);
    }
    return reply;
  }

  static int code(String reply) {
    return Integer.parseInt(reply.substring(0, 3));
  }

  static String text(String reply) {
    return reply.substring(4);
  }
}
