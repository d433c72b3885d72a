package org.danerelay.server.smtp;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.server.Session;

/** AUTH only inside TLS (RFC 4954 4): passwords never cross the wire in plaintext. */
final class AuthCommand extends BaseCommand {

  private final Command authentication;

  AuthCommand(Command authentication) {
    super("AUTH", "Authenticate.", "mechanism [initial-response]");
    this.authentication = authentication;
  }

  @Override
  public void execute(String commandString, Session session)
      throws IOException, DropConnectionException {
    if (!session.isTLSStarted()) {
      session.sendResponse("538 5.7.11 Encryption required for requested authentication mechanism");
    } else if (session.isMailTransactionInProgress()) {
      session.sendResponse("503 5.5.1 AUTH is not allowed during a mail transaction");
    } else {
      authentication.execute(commandString, session);
    }
  }
}
