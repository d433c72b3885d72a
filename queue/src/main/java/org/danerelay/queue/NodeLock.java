package org.danerelay.queue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps two running relays from using one node name on a shared database.
 *
 * <p>A relay that starts takes back every claim of its node name made by another incarnation, since
 * that process is gone (ADR 0006). With two live processes under one name that would hand the
 * recipients one is delivering to the other: duplicates. So each node holds a PostgreSQL advisory
 * lock named after it, on a connection of its own, for as long as it runs; PostgreSQL drops it when
 * that session ends, including when the process is killed. A second process with the same name
 * cannot start.
 */
final class NodeLock implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeLock.class);

  private final String url;
  private final String node;
  private final long key;
  private Connection connection; // guarded by this

  private NodeLock(String url, String node) {
    this.url = url;
    this.node = node;
    this.key = keyOf(node);
  }

  /**
   * Takes the lock of {@code node} on the database at {@code url}.
   *
   * @throws QueueException if another running relay holds it, or the database cannot be reached
   */
  static NodeLock acquire(String url, String node) {
    NodeLock lock = new NodeLock(url, node);
    synchronized (lock) {
      if (!lock.take()) {
        throw new QueueException(
            "node.name '"
                + node
                + "' is in use by another running relay on this queue database: give every"
                + " node its own node.name",
            null);
      }
    }
    return lock;
  }

  /**
   * Checks that the lock is still held, and takes it again after the database restarted (which
   * ended its session). Logs an error if another process took the name meanwhile.
   */
  synchronized void keep() {
    try {
      if (connection != null && connection.isValid(2)) {
        return;
      }
      if (!take()) {
        log.error(
            "node.name '{}' was taken by another running relay while the queue database was"
                + " unreachable: two nodes under one name deliver some mail twice; stop one",
            node);
      } else {
        log.info("node.name '{}' locked again on the queue database", node);
      }
    } catch (QueueException | SQLException e) {
      log.warn("could not lock node.name '{}' again yet: {}", node, e.getMessage());
    }
  }

  private boolean take() {
    closeConnection();
    try {
      connection = DriverManager.getConnection(url);
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        lock.setLong(1, key);
        try (ResultSet rows = lock.executeQuery()) {
          rows.next();
          if (rows.getBoolean(1)) {
            return true;
          }
        }
      }
      closeConnection();
      return false;
    } catch (SQLException e) {
      closeConnection();
      throw new QueueException("could not lock node.name '" + node + "' on the queue database", e);
    }
  }

  @Override
  public synchronized void close() {
    closeConnection(); // the session's end releases the lock
  }

  private void closeConnection() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // The session is gone either way.
    }
    connection = null;
  }

  /** 64 bits of SHA-256 over the name: PostgreSQL's advisory locks are named by a bigint. */
  private static long keyOf(String node) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("danerelay node " + node).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
