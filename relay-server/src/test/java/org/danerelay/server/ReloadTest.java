package org.danerelay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.danerelay.server.testing.LogCapture;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 5: a reload re-reads the configuration and the certificate; sessions in progress
 * and queued mail are untouched; a configuration that cannot be used is refused with its file and
 * line, and the old one stays in force.
 */
@Timeout(60)
class ReloadTest {

  private static final String BODY = "Subject: reload\r\n\r\nhello";

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  @RegisterExtension final LogCapture logs = new LogCapture();
  @TempDir Path folder;

  private Path cert;
  private Path key;
  private Path oldTrust;
  private Path newTrust;
  private KeyPair oldKeys;
  private KeyPair newKeys;

  @BeforeEach
  void mintTwoIdentities() throws Exception {
    cert = folder.resolve("cert.pem");
    key = folder.resolve("key.pem");
    oldKeys = TestPki.ecKeys();
    newKeys = TestPki.ecKeys();
    X509Certificate oldCert = TestPki.selfSigned("relay.test", oldKeys);
    X509Certificate newCert = TestPki.selfSigned("relay.test", newKeys);
    TestPki.writeCertificates(cert, oldCert);
    TestPki.writeKey(key, oldKeys.getPrivate());
    oldTrust = TestPki.writeCertificates(folder.resolve("old-trust.pem"), oldCert);
    newTrust = TestPki.writeCertificates(folder.resolve("new-trust.pem"), newCert);
  }

  @Test
  void aTransactionInProgressFinishesUnderTheOldRulesWhileANewSessionGetsTheNewOnes()
      throws Exception {
    RelayFixture relay = start();
    try (SmtpTestClient before = SmtpTestClient.connect(relay.port(), oldTrust)) {
      before.hello();
      before.startTls();
      before.command("EHLO client.test");
      assertReply("250", before.command("MAIL FROM:<a@client.test>"));
      assertReply("250", before.command("RCPT TO:<one@elsewhere.test>"));

      installNewPair();
      // Loopback is no longer a relay network: new transactions may not relay.
      ReloadOutcome outcome = relay.reload("relay.networks=192.0.2.0/24");

      ReloadOutcome.Applied applied = assertInstanceOf(ReloadOutcome.Applied.class, outcome);
      assertEquals(List.of("relay.networks"), applied.changed());
      assertTrue(applied.certificate().contains(spkiHex(newKeys)), applied.certificate());
      // The open transaction keeps the rules it started with, to the end of DATA.
      assertReply("250", before.command("RCPT TO:<two@elsewhere.test>"));
      assertReply("354", before.command("DATA"));
      before.send(BODY + "\r\n.\r\n");
      assertReply("250", before.reply());
      // The session keeps its TLS session: still the old certificate.
      assertArrayEquals(
          oldKeys.getPublic().getEncoded(), before.servedCertificate().getPublicKey().getEncoded());
    }
    try (SmtpTestClient after = SmtpTestClient.connect(relay.port(), newTrust)) {
      after.hello();
      after.startTls();
      assertArrayEquals(
          newKeys.getPublic().getEncoded(), after.servedCertificate().getPublicKey().getEncoded());
      after.command("EHLO client.test");
      assertReply("250", after.command("MAIL FROM:<a@client.test>"));
      assertEquals("554 5.7.1 Relay access denied", after.command("RCPT TO:<x@elsewhere.test>"));
    }
    assertEquals(1, relay.queued().size(), "the message of the session in progress was queued");
    assertEquals(2, relay.queued().get(0).recipients().size());
  }

  @Test
  void queuedMailStaysQueuedAcrossAReload() throws Exception {
    RelayFixture relay = start();
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertReply("250", client.sendMail("a@client.test", BODY, "x@elsewhere.test"));
    }
    String id = relay.queued().get(0).id();

    assertInstanceOf(ReloadOutcome.Applied.class, relay.reload("smtpd.max-recipients=5"));

    assertEquals(List.of(id), relay.queued().stream().map(m -> m.id()).toList());
  }

  @Test
  void aSyntaxErrorIsRefusedWithItsFileAndLineAndTheOldCertificateStays() throws Exception {
    RelayFixture relay = start();
    writeConfig(relay, "# reload test\nsmtpd.max-recipients = lots\n");
    installNewPair();

    ReloadOutcome outcome = relay.reload();

    ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class, outcome);
    assertTrue(
        refused.reason().startsWith(relay.configFile() + ":2: smtpd.max-recipients: "),
        refused.reason());
    assertServes(relay, oldKeys, oldTrust);
    assertTrue(
        logs.events().stream()
            .anyMatch(
                e ->
                    e.getFormattedMessage().contains("reload refused")
                        && e.getFormattedMessage().contains(":2:")),
        "the refusal is logged with the file and line");
  }

  @Test
  void anUnknownKeyIsRefusedWithItsLine() throws Exception {
    RelayFixture relay = start();
    writeConfig(relay, "relay.netwerks = 10.0.0.0/8\n");

    ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class, relay.reload());

    assertTrue(
        refused.reason().startsWith(relay.configFile() + ":1: unknown key"), refused.reason());
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertReply("250", client.sendMail("a@client.test", BODY, "x@elsewhere.test"));
    }
  }

  @Test
  void aKeyThatDoesNotFitTheNewCertificateIsRefusedAtTheKeyLine() throws Exception {
    RelayFixture relay = relays.start(); // its own self-signed pair in data/tls
    Path selfSigned = relay.trustedCertificate();
    // A half-finished renewal: the new certificate is in place, its key is not.
    writeConfig(relay, "smtpd.tls.cert = " + newTrust + "\nsmtpd.tls.key = " + key + "\n");

    ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class, relay.reload());

    assertTrue(
        refused
            .reason()
            .startsWith(relay.configFile() + ":2: smtpd.tls.key: " + key + ": key does not fit"),
        refused.reason());
    try (SmtpTestClient client = SmtpTestClient.connect(relay.port(), selfSigned)) {
      client.hello();
      client.startTls();
      assertEquals(
          TestPki.readCertificate(selfSigned).getPublicKey(),
          client.servedCertificate().getPublicKey());
    }
  }

  @Test
  void anUnreadableFileIsRefusedAtTheLineThatNamesIt() throws Exception {
    RelayFixture relay = start();
    Path missing = folder.resolve("no-such-map");
    writeConfig(relay, "\n\ntls.policy.map = " + missing + "\n");

    ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class, relay.reload());

    assertEquals(
        relay.configFile() + ":3: tls.policy.map: cannot read file " + missing, refused.reason());
  }

  @Test
  void aSettingThatNeedsARestartIsReportedAndKeptWhileTheRestApplies() throws Exception {
    RelayFixture relay = start();
    int port = relay.port();

    ReloadOutcome outcome = relay.reload("smtpd.listen=127.0.0.1:1", "smtpd.max-recipients=1");

    ReloadOutcome.Applied applied = assertInstanceOf(ReloadOutcome.Applied.class, outcome);
    assertEquals(List.of("smtpd.listen"), applied.needRestart());
    assertTrue(applied.describe().contains("needs a restart, running value kept: smtpd.listen"));
    try (SmtpTestClient client = SmtpTestClient.connect(port, oldTrust)) {
      client.hello();
      assertReply("250", client.command("MAIL FROM:<a@client.test>"));
      assertReply("250", client.command("RCPT TO:<one@elsewhere.test>"));
      assertEquals(
          "452 4.5.3 Error: too many recipients", client.command("RCPT TO:<two@elsewhere.test>"));
    }
  }

  private static void writeConfig(RelayFixture relay, String text) throws Exception {
    Files.createDirectories(relay.configFile().getParent());
    Files.writeString(relay.configFile(), text);
  }

  private RelayFixture start() throws Exception {
    return relays.start("smtpd.tls.cert=" + cert, "smtpd.tls.key=" + key);
  }

  /** Replaces the files the configuration names, as a renewal does: key first, then cert. */
  private void installNewPair() throws Exception {
    TestPki.writeKey(key, newKeys.getPrivate());
    Files.copy(newTrust, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void assertServes(RelayFixture relay, KeyPair keys, Path trust) throws Exception {
    try (SmtpTestClient client = SmtpTestClient.connect(relay.port(), trust)) {
      client.hello();
      client.startTls();
      assertArrayEquals(
          keys.getPublic().getEncoded(), client.servedCertificate().getPublicKey().getEncoded());
    }
  }

  private static String spkiHex(KeyPair keys) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(keys.getPublic().getEncoded()));
  }

  private static void assertReply(String code, String reply) {
    assertTrue(reply.startsWith(code), "expected " + code + ", got: " + reply);
  }
}
