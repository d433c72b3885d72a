package org.danerelay.queue;

/** {@link QueueCensusTest} with the queue on a private PostgreSQL. */
class QueueCensusOnPostgresTest extends QueueCensusTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
