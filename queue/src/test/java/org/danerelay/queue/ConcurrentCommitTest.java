package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP listener runs a thread per session, and they all commit into one queue. */
class ConcurrentCommitTest {

  private static final int THREADS = 8;
  private static final int MESSAGES_PER_THREAD = 25;

  @TempDir Path spool;

  @Test
  void commitsFromEightSessionsAtOnceAreAllKept() throws Exception {
    Set<String> committed = new HashSet<>();
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      ExecutorService sessions = Executors.newFixedThreadPool(THREADS);
      try {
        List<Callable<List<String>>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          String recipient = "session" + t + "@example.net";
          work.add(() -> commitSeveral(queue, recipient));
        }
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> {
              for (Future<List<String>> ids : sessions.invokeAll(work)) {
                committed.addAll(ids.get());
              }
            });
      } finally {
        sessions.shutdownNow();
      }
      assertEquals(THREADS * MESSAGES_PER_THREAD, committed.size());
      assertEquals(committed.size(), queue.messageCount());
    }

    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      Set<String> listed = new HashSet<>();
      queue.list().forEach(message -> listed.add(message.id()));
      assertEquals(committed, listed);
    }
  }

  private static List<String> commitSeveral(MessageQueue queue, String recipient) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MESSAGES_PER_THREAD; i++) {
      byte[] body = SampleMail.body(recipient + " #" + i);
      ids.add(SampleMail.commit(queue, SampleMail.envelope(recipient, "all@example.com"), body));
    }
    return ids;
  }
}
