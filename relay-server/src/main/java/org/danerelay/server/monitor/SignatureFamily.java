package org.danerelay.server.monitor;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.danerelay.dane.monitor.KeyAlgorithm;

/**
 * Lets one TLS handshake offer only the signatures of one public key algorithm, so that a server
 * holding an RSA and an ECDSA certificate must present the asked one.
 *
 * <p>Why this way: a TLS 1.3 server picks its certificate by the client's {@code
 * signature_algorithms} (RFC 8446 4.2.3), and Java 17 has no per-connection setting for that list
 * ({@code SSLParameters.setSignatureSchemes} came in Java 19; the {@code
 * jdk.tls.client.SignatureSchemes} property is read once per JVM, and Bouncy Castle's JSSE, which
 * has one, is not a dependency here). JSSE does filter the list it offers through the connection's
 * {@link AlgorithmConstraints}, by scheme name, key algorithm and signature algorithm: refusing the
 * other families there leaves only the asked one. TLS 1.2 servers pick by cipher suite, so {@link
 * #cipherSuites} keeps only the suites that authenticate with the asked key.
 */
final class SignatureFamily implements AlgorithmConstraints {

  private final KeyAlgorithm wanted;

  SignatureFamily(KeyAlgorithm wanted) {
    this.wanted = wanted;
  }

  /** TLS 1.3 suites (any key) and the TLS 1.2 suites that sign with {@link #wanted}. */
  String[] cipherSuites(String[] supported) {
    String marker = wanted == KeyAlgorithm.RSA ? "_RSA_" : "_ECDSA_";
    return Arrays.stream(supported)
        .filter(s -> s.contains(marker) || (!s.contains("_RSA_") && !s.contains("_ECDSA_")))
        .filter(s -> !s.contains("_ECDH_") && !s.contains("_anon_") && !s.contains("_NULL_"))
        .toArray(String[]::new);
  }

  @Override
  public boolean permits(
      Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
    if (!primitives.contains(CryptoPrimitive.SIGNATURE) || algorithm == null) {
      return true; // key exchange, groups, ciphers: the JDK's own constraints decide
    }
    String name = algorithm.toLowerCase(Locale.ROOT);
    boolean ecdsa = name.equals("ec") || name.contains("ecdsa");
    boolean rsa =
        name.equals("rsa")
            || name.startsWith("rsa_")
            || name.equals("rsassa-pss")
            || name.endsWith("withrsa")
            || name.contains("withrsaandmgf1");
    boolean other =
        name.startsWith("ed")
            || name.equals("dsa")
            || name.startsWith("dsa_")
            || name.endsWith("withdsa");
    return switch (wanted) {
      case RSA -> !ecdsa && !other;
      case ECDSA -> !rsa && !other;
    };
  }

  /** Keys are not filtered: whatever the server presents is recorded, even if it is not asked. */
  @Override
  public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
    return true;
  }

  @Override
  public boolean permits(
      Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
    return permits(primitives, algorithm, parameters);
  }
}
