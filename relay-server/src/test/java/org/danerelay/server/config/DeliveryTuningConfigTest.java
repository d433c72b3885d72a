package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delay warnings, connection reuse and the client's timeouts, as a postmaster sets them. */
class DeliveryTuningConfigTest {

  @TempDir Path dir;

  @Test
  void zeroTurnsDelayWarningsAndConnectionReuseOff() {
    Path file =
        ConfigFiles.write(dir, "delivery.delay-warning = 0", "delivery.connection-cache-time = 0");

    DeliveryConfig delivery = ConfigLoader.load(file, List.of()).delivery();

    assertEquals(Duration.ZERO, delivery.delayWarning());
    assertEquals(Duration.ZERO, delivery.connectionCacheTime());
  }

  @Test
  void readsEachClientTimeout() {
    Path file =
        ConfigFiles.write(
            dir,
            "delivery.connect-timeout = 10s",
            "delivery.greeting-timeout = 1m",
            "delivery.command-timeout = 2m",
            "delivery.tls-handshake-timeout = 30s",
            "delivery.data-block-timeout = 4m",
            "delivery.data-end-timeout = 15m");

    SmtpTimeouts timeouts = ConfigLoader.load(file, List.of()).delivery().timeouts();

    assertEquals(
        new SmtpTimeouts(
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofSeconds(30),
            Duration.ofMinutes(4),
            Duration.ofMinutes(15)),
        timeouts);
  }

  @Test
  void refusesAZeroTimeoutWithTheFileAndLine() {
    Path file = ConfigFiles.write(dir, "log.level = info", "delivery.connect-timeout = 0");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(file + ":2: delivery.connect-timeout: must be longer than zero", e.getMessage());
  }
}
