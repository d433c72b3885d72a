package org.danerelay.dane.publish;

import static org.danerelay.dane.publish.Openssl.digest;
import static org.danerelay.dane.publish.Openssl.quote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TLSA data from certificates and keys equals what the how-to's openssl pipelines print. */
class TlsaGeneratorTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "RFC 6698 2.1: {0} certificate, selector {1}, matching {2} = {3}")
  @CsvSource({
    "RSA, 1, 1, openssl x509 -in C -pubkey -noout | openssl pkey -pubin -outform DER | openssl sha256",
    "EC,  1, 1, openssl x509 -in C -pubkey -noout | openssl pkey -pubin -outform DER | openssl sha256",
    "RSA, 1, 2, openssl x509 -in C -pubkey -noout | openssl pkey -pubin -outform DER | openssl sha512",
    "EC,  1, 2, openssl x509 -in C -pubkey -noout | openssl pkey -pubin -outform DER | openssl sha512",
    "RSA, 0, 1, openssl x509 -in C -outform DER | openssl sha256",
    "EC,  0, 1, openssl x509 -in C -outform DER | openssl sha256",
    "RSA, 0, 2, openssl x509 -in C -outform DER | openssl sha512",
    "EC,  0, 2, openssl x509 -in C -outform DER | openssl sha512",
  })
  void certificateDigestEqualsOpensslPipeline(
      String type, int selector, int matching, String pipeline) throws Exception {
    Openssl.assumeAvailable();
    KeyPair keys = TestPki.keys(type);
    X509Certificate cert = TestPki.selfSigned("mail.example.nl", keys, false);
    Path file = TestPki.pem(dir.resolve("cert.pem"), cert);

    TlsaRecord record = TlsaGenerator.forCertificate(cert, 3, selector, matching);

    assertEquals(digest(pipeline.replace(" C ", " " + quote(file) + " ")), hex(record));
    assertEquals(selector, record.selector());
    assertTrue(record.isUsableForSmtp());
  }

  @ParameterizedTest(name = "RFC 6698 2.1.3: matching type 0 carries the {0} bytes themselves")
  @CsvSource({
    "SubjectPublicKeyInfo, 1, openssl x509 -in C -pubkey -noout | openssl pkey -pubin -outform DER",
    "certificate,          0, openssl x509 -in C -outform DER"
  })
  void matchingTypeZeroIsTheSelectedDer(String what, int selector, String pipeline)
      throws Exception {
    Openssl.assumeAvailable();
    X509Certificate cert = TestPki.selfSigned("mail.example.nl", TestPki.ec(), false);
    Path file = TestPki.pem(dir.resolve("cert.pem"), cert);
    Path der = dir.resolve("selected.der");

    Openssl.sh(pipeline.replace(" C ", " " + quote(file) + " ") + " > " + quote(der));

    assertArrayEquals(
        Files.readAllBytes(der), TlsaGenerator.forCertificate(cert, 3, selector, 0).data());
  }

  @ParameterizedTest(
      name = "{0} private key (PKCS#1/SEC1 and PKCS#8) gives its certificate's 3 1 1")
  @ValueSource(strings = {"RSA", "EC", "Ed25519"})
  void privateKeyGivesTheSameRecordAsItsCertificate(String type) throws Exception {
    KeyPair keys = TestPki.keys(type);
    X509Certificate cert = TestPki.selfSigned("mail.example.nl", keys, false);
    TlsaRecord expected = TlsaGenerator.forCertificate(cert, 3, 1, 1);

    PemBundle traditional = PemBundle.read(TestPki.pem(dir.resolve("k1.pem"), keys.getPrivate()));
    PemBundle pkcs8 = PemBundle.read(TestPki.pkcs8(dir.resolve("k8.pem"), keys.getPrivate()));

    assertEquals(expected, TlsaGenerator.forPrivateKey(traditional.privateKeys().get(0), 3, 1));
    assertEquals(expected, TlsaGenerator.forPrivateKey(pkcs8.privateKeys().get(0), 3, 1));
    assertEquals(expected, TlsaGenerator.forPublicKey(keys.getPublic(), 3, 1));
  }

  @ParameterizedTest(name = "keys openssl made ({0}) give what openssl pkey -pubout gives")
  @CsvSource({
    "RSA PKCS#8,  PRIVATE KEY,     openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048",
    "RSA PKCS#1,  RSA PRIVATE KEY, openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 | openssl pkey -traditional",
    "EC PKCS#8,   PRIVATE KEY,     openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256",
    "EC SEC1,     EC PRIVATE KEY,  openssl ecparam -name prime256v1 -genkey",
    "Ed25519,     PRIVATE KEY,     openssl genpkey -algorithm ed25519"
  })
  void opensslKeysMatchOpensslDerivedPublicKey(String name, String header, String generate)
      throws Exception {
    Openssl.assumeAvailable();
    Path key = dir.resolve("key.pem");
    Openssl.sh(generate + " -out " + quote(key));
    assertTrue(Files.readString(key).contains("-----BEGIN " + header + "-----"), name);
    String expected =
        digest("openssl pkey -in " + quote(key) + " -pubout -outform DER | openssl sha256");

    PemBundle bundle = PemBundle.read(key);

    assertEquals(1, bundle.privateKeys().size(), bundle.toString());
    assertEquals(expected, hex(TlsaGenerator.forPrivateKey(bundle.privateKeys().get(0), 3, 1)));
  }

  @Test
  void digestsHaveTheLengthsRfc6698Requires() throws Exception {
    X509Certificate cert = TestPki.selfSigned("mail.example.nl", TestPki.ec(), false);
    assertEquals(32, TlsaGenerator.forCertificate(cert, 3, 1, 1).data().length);
    assertEquals(64, TlsaGenerator.forCertificate(cert, 3, 0, 2).data().length);
    assertArrayEquals(cert.getEncoded(), TlsaGenerator.forCertificate(cert, 2, 0, 0).data());
  }

  @Test
  void refusesSelectorsAndMatchingTypesItCannotCompute() throws Exception {
    X509Certificate cert = TestPki.selfSigned("mail.example.nl", TestPki.ec(), false);
    var selector =
        assertThrows(
            IllegalArgumentException.class, () -> TlsaGenerator.forCertificate(cert, 3, 2, 1));
    var matching =
        assertThrows(
            IllegalArgumentException.class, () -> TlsaGenerator.forCertificate(cert, 3, 1, 3));
    assertTrue(selector.getMessage().startsWith("selector must be 0"), selector.getMessage());
    assertTrue(matching.getMessage().startsWith("matching type must be 0"), matching.getMessage());
  }

  @Test
  void dsaPrivateKeyIsAClearError() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
    generator.initialize(2048);
    KeyPair dsa = generator.generateKeyPair();
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TlsaGenerator.forPrivateKey(dsa.getPrivate(), 3, 1));
    assertTrue(e.getMessage().contains("cannot derive the public key from a DSA"), e.getMessage());
  }

  private static String hex(TlsaRecord record) {
    return HexFormat.of().formatHex(record.data());
  }
}
