package org.danerelay.server.outbound.smtp;

import java.net.InetAddress;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;
import org.xbill.DNS.Name;

/**
 * Which connections may carry which messages: the same host name, address and port, and exactly the
 * same {@link TlsRequirement} (for DANE: the same usable TLSA records, names and SNI). A connection
 * made under one requirement is never used for another, so reuse can never lower the protection a
 * message gets (DANE-RULES 6).
 */
record SessionKey(
    Name mxHost, InetAddress address, int port, TlsRequirement requirement, String heloName) {

  static SessionKey of(Attempt attempt, String heloName) {
    return new SessionKey(
        attempt.mxHost(), attempt.address(), attempt.port(), attempt.requirement(), heloName);
  }
}
