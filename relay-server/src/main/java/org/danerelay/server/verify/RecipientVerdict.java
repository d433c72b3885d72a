package org.danerelay.server.verify;

import java.util.Objects;

/**
 * What is known about one recipient of a local domain: it exists, it does not, or nobody could say
 * now.
 */
public sealed interface RecipientVerdict
    permits RecipientVerdict.Exists, RecipientVerdict.Unknown, RecipientVerdict.Unverified {

  /** {@code local.forward} accepted {@code RCPT TO}, or {@code local.recipients} lists it. */
  record Exists() implements RecipientVerdict {}

  /**
   * Permanently refused: {@code local.forward} answered 5xx to {@code RCPT TO}, or {@code
   * local.recipients} does not list it.
   *
   * @param reason who refused it and how, for the log, already safe to print
   */
  record Unknown(String reason) implements RecipientVerdict {
    public Unknown {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Temporarily unknown: {@code local.forward} could not be asked (down, too slow, 4xx, broken
   * TLS).
   *
   * @param reason what went wrong, for the log, already safe to print
   */
  record Unverified(String reason) implements RecipientVerdict {
    public Unverified {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
