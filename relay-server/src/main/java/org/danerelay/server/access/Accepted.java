package org.danerelay.server.access;

import java.util.Objects;

/**
 * Accepts one recipient and says which {@link Route} it takes.
 *
 * @param mailbox the recipient as parsed
 * @param route {@link Route#LOCAL} for a local domain, {@link Route#RELAY} otherwise
 */
public record Accepted(Mailbox mailbox, Route route) implements AccessDecision {

  public Accepted {
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(route, "route");
  }
}
