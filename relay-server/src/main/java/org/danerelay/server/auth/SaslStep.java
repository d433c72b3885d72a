package org.danerelay.server.auth;

/** What one client response in an AUTH exchange leads to. */
public sealed interface SaslStep {

  /** The server asks for more: {@code 334} and this base64 text (maybe empty). */
  record Challenge(String base64) implements SaslStep {}

  /**
   * The exchange is complete and these credentials are to be checked.
   *
   * @param authorizationId who to act as (RFC 4616); empty means the user itself
   */
  record Credentials(String authorizationId, String user, String password) implements SaslStep {
    @Override
    public String toString() {
      return "Credentials[hidden]";
    }
  }

  /**
   * The response breaks the mechanism's syntax: not base64, missing NULs, too long, not UTF-8.
   * Carries no client input, so it can be logged and thrown around safely.
   */
  record Malformed(String reason) implements SaslStep {}
}
