package org.danerelay.server.smtp;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Admits sessions up to the connection limit and ends any session that outlives its time limit.
 *
 * <p>The idle limit is the socket read timeout; this guard bounds the whole session, so a client
 * that trickles one byte at a time cannot hold a thread forever.
 */
final class SessionGuard implements SessionHandler {

  private static final Logger log = LoggerFactory.getLogger(SessionGuard.class);

  private final int maxSessions;
  private final Duration sessionLimit;
  private final ScheduledExecutorService timer;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<Session, ScheduledFuture<?>> deadlines = new ConcurrentHashMap<>();

  SessionGuard(int maxSessions, Duration sessionLimit, ScheduledExecutorService timer) {
    this.maxSessions = maxSessions;
    this.sessionLimit = sessionLimit;
    this.timer = timer;
  }

  @Override
  public SessionAcceptance accept(Session session) {
    if (open.incrementAndGet() > maxSessions) {
      open.decrementAndGet();
      log.warn(
          "refused [{}]: {} sessions open",
          session.getRemoteAddress().getAddress().getHostAddress(),
          maxSessions);
      return SessionAcceptance.failure(421, "4.7.0 Too many connections, try again later");
    }
    deadlines.put(
        session,
        timer.schedule(() -> expire(session), sessionLimit.toMillis(), TimeUnit.MILLISECONDS));
    return SessionAcceptance.success();
  }

  @Override
  public void onSessionEnd(Session session) {
    ScheduledFuture<?> deadline = deadlines.remove(session);
    if (deadline != null) {
      deadline.cancel(false);
      open.decrementAndGet();
    }
  }

  private void expire(Session session) {
    log.info(
        "session with [{}] exceeded {}; closing",
        session.getRemoteAddress().getAddress().getHostAddress(),
        sessionLimit);
    try {
      session.sendResponse("421 4.4.2 Session time limit exceeded, closing connection");
    } catch (IOException e) {
      // The client is gone or stuck; closing below is all that is left.
    }
    session.quit();
  }
}
