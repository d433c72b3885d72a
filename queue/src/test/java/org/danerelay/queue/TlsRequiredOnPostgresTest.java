package org.danerelay.queue;

/** {@link TlsRequiredTest} with the queue on a private PostgreSQL. */
class TlsRequiredOnPostgresTest extends TlsRequiredTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
