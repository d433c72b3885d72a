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
    if (envelope.requireTls()) {
      command.append(" REQUIRETLS"); // RFC 8689 4.2: OfferCheck made sure the server offers it
    }
    return command.toString();
  }
}
