package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin.listen}: on loopback port 9025 unless set, off when empty, checked like others. */
class AdminListenConfigTest {

  @TempDir Path dir;

  @Test
  void listensOnLoopback9025ByDefault() {
    RelayConfig config = ConfigLoader.load(ConfigFiles.write(dir, "# nothing set"), List.of());

    assertEquals(Optional.of(new HostPort("127.0.0.1", 9025)), config.adminListen());
  }

  @Test
  void anEmptyValueTurnsTheListenerOff() {
    RelayConfig config = ConfigLoader.load(ConfigFiles.write(dir, "admin.listen ="), List.of());

    assertEquals(Optional.empty(), config.adminListen());
  }

  @Test
  void takesAnIpv6AddressInBrackets() {
    RelayConfig config =
        ConfigLoader.load(ConfigFiles.write(dir, "admin.listen = [::1]:9100"), List.of());

    assertEquals(Optional.of(new HostPort("::1", 9100)), config.adminListen());
  }

  @Test
  void aHostNameIsRefusedWithTheFileAndLine() {
    Path file = ConfigFiles.write(dir, "# monitoring", "admin.listen = localhost:9025");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertTrue(e.getMessage().startsWith(file + ":2: admin.listen: "), e.getMessage());
    assertTrue(e.getMessage().contains("not a name"), e.getMessage());
  }

  @Test
  void theAddressOfAnSmtpListenerIsRefused() {
    Path file =
        ConfigFiles.write(dir, "smtpd.listen = 127.0.0.1:2525", "admin.listen = 127.0.0.1:2525");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(
        file + ":2: admin.listen: 127.0.0.1:2525 is listed twice across the listen keys",
        e.getMessage());
  }
}
