package org.danerelay.queue;

/** {@link RecordAndFinishTest} with the queue on a private PostgreSQL. */
class RecordAndFinishOnPostgresTest extends RecordAndFinishTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
