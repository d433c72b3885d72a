package org.danerelay.queue;

/** {@link TlsRptStoreTest} with the queue on a private PostgreSQL. */
class TlsRptStoreOnPostgresTest extends TlsRptStoreTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
