package org.danerelay.server.smtp;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * A command that runs only when the client named it exactly.
 *
 * <p>SubEthaSMTP finds a command by the first four letters of the line, so {@code AUTHX} ran AUTH
 * and {@code MAILFROM:<a>} ran MAIL; RFC 5321 4.1.1 verbs are whole words.
 */
final class ExactVerbCommand implements Command {

  private final Command command;

  ExactVerbCommand(Command command) {
    this.command = command;
  }

  @Override
  public void execute(String commandString, Session session)
      throws IOException, DropConnectionException {
    int space = commandString.indexOf(' ');
    String verb = space < 0 ? commandString : commandString.substring(0, space);
    if (verb.equalsIgnoreCase(command.getName())) {
      command.execute(commandString, session);
    } else {
      session.sendResponse("500 5.5.1 Error: command not recognized");
    }
  }

  @Override
  public HelpMessage getHelp() throws CommandException {
    return command.getHelp();
  }

  @Override
  public String getName() {
    return command.getName();
  }
}
