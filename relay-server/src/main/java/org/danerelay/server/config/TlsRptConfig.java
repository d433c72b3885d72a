package org.danerelay.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLSRPT (RFC 8460): whether daily reports go out, and who they say they are from.
 *
 * @param enabled {@code tlsrpt.enabled}
 * @param organization {@code tlsrpt.organization}: the report's organization-name
 * @param submitter the relay's host name: the submitter domain in the file name and the mail's
 *     headers (RFC 8460 5.1, 5.3)
 * @param contact {@code tlsrpt.contact}: the report's contact-info, From and envelope sender
 * @param dkimKey {@code tlsrpt.dkim.key}, absolute: the PEM private key (RSA or Ed25519) that signs
 *     report mail for the contact's domain (RFC 8460 3)
 * @param dkimSelector {@code tlsrpt.dkim.selector}: its selector; set together with the key
 */
public record TlsRptConfig(
    boolean enabled,
    String organization,
    String submitter,
    String contact,
    Optional<Path> dkimKey,
    Optional<String> dkimSelector) {

  public TlsRptConfig {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(contact, "contact");
    if (dkimKey.isPresent() != dkimSelector.isPresent()) {
      throw new IllegalArgumentException(
          "tlsrpt.dkim.key and tlsrpt.dkim.selector must be set together");
    }
  }
}
