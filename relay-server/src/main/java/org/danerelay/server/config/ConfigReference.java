package org.danerelay.server.config;

/** Renders the key table as plain text for {@code --help}: name, default, type and meaning. */
public final class ConfigReference {

  private ConfigReference() {}

  /** One entry per key, in file order, such as {@code smtpd.listen = 127.0.0.1:2525}. */
  public static String text() {
    StringBuilder text = new StringBuilder();
    for (ConfigKey<?> key : ConfigKey.all()) {
      text.append(key.name()).append(" = ").append(key.defaultText()).append('\n');
      text.append("    ").append(key.doc()).append('\n');
      text.append("    (").append(key.typeDescription()).append(")\n");
    }
    return text.toString();
  }
}
