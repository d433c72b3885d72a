package org.danerelay.server.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * Says in one log line why the queue failed: a disk or database error is wrapped a few times on its
 * way up, and the reason an operator can act on ("No space left on device", "The database has been
 * closed") is usually the innermost message, not the outermost.
 */
final class FaultSummary {

  private static final int MAX_DEPTH = 8;
  private static final int MAX_LENGTH = 400;

  private FaultSummary() {}

  /** The distinct messages of {@code fault} and its causes, outermost first, on one line. */
  static String of(Throwable fault) {
    List<String> parts = new ArrayList<>();
    Throwable t = fault;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      String part = message.replaceAll("\\s+", " ").trim();
      // H2 repeats the inner message inside the outer one: keep each reason once.
      if (parts.stream().noneMatch(seen -> seen.contains(part))) {
        parts.add(part);
      }
    }
    String line = String.join(": ", parts);
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "...";
  }
}
