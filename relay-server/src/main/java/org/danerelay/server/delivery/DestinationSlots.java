package org.danerelay.server.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * At most {@code perDestination} deliveries in flight per recipient domain, remembering a domain
 * only while a worker holds or waits for one of its slots, so that a relay that has sent to a
 * million domains does not keep a million counters.
 */
final class DestinationSlots {

  private final int perDestination;
  private final Map<String, Slots> byDomain = new HashMap<>(); // guarded by this

  private static final class Slots {
    final Semaphore permits;
    int users; // guarded by DestinationSlots.this

    Slots(int permits) {
      this.permits = new Semaphore(permits);
    }
  }

  DestinationSlots(int perDestination) {
    this.perDestination = perDestination;
  }

  /** Waits for a slot for {@code domain}; pair each successful call with one {@link #release}. */
  void acquire(String domain) throws InterruptedException {
    Slots slots = enter(domain);
    try {
      slots.permits.acquire();
    } catch (InterruptedException e) {
      leave(domain);
      throw e;
    }
  }

  void release(String domain) {
    Slots slots;
    synchronized (this) {
      slots = byDomain.get(domain);
    }
    slots.permits.release();
    leave(domain);
  }

  /** How many domains are remembered now: those with a worker holding or awaiting a slot. */
  synchronized int domainsInUse() {
    return byDomain.size();
  }

  private synchronized Slots enter(String domain) {
    Slots slots = byDomain.computeIfAbsent(domain, d -> new Slots(perDestination));
    slots.users++;
    return slots;
  }

  private synchronized void leave(String domain) {
    Slots slots = byDomain.get(domain);
    if (--slots.users == 0) {
      byDomain.remove(domain);
    }
  }
}
