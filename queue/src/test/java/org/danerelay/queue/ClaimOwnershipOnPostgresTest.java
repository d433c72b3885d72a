package org.danerelay.queue;

/** {@link ClaimOwnershipTest} with the queue on a private PostgreSQL. */
class ClaimOwnershipOnPostgresTest extends ClaimOwnershipTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
