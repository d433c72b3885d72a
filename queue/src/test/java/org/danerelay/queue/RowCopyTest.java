package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0006: a salvage copies what the old index can show, and leaves behind the children that a
 * crash left without their parent (an unseen message row): their messages are re-imported whole.
 */
class RowCopyTest {

  @TempDir Path folder;

  @Test
  void leavesRecipientsAndAttemptsWithoutTheirMessageBehindAndCopiesTheRest() throws Exception {
    // The damaged index as a crash can leave it, stood in for by tables without foreign keys.
    try (Connection from = DriverManager.getConnection(url("old"), "sa", "");
        Statement sql = from.createStatement()) {
      sql.execute(
          "CREATE TABLE message (id VARCHAR(16) PRIMARY KEY, sender VARCHAR(1024),"
              + " received_at TIMESTAMP WITH TIME ZONE, size BIGINT, client_address VARCHAR(128),"
              + " client_helo VARCHAR(1024), spool_file VARCHAR(1024))");
      sql.execute(
          "CREATE TABLE recipient (message_id VARCHAR(16), idx INTEGER, address VARCHAR(1024),"
              + " state VARCHAR(16), attempts INTEGER, next_attempt TIMESTAMP WITH TIME ZONE,"
              + " last_reply VARCHAR(4096), lease_until TIMESTAMP WITH TIME ZONE)");
      String when = "TIMESTAMP WITH TIME ZONE '2025-06-01 12:00:00+00'";
      sql.execute(
          "INSERT INTO message VALUES ('01JWNNT0C8026RRJ', 'a@example.org', "
              + when
              + ", 10, '192.0.2.1', 'h.example', 'messages/01JWNNT0C8026RRJ.msg')");
      sql.execute(
          "INSERT INTO recipient VALUES ('01JWNNT0C8026RRJ', 0, 'b@example.net', 'DELIVERED', 1, "
              + when
              + ", '250 ok', NULL), ('01JWNNT0C8026RRK', 0, 'c@example.net', 'QUEUED', 0, "
              + when
              + ", NULL, "
              + when
              + ")");
    }

    try (Connection from = DriverManager.getConnection(url("old"), "sa", "");
        Connection to = DriverManager.getConnection(url("new"), "sa", "")) {
      IndexSchema.migrate(url("new"));
      to.setAutoCommit(false);
      assertEquals(1, RowCopy.copy(from, to));
      to.commit();
      try (Statement sql = to.createStatement();
          ResultSet rows =
              sql.executeQuery("SELECT message_id, state, last_reply FROM recipient")) {
        rows.next();
        assertEquals("01JWNNT0C8026RRJ", rows.getString(1));
        assertEquals("DELIVERED", rows.getString(2));
        assertEquals("250 ok", rows.getString(3));
        assertEquals(false, rows.next(), "the recipient without a message stays behind");
      }
    }
  }

  private String url(String name) {
    return SpoolLayout.indexUrl(folder.resolve(name));
  }
}
