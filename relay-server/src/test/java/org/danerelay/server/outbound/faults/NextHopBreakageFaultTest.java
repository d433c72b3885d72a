package org.danerelay.server.outbound.faults;

import static org.danerelay.server.outbound.faults.Expect.deferred;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, faults on the way out: a DANE next hop hangs up mid-dialogue, sends a TLS alert,
 * garbage, or a line that never ends. Each defers the recipient with a retry time and the next MX
 * host delivers; none leads to plaintext (DANE-RULES 6). The last test shows the contrast that
 * makes the plaintext check meaningful: without DANE a failed handshake is retried in plaintext.
 */
@Timeout(120)
class NextHopBreakageFaultTest {

  private static final byte[] MESSAGE = TestMessages.SHORT;
  private static final String HANDSHAKE_ALERT =
      "4.7.5 TLS handshake failed: SSLHandshakeException: Received fatal alert: handshake_failure";
  private static final String NOT_TLS = "4.7.5 TLS handshake failed: NotSslRecordException";
  private static final String MALFORMED = "4.5.0 malformed reply during ";

  @TempDir static Path folder;
  private static TwoDomainScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    scenario = new TwoDomainScenario(folder, "delivery.command-timeout=5s");
  }

  @AfterAll
  static void stop() throws Exception {
    scenario.close();
  }

  static Stream<Arguments> breakages() {
    return Stream.of(
        row(
            "hangs up before the greeting: 4.4.2",
            Stage.GREETING,
            close(),
            "4.4.2 connection closed by the server during GREETING"),
        argumentSet(
            "hangs up mid-DATA: 4.4.2",
            Stage.CONTENT,
            close(),
            deferred("4.4.2"),
            TestMessages.longMessage()),
        // RFC 1047: the message may have arrived; a duplicate is better than a loss.
        row(
            "hangs up instead of answering the dot: 4.4.2",
            Stage.END_OF_DATA,
            close(),
            "4.4.2 closed before the reply"),
        row(
            "hangs up after 220 to STARTTLS: 4.7.5",
            Stage.TLS_HANDSHAKE,
            close(),
            "4.7.5 TLS handshake failed"),
        row(
            "TLS alert in the handshake: 4.7.5",
            Stage.TLS_HANDSHAKE,
            new Fault.TlsAlert(),
            "4.7.5"),
        row("garbage instead of TLS: 4.7.5", Stage.TLS_HANDSHAKE, new Fault.Garbage(), NOT_TLS),
        row(
            "garbage instead of the greeting: 4.5.0",
            Stage.GREETING,
            new Fault.Garbage(),
            MALFORMED + "GREETING"),
        row(
            "garbage in reply to MAIL in TLS: 4.5.0",
            Stage.MAIL,
            new Fault.Garbage(),
            MALFORMED + "ENVELOPE"),
        row(
            "endless greeting line: 4.5.0",
            Stage.GREETING,
            endless(),
            MALFORMED + "GREETING: reply line longer"),
        row(
            "endless reply to EHLO in TLS: 4.5.0",
            Stage.EHLO_AFTER_TLS,
            endless(),
            MALFORMED + "EHLO_AFTER_TLS"),
        row(
            "endless reply to the dot: 4.5.0",
            Stage.END_OF_DATA,
            endless(),
            MALFORMED + "END_OF_DATA"));
  }

  private static Arguments row(String name, Stage stage, Fault fault, String reason) {
    return argumentSet(name, stage, fault, deferred(reason), MESSAGE);
  }

  private static Fault close() {
    return new Fault.Close();
  }

  private static Fault endless() {
    return new Fault.EndlessLine();
  }

  @ParameterizedTest
  @MethodSource("breakages")
  void aBrokenNextHopDefersWithARetryTimeAndTheNextMxDelivers(
      Stage stage, Fault fault, Expect expect, byte[] body) throws Exception {
    scenario.check(stage, fault, expect, body);
  }

  @Test
  void aTlsAlertFromAHostWithoutDaneIsFollowedByPlaintextOnANewConnection() throws Exception {
    FaultyMx mx = scenario.faulty;
    mx.misbehave(Stage.TLS_HANDSHAKE, new Fault.TlsAlert());
    try {
      // RFC 7672 2.2: opportunistic TLS may fall back, on a new connection; DANE never does.
      String dave = "dave@" + TwoDomainScenario.UNSIGNED_DOMAIN;
      String id = scenario.relay.send(MESSAGE, dave);
      scenario.relay.awaitRunEnded(id);
      FaultBench.waitFor(() -> mx.accepted().size() == 1, "the plaintext delivery");

      assertEquals(List.of(new FaultyMx.Accepted(List.of(dave), false)), mx.accepted());
      assertEquals(2, mx.connections(), "one for the handshake, a new one for plaintext");
      assertTrue(mx.plaintextCommands().stream().anyMatch(l -> l.startsWith("MAIL FROM:")));
      FaultBench.waitFor(() -> scenario.relay.finished(id), "the delivered message leaves");
      List<String> lines = scenario.log.forRecipient(dave);
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("tls=none") && l.contains("status=sent")),
          lines.toString());
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("status=deferred (4.7.5")), lines.toString());
    } finally {
      mx.reset();
    }
  }
}
