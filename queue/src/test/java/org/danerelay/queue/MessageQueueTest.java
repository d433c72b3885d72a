package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageQueueTest {

  @TempDir Path spool;

  @Test
  void committedMessageIsListedAfterReopenWithAllRecipientsQueuedAndIdenticalBody()
      throws IOException {
    byte[] body = SampleMail.body("reopen");
    String id;
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      id =
          SampleMail.commit(
              queue, SampleMail.envelope("bob@example.net", "carol@example.com"), body);
    }

    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      List<QueuedMessage> messages = queue.list();
      assertEquals(1, messages.size());
      QueuedMessage message = messages.get(0);
      assertEquals(id, message.id());
      assertEquals("alice@example.org", message.sender());
      assertEquals(SampleMail.RECEIVED, message.receivedAt());
      assertEquals(body.length, message.size());
      assertEquals("192.0.2.25", message.clientAddress());
      assertEquals("mail.example.org", message.clientHelo());
      assertEquals(
          List.of(
              new QueuedRecipient(
                  "bob@example.net", RecipientState.QUEUED, 0, SampleMail.CLOCK.instant(), null),
              new QueuedRecipient(
                  "carol@example.com", RecipientState.QUEUED, 0, SampleMail.CLOCK.instant(), null)),
          message.recipients());
      assertArrayEquals(body, SampleMail.readBody(queue, id));
      assertEquals(message, queue.find(id).orElseThrow());
      assertEquals(1, queue.messageCount());
    }
  }

  @Test
  void closingWithoutCommitLeavesNoMessageAndNoTmpFile() throws IOException {
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      String id = queue.newId();
      try (SpoolWriter writer = queue.create(id, SampleMail.envelope("bob@example.net"))) {
        writer.body().write(SampleMail.body("aborted"));
        assertTrue(Files.exists(spool.resolve("incoming").resolve(id + ".tmp")));
      }
      assertEquals(0, queue.messageCount());
      assertTrue(queue.find(id).isEmpty());
      assertEquals(List.of(), filesIn(spool.resolve("incoming")));
      assertEquals(List.of(), filesIn(spool.resolve("messages")));
    }
  }

  @Test
  void listsMessagesOldestFirst() throws IOException {
    Envelope late = withReceivedAt(Instant.parse("2025-06-01T12:00:02Z"));
    Envelope early = withReceivedAt(Instant.parse("2025-06-01T12:00:01Z"));
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      String lateId = SampleMail.commit(queue, late, SampleMail.body("late"));
      String earlyId = SampleMail.commit(queue, early, SampleMail.body("early"));

      assertEquals(List.of(earlyId, lateId), queue.list().stream().map(QueuedMessage::id).toList());
    }
  }

  @Test
  void refusesWritesAfterCommitAndASecondCommit() throws IOException {
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool));
        SpoolWriter writer = queue.create(queue.newId(), SampleMail.envelope("bob@example.net"))) {
      writer.body().write(SampleMail.body("once"));
      writer.commit();

      assertThrows(IOException.class, () -> writer.body().write('x'));
      assertThrows(IllegalStateException.class, writer::commit);
    }
  }

  @Test
  void refusesAnIdThatIsAlreadyQueued() throws IOException {
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      String id = SampleMail.commit(queue, SampleMail.envelope("bob@example.net"), new byte[0]);

      assertThrows(
          FileAlreadyExistsException.class,
          () -> queue.create(id, SampleMail.envelope("mallory@example.net")));
      assertEquals(List.of("bob@example.net"), addresses(queue.find(id).orElseThrow()));
      assertEquals(List.of(), filesIn(spool.resolve("incoming")));
    }
  }

  @Test
  void rejectsMalformedIdsBeforeTouchingTheFileSystem() {
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      assertThrows(IllegalArgumentException.class, () -> queue.openBody("../../../etc/passwd"));
      assertThrows(IllegalArgumentException.class, () -> queue.find("0123456789abcdef"));
      assertThrows(
          IllegalArgumentException.class,
          () -> queue.create("0123456789ABCDEI", SampleMail.envelope("bob@example.net")));
    }
  }

  @Test
  void reportsUnknownMessagesAsAbsent() {
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      String unknown = queue.newId();
      assertTrue(queue.find(unknown).isEmpty());
      assertThrows(NoSuchFileException.class, () -> queue.openBody(unknown));
      assertFalse(queue.list().iterator().hasNext());
    }
  }

  @Test
  void refusesToCommitAMessageItCannotIndexAndLeavesNothingForTheNextOpen() throws IOException {
    MessageQueue queue = MessageQueue.open(SampleMail.settings(spool));
    String id = queue.newId();
    try (SpoolWriter writer = queue.create(id, SampleMail.envelope("bob@example.net"))) {
      writer.body().write(SampleMail.body("index gone"));
      queue.close(); // the database is now unreachable, the spool file is not
      // ADR 0007: stored but unindexed would wait for a restart, so the session must answer 4xx
      assertThrows(QueueException.class, writer::commit);
    }
    queue.close(); // a second close is harmless
    try (Stream<Path> files = Files.list(spool.resolve("messages"))) {
      assertEquals(List.of(), files.toList());
    }
    try (MessageQueue reopened = MessageQueue.open(SampleMail.settings(spool))) {
      assertEquals(List.of(), reopened.list());
    }
  }

  @Test
  void createsTheSpoolFoldersIncludingMissingParents() {
    Path nested = spool.resolve("data").resolve("spool");
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(nested))) {
      assertTrue(Files.isDirectory(nested.resolve("incoming")));
      assertTrue(Files.isDirectory(nested.resolve("messages")));
      assertTrue(Files.isDirectory(nested.resolve("corrupt")));
      assertTrue(Files.exists(nested.resolve("index").resolve("queue.mv.db")));
      assertEquals(0, queue.messageCount());
    }
  }

  private static Envelope withReceivedAt(Instant receivedAt) {
    Envelope base = SampleMail.envelope("bob@example.net");
    return new Envelope(
        base.sender(), base.recipients(), base.clientAddress(), base.clientHelo(), receivedAt);
  }

  private static List<String> addresses(QueuedMessage message) {
    return message.recipients().stream().map(QueuedRecipient::address).toList();
  }

  static List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
