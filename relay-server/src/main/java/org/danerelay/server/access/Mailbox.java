package org.danerelay.server.access;

import java.util.Objects;

/**
 * One syntactically valid {@code Local-part@Domain} from an SMTP path, with the domain in
 * lower-case A-label form.
 *
 * <p>The local part is kept exactly as written on the wire, quotes included, because RFC 5321 2.4
 * makes it case-sensitive and RFC 5321 2.3.11 leaves its meaning to the destination host. Build one
 * with {@link PathParser}; the constructor only re-checks the invariants.
 *
 * @param localPart a Dot-string or Quoted-string (RFC 5321 4.1.2)
 * @param domain a fully-qualified domain name, lower case, A-labels, no trailing dot
 */
public record Mailbox(String localPart, String domain) {

  public Mailbox {
    Objects.requireNonNull(localPart, "localPart");
    Objects.requireNonNull(domain, "domain");
    try {
      // SMTPUTF8 is a property of the transaction; the parser enforced it, so allow it here.
      LocalPartSyntax.check(localPart, true, PathRole.FORWARD);
      if (!DomainSyntax.toAscii(domain, false, PathRole.FORWARD).equals(domain)) {
        throw new IllegalArgumentException("domain not in lower-case A-label form: " + domain);
      }
    } catch (AddressRejection e) {
      throw new IllegalArgumentException("not a valid mailbox (" + e.smtpReply() + ")");
    }
  }

  /** The address as {@code local-part@domain}, without angle brackets. */
  public String address() {
    return localPart + "@" + domain;
  }
}
