package org.danerelay.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes and reads a body as {@code message_body} rows of at most {@link #CHUNK_BYTES} each, so
 * that no body is ever whole in memory, however large.
 */
final class BodyChunks {

  static final int CHUNK_BYTES = 64 * 1024;

  /** Chunks sent to the database in one round trip at most: bounds the memory of a batch. */
  private static final int BATCH_BYTES = 1024 * 1024;

  private static final String INSERT =
      "INSERT INTO message_body (message_id, seq, data) VALUES (?, ?, ?)";
  private static final String SELECT =
      "SELECT data FROM message_body WHERE message_id = ? AND seq = ?";

  private BodyChunks() {}

  /**
   * Inserts the bodies of {@code messages} (those kept in the database) in the caller's
   * transaction, in batches of about {@link #BATCH_BYTES}: the bodies of a batch of small messages
   * go to the database in one round trip.
   */
  static void insert(Connection connection, List<NewMessage> messages)
      throws SQLException, IOException {
    if (messages.stream().allMatch(message -> message.body().isEmpty())) {
      return; // bodies in spool files (H2): there is no message_body table
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      int batched = 0;
      for (NewMessage message : messages) {
        if (message.body().isPresent()) {
          batched = add(insert, message.header().id(), message.body().get(), batched);
        }
      }
      if (batched > 0) {
        insert.executeBatch();
      }
    }
  }

  /**
   * Adds one body's chunks to the batch, running it whenever it holds BATCH_BYTES; the bytes left.
   */
  private static int add(PreparedStatement insert, String id, BodyStore.BodyFile body, int batched)
      throws SQLException, IOException {
    try (InputStream in = Files.newInputStream(body.file())) {
      in.skipNBytes(body.offset());
      for (int seq = 0; ; seq++) {
        byte[] chunk = in.readNBytes(CHUNK_BYTES);
        if (chunk.length == 0 && seq > 0) {
          return batched;
        }
        insert.setString(1, id);
        insert.setInt(2, seq);
        insert.setBytes(3, chunk); // held by the batch until it runs: a new array each time
        insert.addBatch();
        batched += chunk.length + 1;
        if (batched >= BATCH_BYTES) {
          insert.executeBatch();
          batched = 0;
        }
        if (chunk.length < CHUNK_BYTES) {
          return batched;
        }
      }
    }
  }

  /**
   * Chunk {@code seq} of the body of message {@code id}, read on a connection of its own; null if
   * there is none. Every stored body has a chunk 0 (an empty body an empty one), so that chunk also
   * tells whether the message is there.
   */
  static byte[] fetch(DataSource dataSource, String id, int seq) throws IOException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setString(1, id);
      select.setInt(2, seq);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getBytes(1) : null;
      }
    } catch (SQLException | QueueException e) {
      throw new IOException("could not read the body of " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Streams a body one chunk at a time, each read on a connection of its own: a slow next hop holds
   * no database connection between chunks.
   */
  static final class Reader extends InputStream {
    private final DataSource dataSource;
    private final String id;
    private byte[] chunk;
    private int position;
    private int nextSeq = 1;
    private boolean ended;

    /** A reader that starts with chunk 0, already read by the caller. */
    Reader(DataSource dataSource, String id, byte[] first) {
      this.dataSource = dataSource;
      this.id = id;
      this.chunk = first;
      this.ended = first.length < CHUNK_BYTES;
    }

    @Override
    public int read() throws IOException {
      return fill() ? chunk[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(length, chunk.length - position);
      System.arraycopy(chunk, position, buffer, offset, n);
      position += n;
      return n;
    }

    /** True when bytes are left in {@link #chunk}, fetching the next chunk if need be. */
    private boolean fill() throws IOException {
      while (position == chunk.length && !ended) {
        byte[] next = fetch(dataSource, id, nextSeq);
        if (next == null) {
          ended = true;
        } else {
          chunk = next;
          position = 0;
          nextSeq++;
          ended = next.length < CHUNK_BYTES;
        }
      }
      return position < chunk.length;
    }
  }
}
