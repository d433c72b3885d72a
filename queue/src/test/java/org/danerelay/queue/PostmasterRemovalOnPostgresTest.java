package org.danerelay.queue;

/** {@link PostmasterRemovalTest} with the queue on a private PostgreSQL. */
class PostmasterRemovalOnPostgresTest extends PostmasterRemovalTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
