package org.danerelay.server.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.danerelay.queue.AttemptRecord;
import org.danerelay.queue.BodyType;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecordedAttempt;
import org.danerelay.queue.TlsRequired;

/** Renders the queue for postmasters: a list like Postfix's mailq, and one message in full. */
public final class QueueReport {

  private QueueReport() {}

  /**
   * One block per message, oldest first, then a count line. A recipient that a delivery worker
   * holds at {@code now} is marked {@code in flight on NODE}: a command on it takes effect when
   * that attempt ends.
   */
  public static String list(List<QueuedMessage> messages, Instant now) {
    StringBuilder out = new StringBuilder();
    long pending = 0;
    for (QueuedMessage message : messages) {
      out.append(
          String.format(
              "%s  %s  %8d  <%s>%n",
              message.id(), message.receivedAt(), message.size(), message.sender()));
      for (QueuedRecipient recipient : message.recipients()) {
        out.append(
            String.format(
                "    %-9s <%s>%s%n",
                recipient.state(),
                recipient.address(),
                recipient.inFlightAt(now) ? "  in flight" + on(recipient) : ""));
        pending += recipient.state().isPending() ? 1 : 0;
      }
    }
    out.append(
        String.format(
            "-- %d message%s, %d recipient%s pending%n",
            messages.size(), plural(messages.size()), pending, plural(pending)));
    return out.toString();
  }

  /**
   * Envelope, size, client and every recipient's state and last reply, each followed by its
   * attempts in the order given. The body type is shown only for 8BITMIME, the exception, and what
   * the sender asked of TLS only when it asked.
   */
  public static String show(QueuedMessage message, List<RecordedAttempt> attempts) {
    StringBuilder out = new StringBuilder();
    out.append("id:       ").append(message.id()).append('\n');
    out.append("received: ").append(message.receivedAt()).append('\n');
    out.append("sender:   <").append(message.sender()).append(">\n");
    out.append("size:     ").append(message.size()).append('\n');
    if (message.bodyType() == BodyType.EIGHT_BIT_MIME) {
      out.append("body:     ").append(message.bodyType().parameterValue()).append('\n');
    }
    if (message.tlsRequired() != TlsRequired.DEFAULT) {
      // RFC 8689: REQUIRETLS on MAIL FROM, or a TLS-Required: No header field.
      out.append("tls:      ").append(tlsRequired(message.tlsRequired())).append('\n');
    }
    out.append("client:   [")
        .append(message.clientAddress())
        .append("] helo=")
        .append(message.clientHelo())
        .append('\n');
    List<QueuedRecipient> recipients = message.recipients();
    for (int idx = 0; idx < recipients.size(); idx++) {
      QueuedRecipient r = recipients.get(idx);
      out.append(
          String.format(
              "rcpt:     <%s> state=%s attempts=%d next=%s%s%s%n",
              r.address(),
              r.state(),
              r.attempts(),
              r.nextAttempt(),
              r.claimedUntil().map(until -> " claimed-until=" + until).orElse("")
                  + r.claimedBy().map(node -> " claimed-by=" + printable(node)).orElse(""),
              r.lastReply() == null ? "" : " last=\"" + printable(r.lastReply()) + "\""));
      for (RecordedAttempt attempt : attempts) {
        if (attempt.recipientIdx() == idx) {
          out.append("  attempt ").append(attempt.number()).append(' ');
          out.append(describe(attempt.attempt())).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static String on(QueuedRecipient recipient) {
    return recipient.claimedBy().map(node -> " on " + printable(node)).orElse("");
  }

  /** The answer to {@code queue flush [ID]}. */
  public static String flushed(int count, Optional<String> id) {
    return String.format(
        "flushed %d recipient%s%s%n", count, plural(count), id.map(i -> " of " + i).orElse(""));
  }

  /** The answer to {@code queue flush --domain D}. */
  static String flushedDomain(int count, String domain) {
    return String.format("flushed %d recipient%s at %s%n", count, plural(count), domain);
  }

  /**
   * {@code START relay=HOST[ADDR]:PORT tls=MODE dane="..." STATUS REPLY}, empty fields left out.
   */
  static String describe(AttemptRecord a) {
    StringBuilder line = new StringBuilder().append(a.startedAt());
    if (a.relayHost() != null || a.relayAddress() != null) {
      line.append(" relay=").append(a.relayHost() == null ? "" : printable(a.relayHost()));
      line.append(a.relayAddress() == null ? "" : "[" + a.relayAddress() + "]");
      line.append(a.relayPort() == 0 ? "" : ":" + a.relayPort());
    }
    if (a.tls() != null) {
      line.append(" tls=").append(printable(a.tls()));
    }
    if (a.dane() != null) {
      line.append(" dane=\"").append(printable(a.dane())).append('"');
    }
    line.append(' ').append(a.status());
    if (!a.reply().isBlank()) {
      line.append(' ').append(printable(a.reply()));
    }
    return line.toString();
  }

  // Replies come from the next hop: a CR, LF or escape in one must not forge lines or drive the
  // operator's terminal (response injection).
  private static String printable(String text) {
    return text.replaceAll("\\p{Cntrl}", " ");
  }

  static String plural(long count) {
    return count == 1 ? "" : "s";
  }

  private static String tlsRequired(TlsRequired demand) {
    return demand == TlsRequired.REQUIRETLS ? "REQUIRETLS" : "TLS-Required: No";
  }
}
