package org.danerelay.dane.dns;

import org.xbill.DNS.Name;

/**
 * Asks DNS one question and says how secure the answer is: the one seam between the DANE policy and
 * the network, so that tests can serve signed zones in process.
 */
public interface DnsLookup {

  /**
   * Looks up {@code type} records at {@code name}, following CNAMEs (a bounded number of links);
   * the answer's security is the weakest of every link. Never throws for DNS trouble: that is a
   * {@link Outcome#FAILURE} answer.
   */
  DnsAnswer lookup(Name name, int type);
}
