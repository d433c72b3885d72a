package org.danerelay.server.bounce;

import java.util.Objects;

/**
 * No DSN may be sent for this message; the failure is only logged.
 *
 * @param reason why
 */
public record NoDsn(NoDsnReason reason) implements BounceDecision {

  public NoDsn {
    Objects.requireNonNull(reason, "reason");
  }
}
