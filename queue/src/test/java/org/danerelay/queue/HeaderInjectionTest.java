package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A CR or LF in an envelope value would let a client forge spool header lines (extra rcpt). */
class HeaderInjectionTest {

  @TempDir Path spool;

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgedEnvelopes")
  void refusesCrOrLfInAnEnvelopeValue(String field, Envelope envelope) throws Exception {
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> queue.create(queue.newId(), envelope));

      assertEquals("CR or LF in envelope field '" + field + "'", refused.getMessage());
      assertEquals(List.of(), MessageQueueTest.filesIn(spool.resolve("incoming")));
    }
  }

  static List<Arguments> forgedEnvelopes() {
    String forged = "x\nrcpt: victim@example.com";
    return List.of(
        Arguments.of("sender", envelope(forged, "bob@example.net", "mail.example.org")),
        Arguments.of("helo", envelope("alice@example.org", "bob@example.net", "h\r\nrcpt: v@e.x")),
        Arguments.of("helo", envelope("alice@example.org", "bob@example.net", "helo\r")),
        Arguments.of("rcpt", envelope("alice@example.org", forged, "mail.example.org")));
  }

  private static Envelope envelope(String sender, String recipient, String helo) {
    return new Envelope(sender, List.of(recipient), "192.0.2.25", helo, SampleMail.RECEIVED);
  }
}
