package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  @Test
  void refusesAnEnvelopeWithoutRecipients() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Envelope("a@example.org", List.of(), "192.0.2.1", "h", SampleMail.RECEIVED));
  }

  @Test
  void refusesAnEmptyRecipientButAcceptsTheNullSender() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Envelope("", List.of(""), "192.0.2.1", "h", SampleMail.RECEIVED));
    assertEquals(
        "", new Envelope("", List.of("b@x"), "192.0.2.1", "h", SampleMail.RECEIVED).sender());
  }

  @Test
  void keepsItsOwnCopyOfTheRecipientList() {
    List<String> recipients = new ArrayList<>(List.of("b@example.net"));
    Envelope envelope = new Envelope("", recipients, "192.0.2.1", "h", SampleMail.RECEIVED);
    recipients.add("mallory@example.net");

    assertEquals(List.of("b@example.net"), envelope.recipients());
  }
}
