package org.danerelay.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Loads the relay's configuration: built-in defaults, then the file, then {@code --set} overrides,
 * all validated the same way.
 *
 * <p>Nothing here touches the network: host names come from the kernel, addresses must be literals.
 */
public final class ConfigLoader {

  private final Supplier<String> systemHostname;

  /** For tests: {@code systemHostname} stands in for the kernel's host name. */
  ConfigLoader(Supplier<String> systemHostname) {
    this.systemHostname = systemHostname;
  }

  /**
   * Reads {@code file} and applies {@code overrides} ({@code key=value} strings; a later one wins
   * over an earlier one and over the file).
   *
   * @throws ConfigException {@code <file>:<line>: <reason>}, {@code --set key=value: <reason>} or
   *     {@code <file>: cannot read: <reason>}
   */
  public static RelayConfig load(Path file, List<String> overrides) {
    return new ConfigLoader(SystemHostname::read).read(file, overrides);
  }

  /**
   * The built-in defaults with {@code overrides} applied, reading no file; relative paths resolve
   * against the folder of {@code configFile} as if it had been read.
   *
   * @throws ConfigException {@code --set key=value: <reason>}
   */
  public static RelayConfig defaults(Path configFile, List<String> overrides) {
    return new ConfigLoader(SystemHostname::read).assemble(configFile, List.of(), overrides);
  }

  RelayConfig read(Path file, List<String> overrides) {
    return assemble(file, ConfigFileReader.read(file), overrides);
  }

  RelayConfig assemble(Path file, List<Setting> fileSettings, List<String> overrides) {
    List<Setting> settings = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKey.all()) {
      settings.add(Setting.builtIn(key));
    }
    settings.addAll(fileSettings);
    for (String override : overrides) {
      settings.add(Setting.parse(override, Origin.override(override)));
    }
    return new ConfigAssembler(file, systemHostname).assemble(ConfigValues.parse(settings));
  }
}
