package org.danerelay.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Unpacks a fresh copy of a queue that a {@code kill -9} run left damaged: by default the one of
 * issue 9 (see {@code fixtures/wedged-h2-queue/README.md}): 3,742 messages, one pending recipient
 * each, every recipient row unlockable.
 */
final class WedgedFixture {

  static final int MESSAGES = 3742;

  private WedgedFixture() {}

  /** Unpacks the archive into {@code folder} and returns its spool folder. */
  static Path unpack(Path folder) throws IOException, InterruptedException {
    return unpack("wedged-h2-queue", folder);
  }

  /** Unpacks {@code fixtures/<name>/data-queue.tar.xz} into {@code folder}; its spool folder. */
  static Path unpack(String name, Path folder) throws IOException, InterruptedException {
    Path archive =
        Path.of("src/test/resources/fixtures", name, "data-queue.tar.xz").toAbsolutePath();
    Process tar =
        new ProcessBuilder("tar", "xJf", archive.toString(), "-C", folder.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes());
    if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
      tar.destroyForcibly();
      throw new IOException(
          "tar could not unpack " + archive + " (is xz-utils installed?): " + output);
    }
    return folder.resolve("data/queue");
  }
}
