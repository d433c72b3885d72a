package org.danerelay.server.bounce;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The RFC 3464 2.3.6 {@code Diagnostic-Code}: what the remote server replied, or the relay's own
 * reason when there was no reply to quote (a DANE failure, a DNS failure, a null MX).
 *
 * <p>The text may come from a remote server and is not trusted: it is sanitized when the DSN is
 * written, never here, so the record keeps what was really said.
 *
 * @param type {@code smtp} for an SMTP reply, {@code X-DaneRelay} for a local reason
 * @param text the reply with its code, such as {@code 550 5.1.1 No such user}, or the reason
 */
public record Diagnostic(String type, String text) {

  /** The diagnostic-type for reasons this relay found itself (an RFC 3464 2.3.6 X- type). */
  public static final String LOCAL_TYPE = "X-DaneRelay";

  // RFC 3464 2.3.6: diagnostic-type is an atom; IANA registers "smtp", others are X- tokens.
  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9-]{1,40}");

  public Diagnostic {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("diagnostic type must be an atom such as smtp");
    }
  }

  /** A reply from the remote SMTP server, all its lines; multi-line replies are joined later. */
  public static Diagnostic smtp(String reply) {
    return new Diagnostic("smtp", reply);
  }

  /** A reason the relay found without a remote reply, such as a failed DANE authentication. */
  public static Diagnostic local(String reason) {
    return new Diagnostic(LOCAL_TYPE, reason);
  }
}
