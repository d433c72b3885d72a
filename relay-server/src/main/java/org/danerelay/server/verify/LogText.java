package org.danerelay.server.verify;

/** Makes text from a peer safe for one log line: printable ASCII stays, everything else is \xNN. */
public final class LogText {

  private static final int MAX_CHARS = 200;

  private LogText() {}

  public static String escape(String text) {
    StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
    for (int i = 0; i < text.length(); i++) {
      if (safe.length() >= MAX_CHARS) {
        return safe.append("...").toString();
      }
      char c = text.charAt(i);
      if (c >= 0x20 && c <= 0x7e && c != '\\') {
        safe.append(c);
      } else if (c == '\\') {
        safe.append("\\\\");
      } else {
        safe.append(
            c > 0xff ? String.format("\\u%04x", (int) c) : String.format("\\x%02x", (int) c));
      }
    }
    return safe.toString();
  }
}
