package org.danerelay.queue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores accepted messages durably: fsynced spool files for the data, a database as their index.
 *
 * <p>Open it once per process with {@link #open}; it is safe for concurrent use by many SMTP
 * sessions. See {@code docs/adr/0001-durable-queue.md} for why the files, not the database, are the
 * durability record.
 */
public final class MessageQueue implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MessageQueue.class);

  /** One per SMTP session thread that commits at the same time; more just wait for a turn. */
  private static final int MAX_CONNECTIONS = 32;

  /** How long a reader waits for messages already acknowledged to show in the index. */
  private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);

  private final SpoolLayout layout;
  private final JdbcConnectionPool pool;
  private final QueueIndex index;
  private final IndexWriter inserts;
  private final Clock clock;
  private final QueueIdGenerator ids;

  private MessageQueue(SpoolLayout layout, JdbcConnectionPool pool, Clock clock) {
    this.layout = layout;
    this.pool = pool;
    this.index = new QueueIndex(pool);
    this.inserts = new IndexWriter(index);
    this.clock = clock;
    this.ids = new QueueIdGenerator(clock, new SecureRandom());
  }

  /**
   * Opens the queue: creates the spool folders, migrates the schema, and reconciles the index with
   * the spool files.
   *
   * @throws UncheckedIOException if the spool folders cannot be read or created
   * @throws QueueException if the database cannot be opened or migrated
   */
  public static MessageQueue open(QueueSettings settings) {
    SpoolLayout layout = new SpoolLayout(settings.spoolDir());
    String url = settings.effectiveJdbcUrl();
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(MAX_CONNECTIONS);
    MessageQueue queue = new MessageQueue(layout, pool, settings.clock());
    try {
      layout.createDirectories();
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
      int repaired = new SpoolReconciler(layout, queue.index, settings.clock()).reconcile();
      log.info(
          "queue opened: {} messages, {} recipients pending (reconciled {})",
          queue.index.messageCount(),
          queue.index.pendingRecipientCount(),
          repaired);
      return queue;
    } catch (IOException e) {
      queue.close();
      throw new UncheckedIOException("could not open the spool in " + settings.spoolDir(), e);
    } catch (FlywayException e) {
      queue.close();
      throw new QueueException("could not migrate the queue database " + redacted(url), e);
    } catch (RuntimeException e) {
      queue.close();
      throw e;
    }
  }

  /** A fresh queue id: unique, and later ids sort after earlier ones. */
  public String newId() {
    return ids.next();
  }

  /**
   * Starts a message: writes its header into {@code incoming/<id>.tmp}.
   *
   * @throws IllegalArgumentException if {@code id} is not a queue id or an envelope value holds CR
   *     or LF
   * @throws java.nio.file.FileAlreadyExistsException if the id is already in use
   */
  public SpoolWriter create(String id, Envelope envelope) throws IOException {
    return SpoolWriter.create(new SpoolHeader(id, envelope), layout, inserts, clock);
  }

  /** All messages with their recipients, oldest first. */
  public List<QueuedMessage> list() {
    inserts.awaitIndexed(READ_YOUR_WRITES);
    return index.list();
  }

  /**
   * The message with this id, if it is queued.
   *
   * @throws IllegalArgumentException if {@code id} is not a queue id
   */
  public Optional<QueuedMessage> find(String id) {
    inserts.awaitIndexed(READ_YOUR_WRITES);
    return index.find(QueueId.requireValid(id));
  }

  /**
   * Streams the body of a message, header skipped. The caller closes the stream.
   *
   * @throws IllegalArgumentException if {@code id} is not a queue id
   * @throws java.nio.file.NoSuchFileException if there is no such message
   * @throws IOException if the file cannot be read or its header is damaged
   */
  public InputStream openBody(String id) throws IOException {
    InputStream in =
        new BufferedInputStream(Files.newInputStream(layout.messageFile(QueueId.requireValid(id))));
    try {
      new SpoolHeaderReader(in).read();
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** How many messages are queued. */
  public int messageCount() {
    inserts.awaitIndexed(READ_YOUR_WRITES);
    return index.messageCount();
  }

  /** Closes the database; spool files need no closing. Safe to call twice. */
  @Override
  public void close() {
    inserts.close();
    pool.dispose();
  }

  // JDBC URLs can carry passwords (PostgreSQL's password=...); keep them out of messages.
  private static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }
}
