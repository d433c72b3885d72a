package org.danerelay.dane.policy;

import java.util.Objects;
import java.util.Optional;

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
    /** BOGUS data, a failed TLSA lookup (STYLE 3); RFC 8460 reports it as dnssec-invalid. */
    DNSSEC("4.7.5", "dnssec-invalid"),
    /** Level dane-only and no usable TLSA records (STYLE 3); RFC 8460: dane-required. */
    DANE_REQUIRED("4.7.5", "dane-required"),
    /** An MTA-STS policy in mode enforce does not list the host (RFC 8461 4.1; STYLE 3). */
    TLS_POLICY("4.7.5", null),
    /** SERVFAIL, timeout, INDETERMINATE (RFC 3463 4.4.3: directory server failure). */
    DNS("4.4.3", null),
    /** The host has no addresses (RFC 3463 4.4.4: unable to route). */
    NO_ROUTE("4.4.4", null);

    final String code;
    private final String resultType;

    Trouble(String code, String resultType) {
      this.code = code;
      this.resultType = resultType;
    }

    /** The RFC 8460 4.3.2 result-type of a DNSSEC or DANE trouble, for TLSRPT. */
    Optional<String> resultType() {
      return Optional.ofNullable(resultType);
    }
  }

  Skip {
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(trouble, "trouble");
  }
}
