package org.danerelay.server.smtp;

import java.io.IOException;
import java.util.Optional;
import org.danerelay.server.auth.PasswordAuthenticator;
import org.danerelay.server.auth.SaslExchange;
import org.danerelay.server.auth.SaslStep;
import org.subethamail.smtp.server.Session;

/**
 * How one AUTH exchange on a session ended, and the running of it: {@code 334} challenges and the
 * client's responses until the mechanism has credentials, a malformed response or a cancel.
 *
 * @param user the user name the client gave, for {@link Kind#AUTHENTICATED} and {@link
 *     Kind#REFUSED}; empty otherwise
 */
record AuthExchangeEnd(Kind kind, String user) {

  enum Kind {
    AUTHENTICATED,
    /** Wrong password, unknown user, or another user's authorization identity. */
    REFUSED,
    /** A response the mechanism cannot parse. */
    MALFORMED,
    /** RFC 4954 4: the client sent "*". */
    CANCELED,
    /** The connection ended in the middle. */
    CLIENT_GONE,
    INTERNAL_ERROR
  }

  static final AuthExchangeEnd MALFORMED = new AuthExchangeEnd(Kind.MALFORMED, "");
  static final AuthExchangeEnd CANCELED = new AuthExchangeEnd(Kind.CANCELED, "");
  static final AuthExchangeEnd CLIENT_GONE = new AuthExchangeEnd(Kind.CLIENT_GONE, "");
  static final AuthExchangeEnd INTERNAL_ERROR = new AuthExchangeEnd(Kind.INTERNAL_ERROR, "");

  /** Failures count against the session and the client address; cancels and breaks do not. */
  boolean isFailure() {
    return kind == Kind.REFUSED || kind == Kind.MALFORMED;
  }

  /** Runs the exchange from the AUTH command's initial response, if any, to its end. */
  static AuthExchangeEnd run(
      Session session,
      PasswordAuthenticator authenticator,
      SaslExchange exchange,
      Optional<String> initialResponse)
      throws IOException {
    SaslStep step = exchange.begin(initialResponse);
    while (step instanceof SaslStep.Challenge challenge) {
      session.sendResponse("334 " + challenge.base64());
      String line = session.getReader().readLine();
      if (line == null) {
        return CLIENT_GONE;
      }
      // RFC 4954 4: a line of a single "*" cancels the exchange.
      if (line.equals("*")) {
        return CANCELED;
      }
      step = exchange.respond(line);
    }
    if (step instanceof SaslStep.Credentials credentials) {
      Kind kind = authenticator.verify(credentials) ? Kind.AUTHENTICATED : Kind.REFUSED;
      return new AuthExchangeEnd(kind, credentials.user());
    }
    return MALFORMED;
  }
}
