package org.danerelay.queue;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Makes unique, time-ordered queue ids: 10 characters of epoch milliseconds, then 6 random ones.
 *
 * <p>Within one millisecond, or when the clock steps back, the random part counts up from the last
 * id (as ULIDs do), so ids from one generator always sort in the order they were made. That keeps
 * {@code ls messages/} and the index in arrival order.
 */
final class QueueIdGenerator {

  private static final int TIME_CHARS = 10; // 50 bits, enough for epoch millis until year 37648
  private static final int RANDOM_CHARS = 6; // 30 bits
  private static final int RANDOM_LIMIT = 1 << (5 * RANDOM_CHARS);
  // Fresh random parts start in the lower half, leaving 2^29 increments before a carry.
  private static final int RANDOM_START_LIMIT = RANDOM_LIMIT / 2;

  private final Clock clock;
  private final SecureRandom random;
  private long lastMillis = -1;
  private int lastRandom;

  QueueIdGenerator(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  synchronized String next() {
    long now = Math.max(0, clock.millis()); // a clock before 1970 must not break the encoding
    if (now > lastMillis) {
      lastMillis = now;
      lastRandom = random.nextInt(RANDOM_START_LIMIT);
    } else if (++lastRandom >= RANDOM_LIMIT) {
      // Out of room in this millisecond: borrow the next one rather than repeat or reorder.
      lastMillis++;
      lastRandom = random.nextInt(RANDOM_START_LIMIT);
    }
    char[] id = new char[TIME_CHARS + RANDOM_CHARS];
    encode(lastMillis, id, 0, TIME_CHARS);
    encode(lastRandom, id, TIME_CHARS, RANDOM_CHARS);
    return new String(id);
  }

  // Most significant 5 bits first, so that string order is numeric order.
  private static void encode(long value, char[] into, int offset, int length) {
    for (int i = offset + length - 1; i >= offset; i--) {
      into[i] = QueueId.ALPHABET.charAt((int) (value & 31));
      value >>>= 5;
    }
  }
}
