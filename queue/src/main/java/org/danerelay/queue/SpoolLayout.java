package org.danerelay.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Names the folders and files of a spool directory and makes directory changes durable.
 *
 * <p>{@code incoming/} holds files being written ({@code <id>.tmp}), {@code messages/} holds
 * committed ones ({@code <id>.msg}), {@code corrupt/} holds files that failed to parse at start-up.
 * All three sit on one file system so that the commit rename can be atomic.
 */
final class SpoolLayout {

  static final String TMP_SUFFIX = ".tmp";
  static final String MSG_SUFFIX = ".msg";
  static final String MESSAGES = "messages";

  /** The embedded H2 index's file name, without H2's {@code .mv.db}. */
  private static final String INDEX_NAME = "queue";

  private final Path root;
  private final Path incoming;
  private final Path messages;
  private final Path corrupt;

  SpoolLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.incoming = this.root.resolve("incoming");
    this.messages = this.root.resolve(MESSAGES);
    this.corrupt = this.root.resolve("corrupt");
  }

  /** Creates the folders, making their entries durable before any message depends on them. */
  void createDirectories() throws IOException {
    for (Path dir : List.of(incoming, messages, corrupt)) {
      Path existing = dir;
      while (existing != null && !Files.isDirectory(existing)) {
        existing = existing.getParent();
      }
      if (dir.equals(existing)) {
        continue;
      }
      Files.createDirectories(dir);
      // Every directory that gained an entry is synced, up to the first one that already existed:
      // a new spool folder whose own name is lost in a power cut loses all its messages.
      for (Path parent = dir.getParent(); ; parent = parent.getParent()) {
        fsyncDirectory(parent);
        if (parent.equals(existing)) {
          break;
        }
      }
    }
  }

  /** The spool folder itself. */
  Path root() {
    return root;
  }

  /** The embedded H2 index's folder, when {@code queue.url} is not set. */
  Path index() {
    return root.resolve("index");
  }

  /** Where a new index is built before it replaces a damaged one (ADR 0006). */
  Path indexRebuild() {
    return root.resolve("index-rebuild");
  }

  /** Where damaged indexes are kept, one folder each, named by when they were replaced. */
  Path damagedIndexes() {
    return root.resolve("damaged-index");
  }

  /**
   * The JDBC URL of the embedded H2 index in {@code dir}.
   *
   * <p>{@code WRITE_DELAY=0} so that a killed process loses no committed row; H2 still never
   * fsyncs, which is why the spool files, not the index, are the durability record. {@code
   * QUERY_CACHE_SIZE=64}: H2 keeps 8 parsed statements per connection by default, fewer than the
   * queue's delivery path uses, so each statement was parsed again on every use. {@code
   * CACHE_SIZE=4096} (KiB): the index holds only what is queued, and H2's default of 16 MiB of page
   * cache in the heap was a third of the relay's live heap during a burst.
   */
  static String indexUrl(Path dir) {
    return "jdbc:h2:file:"
        + dir.toAbsolutePath().normalize().resolve(INDEX_NAME)
        + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64;CACHE_SIZE=4096";
  }

  Path incoming() {
    return incoming;
  }

  Path messages() {
    return messages;
  }

  Path corrupt() {
    return corrupt;
  }

  Path tmpFile(String id) {
    return incoming.resolve(QueueId.requireValid(id) + TMP_SUFFIX);
  }

  Path messageFile(String id) {
    return messages.resolve(QueueId.requireValid(id) + MSG_SUFFIX);
  }

  /** The path stored in the index: relative, so a spool directory can be moved as a whole. */
  String relativeName(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /**
   * Flushes a directory's entries (creates, renames) to disk.
   *
   * <p>fsync of a file does not cover its name; after a rename the parent directory has to be
   * synced too, or a power loss can bring back the old name. Opening a directory for reading and
   * forcing it works on Linux and the BSDs (not on Windows).
   */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
