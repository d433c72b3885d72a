package org.danerelay.dane.monitor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danerelay.dane.tlsa.TlsaRecord;

/**
 * One key an address served, and how it fares against the TLSA records.
 *
 * @param protocol the TLS version negotiated, e.g. {@code TLSv1.3}
 * @param cipher the cipher suite
 * @param subject the leaf certificate's subject, for the operator
 * @param tlsa the {@code 3 1 1} record of the served key: what to publish for it
 * @param matched the TLSA record that authenticated the chain; empty when none did
 * @param how how it matched (DANE-EE leaf key, DANE-TA anchor and name), or why nothing did
 * @param daysLeft whole days until the leaf certificate expires; negative once it has
 * @param authoritative each authoritative server's copy of the RRset, judged against this key
 */
public record ServedKey(
    String protocol,
    String cipher,
    String subject,
    TlsaRecord tlsa,
    Optional<TlsaRecord> matched,
    String how,
    long daysLeft,
    List<AuthorityCopy> authoritative) {

  public ServedKey {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipher, "cipher");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(tlsa, "tlsa");
    Objects.requireNonNull(matched, "matched");
    Objects.requireNonNull(how, "how");
    authoritative = List.copyOf(authoritative);
  }
}
