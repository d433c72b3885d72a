package org.danerelay.queue;

/** {@link NoteAttemptTest} with the queue on a private PostgreSQL. */
class NoteAttemptOnPostgresTest extends NoteAttemptTest {

  private final String url = PrivatePostgres.get().newDatabase();

  @Override
  String jdbcUrl() {
    return url;
  }
}
