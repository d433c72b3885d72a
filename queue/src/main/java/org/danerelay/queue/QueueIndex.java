package org.danerelay.queue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads and writes the message and recipient rows of the queue database over plain JDBC.
 *
 * <p>The SQL sticks to what H2 and PostgreSQL share, so a PostgreSQL queue can reuse it.
 */
final class QueueIndex {

  private static final String SELECT_MESSAGES =
      "SELECT m.id, m.sender, m.received_at, m.size, m.client_address, m.client_helo,"
          + " m.body_type, m.delay_warned_at, m.tls_required,"
          + " r.address, r.state, r.attempts, r.next_attempt, r.last_reply, r.lease_until,"
          + " r.claim_node"
          + " FROM message m LEFT JOIN recipient r ON r.message_id = m.id";
  private static final String ORDER = " ORDER BY m.received_at, m.id, r.idx";

  private final DataSource dataSource;

  QueueIndex(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Inserts the messages and their recipients (QUEUED, due at each one's due time), and the bodies
   * kept in the database, in one transaction.
   *
   * @throws QueueException if the rows were not committed
   * @throws CommitInDoubtException if, on PostgreSQL, the connection failed while the database
   *     committed: the rows may be in or not, and the exception names the transaction to ask about
   */
  void insertAll(List<NewMessage> messages) {
    Stage stage = Stage.WRITING;
    long transaction = -1;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        writeRows(connection, messages);
        transaction = transactionId(connection);
        stage = Stage.COMMITTING;
        connection.commit();
        stage = Stage.COMMITTED;
      } catch (SQLException | IOException | RuntimeException e) {
        if (stage == Stage.WRITING) {
          rollbackQuietly(connection, e);
        }
        throw e;
      } finally {
        autoCommitBack(connection);
      }
    } catch (SQLException | IOException | RuntimeException e) {
      String what = "could not index message " + ids(messages);
      switch (stage) {
        case COMMITTED -> {
          // The rows are in: only handing the connection back failed (the pool drops it).
          return;
        }
        case COMMITTING -> {
          if (transaction >= 0) {
            throw new CommitInDoubtException(what + ": the commit is in doubt", transaction, e);
          }
          throw new QueueException(what, e);
        }
        default -> {
          if (e instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new QueueException(what, e);
        }
      }
    }
  }

  /** How far a transaction got: a failure while committing leaves its outcome unknown. */
  private enum Stage {
    WRITING,
    COMMITTING,
    COMMITTED
  }

  private static void writeRows(Connection connection, List<NewMessage> messages)
      throws SQLException, IOException {
    try (PreparedStatement message =
            connection.prepareStatement(
                "INSERT INTO message (id, sender, received_at, size, client_address,"
                    + " client_helo, spool_file, body_type, tls_required)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement recipient =
            connection.prepareStatement(
                "INSERT INTO recipient (message_id, idx, address, state, attempts,"
                    + " next_attempt) VALUES (?, ?, ?, ?, 0, ?)")) {
      for (NewMessage added : messages) {
        addRows(message, recipient, added);
      }
      message.executeBatch();
      recipient.executeBatch();
      BodyChunks.insert(connection, messages);
    }
  }

  /**
   * On PostgreSQL, the id of the open transaction, so that a commit whose answer is lost can be
   * looked up afterwards ({@link InDoubtCommits}); -1 on H2, which runs in this process and has no
   * such doubt.
   */
  private static long transactionId(Connection connection) throws SQLException {
    if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
      return -1;
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT txid_current()");
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  // Pooled connections go back in their default mode. A connection that failed is closed by the
  // pool and throws here too ("Connection is closed", no SQLSTATE): that must not hide why it
  // failed, which tells an unreachable database from a bad message (IndexWriter).
  private static void autoCommitBack(Connection connection) {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // broken: the pool drops it
    }
  }

  // The connection may be the thing that failed: its own error must not hide the first one.
  private static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void addRows(
      PreparedStatement message, PreparedStatement recipient, NewMessage added)
      throws SQLException {
    SpoolHeader header = added.header();
    Envelope envelope = header.envelope();
    message.setString(1, header.id());
    message.setString(2, envelope.sender());
    message.setObject(3, timestamp(envelope.receivedAt()));
    message.setLong(4, added.size());
    message.setString(5, envelope.clientAddress());
    message.setString(6, envelope.clientHelo());
    message.setString(7, added.spoolFile());
    message.setString(8, envelope.bodyType().parameterValue());
    TlsRequired demand = envelope.tlsRequired();
    message.setString(9, demand == TlsRequired.DEFAULT ? null : demand.spoolValue());
    message.addBatch();
    List<String> addresses = envelope.recipients();
    for (int i = 0; i < addresses.size(); i++) {
      recipient.setString(1, header.id());
      recipient.setInt(2, i);
      recipient.setString(3, addresses.get(i));
      recipient.setString(4, RecipientState.QUEUED.name());
      recipient.setObject(5, timestamp(added.due()));
      recipient.addBatch();
    }
  }

  private static String ids(List<NewMessage> messages) {
    return String.join(", ", messages.stream().map(m -> m.header().id()).toList());
  }

  List<QueuedMessage> list() {
    return query(SELECT_MESSAGES + ORDER, null);
  }

  Optional<QueuedMessage> find(String id) {
    return query(SELECT_MESSAGES + " WHERE m.id = ?" + ORDER, id).stream().findFirst();
  }

  int messageCount() {
    return count("SELECT COUNT(*) FROM message");
  }

  /** Recipients that still have to be delivered: neither delivered nor bounced (held ones too). */
  int pendingRecipientCount() {
    return count("SELECT COUNT(*) FROM recipient WHERE state IN ('QUEUED', 'DEFERRED', 'HELD')");
  }

  Set<String> messageIds() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT id FROM message");
        ResultSet rows = statement.executeQuery()) {
      Set<String> ids = new HashSet<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    } catch (SQLException e) {
      throw new QueueException("could not list message ids", e);
    }
  }

  /** Deletes a message; its recipients go with it (ON DELETE CASCADE). */
  void delete(String id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("DELETE FROM message WHERE id = ?")) {
      statement.setString(1, id);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new QueueException("could not delete message " + id, e);
    }
  }

  private List<QueuedMessage> query(String sql, String id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      if (id != null) {
        statement.setString(1, id);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return collect(rows);
      }
    } catch (SQLException e) {
      throw new QueueException("could not read the queue", e);
    }
  }

  // Rows arrive ordered by message, then recipient index: one message per run of equal ids.
  private static List<QueuedMessage> collect(ResultSet rows) throws SQLException {
    List<QueuedMessage> messages = new ArrayList<>();
    MessageRow head = null;
    List<QueuedRecipient> recipients = new ArrayList<>();
    while (rows.next()) {
      String id = rows.getString(1);
      if (head == null || !head.id().equals(id)) {
        if (head != null) {
          messages.add(head.with(recipients));
        }
        head =
            new MessageRow(
                id,
                rows.getString(2),
                instant(rows, 3),
                rows.getLong(4),
                rows.getString(5),
                rows.getString(6),
                BodyType.fromParameterValue(rows.getString(7)),
                Optional.ofNullable(SqlTime.instant(rows, 8)),
                TlsRequired.fromSpoolValue(rows.getString(9)));
        recipients = new ArrayList<>();
      }
      String address = rows.getString(10); // null only for a message without recipient rows
      if (address != null) {
        recipients.add(
            new QueuedRecipient(
                address,
                RecipientState.valueOf(rows.getString(11)),
                rows.getInt(12),
                instant(rows, 13),
                rows.getString(14),
                Optional.ofNullable(SqlTime.instant(rows, 15)),
                Optional.ofNullable(rows.getString(16))));
      }
    }
    if (head != null) {
      messages.add(head.with(recipients));
    }
    return messages;
  }

  private record MessageRow(
      String id,
      String sender,
      Instant receivedAt,
      long size,
      String client,
      String helo,
      BodyType bodyType,
      Optional<Instant> delayWarnedAt,
      TlsRequired tlsRequired) {
    QueuedMessage with(List<QueuedRecipient> recipients) {
      return new QueuedMessage(
          id,
          sender,
          receivedAt,
          size,
          client,
          helo,
          recipients,
          bodyType,
          delayWarnedAt,
          tlsRequired);
    }
  }

  private int count(String sql) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new QueueException("could not count the queue", e);
    }
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }
}
