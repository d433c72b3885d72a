package org.danerelay.server.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.danerelay.server.auth.AuthFailureLedger;
import org.danerelay.server.auth.AuthenticatedUser;
import org.danerelay.server.auth.PasswordAuthenticator;
import org.danerelay.server.auth.SaslExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * AUTH (RFC 4954): only inside TLS and only where the listener offers it; every client line gets an
 * SMTP reply with an enhanced status code, and failed exchanges are limited per session and per
 * client address.
 *
 * <p>SubEthaSMTP hands this command any line whose first four letters are AUTH, so the verb is
 * checked whole here. Client input and credentials never reach an exception or the log; a user name
 * is logged only when the users file knows it.
 */
final class AuthCommand extends BaseCommand {

  private static final Logger log = LoggerFactory.getLogger(AuthCommand.class);

  private final boolean offered;
  private final AuthFailureCount failures = new AuthFailureCount();

  /**
   * @param offered AUTH is offered on this listener (users configured, and the listener is a
   *     submission one or {@code smtpd.auth.on-port-25} is set)
   */
  AuthCommand(boolean offered) {
    super("AUTH", "Authenticate.", "mechanism [initial-response]");
    this.offered = offered;
  }

  @Override
  public void execute(String commandString, Session session)
      throws IOException, DropConnectionException {
    String[] words = commandString.split(" ", -1);
    if (!words[0].equalsIgnoreCase("AUTH")) {
      session.sendResponse("500 5.5.1 Error: command not recognized");
    } else if (!offered) {
      session.sendResponse("502 5.5.1 AUTH is not offered here");
    } else if (!session.isTLSStarted()) {
      session.sendResponse("538 5.7.11 Encryption required for requested authentication mechanism");
    } else if (session.isMailTransactionInProgress()) {
      session.sendResponse("503 5.5.1 AUTH is not allowed during a mail transaction");
    } else if (session.isAuthenticated()) {
      // RFC 4954 4: after a successful AUTH, any further AUTH gets 503.
      session.sendResponse("503 5.5.1 Already authenticated");
    } else if (words.length < 2 || words.length > 3 || hasEmptyWord(words)) {
      session.sendResponse("501 5.5.2 Syntax: AUTH mechanism [initial-response]");
    } else {
      Optional<SaslExchange> exchange = SaslExchange.start(words[1]);
      Optional<PasswordAuthenticator> authenticator = authenticator(session);
      if (exchange.isEmpty()) {
        session.sendResponse("504 5.5.4 Unrecognized authentication type");
      } else if (authenticator.isEmpty()) {
        session.sendResponse("454 4.7.0 Temporary authentication failure");
      } else {
        String mechanism = words[1].toUpperCase(Locale.ROOT);
        Optional<String> initial = words.length == 3 ? Optional.of(words[2]) : Optional.empty();
        authenticate(session, authenticator.get(), mechanism, exchange.get(), initial);
      }
    }
  }

  private void authenticate(
      Session session,
      PasswordAuthenticator authenticator,
      String mechanism,
      SaslExchange exchange,
      Optional<String> initial)
      throws IOException, DropConnectionException {
    InetAddress client = SessionFacts.clientAddress(session);
    String from = client.getHostAddress();
    AuthFailureLedger ledger = authenticator.ledger();
    if (!ledger.tryBegin(client)) {
      log.info("AUTH refused from [{}]: too many recent failures from its address", from);
      session.sendResponse("454 4.7.0 Too many authentication failures, try again later");
      return;
    }
    AuthExchangeEnd end = null;
    try {
      end = AuthExchangeEnd.run(session, authenticator, exchange, initial);
    } catch (RuntimeException e) {
      // Never expected; logged without message or trace, since either could hold client input.
      log.warn("AUTH from [{}] ended in {}", from, e.getClass().getName());
      end = AuthExchangeEnd.INTERNAL_ERROR;
    } finally {
      if (end != null && end.isFailure()) {
        ledger.failed(client);
      } else {
        ledger.succeeded(client);
      }
    }
    switch (end.kind()) {
      case AUTHENTICATED -> {
        session.setAuthenticationHandler(new AuthenticatedUser(end.user(), mechanism));
        log.info(
            "AUTH ok from [{}] for user {} ({})",
            from,
            authenticator.loggableUser(end.user()),
            mechanism);
        session.sendResponse("235 2.7.0 Authentication successful");
      }
      case CANCELED -> session.sendResponse("501 5.7.0 Authentication canceled");
      case INTERNAL_ERROR -> session.sendResponse("454 4.7.0 Temporary authentication failure");
      case CLIENT_GONE -> {}
      case MALFORMED, REFUSED -> fail(session, authenticator, end, mechanism, from);
    }
  }

  /** A failed exchange: a growing pause, then 535 or 501, or 421 and the end at the limit. */
  private void fail(
      Session session,
      PasswordAuthenticator authenticator,
      AuthExchangeEnd end,
      String mechanism,
      String from)
      throws IOException, DropConnectionException {
    int failure = failures.add(session);
    int limit = authenticator.limits().maxFailures();
    log.info(
        "AUTH failed from [{}] for user {} ({}{}), failure {} of {} in this session",
        from,
        end.kind() == AuthExchangeEnd.Kind.MALFORMED ? "-" : authenticator.loggableUser(end.user()),
        mechanism,
        end.kind() == AuthExchangeEnd.Kind.MALFORMED ? ", malformed" : "",
        failure,
        limit);
    // Sleeps on this session's own thread (SubEthaSMTP runs one per connection), holding no lock.
    pause(authenticator.limits().delayBefore(failure).toMillis());
    if (failure >= limit) {
      // RFC 4954 4: a server may close the connection after failed authentications.
      throw new DropConnectionException(
          421, "4.7.0 Too many authentication failures, closing connection");
    }
    session.sendResponse(
        end.kind() == AuthExchangeEnd.Kind.MALFORMED
            ? "501 5.5.2 Malformed authentication response"
            : "535 5.7.8 Authentication credentials invalid");
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // The listener is stopping: answer now and let the stop proceed.
      Thread.currentThread().interrupt();
    }
  }

  private static Optional<PasswordAuthenticator> authenticator(Session session) {
    return session
        .getServer()
        .getAuthenticationHandlerFactory()
        .filter(PasswordAuthenticator.class::isInstance)
        .map(PasswordAuthenticator.class::cast);
  }

  private static boolean hasEmptyWord(String[] words) {
    for (String word : words) {
      if (word.isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
