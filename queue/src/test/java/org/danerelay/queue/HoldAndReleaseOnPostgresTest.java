package org.danerelay.queue;

/** {@link HoldAndReleaseTest} with the queue on a private PostgreSQL. */
class HoldAndReleaseOnPostgresTest extends HoldAndReleaseTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
