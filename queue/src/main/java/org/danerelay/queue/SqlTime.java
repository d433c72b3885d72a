package org.danerelay.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Converts instants to and from {@code TIMESTAMP WITH TIME ZONE}, the same in H2 and PostgreSQL.
 */
final class SqlTime {

  private SqlTime() {}

  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The instant in {@code column}, or {@code null} for SQL NULL. */
  static Instant instant(ResultSet rows, int column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
