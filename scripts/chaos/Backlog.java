import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many acknowledged recipients the sink has not taken yet; clients hold off while it is above a
 * bound.
 *
 * <p>Why: the relay takes mail faster than it delivers it, so an unbounded load leaves a backlog
 * that grows with every kill, and the drain would then measure delivery throughput rather than
 * recovery. Once the bound is reached the load follows delivery. Stranded recipients count against
 * it for good, so a relay that strands many ends up with kills whose trigger never comes (the
 * report says so).
 */
final class Backlog {

  static final long MAX_OWED = 10_000;
  private static final long WAIT_MS = 50;

  private final AtomicLong owed = new AtomicLong();

  /** A message was acknowledged for {@code recipients} recipients. */
  void acknowledged(int recipients) {
    owed.addAndGet(recipients);
  }

  /** The sink took one recipient: delivered, or reported in a DSN. */
  void taken() {
    owed.decrementAndGet();
  }

  /** Waits while too much is owed, until {@code stop}. */
  void awaitRoom(AtomicBoolean stop) throws InterruptedException {
    while (owed.get() > MAX_OWED && !stop.get()) Thread.sleep(WAIT_MS);
  }
}
