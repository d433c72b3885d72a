package org.danerelay.server.smtp;

import java.util.Map;
import java.util.WeakHashMap;
import org.subethamail.smtp.server.Session;

/**
 * Failed AUTH exchanges per session on one listener, forgotten with the session.
 *
 * <p>SubEthaSMTP keeps no per-session state for a command, so the count is kept here, keyed by the
 * session object itself (SubEthaSMTP's {@code Session} has identity equality) and weakly, so that
 * ended sessions drop out without a hook.
 */
final class AuthFailureCount {

  private final Map<Session, Integer> failures = new WeakHashMap<>();

  /**
   * Counts one more failure for {@code session}; returns its failures so far, this one included.
   */
  synchronized int add(Session session) {
    return failures.merge(session, 1, Integer::sum);
  }
}
