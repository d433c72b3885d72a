package org.danerelay.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    return loadTraced(file, overrides).config();
  }

  /**
   * As {@link #load}, keeping where each value was written for errors found later.
   *
   * @throws ConfigException as {@link #load} does
   */
  public static LoadedConfig loadTraced(Path file, List<String> overrides) {
    return new ConfigLoader(SystemHostname::read).readTraced(file, overrides);
  }

  /**
   * The built-in defaults with {@code overrides} applied, reading no file; relative paths resolve
   * against the folder of {@code configFile} as if it had been read.
   *
   * @throws ConfigException {@code --set key=value: <reason>}
   */
  public static RelayConfig defaults(Path configFile, List<String> overrides) {
    return defaultsTraced(configFile, overrides).config();
  }

  /**
   * As {@link #defaults}, keeping where each value was written.
   *
   * @throws ConfigException as {@link #defaults} does
   */
  public static LoadedConfig defaultsTraced(Path configFile, List<String> overrides) {
    return new ConfigLoader(SystemHostname::read).assembleTraced(configFile, List.of(), overrides);
  }

  /**
   * The {@code data.dir} that {@code file} and {@code overrides} name, found even when other lines
   * are broken: {@code danerelay reload} needs it to reach the running relay's control socket and
   * have a new, possibly bad, file checked (and refused, with its line) there. Lines that do not
   * parse are skipped; an unreadable file leaves the default.
   */
  public static Path dataDirOf(Path file, List<String> overrides) {
    Path folder = file.toAbsolutePath().normalize().getParent();
    List<String> lines = new ArrayList<>();
    try {
      lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The relay reports the unreadable file itself; here only the default is left.
    }
    lines.addAll(overrides);
    String value = ConfigKey.DATA_DIR.defaultText();
    for (String line : lines) {
      try {
        Setting setting = Setting.parse(line.strip(), Origin.builtIn(""));
        value = setting.key() == ConfigKey.DATA_DIR ? setting.value() : value;
      } catch (ConfigException e) {
        // Not a setting (a comment, a typo): the relay will name it; here it is skipped.
      }
    }
    try {
      return folder.resolve(ConfigKey.DATA_DIR.parser().parse(value)).normalize();
    } catch (IllegalArgumentException e) {
      return folder.resolve(ConfigKey.DATA_DIR.defaultText()).normalize();
    }
  }

  RelayConfig read(Path file, List<String> overrides) {
    return readTraced(file, overrides).config();
  }

  LoadedConfig readTraced(Path file, List<String> overrides) {
    return assembleTraced(file, ConfigFileReader.read(file), overrides);
  }

  LoadedConfig assembleTraced(Path file, List<Setting> fileSettings, List<String> overrides) {
    List<Setting> settings = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKey.all()) {
      settings.add(Setting.builtIn(key));
    }
    settings.addAll(fileSettings);
    for (String override : overrides) {
      settings.add(Setting.parse(override, Origin.override(override)));
    }
    ConfigValues values = ConfigValues.parse(settings);
    return new LoadedConfig(
        new ConfigAssembler(file, systemHostname).assemble(values), values.origins());
  }
}
