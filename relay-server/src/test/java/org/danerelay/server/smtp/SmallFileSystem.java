package org.danerelay.server.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for fault tests: a tmpfs mounted on a test folder, which a filler file
 * makes full and deleting it frees again. Needs root and mount(8), as CI has; without them the test
 * fails with the reason instead of passing untested.
 */
final class SmallFileSystem implements AutoCloseable {

  private static final long COMMAND_SECONDS = 20;

  private final Path mountPoint;
  private final Path filler;

  private SmallFileSystem(Path mountPoint) {
    this.mountPoint = mountPoint;
    this.filler = mountPoint.resolve("filler");
  }

  /** Mounts a tmpfs of {@code size} (mount's syntax: "4m") on {@code mountPoint}, created empty. */
  static SmallFileSystem mount(Path mountPoint, String size) throws IOException {
    Files.createDirectories(mountPoint);
    run(
        "cannot mount a tmpfs for the fault tests (they need root and mount, as CI has)",
        "mount",
        "-t",
        "tmpfs",
        "-o",
        "size=" + size + ",mode=0700",
        "tmpfs",
        mountPoint.toString());
    return new SmallFileSystem(mountPoint);
  }

  /** Grows the filler until only {@code bytes} stay free (tmpfs counts whole 4 KiB pages). */
  void fillLeaving(long bytes) throws IOException {
    long toWrite = Files.getFileStore(mountPoint).getUsableSpace() - bytes;
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler, CREATE_APPEND)) {
      while (toWrite > 0) {
        int n = (int) Math.min(chunk.length, toWrite);
        out.write(chunk, 0, n);
        toWrite -= n;
      }
    }
    long free = Files.getFileStore(mountPoint).getUsableSpace();
    if (free != bytes) {
      throw new IllegalStateException("wanted " + bytes + " bytes free, have " + free);
    }
  }

  /** Deletes the filler: the space is back. */
  void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  /** Unmounts, lazily if something still holds a file open; never throws, so cleanup goes on. */
  @Override
  public void close() {
    try {
      run("umount failed", "umount", mountPoint.toString());
    } catch (IOException | RuntimeException e) {
      try {
        run("lazy umount failed", "umount", "-l", mountPoint.toString());
      } catch (IOException | RuntimeException again) {
        e.addSuppressed(again);
        throw new IllegalStateException("could not unmount the test tmpfs " + mountPoint, e);
      }
    }
  }

  private static final java.nio.file.OpenOption[] CREATE_APPEND = {
    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND
  };

  private static void run(String failure, String... command) throws IOException {
    Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(failure + ": " + String.join(" ", command) + " hung");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(failure + ": interrupted", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          failure
              + ": "
              + String.join(" ", command)
              + " exited "
              + process.exitValue()
              + ": "
              + output.trim());
    }
  }
}
