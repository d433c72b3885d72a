package org.danerelay.server.admin;

import java.util.Objects;

/**
 * What {@code GET /health} answers: up, or down with the reason an operator reads first.
 *
 * @param up whether the relay serves
 * @param reason {@code ok} when up, otherwise one line saying what is wrong
 */
public record Health(boolean up, String reason) {

  public Health {
    Objects.requireNonNull(reason, "reason");
    if (reason.contains("\n") || reason.contains("\r")) {
      throw new IllegalArgumentException("one line only: " + reason);
    }
  }

  static Health ok() {
    return new Health(true, "ok");
  }

  static Health down(String reason) {
    return new Health(false, reason.replaceAll("[\\r\\n]+", " "));
  }
}
