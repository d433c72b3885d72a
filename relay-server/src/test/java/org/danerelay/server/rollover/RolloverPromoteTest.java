package org.danerelay.server.rollover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.danerelay.dane.publish.PemBundle;
import org.danerelay.server.control.ControlClient;
import org.danerelay.server.control.ControlSocket;
import org.danerelay.server.rollover.RolloverVerdict.Level;
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
 * {@code promote} against a running relay, with the DNS check stood in for (the end-to-end test
 * asks real authoritative servers): what it refuses, what it installs, and its way back.
 */
@Timeout(60)
class RolloverPromoteTest {

  private static final String HOST = "mx.example.test";
  private static final RolloverVerdict SAFE =
      new RolloverVerdict(Level.OK, true, 300, List.of("safe (test)"));
  private static final RolloverVerdict MISSING =
      new RolloverVerdict(Level.CRITICAL, false, 300, List.of("next record missing (test)"));

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  @TempDir Path folder;

  private KeyPair caKeys;
  private X509Certificate ca;
  private RolloverFiles files;
  private byte[] currentCert;
  private byte[] currentKey;

  @BeforeEach
  void aCaIssuedPairAndARolloverStarted() throws Exception {
    caKeys = TestPki.ecKeys();
    ca = TestPki.ca("Test CA", caKeys);
    KeyPair keys = TestPki.ecKeys();
    Path cert =
        TestPki.writeCertificates(
            folder.resolve("cert.pem"),
            TestPki.issue(HOST, keys.getPublic(), ca, caKeys.getPrivate()),
            ca);
    Path key = TestPki.writeKey(folder.resolve("key.pem"), keys.getPrivate());
    files = new RolloverFiles(cert, key, false);
    currentCert = Files.readAllBytes(cert);
    currentKey = Files.readAllBytes(key);
  }

  @Test
  void aCertificateForAnotherKeyIsRefusedAndNothingChanges() throws Exception {
    start(RolloverScheme.CURRENT_NEXT);
    Path other = newCertificate(TestPki.ecKeys().getPublic(), ca);

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> promote(other, SAFE, Optional.empty()));

    assertTrue(refused.getMessage().contains("not the next key"), refused.getMessage());
    assertUnchanged();
  }

  @Test
  void whileTheCheckSaysUnsafeNothingIsInstalled() throws Exception {
    start(RolloverScheme.CURRENT_NEXT);

    RolloverPromote.Outcome outcome =
        promote(newCertificate(nextKey(), ca), MISSING, Optional.empty());

    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.text().contains("not promoted"), outcome.text());
    assertUnchanged();
  }

  @Test
  void currentPlusIssuerRefusesACertificateFromAnotherCa() throws Exception {
    start(RolloverScheme.CURRENT_ISSUER);
    KeyPair otherCaKeys = TestPki.ecKeys();
    X509Certificate otherCa = TestPki.ca("Other CA", otherCaKeys);
    Path fromOther =
        TestPki.writeCertificates(
            folder.resolve("other.pem"),
            TestPki.issue(HOST, nextKey(), otherCa, otherCaKeys.getPrivate()),
            otherCa);

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> promote(fromOther, SAFE, Optional.empty()));

    assertTrue(refused.getMessage().contains("does not chain to the issuer"), refused.getMessage());
    assertUnchanged();
  }

  @Test
  void theRunningRelayServesTheNextKeyAndANewNextKeyIsMade() throws Exception {
    RelayFixture relay =
        relays.start("smtpd.tls.cert=" + files.cert(), "smtpd.tls.key=" + files.key());
    start(RolloverScheme.CURRENT_NEXT);
    PublicKey next = nextKey();
    byte[] nextKeyBytes = Files.readAllBytes(files.nextKey());

    RolloverPromote.Outcome outcome =
        RolloverPromote.promote(
            files,
            Optional.of(newCertificate(next, ca)),
            state -> SAFE,
            () -> ControlClient.ask(ControlSocket.pathIn(relay.config().dataDir()), "reload"),
            Clock.systemUTC());

    assertEquals(0, outcome.exitCode(), outcome.text());
    assertArrayEquals(nextKeyBytes, Files.readAllBytes(files.key()));
    assertArrayEquals(currentKey, Files.readAllBytes(files.previousKey()));
    assertArrayEquals(currentCert, Files.readAllBytes(files.previousCert()));
    assertNotEquals(next, nextKey(), "a new next key");
    assertTrue(outcome.text().contains("the running relay reloaded"), outcome.text());
    assertTrue(
        outcome
            .text()
            .contains("IN TLSA 3 1 1 " + RolloverRecords.forKeyFile(files.nextKey()).dataHex()),
        outcome.text());
    try (SmtpTestClient client = SmtpTestClient.connect(relay.port(), files.cert())) {
      client.hello();
      client.startTls();
      assertEquals(next, client.servedCertificate().getPublicKey());
    }
  }

  @Test
  void whenTheRelayRefusesTheReloadThePreviousPairIsPutBack() throws Exception {
    RelayFixture relay =
        relays.start("smtpd.tls.cert=" + files.cert(), "smtpd.tls.key=" + files.key());
    start(RolloverScheme.CURRENT_NEXT);
    byte[] nextKeyBytes = Files.readAllBytes(files.nextKey());
    Path socket = ControlSocket.pathIn(relay.config().dataDir());
    Files.createDirectories(relay.configFile().getParent());
    Files.writeString(relay.configFile(), "smtpd.max-recipients = none\n");

    RolloverPromote.Outcome outcome =
        RolloverPromote.promote(
            files,
            Optional.of(newCertificate(nextKey(), ca)),
            state -> SAFE,
            () -> ControlClient.ask(socket, "reload"),
            Clock.systemUTC());

    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.text().contains("refused the new pair"), outcome.text());
    assertUnchanged();
    assertArrayEquals(nextKeyBytes, Files.readAllBytes(files.nextKey()));
  }

  @Test
  void aSelfSignedRelayGetsItsNextCertificateMadeForIt() throws Exception {
    RelayFixture relay = relays.start();
    RolloverFiles own = RolloverFiles.of(relay.config());
    RolloverStart.start(
        own,
        RolloverScheme.CURRENT_NEXT,
        List.of(HOST),
        25,
        Optional.empty(),
        Optional.empty(),
        Clock.systemUTC());
    PublicKey next = publicKeyOf(own.nextKey());

    RolloverPromote.Outcome outcome =
        RolloverPromote.promote(
            own,
            Optional.empty(),
            state -> SAFE,
            () -> ControlClient.ask(ControlSocket.pathIn(relay.config().dataDir()), "reload"),
            Clock.systemUTC());

    assertEquals(0, outcome.exitCode(), outcome.text());
    try (SmtpTestClient client = SmtpTestClient.connect(relay.port(), own.cert())) {
      client.hello();
      client.startTls();
      assertEquals(next, client.servedCertificate().getPublicKey());
    }
  }

  private void start(RolloverScheme scheme) throws Exception {
    RolloverStart.start(
        files, scheme, List.of(HOST), 25, Optional.empty(), Optional.empty(), Clock.systemUTC());
  }

  private RolloverPromote.Outcome promote(
      Path cert, RolloverVerdict verdict, Optional<org.danerelay.server.control.ControlReply> reply)
      throws Exception {
    return RolloverPromote.promote(
        files, Optional.of(cert), state -> verdict, () -> reply, Clock.systemUTC());
  }

  private Path newCertificate(PublicKey key, X509Certificate issuer) throws Exception {
    return TestPki.writeCertificates(
        folder.resolve("new.pem"), TestPki.issue(HOST, key, issuer, caKeys.getPrivate()), issuer);
  }

  private PublicKey nextKey() throws Exception {
    return publicKeyOf(files.nextKey());
  }

  private static PublicKey publicKeyOf(Path keyFile) throws Exception {
    byte[] spki = PemBundle.read(keyFile).subjectPublicKeyInfo();
    String algorithm = org.danerelay.server.tls.PemFiles.readPrivateKey(keyFile).getAlgorithm();
    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
  }

  private void assertUnchanged() throws Exception {
    assertArrayEquals(currentCert, Files.readAllBytes(files.cert()));
    assertArrayEquals(currentKey, Files.readAllBytes(files.key()));
    assertTrue(Files.exists(files.nextKey()), "the next key is still there");
  }
}
