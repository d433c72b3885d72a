package org.danerelay.server.durability;

import java.util.List;
import java.util.Objects;

/**
 * A message the relay answered with {@code 250 ... queued as ID}: what must survive any crash.
 *
 * @param queueId the id from the 250 reply
 * @param token a string that appears only in this message's body
 * @param recipients the RCPT TO addresses, in order
 */
record AcknowledgedMessage(String queueId, String token, List<String> recipients) {

  AcknowledgedMessage {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(token, "token");
    recipients = List.copyOf(recipients);
  }
}
