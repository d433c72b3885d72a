package org.danerelay.server.smtp;

import java.io.IOException;
import java.util.function.IntSupplier;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** RCPT TO: adds a recipient that the access policy allows, up to the per-message limit. */
final class RcptCommand extends BaseCommand {

  private final IntSupplier maxRecipients;

  /** {@code maxRecipients}: read at each RCPT, so that a reload applies to the next one. */
  RcptCommand(IntSupplier maxRecipients) {
    super("RCPT", "Specifies a recipient.", "TO:<recipient>");
    this.maxRecipients = maxRecipients;
  }

  @Override
  public void execute(String commandString, Session session)
      throws IOException, DropConnectionException {
    String argument = getArgPredicate(commandString);
    if (!session.isMailTransactionInProgress()) {
      session.sendResponse("503 5.5.1 Error: need MAIL command");
    } else if (session.getRecipientCount() >= maxRecipients.getAsInt()) {
      // RFC 5321 4.5.3.1.10: 452 lets the client send the rest in another transaction.
      session.sendResponse("452 4.5.3 Error: too many recipients");
    } else if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
      session.sendResponse("501 5.5.4 Syntax: RCPT TO:<address>");
    } else {
      add(session, argument.substring(3));
    }
  }

  private static void add(Session session, String path) throws IOException {
    try {
      session.getMessageHandler().recipient(path);
    } catch (RejectException e) {
      session.sendResponse(e.getErrorResponse());
      return;
    }
    session.addRecipient(path);
    session.sendResponse("250 2.1.5 Ok");
  }
}
