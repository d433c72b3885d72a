package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index writer makes a batch's spool file names durable, once, before it commits their rows: a
 * row must never point at a name that a power loss could take, and a batch whose names cannot be
 * made durable is refused whole (its sessions answer 451), with no row left behind.
 */
class IndexWriterTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path folder;
  private ConnectionPool pool;
  private final Names names = new Names();

  @BeforeEach
  void openIndex() throws IOException {
    SpoolLayout layout = new SpoolLayout(folder);
    layout.createDirectories();
    pool = IndexDatabase.open(SampleMail.settings(folder), layout, SampleMail.CLOCK).pool();
  }

  @AfterEach
  void closeIndex() {
    pool.close();
  }

  /** The spool's naming step, counted, and failing when told to (a disk error). */
  private static final class Names implements BodyStore {
    final AtomicInteger syncs = new AtomicInteger();
    volatile boolean failing;

    @Override
    public void makeNamesDurable() throws IOException {
      syncs.incrementAndGet();
      if (failing) {
        throw new IOException("Input/output error (test)");
      }
    }

    @Override
    public Staged stage(String id, Path tmpFile, FileChannel channel, long headerBytes) {
      throw new UnsupportedOperationException("the writer never stages");
    }

    @Override
    public InputStream open(String id) {
      throw new UnsupportedOperationException("the writer never reads bodies");
    }

    @Override
    public void remove(String id, boolean durably) {
      throw new UnsupportedOperationException("the writer never removes bodies");
    }
  }

  @Test
  @Timeout(60)
  void rowsCommitOnlyAfterTheirNamesWereMadeDurable() throws Exception {
    try (IndexWriter writer = writer()) {
      PendingRows rows = writer.submit(message("01M93H9Z438G7KS2"));

      assertEquals(PendingRows.Result.INDEXED, rows.await(WAIT));
      assertTrue(names.syncs.get() >= 1, "the names were made durable");
      assertEquals(Set.of("01M93H9Z438G7KS2"), new QueueIndex(pool.dataSource()).messageIds());
    }
  }

  @Test
  @Timeout(60)
  void aBatchWhoseNamesCannotBeMadeDurableIsRefusedAndLeavesNoRows() throws Exception {
    names.failing = true;
    try (IndexWriter writer = writer()) {
      List<PendingRows> batch =
          List.of(
              writer.submit(message("01M93H9Z4Y25A31P")),
              writer.submit(message("01M93H9ZNSEK0X00")));

      for (PendingRows rows : batch) {
        assertEquals(PendingRows.Result.FAILED, rows.await(WAIT));
        assertTrue(
            rows.failure().getMessage().contains("durable"), () -> rows.failure().getMessage());
      }
      assertEquals(Set.of(), new QueueIndex(pool.dataSource()).messageIds());
    }
  }

  private IndexWriter writer() {
    return new IndexWriter(
        new QueueIndex(pool.dataSource()), names, new InDoubtCommits(pool.dataSource()));
  }

  private static NewMessage message(String id) {
    SpoolHeader header = new SpoolHeader(id, SampleMail.envelope("rcpt@example.net"));
    return new NewMessage(
        header, 100, "messages/" + id + ".msg", SampleMail.RECEIVED, Optional.empty());
  }
}
