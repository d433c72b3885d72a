package org.danerelay.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import org.danerelay.server.tls.SelfSignedCertificate;

/**
 * One self-signed pair per test JVM, copied into each relay's data folder where the relay looks for
 * its own, so that every test does not pay for an RSA key generation.
 */
final class SharedCertificate {

  private static Path folder;

  private SharedCertificate() {}

  static synchronized void copyInto(Path tlsFolder) throws IOException {
    if (folder == null) {
      folder = Files.createTempDirectory("danerelay-test-tls");
      folder.toFile().deleteOnExit();
      SelfSignedCertificate.generate(
          "relay.test",
          folder.resolve("selfsigned-key.pem"),
          folder.resolve("selfsigned-cert.pem"),
          Clock.systemUTC());
    }
    Files.createDirectories(tlsFolder);
    for (String name : new String[] {"selfsigned-key.pem", "selfsigned-cert.pem"}) {
      Files.copy(
          folder.resolve(name), tlsFolder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
