package org.danerelay.server.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the lines of a config file into settings: syntax, known keys and unique keys only.
 *
 * <p>Values are not parsed here; that happens once for file and command line alike.
 */
final class ConfigFileReader {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private ConfigFileReader() {}

  /**
   * Returns the settings of {@code file} in line order.
   *
   * @throws ConfigException {@code <file>: cannot read: <reason>}, or {@code <file>:<line>:
   *     <reason>} for a malformed line, an unknown key or a repeated one
   */
  static List<Setting> read(Path file) {
    String label = file.toString();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(label + ": cannot read: " + describe(e));
    }
    List<Setting> settings = new ArrayList<>();
    Map<ConfigKey<?>, Integer> firstLine = new HashMap<>();
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index);
      if (index == 0 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
        // Some Windows editors start UTF-8 files with a BOM; it is not part of the first key.
        line = line.substring(1);
      }
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      int lineNumber = index + 1;
      Setting setting = Setting.parse(text, Origin.fileLine(label, lineNumber));
      Integer earlier = firstLine.putIfAbsent(setting.key(), lineNumber);
      if (earlier != null) {
        // Last-one-wins would let a forgotten line at the bottom silently undo a reviewed one.
        throw setting
            .origin()
            .error("duplicate key '" + setting.key().name() + "', already set on line " + earlier);
      }
      settings.add(setting);
    }
    return settings;
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
