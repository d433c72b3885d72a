package org.danerelay.server.verify;

import org.danerelay.server.access.Mailbox;

/** Says whether one recipient of a local domain exists; implementations are thread-safe. */
@FunctionalInterface
public interface RecipientLookup {

  /** Never throws for a backend problem: that is {@link RecipientVerdict.Unverified}. */
  RecipientVerdict lookUp(Mailbox recipient);
}
