package org.danerelay.dane.monitor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danerelay.dane.authority.RrsetSurvey;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.xbill.DNS.Name;

/**
 * A host's secure TLSA RRset as a sender sees it, and what each authoritative server says of it.
 *
 * @param owner where the records are, e.g. {@code _25._tcp.mx.example.nl.}
 * @param base the TLSA base domain (RFC 7672 2.2.3): the host name under {@code owner}
 * @param records the whole RRset, usable or not
 * @param usable the records DANE for SMTP uses, after digest agility (RFC 7671 9)
 * @param ttlSeconds the TTL: the largest an authoritative server gives, else the resolver's
 * @param authority each authoritative server's copy; empty when the servers could not be asked
 */
public record TlsaFacts(
    Name owner,
    Name base,
    List<TlsaRecord> records,
    List<TlsaRecord> usable,
    long ttlSeconds,
    Optional<RrsetSurvey> authority) {

  public TlsaFacts {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(base, "base");
    records = List.copyOf(records);
    usable = List.copyOf(usable);
    Objects.requireNonNull(authority, "authority");
  }
}
