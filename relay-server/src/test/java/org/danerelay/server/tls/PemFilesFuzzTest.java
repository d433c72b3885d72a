package org.danerelay.server.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Fuzzes the listener's certificate and key files, {@code smtpd.tls.cert} and {@code smtpd.tls.key}
 * (docs/fuzzing.md). Input layout: the file's bytes.
 */
class PemFilesFuzzTest {

  // One file for the whole run: the parser reads a path, and a new file per input costs more.
  private static final Path FILE = temporaryFile();

  /**
   * Either file is read, or refused with an IOException whose message starts with the file name, so
   * that start-up can print it as is; no other exception escapes.
   */
  @FuzzTest
  void readsCertificatesAndKeysOrRefusesNamingTheFile(byte[] input) throws IOException {
    Files.write(FILE, input);
    try {
      List<X509Certificate> chain = PemFiles.readCertificates(FILE);
      assertFalse(chain.isEmpty(), "a chain that was read has a certificate");
    } catch (IOException refused) {
      assertNamesTheFile(refused);
    }
    try {
      assertNotNull(PemFiles.readPrivateKey(FILE));
    } catch (IOException refused) {
      assertNamesTheFile(refused);
    }
  }

  private static void assertNamesTheFile(IOException refused) {
    String message = String.valueOf(refused.getMessage());
    assertTrue(message.startsWith(FILE + ": "), () -> "does not name the file: " + message);
  }

  private static Path temporaryFile() {
    try {
      Path file = Files.createTempFile("fuzzed-", ".pem");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
