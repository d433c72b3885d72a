package org.danerelay.server.config;

import java.util.Objects;

/**
 * TLSRPT (RFC 8460): whether daily reports go out, and who they say they are from.
 *
 * @param enabled {@code tlsrpt.enabled}
 * @param organization {@code tlsrpt.organization}: the report's organization-name
 * @param submitter the relay's host name: the submitter domain in the file name and the mail's
 *     headers (RFC 8460 5.1, 5.3)
 * @param contact {@code tlsrpt.contact}: the report's contact-info, From and envelope sender
 */
public record TlsRptConfig(boolean enabled, String organization, String submitter, String contact) {

  public TlsRptConfig {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(contact, "contact");
  }
}
