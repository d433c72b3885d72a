package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The spool directory's grouped sync: an accepted message's new name is durable before its 250,
 * while the sessions that rename meanwhile share one sync instead of queueing one each.
 */
class GroupedDirectorySyncTest {

  private static final Path DIR = Path.of("messages");
  private static final long WAIT_MS = 10_000;

  /** A disk whose syncs each wait for the test to let them end, with the outcome it gives. */
  private static final class HeldDisk implements GroupedDirectorySync.Force {
    final AtomicInteger begun = new AtomicInteger();
    final BlockingQueue<Boolean> releases = new LinkedBlockingQueue<>(); // true: that sync fails

    @Override
    public void force(Path directory) throws IOException {
      begun.incrementAndGet();
      try {
        Boolean fail = releases.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        if (fail == null) {
          throw new IOException("the test never released this sync");
        }
        if (fail) {
          throw new IOException("disk error (test)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    void releaseOne(boolean fail) {
      releases.add(fail);
    }
  }

  /** A caller on its own thread; outcome is null on success, else what sync() threw. */
  private static final class Caller {
    final AtomicReference<Throwable> outcome = new AtomicReference<>();
    final CountDownLatch returned = new CountDownLatch(1);
    final Thread thread;

    Caller(GroupedDirectorySync sync) {
      thread =
          new Thread(
              () -> {
                try {
                  sync.sync();
                } catch (Throwable t) {
                  outcome.set(t);
                } finally {
                  returned.countDown();
                }
              });
      thread.start();
    }

    boolean hasReturned(long millis) throws InterruptedException {
      return returned.await(millis, TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void aCallerArrivingDuringASyncWaitsForTheNextOne() throws Exception {
    HeldDisk disk = new HeldDisk();
    GroupedDirectorySync sync = new GroupedDirectorySync(DIR, disk);
    Caller first = callerHoldingTheFirstSync(disk, sync);
    Caller second = waitingCaller(sync); // its rename may have come after the running sync began

    disk.releaseOne(false);
    assertTrue(first.hasReturned(WAIT_MS));
    assertNull(first.outcome.get());
    awaitBegun(disk, 2);
    assertFalse(second.hasReturned(200), "the sync that began before its call cannot count");

    disk.releaseOne(false);
    assertTrue(second.hasReturned(WAIT_MS));
    assertNull(second.outcome.get());
    assertEquals(2, disk.begun.get());
  }

  @Test
  void callersArrivingDuringOneSyncShareTheNext() throws Exception {
    HeldDisk disk = new HeldDisk();
    GroupedDirectorySync sync = new GroupedDirectorySync(DIR, disk);
    Caller first = callerHoldingTheFirstSync(disk, sync);
    List<Caller> waiting = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waiting.add(waitingCaller(sync));
    }

    disk.releaseOne(false);
    awaitBegun(disk, 2);
    disk.releaseOne(false);
    assertTrue(first.hasReturned(WAIT_MS));
    for (Caller c : waiting) {
      assertTrue(c.hasReturned(WAIT_MS));
      assertNull(c.outcome.get());
    }
    assertEquals(2, disk.begun.get(), "six callers, two syncs");
  }

  @Test
  void everyCallerOfAFailedSyncHearsTheFailure() throws Exception {
    HeldDisk disk = new HeldDisk();
    GroupedDirectorySync sync = new GroupedDirectorySync(DIR, disk);
    Caller first = callerHoldingTheFirstSync(disk, sync);
    Caller second = waitingCaller(sync);
    Caller third = waitingCaller(sync);

    disk.releaseOne(false);
    awaitBegun(disk, 2);
    disk.releaseOne(true);
    for (Caller c : List.of(second, third)) {
      assertTrue(c.hasReturned(WAIT_MS));
      assertInstanceOf(IOException.class, c.outcome.get());
    }
    assertNull(first.outcome.get());
    assertEquals(2, disk.begun.get());

    // The next caller is not refused for an old failure: it gets a sync of its own.
    Caller later = new Caller(sync);
    awaitBegun(disk, 3);
    disk.releaseOne(false);
    assertTrue(later.hasReturned(WAIT_MS));
    assertNull(later.outcome.get());
  }

  private static Caller callerHoldingTheFirstSync(HeldDisk disk, GroupedDirectorySync sync)
      throws InterruptedException {
    Caller first = new Caller(sync);
    awaitBegun(disk, 1);
    return first;
  }

  /** A caller that has made its call and waits inside sync() for a sync to end. */
  private static Caller waitingCaller(GroupedDirectorySync sync) throws InterruptedException {
    Caller c = new Caller(sync);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    while (c.thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(Thread.State.WAITING, c.thread.getState());
    return c;
  }

  private static void awaitBegun(HeldDisk disk, int syncs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    while (disk.begun.get() < syncs && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(syncs, disk.begun.get(), "syncs begun");
  }
}
