package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 5321 4.5.1: {@code RCPT TO:<Postmaster>} without a domain must be accepted. */
class PostmasterTest {

  @TempDir Path folder;

  @Test
  void acceptsBarePostmasterFromAnyoneForTheFirstLocalDomain() throws Exception {
    try (RelayFixture relay =
        RelayFixture.start(
            folder,
            "relay.networks=192.0.2.0/24",
            "local.domains=local.example, other.example",
            // postmaster@ is never verified (RFC 5321 4.5.1), so this is never asked.
            "local.forward=127.0.0.1:9")) {
      try (SmtpTestClient client = relay.connect()) {
        client.hello();
        assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<a@example.org>"));
        assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<PostMaster>"));
        assertTrue(client.command("DATA").startsWith("354"));
        client.send("Subject: hello\r\n\r\nhello\r\n.\r\n");
        assertTrue(client.reply().startsWith("250 2.0.0 Ok: queued as "));
      }
      List<String> recipients =
          relay.queued().get(0).recipients().stream().map(QueuedRecipient::address).toList();
      assertEquals(List.of("postmaster@local.example"), recipients);
    }
  }

  @Test
  void refusesBarePostmasterWhereNoLocalDomainCouldReceiveIt() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      try (SmtpTestClient client = relay.connect()) {
        client.hello();
        client.command("MAIL FROM:<a@example.org>");
        assertEquals(
            "550 5.1.1 <Postmaster>: no local domain is configured here",
            client.command("RCPT TO:<Postmaster>"));
      }
    }
  }
}
