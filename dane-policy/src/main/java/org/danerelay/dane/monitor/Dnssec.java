package org.danerelay.dane.monitor;

import java.util.Objects;
import java.util.Optional;
import org.danerelay.dane.dns.Security;

/**
 * The DNSSEC status of the three lookups a DANE sender makes for one host (RFC 7672 2.1).
 *
 * @param mx the MX lookup of the domain
 * @param address the host's AAAA and A lookups, the weaker of the two
 * @param tlsa the host's TLSA lookup; empty when none was made
 */
public record Dnssec(Security mx, Security address, Optional<Security> tlsa) {

  public Dnssec {
    Objects.requireNonNull(mx, "mx");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(tlsa, "tlsa");
  }
}
