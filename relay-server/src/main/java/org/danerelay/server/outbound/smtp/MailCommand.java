package org.danerelay.server.outbound.smtp;

/** The {@code MAIL FROM} line for one message, with the parameters the server announced. */
final class MailCommand {

  private MailCommand() {}

  static String of(DeliveryEnvelope envelope, MessageBody body, EhloCapabilities capabilities) {
    StringBuilder command = new StringBuilder("MAIL FROM:<").append(envelope.sender()).append('>');
    if (capabilities.has("SIZE") && body.size().isPresent()) {
      command.append(" SIZE=").append(body.size().getAsLong()); // RFC 1870
    }
    if (envelope.eightBitMime() && capabilities.has("8BITMIME")) {
      command.append(" BODY=8BITMIME"); // RFC 6152 2
    }
    return command.toString();
  }

  /**
   * RFC 6152 3: 8-bit content must not go to a server without 8BITMIME; this relay does not convert
   * (that would break DKIM signatures), so such a message is returned instead.
   */
  static boolean cannotCarry(
      DeliveryEnvelope envelope, MessageBody body, EhloCapabilities capabilities)
      throws java.io.IOException {
    return envelope.eightBitMime() && !capabilities.has("8BITMIME") && EightBitContent.in(body);
  }
}
