package org.danerelay.server.outbound.faults;

import static org.danerelay.server.outbound.faults.Expect.bounced;
import static org.danerelay.server.outbound.faults.Expect.deferred;
import static org.danerelay.server.outbound.faults.Fault.reply;
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
 * Issue 10, faults on the way out: a DANE-authenticated next hop answers 421, 451, 452 or 5xx at
 * each stage of the dialogue. Transient replies and every refusal before the transaction defer the
 * recipient (and the next MX host delivers); a 5xx to MAIL, RCPT, DATA or the final dot bounces it
 * (RFC 5321 4.2.1, 3.3). Never, on any row, does a transaction go out in plaintext.
 */
@Timeout(120)
class NextHopReplyFaultTest {

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

  static Stream<Arguments> replies() {
    return Stream.of(
        // RFC 5321 3.1: a refused greeting is the host's, not the message's: the next MX may serve.
        row("421 greeting: deferred, next MX", Stage.GREETING, "421 4.3.2 closing", "4.4.0"),
        row("451 greeting: deferred, next MX", Stage.GREETING, "451 4.3.0 busy", "4.4.0"),
        row("452 greeting: deferred, next MX", Stage.GREETING, "452 4.3.1 no room", "4.4.0"),
        row("554 greeting: deferred, next MX", Stage.GREETING, "554 5.7.1 no service", "4.4.0"),
        row("421 to EHLO: deferred, next MX", Stage.EHLO, "421 4.3.2 closing", "4.3.2"),
        row("451 to EHLO: deferred, next MX", Stage.EHLO, "451 4.3.0 busy", "4.3.0"),
        row("452 to EHLO: deferred, next MX", Stage.EHLO, "452 4.3.1 no room", "4.3.1"),
        // RFC 5321 3.2: HELO after a 5xx to EHLO; HELO offers no STARTTLS, and DANE needs it.
        row("550 to EHLO: HELO has no STARTTLS, 4.7.5", Stage.EHLO, "550 5.5.1 no EHLO", "4.7.5"),
        row("421 to STARTTLS: 4.7.5, next MX", Stage.STARTTLS, "421 4.3.2 closing", "4.7.5"),
        row("451 to STARTTLS: 4.7.5, next MX", Stage.STARTTLS, "451 4.3.0 busy", "4.7.5"),
        row("452 to STARTTLS: 4.7.5, next MX", Stage.STARTTLS, "452 4.3.1 no room", "4.7.5"),
        row("554 to STARTTLS: 4.7.5, next MX", Stage.STARTTLS, "554 5.7.3 no TLS", "4.7.5"),
        row("421 to EHLO in TLS: deferred", Stage.EHLO_AFTER_TLS, "421 4.3.2 closing", "4.3.2"),
        row("451 to EHLO in TLS: deferred", Stage.EHLO_AFTER_TLS, "451 4.3.0 busy", "4.3.0"),
        row("452 to EHLO in TLS: deferred", Stage.EHLO_AFTER_TLS, "452 4.3.1 no room", "4.3.1"),
        row("550 to EHLO in TLS: deferred 4.5.0", Stage.EHLO_AFTER_TLS, "550 5.5.1 no", "4.5.0"),
        row("421 to MAIL: deferred, next MX", Stage.MAIL, "421 4.3.2 closing", "4.3.2"),
        row("451 to MAIL: deferred, next MX", Stage.MAIL, "451 4.3.0 busy", "4.3.0"),
        row("452 to MAIL: deferred, next MX", Stage.MAIL, "452 4.3.1 no room", "4.3.1"),
        row("550 to MAIL: bounced", Stage.MAIL, "550 5.7.1 sender refused", null),
        row("421 to RCPT: deferred, next MX", Stage.RCPT, "421 4.3.2 closing", "4.3.2"),
        row("451 to RCPT: deferred, next MX", Stage.RCPT, "451 4.3.0 busy", "4.3.0"),
        // RFC 5321 4.5.3.1.10: 452 to RCPT is "too many recipients": try again later.
        row("452 to RCPT: deferred, next MX", Stage.RCPT, "452 4.5.3 too many", "4.5.3"),
        row("550 to RCPT: bounced", Stage.RCPT, "550 5.1.1 no such user", null),
        row("421 to DATA: deferred, next MX", Stage.DATA, "421 4.3.2 closing", "4.3.2"),
        row("451 to DATA: deferred, next MX", Stage.DATA, "451 4.3.0 busy", "4.3.0"),
        row("452 to DATA: deferred, next MX", Stage.DATA, "452 4.3.1 no room", "4.3.1"),
        row("554 to DATA: bounced", Stage.DATA, "554 5.5.1 no valid recipients", null),
        row("421 to the dot: deferred, next MX", Stage.END_OF_DATA, "421 4.3.2 closing", "4.3.2"),
        row("451 to the dot: deferred, next MX", Stage.END_OF_DATA, "451 4.3.0 busy", "4.3.0"),
        row("452 to the dot: deferred, next MX", Stage.END_OF_DATA, "452 4.3.1 no room", "4.3.1"),
        row("554 to the dot: bounced", Stage.END_OF_DATA, "554 5.6.0 content refused", null));
  }

  /** A row; {@code reason} null means the reply bounces. */
  private static Arguments row(String name, Stage stage, String reply, String reason) {
    Expect expect = reason == null ? bounced(reply.substring(0, 9)) : deferred(reason);
    return argumentSet(name, stage, reply, expect);
  }

  @ParameterizedTest
  @MethodSource("replies")
  void aReplyAtEachStageDefersOrBouncesAsItsCodeSaysAndNeverLeavesTls(
      Stage stage, String reply, Expect expect) throws Exception {
    scenario.check(stage, reply(reply), expect, TestMessages.SHORT);
  }
}
