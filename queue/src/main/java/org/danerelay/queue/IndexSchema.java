package org.danerelay.queue;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Brings a queue database to the current schema with Flyway: the files in {@code db/migration},
 * which H2 and PostgreSQL share, and for PostgreSQL also those in {@code db/postgresql}.
 *
 * <p>Versions are numbered across both folders: a version used in one is never reused in the other,
 * so that a later shared migration follows every vendor's own.
 */
final class IndexSchema {

  private static final String SHARED = "classpath:db/migration";
  private static final String POSTGRESQL = "classpath:db/postgresql";

  private IndexSchema() {}

  /**
   * Runs the migrations the database at {@code url} lacks, through {@code dataSource}.
   *
   * @throws org.flywaydb.core.api.FlywayException if one fails
   */
  static void migrate(DataSource dataSource, String url) {
    String[] locations =
        ConnectionPool.isShared(url) ? new String[] {SHARED, POSTGRESQL} : new String[] {SHARED};
    Flyway.configure().dataSource(dataSource).locations(locations).load().migrate();
  }

  /** Migrates the H2 database at {@code url}. */
  static void migrate(String url) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    h2.setUser("sa");
    migrate(h2, url);
  }
}
