package org.danerelay.server.outbound.smtp;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/** Whether a message may be offered to a server at all, judged from its EHLO reply. */
final class OfferCheck {

  private OfferCheck() {}

  /**
   * Why this server must not be sent this message at all, as the 5xx the relay gives itself: RFC
   * 1870 (bigger than the server's SIZE), RFC 6152 3 (8-bit content and no 8BITMIME; this relay
   * does not convert, which would break DKIM signatures) or RFC 8689 4.2 (REQUIRETLS and the server
   * does not offer it). Empty when it may be sent.
   */
  static Optional<SmtpReply> localRefusal(
      DeliveryEnvelope envelope, MessageBody body, EhloCapabilities capabilities, String host)
      throws IOException {
    if (envelope.requireTls() && !capabilities.has("REQUIRETLS")) {
      return Optional.of(
          SmtpReply.of(550, "5.7.30 REQUIRETLS support required: " + host + " does not offer it"));
    }
    OptionalLong limit = capabilities.sizeLimit();
    OptionalLong size = body.size();
    if (limit.isPresent() && size.isPresent() && size.getAsLong() > limit.getAsLong()) {
      return Optional.of(
          SmtpReply.of(
              552,
              "5.3.4 message is "
                  + size.getAsLong()
                  + " bytes, "
                  + host
                  + " takes at most "
                  + limit.getAsLong()));
    }
    if (envelope.eightBitMime() && !capabilities.has("8BITMIME") && EightBitContent.in(body)) {
      return Optional.of(
          SmtpReply.of(
              554, "5.6.3 " + host + " does not offer 8BITMIME and the message has 8-bit content"));
    }
    return Optional.empty();
  }
}
