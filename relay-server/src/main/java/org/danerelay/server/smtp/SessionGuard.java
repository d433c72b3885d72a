package org.danerelay.server.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Admits sessions up to the connection limits, overall and per client address, and ends any session
 * that outlives its time limit.
 *
 * <p>The idle limit is the socket read timeout; this guard bounds the whole session, so a client
 * that trickles one byte at a time cannot hold a thread forever.
 */
final class SessionGuard implements SessionHandler {

  private static final Logger log = LoggerFactory.getLogger(SessionGuard.class);

  private final int maxSessions;
  private final int maxPerClient;
  private final Predicate<InetAddress> exempt;
  private final Duration sessionLimit;
  private final ScheduledExecutorService timer;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<Session, ScheduledFuture<?>> deadlines = new ConcurrentHashMap<>();
  private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

  /**
   * @param exempt clients whose address may hold any number of sessions (Postfix's default {@code
   *     smtpd_client_event_limit_exceptions = $mynetworks}: the relay's own networks)
   */
  SessionGuard(
      int maxSessions,
      int maxPerClient,
      Predicate<InetAddress> exempt,
      Duration sessionLimit,
      ScheduledExecutorService timer) {
    this.maxSessions = maxSessions;
    this.maxPerClient = maxPerClient;
    this.exempt = exempt;
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
    // Postfix's smtpd_client_connection_count_limit: one address must not take every slot.
    InetAddress client = session.getRemoteAddress().getAddress();
    if (!exempt.test(client) && perClient.merge(client, 1, Integer::sum) > maxPerClient) {
      perClient.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
      open.decrementAndGet();
      log.warn("refused [{}]: {} sessions open from it", client.getHostAddress(), maxPerClient);
      return SessionAcceptance.failure(
          421, "4.7.0 Too many connections from your address, try again later");
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
      perClient.computeIfPresent(
          session.getRemoteAddress().getAddress(),
          (address, count) -> count == 1 ? null : count - 1);
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
