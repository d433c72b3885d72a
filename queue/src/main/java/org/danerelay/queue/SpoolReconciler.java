package org.danerelay.queue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the index back in line with the spool files at start-up.
 *
 * <p>The spool files are fsynced and H2 is not, so after a crash or power loss the files are the
 * truth: a committed file without rows is re-imported from its header, rows without a file are
 * dropped, and unfinished {@code .tmp} files (never acknowledged with a 250) are deleted.
 */
final class SpoolReconciler {

  private static final Logger log = LoggerFactory.getLogger(SpoolReconciler.class);

  private final SpoolLayout layout;
  private final QueueIndex index;
  private final Clock clock;

  SpoolReconciler(SpoolLayout layout, QueueIndex index, Clock clock) {
    this.layout = layout;
    this.index = index;
    this.clock = clock;
  }

  /**
   * Runs the repair.
   *
   * @return how many messages needed it: re-imported, dropped from the index, or moved aside
   */
  int reconcile() throws IOException {
    deleteUnfinishedFiles();
    Set<String> indexed = index.messageIds();
    Set<String> onDisk = new HashSet<>();
    int repaired = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.messages())) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String id = name.substring(0, Math.max(0, name.length() - SpoolLayout.MSG_SUFFIX.length()));
        if (!name.endsWith(SpoolLayout.MSG_SUFFIX) || !QueueId.isValid(id)) {
          moveAside(file, "name is not <queue id>.msg");
          repaired++;
        } else if (indexed.contains(id)) {
          onDisk.add(id);
        } else if (reimport(file, id)) {
          onDisk.add(id);
          repaired++;
        } else {
          repaired++;
        }
      }
    }
    for (String id : indexed) {
      if (!onDisk.contains(id)) {
        // Only after a final state was committed, the file removed, and then that commit lost.
        log.warn(
            "message {} is indexed but its spool file is gone: removing it from the index", id);
        index.delete(id);
        repaired++;
      }
    }
    return repaired;
  }

  /**
   * Deletes the {@code .tmp} files of {@code incoming/}: a crash cut their sessions before a 250.
   *
   * @return how many were deleted
   */
  int deleteUnfinishedFiles() throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.incoming())) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(SpoolLayout.TMP_SUFFIX)) {
          log.warn("deleting unfinished spool file {} (its message was never acknowledged)", name);
          Files.deleteIfExists(file);
          deleted++;
        } else {
          log.warn("leaving unexpected file {} in {}", name, layout.incoming());
        }
      }
    }
    return deleted;
  }

  /** Re-creates the rows of one message from its header; false if the file was moved aside. */
  private boolean reimport(Path file, String id) throws IOException {
    SpoolHeader header;
    long size;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      SpoolHeaderReader reader = new SpoolHeaderReader(in);
      header = reader.read();
      size = Files.size(file) - reader.bytesRead();
    } catch (CorruptSpoolFileException e) {
      moveAside(file, e.getMessage());
      return false;
    }
    if (!header.id().equals(id)) {
      moveAside(file, "header id " + header.id() + " does not match the file name");
      return false;
    }
    log.warn("message {} has a spool file but no index rows: re-importing it", id);
    index.insertAll(
        List.of(new NewMessage(header, size, layout.relativeName(file), clock.instant())));
    return true;
  }

  // Never delete: a corrupt file may still hold someone's mail that a human can recover.
  private void moveAside(Path file, String reason) {
    String name = file.getFileName().toString();
    Path target = layout.corrupt().resolve(name);
    if (Files.exists(target)) {
      target = layout.corrupt().resolve(name + "." + clock.millis());
    }
    try {
      Files.move(file, target);
      log.error("corrupt spool file {} ({}): moved to {}", file, reason, target);
    } catch (IOException e) {
      // Start-up goes on; the file stays unindexed and is looked at again next time.
      log.error("corrupt spool file {} ({}): could not move it aside: {}", file, reason, e);
    }
  }
}
