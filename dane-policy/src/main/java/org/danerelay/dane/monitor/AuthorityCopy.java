package org.danerelay.dane.monitor;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One authoritative server's copy of a host's TLSA RRset, and whether it matches the served key.
 *
 * @param server the name server, e.g. {@code ns1.example.nl.}
 * @param address the address asked; empty when the server has none
 * @param answer what it said, e.g. {@code ns1.example.nl. [192.0.2.53]: 2 records, TTL 3600}
 * @param rdata its records in presentation form, lower case
 * @param matchesServedKey whether DANE authenticates the served chain with this copy alone; empty
 *     when the server gave no authoritative answer
 */
public record AuthorityCopy(
    String server,
    Optional<InetAddress> address,
    String answer,
    List<String> rdata,
    Optional<Boolean> matchesServedKey) {

  public AuthorityCopy {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(answer, "answer");
    rdata = List.copyOf(rdata);
    Objects.requireNonNull(matchesServedKey, "matchesServedKey");
  }
}
