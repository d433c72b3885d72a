package org.danerelay.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * What happened in one delivery attempt at one recipient, as the delivery log and {@code danerelay
 * queue show} report it.
 *
 * @param startedAt when the attempt began (DNS lookups included)
 * @param finishedAt when its outcome was known; retry and lifetime are measured from here
 * @param relayHost the next hop's host name, or {@code null} when no connection was made
 * @param relayAddress the address connected to, or {@code null}
 * @param relayPort the port connected to, or 0
 * @param tls what protected the session, free text such as {@code "dane"} or {@code
 *     "dane:encrypt"}, at most 64 characters; {@code null} if none was negotiated
 * @param dane a summary of the TLSA records used, or {@code null}; cut to 1024 characters
 * @param status how it ended
 * @param reply the next hop's reply or our reason, starting with an enhanced status code where
 *     there is one; cut to 4096 characters
 */
public record AttemptRecord(
    Instant startedAt,
    Instant finishedAt,
    String relayHost,
    String relayAddress,
    int relayPort,
    String tls,
    String dane,
    AttemptStatus status,
    String reply) {

  static final int MAX_REPLY = 4096;
  static final int MAX_DANE = 1024;
  static final int MAX_TLS = 64;
  static final int MAX_HOST = 255;
  static final int MAX_ADDRESS = 64;

  /**
   * Rejects missing values, an end before the start, a bad port and our own fields over their
   * column size; cuts the remote reply and the DANE summary, which can be of any length.
   */
  public AttemptRecord {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reply, "reply");
    if (finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException("finished " + finishedAt + " before " + startedAt);
    }
    if (relayPort < 0 || relayPort > 65535) {
      throw new IllegalArgumentException("not a port: " + relayPort);
    }
    checkLength("tls", tls, MAX_TLS);
    checkLength("relayHost", relayHost, MAX_HOST);
    checkLength("relayAddress", relayAddress, MAX_ADDRESS);
    reply = cut(reply, MAX_REPLY);
    dane = cut(dane, MAX_DANE);
  }

  /** An attempt that ended before any connection: a DNS failure, no usable MX, a policy defer. */
  public static AttemptRecord withoutConnection(
      Instant startedAt, Instant finishedAt, AttemptStatus status, String reply) {
    return new AttemptRecord(startedAt, finishedAt, null, null, 0, null, null, status, reply);
  }

  private static void checkLength(String name, String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException(name + " longer than " + max + " characters");
    }
  }

  // Never split a surrogate pair: the column would hold half a character.
  private static String cut(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end);
  }
}
