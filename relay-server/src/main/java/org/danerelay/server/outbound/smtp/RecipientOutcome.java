package org.danerelay.server.outbound.smtp;

import java.util.Objects;
import java.util.regex.Pattern;

/** What one attempt achieved for one recipient. */
public sealed interface RecipientOutcome {

  /** The forward path this outcome is for. */
  String recipient();

  /**
   * The server accepted responsibility: {@code reply} is its answer to the end of DATA.
   *
   * @param reply a 2xx reply
   */
  record Delivered(String recipient, SmtpReply reply) implements RecipientOutcome {
    public Delivered {
      Objects.requireNonNull(recipient, "recipient");
      if (!reply.isPositive()) {
        throw new IllegalArgumentException("delivered needs a 2xx reply: " + reply);
      }
    }
  }

  /**
   * Try again later, here or at the next MX host.
   *
   * @param status the RFC 3463 status, class 4 ({@code 4.7.5} for TLS and DANE trouble)
   * @param detail why: the server's reply or the local reason
   */
  record Deferred(String recipient, String status, String detail) implements RecipientOutcome {
    private static final Pattern TEMPORARY = Pattern.compile("4\\.\\d{1,3}\\.\\d{1,3}");

    public Deferred {
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(detail, "detail");
      if (!TEMPORARY.matcher(status).matches()) {
        throw new IllegalArgumentException("deferral needs a 4.x.x status: " + status);
      }
    }

    /** Deferred because of a server reply that is not a 5xx; the status comes from the reply. */
    public static Deferred byReply(String recipient, SmtpReply reply, String phase) {
      String status =
          reply.isTransient() ? reply.enhancedStatus().orElse("4.0.0") : "4.5.0"; // 4.5.0: protocol
      return new Deferred(recipient, status, phase + ": " + reply);
    }
  }

  /**
   * The next hop refused permanently: a 5xx reply to MAIL, RCPT, DATA or the end of DATA.
   *
   * @param reply the 5xx reply
   */
  record Bounced(String recipient, SmtpReply reply) implements RecipientOutcome {
    public Bounced {
      Objects.requireNonNull(recipient, "recipient");
      if (!reply.isPermanent()) {
        throw new IllegalArgumentException("bounced needs a 5xx reply: " + reply);
      }
    }
  }
}
