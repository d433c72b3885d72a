package org.danerelay.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A {@code local.recipients} file for tests whose point is not recipient verification: it takes
 * every address of the given local domains, so no callout to {@code local.forward} is made.
 */
public final class RecipientFile {

  private RecipientFile() {}

  /**
   * Writes {@code @domain} lines into {@code folder} and returns the {@code key=value} override.
   */
  public static String acceptingAllOf(Path folder, String... domains) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve("local-recipients");
    String lines =
        Arrays.stream(domains).map(domain -> "@" + domain + "\n").collect(Collectors.joining());
    Files.writeString(file, lines);
    return "local.recipients=" + file;
  }
}
