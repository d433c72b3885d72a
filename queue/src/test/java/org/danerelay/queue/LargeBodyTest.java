package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeBodyTest {

  private static final long FIFTY_MIB = 50L * 1024 * 1024;

  @TempDir Path spool;

  @Test
  void streamsAFiftyMegabyteBodyInAndOutUnchanged() throws IOException {
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool))) {
      String id = queue.newId();
      String written;
      try (SpoolWriter writer = queue.create(id, SampleMail.envelope("bob@example.net"))) {
        written = SampleMail.writePseudoRandomBody(writer.body(), FIFTY_MIB);
        assertEquals(FIFTY_MIB, writer.size());
        writer.commit();
      }

      assertEquals(FIFTY_MIB, queue.find(id).orElseThrow().size());
      assertEquals(written, SampleMail.sha256OfBody(queue, id));
    }
  }
}
