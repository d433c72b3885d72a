package org.danerelay.server.config;

/**
 * A configuration that cannot be used, with a message that says where and why.
 *
 * <p>The message has the shape {@code <file>:<line>: <reason>} for the config file and {@code --set
 * key=value: <reason>} for command-line overrides, so that start-up can print it as is.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
