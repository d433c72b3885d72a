package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.danerelay.dane.testdns.TestLoopback;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.server.monitor.CheckedDomain;
import org.danerelay.server.monitor.ServerIdentity;
import org.danerelay.server.monitor.StarttlsPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code danerelay dane check} against a signed domain with two authoritative name servers and real
 * SMTP servers on loopback: the cases of issue 12, each with its status and Nagios exit code.
 */
class DaneCheckCommandTest {

  private static final String MX = "mx1.example.test";
  private static final String TLSA_OWNER = "_25._tcp." + MX;

  @TempDir Path folder;
  private CheckedDomain domain;
  private final InetAddress first = TestLoopback.randomAddress();
  private final InetAddress second = TestLoopback.randomAddress();
  private final ServerIdentity key = ServerIdentity.ecdsa(MX, 90);
  private final ServerIdentity next = ServerIdentity.ecdsa(MX, 90);

  @BeforeEach
  void domain() throws Exception {
    domain = new CheckedDomain(folder);
  }

  @AfterEach
  void stop() throws Exception {
    domain.close();
  }

  @Test
  void okAndExit0WhenEveryAddressServesAMatchingKey() throws Exception {
    domain.serve(
        mailDomain(first).tlsa(TLSA_OWNER, key.tlsa()).tlsa(TLSA_OWNER, next.tlsa()).build());
    domain.peer(StarttlsPeer.at(first, key));

    assertEquals(0, domain.check("--json"), domain.err());
    String json = domain.out();
    assertTrue(json.startsWith("{\"domain\":\"example.test\",\"status\":\"ok\""), json);
    String entry = entry(json, first, "ECDSA");
    assertTrue(
        entry.contains("\"status\":\"ok\",\"starttls\":true,\"protocol\":\"TLSv1.3\""), entry);
    assertTrue(entry.contains("\"matched\":\"" + key.tlsa() + "\""), entry);
    assertTrue(entry.contains("\"certificate_days_left\":90"), entry);
    assertTrue(entry.contains("\"tlsa_ttl\":3600"), entry);
    assertTrue(
        entry.contains("\"dnssec\":{\"mx\":\"secure\",\"address\":\"secure\",\"tlsa\":\"secure\"}"),
        entry);
    assertTrue(entry.contains("\"server\":\"ns2.example.test.\""), entry);
    assertTrue(entry.contains("\"findings\":[]"), entry);

    assertEquals(0, domain.check());
    assertTrue(domain.out().startsWith("OK example.test: 1 ok (1 check)\n"), domain.out());
  }

  @Test
  void criticalForTheAddressThatServesAKeyNoRecordMatches() throws Exception {
    ServerIdentity stranger = ServerIdentity.ecdsa(MX, 90);
    domain.serve(
        mailDomain(first, second)
            .tlsa(TLSA_OWNER, key.tlsa())
            .tlsa(TLSA_OWNER, next.tlsa())
            .build());
    domain.peer(StarttlsPeer.at(first, key));
    domain.peer(StarttlsPeer.at(second, stranger));

    assertEquals(2, domain.check("--json"), domain.err());
    String json = domain.out();
    assertTrue(json.contains("\"status\":\"critical\""), json);
    assertTrue(entry(json, first, "ECDSA").contains("\"status\":\"ok\""), json);
    String wrong = entry(json, second, "ECDSA");
    assertTrue(wrong.contains("\"status\":\"critical\""), wrong);
    assertTrue(wrong.contains("\"matched\":null"), wrong);
    assertTrue(wrong.contains("no usable TLSA record matches the ECDSA key served"), wrong);
    assertTrue(wrong.contains("its record would be " + stranger.tlsa()), wrong);
  }

  @Test
  void criticalForTheKeyAlgorithmWithoutARecord() throws Exception {
    ServerIdentity rsa = ServerIdentity.rsa(MX, 90);
    domain.serve(
        mailDomain(first).tlsa(TLSA_OWNER, key.tlsa()).tlsa(TLSA_OWNER, next.tlsa()).build());
    domain.peer(StarttlsPeer.at(first, rsa, key));

    assertEquals(2, domain.check("--json"), domain.err());
    String json = domain.out();
    assertTrue(entry(json, first, "ECDSA").contains("\"status\":\"ok\""), json);
    String unmatched = entry(json, first, "RSA");
    assertTrue(unmatched.contains("\"status\":\"critical\""), unmatched);
    assertTrue(unmatched.contains("\"check\":\"tlsa-match\""), unmatched);
  }

  @Test
  void criticalWhenAnAuthoritativeServerLacksTheServedKeysRecord() throws Exception {
    ServerIdentity old = ServerIdentity.ecdsa(MX, 90);
    domain.serve(
        mailDomain(first).tlsa(TLSA_OWNER, key.tlsa()).tlsa(TLSA_OWNER, next.tlsa()).build(),
        mailDomain(first).tlsa(TLSA_OWNER, old.tlsa()).build());
    domain.peer(StarttlsPeer.at(first, key));

    assertEquals(2, domain.check("--json"), domain.err());
    String entry = entry(domain.out(), first, "ECDSA");
    assertTrue(entry.contains("\"matched\":\"" + key.tlsa() + "\""), entry);
    assertTrue(entry.contains("\"check\":\"authority-match\""), entry);
    assertTrue(entry.contains("ns2.example.test. [" + domain.ns2.getHostAddress() + "]"), entry);
    assertTrue(entry.contains("\"matches_served_key\":false"), entry);
  }

  @Test
  void warningWhenAnAuthoritativeServerLacksOnlyTheNextKeysRecord() throws Exception {
    domain.serve(
        mailDomain(first).tlsa(TLSA_OWNER, key.tlsa()).tlsa(TLSA_OWNER, next.tlsa()).build(),
        mailDomain(first).tlsa(TLSA_OWNER, key.tlsa()).build());
    domain.peer(StarttlsPeer.at(first, key));

    assertEquals(1, domain.check(), domain.err());
    String text = domain.out();
    assertTrue(text.startsWith("WARNING example.test: 1 warning (1 check)"), text);
    assertTrue(
        text.contains("warning authority-consistent: the authoritative servers disagree"), text);
  }

  @Test
  void warningWhenTheCertificateExpiresWithinThirtyDays() throws Exception {
    ServerIdentity expiring = ServerIdentity.ecdsa(MX, 20);
    domain.serve(
        mailDomain(first).tlsa(TLSA_OWNER, expiring.tlsa()).tlsa(TLSA_OWNER, next.tlsa()).build());
    domain.peer(StarttlsPeer.at(first, expiring));

    assertEquals(1, domain.check("--json"), domain.err());
    String entry = entry(domain.out(), first, "ECDSA");
    assertTrue(entry.contains("\"status\":\"warning\""), entry);
    assertTrue(entry.contains("\"certificate_days_left\":20"), entry);
    assertTrue(entry.contains("\"check\":\"certificate-expiring\""), entry);
  }

  @Test
  void warningForATlsaTtlOutsideTheHowTosAdviceAndForALoneRecord() throws Exception {
    domain.serve(mailDomain(first).ttl(300).tlsa(TLSA_OWNER, key.tlsa()).build());
    domain.peer(StarttlsPeer.at(first, key));

    assertEquals(1, domain.check("--json"), domain.err());
    String entry = entry(domain.out(), first, "ECDSA");
    assertTrue(entry.contains("\"tlsa_ttl\":300"), entry);
    assertTrue(entry.contains("\"check\":\"tlsa-ttl\""), entry);
    assertTrue(entry.contains("\"check\":\"tlsa-rollover\""), entry);
  }

  @Test
  void criticalWhenTheServerOffersNoStarttls() throws Exception {
    domain.serve(
        mailDomain(first).tlsa(TLSA_OWNER, key.tlsa()).tlsa(TLSA_OWNER, next.tlsa()).build());
    domain.peer(StarttlsPeer.withoutStarttls(first));

    assertEquals(2, domain.check("--json"), domain.err());
    String json = domain.out();
    assertTrue(
        json.contains(
            "\"address\":\""
                + first.getHostAddress()
                + "\",\"algorithm\":null,\"status\":\"critical\",\"starttls\":false"),
        json);
    assertTrue(json.contains("\"check\":\"starttls\""), json);
  }

  @Test
  void criticalWhenTheHostHasNoTlsaRecords() throws Exception {
    domain.serve(mailDomain(first).build());
    domain.peer(StarttlsPeer.at(first, key));

    assertEquals(2, domain.check(), domain.err());
    assertTrue(
        domain.out().contains("critical tlsa-present: no secure TLSA records for " + MX),
        domain.out());
  }

  @Test
  void checksEveryIpv6AndIpv4AddressOnTheGivenPort() throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    int port = freePortOn(v6, first);
    String owner = "_" + port + "._tcp." + MX;
    domain.serve(
        mailDomain(first).aaaa(MX, "::1").tlsa(owner, key.tlsa()).tlsa(owner, next.tlsa()).build());
    domain.peer(StarttlsPeer.atPort(v6, port, ServerIdentity.ecdsa(MX, 90)));
    domain.peer(StarttlsPeer.atPort(first, port, key));

    assertEquals(2, domain.check("--json", "--port", Integer.toString(port)), domain.err());
    String json = domain.out();
    assertTrue(entry(json, "::1", "ECDSA").contains("\"status\":\"critical\""), json);
    assertTrue(entry(json, first.getHostAddress(), "ECDSA").contains("\"status\":\"ok\""), json);
    assertTrue(json.indexOf("\"address\":\"::1\"") < json.indexOf(first.getHostAddress()), json);
  }

  @Test
  void unknownAndExit3ForBadInput() throws Exception {
    domain.serve(mailDomain(first).build());

    assertEquals(3, domain.check("--port", "0"));
    assertTrue(domain.err().contains("--port must be 1-65535"), domain.err());
    assertEquals(3, domain.check("--no-such-option"));
    assertEquals(3, domain.check("--set", "dns.timeout=soon"));
    assertTrue(domain.err().startsWith("danerelay: "), domain.err());
  }

  @Test
  void unknownAndExit3WhenTheResolverCannotTellSecureFromInsecure() throws Exception {
    domain.serve(mailDomain(first).tlsa(TLSA_OWNER, key.tlsa()).build());

    // The authoritative test server never sets AD: every answer would look insecure.
    assertEquals(3, domain.check("--set", "dns.dnssec=resolver"));
    assertTrue(domain.err().startsWith("danerelay: cannot judge DNSSEC: "), domain.err());
    assertEquals("", domain.out());
  }

  private TestZones.Builder mailDomain(InetAddress... addresses) {
    TestZones.Builder zone = domain.zone().mx(CheckedDomain.DOMAIN, 10, MX);
    for (InetAddress address : addresses) {
      zone.a(MX, address.getHostAddress());
    }
    return zone;
  }

  private static int freePortOn(InetAddress one, InetAddress other) throws IOException {
    for (int tries = 0; tries < 20; tries++) {
      try (ServerSocket first = new ServerSocket(0, 1, one)) {
        int port = first.getLocalPort();
        try (ServerSocket second = new ServerSocket(port, 1, other)) {
          return port;
        } catch (IOException taken) {
          // taken on the other address: try another port
        }
      }
    }
    throw new IOException("no port free on both " + one + " and " + other);
  }

  private static String entry(String json, InetAddress address, String algorithm) {
    return entry(json, address.getHostAddress(), algorithm);
  }

  /** The JSON object in {@code checks} for one address and key algorithm. */
  private static String entry(String json, String address, String algorithm) {
    String key = "\"address\":\"" + address + "\",\"algorithm\":\"" + algorithm + "\"";
    int at = json.indexOf(key);
    assertTrue(at > 0, "no entry for " + address + " " + algorithm + " in " + json);
    int start = json.lastIndexOf("{\"host\":", at);
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"' && json.charAt(i - 1) != '\\') {
        inString = !inString;
      } else if (!inString && (c == '{' || c == '[')) {
        depth++;
      } else if (!inString && (c == '}' || c == ']') && --depth == 0) {
        return json.substring(start, i + 1);
      }
    }
    throw new AssertionError("unterminated entry in " + json);
  }
}
