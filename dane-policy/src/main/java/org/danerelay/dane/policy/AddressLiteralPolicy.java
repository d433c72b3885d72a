package org.danerelay.dane.policy;

import java.util.List;

/**
 * The plan for an address-literal next hop ({@code [192.0.2.1]:25} in {@code delivery.routes}):
 * with no name there is no DNS answer to be DNSSEC-secure and no TLSA RRset to find (RFC 7672 2.2
 * needs both), so DANE cannot apply and the level decides alone.
 *
 * <p>{@code dane} and {@code may} try opportunistic TLS, as for any host without secure TLSA
 * records; {@code encrypt} requires TLS without authentication; {@code dane-only} cannot be met and
 * defers with 4.7.5 rather than send with less; {@code none} sends in plaintext.
 */
final class AddressLiteralPolicy {

  private AddressLiteralPolicy() {}

  static DeliveryPlan plan(NextHop nextHop, TlsLevel level) {
    String where = "[" + nextHop.domainText() + "]:" + nextHop.port();
    TlsRequirement requirement =
        switch (level) {
          case DANE, MAY -> new TlsRequirement.Opportunistic();
          case ENCRYPT ->
              new TlsRequirement.EncryptRequired(
                  "level encrypt; " + where + " has no TLSA records", false);
          case NONE -> new TlsRequirement.PlaintextOnly();
          case DANE_ONLY -> null;
        };
    if (requirement == null) {
      return new DeliveryPlan.Defer(
          "4.7.5 level dane-only but the next hop "
              + where
              + " is an address literal: no TLSA record can authenticate it");
    }
    Attempt attempt =
        new Attempt(
            nextHop.name(),
            nextHop.name(),
            nextHop.address().orElseThrow(),
            nextHop.port(),
            requirement,
            false);
    return new DeliveryPlan.TryInOrder(
        List.of(attempt), List.of(where + ": address literal, no DNS: no DNSSEC, no DANE"));
  }
}
