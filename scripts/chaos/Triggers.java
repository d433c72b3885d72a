import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Where the killer meets the observers: the killer arms one kill, and the client, sink or log
 * thread that sees the armed moment runs the kill itself, in its own thread, before it goes on.
 *
 * <p>Why in the observer's thread: a kill handed to another thread would land milliseconds later,
 * after the relay may have committed what the moment was about (a 250 it just read, say). At most
 * one kill is armed, and it fires at most once: the observer that wins the compare-and-set runs it.
 */
final class Triggers {

  /** How many 250s after arming make the burst that an index-commit kill follows. */
  static final int BURST = 8;

  /**
   * One armed kill; {@code beforeReply} picks the sink's side of its 250 for during-delivery, and
   * {@code from}, when not null, the relay (by its EHLO name) whose delivery the sink must be
   * taking.
   */
  private record Armed(
      KillKind kind, boolean beforeReply, String from, Runnable kill, CountDownLatch done) {}

  private final AtomicReference<Armed> armed = new AtomicReference<>();
  private final AtomicInteger acksSinceArmed = new AtomicInteger();

  /**
   * Arms {@code kill} for the moment {@code kind} and waits for an observer to run it.
   *
   * @return true when it fired; false when nothing fired within {@code maxMillis} or the relay
   *     stopped being {@code alive} (then it is disarmed and the caller decides)
   */
  boolean armAndAwait(
      KillKind kind, boolean beforeReply, Runnable kill, long maxMillis, BooleanSupplier alive)
      throws InterruptedException {
    return armAndAwait(kind, beforeReply, null, kill, maxMillis, alive);
  }

  /**
   * As above; a sink moment counts only in a session with the relay that said EHLO {@code from}.
   */
  boolean armAndAwait(
      KillKind kind,
      boolean beforeReply,
      String from,
      Runnable kill,
      long maxMillis,
      BooleanSupplier alive)
      throws InterruptedException {
    Armed a = new Armed(kind, beforeReply, from, kill, new CountDownLatch(1));
    acksSinceArmed.set(0);
    armed.set(a);
    long end = System.currentTimeMillis() + maxMillis;
    while (alive.getAsBoolean() && System.currentTimeMillis() < end) {
      if (a.done.await(100, TimeUnit.MILLISECONDS)) return true;
    }
    if (armed.compareAndSet(a, null)) return false;
    // An observer took it just now and is killing; the kill itself is bounded (RelayProcess).
    a.done.await(60, TimeUnit.SECONDS);
    return true;
  }

  boolean isArmed(KillKind kind) {
    Armed a = armed.get();
    return a != null && a.kind == kind;
  }

  /** A client sent part of a message's content and holds the rest. True if it killed. */
  boolean partialData() {
    return fire(KillKind.DURING_DATA, null, null);
  }

  /** A client got a 250 after its final dot (and has already recorded it). */
  void acknowledged() {
    fire(KillKind.AFTER_250, null, null);
    if (isArmed(KillKind.INDEX_COMMIT) && acksSinceArmed.incrementAndGet() >= BURST) {
      fire(KillKind.INDEX_COMMIT, null, null);
    }
  }

  /**
   * The sink has the final dot of a message (or a DSN) and recorded it; its 250 comes next. {@code
   * helo} is the EHLO name of the relay that sent it.
   */
  void sinkHasDot(boolean dsn, String helo) {
    if (dsn) {
      fire(KillKind.DURING_BOUNCE, null, helo);
    } else {
      fire(KillKind.DURING_DELIVERY, true, helo);
    }
  }

  /** The sink has just written its 250 for a message from the relay named {@code helo}. */
  void sinkReplied(boolean dsn, String helo) {
    if (!dsn) fire(KillKind.DURING_DELIVERY, false, helo);
  }

  /** The relay's log says a bounce was queued. */
  void bounceLogged() {
    fire(KillKind.DURING_BOUNCE, null, null);
  }

  private boolean fire(KillKind kind, Boolean beforeReply, String helo) {
    Armed a = armed.get();
    if (a == null || a.kind != kind) return false;
    if (beforeReply != null && a.beforeReply != beforeReply) return false;
    if (a.from != null && !a.from.equalsIgnoreCase(helo)) return false;
    if (!armed.compareAndSet(a, null)) return false;
    try {
      a.kill.run();
    } finally {
      a.done.countDown();
    }
    return true;
  }
}
