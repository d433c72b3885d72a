package org.danerelay.server.config;

import java.util.Objects;

/**
 * TLSRPT (RFC 8460): whether daily reports go out, and who they say they are from.
 *
 * @param enabled {@code tlsrpt.enabled}
 * @param organization {@code tlsrpt.organization}: the report's organization-name and submitter
 * @param contact {@code tlsrpt.contact}: the report's contact-info, From and envelope sender
 */
public record TlsRptConfig(boolean enabled, String organization, String contact) {

  public TlsRptConfig {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(contact, "contact");
  }
}
