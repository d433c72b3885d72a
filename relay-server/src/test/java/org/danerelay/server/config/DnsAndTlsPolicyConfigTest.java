package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dns.*, tls.policy* and delivery.port keys. */
class DnsAndTlsPolicyConfigTest {

  @TempDir Path dir;

  @Test
  void defaultsTrustTheResolversAdBitAndEnforceDane() {
    RelayConfig config = ConfigLoader.load(ConfigFiles.write(dir), List.of());
    assertEquals(List.of(), config.dns().resolvers());
    assertEquals("resolver", config.dns().mode());
    assertEquals(dir.resolve("root-anchors.txt"), config.dns().trustAnchors());
    assertEquals(Duration.ofSeconds(5), config.dns().timeout());
    assertEquals("dane", config.tlsPolicy().level());
    assertEquals(Optional.empty(), config.tlsPolicy().mapFile());
    assertEquals(25, config.tlsPolicy().deliveryPort());
  }

  @Test
  void validateModeNeedsItsTrustAnchorFile() {
    Path file = ConfigFiles.write(dir, "dns.dnssec = validate");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertTrue(e.getMessage().startsWith(file + ":1: dns.dnssec: "), e.getMessage());
    assertTrue(e.getMessage().contains("dns.trust-anchors"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot read file"), e.getMessage());
  }

  @Test
  void anUnknownDnssecModeIsNamedWithItsLine() {
    Path file = ConfigFiles.write(dir, "# dns", "dns.dnssec = trust-me");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
    assertTrue(e.getMessage().contains("resolver, validate"), e.getMessage());
  }

  @Test
  void anUnknownTlsLevelIsRefused() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(ConfigFiles.write(dir), List.of("tls.policy=secure")));
    assertTrue(e.getMessage().startsWith("--set tls.policy=secure: "), e.getMessage());
  }

  @Test
  void resolversAreAddressLiteralsWithPorts() {
    RelayConfig config =
        ConfigLoader.load(
            ConfigFiles.write(dir, "dns.resolvers = 127.0.0.1:53, [::1]:5353"), List.of());
    assertEquals(
        List.of(new HostPort("127.0.0.1", 53), new HostPort("::1", 5353)),
        config.dns().resolvers());
    assertThrows(
        ConfigException.class,
        () ->
            ConfigLoader.load(ConfigFiles.write(dir, "dns.resolvers = dns.example:53"), List.of()));
  }
}
