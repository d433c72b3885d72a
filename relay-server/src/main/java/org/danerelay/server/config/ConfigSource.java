package org.danerelay.server.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the running relay's configuration comes from, so that a reload reads it again the same way:
 * the same file and the same {@code --set} overrides it was started with.
 */
@FunctionalInterface
public interface ConfigSource {

  /**
   * Reads the configuration again.
   *
   * @throws ConfigException {@code file:line: reason} when it cannot be used
   */
  LoadedConfig load();

  /** {@code --config FILE} and the {@code --set key=value} overrides, in order. */
  static ConfigSource file(Path file, List<String> overrides) {
    List<String> fixed = List.copyOf(overrides);
    return () -> ConfigLoader.loadTraced(file, fixed);
  }

  /**
   * A configuration built in code: a reload reads the files it names (certificate, maps, users)
   * again, but no setting changes.
   */
  static ConfigSource fixed(RelayConfig config) {
    return () -> LoadedConfig.withoutOrigins(config);
  }
}
