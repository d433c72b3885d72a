package org.danerelay.server.smtp;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Admits sessions up to the connection limits, overall and per client address, and has the watch
 * cut off any session that goes past a time limit.
 *
 * <p>The listener is under stress from three quarters of its sessions on, as Postfix is when its
 * smtpd processes run short: waiting clients then get the stress timeout, so a flood of idle
 * connections drains in seconds rather than minutes.
 */
final class SessionGuard implements SessionHandler {

  private static final Logger log = LoggerFactory.getLogger(SessionGuard.class);

  private final int maxSessions;
  private final int maxPerClient;
  private final int stressAt;
  private final Predicate<InetAddress> exempt;
  private final SessionWatch watch;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

  /**
   * @param exempt clients whose address may hold any number of sessions (Postfix's default {@code
   *     smtpd_client_event_limit_exceptions = $mynetworks}: the relay's own networks)
   */
  SessionGuard(
      int maxSessions,
      int maxPerClient,
      Predicate<InetAddress> exempt,
      ScheduledExecutorService timer,
      Executor cutters) {
    this.maxSessions = maxSessions;
    this.maxPerClient = maxPerClient;
    this.stressAt = Math.max(1, maxSessions - maxSessions / 4);
    this.exempt = exempt;
    this.watch = new SessionWatch(timer, cutters, this::stressed);
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
    watch.watch(session);
    return SessionAcceptance.success();
  }

  @Override
  public void onSessionEnd(Session session) {
    if (watch.forget(session)) {
      perClient.computeIfPresent(
          session.getRemoteAddress().getAddress(),
          (address, count) -> count == 1 ? null : count - 1);
      open.decrementAndGet();
    }
  }

  private boolean stressed() {
    return open.get() >= stressAt;
  }
}
