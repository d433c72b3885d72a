package org.danerelay.server.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-contained relay instance in a test folder: a copy of the shipped {@code conf/relay.conf}
 * and a data folder, with the overrides every crash test runs with.
 */
public record RelayHome(Path folder) {

  /** Tests run in the module folder; the shipped file sits one level up. */
  private static final Path SHIPPED_CONFIG = Path.of("..", "conf", "relay.conf");

  /** Copies the shipped configuration into {@code folder/conf}. */
  public static RelayHome create(Path folder) throws IOException {
    RelayHome home = new RelayHome(folder.toAbsolutePath());
    Files.createDirectories(home.configFile().getParent());
    Files.copy(SHIPPED_CONFIG, home.configFile());
    return home;
  }

  public Path configFile() {
    return folder.resolve("conf").resolve("relay.conf");
  }

  public Path dataDir() {
    return folder.resolve("data");
  }

  /** Where the queue keeps a committed message: {@code <data.dir>/queue/messages/<id>.msg}. */
  Path spoolFile(String queueId) {
    return dataDir().resolve("queue").resolve("messages").resolve(queueId + ".msg");
  }

  /** The certificate the relay makes for itself at first start (STARTTLS is not used here). */
  Path relayCertificate() {
    return dataDir().resolve("tls").resolve("selfsigned-cert.pem");
  }

  /** {@code --config FILE --set ...}: this loopback port, this data folder, a fixed name. */
  List<String> configArguments(int port) {
    return List.of(
        "--config",
        configFile().toString(),
        "--set",
        "smtpd.listen=127.0.0.1:" + port,
        "--set",
        "data.dir=" + dataDir(),
        "--set",
        "smtpd.hostname=relay.test",
        // No admin listener: the shipped 9025 may be taken, and these tests do not read it.
        "--set",
        "admin.listen=",
        // Never the machine's resolver: the start-up DNSSEC check asks a closed loopback port.
        "--set",
        "dns.resolvers=127.0.0.1:9",
        "--set",
        "dns.timeout=1s",
        // The audit reads the queue as acknowledged: nothing may be delivered meanwhile.
        "--set",
        "delivery.hold=true");
  }
}
