package org.danerelay.queue;

/** {@link StsPolicyStoreTest} with the queue on a private PostgreSQL. */
class StsPolicyStoreOnPostgresTest extends StsPolicyStoreTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
