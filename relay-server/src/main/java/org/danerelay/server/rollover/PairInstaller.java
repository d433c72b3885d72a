package org.danerelay.server.rollover;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Puts the next key and its certificate where the configuration names the current pair, keeping the
 * pair it replaces as {@code .previous}, and can put that back.
 *
 * <p>Each file is replaced in one rename, so a reader never sees half a file; between the two
 * renames the key is new and the certificate old, which only a relay starting in that instant would
 * notice (it refuses a pair that does not fit, and says so).
 */
final class PairInstaller {

  private PairInstaller() {}

  /** Installs {@code chain} (leaf first) with the next key; the next key file is used up. */
  static void install(RolloverFiles files, List<X509Certificate> chain) throws IOException {
    AtomicFiles.copy(files.cert(), files.previousCert(), AtomicFiles.PUBLIC);
    AtomicFiles.copy(files.key(), files.previousKey(), AtomicFiles.OWNER_ONLY);
    AtomicFiles.ownLike(files.nextKey(), files.key());
    AtomicFiles.move(files.nextKey(), files.key());
    AtomicFiles.write(
        files.cert(), pem(chain), AtomicFiles.PUBLIC, Optional.of(files.previousCert()));
  }

  /** Undoes {@link #install}: the previous pair back in place, the next key back beside it. */
  static void rollBack(RolloverFiles files) throws IOException {
    AtomicFiles.copy(files.key(), files.nextKey(), AtomicFiles.OWNER_ONLY);
    AtomicFiles.copy(files.previousKey(), files.key(), AtomicFiles.OWNER_ONLY);
    AtomicFiles.copy(files.previousCert(), files.cert(), AtomicFiles.PUBLIC);
  }

  /** Whether a rollback has what it needs. */
  static boolean canRollBack(RolloverFiles files) {
    return Files.exists(files.previousKey()) && Files.exists(files.previousCert());
  }

  private static byte[] pem(List<X509Certificate> chain) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (X509Certificate certificate : chain) {
        writer.writeObject(certificate);
      }
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
