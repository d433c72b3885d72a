package org.danerelay.dane.policy;

import java.util.Objects;

/**
 * A host left out of the plan, with the note that says why and how bad the reason is; when every
 * host is skipped, the worst trouble picks the Defer's status code.
 *
 * @param note {@code "<host>: <why>"}, for the plan's notes and the Defer reason
 * @param trouble the kind of reason
 */
record Skip(String note, Trouble trouble)
    implements AddressResolver.Result, TlsaResolver.Verdict, HostPolicy.Decision {

  /** Kinds of reasons, worst first. */
  enum Trouble {
    /** BOGUS data, a failed TLSA lookup, no DANE at level dane-only (STYLE 3). */
    DNSSEC("4.7.5"),
    /** An MTA-STS policy in mode enforce does not list the host (RFC 8461 4.1; STYLE 3). */
    TLS_POLICY("4.7.5"),
    /** SERVFAIL, timeout, INDETERMINATE (RFC 3463 4.4.3: directory server failure). */
    DNS("4.4.3"),
    /** The host has no addresses (RFC 3463 4.4.4: unable to route). */
    NO_ROUTE("4.4.4");

    final String code;

    Trouble(String code) {
      this.code = code;
    }
  }

  Skip {
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(trouble, "trouble");
  }
}
