package org.danerelay.queue;

/** {@link FinishMessageTest} with the queue on a private PostgreSQL. */
class FinishMessageOnPostgresTest extends FinishMessageTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
