package org.danerelay.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The delivery client's time limits per phase ({@code delivery.*-timeout}), each positive.
 *
 * @param connect the TCP connect
 * @param greeting the 220 greeting
 * @param command the reply to each command
 * @param tlsHandshake the TLS handshake after STARTTLS
 * @param dataBlock the longest wait without progress while sending content
 * @param dataEnd the reply to the final dot
 */
public record ClientTimeouts(
    Duration connect,
    Duration greeting,
    Duration command,
    Duration tlsHandshake,
    Duration dataBlock,
    Duration dataEnd) {

  public ClientTimeouts {
    for (Duration limit : List.of(connect, greeting, command, tlsHandshake, dataBlock, dataEnd)) {
      if (Objects.requireNonNull(limit, "timeout").isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive: " + limit);
      }
    }
  }
}
