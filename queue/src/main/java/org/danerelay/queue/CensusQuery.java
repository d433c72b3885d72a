package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the {@link QueueCensus} in one statement, and answers the trivial query a health check
 * asks; both with a time limit, so that a wedged database makes them fail rather than hang.
 */
final class CensusQuery {

  // Plain SQL that H2 and PostgreSQL share. Grouped by the stored state text, so that a state
  // this code does not know (a newer relay sharing the database) is passed over, not an error.
  private static final String CENSUS =
      "SELECT r.state, COUNT(*), MIN(m.received_at) FROM recipient r"
          + " JOIN message m ON m.id = r.message_id GROUP BY r.state";

  private final DataSource dataSource;

  CensusQuery(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  QueueCensus census(Duration limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(CENSUS)) {
      statement.setQueryTimeout(seconds(limit));
      Map<RecipientState, Long> counts = new EnumMap<>(RecipientState.class);
      Instant oldest = null;
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Optional<RecipientState> state = known(rows.getString(1));
          if (state.isEmpty()) {
            continue;
          }
          counts.put(state.get(), rows.getLong(2));
          Instant since = SqlTime.instant(rows, 3);
          if (QueueCensus.pending(state.get()) && (oldest == null || since.isBefore(oldest))) {
            oldest = since;
          }
        }
      }
      return new QueueCensus(counts, Optional.ofNullable(oldest));
    } catch (SQLException e) {
      throw new QueueException("could not count the queue by state", e);
    }
  }

  void ping(Duration limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
      statement.setQueryTimeout(seconds(limit));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
      }
    } catch (SQLException e) {
      throw new QueueException("the queue database does not answer: " + e.getMessage(), e);
    }
  }

  /** JDBC counts query timeouts in whole seconds, and 0 would mean none. */
  private static int seconds(Duration limit) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit.toSeconds()));
  }

  private static Optional<RecipientState> known(String state) {
    try {
      return Optional.of(RecipientState.valueOf(state));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
