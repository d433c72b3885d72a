package org.danerelay.server.admin;

import java.util.function.BooleanSupplier;
import org.danerelay.server.metrics.ProbeFailure;
import org.danerelay.server.metrics.QueueProbe;

/**
 * Decides {@code GET /health}: up while every SMTP listener is bound and the queue database answers
 * a trivial query within the probe's time limit, as a load balancer or an orchestrator needs to
 * know before it sends mail here.
 */
public final class HealthCheck {

  private final BooleanSupplier listening;
  private final QueueProbe probe;

  /**
   * @param listening whether every SMTP listener is still bound
   */
  public HealthCheck(BooleanSupplier listening, QueueProbe probe) {
    this.listening = listening;
    this.probe = probe;
  }

  /** Checks now; takes at most the probe's time limit. */
  public Health check() {
    if (!listening.getAsBoolean()) {
      return Health.down("SMTP listeners are not bound");
    }
    try {
      probe.ask(
          queue -> {
            queue.ping(probe.limit());
            return true;
          });
    } catch (ProbeFailure e) {
      return Health.down("queue: " + e.getMessage());
    }
    return Health.ok();
  }
}
