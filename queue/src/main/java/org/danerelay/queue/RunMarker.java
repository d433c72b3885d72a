package org.danerelay.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A file that exists while the queue is open, so that the next start knows whether the last one
 * stopped cleanly: {@code <spool>/running}, holding the claim holder and process id.
 */
final class RunMarker {

  private final Path file;

  RunMarker(SpoolLayout layout) {
    this.file = layout.root().resolve("running");
  }

  /** What the marker of a run that never closed the queue says; empty after a clean stop. */
  Optional<String> leftBehind() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
  }

  /** Marks the queue open by {@code holder}; durable, so that a power cut counts as unclean. */
  void write(ClaimHolder holder) throws IOException {
    String text = holder + " pid " + ProcessHandle.current().pid() + "\n";
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(StandardCharsets.UTF_8.encode(text));
      channel.force(true);
    }
    SpoolLayout.fsyncDirectory(file.getParent());
  }

  /** Marks a clean stop. */
  void remove() throws IOException {
    Files.deleteIfExists(file);
  }
}
