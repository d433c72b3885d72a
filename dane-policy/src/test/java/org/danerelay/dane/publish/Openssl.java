package org.danerelay.dane.publish;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the internet.nl how-to's openssl pipelines, to check our records against the reference. */
final class Openssl {

  private static final boolean AVAILABLE = probe();

  private Openssl() {}

  /** Skips the calling test, saying why, when the {@code openssl} command is missing. */
  static void assumeAvailable() {
    assumeTrue(
        AVAILABLE,
        "openssl is not on PATH: skipping the cross-check against the how-to's openssl pipeline");
  }

  /** Runs {@code pipeline} under {@code sh -c} and returns its standard output. */
  static String sh(String pipeline) throws IOException, InterruptedException {
    // Output goes to files, so a chatty command cannot block the pipe and defeat the timeout.
    Path out = Files.createTempFile("openssl", ".out");
    Path err = Files.createTempFile("openssl", ".err");
    try {
      Process process =
          new ProcessBuilder("sh", "-c", pipeline)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out after 30 s: " + pipeline);
      }
      if (process.exitValue() != 0) {
        throw new IOException(pipeline + " failed: " + Files.readString(err).strip());
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The hex digest from a pipeline ending in {@code openssl sha256}: {@code (stdin)= <hex>}. */
  static String digest(String pipeline) throws IOException, InterruptedException {
    String out = sh(pipeline).strip();
    return out.substring(out.lastIndexOf("= ") + 2);
  }

  static String quote(Object path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }

  private static boolean probe() {
    try {
      Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
