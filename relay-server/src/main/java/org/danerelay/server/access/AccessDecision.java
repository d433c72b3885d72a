package org.danerelay.server.access;

/** The outcome of a relay access check at {@code RCPT TO}: {@link Accepted} or {@link Refused}. */
public sealed interface AccessDecision permits Accepted, Refused {}
