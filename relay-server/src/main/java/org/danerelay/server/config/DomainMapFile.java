package org.danerelay.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads a file of {@code domain value} lines with {@code #} comments, the shape of {@code
 * tls.policy.map} and {@code delivery.routes}, naming the file and line in every error.
 */
final class DomainMapFile {

  private DomainMapFile() {}

  /**
   * The values by lower-case domain without a trailing dot, in file order.
   *
   * @param valueName what the second column is, for the "expected" message
   * @param parseValue checks and normalizes a value; throws IllegalArgumentException with a reason
   * @throws ConfigException {@code file:line: reason}
   */
  static Map<String, String> load(Path file, String valueName, UnaryOperator<String> parseValue) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      String[] fields = line.split("\\s+");
      if (fields.length != 2) {
        throw new ConfigException(
            where + "expected 'domain " + valueName + "', got '" + line + "'");
      }
      String domain;
      String value;
      try {
        domain = ValueTypes.domainName().parse(fields[0]);
        value = parseValue.apply(fields[1]);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + e.getMessage());
      }
      if (values.put(domain, value) != null) {
        throw new ConfigException(where + domain + " is listed twice");
      }
    }
    return values;
  }
}
