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
  private final GroupedDirectorySync messagesSync;

  SpoolFiles(SpoolLayout layout) {
    this.layout = layout;
    this.messagesSync = new GroupedDirectorySync(layout.messages());
  }

  /**
   * The file's bytes are forced to disk, then it is renamed into {@code messages/}, then that
   * directory is forced so the new name survives a power loss (one sync for the sessions that
   * renamed meanwhile).
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
    try {
      messagesSync.sync();
    } catch (IOException e) {
      // Not yet acknowledged, so removing it is right; if a power loss brings the name back,
      // reconciliation re-imports it and the worst case is a duplicate, never a loss.
      Files.deleteIfExists(target);
      throw e;
    }
    return new Staged(layout.relativeName(target), Optional.empty(), target, false);
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
        messagesSync.sync();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the spool file of " + id, e);
    }
  }
}
