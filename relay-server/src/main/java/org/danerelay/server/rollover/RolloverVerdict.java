package org.danerelay.server.rollover;

import java.util.List;

/**
 * What {@code tlsa rollover status} found: whether switching keys is safe now, how bad it is if
 * not, and the lines that say why.
 *
 * @param level OK (safe), WARNING (wait, or look) or CRITICAL (a record is missing or cannot be
 *     checked), as a monitoring check reports it
 * @param safe every record needed after the switch has been on every authoritative server for at
 *     least two TTLs
 * @param ttlSeconds the largest TTL any server gave for the records
 * @param lines the report, one finding a line
 */
public record RolloverVerdict(Level level, boolean safe, long ttlSeconds, List<String> lines) {

  /** Monitoring levels, with their exit codes (0, 1, 2). */
  public enum Level {
    OK,
    WARNING,
    CRITICAL;

    /** The process exit code: 0, 1 or 2. */
    public int exitCode() {
      return ordinal();
    }

    /** The worse of the two. */
    public Level atLeast(Level other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  public RolloverVerdict {
    lines = List.copyOf(lines);
    if (safe && level == Level.CRITICAL) {
      throw new IllegalArgumentException("a critical finding is never safe");
    }
  }

  /** The report as text, one line each, ending with a newline. */
  public String text() {
    return String.join("\n", lines) + "\n";
  }
}
