package org.danerelay.server.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

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
  public static Map<String, String> load(Path file, Consumer<String> validate) {
    return DomainMapFile.load(
        file,
        "[host]:port",
        hop -> {
          validate.accept(hop);
          return hop;
        });
  }
}
