package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tls.policy.map: per-domain TLS levels, with file and line on every error. */
class TlsPolicyMapTest {

  @TempDir Path dir;

  @Test
  void readsDomainsLowerCaseWithTheirLevels() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("tls-policy"),
            "# overrides\nExample.ORG dane-only\n\nlegacy.example may\n");
    assertEquals(
        Map.of("example.org", "dane-only", "legacy.example", "may"), TlsPolicyMap.load(file));
  }

  @Test
  void namesTheLineOfAnUnknownLevel() throws Exception {
    Path file = Files.writeString(dir.resolve("tls-policy"), "a.example dane\nb.example secure\n");
    ConfigException e = assertThrows(ConfigException.class, () -> TlsPolicyMap.load(file));
    assertEquals(
        file + ":2: 'secure' is not one of dane, dane-only, encrypt, may, none", e.getMessage());
  }

  @Test
  void namesTheLineOfARepeatedDomain() throws Exception {
    Path file = Files.writeString(dir.resolve("tls-policy"), "a.example dane\nA.example may\n");
    ConfigException e = assertThrows(ConfigException.class, () -> TlsPolicyMap.load(file));
    assertEquals(file + ":2: a.example is listed twice", e.getMessage());
  }

  @Test
  void namesTheLineOfAMalformedEntry() throws Exception {
    Path file = Files.writeString(dir.resolve("tls-policy"), "a.example\n");
    ConfigException e = assertThrows(ConfigException.class, () -> TlsPolicyMap.load(file));
    assertEquals(file + ":1: expected 'domain level', got 'a.example'", e.getMessage());
  }
}
