package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danerelay.server.durability.RelayHome;
import org.danerelay.server.durability.RelayProcess;
import org.danerelay.server.testing.SmtpTestClient;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 5 end to end: {@code kill -HUP} on a relay run as its own process ({@code danerelay
 * run}, as systemd's ExecReload does it) logs the reload and serves the new certificate; a second
 * SIGHUP with a broken file is refused in the log, and the relay keeps running as it was.
 */
@Timeout(120)
class SighupReloadTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path folder;

  @Test
  void sighupReloadsTheCertificateAndABrokenFileIsRefusedInTheLog() throws Exception {
    RelayHome home = RelayHome.create(folder);
    Path cert = folder.resolve("cert.pem");
    Path key = folder.resolve("key.pem");
    KeyPair oldKeys = TestPki.ecKeys();
    KeyPair newKeys = TestPki.ecKeys();
    Path oldTrust =
        TestPki.writeCertificates(
            folder.resolve("old.pem"), TestPki.selfSigned("relay.test", oldKeys));
    Path newTrust =
        TestPki.writeCertificates(
            folder.resolve("new.pem"), TestPki.selfSigned("relay.test", newKeys));
    Files.copy(oldTrust, cert);
    TestPki.writeKey(key, oldKeys.getPrivate());
    setInShippedFile(home, "smtpd.tls.cert", cert.toString());
    setInShippedFile(home, "smtpd.tls.key", key.toString());

    try (RelayProcess relay = RelayProcess.start(home).awaitReady(Duration.ofSeconds(60))) {
      assertServes(relay, oldKeys, oldTrust);

      TestPki.writeKey(key, newKeys.getPrivate());
      Files.copy(newTrust, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      setInShippedFile(home, "smtpd.max-recipients", "10");
      relay.signal("HUP");

      relay.awaitOutput(
          "reloaded " + home.configFile() + ": changed smtpd.max-recipients", 1, WAIT);
      assertServes(relay, newKeys, newTrust);

      setInShippedFile(home, "smtpd.max-line-length", "long");
      relay.signal("HUP");

      relay.awaitOutput("reload refused", 1, WAIT);
      assertTrue(
          relay
              .output()
              .contains(
                  "reload refused, the running configuration stays in force: "
                      + home.configFile()
                      + ":"),
          relay.output());
      assertTrue(relay.output().contains(": smtpd.max-line-length: "), relay.output());
      assertServes(relay, newKeys, newTrust);
    }
  }

  /** Replaces the shipped file's {@code key = default} line, so the line numbers stay. */
  private static void setInShippedFile(RelayHome home, String key, String value) throws Exception {
    String text = Files.readString(home.configFile());
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(key) + " =.*$").matcher(text);
    assertTrue(line.find(), key + " is in the shipped file");
    Files.writeString(
        home.configFile(), line.replaceFirst(Matcher.quoteReplacement(key + " = " + value)));
  }

  private static void assertServes(RelayProcess relay, KeyPair keys, Path trust) throws Exception {
    try (SmtpTestClient client = SmtpTestClient.connect(relay.port(), trust)) {
      client.hello();
      client.startTls();
      assertArrayEquals(
          keys.getPublic().getEncoded(), client.servedCertificate().getPublicKey().getEncoded());
    }
  }
}
