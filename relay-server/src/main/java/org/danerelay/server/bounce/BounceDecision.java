package org.danerelay.server.bounce;

/**
 * What {@link DsnBuilder} decided: a {@link DsnMessage} to queue, or {@link NoDsn} and why none may
 * be sent.
 */
public sealed interface BounceDecision permits DsnMessage, NoDsn {}
