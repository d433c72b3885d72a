package org.danerelay.server.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.danerelay.queue.Envelope;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.SpoolWriter;
import org.danerelay.queue.TlsRequired;
import org.danerelay.server.metrics.RelayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one message from DATA into the queue, checking it on the way, and commits it durably.
 *
 * <p>The content is read to its end whatever happens, so that nothing the client sent as message
 * text is ever read as a command; a refused or failed message leaves nothing in the queue. Its
 * first {@link #HEAD_BYTES} are read before the spool file is made, so that a {@code TLS-Required:
 * No} header field (RFC 8689 5) is kept in the envelope.
 */
public final class MessageIngest {

  private static final Logger log = LoggerFactory.getLogger(MessageIngest.class);
  private static final String LOCAL_ERROR = "451 4.3.0 Local error in processing; not queued";
  private static final int HEAD_BYTES = 16 * 1024;

  private final MessageQueue queue;
  private final long maxSize;
  private final int maxLineLength;
  private final long minFreeSpace;
  private final RelayMetrics metrics;

  /**
   * @param minFreeSpace octets the queue's file system must keep free after a message of its
   *     declared size
   * @param metrics told of every message queued
   */
  public MessageIngest(
      MessageQueue queue,
      long maxSize,
      int maxLineLength,
      long minFreeSpace,
      RelayMetrics metrics) {
    this.queue = queue;
    this.maxSize = maxSize;
    this.maxLineLength = maxLineLength;
    this.minFreeSpace = minFreeSpace;
    this.metrics = metrics;
  }

  /**
   * Whether the queue has room for a message of {@code declaredSize} octets (0 when the client
   * declared none) and still keeps its minimum free space; a file system that cannot say has none.
   */
  public boolean hasRoomFor(long declaredSize) {
    try {
      return queue.usableSpace() - declaredSize >= minFreeSpace;
    } catch (IOException e) {
      log.error("cannot tell the free space of the queue's file system: {}", e.getMessage());
      return false;
    }
  }

  /**
   * Queues the content of {@code data} for {@code envelope}, headed by the trace header that {@code
   * receivedHeader} renders for the new queue id.
   *
   * @throws IOException only when reading from the client fails; then there is no one to answer
   */
  public IngestOutcome ingest(
      Envelope envelope, Function<String, String> receivedHeader, InputStream data)
      throws IOException {
    String id = queue.newId();
    DataGuardInputStream guarded = new DataGuardInputStream(data, maxSize, maxLineLength);
    byte[] buffer = new byte[HEAD_BYTES];
    int head = guarded.readNBytes(buffer, 0, buffer.length);
    Envelope kept = envelope;
    if (envelope.tlsRequired() == TlsRequired.DEFAULT && TlsRequiredField.saysNo(buffer, head)) {
      kept = envelope.withTlsRequired(TlsRequired.NO); // RFC 8689 5: REQUIRETLS would win
    }
    SpoolWriter created;
    try {
      created = queue.create(id, kept);
    } catch (IOException | RuntimeException e) {
      log.error("{}: not queued, cannot create a spool file: {}", id, FaultSummary.of(e));
      guarded.transferTo(OutputStream.nullOutputStream());
      return new IngestOutcome.Refused(LOCAL_ERROR);
    }
    try (SpoolWriter spool = created) {
      boolean spooled =
          copyToEnd(id, guarded, spool.body(), receivedHeader.apply(id), buffer, head);
      if (guarded.violation() != null) {
        return new IngestOutcome.Refused(guarded.violation().reply());
      }
      if (!spooled) {
        return new IngestOutcome.Refused(LOCAL_ERROR);
      }
      return commit(id, spool, kept.tlsRequired());
    }
  }

  /**
   * Makes the message durable and indexed; a failure here (a full disk, a database that cannot
   * commit) is ours, so the client gets a 451 and retries, and the session goes on.
   */
  private IngestOutcome commit(String id, SpoolWriter spool, TlsRequired tlsRequired) {
    try {
      spool.commit();
      // Durable now: the 250 that follows is the one danerelay_messages_accepted_total counts.
      metrics.accepted();
      return new IngestOutcome.Queued(id, spool.size(), tlsRequired);
    } catch (IOException | RuntimeException e) {
      log.error("{}: not queued, cannot commit to the queue: {}", id, FaultSummary.of(e));
      return new IngestOutcome.Refused(LOCAL_ERROR);
    }
  }

  /**
   * Writes the trace header and the {@code head} bytes already read, then reads {@code in} to its
   * end, writing to the spool until the first violation. Read errors (the client) propagate; write
   * errors (our disk) are logged and reported as false.
   */
  private static boolean copyToEnd(
      String id,
      DataGuardInputStream in,
      OutputStream spool,
      String header,
      byte[] buffer,
      int head)
      throws IOException {
    boolean spooled =
        write(id, spool, header.getBytes(StandardCharsets.US_ASCII), 0, header.length());
    if (spooled && in.violation() == null) {
      spooled = write(id, spool, buffer, 0, head);
    }
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      if (spooled && in.violation() == null) {
        spooled = write(id, spool, buffer, 0, n);
      }
    }
    return spooled;
  }

  // Logged once: after the first failure the rest of the content is only read, not written.
  private static boolean write(
      String id, OutputStream spool, byte[] bytes, int offset, int length) {
    try {
      spool.write(bytes, offset, length);
      return true;
    } catch (IOException e) {
      log.error("{}: not queued, cannot write to the spool: {}", id, FaultSummary.of(e));
      return false;
    }
  }
}
