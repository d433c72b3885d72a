package org.danerelay.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The PLAIN (RFC 4616) and LOGIN mechanisms as pure steps: every response ends in a value. */
class SaslExchangeTest {

  static Stream<Arguments> plainResponses() {
    return Stream.of(
        Arguments.of("RFC 4616 2: NUL alice NUL pw", b64("\0alice\0pw"), "alice"),
        Arguments.of("RFC 4616 2: authzid given", b64("alice\0alice\0pw"), "alice"),
        Arguments.of("RFC 4954 4: not base64", "!!", null),
        Arguments.of("RFC 4954 4: empty response", "", null),
        Arguments.of("RFC 4616 2: one NUL", b64("\0alicepw"), null),
        Arguments.of("RFC 4616 2: no NUL", b64("alicepw"), null),
        Arguments.of("RFC 4616 2: NUL in passwd", b64("\0alice\0p\0w"), null),
        Arguments.of(
            "RFC 4616 2: authcid over 255 octets", b64("\0" + "a".repeat(256) + "\0pw"), null),
        Arguments.of(
            "RFC 4616 2: not UTF-8",
            Base64.getEncoder().encodeToString(new byte[] {0, (byte) 0xff, 0, 'p'}),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plainResponses")
  void plainTurnsEachResponseIntoCredentialsOrMalformed(String row, String line, String user) {
    SaslStep step = SaslExchange.start("plain").orElseThrow().begin(Optional.of(line));
    if (user == null) {
      assertInstanceOf(SaslStep.Malformed.class, step);
    } else {
      assertEquals(user, assertInstanceOf(SaslStep.Credentials.class, step).user());
    }
  }

  @Test
  void plainWithoutInitialResponseSendsAnEmptyChallenge() {
    SaslExchange plain = SaslExchange.start("PLAIN").orElseThrow();
    assertEquals(new SaslStep.Challenge(""), plain.begin(Optional.empty()));
    assertEquals(
        new SaslStep.Credentials("", "alice", "pw").user(),
        ((SaslStep.Credentials) plain.respond(b64("\0alice\0pw"))).user());
  }

  @Test
  void loginAsksForUserThenPassword() {
    SaslExchange login = SaslExchange.start("LOGIN").orElseThrow();
    assertEquals(new SaslStep.Challenge("VXNlcm5hbWU6"), login.begin(Optional.empty()));
    assertEquals(new SaslStep.Challenge("UGFzc3dvcmQ6"), login.respond(b64("alice")));
    SaslStep.Credentials done = (SaslStep.Credentials) login.respond(b64("pw"));
    assertEquals("alice", done.user());
    assertEquals("pw", done.password());
  }

  @Test
  void credentialsNeverShowThePasswordInText() {
    assertEquals("Credentials[hidden]", new SaslStep.Credentials("", "alice", "pw").toString());
  }

  @Test
  void offersNoOtherMechanism() {
    assertEquals(Optional.empty(), SaslExchange.start("CRAM-MD5"));
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
