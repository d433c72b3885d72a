package org.danerelay.server.outbound.smtp;

import java.util.Objects;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.server.config.SmtpTimeouts;

/** What one SMTP connection is asked to be: the attempt, the name it gives and its time limits. */
record SessionSpec(Attempt attempt, String heloName, SmtpTimeouts timeouts) {

  SessionSpec {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(timeouts, "timeouts");
    if (heloName.isEmpty() || !heloName.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      throw new IllegalArgumentException("HELO name must be printable ASCII: '" + heloName + "'");
    }
  }

  TlsRequirement requirement() {
    return attempt.requirement();
  }
}
