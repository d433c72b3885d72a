package org.danerelay.queue;

/** {@link DelayWarningTest} with the queue on a private PostgreSQL. */
class DelayWarningOnPostgresTest extends DelayWarningTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
