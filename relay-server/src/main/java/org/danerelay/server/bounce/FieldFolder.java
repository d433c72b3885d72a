package org.danerelay.server.bounce;

/**
 * Writes one header field (RFC 5322 2.2) or DSN field (RFC 3464 2.1, same syntax), folded.
 *
 * <p>Folds at spaces to keep lines near 78 characters (RFC 5322 2.1.1 SHOULD); a word too long to
 * fit is split so that no line ever exceeds 998 octets (the MUST). A split adds a space to the
 * unfolded value, which only ever happens inside a diagnostic or a header nobody could fold.
 */
final class FieldFolder {

  static final int SOFT_LIMIT = 78;

  /** Longest piece of one word on a line; leaves room for the field name and the fold space. */
  static final int MAX_PIECE = 900;

  private FieldFolder() {}

  /**
   * Appends {@code name: value} with CRLF line ends, folded.
   *
   * @param value one line of text with no CR or LF; callers sanitize client input first
   */
  static void append(StringBuilder out, String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("field values are one line; sanitize first");
    }
    out.append(name).append(':');
    int lineLength = name.length() + 1;
    // Split on single spaces so runs of spaces survive: folding turns one of them into CRLF SP,
    // which unfolds to the same value (RFC 5322 2.2.3).
    for (String word : value.split(" ", -1)) {
      for (int start = 0; start == 0 || start < word.length(); start += MAX_PIECE) {
        String piece = word.substring(start, Math.min(word.length(), start + MAX_PIECE));
        boolean fold =
            !piece.isEmpty()
                && lineLength + 1 + piece.length() > SOFT_LIMIT
                && lineLength > name.length() + 1;
        out.append(fold ? "\r\n " : " ").append(piece);
        lineLength = (fold ? 0 : lineLength) + 1 + piece.length();
      }
    }
    out.append("\r\n");
  }
}
