package org.danerelay.queue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Bodies in fsynced spool files, {@code messages/<id>.msg}, the durability record of an H2 queue
 * (ADR 0001): the index can be rebuilt from them.
 */
final class SpoolFiles implements BodyStore {

  private final SpoolLayout layout;

  SpoolFiles(SpoolLayout layout) {
    this.layout = layout;
  }

  /**
   * The file's bytes are forced to disk, then it is renamed into {@code messages/}. The new name is
   * made durable by {@link #makeNamesDurable}, before the message's rows commit.
   */
  @Override
  public Staged stage(String id, Path tmpFile, FileChannel channel, long headerBytes)
      throws IOException {
    channel.force(true);
    channel.close();
    Path target = layout.messageFile(id);
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException("queue id already in use: " + id);
    }
    Files.move(tmpFile, target, StandardCopyOption.ATOMIC_MOVE);
    return new Staged(layout.relativeName(target), Optional.empty(), target, false);
  }

  /**
   * Forces {@code messages/}, so that the names of the files renamed into it so far survive a power
   * loss. One sync per index batch: one per message queued the syncs up behind each other under
   * concurrent sessions. If it fails, the batch's sessions delete their files and answer 4xx;
   * should a power loss bring such a name back, reconciliation re-imports it and the worst case is
   * a duplicate, never a loss.
   */
  @Override
  public void makeNamesDurable() throws IOException {
    SpoolLayout.fsyncDirectory(layout.messages());
  }

  @Override
  public InputStream open(String id) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(layout.messageFile(id)));
    try {
      new SpoolHeaderReader(in).read();
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * One directory sync per postmaster command is cheap, one per delivered message would not be:
   * only a removal he asked for is made durable at once.
   */
  @Override
  public void remove(String id, boolean durably) {
    try {
      Files.deleteIfExists(layout.messageFile(id));
      if (durably) {
        SpoolLayout.fsyncDirectory(layout.messages());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the spool file of " + id, e);
    }
  }
}
