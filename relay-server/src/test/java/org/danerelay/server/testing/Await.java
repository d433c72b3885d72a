package org.danerelay.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a relay does in the background, bounded in time, polling every 20 ms. */
public final class Await {

  private Await() {}

  /** Returns once {@code condition} holds; fails the test after {@code limit}. */
  public static void until(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + limit);
      }
      Thread.sleep(20);
    }
  }
}
