package org.danerelay.server.outbound.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The envelope part of one mail transaction, MAIL, one RCPT per recipient, then DATA: which
 * commands to send, and what each reply means for the recipients.
 *
 * <p>With PIPELINING (RFC 2920) every command goes out in one write and the replies are read in
 * order; without it each command waits for the reply to the one before, and the exchange stops
 * early when MAIL is refused or every recipient is. Either way the {@link RecipientLedger} ends the
 * same.
 */
final class EnvelopeExchange {

  /** What the session does after a reply. */
  enum Next {
    /** Send {@link #commands()}' next lines, then wait. */
    SEND,
    /** More replies to pipelined commands are due. */
    AWAIT,
    /** 354 with recipients accepted: send the content. */
    CONTENT,
    /**
     * 354 but no recipient accepted (only when pipelining): send an empty message, RFC 2920 3.1.
     */
    EMPTY_CONTENT,
    /** The transaction ended without content. */
    DONE
  }

  private final List<String> commands;
  private final RecipientLedger ledger;
  private final boolean pipelining;
  private final int dataIndex;
  private int sent;
  private int answered;
  private boolean mailAccepted;

  /**
   * @param mailCommand the full {@code MAIL FROM:<...> [parameters]} line
   * @param pipelining whether the server announced PIPELINING
   */
  EnvelopeExchange(String mailCommand, RecipientLedger ledger, boolean pipelining) {
    this.ledger = ledger;
    this.pipelining = pipelining;
    List<String> lines = new ArrayList<>();
    lines.add(mailCommand);
    for (int i = 0; i < ledger.size(); i++) {
      lines.add("RCPT TO:<" + ledger.recipient(i) + ">");
    }
    lines.add("DATA");
    this.commands = List.copyOf(lines);
    this.dataIndex = commands.size() - 1;
  }

  /** The lines to send first: all of them when pipelining, else MAIL alone. */
  List<String> start() {
    return take(pipelining ? commands.size() : 1);
  }

  /** The lines {@link Next#SEND} asks for. */
  List<String> commands() {
    return take(1);
  }

  /** The name of the command whose reply is due next, for timeouts and logs. */
  String awaiting() {
    return commands.get(answered).split("[ :]", 2)[0];
  }

  Next onReply(SmtpReply reply) {
    int command = answered++;
    if (command == 0) {
      return onMail(reply);
    }
    if (command < dataIndex) {
      if (mailAccepted) {
        ledger.rcptReply(command - 1, reply);
      }
      return afterRcpt(command);
    }
    return onData(reply);
  }

  private Next onMail(SmtpReply reply) {
    mailAccepted = reply.isPositive();
    if (!mailAccepted) {
      ledger.replyToAllOpen(reply, "MAIL FROM");
    }
    if (pipelining) {
      return Next.AWAIT;
    }
    return mailAccepted ? Next.SEND : Next.DONE;
  }

  private Next afterRcpt(int command) {
    if (pipelining) {
      return Next.AWAIT;
    }
    boolean lastRcpt = command == dataIndex - 1;
    return !lastRcpt || ledger.anyAccepted() ? Next.SEND : Next.DONE;
  }

  private Next onData(SmtpReply reply) {
    if (reply.code() == 354) {
      return ledger.anyAccepted() ? Next.CONTENT : Next.EMPTY_CONTENT;
    }
    ledger.dataReply(reply, "DATA");
    return Next.DONE;
  }

  private List<String> take(int count) {
    List<String> lines = commands.subList(sent, Math.min(sent + count, commands.size()));
    sent += lines.size();
    return lines;
  }
}
