package org.danerelay.queue;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** Brings an index database to the current schema: the Flyway files in {@code db/migration}. */
final class IndexSchema {

  private IndexSchema() {}

  /**
   * Runs the migrations the database lacks.
   *
   * @throws org.flywaydb.core.api.FlywayException if one fails
   */
  static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  /** Migrates the H2 database at {@code url}. */
  static void migrate(String url) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    h2.setUser("sa");
    migrate(h2);
  }
}
