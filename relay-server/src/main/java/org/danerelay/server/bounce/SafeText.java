package org.danerelay.server.bounce;

/**
 * Turns text that a client or a remote server chose into something that cannot change the shape of
 * the DSN: printable US-ASCII on one line.
 */
final class SafeText {

  /** A remote reply is at most a few lines of 512 octets (RFC 5321 4.5.3.1.5); more is noise. */
  static final int MAX_DIAGNOSTIC = 2000;

  private SafeText() {}

  /**
   * One line of printable ASCII: CR, LF, TAB and other white space become single spaces (so the
   * lines of a multi-line reply are joined, as Postfix does), other control characters and
   * non-ASCII become {@code ?}, and the result is cut at {@code max} characters.
   */
  static String oneLine(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max + 3));
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.append(c > 0x20 && c < 0x7f ? c : '?');
      if (out.length() >= max) {
        out.setLength(max);
        out.append("...");
        break;
      }
    }
    return out.toString();
  }

  /**
   * A single token such as a HELO name: printable ASCII without white space, comment or bracket
   * characters (RFC 5322 3.2.2 comments and domain literals must not be opened or closed by it);
   * anything else becomes {@code ?}. Empty text becomes {@code unknown}.
   */
  static String token(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      boolean safe = c > 0x20 && c < 0x7f && "()[]<>;\\\"".indexOf(c) < 0;
      out.append(safe ? c : '?');
    }
    return out.isEmpty() ? "unknown" : out.toString();
  }
}
