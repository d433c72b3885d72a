package org.danerelay.dane.testdns;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * An authoritative DNS server for {@link TestZones} on 127.0.0.1 (or a chosen loopback address),
 * UDP and TCP on one port: signed answers for validating lookups, with TC over UDP when an answer
 * exceeds the client's EDNS payload size. It never sets AD (it does not validate), so it also plays
 * "a resolver that does not validate".
 */
public final class SignedZoneServer implements AutoCloseable {

  private final TestZones zones;
  private final DnsTestServer server;

  SignedZoneServer(TestZones zones, InetSocketAddress bind) throws IOException {
    this.zones = zones;
    this.server = new DnsTestServer("signed-zone", zones.answerer(), zones.faults(), bind);
  }

  /** Where to send queries: the address and the port this server got. */
  public InetSocketAddress address() {
    return server.address();
  }

  public int port() {
    return server.address().getPort();
  }

  public TestZones zones() {
    return zones;
  }

  /** UDP answers replaced by a truncated (TC) one so far. */
  public int truncatedResponses() {
    return server.truncatedResponses();
  }

  /** Queries received over TCP so far. */
  public int tcpQueries() {
    return server.tcpQueries();
  }

  @Override
  public void close() {
    server.close();
  }
}
