package org.danerelay.server.bounce;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Shared values: a message from alice@example.com, queued at 10:00 and reported on at 12:00. */
final class DsnFixtures {

  static final String HOST = "relay.example.net";
  static final String QUEUE_ID = "0123456789ABCDEF";
  static final Instant ARRIVAL = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant LAST_ATTEMPT = Instant.parse("2025-03-06T09:30:00Z");
  static final Instant NOW = Instant.parse("2025-03-06T10:00:00Z");

  static final String ORIGINAL =
      "Received: from client.example.com (client.example.com [192.0.2.10])\r\n"
          + "\tby relay.example.net (DaneRelay) with ESMTP\r\n"
          + "\tid 0123456789ABCDEF; Sat, 1 Mar 2025 10:00:00 +0000\r\n"
          + "From: Alice <alice@example.com>\r\n"
          + "To: bob@dane.example.org\r\n"
          + "Subject: Quarterly numbers\r\n"
          + "Message-ID: <original-1@example.com>\r\n"
          + "\r\n"
          + "SECRET BODY LINE that must never come back in a bounce\r\n";

  private DsnFixtures() {}

  static DsnBuilder builder() {
    return new DsnBuilder(Clock.fixed(NOW, ZoneOffset.UTC), new Random(42));
  }

  static OriginalEnvelope envelope(String sender) {
    return new OriginalEnvelope(sender, QUEUE_ID, ARRIVAL, "192.0.2.10", "client.example.com");
  }

  static OriginalHeaders headers(String message) throws Exception {
    return OriginalHeaders.read(
        new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
        OriginalHeaders.DEFAULT_LIMIT);
  }

  static DsnRequest request(String sender, RecipientReport... recipients) throws Exception {
    return new DsnRequest(HOST, envelope(sender), List.of(recipients), headers(ORIGINAL));
  }

  /** After five days of DANE failures the message expired: failed, with the last 4.7.5 reason. */
  static RecipientReport daneExpired(String address) {
    return RecipientReport.failed(
        address,
        StatusCode.DANE_FAILURE,
        Optional.of("mx1.dane.example.org"),
        Optional.of(
            Diagnostic.local(
                "TLSA records for _25._tcp.mx1.dane.example.org did not match the server"
                    + " certificate")),
        LAST_ATTEMPT);
  }

  static RecipientReport unknownUser(String address) {
    return RecipientReport.failed(
        address,
        StatusCode.parse("5.1.1"),
        Optional.of("mx.example.org"),
        Optional.of(Diagnostic.smtp("550 5.1.1 <" + address + ">: Recipient address rejected")),
        LAST_ATTEMPT);
  }
}
