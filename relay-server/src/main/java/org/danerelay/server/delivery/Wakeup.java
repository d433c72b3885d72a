package org.danerelay.server.delivery;

import java.time.Duration;

/**
 * A signal the scheduler sleeps on between claims: a freed worker or newly queued mail wakes it at
 * once, and a signal given while it was busy is not lost.
 */
final class Wakeup {

  private boolean signalled; // guarded by this

  synchronized void signal() {
    signalled = true;
    notifyAll();
  }

  /** Returns at the first signal since the last return, or after {@code limit}. */
  synchronized void await(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!signalled) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    signalled = false;
  }
}
