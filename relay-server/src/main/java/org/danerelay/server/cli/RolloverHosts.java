package org.danerelay.server.cli;

import java.util.List;
import org.danerelay.dane.publish.TlsaLine;
import org.danerelay.server.config.RelayConfig;

/** The MX host names a rollover's records are published for. */
final class RolloverHosts {

  private RolloverHosts() {}

  /**
   * {@code given} ({@code --host}), or else {@code smtpd.hostname}: checked, lower case, without
   * the trailing dot.
   *
   * @throws IllegalArgumentException naming the bad host
   */
  static List<String> of(List<String> given, RelayConfig config) {
    List<String> hosts = given.isEmpty() ? List.of(config.hostname()) : given;
    try {
      return hosts.stream().map(TlsaLine::normalize).distinct().toList();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--host: " + e.getMessage(), e);
    }
  }
}
