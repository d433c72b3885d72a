package org.danerelay.server.outbound.smtp;

import java.util.Objects;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;

/** What one SMTP session is asked to do: the attempt, envelope, content, name and time limits. */
record SessionSpec(
    Attempt attempt,
    DeliveryEnvelope envelope,
    MessageBody body,
    String heloName,
    SmtpTimeouts timeouts) {

  SessionSpec {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(timeouts, "timeouts");
    if (heloName.isEmpty() || !heloName.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      throw new IllegalArgumentException("HELO name must be printable ASCII: '" + heloName + "'");
    }
  }

  TlsRequirement requirement() {
    return attempt.requirement();
  }
}
