package org.danerelay.server.outbound.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 5321 4.2 reply syntax, read from bytes that arrive in any split. */
class SmtpReplyDecoderTest {

  private final SmtpReplyDecoder decoder = new SmtpReplyDecoder(64, 3);
  private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

  @Test
  void decodesASingleLineReply() {
    feed("250 2.1.0 ok\r\n");
    SmtpReply reply = channel.readInbound();
    assertEquals(SmtpReply.of(250, "2.1.0 ok"), reply);
    assertEquals(Optional.of("2.1.0"), reply.enhancedStatus());
  }

  @Test
  void joinsTheLinesOfAMultiLineReply() {
    feed("250-mx.example\r\n250-SIZE 1000\r\n250 STARTTLS\r\n");
    assertEquals(
        new SmtpReply(250, List.of("mx.example", "SIZE 1000", "STARTTLS")), channel.readInbound());
    assertNull(channel.readInbound());
  }

  @Test
  void waitsForTheRestOfAReplySplitAcrossPackets() {
    feed("25");
    feed("0-first\r");
    assertNull(channel.readInbound());
    assertTrue(decoder.hasPendingInput());
    feed("\n250 last\r\n354 go");
    assertEquals(new SmtpReply(250, List.of("first", "last")), channel.readInbound());
    assertTrue(decoder.hasPendingInput(), "the start of the next reply is held");
    feed("\r\n");
    assertEquals(SmtpReply.of(354, "go"), channel.readInbound());
    assertFalse(decoder.hasPendingInput());
  }

  @Test
  void acceptsACodeWithoutTextAndABareLineFeed() {
    feed("250\n");
    assertEquals(SmtpReply.of(250, ""), channel.readInbound());
  }

  @Test
  void refusesALineLongerThanTheLimitEvenBeforeItsEnd() {
    assertThrows(MalformedReplyException.class, () -> feed("250 " + "x".repeat(70)));
  }

  @Test
  void refusesAReplyWithMoreLinesThanTheLimit() {
    assertThrows(MalformedReplyException.class, () -> feed("250-a\r\n250-b\r\n250-c\r\n250 d\r\n"));
  }

  @Test
  void refusesAMultiLineReplyThatChangesItsCode() {
    assertThrows(MalformedReplyException.class, () -> feed("250-a\r\n251 b\r\n"));
  }

  @ParameterizedTest(name = "RFC 5321 4.2 refuses \"{0}\"")
  @ValueSource(
      strings = {"HTTP/1.1 400 Bad Request", "25 x", "250x", "650 out of range", "190 no", ""})
  void refusesWhatIsNotAReplyLine(String line) {
    MalformedReplyException error =
        assertThrows(MalformedReplyException.class, () -> feed(line + "\r\n"));
    assertTrue(error.getMessage().contains("reply"), error.getMessage());
  }

  private void feed(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
  }
}
