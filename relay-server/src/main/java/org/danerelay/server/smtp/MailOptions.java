package org.danerelay.server.smtp;

import java.util.Objects;
import org.danerelay.queue.BodyType;

/**
 * What the MAIL FROM parameters ask of the message's handling, for the queue to keep.
 *
 * @param bodyType the declared BODY (RFC 6152), {@link BodyType#SEVEN_BIT} without one
 * @param requireTls REQUIRETLS was given (RFC 8689 4.1)
 */
record MailOptions(BodyType bodyType, boolean requireTls) {

  static final MailOptions NONE = new MailOptions(BodyType.SEVEN_BIT, false);

  MailOptions {
    Objects.requireNonNull(bodyType, "bodyType");
  }
}
