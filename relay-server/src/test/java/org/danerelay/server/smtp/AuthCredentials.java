package org.danerelay.server.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.danerelay.server.auth.PasswordHash;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;

/** The AUTH test user, its users file, and the PLAIN responses the AUTH tests send. */
final class AuthCredentials {

  static final String USER = "alice";
  static final String PASSWORD = "s3cret";

  private AuthCredentials() {}

  /** Writes a users file with {@link #USER} into {@code folder}; returns its path. */
  static Path usersFile(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path users = folder.resolve("users");
    Files.writeString(users, USER + ":" + PasswordHash.create(PASSWORD.toCharArray()).encode());
    return users;
  }

  /** RFC 4616: authzid NUL authcid NUL passwd, base64; no authzid. */
  static String plain(String user, String password) {
    return base64("\0" + user + "\0" + password);
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A client on the submission listener from {@code from}, inside TLS, after EHLO. */
  static SmtpTestClient submission(RelayFixture relay, String from) throws IOException {
    SmtpTestClient client =
        SmtpTestClient.connectFrom(from, relay.port(1), relay.trustedCertificate());
    client.hello();
    client.startTls();
    client.command("EHLO client.test");
    return client;
  }
}
