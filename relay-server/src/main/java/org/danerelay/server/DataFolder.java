package org.danerelay.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder holds queued mail, the TLS key and the control socket: owner-only, as Postfix
 * keeps its queue.
 */
final class DataFolder {

  private static final Logger log = LoggerFactory.getLogger(DataFolder.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private DataFolder() {}

  /** Creates the folder owner-only, or warns when an existing one lets others in. */
  static void prepare(Path folder) throws IOException {
    if (Files.notExists(folder)) {
      Files.createDirectories(folder);
      Files.setPosixFilePermissions(folder, OWNER_ONLY);
      return;
    }
    Set<PosixFilePermission> actual = Files.getPosixFilePermissions(folder);
    if (!OWNER_ONLY.containsAll(actual)) {
      log.warn(
          "data folder {} is {}: other users can read queued mail; chmod 700 it",
          folder,
          PosixFilePermissions.toString(actual));
    }
  }
}
