package org.danerelay.dane.publish;

import static org.danerelay.dane.publish.Openssl.digest;
import static org.danerelay.dane.publish.Openssl.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the leaf, its issuer and the root in a bundle, by signatures, as the how-to does by hand.
 */
class ChainAnchorsTest {

  @TempDir Path dir;

  private KeyPair rootKeys;
  private KeyPair caKeys;
  private X509Certificate root;
  private X509Certificate intermediate;
  private X509Certificate leaf;

  @BeforeEach
  void mintChain() throws Exception {
    rootKeys = TestPki.rsa();
    caKeys = TestPki.ec();
    root = TestPki.selfSigned("Test Root CA", rootKeys, true);
    intermediate =
        TestPki.issue("Test Issuing CA", caKeys.getPublic(), root, rootKeys.getPrivate(), true);
    leaf =
        TestPki.issue(
            "mail.example.nl", TestPki.ec().getPublic(), intermediate, caKeys.getPrivate(), false);
  }

  @RepeatedTest(3)
  void findsLeafIssuerAndRootInAShuffledBundle() {
    List<X509Certificate> bundle = new ArrayList<>(List.of(root, leaf, intermediate, leaf));
    Collections.shuffle(bundle, new Random());

    ChainAnchors anchors = ChainAnchors.of(bundle);

    assertEquals(Optional.of(leaf), anchors.leaf());
    assertEquals(intermediate, anchors.issuer());
    assertEquals(root, anchors.root());
    assertEquals(List.of(leaf, intermediate, root), anchors.chain());
  }

  @Test
  void rootRecordEqualsTheHowTosOpensslPipelineOnTheSplitOutRoot() throws Exception {
    Openssl.assumeAvailable();
    Path bundle = TestPki.pem(dir.resolve("ca-bundle.crt"), intermediate, leaf, root);
    Path rootFile = TestPki.pem(dir.resolve("bundlecert.2.crt"), root);
    String expected =
        digest(
            "openssl x509 -in "
                + quote(rootFile)
                + " -noout -pubkey | openssl pkey -pubin -outform DER | openssl sha256");

    X509Certificate found = ChainAnchors.of(PemBundle.read(bundle).certificates()).root();

    assertEquals(
        expected, HexFormat.of().formatHex(TlsaGenerator.forCertificate(found, 2, 1, 1).data()));
  }

  @Test
  void caOnlyBundleHasNoLeafAndItsLowestCaIsTheIssuer() {
    ChainAnchors anchors = ChainAnchors.of(List.of(root, intermediate));
    assertEquals(Optional.empty(), anchors.leaf());
    assertEquals(intermediate, anchors.issuer());
    assertEquals(root, anchors.root());
  }

  @Test
  void bundleWithoutSelfSignedRootSaysSo() {
    ChainAnchors anchors = ChainAnchors.of(List.of(intermediate, leaf));
    assertEquals(intermediate, anchors.issuer());
    var e = assertThrows(IllegalArgumentException.class, anchors::root);
    assertTrue(e.getMessage().startsWith("the bundle holds no self-signed root"), e.getMessage());
  }

  @Test
  void aRootWithTheRightNameButAnotherKeyIsNotTheRoot() throws Exception {
    X509Certificate impostor = TestPki.selfSigned("Test Root CA", TestPki.rsa(), true);
    ChainAnchors anchors = ChainAnchors.forLeaf(leaf, List.of(impostor, intermediate));
    assertEquals(List.of(leaf, intermediate), anchors.chain());
    assertThrows(IllegalArgumentException.class, anchors::root);
  }

  @Test
  void anIssuerWithTheRightNameButAnotherKeyIsRefused() throws Exception {
    X509Certificate impostor =
        TestPki.issue(
            "Test Issuing CA", TestPki.ec().getPublic(), root, rootKeys.getPrivate(), true);
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> ChainAnchors.forLeaf(leaf, List.of(impostor)));
    assertTrue(e.getMessage().startsWith("no certificate in the bundle signed"), e.getMessage());
  }

  @Test
  void unrelatedCertificatesAreNotOneChain() throws Exception {
    X509Certificate other = TestPki.selfSigned("other.example", TestPki.ec(), false);
    var e =
        assertThrows(IllegalArgumentException.class, () -> ChainAnchors.of(List.of(leaf, other)));
    assertTrue(e.getMessage().startsWith("the bundle is not one chain"), e.getMessage());
  }

  @Test
  void leafWithoutItsIssuerHasNoIssuerToPublish() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> ChainAnchors.of(List.of(leaf)).issuer());
    assertTrue(e.getMessage().contains("not its issuer"), e.getMessage());
  }
}
