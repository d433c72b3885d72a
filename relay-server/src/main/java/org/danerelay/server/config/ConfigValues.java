package org.danerelay.server.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed value of every key, and where each came from, after later settings replaced earlier
 * ones.
 */
final class ConfigValues {

  private final Map<ConfigKey<?>, Object> values = new HashMap<>();
  private final Map<ConfigKey<?>, Origin> origins = new HashMap<>();

  private ConfigValues() {}

  /**
   * Parses every setting in order, so that the file is valid on its own even where the command line
   * overrides it; a later setting of a key replaces an earlier one.
   *
   * @throws ConfigException at the origin of the first value that does not parse
   */
  static ConfigValues parse(List<Setting> settings) {
    ConfigValues parsed = new ConfigValues();
    for (Setting setting : settings) {
      parsed.values.put(setting.key(), parseValue(setting));
      parsed.origins.put(setting.key(), setting.origin());
    }
    for (ConfigKey<?> key : ConfigKey.all()) {
      if (!parsed.values.containsKey(key)) {
        throw new IllegalStateException("no value and no default for " + key);
      }
    }
    return parsed;
  }

  /** The value of {@code key}; its type is the key's, as the key's own parser produced it. */
  @SuppressWarnings("unchecked")
  <T> T get(ConfigKey<T> key) {
    return (T) values.get(key);
  }

  Origin origin(ConfigKey<?> key) {
    return origins.get(key);
  }

  Map<ConfigKey<?>, Origin> origins() {
    return Map.copyOf(origins);
  }

  private static Object parseValue(Setting setting) {
    try {
      return setting.key().parser().parse(setting.value());
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage();
      if (setting.value().contains("#")) {
        // A '#' starts a comment only at the start of a line; say so before the operator wonders.
        reason += " (a '#' after a value is part of the value; put comments on their own line)";
      }
      throw setting.origin().badValue(setting.key().name(), reason);
    }
  }
}
