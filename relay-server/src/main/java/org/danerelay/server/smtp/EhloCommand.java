package org.danerelay.server.smtp;

import java.io.IOException;
import java.util.function.Supplier;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * EHLO: the extensions this listener offers, and STARTTLS only before TLS is up.
 *
 * <p>Replaces SubEthaSMTP's reply, which offers STARTTLS again inside TLS (RFC 3207 4.2 forbids it)
 * and offers CHUNKING, which the relay does not take (docs/adr/0002).
 */
final class EhloCommand extends BaseCommand {

  private final Supplier<ListenerSettings> settings;
  private final boolean authConfigured;

  /** {@code settings}: read at each EHLO, so that SIZE shows the limit in force after a reload. */
  EhloCommand(Supplier<ListenerSettings> settings, boolean authConfigured) {
    super("EHLO", "Introduce yourself.", "<hostname>");
    this.settings = settings;
    this.authConfigured = authConfigured;
  }

  @Override
  public void execute(String commandString, Session session) throws IOException {
    String[] args = getArgs(commandString);
    if (args.length != 2 || !HeloName.isValid(args[1])) {
      session.sendResponse("501 5.5.4 Syntax: EHLO domain or address literal");
      return;
    }
    session.resetMailTransaction();
    session.setHelo(args[1]);
    ListenerSettings now = settings.get();
    StringBuilder reply = new StringBuilder("250-").append(now.hostname());
    reply.append("\r\n250-PIPELINING");
    reply.append("\r\n250-SIZE ").append(now.maxMessageSize());
    if (!session.isTLSStarted()) {
      reply.append("\r\n250-STARTTLS");
    } else {
      // RFC 8689 4.1: REQUIRETLS only means something on a session that is itself inside TLS.
      reply.append("\r\n250-REQUIRETLS");
      if (authConfigured) {
        // RFC 4954 4: passwords only travel inside TLS, so AUTH is offered only there.
        reply.append("\r\n250-AUTH PLAIN LOGIN");
      }
    }
    reply.append("\r\n250 8BITMIME");
    session.sendResponse(reply.toString());
  }
}
