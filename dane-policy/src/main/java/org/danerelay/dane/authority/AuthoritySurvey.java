package org.danerelay.dane.authority;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.danerelay.dane.dns.DnsLookup;
import org.xbill.DNS.Name;

/**
 * Asks every authoritative name server of a name's zone directly, every address of each at once,
 * for one RRset: whether a record is published everywhere before a rollover relies on it, and which
 * server lags behind when it is not.
 */
public final class AuthoritySurvey {

  private final DnsLookup lookup;
  private final AuthoritativeQuery query;

  /**
   * @param lookup the recursive lookup ({@code dns.*}) that finds the zone's servers and addresses
   * @param port where name servers listen: 53, except for servers in tests
   * @param timeout how long one server may take over UDP, and again over TCP
   */
  public AuthoritySurvey(DnsLookup lookup, int port, Duration timeout) {
    this.lookup = lookup;
    this.query = new AuthoritativeQuery(port, timeout);
  }

  /** What each server says about {@code type} records at {@code name}. */
  public RrsetSurvey survey(Name name, int type) {
    StringBuilder problem = new StringBuilder();
    Optional<ZoneServers> found = ZoneServers.find(lookup, name, problem);
    if (found.isEmpty()) {
      return RrsetSurvey.failed(name, type, problem.toString());
    }
    ZoneServers zone = found.get();
    List<ServerAnswer> answers = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    for (ZoneServers.NameServer server : zone.servers()) {
      if (server.addresses().isEmpty()) {
        // A server nobody can reach still counts: resolvers will try it and fail.
        answers.add(ServerAnswer.failed(server.name(), null, server.problem()));
      }
      for (InetAddress address : server.addresses()) {
        pending.add(
            new Pending(server.name(), address, query.ask(server.name(), address, name, type)));
      }
    }
    for (Pending each : pending) {
      answers.add(query.await(each.answer(), each.server(), each.address()));
    }
    return new RrsetSurvey(name, type, Optional.of(zone.zone()), answers, "");
  }

  private record Pending(
      Name server, InetAddress address, CompletableFuture<ServerAnswer> answer) {}
}
