package org.danerelay.server.sts;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.DnsLookups;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.server.testing.StsPolicyServer;
import org.danerelay.server.testing.TestPki;

/**
 * Real peers on loopback for HTTPS tests: one {@link StsPolicyServer} on 127.0.0.9 presenting a
 * certificate per SNI name from a test CA, a socket on 127.0.0.10 that accepts and never speaks,
 * and the in-process DNS naming them (nothing reaches the machine's resolver):
 *
 * <ul>
 *   <li>{@code mta-sts.sts.test}, {@code mta-sts.expired.test} (its certificate expired), {@code
 *       mta-sts.other.test} (shown the certificate of mta-sts.sts.test), {@code
 *       mta-sts.stall.test}: 127.0.0.9
 *   <li>{@code mta-sts.silent.test}: 127.0.0.10, no TLS ever
 *   <li>{@code mta-sts.two.test}: ::1 first, where nothing listens on the port, then 127.0.0.9
 *   <li>{@code mta-sts.broken.test}: SERVFAIL; {@code mta-sts.nowhere.test}: no such name
 * </ul>
 *
 * The server's default certificate, for clients that send no SNI, is for {@code default.invalid}.
 */
final class PolicyHostsOnLoopback implements AutoCloseable {

  static final InetAddress SERVER = address("127.0.0.9");
  static final InetAddress SILENT = address("127.0.0.10");

  final KeyPair caKeys;
  final X509Certificate ca;
  final StsPolicyServer server;
  final DnsLookup dns;
  final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Path folder;
  private final ServerSocket silent;
  private final SignedZoneServer dnsServer;

  PolicyHostsOnLoopback(Path folder) throws Exception {
    this.folder = folder;
    caKeys = TestPki.ecKeys();
    ca = TestPki.ca("Test Root CA", caKeys);
    KeyPair keys = TestPki.ecKeys();
    server = StsPolicyServer.start(SERVER, 0, keys.getPrivate(), leaf("default.invalid", keys));
    for (String host : List.of("mta-sts.sts.test", "mta-sts.stall.test", "mta-sts.two.test")) {
      server.certificate(host, keys.getPrivate(), leaf(host, keys));
    }
    server.certificate("mta-sts.other.test", keys.getPrivate(), leaf("mta-sts.sts.test", keys));
    server.certificate(
        "mta-sts.expired.test",
        keys.getPrivate(),
        TestPki.issueExpired("mta-sts.expired.test", keys.getPublic(), ca, caKeys.getPrivate()));
    // The fetcher uses one port for every host: the silent socket takes the server's.
    silent = new ServerSocket(server.port(), 5, SILENT);
    TestZones zones =
        TestZones.builder()
            .signedRoot()
            .zone("sts.test", ZoneKind.UNSIGNED)
            .a("mta-sts.sts.test", SERVER.getHostAddress())
            .txt("_mta-sts.sts.test", "v=STSv1; id=1;")
            .zone("other.test", ZoneKind.UNSIGNED)
            .a("mta-sts.other.test", SERVER.getHostAddress())
            .zone("expired.test", ZoneKind.UNSIGNED)
            .a("mta-sts.expired.test", SERVER.getHostAddress())
            .zone("stall.test", ZoneKind.UNSIGNED)
            .a("mta-sts.stall.test", SERVER.getHostAddress())
            .zone("silent.test", ZoneKind.UNSIGNED)
            .a("mta-sts.silent.test", SILENT.getHostAddress())
            .zone("two.test", ZoneKind.UNSIGNED)
            .aaaa("mta-sts.two.test", "::1")
            .a("mta-sts.two.test", SERVER.getHostAddress())
            .zone("broken.test", ZoneKind.UNSIGNED)
            .servfail("mta-sts.broken.test")
            .build();
    dnsServer = zones.serve();
    dns =
        DnsLookups.create(
            List.of(dnsServer.address()),
            DnsLookups.Mode.VALIDATE,
            Optional.of(zones.writeTrustAnchor(folder.resolve("anchors.txt"))),
            Duration.ofSeconds(2),
            Clock.systemUTC());
  }

  /** A client trusting only {@code trusted}, read from a PEM file as production reads it. */
  HttpsClient client(X509Certificate trusted, Duration overallTimeout) throws Exception {
    Path pem = TestPki.writeCertificates(folder.resolve("trust-" + System.nanoTime()), trusted);
    WebPkiTrust trust = WebPkiTrust.load(Optional.of(pem));
    return new HttpsClient(group, dns, trust.trustManager(), Duration.ofSeconds(2), overallTimeout);
  }

  /** A fetcher on the server's port trusting only {@code trusted}. */
  PolicyFetcher fetcher(X509Certificate trusted, Duration overallTimeout) throws Exception {
    return new PolicyFetcher(client(trusted, overallTimeout), server.port());
  }

  private X509Certificate leaf(String host, KeyPair keys) throws Exception {
    return TestPki.issue(host, keys.getPublic(), ca, caKeys.getPrivate());
  }

  @Override
  public void close() throws Exception {
    server.close();
    silent.close();
    dnsServer.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
