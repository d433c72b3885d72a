package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.danerelay.dane.policy.NextHop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** delivery.routes: per-domain next hops, with file and line on every error. */
class DeliveryRoutesTest {

  @TempDir Path dir;

  @Test
  void readsDomainsLowerCaseWithTheirNextHops() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("routes"), "# smarthosts\nExample.ORG [smtp.example.net]:587\n");
    assertEquals(
        Map.of("example.org", "[smtp.example.net]:587"), DeliveryRoutes.load(file, NextHop::parse));
  }

  @Test
  void namesTheLineOfABadNextHop() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("routes"), "a.example [smtp.example.net]:587\nb.example [x]:0\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> DeliveryRoutes.load(file, NextHop::parse));
    assertEquals(true, e.getMessage().startsWith(file + ":2: "), e.getMessage());
  }

  @Test
  void namesTheLineOfARepeatedDomain() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("routes"), "a.example [h.example]:25\nA.example [h.example]:25\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> DeliveryRoutes.load(file, NextHop::parse));
    assertEquals(file + ":2: a.example is listed twice", e.getMessage());
  }
}
