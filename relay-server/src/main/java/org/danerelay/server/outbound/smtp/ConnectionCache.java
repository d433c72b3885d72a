package org.danerelay.server.outbound.smtp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Idle SMTP sessions that finished a message cleanly and may take the next one for the same {@link
 * SessionKey}. A session is either here or in use by exactly one message: {@link #take} and {@link
 * #remove} hand it out once.
 */
final class ConnectionCache {

  private final int maxIdle;
  private final Map<SessionKey, Deque<SmtpClientSession>> idle = new HashMap<>();
  private int size;

  ConnectionCache(int maxIdle) {
    this.maxIdle = maxIdle;
  }

  /** The most recently parked idle session for {@code key}, now owned by the caller; or null. */
  synchronized SmtpClientSession take(SessionKey key) {
    Deque<SmtpClientSession> sessions = idle.get(key);
    if (sessions == null) {
      return null;
    }
    SmtpClientSession session = sessions.pollFirst();
    if (sessions.isEmpty()) {
      idle.remove(key);
    }
    size--;
    return session;
  }

  /** Parks a session; false when the cache is full (the caller ends the session). */
  synchronized boolean park(SessionKey key, SmtpClientSession session) {
    if (size >= maxIdle) {
      return false;
    }
    idle.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(session);
    size++;
    return true;
  }

  /** Takes back a session that timed out or was closed; false if a message already took it. */
  synchronized boolean remove(SessionKey key, SmtpClientSession session) {
    Deque<SmtpClientSession> sessions = idle.get(key);
    if (sessions == null || !sessions.remove(session)) {
      return false;
    }
    if (sessions.isEmpty()) {
      idle.remove(key);
    }
    size--;
    return true;
  }

  /** Empties the cache, handing every idle session to the caller to end. */
  synchronized List<SmtpClientSession> drain() {
    List<SmtpClientSession> all = new ArrayList<>();
    idle.values().forEach(all::addAll);
    idle.clear();
    size = 0;
    return all;
  }
}
