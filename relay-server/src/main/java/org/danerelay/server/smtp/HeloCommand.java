package org.danerelay.server.smtp;

import java.io.IOException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** HELO: the old greeting, held to the same name rule as EHLO (RFC 5321 4.1.1.1). */
final class HeloCommand extends BaseCommand {

  private final ListenerSettings settings;

  HeloCommand(ListenerSettings settings) {
    super("HELO", "Introduce yourself.", "<hostname>");
    this.settings = settings;
  }

  @Override
  public void execute(String commandString, Session session) throws IOException {
    String[] args = getArgs(commandString);
    if (args.length != 2 || !HeloName.isValid(args[1])) {
      session.sendResponse("501 5.5.4 Syntax: HELO domain or address literal");
      return;
    }
    session.resetMailTransaction();
    session.setHelo(args[1]);
    session.sendResponse("250 " + settings.hostname());
  }
}
