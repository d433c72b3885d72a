package org.danerelay.server.auth;

import java.util.Optional;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;

/**
 * The outcome of a successful AUTH exchange as SubEthaSMTP keeps it on the session: its presence is
 * what lets the client relay.
 *
 * @param user the authenticated user name
 * @param mechanism the SASL mechanism that authenticated it
 */
public record AuthenticatedUser(String user, String mechanism) implements AuthenticationHandler {

  /** The exchange is over; RFC 4954 4: any further AUTH gets 503. */
  @Override
  public Optional<String> auth(String clientInput, MessageContext context) throws RejectException {
    throw new RejectException(503, "5.5.1 Already authenticated");
  }

  @Override
  public Object getIdentity() {
    return user;
  }
}
