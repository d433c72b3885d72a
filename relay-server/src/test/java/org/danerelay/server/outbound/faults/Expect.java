package org.danerelay.server.outbound.faults;

/** What a postmaster should find after one fault: which state, and the reason's first words. */
sealed interface Expect {

  /**
   * The recipient waits in the queue for a retry; a second MX host, if there is one, delivers.
   *
   * @param reason how the stored reason and the log line's status begin, e.g. {@code "4.7.5"}
   */
  record Deferred(String reason) implements Expect {}

  /**
   * The next hop refused for good: the recipient bounces, no other MX host is asked, and the sender
   * gets a DSN.
   *
   * @param reply how the refusal begins, e.g. {@code "550 5.1.1"}
   */
  record Bounced(String reply) implements Expect {}

  static Expect deferred(String reason) {
    return new Deferred(reason);
  }

  static Expect bounced(String reply) {
    return new Bounced(reply);
  }
}
