package org.danerelay.queue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one message into its spool file and commits it durably, or discards it.
 *
 * <p>Use: write the body to {@link #body()}, call {@link #commit()}, and only then answer 250;
 * always {@link #close()} (try-with-resources), which discards an uncommitted file. One SMTP
 * session owns a writer: it is not safe for use by several threads.
 */
public final class SpoolWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SpoolWriter.class);
  // One per session in DATA, so a thousand of them at once: as large as the chunks written to it
  // (MessageIngest copies 16 KiB at a time), no larger (64 KiB cost 48 MiB at 1,000 sessions).
  private static final int BUFFER_BYTES = 16 * 1024;

  /**
   * How long a commit waits for its rows; far inside a client's 10 minutes (RFC 5321 4.5.3.2.6).
   */
  private static final Duration INDEX_WAIT = Duration.ofSeconds(30);

  private enum Phase {
    WRITING,
    COMMITTED,
    DISCARDED
  }

  private final SpoolHeader header;
  private final BodyStore store;
  private final IndexWriter index;
  private final Clock clock;
  private final Path tmpFile;
  private final FileChannel channel;
  private final OutputStream out;
  private final OutputStream body = new BodyStream();
  private final long headerBytes;
  private long size;
  private Phase phase = Phase.WRITING;

  private SpoolWriter(
      SpoolHeader header,
      long headerBytes,
      SpoolLayout layout,
      BodyStore store,
      IndexWriter index,
      Clock clock,
      FileChannel channel) {
    this.header = header;
    this.headerBytes = headerBytes;
    this.store = store;
    this.index = index;
    this.clock = clock;
    this.tmpFile = layout.tmpFile(header.id());
    this.channel = channel;
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
  }

  /** Creates {@code incoming/<id>.tmp} and writes the header into it. */
  static SpoolWriter create(
      SpoolHeader header, SpoolLayout layout, BodyStore store, IndexWriter index, Clock clock)
      throws IOException {
    byte[] encoded = header.encode(); // refuses CR/LF before anything touches the disk
    Path tmp = layout.tmpFile(header.id());
    // CREATE_NEW, then the check below: two writers can never share an id, and a committed
    // message is never overwritten by the rename of a later one.
    FileChannel channel =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    SpoolWriter writer =
        new SpoolWriter(header, encoded.length, layout, store, index, clock, channel);
    try {
      if (Files.exists(layout.messageFile(header.id()))) {
        throw new FileAlreadyExistsException("queue id already in use: " + header.id());
      }
      writer.out.write(encoded);
      return writer;
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /**
   * The stream for the raw message bytes (CRLF line ends, dot-unstuffed). Closing it does not
   * commit or discard anything; writing after commit or close fails.
   */
  public OutputStream body() {
    return body;
  }

  /** Body bytes written so far. */
  public long size() {
    return size;
  }

  /**
   * Makes the message durable, then hands it to the index writer.
   *
   * <p>The body store makes the file durable first (spool files: forced, renamed into {@code
   * messages/}), then the index writer makes the batch's names durable (the directory forced, once
   * per batch) and commits the message's rows, shared with other sessions' rows (a shared database
   * takes the body into the same commit). When this returns the message is durable and indexed and
   * the caller may answer 250. On a failure the file is removed and the caller must answer 4xx;
   * only when the index did not answer in time does the file stay (a duplicate at worst).
   *
   * @throws IOException if the body could not be made durable
   * @throws QueueException if the index could not commit the message's rows
   * @throws IllegalStateException if already committed or closed
   */
  public void commit() throws IOException {
    if (phase != Phase.WRITING) {
      throw new IllegalStateException(
          "spool writer already " + phase.name().toLowerCase(Locale.ROOT));
    }
    phase = Phase.DISCARDED; // unless we get to the end
    BodyStore.Staged staged;
    try {
      out.flush();
      staged = store.stage(header.id(), tmpFile, channel, headerBytes);
    } catch (IOException | RuntimeException e) {
      closeChannelQuietly();
      deleteQuietly(tmpFile); // not yet acknowledged, so removing it is right
      throw e;
    }
    awaitRows(staged);
    phase = Phase.COMMITTED;
  }

  /**
   * Waits for the message's index rows (ADR 0007): a file without rows would be stored but not
   * delivered until the next start, so a failed commit removes the file and the client hears 4xx.
   */
  private void awaitRows(BodyStore.Staged staged) {
    PendingRows rows =
        index.submit(
            new NewMessage(header, size, staged.spoolFile(), clock.instant(), staged.copy()));
    switch (rows.await(INDEX_WAIT)) {
      case INDEXED -> {
        if (staged.deleteWhenIndexed()) {
          deleteQuietly(staged.file());
        }
      }
      case FAILED -> {
        deleteQuietly(staged.file()); // same reasoning as above: never acknowledged
        throw rows.failure();
      }
      case UNCONFIRMED -> {
        phase = Phase.COMMITTED; // the rows may still land: the file must stay with them
        throw new QueueException(
            header.id()
                + ": the index did not confirm within "
                + INDEX_WAIT.toSeconds()
                + " s; the file stays, so the message may arrive twice",
            null);
      }
    }
  }

  /** Discards the message unless it was committed. Never throws. */
  @Override
  public void close() {
    if (phase != Phase.WRITING) {
      return;
    }
    phase = Phase.DISCARDED;
    closeChannelQuietly();
    deleteQuietly(tmpFile);
  }

  private void closeChannelQuietly() {
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("could not close spool file {}: {}", tmpFile.getFileName(), e.toString());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left for the next start-up: reconciliation deletes stray .tmp files.
      log.warn("could not delete spool file {}: {}", file, e.toString());
    }
  }

  /** Counts body bytes and refuses them once the writer is finished. */
  private final class BodyStream extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      ensureWriting();
      out.write(b);
      size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      ensureWriting();
      out.write(bytes, offset, length);
      size += length;
    }

    @Override
    public void flush() throws IOException {
      ensureWriting();
      out.flush();
    }

    @Override
    public void close() {
      // The writer owns the file: commit() or SpoolWriter.close() decide its fate.
    }

    private void ensureWriting() throws IOException {
      if (phase != Phase.WRITING) {
        throw new IOException("spool writer already " + phase.name().toLowerCase(Locale.ROOT));
      }
    }
  }
}
