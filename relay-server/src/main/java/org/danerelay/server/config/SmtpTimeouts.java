package org.danerelay.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each phase of one delivery attempt may take (the {@code delivery.*-timeout} keys) before
 * the attempt is given up (RFC 5321 4.5.3.2).
 *
 * @param connect the TCP connect
 * @param greeting waiting for the {@code 220} greeting (RFC: 5 minutes)
 * @param command waiting for the reply to EHLO, HELO, STARTTLS, MAIL, RCPT, DATA or QUIT (RFC: 5
 *     minutes for MAIL and RCPT, 2 for DATA; one value here)
 * @param tlsHandshake the TLS handshake after {@code 220} to STARTTLS
 * @param dataBlock sending the content: the longest wait without progress (RFC: 3 minutes)
 * @param dataEnd waiting for the reply after the final {@code "."} (RFC: 10 minutes)
 */
public record SmtpTimeouts(
    Duration connect,
    Duration greeting,
    Duration command,
    Duration tlsHandshake,
    Duration dataBlock,
    Duration dataEnd) {

  public SmtpTimeouts {
    positive(connect, "connect");
    positive(greeting, "greeting");
    positive(command, "command");
    positive(tlsHandshake, "tlsHandshake");
    positive(dataBlock, "dataBlock");
    positive(dataEnd, "dataEnd");
  }

  /** The same limit for every phase: for tests and tools. */
  public static SmtpTimeouts all(Duration limit) {
    return new SmtpTimeouts(limit, limit, limit, limit, limit, limit);
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " timeout must be positive: " + duration);
    }
  }
}
