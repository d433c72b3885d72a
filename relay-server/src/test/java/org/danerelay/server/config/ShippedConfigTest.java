package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped {@code conf/relay.conf} documents every key and changes no default. */
class ShippedConfigTest {

  /** Tests run in the module folder; the shipped file sits one level up. */
  private static final Path SHIPPED = Path.of("..", "conf", "relay.conf");

  @Test
  void shippedFileLoadsToExactlyTheBuiltInDefaults() {
    RelayConfig shipped = ConfigLoader.load(SHIPPED, List.of());

    assertEquals(ConfigLoader.defaults(SHIPPED, List.of()), shipped);
  }

  @Test
  void shippedDataDirIsTheDataFolderBesideConf() {
    RelayConfig shipped = ConfigLoader.load(SHIPPED, List.of());

    Path project = SHIPPED.toAbsolutePath().normalize().getParent().getParent();
    assertEquals(project.resolve("data"), shipped.dataDir());
    assertEquals(SHIPPED.toAbsolutePath().normalize(), shipped.configFile());
  }

  @Test
  void shippedFileSetsEveryKeyExactlyOnceToItsDefaultUnderADefaultComment() throws IOException {
    List<String> lines = Files.readAllLines(SHIPPED);
    for (ConfigKey<?> key : ConfigKey.all()) {
      String expected = (key.name() + " = " + key.defaultText()).strip();
      long count = lines.stream().filter(line -> line.strip().equals(expected)).count();
      assertEquals(1, count, () -> "expected one line '" + expected + "'");
      String comment = lines.get(lines.indexOf(expected) - 1);
      String shown = key.defaultText().isEmpty() ? "empty" : key.defaultText();
      assertTrue(
          comment.startsWith("# Default: " + shown),
          () -> key.name() + " should be preceded by '# Default: " + shown + "', not " + comment);
    }
  }

  @Test
  void shippedDefaultsListenOnLoopbackOnlyAndRelayOnlyForLoopback() throws Exception {
    RelayConfig shipped = ConfigLoader.load(SHIPPED, List.of());

    assertEquals(List.of(new HostPort("127.0.0.1", 2525)), shipped.smtpdListen());
    assertTrue(shipped.submissionListen().isEmpty());
    assertTrue(shipped.localDomains().isEmpty());
    assertEquals(
        List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")), shipped.relayNetworks());
    InetAddress outsider = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
    assertTrue(shipped.relayNetworks().stream().noneMatch(net -> net.contains(outsider)));
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), shipped.tlsProtocols());
    assertTrue(shipped.authUsers().isEmpty());
  }

  @Test
  void builtInDefaultsHaveTheDocumentedValues() {
    RelayConfig defaults = ConfigLoader.defaults(SHIPPED, List.of());

    assertEquals(50L * 1024 * 1024, defaults.maxMessageSize());
    assertEquals(1000, defaults.maxRecipients());
    assertEquals(998, defaults.maxLineLength());
    assertEquals(1000, defaults.maxConnections());
    assertEquals(Duration.ofMinutes(5), defaults.idleTimeout());
    assertEquals(Duration.ofMinutes(30), defaults.sessionTimeout());
    assertFalse(defaults.resolveClientNames());
    assertEquals(LogLevel.INFO, defaults.logLevel());
    assertTrue(defaults.tlsCert().isEmpty() && defaults.tlsKey().isEmpty());
    assertTrue(defaults.queueUrl().isEmpty() && defaults.logFile().isEmpty());
    assertTrue(defaults.localForward().isEmpty());
    assertFalse(defaults.hostname().isEmpty());
  }
}
