package org.danerelay.server.rollover;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.danerelay.dane.publish.ChainAnchors;
import org.danerelay.dane.publish.PemBundle;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.server.tls.PemFiles;
import org.danerelay.server.tls.SelfSignedCertificate;

/**
 * The certificate chain that {@code promote} installs: the operator's, checked to be for the next
 * key, valid now, and (current+issuer) issued under the pinned CA; or, for a relay that serves its
 * own certificate, one made here for the next key.
 */
final class NewCertificate {

  private NewCertificate() {}

  /**
   * The chain in {@code file}, leaf first.
   *
   * @throws IllegalArgumentException why it cannot replace the current certificate
   */
  static List<X509Certificate> check(
      Path file, RolloverFiles files, RolloverState state, Clock clock) throws IOException {
    PemBundle bundle = PemBundle.read(file);
    if (bundle.certificates().isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM certificate");
    }
    X509Certificate leaf = bundle.leafCertificate();
    TlsaRecord offered = RolloverRecords.forLeaf(leaf);
    TlsaRecord next = RolloverRecords.forKeyFile(files.nextKey());
    if (!offered.equals(next)) {
      throw new IllegalArgumentException(
          file
              + " is for the key "
              + offered
              + ", not the next key "
              + next
              + " ("
              + files.nextKey()
              + "): get the certificate with "
              + files.nextRequest());
    }
    try {
      leaf.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new IllegalArgumentException(
          file + ": the certificate is not valid now (" + e.getMessage() + ")", e);
    }
    List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
    bundle.certificates().stream().filter(c -> !c.equals(leaf)).forEach(chain::add);
    if (state.scheme() == RolloverScheme.CURRENT_ISSUER) {
      requireIssuer(file, leaf, chain, state.issuer().orElseThrow());
    }
    return chain;
  }

  /** A self-signed certificate for the next key, named for the first host. */
  static List<X509Certificate> selfSigned(RolloverFiles files, RolloverState state, Clock clock)
      throws IOException {
    return List.of(
        SelfSignedCertificate.certify(state.hosts().get(0), pairOf(files.nextKey()), clock));
  }

  /**
   * RFC 7671 5.2.2: a DANE-TA record only matches when the server sends the CA's certificate, so
   * the chain itself must hold the pinned issuer above the leaf.
   */
  private static void requireIssuer(
      Path file, X509Certificate leaf, List<X509Certificate> chain, TlsaRecord issuer) {
    List<X509Certificate> path;
    try {
      path = ChainAnchors.forLeaf(leaf, chain).chain();
    } catch (IllegalArgumentException e) {
      path = List.of(leaf);
    }
    boolean pinned =
        path.stream().skip(1).anyMatch(ca -> RolloverRecords.forIssuer(ca).equals(issuer));
    if (!pinned) {
      throw new IllegalArgumentException(
          file
              + " does not chain to the issuer whose "
              + issuer
              + " is published: put that CA's certificate after the server certificate (DANE-TA"
              + " only matches a CA the server sends), or get the certificate from that CA");
    }
  }

  private static KeyPair pairOf(Path keyFile) throws IOException {
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    try {
      byte[] spki = PemBundle.read(keyFile).subjectPublicKeyInfo();
      return new KeyPair(
          KeyFactory.getInstance(key.getAlgorithm()).generatePublic(new X509EncodedKeySpec(spki)),
          key);
    } catch (GeneralSecurityException e) {
      throw new IOException(keyFile + ": cannot derive the public key: " + e.getMessage(), e);
    }
  }
}
