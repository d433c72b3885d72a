package org.danerelay.server.smtp.wire;

import java.time.Duration;

/**
 * How many errors a client may make in a session (Postfix's {@code smtpd_soft_error_limit}, {@code
 * smtpd_hard_error_limit}, {@code smtpd_error_sleep_time} and {@code smtpd_junk_command_limit}).
 *
 * @param soft errors after which each next command waits {@code sleep} before it is read
 * @param hard errors at which the session ends with {@code 421 4.7.0}
 * @param sleep the wait after each error past the soft limit
 * @param junk NOOP, RSET, VRFY, EXPN and HELP commands a session may send before each further one
 *     counts as an error
 */
public record ErrorLimits(int soft, int hard, Duration sleep, int junk) {

  public ErrorLimits {
    if (soft < 0 || hard < 1 || junk < 0 || sleep.isNegative()) {
      throw new IllegalArgumentException("error limits must not be negative, the hard one >= 1");
    }
  }
}
