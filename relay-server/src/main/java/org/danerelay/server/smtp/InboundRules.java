package org.danerelay.server.smtp;

import java.util.Objects;
import org.danerelay.server.access.RelayAccessPolicy;

/**
 * What a reload may change about the inbound side, taken as one value so that a transaction sees
 * one consistent set: the per-listener settings, who may relay where, and how mail is queued.
 *
 * @param settings the limits and checks of an {@code smtpd.listen} listener (a submission listener
 *     derives its own with {@link ListenerSettings#requiringTls()})
 * @param policy {@code relay.networks} and {@code local.domains}
 * @param ingest the queue with {@code smtpd.max-message-size}, {@code smtpd.max-line-length} and
 *     {@code smtpd.min-free-space}
 */
public record InboundRules(
    ListenerSettings settings, RelayAccessPolicy policy, MessageIngest ingest) {

  public InboundRules {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(ingest, "ingest");
  }

  /** The settings of one listener: a submission listener requires TLS and offers AUTH. */
  ListenerSettings settingsFor(boolean tlsRequired) {
    return tlsRequired ? settings.requiringTls() : settings;
  }
}
