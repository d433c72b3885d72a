package org.danerelay.server.smtp;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** MAIL FROM: starts a transaction once HELO/EHLO (and STARTTLS where required) came first. */
final class MailCommand extends BaseCommand {

  private final boolean tlsRequired;

  MailCommand(boolean tlsRequired) {
    super("MAIL", "Specifies the sender.", "FROM:<sender> [parameters]");
    this.tlsRequired = tlsRequired;
  }

  @Override
  public void execute(String commandString, Session session)
      throws IOException, DropConnectionException {
    String argument = getArgPredicate(commandString);
    if (session.getHelo().isEmpty()) {
      session.sendResponse("503 5.5.1 Error: send HELO/EHLO first");
    } else if (tlsRequired && !session.isTLSStarted()) {
      session.sendResponse("530 5.7.0 Must issue a STARTTLS command first");
    } else if (session.isMailTransactionInProgress()) {
      session.sendResponse("503 5.5.1 Error: nested MAIL command");
    } else if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
      session.sendResponse("501 5.5.4 Syntax: MAIL FROM:<address>");
    } else {
      start(session, argument.substring(5));
    }
  }

  private static void start(Session session, String path) throws IOException {
    session.startMailTransaction();
    try {
      session.getMessageHandler().from(path);
    } catch (RejectException e) {
      session.resetMailTransaction();
      session.sendResponse(e.getErrorResponse());
      return;
    }
    session.sendResponse("250 2.1.0 Ok");
  }
}
