package org.danerelay.server.outbound.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * When a connection that delivered a message may carry the next one to the same host, in the spirit
 * of Postfix's connection cache: kept open only briefly, and never for long or for too many
 * messages, so that a changed DNS answer or TLSA record takes effect soon.
 *
 * @param idle how long an unused connection waits for the next message (Postfix's {@code
 *     smtp_connection_cache_time_limit}, 2 s); zero turns reuse off
 * @param maxAge no new message on a connection older than this ({@code
 *     smtp_connection_reuse_time_limit}, 300 s)
 * @param maxMessages no more messages than this on one connection
 * @param maxIdle the most idle connections kept in all
 */
public record ConnectionReuse(Duration idle, Duration maxAge, int maxMessages, int maxIdle) {

  public ConnectionReuse {
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(maxAge, "maxAge");
    if (idle.isNegative() || maxAge.isNegative() || maxMessages < 1 || maxIdle < 0) {
      throw new IllegalArgumentException("connection reuse limits must not be negative");
    }
  }

  /** Reuse off: every message gets its own connection, ended with QUIT. */
  public static ConnectionReuse off() {
    return new ConnectionReuse(Duration.ZERO, Duration.ZERO, 1, 0);
  }

  /**
   * Connections wait {@code idle} for the next message (zero: no reuse), at most {@code maxIdle} of
   * them; a connection takes no new message after 300 s or 1000 messages.
   */
  public static ConnectionReuse idleFor(Duration idle, int maxIdle) {
    return new ConnectionReuse(idle, Duration.ofSeconds(300), 1000, maxIdle);
  }

  boolean enabled() {
    return !idle.isZero() && maxIdle > 0 && maxMessages > 1;
  }
}
