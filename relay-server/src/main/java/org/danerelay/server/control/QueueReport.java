package org.danerelay.server.control;

import java.util.List;
import java.util.Optional;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecipientState;

/** Renders the queue for postmasters: a list like Postfix's mailq, and one message in full. */
public final class QueueReport {

  private QueueReport() {}

  /** One block per message, oldest first, then a count line. */
  public static String list(List<QueuedMessage> messages) {
    StringBuilder out = new StringBuilder();
    long pending = 0;
    for (QueuedMessage message : messages) {
      out.append(
          String.format(
              "%s  %s  %8d  <%s>%n",
              message.id(), message.receivedAt(), message.size(), message.sender()));
      for (QueuedRecipient recipient : message.recipients()) {
        out.append(String.format("    %-9s <%s>%n", recipient.state(), recipient.address()));
        pending += isPending(recipient) ? 1 : 0;
      }
    }
    out.append(
        String.format(
            "-- %d message%s, %d recipient%s pending%n",
            messages.size(), messages.size() == 1 ? "" : "s", pending, pending == 1 ? "" : "s"));
    return out.toString();
  }

  /** Envelope, size, client and every recipient's state, attempts and last reply. */
  public static Optional<String> show(Optional<QueuedMessage> found) {
    return found.map(QueueReport::detail);
  }

  private static String detail(QueuedMessage message) {
    StringBuilder out = new StringBuilder();
    out.append("id:       ").append(message.id()).append('\n');
    out.append("received: ").append(message.receivedAt()).append('\n');
    out.append("sender:   <").append(message.sender()).append(">\n");
    out.append("size:     ").append(message.size()).append('\n');
    out.append("client:   [")
        .append(message.clientAddress())
        .append("] helo=")
        .append(message.clientHelo())
        .append('\n');
    for (QueuedRecipient r : message.recipients()) {
      out.append(
          String.format(
              "rcpt:     <%s> state=%s attempts=%d next=%s%s%n",
              r.address(),
              r.state(),
              r.attempts(),
              r.nextAttempt(),
              r.lastReply() == null ? "" : " last=\"" + r.lastReply() + "\""));
    }
    return out.toString();
  }

  private static boolean isPending(QueuedRecipient recipient) {
    return recipient.state() == RecipientState.QUEUED
        || recipient.state() == RecipientState.DEFERRED;
  }
}
