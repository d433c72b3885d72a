package org.danerelay.server.bounce;

/** Why a message that failed gets no DSN. */
public enum NoDsnReason {
  /**
   * RFC 5321 6.1: if the reverse path is {@code <>}, the receiver MUST NOT send a notification. The
   * message was itself a notification; answering it is how bounce loops start.
   */
  NULL_SENDER("the sender is the null reverse path <> (RFC 5321 6.1: never notify it)"),
  /**
   * The sender is this relay's own MAILER-DAEMON. Our DSNs use {@code <>} as reverse path, so this
   * is a forged or misconfigured sender; a notification to ourselves would loop.
   */
  OWN_MAILER_DAEMON("the sender is this relay's own MAILER-DAEMON (loop guard)");

  private final String explanation;

  NoDsnReason(String explanation) {
    this.explanation = explanation;
  }

  /** One line for the log. */
  public String explanation() {
    return explanation;
  }
}
