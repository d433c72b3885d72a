package org.danerelay.server.smtp;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.danerelay.server.smtp.wire.ClientSocket;
import org.danerelay.server.smtp.wire.Overrun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;

/**
 * Cuts off sessions that go past a time limit, on one timer thread that never waits on a client.
 *
 * <p>The {@code 421} goes out on a cutter thread, since a client that does not read can block a
 * write for good; a moment later the connection is closed under it whatever happened. A session
 * blocked in a write of its own gets no {@code 421}: it is closed at once.
 */
final class SessionWatch {

  private static final Logger log = LoggerFactory.getLogger(SessionWatch.class);
  private static final long TICK_MILLIS = 200;
  // How long the 421 may take to go out before the connection is closed under it.
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Map<Session, Watched> sessions = new ConcurrentHashMap<>();
  private final Executor cutters;
  private final BooleanSupplier stressed;

  private static final class Watched {
    final ClientSocket socket;
    volatile long cutAt;
    volatile boolean cut;

    Watched(ClientSocket socket) {
      this.socket = socket;
    }
  }

  /**
   * @param stressed whether the listener is nearly full, when commands get the stress timeout
   */
  SessionWatch(ScheduledExecutorService timer, Executor cutters, BooleanSupplier stressed) {
    this.cutters = cutters;
    this.stressed = stressed;
    timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  void watch(Session session) {
    sessions.put(session, new Watched((ClientSocket) session.getSocket()));
  }

  /** Stops watching a session that ended; false if it was not watched. */
  boolean forget(Session session) {
    return sessions.remove(session) != null;
  }

  private void tick() {
    boolean underStress = stressed.getAsBoolean();
    long now = System.nanoTime();
    sessions.forEach(
        (session, watched) -> {
          // A scheduled task that throws is never run again: one odd session must not end the
          // watch.
          try {
            look(session, watched, underStress, now);
          } catch (RuntimeException e) {
            log.error("session watch: {} with [{}]", e, watched.socket.client());
          }
        });
  }

  private void look(Session session, Watched watched, boolean underStress, long now) {
    if (watched.cut) {
      if (now - watched.cutAt > GRACE_NANOS) {
        watched.socket.closeNow();
      }
      return;
    }
    watched
        .socket
        .clock()
        .overrun(underStress)
        .ifPresent(overrun -> cut(session, watched, overrun, underStress, now));
  }

  private void cut(Session session, Watched watched, Overrun overrun, boolean stress, long now) {
    log.info(
        "cut off [{}]: {}{}",
        watched.socket.client(),
        overrun.description(),
        stress ? " (listener under stress)" : "");
    watched.cutAt = now;
    watched.cut = true;
    Optional<String> reply = watched.socket.clock().writing() ? Optional.empty() : overrun.reply();
    if (reply.isEmpty()) {
      watched.socket.closeNow();
    }
    cutters.execute(
        () -> {
          try {
            if (reply.isPresent()) {
              session.sendResponse(reply.get());
            }
          } catch (IOException e) {
            // Gone already, or closed under us after the grace period: closing is all there is.
          }
          // Quitting tells SubEthaSMTP that the failure its thread now meets is no fault.
          session.quit();
          watched.socket.closeNow();
        });
  }
}
