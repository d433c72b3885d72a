package org.danerelay.server.smtp.wire;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How long one session may still wait for its client, kept by the session's own input and output
 * and read by the watch that cuts sessions off.
 *
 * <p>Deadlines are per request, as Postfix's {@code smtpd_per_request_deadline}: a command line
 * must arrive whole within the command timeout, however its bytes trickle in. Only the time spent
 * blocked on the client counts; the relay's own work (a commit, a DNS lookup) does not. DATA
 * content earns one second per {@code minDataRate} octets received, never more than the timeout
 * ahead ({@code smtpd_min_data_rate}). Under stress, a command gets the shorter stress timeout.
 *
 * <p>Written by the session's thread, read by the watch's: every field the watch reads is volatile,
 * and a reading one tick stale only delays a cut by a tick.
 */
public final class SessionClock {

  /** What the session is doing, as far as waiting on the client goes. */
  public enum Phase {
    /** The relay is working or replying; nothing is asked of the client. */
    BUSY,
    /** Waiting for a command line to arrive whole. */
    COMMAND,
    /** Receiving message content after {@code 354}. */
    CONTENT,
    /** The TLS handshake after {@code 220 Ready to start TLS}. */
    HANDSHAKE
  }

  private static final long NOT_SINCE = Long.MIN_VALUE;

  private final SessionTimeouts timeouts;
  private final LongSupplier nanoTime;
  private final long startedAt;

  private volatile Phase phase = Phase.BUSY;
  private volatile long phaseSince;

  /** What is left of the current request's deadline, not counting a read in progress. */
  private volatile long remaining;

  private volatile long readingSince = NOT_SINCE;
  private volatile long writingSince = NOT_SINCE;

  public SessionClock(SessionTimeouts timeouts, LongSupplier nanoTime) {
    this.timeouts = timeouts;
    this.nanoTime = nanoTime;
    this.startedAt = nanoTime.getAsLong();
    this.phaseSince = startedAt;
  }

  /** The relay starts waiting for the next command line. */
  void commandAwaited() {
    enter(Phase.COMMAND);
  }

  /** A whole command line has arrived: the relay works on it. */
  void commandArrived() {
    enter(Phase.BUSY);
  }

  /** The relay has sent {@code 354} and reads message content. */
  void contentStarted() {
    enter(Phase.CONTENT);
  }

  /** The content ended with {@code <CRLF>.<CRLF>}: the relay stores it. */
  void contentEnded() {
    enter(Phase.BUSY);
  }

  /** The TLS handshake begins; its bytes are not the session's plaintext. */
  public void handshakeStarted() {
    enter(Phase.HANDSHAKE);
  }

  void readStarted() {
    readingSince = nanoTime.getAsLong();
  }

  /** A read that blocked on the client returned {@code octets} (negative at end of stream). */
  void readEnded(int octets) {
    long now = nanoTime.getAsLong();
    long left = remaining - (now - readingSince);
    if (phase == Phase.CONTENT && octets > 0) {
      left = Math.min(left + timeouts.creditFor(octets), timeouts.command().toNanos());
    }
    remaining = left;
    readingSince = NOT_SINCE;
  }

  void writeStarted() {
    writingSince = nanoTime.getAsLong();
  }

  void writeEnded() {
    writingSince = NOT_SINCE;
  }

  /** True while a write to the client is blocked or in progress: no reply can be slipped in. */
  public boolean writing() {
    return writingSince != NOT_SINCE;
  }

  /**
   * What the session has overrun at this moment, if anything.
   *
   * @param stressed the listener is nearly full: commands and handshakes get the stress timeout
   */
  public Optional<Overrun> overrun(boolean stressed) {
    long now = nanoTime.getAsLong();
    long writing = writingSince;
    Phase current = phase;
    if (writing != NOT_SINCE && now - writing > limitFor(Phase.COMMAND, stressed)) {
      return Optional.of(Overrun.WRITE_STALLED);
    }
    boolean waitsOnClient = current != Phase.BUSY || writing != NOT_SINCE;
    if (waitsOnClient && now - startedAt > timeouts.session().toNanos()) {
      return Optional.of(Overrun.SESSION);
    }
    if (current == Phase.HANDSHAKE && now - phaseSince > limitFor(current, stressed)) {
      return Optional.of(Overrun.HANDSHAKE);
    }
    long reading = readingSince;
    if (reading == NOT_SINCE || (current != Phase.COMMAND && current != Phase.CONTENT)) {
      return Optional.empty();
    }
    long left = remaining - (now - reading);
    if (current == Phase.COMMAND && stressed) {
      // Spent so far on this command, against the shorter limit.
      long spent = timeouts.command().toNanos() - left;
      left = Math.min(left, timeouts.stress().toNanos() - spent);
    }
    if (left >= 0) {
      return Optional.empty();
    }
    return Optional.of(current == Phase.COMMAND ? Overrun.COMMAND : Overrun.CONTENT);
  }

  private long limitFor(Phase phase, boolean stressed) {
    return (stressed ? timeouts.stress() : timeouts.command()).toNanos();
  }

  private void enter(Phase next) {
    phaseSince = nanoTime.getAsLong();
    remaining = timeouts.command().toNanos();
    phase = next;
  }
}
