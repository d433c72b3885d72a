package org.danerelay.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the embedded H2 index with a fresh database that holds every row the old one can still
 * read, and keeps the old one aside for inspection (ADR 0006).
 *
 * <p>The new database is built in {@code index-rebuild/} and only then swapped in by two renames,
 * so a crash during the rebuild leaves the old index in place and the next start rebuilds again;
 * {@link #finishInterrupted} completes a swap that a crash cut between its two renames. If nothing
 * can be read from the old index, the new one starts empty and reconciliation re-imports every
 * message from its spool file: recipient states and attempts are lost then, never a message.
 */
final class IndexRebuild {

  private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SpoolLayout layout;
  private final Clock clock;

  IndexRebuild(SpoolLayout layout, Clock clock) {
    this.layout = layout;
    this.clock = clock;
  }

  /** What a rebuild kept: the message rows salvaged (-1: none readable) and where the old is. */
  record Result(int salvagedMessages, Path damagedCopy) {}

  /**
   * Settles a rebuild that a crash interrupted: a finished one whose swap was cut is swapped in; an
   * unfinished one is discarded (the old index is still in place). Call before opening the index.
   */
  void finishInterrupted() throws IOException {
    Path building = layout.indexRebuild();
    if (!Files.exists(building)) {
      return;
    }
    if (Files.exists(layout.index())) {
      log.warn("discarding an index rebuild that a crash interrupted: {}", building);
      deleteTree(building);
    } else {
      log.warn("completing an index rebuild that a crash interrupted: {}", building);
      Files.move(building, layout.index(), StandardCopyOption.ATOMIC_MOVE);
      SpoolLayout.fsyncDirectory(layout.root());
    }
  }

  /** Rebuilds the index; the caller has closed every connection to it. */
  Result rebuild() throws IOException {
    Path building = layout.indexRebuild();
    deleteTree(building);
    Files.createDirectories(building);
    int salvaged = salvage(layout.index(), building);
    fsyncFiles(building);
    Path damaged = layout.damagedIndexes().resolve(STAMP.format(clock.instant()));
    Files.createDirectories(damaged.getParent());
    Files.move(layout.index(), damaged, StandardCopyOption.ATOMIC_MOVE);
    Files.move(building, layout.index(), StandardCopyOption.ATOMIC_MOVE);
    SpoolLayout.fsyncDirectory(layout.root());
    return new Result(salvaged, damaged);
  }

  /** Copies what can be read from {@code from} into a new, migrated index in {@code into}. */
  private static int salvage(Path from, Path into) {
    String url = SpoolLayout.indexUrl(into);
    try (Connection target = DriverManager.getConnection(url, "sa", "")) {
      IndexSchema.migrate(url);
      target.setAutoCommit(false);
      try (Connection source = DriverManager.getConnection(SpoolLayout.indexUrl(from), "sa", "")) {
        int messages = RowCopy.copy(source, target);
        target.commit();
        return messages;
      } catch (SQLException | RuntimeException e) {
        target.rollback();
        log.error(
            "could not read the damaged index (every message is re-imported from its spool file,"
                + " without its recipients' states and attempts): {}",
            e.toString());
        return -1;
      }
    } catch (SQLException e) {
      throw new QueueException("could not create a new index in " + into, e);
    }
  }

  // H2 never fsyncs (DEPENDENCIES.md); the new index must be on disk before its name is.
  private static void fsyncFiles(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
    }
    SpoolLayout.fsyncDirectory(dir);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }
}
