package org.danerelay.server.config;

import java.util.Locale;

/** How much the relay logs, from only errors to everything useful for debugging. */
public enum LogLevel {
  ERROR,
  WARN,
  INFO,
  DEBUG;

  /** The name as written in the config file, such as {@code info}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
