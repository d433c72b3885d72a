package org.danerelay.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores accepted messages durably: fsynced spool files for the data and an H2 database as their
 * index, or one PostgreSQL database for both that several relay nodes share ({@code
 * docs/cluster.md}).
 *
 * <p>Open it once per process with {@link #open}; it is safe for concurrent use by many SMTP
 * sessions. See {@code docs/adr/0001-durable-queue.md} for why, with H2, the files and not the
 * database are the durability record, and {@code docs/adr/0016-shared-queue.md} for the shared
 * database.
 */
public final class MessageQueue implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MessageQueue.class);

  /** How long a reader waits for messages already acknowledged to show in the index. */
  private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);

  private final SpoolLayout layout;
  private final ConnectionPool pool;
  private final boolean shared;
  private final BodyStore bodies;
  private final QueueIndex index;
  private final IndexWriter inserts;
  private final RecordAndFinish recordAndFinish;
  private final Clock clock;
  private final QueueIdGenerator ids;
  private final RetrySchedule retry;
  private final Duration lifetime;
  private final ClaimHolder holder;
  private final RecipientClaims claims;
  private final LeaseKeeper leases;
  private final Optional<Duration> sharedLease;
  private SharedNode node; // on a shared database; set once by open()
  private final AttemptLog attempts;
  private final MessageFinisher finisher;
  private final DelayWarnings delayWarnings;
  private final RunMarker marker;
  private final CensusQuery census;
  private final PostmasterCommands postmaster;
  private final StsPolicyStore stsPolicies;
  private final TlsRptStore tlsRpt;
  private StartupReport startup; // set once by open(), before the queue is handed out
  private volatile FileStore spoolStore; // the spool folder's file system, once asked

  private MessageQueue(SpoolLayout layout, ConnectionPool pool, QueueSettings settings) {
    this.layout = layout;
    this.pool = pool;
    this.shared = settings.shared();
    this.bodies = shared ? new DatabaseBodies(pool.dataSource()) : new SpoolFiles(layout);
    this.index = new QueueIndex(pool.dataSource());
    this.inserts = new IndexWriter(index, bodies, new InDoubtCommits(pool.dataSource()));
    this.clock = settings.clock();
    this.ids = new QueueIdGenerator(clock, new SecureRandom());
    this.retry = settings.retry();
    this.lifetime = settings.lifetime();
    this.holder = new ClaimHolder(settings.node(), ids.next());
    TransactionRunner transactions = new TransactionRunner(pool.dataSource());
    this.leases = new LeaseKeeper(transactions, holder, clock);
    this.claims = new RecipientClaims(transactions, holder, leases, shared);
    this.sharedLease = shared ? Optional.of(settings.sharedLease()) : Optional.empty();
    this.attempts = new AttemptLog(transactions, holder);
    this.finisher = new MessageFinisher(transactions, bodies, clock);
    this.recordAndFinish = new RecordAndFinish(transactions, attempts, finisher, retry, lifetime);
    this.delayWarnings = new DelayWarnings(transactions);
    this.marker = new RunMarker(layout);
    this.census = new CensusQuery(pool.dataSource());
    this.postmaster = new PostmasterCommands(transactions, finisher, claims, clock);
    this.stsPolicies = new StsPolicyStore(transactions);
    this.tlsRpt = new TlsRptStore(transactions);
  }

  /**
   * Opens the queue: creates the spool folders, heals and migrates the index, reconciles it with
   * the spool files, and takes back the claims of this node's earlier runs (ADR 0006). {@link
   * #startupReport} tells what that found; it is logged too.
   *
   * @throws UncheckedIOException if the spool folders cannot be read or created
   * @throws QueueException if the database cannot be opened, healed or migrated
   */
  public static MessageQueue open(QueueSettings settings) {
    long began = System.nanoTime();
    SpoolLayout layout = new SpoolLayout(settings.spoolDir());
    String url = settings.effectiveJdbcUrl();
    IndexDatabase.Opened database;
    Optional<String> uncleanStop;
    try {
      layout.createDirectories();
      uncleanStop = new RunMarker(layout).leftBehind();
      database = IndexDatabase.open(settings, layout, settings.clock());
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the spool in " + settings.spoolDir(), e);
    } catch (FlywayException e) {
      throw new QueueException("could not migrate the queue database " + redacted(url), e);
    }
    MessageQueue queue = new MessageQueue(layout, database.pool(), settings);
    try {
      SpoolReconciler reconciler = new SpoolReconciler(layout, queue.index, settings.clock());
      int repaired = 0;
      if (queue.shared) {
        queue.node = SharedNode.join(layout, url, settings, queue.leases);
        log.info(
            "queue shared with other nodes in {} as node {} (claims leased for {} s, renewed)",
            redacted(url),
            settings.node(),
            settings.sharedLease().toSeconds());
        reconciler.deleteUnfinishedFiles(); // the database holds the bodies, the spool no more
      } else {
        repaired = reconciler.reconcile();
      }
      int takenBack = queue.claims.takeBackEarlierClaims();
      queue.marker.write(queue.holder);
      queue.startup =
          new StartupReport(
              uncleanStop,
              queue.index.messageCount(),
              queue.index.pendingRecipientCount(),
              repaired,
              takenBack,
              database.repair(),
              Duration.ofNanos(System.nanoTime() - began));
      if (queue.startup.recovered()) {
        log.warn("{}", queue.startup.summary());
      } else {
        log.info("{}", queue.startup.summary());
      }
      return queue;
    } catch (IOException e) {
      queue.close();
      throw new UncheckedIOException("could not open the spool in " + settings.spoolDir(), e);
    } catch (RuntimeException e) {
      queue.close();
      throw e;
    }
  }

  /** What opening the queue found and recovered. */
  public StartupReport startupReport() {
    return startup;
  }

  /** The node and incarnation that this queue's claims carry. */
  public ClaimHolder claimHolder() {
    return holder;
  }

  /** The postmaster's commands on queued messages: hold, release, delete, bounce (ADR 0011). */
  public PostmasterCommands postmaster() {
    inserts.awaitIndexed(READ_YOUR_WRITES); // a message acknowledged a moment ago is found
    return postmaster;
  }

  /** The MTA-STS policies fetched so far, kept with the queue (RFC 8461 5.1). */
  public StsPolicyStore stsPolicies() {
    return stsPolicies;
  }

  /** The TLSRPT tally and report claims (RFC 8460). */
  public TlsRptStore tlsRpt() {
    return tlsRpt;
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
    return SpoolWriter.create(new SpoolHeader(id, envelope), layout, bodies, inserts, clock);
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
    return bodies.open(QueueId.requireValid(id));
  }

  /** Octets free for new spool files on the queue's file system. */
  public long usableSpace() throws IOException {
    FileStore store = spoolStore;
    if (store == null) {
      // Finding the file system reads the whole mount table; asked before every MAIL, that was 4 %
      // of the relay's CPU in the cluster benchmark (docs/cluster.md). Its free space is
      // read afresh each time (statvfs).
      store = Files.getFileStore(layout.root());
      spoolStore = store;
    }
    return store.getUsableSpace();
  }

  /** How many messages are queued. */
  public int messageCount() {
    inserts.awaitIndexed(READ_YOUR_WRITES);
    return index.messageCount();
  }

  /**
   * Recipients by state and the oldest pending message, read in one statement for monitoring;
   * messages acknowledged in the last moments may not be counted yet (ADR 0001).
   *
   * @param limit how long the statement may run
   * @throws QueueException if the database does not answer in time, or is closed
   */
  public QueueCensus census(Duration limit) {
    return census.census(limit);
  }

  /**
   * Asks the database a trivial question, for health checks.
   *
   * @param limit how long the statement may run (getting a connection is not bounded by it)
   * @throws QueueException if the database does not answer in time, fails, or is closed
   */
  public void ping(Duration limit) {
    census.ping(limit);
  }

  /**
   * Claims up to {@code max} due recipients for delivery: QUEUED or DEFERRED, due at {@code now} or
   * earlier, and not leased by another worker (or their lease ran out: that worker died). Each is
   * leased until {@code now + lease}; {@link #record} releases it. Safe to call from many threads
   * and, on PostgreSQL, from many processes: no recipient is handed out twice while its lease
   * lasts.
   *
   * <p>Messages are claimable once indexed, which happens shortly after their 250 (ADR 0001).
   *
   * @param lease longer than one delivery can take, or a slow worker's recipients are delivered
   *     twice
   * @return the claimed recipients grouped by message and by recipient domain (lower case), the
   *     earliest due first; empty when nothing is due
   */
  public List<DueRecipients> claimDue(Instant now, Duration lease, int max) {
    return claims.claimDue(Objects.requireNonNull(now, "now"), lease, max);
  }

  /**
   * Gives back recipients that {@link #claimDue} handed out but no attempt was made for (the
   * scheduler stopping with claims in hand): they are claimable again at once instead of when the
   * lease runs out. A lease that already changed hands is left alone.
   */
  public void release(DueRecipients claimed) {
    claims.release(Objects.requireNonNull(claimed, "claimed"));
  }

  /**
   * What of a claim is still to be attempted, asked just before the attempt starts: a recipient
   * that the postmaster held (or whose message he deleted or bounced) since it was claimed is given
   * back and left out, so that only an attempt already under way outlives a hold (ADR 0011).
   *
   * @return the recipients to attempt; empty if none is left
   */
  public Optional<DueRecipients> confirmClaim(DueRecipients claimed) {
    return claims.confirm(Objects.requireNonNull(claimed, "claimed"));
  }

  /**
   * Ends this process's care for a claim once its worker is done with it, however that went: a
   * recipient not recorded by then (the worker failed) is no longer renewed, so its lease runs out
   * and it is claimed again. Harmless after {@link #record}.
   */
  public void endClaim(DueRecipients claimed) {
    leases.forget(Objects.requireNonNull(claimed, "claimed"));
  }

  /**
   * Whether this process still holds {@code recipients} of the claim with at least {@code margin}
   * of their lease left. On a shared database a node cut off from it cannot renew its leases, and
   * once they run out another node may deliver the same recipients: a worker asks this just before
   * it commits a message to the next hop, and defers instead when the answer is no.
   */
  public boolean stillHeld(
      DueRecipients claim, Collection<ClaimedRecipient> recipients, Duration margin) {
    return recipients.stream()
        .allMatch(
            recipient ->
                leases.stillHeld(claim.messageId(), recipient.idx(), claim.leaseUntil(), margin));
  }

  /**
   * How long a claim lasts on a shared database ({@code queue.lease}; renewed while its attempt
   * runs); empty for an H2 queue, where the claimer chooses the lease.
   */
  public Optional<Duration> sharedLease() {
    return sharedLease;
  }

  /**
   * Runs {@code listener} whenever newly accepted messages have become claimable, so that a
   * scheduler can claim them at once instead of at its next poll. One listener; it runs on the
   * queue's own thread and must not block.
   */
  public void whenNewMessagesIndexed(Runnable listener) {
    inserts.afterEachBatch(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Records how a delivery run for one claimed recipient ended, in one transaction with the
   * recipient's new state: DELIVERED and BOUNCED are final; DEFERRED is due again by the retry
   * schedule, or, once the message is older than the queue lifetime, BOUNCED as {@link
   * RecordOutcome.Expired}; a recipient the postmaster held meanwhile stays HELD ({@link
   * RecordOutcome.Held}). The lease is released. Call {@link #finishIfDone} after a final outcome.
   *
   * <p>Call it once per run, for the last host tried (or without a host, when none was reached): it
   * counts the run in {@link QueuedRecipient#attempts}, which picks the retry step. Hosts that
   * failed earlier in the same run go to {@link #note}, which counts nothing. Both append a row to
   * {@link #attempts}, numbered after the recipient's last row.
   *
   * @throws IllegalArgumentException if there is no such recipient (its message is finished)
   */
  public RecordOutcome record(String messageId, int recipientIdx, AttemptRecord attempt) {
    String id = QueueId.requireValid(messageId);
    Objects.requireNonNull(attempt, "attempt");
    return settling(
        id, recipientIdx, () -> attempts.record(id, recipientIdx, attempt, retry, lifetime));
  }

  // Recording ends the claim (the row's lease is cleared), so no renewal may run meanwhile.
  private <T> T settling(String id, int recipientIdx, Supplier<T> step) {
    return leases.using(
        () -> {
          try {
            return step.get();
          } finally {
            leases.forget(id, recipientIdx);
          }
        });
  }

  /**
   * {@link #record} and then {@link #finishIfDone(String, Consumer)} in one transaction: a delivery
   * worker's last word on a recipient costs one commit, not two ({@link RecordAndFinish}).
   *
   * @param beforeRemoval as for {@link #finishIfDone(String, Consumer)}; if it throws, the attempt
   *     is still recorded and the message is left to be finished later, as when the two steps were
   *     separate
   * @throws IllegalArgumentException if there is no such recipient (its message is finished)
   */
  public RecordOutcome recordAndFinish(
      String messageId,
      int recipientIdx,
      AttemptRecord attempt,
      Consumer<FinishedMessage> beforeRemoval) {
    String id = QueueId.requireValid(messageId);
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(beforeRemoval, "beforeRemoval");
    return settling(
        id, recipientIdx, () -> recordAndFinish.run(id, recipientIdx, attempt, beforeRemoval));
  }

  /**
   * Adds an attempt row for a host that failed while the same delivery run goes on to the next MX
   * host (RFC 5321 5.1). Unlike {@link #record}, it leaves the recipient alone: state, next
   * attempt, lease and the run count that drives the retry backoff stay as they are, so the worker
   * still holds the recipient and ends the run with {@link #record}. The row shows in {@link
   * #attempts} and {@code danerelay queue show}, numbered after the recipient's last row.
   *
   * <p>Like a late {@link #record}, a note for a recipient that is already DELIVERED or BOUNCED is
   * stored and logged, and changes nothing else.
   *
   * @param attempt must be DEFERRED: a host that delivered or refused for good ends the run
   * @throws IllegalArgumentException if the attempt is not DEFERRED, or there is no such recipient
   *     (its message is finished)
   */
  public void note(String messageId, int recipientIdx, AttemptRecord attempt) {
    Objects.requireNonNull(attempt, "attempt");
    if (attempt.status() != AttemptStatus.DEFERRED) {
      throw new IllegalArgumentException(
          "only a DEFERRED attempt can be noted, not " + attempt.status() + ": record() it");
    }
    attempts.note(QueueId.requireValid(messageId), recipientIdx, attempt);
  }

  /**
   * Claims the one delay warning (RFC 3464 {@code Action: delayed}, like Postfix's
   * delay_warning_time) a message gets: marks it warned at {@code now}.
   *
   * @return true to exactly one caller per message, across threads and processes sharing the
   *     database; false if it was marked before, is unknown or finished, or has no pending
   *     recipient left
   * @throws IllegalArgumentException if {@code messageId} is not a queue id
   */
  public boolean markDelayWarned(String messageId, Instant now) {
    return delayWarnings.mark(QueueId.requireValid(messageId), Objects.requireNonNull(now, "now"));
  }

  /** The attempts made for a message, by start time, then recipient, then attempt number. */
  public List<RecordedAttempt> attempts(String messageId) {
    return attempts.attempts(QueueId.requireValid(messageId));
  }

  /**
   * Removes the message if every recipient is DELIVERED or BOUNCED: deletes its spool file, then
   * its rows (the final states were committed by {@link #record} before: ADR 0001's order). A
   * delete or bounce that the postmaster asked for while attempts were in flight ({@link
   * #postmaster}) is completed here once none is.
   *
   * @return what a DSN needs, to exactly one caller; empty if recipients are pending or the message
   *     is unknown or already finished
   */
  public Optional<FinishedMessage> finishIfDone(String messageId) {
    return finishIfDone(messageId, finished -> {});
  }

  /**
   * Like {@link #finishIfDone(String)}, but first hands the finished message to {@code
   * beforeRemoval}, which should commit the DSN to this queue. If it throws, nothing is removed and
   * the exception propagates; a crash after it returned and before the removal sends that DSN once
   * more, which is a duplicate rather than a lost bounce.
   */
  public Optional<FinishedMessage> finishIfDone(
      String messageId, Consumer<FinishedMessage> beforeRemoval) {
    return finisher.finishIfDone(
        QueueId.requireValid(messageId), Objects.requireNonNull(beforeRemoval, "beforeRemoval"));
  }

  /**
   * Ids of messages whose every recipient is final but which are still queued, because the process
   * stopped between the last {@link #record} and {@link #finishIfDone}, and of messages whose
   * removal the postmaster asked for and no attempt holds up any more. The scheduler passes them to
   * {@link #finishIfDone} after start-up; nothing else would, since no recipient is due.
   */
  public List<String> idsReadyToFinish() {
    inserts.awaitIndexed(READ_YOUR_WRITES);
    return finisher.readyIds();
  }

  /**
   * Makes QUEUED and DEFERRED recipients due now ({@code danerelay queue flush}): those of one
   * message, or all. Recipients being delivered are passed over and not counted: their attempt sets
   * their next try.
   *
   * @return how many recipients were made due
   */
  public int flush(Optional<String> messageId) {
    inserts.awaitIndexed(READ_YOUR_WRITES);
    return claims.flush(messageId.map(QueueId::requireValid), clock.instant());
  }

  /** Closes the database and marks the stop clean; spool files need no closing. Safe twice. */
  @Override
  public void close() {
    if (node != null) {
      node.close();
    }
    inserts.close();
    pool.close();
    if (startup == null) {
      return; // open() failed: the marker of the run before, if any, must stay
    }
    try {
      marker.remove();
    } catch (IOException e) {
      log.warn(
          "could not mark the queue closed ({}): the next start will report an unclean stop", e);
    }
  }

  // JDBC URLs can carry passwords (PostgreSQL's password=...); keep them out of messages.
  static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }
}
