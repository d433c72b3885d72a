package org.danerelay.server.outbound.faults;

/** Where in one SMTP dialogue a {@link FaultyMx} misbehaves, in the order the client meets them. */
enum Stage {
  GREETING,
  EHLO,
  STARTTLS,
  /** After the 220 to STARTTLS, instead of completing the handshake. */
  TLS_HANDSHAKE,
  EHLO_AFTER_TLS,
  MAIL,
  RCPT,
  DATA,
  /** After the 354, while the content arrives. */
  CONTENT,
  /** After the final dot, instead of the reply to it. */
  END_OF_DATA
}
