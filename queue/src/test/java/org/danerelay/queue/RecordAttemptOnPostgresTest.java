package org.danerelay.queue;

/** {@link RecordAttemptTest} with the queue on a private PostgreSQL. */
class RecordAttemptOnPostgresTest extends RecordAttemptTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
