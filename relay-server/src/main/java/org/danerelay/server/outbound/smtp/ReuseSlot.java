package org.danerelay.server.outbound.smtp;

/** Where a session parks when its message is done, and for how long and how often it may. */
record ReuseSlot(ConnectionCache cache, SessionKey key, ConnectionReuse limits) {}
