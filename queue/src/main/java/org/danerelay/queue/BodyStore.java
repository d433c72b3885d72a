package org.danerelay.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where committed message bodies live: fsynced spool files beside an H2 index ({@link SpoolFiles}),
 * or rows of the database that several nodes share ({@link DatabaseBodies}).
 *
 * <p>Either way a message is first written to {@code incoming/<id>.tmp} while its client sends it,
 * so that a slow client holds a file and not a database connection.
 */
interface BodyStore {

  /**
   * Takes over a fully written, flushed {@code incoming/} file before its index rows are written.
   *
   * @param channel the file's open channel, which this closes
   * @param headerBytes where the body starts in the file, after the spool header
   * @throws IOException if the body could not be made durable (nothing was acknowledged yet)
   */
  Staged stage(String id, Path tmpFile, FileChannel channel, long headerBytes) throws IOException;

  /**
   * Makes the names of the bodies staged so far survive a power loss. The index writer calls it
   * once per batch, before the batch's rows commit, so that one sync serves every session in it.
   *
   * @throws IOException if that cannot be done (the batch's clients hear 4xx)
   */
  void makeNamesDurable() throws IOException;

  /**
   * Streams a committed body. The caller closes the stream.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such message
   * @throws IOException if the body cannot be read
   */
  InputStream open(String id) throws IOException;

  /**
   * Removes a finished message's body ahead of its rows, where that is a step of its own.
   *
   * @param durably whether a power loss must not bring it back (a postmaster's removal)
   */
  void remove(String id, boolean durably);

  /**
   * A body ready to be indexed.
   *
   * @param spoolFile what {@code message.spool_file} says: the file relative to the spool folder,
   *     or {@code ""} for a body kept in the database
   * @param copy the body for the index writer to copy into the database with the rows, if any
   * @param file the file to delete if the rows are not written (the client hears 4xx)
   * @param deleteWhenIndexed whether {@code file} is a mere copy once the rows are in
   */
  record Staged(String spoolFile, Optional<BodyFile> copy, Path file, boolean deleteWhenIndexed) {}

  /** The body's bytes in a local file, from {@code offset} to its end. */
  record BodyFile(Path file, long offset) {}
}
