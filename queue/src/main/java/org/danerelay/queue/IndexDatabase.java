package org.danerelay.queue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the index database in a state where every row can be claimed, then migrates it.
 *
 * <p>An embedded H2 index that a {@code kill -9} cut at the wrong moment can keep rows that no
 * transaction can ever lock, so that their mail is never delivered (ADR 0006). Such an index is
 * healed before anything else touches it, since a migration or claim that updates such a row spins
 * for ever: the default index is rebuilt from what it can still read ({@link IndexRebuild}). An H2
 * database named by {@code queue.url} cannot be swapped like that, so start-up stops with what to
 * do instead of going on with mail it cannot deliver. Other databases are trusted as they are.
 */
final class IndexDatabase {

  private static final Logger log = LoggerFactory.getLogger(IndexDatabase.class);

  private IndexDatabase() {}

  /** The open pool, and what was repaired to get there. */
  record Opened(ConnectionPool pool, Optional<IndexRepair> repair) {}

  /**
   * Opens, checks, heals if need be, and migrates.
   *
   * @throws QueueException if the database cannot be opened, healed or migrated
   */
  static Opened open(QueueSettings settings, SpoolLayout layout, Clock clock) throws IOException {
    boolean embedded = settings.jdbcUrl() == null;
    IndexRebuild rebuild = new IndexRebuild(layout, clock);
    if (embedded) {
      rebuild.finishInterrupted();
    }
    String url = settings.effectiveJdbcUrl();
    Optional<IndexRepair> repair = Optional.empty();
    if (url.startsWith("jdbc:h2:")) {
      Health before = health(url);
      if (!before.sound()) {
        log.error(
            "the queue index was left by a crash with {}: their mail would never be delivered;"
                + " repairing the index",
            before);
        if (!embedded) {
          throw new QueueException(
              "the queue index "
                  + MessageQueue.redacted(url)
                  + " was left by a crash with "
                  + before
                  + "; only the default index (queue.url empty) is rebuilt in place: copy its"
                  + " readable rows into a new database (SCRIPT TO, RUNSCRIPT) and point"
                  + " queue.url there; the spool files re-import what is missing (ADR 0006)",
              null);
        }
        String remedy = rebuilt(rebuild.rebuild());
        Health after = health(url);
        if (!after.sound()) {
          throw new QueueException(
              "the queue index still has " + after + " after it was " + remedy, null);
        }
        repair =
            Optional.of(
                new IndexRepair(
                    before.stuckRows(), before.strandedCommits(), before.toString(), remedy));
      }
    }
    ConnectionPool pool = ConnectionPool.open(url);
    try {
      IndexSchema.migrate(pool.dataSource(), url);
      return new Opened(pool, repair);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * What the checks of an H2 index found; sound when they found nothing and could run at all.
   *
   * @param failure why the checks themselves failed (H2 reporting a damaged table, e.g. "Row not
   *     found in primary index"), or empty
   */
  private record Health(int stuckRows, int strandedCommits, Optional<String> failure) {
    boolean sound() {
      return stuckRows == 0 && strandedCommits == 0 && failure.isEmpty();
    }

    @Override
    public String toString() {
      return failure
          .map(reason -> "a table its checks could not read (" + reason + ")")
          .orElse(
              stuckRows
                  + " stuck rows (unlockable or unseen) and "
                  + strandedCommits
                  + " commits that H2 never finished");
    }
  }

  // The stranded-commit check first: it must see H2's transactions before any other runs. Its own
  // connection, before the pool opens any, so that opening fails here with H2's reason.
  private static Health health(String url) {
    int stranded = 0;
    try (Connection connection = ConnectionPool.unpooled(url)) {
      stranded = StrandedCommits.count(connection).orElse(0);
      return new Health(StuckRows.count(connection), stranded, Optional.empty());
    } catch (SQLException e) {
      if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        throw new QueueException("the queue index is in use by another process", e);
      }
      // A crash can also leave an index entry without its row; H2 then fails the read itself.
      return new Health(0, stranded, Optional.of(reason(e)));
    }
  }

  /** The message of {@code e} and of its causes (H2 puts the detail in the cause), one line. */
  private static String reason(Throwable e) {
    StringBuilder reason = new StringBuilder();
    for (Throwable t = e; t != null && reason.length() < 600; t = t.getCause()) {
      reason.append(reason.length() == 0 ? "" : ": ").append(t.getMessage());
    }
    String line = reason.toString().replaceAll("\\s+", " ");
    return line.substring(0, Math.min(600, line.length()));
  }

  private static String rebuilt(IndexRebuild.Result result) {
    String kept = "; the damaged index is kept in " + result.damagedCopy();
    if (result.salvagedMessages() < 0) {
      return "rebuilt empty, every message re-imported from its spool file" + kept;
    }
    return "rebuilt from its readable rows (" + result.salvagedMessages() + " messages)" + kept;
  }
}
