package org.danerelay.server.outbound.smtp;

import io.netty.handler.codec.DecoderException;

/** The server sent something that is not an SMTP reply, or one beyond the decoder's limits. */
public final class MalformedReplyException extends DecoderException {

  private static final long serialVersionUID = 1L;

  public MalformedReplyException(String message) {
    super(message);
  }
}
