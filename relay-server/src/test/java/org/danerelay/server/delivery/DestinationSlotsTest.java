package org.danerelay.server.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** delivery.concurrency-per-destination, and no memory of domains nobody is delivering to. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DestinationSlotsTest {

  @Test
  void letsNoMoreThanTheLimitInPerDomainWhileOtherDomainsGoAhead() throws Exception {
    DestinationSlots slots = new DestinationSlots(2);
    slots.acquire("example.org");
    slots.acquire("example.org");
    CountDownLatch third = new CountDownLatch(1);
    Thread waiter =
        new Thread(
            () -> {
              try {
                slots.acquire("example.org");
                third.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    waiter.start();

    slots.acquire("example.net"); // another domain is not held up
    assertFalse(third.await(300, TimeUnit.MILLISECONDS), "a third slot for example.org");
    slots.release("example.org");
    assertTrue(third.await(5, TimeUnit.SECONDS), "the freed slot goes to the waiter");
    waiter.join(5_000);
  }

  @Test
  void forgetsADomainOnceNobodyHoldsOrAwaitsItsSlots() throws Exception {
    DestinationSlots slots = new DestinationSlots(20);
    for (int i = 0; i < 1000; i++) {
      slots.acquire("d" + i + ".example");
      slots.release("d" + i + ".example");
    }
    slots.acquire("busy.example");

    assertEquals(1, slots.domainsInUse());
  }

  @Test
  void anInterruptedWaiterLeavesNoTrace() throws Exception {
    DestinationSlots slots = new DestinationSlots(1);
    slots.acquire("example.org");
    Thread waiter =
        new Thread(
            () -> {
              try {
                slots.acquire("example.org");
              } catch (InterruptedException e) {
                // expected
              }
            });
    waiter.start();
    Thread.sleep(200);
    waiter.interrupt();
    waiter.join(5_000);
    slots.release("example.org");

    assertEquals(0, slots.domainsInUse());
  }
}
