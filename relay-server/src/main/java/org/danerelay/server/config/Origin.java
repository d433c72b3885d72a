package org.danerelay.server.config;

/**
 * Where a setting came from, so that an error can point at it.
 *
 * @param label {@code file:line}, {@code --set key=value} or the built-in default of a key
 * @param namesSetting whether the label already shows key and value, so a reason need not
 */
record Origin(String label, boolean namesSetting) {

  static Origin fileLine(String file, int line) {
    return new Origin(file + ":" + line, false);
  }

  static Origin override(String text) {
    return new Origin("--set " + text, true);
  }

  static Origin builtIn(String key) {
    return new Origin("built-in default of " + key, false);
  }

  /** An error at this origin with a reason that speaks for itself. */
  ConfigException error(String reason) {
    return new ConfigException(label + ": " + reason);
  }

  /** An error about the value of {@code key}; the key is named unless the label shows it. */
  ConfigException badValue(String key, String reason) {
    return error(namesSetting ? reason : key + ": " + reason);
  }
}
