package org.danerelay.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code delivery.routes}: {@code domain [host]:port} lines that send a recipient domain's
 * mail to a fixed next hop instead of its MX hosts, like Postfix's transport map.
 *
 * <p>The next hop is kept as written; the DANE planner parses it (its TLSA name is {@code
 * _port._tcp.host}, DANE-RULES 3).
 */
public final class DeliveryRoutes {

  private DeliveryRoutes() {}

  /**
   * The routes by lower-case domain, each a next hop such as {@code [smtp.example]:587}.
   *
   * @param validate checks one next hop, throwing IllegalArgumentException with a reason
   * @throws ConfigException {@code file:line: reason}
   */
  public static Map<String, String> load(Path file, java.util.function.Consumer<String> validate) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    Map<String, String> routes = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      String[] fields = line.split("\\s+");
      if (fields.length != 2) {
        throw new ConfigException(where + "expected 'domain [host]:port', got '" + line + "'");
      }
      String domain;
      try {
        domain = ValueTypes.domainName().parse(fields[0]);
        validate.accept(fields[1]);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + e.getMessage());
      }
      if (routes.put(domain, fields[1]) != null) {
        throw new ConfigException(where + domain + " is listed twice");
      }
    }
    return routes;
  }
}
