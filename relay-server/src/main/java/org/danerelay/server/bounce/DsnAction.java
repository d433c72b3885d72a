package org.danerelay.server.bounce;

/** The RFC 3464 2.3.3 {@code Action} values this relay reports. */
public enum DsnAction {
  /** RFC 3464 2.3.3: the relay has abandoned any attempt to deliver to this recipient. */
  FAILED("failed"),
  /** RFC 3464 2.3.3: not delivered yet, and the relay keeps trying. */
  DELAYED("delayed");

  private final String token;

  DsnAction(String token) {
    this.token = token;
  }

  /** The value as written in the {@code Action} field. */
  public String token() {
    return token;
  }
}
