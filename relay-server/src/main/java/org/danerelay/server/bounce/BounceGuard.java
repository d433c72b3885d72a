package org.danerelay.server.bounce;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Decides from the original sender alone whether a DSN may be sent at all. */
public final class BounceGuard {

  private BounceGuard() {}

  /**
   * Returns why no DSN may go to {@code sender}, or empty when one may.
   *
   * @param sender the original reverse path without angle brackets, {@code ""} for {@code <>}
   * @param reportingMta this relay's host name
   */
  public static Optional<NoDsnReason> refusal(String sender, String reportingMta) {
    Objects.requireNonNull(reportingMta, "reportingMta");
    if (Objects.requireNonNull(sender, "sender").isEmpty()) {
      return Optional.of(NoDsnReason.NULL_SENDER); // RFC 5321 6.1
    }
    int at = sender.lastIndexOf('@');
    String local = at < 0 ? sender : sender.substring(0, at);
    String domain = at < 0 ? "" : sender.substring(at + 1);
    if (local.startsWith("\"") && local.endsWith("\"") && local.length() >= 2) {
      local = local.substring(1, local.length() - 1); // RFC 5321 4.1.2: "x" and x are the same
    }
    boolean ours =
        domain.isEmpty()
            || domain.equalsIgnoreCase(reportingMta)
            || domain.equalsIgnoreCase(reportingMta + ".");
    if (ours && local.toLowerCase(Locale.ROOT).equals("mailer-daemon")) {
      return Optional.of(NoDsnReason.OWN_MAILER_DAEMON);
    }
    return Optional.empty();
  }
}
