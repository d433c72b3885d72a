package org.danerelay.dane.authority;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.danerelay.dane.dns.Outcome;
import org.xbill.DNS.Name;

/**
 * What one address of one authoritative name server answered about one RRset.
 *
 * @param server the name server's name, as its zone's NS record gives it
 * @param address the address asked
 * @param outcome RECORDS, NODATA or NXDOMAIN for an authoritative answer; FAILURE otherwise
 * @param rdata each record's data in presentation form, lower case, sorted; a CNAME where the RRset
 *     was expected appears as {@code "cname <target>"}
 * @param ttlSeconds the RRset's TTL as this server gives it (0 without records)
 * @param problem why the answer is a FAILURE; empty otherwise
 */
public record ServerAnswer(
    Name server,
    InetAddress address,
    Outcome outcome,
    List<String> rdata,
    long ttlSeconds,
    String problem) {

  public ServerAnswer {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(outcome, "outcome");
    rdata = rdata.stream().sorted().toList();
    Objects.requireNonNull(problem, "problem");
    if (outcome == Outcome.RECORDS == rdata.isEmpty()) {
      throw new IllegalArgumentException(outcome + " answer with " + rdata.size() + " records");
    }
  }

  static ServerAnswer failed(Name server, InetAddress address, String problem) {
    return new ServerAnswer(server, address, Outcome.FAILURE, List.of(), 0, problem);
  }

  /** True for an authoritative answer: records, NODATA or NXDOMAIN, with the AA bit set. */
  public boolean answered() {
    return outcome != Outcome.FAILURE;
  }

  /** One line for an operator, e.g. {@code ns1.example.nl. [192.0.2.53]: 2 records, TTL 300}. */
  public String describe() {
    String where =
        server + " [" + (address == null ? "no address" : address.getHostAddress()) + "]";
    return switch (outcome) {
      case RECORDS ->
          where
              + ": "
              + rdata.size()
              + (rdata.size() == 1 ? " record" : " records")
              + ", TTL "
              + ttlSeconds;
      case NODATA -> where + ": no records of this type";
      case NXDOMAIN -> where + ": no such name";
      case FAILURE -> where + ": " + problem;
    };
  }
}
