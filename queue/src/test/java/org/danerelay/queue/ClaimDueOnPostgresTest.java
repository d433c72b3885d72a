package org.danerelay.queue;

/** {@link ClaimDueTest} with the queue on a private PostgreSQL. */
class ClaimDueOnPostgresTest extends ClaimDueTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
