package org.danerelay.dane.dns;

import java.io.IOException;

/** No configured resolver gave a usable answer: every try timed out or answered an error rcode. */
public final class UpstreamFailureException extends IOException {
  private static final long serialVersionUID = 1L;

  public UpstreamFailureException(String message) {
    super(message);
  }
}
