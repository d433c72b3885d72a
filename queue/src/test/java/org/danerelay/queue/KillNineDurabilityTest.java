package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md, Durability: a 250 means the message survives {@code kill -9} at any instant. The relay
 * is played by {@link SpoolingProcess} in a child JVM; what it acknowledged must be there after
 * SIGKILL. (Power loss cannot be tested here; the fsync order in SpoolWriter covers it.)
 */
class KillNineDurabilityTest {

  private static final int SIGKILL_EXIT = 128 + 9;

  @TempDir Path spool;
  @TempDir Path logs;

  @Test
  @Timeout(120)
  void everyAcknowledgedMessageSurvivesKillDashNineMidStream() throws Exception {
    // Bodies big enough that the child spends most of its time writing: the kill lands mid-file.
    Process relay = start("-Xmx64m", 1_000_000, 256 * 1024);
    Map<String, String> acknowledged = new LinkedHashMap<>();
    try (BufferedReader out = relay.inputReader()) {
      while (acknowledged.size() < 20) {
        String[] line = readLine(out).split(" ");
        acknowledged.put(line[1], line[2]);
      }
      relay.destroyForcibly(); // SIGKILL on Linux, while the next messages are being written
      assertTrue(relay.waitFor(30, TimeUnit.SECONDS));
    } finally {
      relay.destroyForcibly();
    }
    assertEquals(SIGKILL_EXIT, relay.exitValue());

    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      for (Map.Entry<String, String> message : acknowledged.entrySet()) {
        QueuedMessage found = queue.find(message.getKey()).orElseThrow();
        assertEquals(2, found.recipients().size());
        assertEquals(message.getValue(), SampleMail.sha256OfBody(queue, message.getKey()));
      }
      assertEquals(List.of(), MessageQueueTest.filesIn(spool.resolve("incoming")));
    }
  }

  @Test
  @Timeout(120)
  void fiftyMegabyteBodyCommitsInAThirtyTwoMegabyteHeap() throws Exception {
    long fiftyMib = 50L * 1024 * 1024;
    Process relay = start("-Xmx32m", 1, fiftyMib);
    String[] committed;
    try (BufferedReader out = relay.inputReader()) {
      committed = readLine(out).split(" ");
      assertEquals("done", readLine(out));
      assertTrue(relay.waitFor(30, TimeUnit.SECONDS));
    } finally {
      relay.destroyForcibly();
    }
    assertEquals(0, relay.exitValue(), this::childLog);

    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      assertEquals(fiftyMib, queue.find(committed[1]).orElseThrow().size());
      assertEquals(committed[2], SampleMail.sha256OfBody(queue, committed[1]));
    }
  }

  private Process start(String heap, int messages, long bodyBytes) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire may hand the test JVM a manifest-only jar; this property has the real path.
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(
            java,
            heap,
            "-cp",
            classPath,
            SpoolingProcess.class.getName(),
            spool.toString(),
            Integer.toString(messages),
            Long.toString(bodyBytes))
        .redirectError(logs.resolve("relay.log").toFile())
        .start();
  }

  private String readLine(BufferedReader out) throws IOException {
    String line = out.readLine();
    assertNotNull(line, this::childLog);
    return line;
  }

  private String childLog() {
    try {
      return "child process ended early; its log:\n" + Files.readString(logs.resolve("relay.log"));
    } catch (IOException e) {
      return "child process ended early; no log: " + e;
    }
  }
}
