package org.danerelay.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where SMTP AUTH is offered and how failed attempts are limited (the {@code smtpd.auth.*} keys
 * besides the users file).
 *
 * @param onPort25 {@code smtpd.auth.on-port-25}: AUTH on the {@code smtpd.listen} addresses too
 * @param maxFailures {@code smtpd.auth.max-failures}: failed exchanges per session, the last one
 *     answered {@code 421 4.7.0} and the connection closed
 * @param failureDelay {@code smtpd.auth.failure-delay}: the pause before the first failure reply of
 *     a session, one more of it before each later one; zero for none
 * @param maxFailuresPerClient {@code smtpd.auth.max-failures-per-client}
 * @param clientWindow {@code smtpd.auth.client-window}: how long a failure counts against its
 *     address
 */
public record AuthConfig(
    boolean onPort25,
    int maxFailures,
    Duration failureDelay,
    int maxFailuresPerClient,
    Duration clientWindow) {

  public AuthConfig {
    if (maxFailures < 1 || maxFailuresPerClient < 1) {
      throw new IllegalArgumentException("failure limits must be positive");
    }
    if (Objects.requireNonNull(failureDelay, "failureDelay").isNegative()) {
      throw new IllegalArgumentException("failureDelay must not be negative");
    }
    Objects.requireNonNull(clientWindow, "clientWindow");
    if (clientWindow.isNegative() || clientWindow.isZero()) {
      throw new IllegalArgumentException("clientWindow must be positive");
    }
  }

  /**
   * The pause before the reply to a session's {@code failure}th failed exchange (from 1): one more
   * {@code failureDelay} each time, and never more than {@code maxFailures} of them.
   */
  public Duration delayBefore(int failure) {
    return failureDelay.multipliedBy(Math.min(failure, maxFailures));
  }
}
