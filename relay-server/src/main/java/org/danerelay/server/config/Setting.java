package org.danerelay.server.config;

/**
 * One {@code key = value} assignment, from the file or the command line, before its value is
 * parsed.
 *
 * @param key a known key
 * @param value the text after the first {@code =}, stripped of surrounding whitespace
 * @param origin where it was written
 */
record Setting(ConfigKey<?> key, String value, Origin origin) {

  /**
   * Splits {@code key = value} at the first {@code =} (values may contain more) and looks the key
   * up.
   *
   * @throws ConfigException at {@code origin} when there is no {@code =} or the key is unknown
   */
  static Setting parse(String text, Origin origin) {
    int equals = text.indexOf('=');
    if (equals < 0) {
      throw origin.error("expected 'key = value'");
    }
    String name = text.substring(0, equals).strip();
    String value = text.substring(equals + 1).strip();
    if (name.isEmpty()) {
      throw origin.error("missing key before '='");
    }
    ConfigKey<?> key = ConfigKey.byName(name).orElseThrow(() -> origin.error(unknownKey(name)));
    return new Setting(key, value, origin);
  }

  /** The built-in default of {@code key}, as if it had been written in the file. */
  static Setting builtIn(ConfigKey<?> key) {
    return new Setting(key, key.defaultText(), Origin.builtIn(key.name()));
  }

  private static String unknownKey(String name) {
    return KeySuggestion.nearest(name)
        .map(near -> "unknown key '" + name + "' (did you mean '" + near + "'?)")
        .orElse("unknown key '" + name + "'");
  }
}
