package org.danerelay.dane.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.danerelay.dane.tlsa.TlsaRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Zone-file lines in the form the internet.nl how-to publishes. */
class TlsaLineTest {

  private static final String HOWTO_HEX =
      "29c8601cb562d00aa7190003b5c17e61a93dcbed3f61fd2f86bd35fbb461d084";

  @Test
  void printsTheHowTosExampleLineExactly() {
    TlsaLine line = new TlsaLine("mail.example.nl", 25, TlsaRecord.parse("3 1 1 " + HOWTO_HEX));
    assertEquals("_25._tcp.mail.example.nl. IN TLSA 3 1 1 " + HOWTO_HEX, line.toString());
  }

  @Test
  void upperCaseDataIsPrintedLowerCase() {
    TlsaRecord record = TlsaRecord.parse("2 1 1 " + HOWTO_HEX.toUpperCase());
    assertEquals(
        "_25._tcp.mail2.example.nl. IN TLSA 2 1 1 " + HOWTO_HEX,
        new TlsaLine("mail2.example.nl", 25, record).toString());
  }

  @ParameterizedTest(name = "owner of ''{0}'' port {1} is {2}")
  @CsvSource({
    "mail.example.nl,   25,  _25._tcp.mail.example.nl.",
    "Mail.Example.NL,   25,  _25._tcp.mail.example.nl.",
    "mail.example.nl.,  25,  _25._tcp.mail.example.nl.",
    "mx-1.example.nl,   587, _587._tcp.mx-1.example.nl.",
    "xn--bcher-kva.example, 25, _25._tcp.xn--bcher-kva.example."
  })
  void ownerIsLowerCaseWithExactlyOneTrailingDot(String host, int port, String owner) {
    assertEquals(owner, new TlsaLine(host, port, TlsaRecord.parse("3 1 1 " + HOWTO_HEX)).owner());
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(
      strings = {
        "",
        " ",
        "mail..example.nl",
        "mail.example.nl..",
        ".mail.example.nl",
        "-mail.example.nl",
        "mail-.example.nl",
        "mail_1.example.nl",
        "mail example.nl",
        "192.0.2.25",
        "bücher.example",
        "_25._tcp.mail.example.nl"
      })
  void invalidHostNamesAreRefused(String host) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TlsaLine(host, 25, TlsaRecord.parse("3 1 1 " + HOWTO_HEX)));
  }

  @Test
  void labelsLongerThan63AreRefused() {
    String host = "a".repeat(64) + ".example";
    assertThrows(IllegalArgumentException.class, () -> TlsaLine.normalize(host));
    assertEquals("a".repeat(63) + ".example", TlsaLine.normalize("a".repeat(63) + ".example"));
  }

  @ParameterizedTest(name = "port {0} is refused")
  @ValueSource(ints = {0, -1, 65536})
  void portsOutsideTheTcpRangeAreRefused(int port) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TlsaLine("mail.example.nl", port, TlsaRecord.parse("3 1 1 " + HOWTO_HEX)));
  }
}
