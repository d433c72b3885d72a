package org.danerelay.dane.monitor;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result for one host, address and served key: what a DANE sender connecting there would see,
 * and every check that failed.
 *
 * @param host the MX host
 * @param address the address probed; empty when the host has none to probe
 * @param algorithm the key algorithm served ({@code RSA}, {@code ECDSA}), or the one asked for when
 *     the handshake failed; empty when no handshake was tried
 * @param starttls whether the server offered STARTTLS; empty when no EHLO was answered
 * @param served the key served and its verdict; empty without a TLS session
 * @param tlsaTtl the TLSA RRset's TTL; empty without a secure RRset
 * @param dnssec the status of the MX, address and TLSA lookups
 * @param findings every failed check, DNS checks of the host included
 */
public record CheckEntry(
    String host,
    Optional<InetAddress> address,
    Optional<String> algorithm,
    Optional<Boolean> starttls,
    Optional<ServedKey> served,
    OptionalLong tlsaTtl,
    Dnssec dnssec,
    List<Finding> findings) {

  public CheckEntry {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(starttls, "starttls");
    Objects.requireNonNull(served, "served");
    Objects.requireNonNull(tlsaTtl, "tlsaTtl");
    Objects.requireNonNull(dnssec, "dnssec");
    findings = List.copyOf(findings);
  }

  /** The worst finding's severity; OK without findings. */
  public Severity status() {
    return findings.stream().map(Finding::severity).reduce(Severity.OK, Severity::worse);
  }

  /** The findings of the worst severity, or how the key matched when all is well. */
  public String reason() {
    Severity worst = status();
    if (worst == Severity.OK) {
      return served.map(ServedKey::how).orElse("");
    }
    return String.join(
        "; ", findings.stream().filter(f -> f.severity() == worst).map(Finding::detail).toList());
  }
}
