package org.danerelay.server.outbound.smtp;

import java.net.InetAddress;
import java.util.List;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Attempts at the test MX host {@code mx.example} on a loopback port. */
final class TestAttempts {

  static final String MX = "mx.example";

  private TestAttempts() {}

  static Attempt attempt(int port, TlsRequirement requirement) throws TextParseException {
    Name mx = Name.fromString(MX + ".");
    return new Attempt(mx, mx, InetAddress.getLoopbackAddress(), port, requirement, true);
  }

  /** DANE with this one record, the TLSA base, name and SNI being {@code mx.example}. */
  static TlsRequirement dane(TlsaRecord record) throws TextParseException {
    return new TlsRequirement.DaneRequired(
        List.of(record), Name.fromString(MX + "."), List.of(MX), MX);
  }
}
