package org.danerelay.server.smtp.wire;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The errors one session has made so far: its 4xx and 5xx replies, and junk commands past their
 * limit. Read and written by the session's own thread only.
 */
final class ErrorCount {

  /** What the session should do before it reads the next command. */
  enum Verdict {
    GO_ON,
    SLOW_DOWN,
    END
  }

  private static final Set<String> JUNK = Set.of("NOOP", "RSET", "VRFY", "EXPN", "HELP");

  private final ErrorLimits limits;
  private int errors;
  private int junk;

  ErrorCount(ErrorLimits limits) {
    this.limits = limits;
  }

  ErrorLimits limits() {
    return limits;
  }

  int errors() {
    return errors;
  }

  /** The final line of a reply went out with this first digit. */
  void replied(char firstDigit) {
    if (firstDigit == '4' || firstDigit == '5') {
      errors++;
    }
  }

  /** A whole command line arrived; junk past its limit counts as an error. */
  void commandArrived(byte[] line, int from, int length) {
    int end = from;
    while (end < from + length && line[end] != ' ' && line[end] != '\r') {
      end++;
    }
    String verb = new String(line, from, end - from, StandardCharsets.US_ASCII);
    if (JUNK.contains(verb.toUpperCase(Locale.ROOT)) && ++junk > limits.junk()) {
      errors++;
    }
  }

  /** A message was queued: the client is not a mere error generator (as Postfix resets). */
  void messageAccepted() {
    errors = 0;
    junk = 0;
  }

  Verdict beforeNextCommand() {
    if (errors >= limits.hard()) {
      return Verdict.END;
    }
    return errors > limits.soft() ? Verdict.SLOW_DOWN : Verdict.GO_ON;
  }
}
