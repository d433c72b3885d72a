package org.danerelay.server.outbound.smtp;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One complete server reply (RFC 5321 4.2): the three-digit code and the text of each line, without
 * the code and separator.
 *
 * @param code the reply code, 200-599
 * @param lines the text after {@code "250-"} or {@code "250 "} on each line, in order; at least one
 *     (possibly empty) line
 */
public record SmtpReply(int code, List<String> lines) {

  // RFC 3463 2: class.subject.detail, the class matching the reply's first digit (RFC 2034 4).
  private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

  public SmtpReply {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("reply code out of range 200-599: " + code);
    }
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one line");
    }
  }

  /** A one-line reply. */
  public static SmtpReply of(int code, String text) {
    return new SmtpReply(code, List.of(text));
  }

  /** 2xx. */
  public boolean isPositive() {
    return code < 300;
  }

  /** 3xx: the server waits for more (354 after DATA). */
  public boolean isIntermediate() {
    return code >= 300 && code < 400;
  }

  /** 4xx: try again later. */
  public boolean isTransient() {
    return code >= 400 && code < 500;
  }

  /** 5xx: do not try this again. */
  public boolean isPermanent() {
    return code >= 500;
  }

  /** The RFC 3463 status at the start of the first line, when present and of the reply's class. */
  public Optional<String> enhancedStatus() {
    Matcher matcher = ENHANCED.matcher(lines.get(0));
    if (matcher.find() && matcher.group(1).charAt(0) - '0' == code / 100) {
      return Optional.of(matcher.group(0));
    }
    return Optional.empty();
  }

  /** For logs and diagnostics: {@code 250 2.0.0 ok}, multi-line text joined by spaces. */
  @Override
  public String toString() {
    return code + " " + String.join(" ", lines).strip();
  }
}
