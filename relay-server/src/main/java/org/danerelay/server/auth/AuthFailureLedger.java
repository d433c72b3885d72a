package org.danerelay.server.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Failed AUTH exchanges per client address over a sliding window, with the exchanges still in
 * progress: an address whose failures and open exchanges reach the limit may not start another.
 *
 * <p>Counting open exchanges makes the limit hold against parallel sessions: fifty connections that
 * all send a password at once get no more guesses than one. IPv6 clients count by their /64, the
 * smallest network a site is usually given, so that rotating addresses within it gains nothing.
 * Every method is short and holds the lock only for bookkeeping, never while a password is checked
 * or a reply waits.
 */
public final class AuthFailureLedger {

  /** The most addresses tracked; beyond it, after dropping stale ones, AUTH is refused for now. */
  static final int MAX_CLIENTS = 100_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<InetAddress, Client> clients = new HashMap<>();
  private Instant noSweepBefore = Instant.MIN;

  private static final class Client {
    final ArrayDeque<Instant> failures = new ArrayDeque<>();
    int open;
  }

  public AuthFailureLedger(int limit, Duration window, Clock clock) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("limit and window must be positive");
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /**
   * Opens an exchange for {@code address}, or returns false when its recent failures and open
   * exchanges are at the limit; an opened exchange must end with {@link #succeeded} or {@link
   * #failed}.
   */
  public synchronized boolean tryBegin(InetAddress address) {
    Instant now = clock.instant();
    InetAddress key = keyOf(address);
    Client client = clients.get(key);
    if (client == null) {
      if (clients.size() >= MAX_CLIENTS && !dropStale(now)) {
        return false;
      }
      client = new Client();
      clients.put(key, client);
    }
    expire(client, now);
    if (client.failures.size() + client.open >= limit) {
      forgetIfIdle(key, client);
      return false;
    }
    client.open++;
    return true;
  }

  /** The exchange ended without a failure to count (success or cancel). */
  public synchronized void succeeded(InetAddress address) {
    InetAddress key = keyOf(address);
    Client client = clients.get(key);
    if (client != null && client.open > 0) {
      client.open--;
      expire(client, clock.instant());
      forgetIfIdle(key, client);
    }
  }

  /** The exchange failed: it counts against the address for the window from now. */
  public synchronized void failed(InetAddress address) {
    Client client = clients.get(keyOf(address));
    if (client != null && client.open > 0) {
      client.open--;
      client.failures.addLast(clock.instant());
    }
  }

  /** How many addresses are tracked now: for tests of the bound. */
  synchronized int trackedClients() {
    return clients.size();
  }

  private void expire(Client client, Instant now) {
    Instant oldest = now.minus(window);
    while (!client.failures.isEmpty() && !client.failures.peekFirst().isAfter(oldest)) {
      client.failures.removeFirst();
    }
  }

  private void forgetIfIdle(InetAddress key, Client client) {
    if (client.open == 0 && client.failures.isEmpty()) {
      clients.remove(key);
    }
  }

  /**
   * Drops every address with nothing left to count; true if that made room. A sweep that made no
   * room is not tried again for a second, so a full table costs each newcomer no more than a
   * lookup.
   */
  private boolean dropStale(Instant now) {
    if (now.isBefore(noSweepBefore)) {
      return false;
    }
    for (Iterator<Client> it = clients.values().iterator(); it.hasNext(); ) {
      Client client = it.next();
      expire(client, now);
      if (client.open == 0 && client.failures.isEmpty()) {
        it.remove();
      }
    }
    if (clients.size() < MAX_CLIENTS) {
      return true;
    }
    noSweepBefore = now.plusSeconds(1);
    return false;
  }

  /** The address itself for IPv4; the /64 network for IPv6. */
  static InetAddress keyOf(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] octets = address.getAddress();
    for (int i = 8; i < octets.length; i++) {
      octets[i] = 0;
    }
    try {
      return InetAddress.getByAddress(octets);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 octets are always an IPv6 address", e);
    }
  }
}
