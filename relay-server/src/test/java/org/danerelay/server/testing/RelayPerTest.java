package org.danerelay.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Relays that a test starts with its own settings, each with a data folder of its own, stopped and
 * removed after the test: {@code @RegisterExtension final RelayPerTest relays = new
 * RelayPerTest();}.
 */
public final class RelayPerTest implements AfterEachCallback {

  private final List<RelayFixture> started = new ArrayList<>();
  private final List<Path> folders = new ArrayList<>();

  /** Starts a relay as {@link RelayFixture#start} does, in a new folder. */
  public RelayFixture start(String... overrides) throws IOException {
    Path folder = Files.createTempDirectory("danerelay-test");
    folders.add(folder);
    RelayFixture relay = RelayFixture.start(folder, overrides);
    started.add(relay);
    return relay;
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    started.forEach(RelayFixture::close);
    started.clear();
    for (Path folder : folders) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(RelayPerTest::delete);
      }
    }
    folders.clear();
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
