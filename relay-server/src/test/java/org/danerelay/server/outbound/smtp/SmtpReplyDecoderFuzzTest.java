package org.danerelay.server.outbound.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the outbound reply decoder with whatever a remote server may send (docs/fuzzing.md).
 *
 * <p>Input layout: the first byte picks the packet size (1 to 64 bytes); the rest is the server's
 * byte stream.
 */
class SmtpReplyDecoderFuzzTest {

  // Small limits, so that the fuzzer reaches the limit checks as often as the syntax checks.
  private static final int MAX_LINE = 64;
  private static final int MAX_LINES = 4;

  /**
   * However the bytes are cut into packets, the decoder gives the same replies and the same refusal
   * as when they arrive at once; every reply is within the limits; the only failure is a {@link
   * MalformedReplyException} whose message cannot break a log line.
   */
  @FuzzTest
  void decodesTheSameRepliesHoweverTheBytesArrive(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int packetSize = (input[0] & 0x3f) + 1;
    byte[] stream = Arrays.copyOfRange(input, 1, input.length);

    Decoded atOnce = decode(stream, Math.max(1, stream.length));
    Decoded inPackets = decode(stream, packetSize);

    assertEquals(atOnce, inPackets);
    for (SmtpReply reply : atOnce.replies()) {
      assertWithinLimits(reply);
      // The EHLO reader takes any reply the decoder passes; a SIZE it cannot read is no limit.
      EhloCapabilities.parse(reply).sizeLimit().ifPresent(limit -> assertTrue(limit > 0));
    }
    if (atOnce.refusal() != null) {
      assertFalse(
          atOnce.refusal().chars().anyMatch(c -> c < 0x20 || c == 0x7f),
          "a refusal quotes the server's line only with control characters masked");
    }
  }

  private static void assertWithinLimits(SmtpReply reply) {
    assertTrue(reply.code() >= 200 && reply.code() <= 599, reply::toString);
    assertTrue(reply.lines().size() <= MAX_LINES, reply::toString);
    for (String text : reply.lines()) {
      // code, separator and LF take 5 of the line's bytes; a char is at least one byte
      assertTrue(text.length() <= MAX_LINE - 5, reply::toString);
      assertFalse(text.contains("\n"), reply::toString);
    }
  }

  /** What the decoder made of a stream: the replies before any refusal, and the refusal. */
  private record Decoded(List<SmtpReply> replies, String refusal, boolean pending) {}

  private static void close(EmbeddedChannel channel) {
    try {
      channel.finishAndReleaseAll();
    } catch (MalformedReplyException e) {
      // Closing decodes what a refusal left unread once more; the refusal is already recorded.
    }
  }

  private static Decoded decode(byte[] stream, int packetSize) {
    SmtpReplyDecoder decoder = new SmtpReplyDecoder(MAX_LINE, MAX_LINES);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    List<SmtpReply> replies = new ArrayList<>();
    String refusal = null;
    try {
      for (int at = 0; at < stream.length && refusal == null; at += packetSize) {
        int end = Math.min(stream.length, at + packetSize);
        try {
          channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, at, end)));
        } catch (MalformedReplyException e) {
          refusal = e.getMessage();
        }
        for (Object reply = channel.readInbound(); reply != null; reply = channel.readInbound()) {
          replies.add((SmtpReply) reply);
        }
      }
      return new Decoded(replies, refusal, refusal == null && decoder.hasPendingInput());
    } finally {
      close(channel);
    }
  }
}
