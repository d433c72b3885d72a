package org.danerelay.server.auth;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danerelay.server.config.AuthConfig;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;

/**
 * SMTP AUTH for the relay: the users file, the limits on failed attempts and the per-address
 * ledger, shared by every listener.
 *
 * <p>It is a SubEthaSMTP {@link AuthenticationHandlerFactory} only so that it travels with the
 * server to the relay's own AUTH command, which runs the exchange itself; SubEthaSMTP's AUTH
 * command, the one caller of {@link #create}, is replaced on every listener.
 */
public final class PasswordAuthenticator implements AuthenticationHandlerFactory {

  // Replaced whole by a reload; an exchange reads it once per check.
  private volatile UserFile users;
  private final AuthConfig limits;
  private final AuthFailureLedger ledger;

  public PasswordAuthenticator(UserFile users, AuthConfig limits, Clock clock) {
    this.users = users;
    this.limits = limits;
    this.ledger =
        new AuthFailureLedger(limits.maxFailuresPerClient(), limits.clientWindow(), clock);
  }

  /**
   * Checks later exchanges against {@code next} (a reload re-read the file); failures counted so
   * far stay counted.
   */
  public void replaceUsers(UserFile next) {
    this.users = Objects.requireNonNull(next, "next");
  }

  /** The limits on failed exchanges, per session and per address. */
  public AuthConfig limits() {
    return limits;
  }

  /** Failures and open exchanges per client address. */
  public AuthFailureLedger ledger() {
    return ledger;
  }

  /**
   * True when the credentials are a user's own: the password matches and any authorization identity
   * names that same user (acting as someone else is not offered, RFC 4616 2).
   */
  public boolean verify(SaslStep.Credentials credentials) {
    UserFile now = users;
    boolean valid = now.verify(credentials.user(), credentials.password());
    String asWhom = credentials.authorizationId();
    return valid && (asWhom.isEmpty() || asWhom.equals(credentials.user()));
  }

  /** The user name as it may be logged: only a name the file knows, never a mistyped password. */
  public String loggableUser(String user) {
    return users.knows(user) ? "'" + user.replaceAll("[^\\x21-\\x7e]", "?") + "'" : "(unknown)";
  }

  @Override
  public List<String> getAuthenticationMechanisms() {
    return SaslExchange.MECHANISMS;
  }

  /** Not used by the relay; should anything call it, it refuses every exchange with a reply. */
  @Override
  public AuthenticationHandler create() {
    return new AuthenticationHandler() {
      @Override
      public Optional<String> auth(String clientInput, MessageContext context)
          throws RejectException {
        throw new RejectException(454, "4.7.0 Temporary authentication failure");
      }

      @Override
      public Object getIdentity() {
        return null;
      }
    };
  }
}
