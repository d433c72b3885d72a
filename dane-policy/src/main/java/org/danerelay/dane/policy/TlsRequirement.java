package org.danerelay.dane.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.danerelay.dane.sts.StsMode;
import org.danerelay.dane.sts.StsPolicy;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.xbill.DNS.Name;

/**
 * What TLS one connection attempt must achieve, settled before the socket opens; the SMTP client
 * only enforces it ("policy decides, transport executes").
 */
public sealed interface TlsRequirement {

  /** Whether the attempt must fail rather than send the message without TLS. */
  boolean starttlsMandatory();

  /**
   * Usable TLSA records exist (RFC 7672 2.2, 3.1): STARTTLS is mandatory and the peer must
   * authenticate against {@code usableRecords}; never fall back to plaintext.
   *
   * @param usableRecords the records usable for SMTP after digest agility (DANE-RULES 4), non-empty
   * @param tlsaBase the TLSA base domain: the host name (not {@code _25._tcp.} prefixed) where the
   *     records were found (RFC 7672 2.2.3)
   * @param referenceIdentifiers names the certificate may match for DANE-TA(2) (RFC 7672 3.2.2):
   *     the TLSA base domain first, then the MX host's names and the next-hop domain; lower case,
   *     no trailing dot
   * @param sni the server name to send: the TLSA base domain (DANE-RULES 5)
   */
  record DaneRequired(
      List<TlsaRecord> usableRecords, Name tlsaBase, List<String> referenceIdentifiers, String sni)
      implements TlsRequirement {
    public DaneRequired {
      usableRecords = List.copyOf(usableRecords);
      if (usableRecords.isEmpty()) {
        throw new IllegalArgumentException("DANE without usable TLSA records");
      }
      for (TlsaRecord record : usableRecords) {
        if (!record.isUsableForSmtp()) {
          throw new IllegalArgumentException("TLSA record unusable for SMTP: " + record);
        }
      }
      Objects.requireNonNull(tlsaBase, "tlsaBase");
      referenceIdentifiers = List.copyOf(referenceIdentifiers);
      if (referenceIdentifiers.isEmpty()) {
        throw new IllegalArgumentException("DANE without reference identifiers");
      }
      for (String id : referenceIdentifiers) {
        checkDnsName(id, "reference identifier");
      }
      checkDnsName(sni, "SNI");
    }

    @Override
    public boolean starttlsMandatory() {
      return true;
    }

    static void checkDnsName(String name, String what) {
      if (name.isEmpty()
          || name.endsWith(".")
          || !name.equals(name.toLowerCase(Locale.ROOT))
          || name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            what + " must be a lower-case name without trailing dot: '" + name + "'");
      }
    }
  }

  /**
   * An MTA-STS policy in mode {@code enforce} covers the host (RFC 8461 4, 5): STARTTLS is
   * mandatory, and the certificate must chain to a trusted root (PKIX) and name the MX host as the
   * MX record gives it. Only for a host without usable DANE (RFC 8461 2).
   *
   * @param mxHost the MX host name, lower case, without trailing dot: the reference identifier and
   *     the SNI
   * @param policy the policy, in mode enforce, that lists the host
   */
  record MtaStsEnforce(String mxHost, StsPolicy policy) implements TlsRequirement {
    public MtaStsEnforce {
      DaneRequired.checkDnsName(mxHost, "MX host");
      if (policy.mode() != StsMode.ENFORCE || !policy.allows(mxHost)) {
        throw new IllegalArgumentException(mxHost + " is not enforced by " + policy.describe());
      }
    }

    @Override
    public boolean starttlsMandatory() {
      return true;
    }
  }

  /**
   * An MTA-STS policy in mode {@code testing} covers the domain (RFC 8461 5): deliver as {@link
   * Opportunistic}, but check what {@code enforce} would have required, for the log and TLSRPT.
   *
   * @param mxHost the MX host name, lower case, without trailing dot
   * @param policy the policy, in mode testing; it may not list the host, which is then reported
   */
  record MtaStsTesting(String mxHost, StsPolicy policy) implements TlsRequirement {
    public MtaStsTesting {
      DaneRequired.checkDnsName(mxHost, "MX host");
      if (policy.mode() != StsMode.TESTING) {
        throw new IllegalArgumentException("not a testing policy: " + policy.describe());
      }
    }

    @Override
    public boolean starttlsMandatory() {
      return false;
    }
  }

  /**
   * STARTTLS mandatory, no authentication: secure TLSA records exist but none is usable (RFC 7672
   * 2.2, DANE-RULES 4), or the level is {@code encrypt} and the host has no DANE.
   *
   * @param why the reason, for the log
   * @param tlsaPresent true when DANE decided it (secure TLSA records, none usable); false for the
   *     level {@code encrypt} alone
   */
  record EncryptRequired(String why, boolean tlsaPresent) implements TlsRequirement {
    public EncryptRequired {
      Objects.requireNonNull(why, "why");
      if (why.isBlank()) {
        throw new IllegalArgumentException("EncryptRequired needs a reason");
      }
    }

    @Override
    public boolean starttlsMandatory() {
      return true;
    }
  }

  /**
   * STARTTLS when offered, without authentication; plaintext when it is not offered or the
   * handshake fails (RFC 7672 2.2: a host without secure TLSA records; level {@code may}).
   */
  record Opportunistic() implements TlsRequirement {
    @Override
    public boolean starttlsMandatory() {
      return false;
    }
  }

  /** Never STARTTLS (level {@code none}). */
  record PlaintextOnly() implements TlsRequirement {
    @Override
    public boolean starttlsMandatory() {
      return false;
    }
  }
}
