package org.danerelay.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.server.config.ConfigLoader;
import org.danerelay.server.config.ConfigSource;
import org.danerelay.server.config.RelayConfig;
import picocli.CommandLine.Option;

/** {@code --config FILE} and repeatable {@code --set key=value}, shared by every command. */
final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: $DANERELAY_HOME/conf/relay.conf, else ./conf/relay.conf).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one configuration key; repeatable.")
  List<String> overrides = new ArrayList<>();

  RelayConfig load() {
    return ConfigLoader.load(file(), overrides);
  }

  /** The file and overrides, to be read again at each reload. */
  ConfigSource source() {
    return ConfigSource.file(file(), overrides);
  }

  /** The data folder these options name, found even when the file has errors elsewhere. */
  Path dataDir() {
    return ConfigLoader.dataDirOf(file(), overrides);
  }

  private Path file() {
    if (config != null) {
      return config;
    }
    String home = System.getenv("DANERELAY_HOME");
    Path base = home == null || home.isBlank() ? Path.of(".") : Path.of(home);
    return base.resolve("conf").resolve("relay.conf").normalize();
  }
}
