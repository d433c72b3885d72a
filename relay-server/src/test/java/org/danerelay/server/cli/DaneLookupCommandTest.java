package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ValidatingRecursiveServer;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueueSettings;
import org.danerelay.queue.StoredStsPolicy;
import org.danerelay.server.testing.StsPolicyServer;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code danerelay dane lookup} against a signed DNS on loopback, in both DNSSEC modes: the
 * requirement it shows per host is what delivery would enforce.
 */
class DaneLookupCommandTest {

  private static final String TLSA_HEX =
      "8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1";

  @TempDir static Path folder;
  private static SignedZoneServer dns;
  private static ValidatingRecursiveServer validatingResolver;
  private static Path anchors;
  private static StsPolicyServer policies;
  private static Path roots;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void serveZones() throws Exception {
    TestZones zones =
        TestZones.builder()
            .signedRoot()
            .zone("dane.test", ZoneKind.SIGNED)
            .mx("dane.test", 10, "mx.dane.test")
            .a("mx.dane.test", "127.0.0.2")
            .tlsa("_25._tcp.mx.dane.test", "3 1 1 " + TLSA_HEX)
            .zone("plain.test", ZoneKind.UNSIGNED)
            .mx("plain.test", 10, "mx.plain.test")
            .a("mx.plain.test", "127.0.0.3")
            .zone("forged.test", ZoneKind.WRONG_KEY)
            .mx("forged.test", 10, "mx.forged.test")
            .a("mx.forged.test", "127.0.0.4")
            .zone("nomail.test", ZoneKind.SIGNED)
            .mx("nomail.test", 0, ".")
            .zone("sts.test", ZoneKind.UNSIGNED)
            .mx("sts.test", 10, "mx.sts.test")
            .a("mx.sts.test", "127.0.0.5")
            .txt("_mta-sts.sts.test", "v=STSv1; id=7;")
            .a("mta-sts.sts.test", "127.0.0.9")
            .build();
    KeyPair caKeys = TestPki.ecKeys();
    X509Certificate ca = TestPki.ca("Test Root", caKeys);
    roots = TestPki.writeCertificates(folder.resolve("roots.pem"), ca);
    KeyPair keys = TestPki.ecKeys();
    policies =
        StsPolicyServer.start(
            InetAddress.getByAddress(new byte[] {127, 0, 0, 9}),
            0,
            keys.getPrivate(),
            TestPki.issueFor(keys.getPublic(), ca, caKeys.getPrivate(), "mta-sts.sts.test"));
    policies.serve(
        "mta-sts.sts.test", "version: STSv1\nmode: enforce\nmx: mx.sts.test\nmax_age: 86400\n");
    dns = zones.serve();
    validatingResolver = ValidatingRecursiveServer.in(dns);
    anchors = zones.writeTrustAnchor(folder.resolve("anchors.txt"));
    Files.writeString(folder.resolve("relay.conf"), "data.dir = " + folder.resolve("data") + "\n");
  }

  @AfterAll
  static void stop() {
    policies.close();
    validatingResolver.close();
    dns.close();
  }

  @Test
  void showsDaneRequiredForASecureDomainWithTlsaInValidateMode() {
    assertEquals(0, lookupValidating("dane.test"));
    String text = out.toString();
    assertTrue(text.contains("level: dane"), text);
    assertTrue(text.contains("mx.dane.test 127.0.0.2:25 (DNSSEC) dane"), text);
    assertTrue(text.contains("tlsa=[3 1 1 8cb0fc6c"), text);
  }

  @Test
  void showsTheSameRequirementWhenTrustingAValidatingResolversAdBit() {
    assertEquals(0, lookup(validatingResolver.address(), "resolver", "dane.test"));
    assertTrue(out.toString().contains("mx.dane.test 127.0.0.2:25 (DNSSEC) dane"), out.toString());
  }

  @Test
  void showsOpportunisticTlsForAnInsecureDomain() {
    assertEquals(0, lookupValidating("plain.test"));
    assertTrue(
        out.toString().contains("mx.plain.test 127.0.0.3:25 (no DNSSEC) opportunistic"),
        out.toString());
  }

  @Test
  void defersABogusDomainInsteadOfTreatingItAsInsecure() {
    assertEquals(1, lookupValidating("forged.test"));
    assertTrue(out.toString().contains("defer: 4.7.5"), out.toString());
  }

  @Test
  void showsTheMtaStsPolicyThatDecidesAHostWithoutDane() {
    assertEquals(0, lookupValidating("sts.test"));
    String text = out.toString();
    assertTrue(
        text.contains("mta-sts: sts.test (MTA-STS enforce, id 7, max_age 86400s) fetched"), text);
    assertTrue(
        text.contains("mx.sts.test 127.0.0.5:25 (no DNSSEC) mta-sts enforce name=mx.sts.test"),
        text);
  }

  @Test
  void saysMtaStsWasNotConsultedWhereDaneCoversEveryHost() {
    assertEquals(0, lookupValidating("dane.test"));
    assertTrue(out.toString().contains("mta-sts: not consulted"), out.toString());
  }

  @Test
  void saysWhyNoMtaStsPolicyApplies() {
    assertEquals(0, lookupValidating("plain.test"));
    assertTrue(out.toString().contains("mta-sts: none (no _mta-sts TXT record)"), out.toString());
  }

  @Test
  void showsThePolicyTheQueueHoldsBesideTheFreshlyFetchedOne() throws Exception {
    Path data = folder.resolve("cached-data");
    Instant fetched = Instant.parse("2026-01-02T03:04:05Z");
    try (MessageQueue queue =
        MessageQueue.open(new QueueSettings(data.resolve("queue"), null, Clock.systemUTC()))) {
      queue
          .stsPolicies()
          .save(
              new StoredStsPolicy(
                  "sts.test",
                  "6",
                  "version: STSv1\nmode: testing\nmx: old.sts.test\nmax_age: 3600\n",
                  fetched,
                  fetched.plusSeconds(3600)));
    }

    assertEquals(0, lookupValidating("sts.test", "--set", "data.dir=" + data));

    String text = out.toString();
    assertTrue(text.contains("mta-sts: sts.test (MTA-STS enforce, id 7,"), text);
    assertTrue(
        text.contains(
            "mta-sts cached: sts.test (MTA-STS testing, id 6, max_age 3600s) fetched"
                + " 2026-01-02T03:04:05Z, expired at 2026-01-02T04:04:05Z; mx [old.sts.test]"),
        text);
  }

  @Test
  void createsNoQueueToShowACachedPolicy() {
    Path data = folder.resolve("never-made");

    assertEquals(0, lookupValidating("sts.test", "--set", "data.dir=" + data));

    assertTrue(out.toString().contains("mta-sts cached: none (no data folder "), out.toString());
    assertTrue(Files.notExists(data), "a lookup makes no data folder");
  }

  @Test
  void bouncesANullMxDomain() {
    assertEquals(1, lookupValidating("nomail.test"));
    assertTrue(out.toString().contains("bounce: 5.1.10"), out.toString());
  }

  @Test
  void saysLoudlyWhenTheResolverDoesNotValidate() {
    // The authoritative test server never sets AD: resolver mode must notice at once.
    lookup(dns.address(), "resolver", "plain.test");
    assertTrue(out.toString().contains("does not set the AD bit"), out.toString());
  }

  private int lookupValidating(String target, String... more) {
    return lookup(dns.address(), "validate", target, more);
  }

  private int lookup(InetSocketAddress resolver, String mode, String target, String... more) {
    CommandLine cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args =
        new ArrayList<>(
            List.of(
                "dane",
                "lookup",
                target,
                "--config",
                folder.resolve("relay.conf").toString(),
                "--set",
                "dns.resolvers=127.0.0.1:" + resolver.getPort(),
                "--set",
                "dns.dnssec=" + mode,
                "--set",
                "dns.trust-anchors=" + anchors,
                "--set",
                "dns.timeout=2s",
                "--set",
                "mta-sts.trust-store=" + roots,
                "--set",
                "mta-sts.port=" + policies.port()));
    args.addAll(List.of(more));
    return cli.execute(args.toArray(String[]::new));
  }
}
