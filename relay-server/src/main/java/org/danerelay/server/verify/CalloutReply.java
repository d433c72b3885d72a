package org.danerelay.server.verify;

import java.util.List;
import java.util.Locale;

/**
 * One SMTP reply to a callout or probe: the code and the text of each line.
 *
 * @param code the three-digit reply code (RFC 5321 4.2)
 * @param lines the text after {@code "ddd-"} or {@code "ddd "} of each line, first to last
 */
public record CalloutReply(int code, List<String> lines) {

  public CalloutReply {
    lines = List.copyOf(lines);
  }

  public boolean positive() {
    return code / 100 == 2;
  }

  /** Whether an EHLO reply names {@code keyword} as an extension (RFC 5321 4.1.1.1). */
  public boolean offers(String keyword) {
    return lines.stream()
        .skip(1)
        .map(line -> line.strip().split(" ", 2)[0].toUpperCase(Locale.ROOT))
        .anyMatch(keyword::equals);
  }

  /** Code and first line, escaped for a log line. */
  public String summary() {
    return LogText.escape(code + (lines.isEmpty() ? "" : " " + lines.get(0)));
  }
}
