package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolReconcileTest {

  @TempDir Path spool;

  @Test
  void reimportsCommittedMessageWhenTheIndexFilesAreLost() throws IOException {
    Envelope bounce =
        new Envelope(
            "",
            List.of("bob@example.net", "carol@example.com", "dave@example.com"),
            "2001:db8::25",
            "mail.example.org",
            SampleMail.RECEIVED);
    byte[] body = SampleMail.body("lost index");
    String id;
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      id = SampleMail.commit(queue, bounce, body);
    }
    // H2 never fsyncs: after a power loss its files may lack the latest commits, or be gone.
    deleteRecursively(spool.resolve("index"));

    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      QueuedMessage message = queue.find(id).orElseThrow();
      assertEquals("", message.sender());
      assertEquals("2001:db8::25", message.clientAddress());
      assertEquals(SampleMail.RECEIVED, message.receivedAt());
      assertEquals(body.length, message.size());
      assertEquals(
          List.of("bob@example.net", "carol@example.com", "dave@example.com"),
          message.recipients().stream().map(QueuedRecipient::address).toList());
      assertTrue(message.recipients().stream().allMatch(r -> r.state() == RecipientState.QUEUED));
      assertArrayEquals(body, SampleMail.readBody(queue, id));
    }
  }

  @Test
  void deletesUnfinishedTmpFilesAtOpen() throws IOException {
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      // A session killed mid-DATA leaves its .tmp behind; it was never answered with 250.
      Files.writeString(spool.resolve("incoming").resolve(queue.newId() + ".tmp"), "partial");
    }

    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      assertEquals(List.of(), MessageQueueTest.filesIn(spool.resolve("incoming")));
      assertEquals(0, queue.messageCount());
    }
  }

  @Test
  void movesCorruptSpoolFileToCorruptFolderAndStillStarts() throws IOException {
    String good;
    String corrupt;
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      good = SampleMail.commit(queue, SampleMail.envelope("bob@example.net"), new byte[0]);
      corrupt = queue.newId();
    }
    deleteRecursively(spool.resolve("index"));
    byte[] garbage = "DANERELAY-SPOOL 1\nid: nonsense\n".getBytes(StandardCharsets.UTF_8);
    Files.write(spool.resolve("messages").resolve(corrupt + ".msg"), garbage);

    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      assertEquals(List.of(good), queue.list().stream().map(QueuedMessage::id).toList());
      Path movedAside = spool.resolve("corrupt").resolve(corrupt + ".msg");
      assertArrayEquals(garbage, Files.readAllBytes(movedAside));
      assertFalse(Files.exists(spool.resolve("messages").resolve(corrupt + ".msg")));
    }
  }

  @Test
  void movesAsideSpoolFileWhoseHeaderNamesAnotherId() throws IOException {
    String original;
    String renamed;
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      original = SampleMail.commit(queue, SampleMail.envelope("bob@example.net"), new byte[0]);
      renamed = queue.newId();
    }
    deleteRecursively(spool.resolve("index"));
    Path messages = spool.resolve("messages");
    Files.move(messages.resolve(original + ".msg"), messages.resolve(renamed + ".msg"));

    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      assertEquals(0, queue.messageCount());
      assertTrue(Files.exists(spool.resolve("corrupt").resolve(renamed + ".msg")));
    }
  }

  @Test
  void dropsIndexRowsWhoseSpoolFileIsGone() throws IOException {
    String kept;
    String removed;
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      kept = SampleMail.commit(queue, SampleMail.envelope("bob@example.net"), new byte[0]);
      removed = SampleMail.commit(queue, SampleMail.envelope("carol@example.com"), new byte[0]);
    }
    Files.delete(spool.resolve("messages").resolve(removed + ".msg"));

    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      assertEquals(List.of(kept), queue.list().stream().map(QueuedMessage::id).toList());
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
