package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.danerelay.dane.policy.NextHop;
import org.danerelay.server.auth.PasswordHash;
import org.danerelay.server.auth.UserFile;

/**
 * Fuzzes the files an operator writes (docs/fuzzing.md): {@code relay.conf}, {@code
 * tls.policy.map}, {@code delivery.routes} and the {@code smtpd.auth.users} file.
 *
 * <p>Input layout: the first byte picks the file ({@code '0'} relay.conf, {@code '1'} policy map,
 * {@code '2'} routes, {@code '3'} users, by its value modulo 4); the rest is the file's bytes.
 */
class ConfigFilesFuzzTest {

  private static final Path FOLDER = temporaryFolder();
  private static final Path FILE = FOLDER.resolve("fuzzed.conf");

  /**
   * Every file is either read into valid values or refused with one error that starts with the
   * file's name, as start-up prints it; no other exception escapes.
   */
  @FuzzTest
  void readsValidFilesOrRefusesNamingTheFile(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    Files.write(FILE, Arrays.copyOfRange(input, 1, input.length));
    switch (Math.floorMod(input[0], 4)) {
      case 0 -> relayConf();
      case 1 -> policyMap();
      case 2 -> routes();
      default -> users();
    }
  }

  private static void relayConf() {
    try {
      RelayConfig config = new ConfigLoader(() -> "relay.example.net").read(FILE, List.of());
      assertNotNull(config.hostname());
    } catch (ConfigException refused) {
      assertNamesTheFile(refused.getMessage());
    }
  }

  private static void policyMap() {
    try {
      Map<String, String> levels = TlsPolicyMap.load(FILE);
      levels.forEach(
          (domain, level) -> {
            assertEquals(domain, DomainName.normalize(domain), "domains are normalized");
            assertTrue(TlsPolicyConfig.LEVELS.contains(level), level);
          });
    } catch (ConfigException refused) {
      assertNamesTheFile(refused.getMessage());
    }
  }

  private static void routes() {
    try {
      Map<String, String> routes = DeliveryRoutes.load(FILE, NextHop::parse);
      routes.forEach(
          (domain, hop) -> {
            assertEquals(domain, DomainName.normalize(domain), "domains are normalized");
            NextHop.parse(hop); // kept as written, and valid as written
          });
    } catch (ConfigException refused) {
      assertNamesTheFile(refused.getMessage());
    }
  }

  private static void users() throws IOException {
    try {
      UserFile.load(FILE);
    } catch (IOException refused) {
      assertNamesTheFile(refused.getMessage());
      return;
    }
    // Every hash the file held can be checked at AUTH time: it encodes back to the same value.
    for (String line : Files.readAllLines(FILE)) {
      String text = line.strip();
      if (!text.isEmpty() && !text.startsWith("#")) {
        String encoded = PasswordHash.parse(text.substring(text.indexOf(':') + 1)).encode();
        assertEquals(encoded, PasswordHash.parse(encoded).encode());
        String[] parts = encoded.split("\\$");
        int iterations = Integer.parseInt(parts[1]);
        assertTrue(iterations >= 10_000 && iterations <= 10_000_000, encoded);
        assertTrue(Base64.getDecoder().decode(parts[2]).length > 0, "PBEKeySpec needs a salt");
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length, "SHA-256 size");
      }
    }
  }

  private static void assertNamesTheFile(String message) {
    assertTrue(
        String.valueOf(message).startsWith(FILE + ":"),
        () -> "does not start with the file name: " + message);
  }

  private static Path temporaryFolder() {
    try {
      Path folder = Files.createTempDirectory("fuzzed-config-");
      folder.toFile().deleteOnExit();
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
