package org.danerelay.server.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.danerelay.server.smtp.wire.ClientConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * DATA: reads the content up to CRLF.CRLF, always to its end, and always ends the transaction.
 *
 * <p>Replaces SubEthaSMTP's command, which leaves unread content behind on a rejection (to be read
 * as commands) and keeps the transaction open after one.
 */
final class DataCommand extends BaseCommand {

  private static final Logger log = LoggerFactory.getLogger(DataCommand.class);

  DataCommand() {
    super("DATA", "Following text is the message, ended by <CRLF>.<CRLF>");
  }

  @Override
  public void execute(String commandString, Session session)
      throws IOException, DropConnectionException {
    if (!commandString.trim().equalsIgnoreCase("DATA")) {
      session.sendResponse("501 5.5.4 Syntax: DATA (no parameters)");
    } else if (!session.isMailTransactionInProgress()) {
      session.sendResponse("503 5.5.1 Error: need MAIL command");
    } else if (session.getRecipientCount() == 0) {
      session.sendResponse("554 5.5.1 Error: no valid recipients");
    } else {
      receive(session);
    }
  }

  private static void receive(Session session) throws IOException {
    ClientConnection.of(session.getSocket()).commands().startContent();
    session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
    // Only CRLF.CRLF ends the content; bare CR and LF are refused by the handler's guard.
    InputStream content = new DotStuffedContentStream(session.getRawInput());
    String reply;
    try {
      reply = contentReply(session, content);
    } catch (IOException e) {
      // The client went away or was cut off before the final dot: nothing was acknowledged and no
      // one is left to answer. Quitting first keeps this ordinary event out of the log as a fault.
      log.info(
          "[{}] gone during DATA, nothing accepted: {}",
          session.getRemoteAddress().getAddress().getHostAddress(),
          e.getMessage());
      session.quit();
      throw e;
    } finally {
      session.resetMailTransaction();
    }
    if (reply.startsWith("250")) {
      ClientConnection.of(session.getSocket()).commands().messageAccepted();
    }
    session.sendResponse(reply);
  }

  /** The reply to the content, read to its end whatever the handler made of it. */
  private static String contentReply(Session session, InputStream content) throws IOException {
    try {
      return "250 " + session.getMessageHandler().data(content);
    } catch (RejectException e) {
      return e.getErrorResponse();
    } finally {
      content.transferTo(OutputStream.nullOutputStream());
    }
  }
}
