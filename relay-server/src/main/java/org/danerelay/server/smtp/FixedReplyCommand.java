package org.danerelay.server.smtp;

import java.io.IOException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** A command the relay does not offer, answered with one fixed reply. */
final class FixedReplyCommand extends BaseCommand {

  private final String reply;

  FixedReplyCommand(String verb, String reply) {
    super(verb, "Not offered here.");
    this.reply = reply;
  }

  @Override
  public void execute(String commandString, Session session) throws IOException {
    session.sendResponse(reply);
  }
}
