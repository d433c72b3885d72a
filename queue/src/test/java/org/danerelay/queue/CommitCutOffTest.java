package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared queue whose PostgreSQL is cut off while SMTP sessions commit: what each session is told
 * (commit returned, so 250; or it threw, so 451) must match what the queue holds afterwards, or a
 * message refused with 451 is delivered all the same and its client sends it again.
 */
@Timeout(120)
class CommitCutOffTest {

  @TempDir Path spool;

  private CuttableLink link;
  private MessageQueue queue;

  @BeforeEach
  void open() throws IOException {
    PrivatePostgres server = PrivatePostgres.get();
    String url = server.newDatabase();
    link = new CuttableLink(server.port());
    // Unnamed statements only: the link sees the COMMIT's text on every commit, not just the
    // first ones before the driver prepares it on the server.
    String routed = link.route(url) + "&prepareThreshold=0";
    queue = MessageQueue.open(new QueueSettings(spool, routed, SampleMail.CLOCK).withNode("mx1"));
  }

  @AfterEach
  void close() throws IOException {
    link.restore();
    queue.close();
    link.close();
  }

  @Test
  void aCommitWhoseAnswerIsLostIsAcceptedOnceTheDatabaseSaysItLanded() throws Exception {
    CountDownLatch cut = link.cutAtNextCommitAnswer();
    String id = SampleMail.commit(queue, SampleMail.envelope("bob@example.net"), body("lost"));
    assertTrue(cut.await(0, TimeUnit.SECONDS), "the link dropped the answer to the commit");
    assertEquals(id, queue.find(id).orElseThrow().id(), "accepted, and in the queue");
  }

  @Test
  void aCommitCutOffBeforeTheServerGotItIsRefusedAndNotQueued() throws Exception {
    CountDownLatch cut = link.cutAtNextCommitRequest();
    assertThrows(
        QueueException.class,
        () -> SampleMail.commit(queue, SampleMail.envelope("bob@example.net"), body("never")));
    assertTrue(cut.await(0, TimeUnit.SECONDS), "the link cut the commit off");
    assertEquals(List.of(), queue.list(), "refused, and not in the queue");
  }

  @Test
  void sessionsCommittingWhileTheDatabaseIsOutOfReachAreRefusedAndNoneOfTheirMessagesLandsLater()
      throws Exception {
    link.cutAll();
    int sessions = 8;
    ExecutorService clients = Executors.newFixedThreadPool(sessions);
    List<Future<Exception>> refusals = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      String rcpt = "rcpt" + i + "@example.net";
      refusals.add(
          clients.submit(
              () -> {
                try {
                  SampleMail.commit(queue, SampleMail.envelope(rcpt), body(rcpt));
                  return null;
                } catch (QueueException | IOException e) {
                  return e;
                }
              }));
    }
    for (Future<Exception> refusal : refusals) {
      assertNotNull(refusal.get(60, TimeUnit.SECONDS), "refused while out of reach");
    }
    clients.shutdown();
    link.restore();
    // Rows the queue still held for a refused session would land now: list() waits for them.
    assertEquals(List.of(), queue.list(), "nothing refused is in the queue");
    assertEquals(List.of(), queue.list(), "nor comes later");
    // The cut killed every pooled connection; the first failure had the pool replace them all.
    String id = SampleMail.commit(queue, SampleMail.envelope("after@example.net"), body("back"));
    assertEquals(id, queue.find(id).orElseThrow().id(), "the first message once it is back");
  }

  private static byte[] body(String subject) {
    return SampleMail.body(subject);
  }
}
