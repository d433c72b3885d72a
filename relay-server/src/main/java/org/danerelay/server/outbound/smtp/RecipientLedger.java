package org.danerelay.server.outbound.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * Tracks each recipient through one transaction: refused at RCPT, accepted and waiting for the end
 * of DATA, or settled.
 */
final class RecipientLedger {

  private final List<String> recipients;
  private final RecipientOutcome[] outcomes;
  private final boolean[] accepted;

  RecipientLedger(List<String> recipients) {
    this.recipients = List.copyOf(recipients);
    this.outcomes = new RecipientOutcome[recipients.size()];
    this.accepted = new boolean[recipients.size()];
  }

  int size() {
    return recipients.size();
  }

  String recipient(int index) {
    return recipients.get(index);
  }

  /** RFC 5321 3.3: a 2xx to RCPT accepts; 4xx defers and 5xx bounces that recipient only. */
  void rcptReply(int index, SmtpReply reply) {
    String recipient = recipients.get(index);
    if (reply.isPositive()) {
      accepted[index] = true;
    } else if (reply.isPermanent()) {
      outcomes[index] = new RecipientOutcome.Bounced(recipient, reply);
    } else {
      outcomes[index] = RecipientOutcome.Deferred.byReply(recipient, reply, "RCPT TO");
    }
  }

  boolean anyAccepted() {
    for (int i = 0; i < outcomes.length; i++) {
      if (accepted[i] && outcomes[i] == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The reply to the end of DATA (or a refusal of DATA itself) applies to every accepted recipient
   * (RFC 5321 4.1.1.4).
   */
  void dataReply(SmtpReply reply, String phase) {
    for (int i = 0; i < outcomes.length; i++) {
      if (accepted[i] && outcomes[i] == null) {
        outcomes[i] = settle(recipients.get(i), reply, phase);
      }
    }
  }

  /** A reply to MAIL FROM, or a refused greeting, applies to everyone not yet settled. */
  void replyToAllOpen(SmtpReply reply, String phase) {
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) {
        outcomes[i] = settle(recipients.get(i), reply, phase);
      }
    }
  }

  /** Defers everyone not yet settled, for a local reason. */
  void deferOpen(String status, String detail) {
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) {
        outcomes[i] = new RecipientOutcome.Deferred(recipients.get(i), status, detail);
      }
    }
  }

  boolean allSettled() {
    for (RecipientOutcome outcome : outcomes) {
      if (outcome == null) {
        return false;
      }
    }
    return true;
  }

  /** The outcomes in envelope order; everyone must be settled. */
  List<RecipientOutcome> outcomes() {
    List<RecipientOutcome> list = new ArrayList<>(outcomes.length);
    for (RecipientOutcome outcome : outcomes) {
      if (outcome == null) {
        throw new IllegalStateException("recipient without outcome");
      }
      list.add(outcome);
    }
    return list;
  }

  private static RecipientOutcome settle(String recipient, SmtpReply reply, String phase) {
    if (reply.isPositive() && phase.equals(SmtpClientSession.END_OF_DATA)) {
      return new RecipientOutcome.Delivered(recipient, reply);
    }
    if (reply.isPermanent()) {
      return new RecipientOutcome.Bounced(recipient, reply);
    }
    return RecipientOutcome.Deferred.byReply(recipient, reply, phase);
  }
}
