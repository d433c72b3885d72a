package org.danerelay.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bodies in the {@code message_body} table of a database that several nodes share, so that any node
 * can deliver any message (issue 14). The index writer copies each body in from its {@code
 * incoming/} file, in the transaction that inserts the message's rows ({@link BodyChunks}); with
 * PostgreSQL's synchronous commit that commit is what the 250 waits for.
 */
final class DatabaseBodies implements BodyStore {

  private final DataSource dataSource;

  DatabaseBodies(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Nothing to make durable yet: the file is a staging copy, durable once it is in the rows. */
  @Override
  public Staged stage(String id, Path tmpFile, FileChannel channel, long headerBytes)
      throws IOException {
    channel.close();
    return new Staged("", Optional.of(new BodyFile(tmpFile, headerBytes)), tmpFile, true);
  }

  /** One query for the first chunk, which also tells whether the message is there. */
  @Override
  public InputStream open(String id) throws IOException {
    byte[] first = BodyChunks.fetch(dataSource, id, 0);
    if (first == null) {
      throw new NoSuchFileException("no queued message " + id);
    }
    return new BodyChunks.Reader(dataSource, id, first);
  }

  /** A body in the database has no name of its own: the batch's commit makes it durable. */
  @Override
  public void makeNamesDurable() {}

  /** The rows go with the message's own (ON DELETE CASCADE), in the same transaction. */
  @Override
  public void remove(String id, boolean durably) {}
}
