package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.dane.publish.PemBundle;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestLoopback;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * Issue 12 item 2 end to end: {@code tlsa rollover init}, {@code status} and {@code promote}
 * against two authoritative name servers of example.test on port 53 of their own loopback addresses
 * (found through a separate recursive server), with a running relay that ends up serving the next
 * key.
 */
@Timeout(120)
class RolloverEndToEndTest {

  private static final String HOST = "mx.example.test";
  private static final String OWNER = "_25._tcp." + HOST;

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  @TempDir Path folder;

  private final InetAddress ns1 = TestLoopback.randomAddress();
  private final InetAddress ns2 = TestLoopback.randomAddress();
  private final List<SignedZoneServer> servers = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path config;

  @AfterEach
  void stopServers() {
    servers.forEach(SignedZoneServer::close);
  }

  @Test
  void promoteWaitsForEveryServerAndTwoTtlsThenTheRelayServesTheNextKey() throws Exception {
    KeyPair currentKeys = TestPki.ecKeys();
    Path cert =
        TestPki.writeCertificates(
            folder.resolve("cert.pem"), TestPki.selfSigned(HOST, currentKeys));
    Path key = TestPki.writeKey(folder.resolve("key.pem"), currentKeys.getPrivate());
    RelayFixture relay = relays.start("smtpd.tls.cert=" + cert, "smtpd.tls.key=" + key);

    // No DNS is asked yet: init only makes the key and prints what to publish.
    config = config(relay, cert, key, 9);
    assertEquals(0, run("init", "--scheme", "current+next"), err.toString());
    List<String> published = recordsIn(out.toString());
    assertEquals(2, published.size(), out.toString());
    String current = published.get(0);
    String next = published.get(1);

    // ns1 has both records; ns2 is stale and has only the current one. TTL 1 s: the wait is 2 s.
    TestZones both = zones(current, next);
    TestZones stale = zones(current);
    SignedZoneServer resolver = serve(both.serve());
    config = config(relay, cert, key, resolver.port(), both);
    serve(both.serveAt(ns1, 53));
    SignedZoneServer lagging = serve(stale.serveAt(ns2, 53));
    Path newCert = certificateFor(folder.resolve("key.pem.next"));

    assertEquals(2, run("status"), out.toString());
    assertTrue(out.toString().contains("missing on ns2.example.test."), out.toString());
    assertEquals(2, run("promote", "--cert", newCert.toString()), out + "" + err);
    assertTrue(err.toString().contains("not promoted"), err.toString());
    assertServes(relay, cert, currentKeys.getPublic());

    // ns2 catches up: the record is everywhere now, but not yet for two TTLs.
    lagging.close();
    serve(rebind(both, ns2));
    assertEquals(1, run("status"), out.toString());
    assertTrue(out.toString().contains("not safe yet"), out.toString());

    awaitSafe(Duration.ofSeconds(20));
    assertEquals(0, run("promote", "--cert", newCert.toString()), out + "" + err);

    assertTrue(out.toString().contains("the running relay reloaded"), out.toString());
    assertTrue(out.toString().contains(OWNER + ". IN TLSA " + next), out.toString());
    assertServes(relay, newCert, publicKeyOf(key));
  }

  private void awaitSafe(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (run("status") != 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not safe within " + limit + ":\n" + out);
      }
      Thread.sleep(250);
    }
  }

  private TestZones zones(String... tlsa) {
    TestZones.Builder builder =
        TestZones.builder()
            .zone("example.test", ZoneKind.SIGNED)
            .record("example.test", Type.NS, "ns1.example.test.")
            .record("example.test", Type.NS, "ns2.example.test.")
            .a("ns1.example.test", ns1.getHostAddress())
            .a("ns2.example.test", ns2.getHostAddress())
            .a(HOST, "192.0.2.25")
            .ttl(1);
    for (String rdata : tlsa) {
      builder.tlsa(OWNER, rdata);
    }
    return builder.build();
  }

  private Path config(RelayFixture relay, Path cert, Path key, int dnsPort, TestZones... anchor)
      throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("data.dir = " + relay.config().dataDir());
    lines.add("smtpd.hostname = " + HOST);
    lines.add("smtpd.tls.cert = " + cert);
    lines.add("smtpd.tls.key = " + key);
    lines.add("dns.resolvers = 127.0.0.1:" + dnsPort);
    lines.add("dns.timeout = 2s");
    if (anchor.length > 0) {
      lines.add("dns.dnssec = validate");
      lines.add("dns.trust-anchors = " + anchor[0].writeTrustAnchor(folder.resolve("anchor")));
    }
    return Files.write(folder.resolve("cli.conf"), lines);
  }

  /** A certificate for the next key, from a CA of the test's own (a postmaster's CA or ACME). */
  private Path certificateFor(Path nextKey) throws Exception {
    KeyPair caKeys = TestPki.ecKeys();
    X509Certificate ca = TestPki.ca("Test CA", caKeys);
    X509Certificate leaf = TestPki.issue(HOST, publicKeyOf(nextKey), ca, caKeys.getPrivate());
    return TestPki.writeCertificates(folder.resolve("new.pem"), leaf, ca);
  }

  private static PublicKey publicKeyOf(Path keyFile) throws Exception {
    byte[] spki = PemBundle.read(keyFile).subjectPublicKeyInfo();
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
  }

  private static void assertServes(RelayFixture relay, Path trust, PublicKey expected)
      throws Exception {
    try (SmtpTestClient client = SmtpTestClient.connect(relay.port(), trust)) {
      client.hello();
      client.startTls();
      assertEquals(expected, client.servedCertificate().getPublicKey());
    }
  }

  private static List<String> recordsIn(String output) {
    return output
        .lines()
        .filter(line -> line.startsWith(OWNER + ". IN TLSA "))
        .map(line -> line.substring((OWNER + ". IN TLSA ").length()))
        .toList();
  }

  /**
   * The closed server's UDP port is released once its receiving thread has left the socket, a
   * moment after close: try again for a bounded time.
   */
  private static SignedZoneServer rebind(TestZones zones, InetAddress address) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return zones.serveAt(address, 53);
      } catch (java.net.BindException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private SignedZoneServer serve(SignedZoneServer server) {
    servers.add(server);
    return server;
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    picocli.CommandLine cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("tlsa", "rollover"));
    all.addAll(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    return cli.execute(all.toArray(String[]::new));
  }
}
