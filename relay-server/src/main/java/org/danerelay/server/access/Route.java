package org.danerelay.server.access;

/** Says where an accepted recipient goes: to a domain we serve, or onward through the relay. */
public enum Route {
  /** The domain is in {@code local.domains}; anyone may send to it. */
  LOCAL,
  /** Any other domain; only for clients in {@code relay.networks} or authenticated with AUTH. */
  RELAY
}
