package org.danerelay.server.bounce;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The input records refuse what a DSN must never say. */
class DsnValuesTest {

  private static final Instant T = Instant.parse("2025-03-06T09:30:00Z");

  @ParameterizedTest(name = "RFC 3463 2: {0} parses")
  @ValueSource(strings = {"4.7.5", "5.1.10", "5.1.1", "4.4.7", "5.999.999"})
  void parsesEnhancedStatusCodes(String text) {
    assertEquals(text, StatusCode.parse(text).toString());
  }

  @ParameterizedTest(name = "RFC 3463 2: \"{0}\" is refused")
  @ValueSource(strings = {"2.0.0", "3.1.1", "5.1", "5.1.1000", "5..1", " 5.1.1", "5.1.1\r\n"})
  void refusesWhatIsNotAFailureStatus(String text) {
    assertThrows(IllegalArgumentException.class, () -> StatusCode.parse(text));
  }

  @Test
  void delayedRecipientNeedsATransientStatus() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RecipientReport.delayed(
                "a@example.org",
                StatusCode.parse("5.1.1"),
                Optional.empty(),
                Optional.empty(),
                T,
                T));
  }

  @Test
  void onlyDelayedRecipientsHaveARetryDeadline() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RecipientReport(
                "a@example.org",
                DsnAction.FAILED,
                StatusCode.DANE_FAILURE,
                Optional.empty(),
                Optional.empty(),
                T,
                Optional.of(T)));
  }

  @Test
  void failedRecipientMayCarryTheLastTransientStatus() {
    RecipientReport expired =
        RecipientReport.failed(
            "a@example.org", StatusCode.DANE_FAILURE, Optional.empty(), Optional.empty(), T);
    assertTrue(expired.status().isTransient());
  }

  @ParameterizedTest(name = "address with control character {index} is refused")
  @ValueSource(
      strings = {"a@example.org\r\nBcc: x@y", "a\u0000@example.org", "a@example.org\u0085"})
  void addressesCannotCarryLineBreaksOrControls(String address) {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RecipientReport.failed(
                address, StatusCode.parse("5.1.1"), Optional.empty(), Optional.empty(), T));
  }

  @ParameterizedTest(name = "reporting MTA \"{0}\" is refused")
  @ValueSource(strings = {"", "relay example", "relay.example.net\r\nX: y", "-bad.example"})
  void reportingMtaMustBeAHostName(String name) throws Exception {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DsnRequest(
                name,
                DsnFixtures.envelope("alice@example.com"),
                java.util.List.of(DsnFixtures.unknownUser("x@example.org")),
                OriginalHeaders.none()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|NULL_SENDER",
        "MAILER-DAEMON@relay.example.net|OWN_MAILER_DAEMON",
        "mailer-daemon@RELAY.example.net|OWN_MAILER_DAEMON",
        "\"MAILER-DAEMON\"@relay.example.net|OWN_MAILER_DAEMON",
        "MAILER-DAEMON|OWN_MAILER_DAEMON",
        "MAILER-DAEMON@other.example|SEND",
        "postmaster@relay.example.net|SEND",
        "alice@example.com|SEND"
      })
  void bounceGuardDecidesFromTheSender(String sender, String expected) {
    Optional<NoDsnReason> refusal = BounceGuard.refusal(sender, "relay.example.net");
    assertEquals(expected, refusal.map(Enum::name).orElse("SEND"));
  }
}
