package org.danerelay.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener's certificate: made at first start when none is configured, kept after. */
class ServerTlsTest {

  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  @TempDir Path data;

  @Test
  void makesAnOwnerOnlyKeyAndSelfSignedCertificateAtFirstStart() throws Exception {
    ServerTls tls = load();
    Path key = data.resolve("tls/selfsigned-key.pem");
    Path cert = data.resolve("tls/selfsigned-cert.pem");
    assertTrue(Files.exists(cert));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    var leaf = PemFiles.readCertificates(cert).get(0);
    assertEquals("CN=mx.example.test", leaf.getSubjectX500Principal().getName());
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded()));
    assertEquals(expected, tls.spkiSha256Hex());
  }

  @Test
  void keepsTheSameKeyAcrossRestarts() throws Exception {
    String first = load().spkiSha256Hex();
    assertEquals(first, load().spkiSha256Hex());
  }

  @Test
  void aKeyThatDoesNotFitTheCertificateIsNamed() throws Exception {
    load();
    Path otherData = data.resolve("other");
    SelfSignedCertificate.generate(
        "other.test",
        otherData.resolve("key.pem"),
        otherData.resolve("cert.pem"),
        Clock.systemUTC());
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                ServerTls.load(
                    Optional.of(data.resolve("tls/selfsigned-cert.pem")),
                    Optional.of(otherData.resolve("key.pem")),
                    data,
                    "mx.example.test",
                    PROTOCOLS,
                    Clock.systemUTC()));
    assertTrue(e.getMessage().startsWith(otherData.resolve("key.pem").toString()), e.getMessage());
  }

  @Test
  void aFileWithoutCertificatesIsNamed() throws Exception {
    Path empty = Files.writeString(data.resolve("empty.pem"), "not pem\n");
    IOException e = assertThrows(IOException.class, () -> PemFiles.readCertificates(empty));
    assertEquals(empty + ": no certificate found", e.getMessage());
  }

  private ServerTls load() throws IOException {
    return ServerTls.load(
        Optional.empty(), Optional.empty(), data, "mx.example.test", PROTOCOLS, Clock.systemUTC());
  }
}
