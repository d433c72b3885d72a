package org.danerelay.dane.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the PEM files operators have: chains, keys in three encodings, and bad input. */
class PemBundleTest {

  @TempDir Path dir;

  @Test
  void readsCertificatesAndKeysInFileOrderSkippingOtherText() throws Exception {
    KeyPair rsa = TestPki.rsa();
    KeyPair ec = TestPki.ec();
    X509Certificate first = TestPki.selfSigned("a.example", rsa, false);
    X509Certificate second = TestPki.selfSigned("b.example", ec, false);
    Path file =
        TestPki.pem(dir.resolve("all.pem"), first, rsa.getPrivate(), second, ec.getPublic());
    Files.writeString(file, "Bag Attributes: friendlyName: mail\n" + Files.readString(file));

    PemBundle bundle = PemBundle.read(file);

    assertEquals(2, bundle.certificates().size());
    assertEquals(first, bundle.certificates().get(0));
    assertEquals(second, bundle.certificates().get(1));
    assertEquals(1, bundle.privateKeys().size());
    assertEquals(ec.getPublic(), bundle.publicKeys().get(0));
    assertEquals(file.toString(), bundle.source());
  }

  @Test
  void textWithoutPemBlocksIsAnEmptyBundle() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "just some text\n");
    assertTrue(PemBundle.read(file).isEmpty());
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("absent.pem");
    IOException e = assertThrows(IOException.class, () -> PemBundle.read(file));
    assertEquals(file + ": no such file", e.getMessage());
  }

  @Test
  void corruptBase64IsNamedWithTheFile() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.pem"),
            "-----BEGIN CERTIFICATE-----\nMIIB!!not-base64!!\n-----END CERTIFICATE-----\n");
    IOException e = assertThrows(IOException.class, () -> PemBundle.read(file));
    assertTrue(e.getMessage().startsWith(file + ": bad PEM"), e.getMessage());
  }

  @Test
  void truncatedBlockIsNamedWithTheFile() throws Exception {
    String pem = Files.readString(TestPki.pem(dir.resolve("c.pem"), selfSigned()));
    Path file = Files.writeString(dir.resolve("cut.pem"), pem.substring(0, pem.length() / 2));
    IOException e = assertThrows(IOException.class, () -> PemBundle.read(file));
    assertTrue(e.getMessage().startsWith(file + ": bad PEM"), e.getMessage());
  }

  @Test
  void derFileIsNotMistakenForPem() throws Exception {
    Path file = Files.write(dir.resolve("cert.der"), selfSigned().getEncoded());
    IOException e = assertThrows(IOException.class, () -> PemBundle.read(file));
    assertTrue(e.getMessage().startsWith(file + ": not a PEM text file"), e.getMessage());
  }

  @Test
  void encryptedPkcs8KeyIsRefusedWithAClearMessage() throws Exception {
    var encryptor =
        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
            .setProvider(new BouncyCastleProvider())
            .setPassword("secret".toCharArray())
            .build();
    Path file =
        TestPki.pem(
            dir.resolve("enc8.pem"), new JcaPKCS8Generator(TestPki.ec().getPrivate(), encryptor));
    assertEncryptedRefused(file);
  }

  @Test
  void encryptedTraditionalKeyIsRefusedWithAClearMessage() throws Exception {
    var encryptor =
        new JcePEMEncryptorBuilder("AES-128-CBC")
            .setProvider(new BouncyCastleProvider())
            .build("secret".toCharArray());
    Path file =
        TestPki.pem(
            dir.resolve("enc1.pem"),
            new JcaMiscPEMGenerator(TestPki.rsa().getPrivate(), encryptor));
    assertTrue(Files.readString(file).contains("Proc-Type: 4,ENCRYPTED"));
    assertEncryptedRefused(file);
  }

  @Test
  void leafCertificateIsTheOneThatSignsNoOtherInAFullChain() throws Exception {
    KeyPair caKeys = TestPki.ec();
    X509Certificate ca = TestPki.selfSigned("Test CA", caKeys, true);
    X509Certificate leaf =
        TestPki.issue("mail.example.nl", TestPki.ec().getPublic(), ca, caKeys.getPrivate(), false);
    Path file = TestPki.pem(dir.resolve("fullchain.pem"), ca, leaf);

    assertEquals(leaf, PemBundle.read(file).leafCertificate());
  }

  @Test
  void keyPairHalvesInOneFileStandForOneKey() throws Exception {
    KeyPair keys = TestPki.rsa();
    Path file = TestPki.pem(dir.resolve("pair.pem"), keys.getPrivate(), keys.getPublic());

    assertArrayEquals(keys.getPublic().getEncoded(), PemBundle.read(file).subjectPublicKeyInfo());
  }

  @Test
  void keysOfTwoPairsInOneFileAreRefused() throws Exception {
    Path file =
        TestPki.pem(dir.resolve("two.pem"), TestPki.ec().getPrivate(), TestPki.ec().getPublic());
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> PemBundle.read(file).subjectPublicKeyInfo());
    assertEquals(file + " holds keys of different key pairs; give a file with one", e.getMessage());
  }

  @Test
  void toStringShowsCountsNotKeys() throws Exception {
    KeyPair rsa = TestPki.rsa();
    PemBundle bundle = PemBundle.read(TestPki.pem(dir.resolve("k.pem"), rsa.getPrivate()));
    assertEquals(
        "PemBundle["
            + dir.resolve("k.pem")
            + ": 0 certificate(s), 1 private key(s), 0 public"
            + " key(s)]",
        bundle.toString());
  }

  private static void assertEncryptedRefused(Path file) {
    IOException e = assertThrows(IOException.class, () -> PemBundle.read(file));
    assertTrue(
        e.getMessage().startsWith(file + ": the private key is encrypted, which is not supported"),
        e.getMessage());
  }

  private static X509Certificate selfSigned() throws Exception {
    return TestPki.selfSigned("mail.example.nl", TestPki.ec(), false);
  }
}
