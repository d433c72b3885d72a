package org.danerelay.server.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * The listener's TLS identity and settings: turns an accepted socket into a server-side SSLSocket
 * for STARTTLS.
 */
public final class ServerTls implements SSLSocketCreator {

  private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

  private final SSLContext context;
  private final String[] protocols;
  private final X509Certificate leaf;

  private ServerTls(SSLContext context, List<String> protocols, X509Certificate leaf) {
    this.context = context;
    this.protocols = protocols.toArray(String[]::new);
    this.leaf = leaf;
  }

  /**
   * Loads the configured PEM pair, or the self-signed pair in {@code dataDir/tls}, making it at
   * first start.
   */
  public static ServerTls load(
      Optional<Path> certFile,
      Optional<Path> keyFile,
      Path dataDir,
      String hostname,
      List<String> protocols,
      Clock clock)
      throws IOException {
    Path cert = certFile.orElse(dataDir.resolve("tls/selfsigned-cert.pem"));
    Path key = keyFile.orElse(dataDir.resolve("tls/selfsigned-key.pem"));
    if (certFile.isEmpty() && !(Files.exists(cert) && Files.exists(key))) {
      SelfSignedCertificate.generate(hostname, key, cert, clock);
      log.warn(
          "no smtpd.tls.cert configured: generated a self-signed certificate for {} in {}"
              + " (set smtpd.tls.cert and smtpd.tls.key for a certificate that peers can verify)",
          hostname,
          cert);
    }
    List<X509Certificate> chain = PemFiles.readCertificates(cert);
    PrivateKey privateKey = PemFiles.readPrivateKey(key);
    requireMatchingKey(privateKey, chain.get(0), key, cert);
    ServerTls tls = new ServerTls(contextFor(chain, privateKey, key), protocols, chain.get(0));
    log.info("TLS certificate {} {}", cert, tls.describe());
    return tls;
  }

  /** {@code subject "CN=..." expires <instant>; TLSA for it: 3 1 1 <hex>}, for logs and replies. */
  public String describe() {
    return "subject \""
        + leaf.getSubjectX500Principal().getName()
        + "\" expires "
        + leaf.getNotAfter().toInstant()
        + "; TLSA for it: 3 1 1 "
        + spkiSha256Hex();
  }

  @Override
  public SSLSocket createSSLSocket(Socket socket) throws IOException {
    // The peer's address literal, not its name: SubEthaSMTP's default does a reverse lookup here.
    String peer = socket.getInetAddress().getHostAddress();
    SSLSocket tls =
        (SSLSocket) context.getSocketFactory().createSocket(socket, peer, socket.getPort(), true);
    tls.setUseClientMode(false);
    tls.setEnabledProtocols(protocols);
    return tls;
  }

  /** The SHA-256 digest of the leaf's public key: the data of a {@code 3 1 1} TLSA record. */
  public String spkiSha256Hex() {
    try {
      byte[] spki = leaf.getPublicKey().getEncoded();
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /**
   * Signs a probe with the key and verifies it with the leaf's public key: a key store accepts a
   * mismatched pair silently, and every handshake would then fail.
   */
  private static void requireMatchingKey(
      PrivateKey privateKey, X509Certificate leaf, Path keyFile, Path certFile) throws IOException {
    String algorithm =
        switch (privateKey.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> privateKey.getAlgorithm(); // Ed25519, Ed448 name their own signature
        };
    try {
      byte[] probe = "danerelay key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // Falls through: a key that cannot sign for this certificate does not fit it.
    }
    throw new IOException(keyFile + ": key does not fit the certificate in " + certFile);
  }

  private static SSLContext contextFor(
      List<X509Certificate> chain, PrivateKey privateKey, Path keyFile) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] noPassword = new char[0];
      store.setKeyEntry("smtpd", privateKey, noPassword, chain.toArray(X509Certificate[]::new));
      // SunX509 keeps the private key it read at init. The default (PKIX) reads it out of the
      // store again whenever its soft-referenced copy was collected, which here was nearly every
      // handshake: a PKCS#12 decryption (PBKDF2) of 4-5 ms CPU per inbound STARTTLS session
      // (scripts/bench/handshakes, docs/performance.md). With one key, nothing else differs.
      KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
      keys.init(store, noPassword);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(keyFile + ": key does not fit the certificate: " + e.getMessage(), e);
    }
  }
}
