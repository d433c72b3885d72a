package org.danerelay.server.config;

import java.util.Map;
import java.util.Objects;

/**
 * A configuration together with where each key's value was written, so that a problem found after
 * parsing (a certificate that does not fit its key) can still be reported at its {@code file:line}.
 */
public final class LoadedConfig {

  private final RelayConfig config;
  private final Map<ConfigKey<?>, Origin> origins;

  LoadedConfig(RelayConfig config, Map<ConfigKey<?>, Origin> origins) {
    this.config = Objects.requireNonNull(config, "config");
    this.origins = Map.copyOf(origins);
  }

  /** A configuration built in code, with no file behind it: its errors name no line. */
  public static LoadedConfig withoutOrigins(RelayConfig config) {
    return new LoadedConfig(config, Map.of());
  }

  /** The validated configuration. */
  public RelayConfig config() {
    return config;
  }

  /**
   * An error about the value of {@code key}, at the line that set it: {@code file:line: key:
   * reason}, or {@code --set key=value: reason}; just the reason when the key kept its default.
   */
  public ConfigException errorAt(ConfigKey<?> key, String reason) {
    Origin origin = origins.get(key);
    if (origin == null || origin.equals(Origin.builtIn(key.name()))) {
      return new ConfigException(reason);
    }
    return origin.badValue(key.name(), reason);
  }
}
