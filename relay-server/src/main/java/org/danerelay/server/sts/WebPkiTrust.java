package org.danerelay.server.sts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.danerelay.dane.verify.WebPkiVerifier;

/**
 * The roots MTA-STS trusts ({@code mta-sts.trust-store}, else the JDK's default trust store): for
 * policy hosts over HTTPS and for MX hosts under a policy in mode enforce (RFC 8461 3.3, 4.2).
 */
public final class WebPkiTrust {

  private final X509TrustManager trustManager;
  private final List<X509Certificate> roots;

  private WebPkiTrust(X509TrustManager trustManager) {
    this.trustManager = trustManager;
    this.roots = List.copyOf(Arrays.asList(trustManager.getAcceptedIssuers()));
  }

  /**
   * Loads the PEM file of CA certificates, or the JDK's default trust store when there is none.
   *
   * @throws IOException naming the file when it cannot be read or holds no certificate
   */
  public static WebPkiTrust load(Optional<Path> pemFile) throws IOException {
    try {
      KeyStore store = null; // the JDK's default
      if (pemFile.isPresent()) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (X509Certificate certificate : read(pemFile.get())) {
          store.setCertificateEntry("ca" + n++, certificate);
        }
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return new WebPkiTrust(x509);
        }
      }
      throw new IOException("no X.509 trust manager in this JDK");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot build the MTA-STS trust store: " + e.getMessage(), e);
    }
  }

  /** The trust manager for HTTPS to policy hosts (the JDK's PKIX checks, host name included). */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** The verifier for MX certificates under a policy in mode enforce, over the same roots. */
  public WebPkiVerifier verifier() {
    return new WebPkiVerifier(roots);
  }

  private static List<X509Certificate> read(Path file) throws IOException {
    Collection<? extends Certificate> found;
    try (InputStream in = Files.newInputStream(file)) {
      found = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    } catch (CertificateException e) {
      throw new IOException(file + ": not PEM CA certificates: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IOException(file + ": cannot read it: " + e.getMessage(), e);
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : found) {
      if (certificate instanceof X509Certificate x509) {
        certificates.add(x509);
      }
    }
    if (certificates.isEmpty()) {
      throw new IOException(file + ": no certificate in it");
    }
    return certificates;
  }
}
