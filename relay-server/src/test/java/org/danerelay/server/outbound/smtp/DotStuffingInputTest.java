package org.danerelay.server.outbound.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5321 4.5.2 transparency and the end-of-data sequence, as sent after DATA. */
class DotStuffingInputTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "RFC 5321 4.5.2 doubles a leading dot | .hidden\\r\\n | ..hidden\\r\\n.\\r\\n",
        "leaves inner dots alone | a.b\\r\\n | a.b\\r\\n.\\r\\n",
        "doubles a lone dot line | a\\r\\n.\\r\\nb\\r\\n | a\\r\\n..\\r\\nb\\r\\n.\\r\\n",
        "dot at the very start | .a | ..a\\r\\n.\\r\\n",
        "ends an unterminated last line | a | a\\r\\n.\\r\\n",
        "empty content | '' | .\\r\\n",
        "RFC 5321 2.3.8 bare LF becomes CRLF | a\\n.\\nb | a\\r\\n..\\r\\nb\\r\\n.\\r\\n",
        "RFC 5321 2.3.8 bare CR becomes CRLF | a\\r.\\rb\\r\\n | a\\r\\n..\\r\\nb\\r\\n.\\r\\n",
      })
  void encodes(String rule, String content, String expected) throws Exception {
    assertEquals(unescape(expected), encode(bytes(unescape(content))));
  }

  @Test
  void keepsACrlfSplitAcrossReadsAsOneLineEnding() throws Exception {
    InputStream split =
        new SequenceInputStream(
            new ByteArrayInputStream(bytes("a\r")), new ByteArrayInputStream(bytes("\n.b")));
    assertEquals("a\r\n..b\r\n.\r\n", encode(split));
  }

  @Test
  void encodesContentOfManyReadsWhateverTheLineEndsAndDots() throws Exception {
    StringBuilder content = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 3000; i++) { // about 40 KiB: lines cross the 16 KiB reads
      String line = (i % 3 == 0 ? "." : "") + "line " + i + " of the body";
      content.append(line).append(i % 5 == 0 ? "\n" : "\r\n");
      expected.append(line.startsWith(".") ? "." + line : line).append("\r\n");
    }
    assertEquals(expected + ".\r\n", encode(bytes(content.toString())));
  }

  @Test
  void endsAfterTheTerminator() throws Exception {
    DotStuffingInput input = new DotStuffingInput(new ByteArrayInputStream(bytes("x")));
    drain(input);
    assertTrue(input.isEndOfInput());
    assertNull(input.readChunk(ByteBufAllocator.DEFAULT));
  }

  private static String encode(byte[] content) throws Exception {
    return encode(new ByteArrayInputStream(content));
  }

  private static String encode(InputStream content) throws Exception {
    return drain(new DotStuffingInput(content));
  }

  private static String drain(DotStuffingInput input) throws Exception {
    StringBuilder out = new StringBuilder();
    while (!input.isEndOfInput()) {
      ByteBuf chunk = input.readChunk(ByteBufAllocator.DEFAULT);
      out.append(chunk.toString(StandardCharsets.ISO_8859_1));
      chunk.release();
    }
    return out.toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String unescape(String text) {
    return text.replace("\\r", "\r").replace("\\n", "\n");
  }
}
