package org.danerelay.server.outbound.faults;

import static org.danerelay.server.outbound.faults.Expect.deferred;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, faults on the way out: a DANE next hop stalls past each of the client's time limits
 * (RFC 5321 4.5.3.2; {@code delivery.*-timeout}, 2 s here). Each stall defers the recipient with a
 * retry time and lets the next MX host deliver; a stalled handshake is TLS trouble, 4.7.5, and is
 * never followed by plaintext.
 */
@Timeout(180)
class NextHopStallFaultTest {

  @TempDir static Path folder;
  private static TwoDomainScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    scenario =
        new TwoDomainScenario(
            folder,
            "delivery.greeting-timeout=2s",
            "delivery.command-timeout=2s",
            "delivery.tls-handshake-timeout=2s",
            "delivery.data-block-timeout=2s",
            "delivery.data-end-timeout=2s");
  }

  @AfterAll
  static void stop() throws Exception {
    scenario.close();
  }

  static Stream<Arguments> stalls() {
    return Stream.of(
        row(
            "no greeting: greeting timeout, 4.4.2",
            Stage.GREETING,
            "4.4.2 timed out after PT2S waiting for the greeting"),
        row(
            "no reply to EHLO: command timeout, 4.4.2",
            Stage.EHLO,
            "4.4.2 timed out after PT2S waiting for the reply to EHLO"),
        row(
            "no reply to STARTTLS: command timeout, 4.4.2",
            Stage.STARTTLS,
            "4.4.2 timed out after PT2S waiting for the reply to STARTTLS"),
        row(
            "no TLS handshake: handshake timeout, 4.7.5",
            Stage.TLS_HANDSHAKE,
            "4.7.5 TLS handshake failed: SslHandshakeTimeout"),
        row(
            "no reply to EHLO in TLS: 4.4.2",
            Stage.EHLO_AFTER_TLS,
            "4.4.2 timed out after PT2S waiting for the reply to EHLO"),
        row(
            "no reply to MAIL: command timeout, 4.4.2",
            Stage.MAIL,
            "4.4.2 timed out after PT2S waiting for the reply to MAIL"),
        row(
            "no reply to RCPT: command timeout, 4.4.2",
            Stage.RCPT,
            "4.4.2 timed out after PT2S waiting for the reply to RCPT"),
        row(
            "no reply to DATA: command timeout, 4.4.2",
            Stage.DATA,
            "4.4.2 timed out after PT2S waiting for the reply to DATA"),
        // RFC 5321 4.5.3.2.5: the 3-minute data block limit, here 2 s without progress.
        argumentSet(
            "stops reading the content: data block timeout, 4.4.2",
            Stage.CONTENT,
            deferred("4.4.2 timed out after PT2S waiting for progress sending the content"),
            TestMessages.longMessage()),
        // RFC 1047: the message may have arrived; the retry may duplicate it, never lose it.
        row(
            "no reply to the dot: data end timeout, 4.4.2",
            Stage.END_OF_DATA,
            "4.4.2 no reply to the end of DATA"));
  }

  private static Arguments row(String name, Stage stage, String reason) {
    return argumentSet(name, stage, deferred(reason), TestMessages.SHORT);
  }

  @ParameterizedTest
  @MethodSource("stalls")
  void aStallPastEachTimeoutDefersWithARetryTimeAndTheNextMxDelivers(
      Stage stage, Expect expect, byte[] body) throws Exception {
    scenario.check(stage, new Fault.Stall(), expect, body);
  }
}
