package org.danerelay.server.smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-request deadlines, on a clock the test moves by hand. */
class SessionClockTest {

  private static final long SECOND = 1_000_000_000L;

  private long now;
  private final SessionClock clock =
      new SessionClock(
          new SessionTimeouts(
              Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(30), 500),
          () -> now);

  @Test
  void spendsTheCommandTimeoutAcrossReadsInsteadOfRestartingItOnEachOctet() {
    clock.commandAwaited();
    for (int i = 0; i < 9; i++) {
      read(SECOND, 1);
    }
    assertEquals(Optional.empty(), overrunAfterBlocking(SECOND - 1, false));
    assertEquals(Optional.of(Overrun.COMMAND), overrunAfterBlocking(2, false));
  }

  @Test
  void givesTheNextCommandTheWholeTimeoutAgain() {
    clock.commandAwaited();
    read(9 * SECOND, 20);
    clock.commandArrived();
    now += 60 * SECOND; // the relay's own work does not count
    clock.commandAwaited();
    assertEquals(Optional.empty(), overrunAfterBlocking(10 * SECOND - 1, false));
  }

  @Test
  void givesCommandsOnlyTheStressTimeoutUnderStress() {
    clock.commandAwaited();
    read(SECOND, 1);
    assertEquals(Optional.empty(), overrunAfterBlocking(SECOND - 1, true));
    assertEquals(Optional.of(Overrun.COMMAND), overrunAfterBlocking(2, true));
  }

  @Test
  void creditsContentAtTheMinimumRateButNeverBeyondTheTimeout() {
    clock.contentStarted();
    // 5,000 octets earn 10 s, but the deadline stays at most 10 s ahead.
    read(SECOND, 5_000);
    assertEquals(Optional.empty(), overrunAfterBlocking(10 * SECOND - 1, false));
    assertEquals(Optional.of(Overrun.CONTENT), overrunAfterBlocking(2, false));
  }

  @Test
  void runsOutOfTimeWhenContentComesSlowerThanTheMinimumRate() {
    clock.contentStarted();
    // 250 octets a second is half the minimum: each second costs half a second of the 10.
    for (int i = 0; i < 19; i++) {
      read(SECOND, 250);
    }
    assertEquals(Optional.empty(), overrunAfterBlocking(SECOND / 2 - 1, false));
    assertEquals(Optional.of(Overrun.CONTENT), overrunAfterBlocking(2, false));
  }

  @Test
  void cutsAClientThatStopsReadingAfterTheCommandTimeout() {
    clock.writeStarted();
    now += 10 * SECOND;
    assertEquals(Optional.empty(), clock.overrun(false));
    now += 1;
    assertEquals(Optional.of(Overrun.WRITE_STALLED), clock.overrun(false));
  }

  @Test
  void neverCutsWhileTheRelayItselfIsBusy() {
    clock.commandArrived();
    now += 3_600 * SECOND;
    assertEquals(Optional.empty(), clock.overrun(true));
  }

  @Test
  void endsASessionPastItsTimeLimitOnceItWaitsOnTheClient() {
    now += 31 * 60 * SECOND;
    clock.commandAwaited();
    clock.readStarted();
    assertEquals(Optional.of(Overrun.SESSION), clock.overrun(false));
  }

  /** A read that blocks {@code nanos} and then returns {@code octets}. */
  private void read(long nanos, int octets) {
    clock.readStarted();
    now += nanos;
    clock.readEnded(octets);
  }

  /** Starts a read and lets {@code nanos} pass in it; what has the session overrun? */
  private Optional<Overrun> overrunAfterBlocking(long nanos, boolean stressed) {
    clock.readStarted();
    now += nanos;
    Optional<Overrun> overrun = clock.overrun(stressed);
    clock.readEnded(0);
    return overrun;
  }
}
