package org.danerelay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queued mail is readable by the relay's user only. */
class DataFolderTest {

  @TempDir Path parent;

  @Test
  void createsANewDataFolderOwnerOnly() throws Exception {
    Path data = parent.resolve("a/data");
    DataFolder.prepare(data);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
  }

  @Test
  void leavesAnExistingFolderAsItIs() throws Exception {
    Path data = Files.createDirectory(parent.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
    DataFolder.prepare(data);
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
  }
}
