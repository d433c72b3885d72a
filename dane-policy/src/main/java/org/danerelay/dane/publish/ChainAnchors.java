package org.danerelay.dane.publish;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Orders a certificate bundle into one chain and names its leaf, the leaf's issuer and the
 * self-signed root: what the internet.nl how-to does by hand with {@code openssl x509 -subject
 * -issuer} on each split-out certificate, except that every link is checked by its signature, not
 * by names alone.
 *
 * <p>A bundle may hold the server certificate and its CAs, or, like a CA's {@code ca-bundle} file,
 * only the CAs. In the second case there is no leaf and the issuer is the lowest CA: the one that
 * signs server certificates.
 */
public final class ChainAnchors {

  private final List<X509Certificate> chain;
  private final boolean hasLeaf;

  private ChainAnchors(List<X509Certificate> chain, boolean hasLeaf) {
    this.chain = List.copyOf(chain);
    this.hasLeaf = hasLeaf;
  }

  /**
   * Orders {@code bundle}, in any order, into one chain from the certificate that signs none of the
   * others up through its issuers.
   *
   * @throws IllegalArgumentException when the bundle is empty or is not one chain
   */
  public static ChainAnchors of(List<X509Certificate> bundle) {
    List<X509Certificate> certs = distinct(bundle);
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("the bundle holds no certificate");
    }
    List<X509Certificate> bottoms = new ArrayList<>();
    for (X509Certificate candidate : certs) {
      if (certs.stream().noneMatch(c -> c != candidate && issued(candidate, c))) {
        bottoms.add(candidate);
      }
    }
    if (bottoms.size() != 1) {
      throw new IllegalArgumentException(
          "the bundle is not one chain: "
              + (bottoms.isEmpty()
                  ? "its certificates sign each other in a loop"
                  : describe(bottoms) + " sign no other certificate in it"));
    }
    X509Certificate bottom = bottoms.get(0);
    // A non-CA certificate at the bottom is the server's; a CA there means a CA-only bundle.
    return new ChainAnchors(walk(bottom, certs), bottom.getBasicConstraints() < 0);
  }

  /**
   * The chain from {@code leaf} up through {@code bundle}, for a leaf given on its own.
   *
   * @throws IllegalArgumentException when no certificate in the bundle signed the leaf
   */
  public static ChainAnchors forLeaf(X509Certificate leaf, List<X509Certificate> bundle) {
    List<X509Certificate> certs = new ArrayList<>(distinct(bundle));
    certs.removeIf(c -> sameBytes(c, leaf));
    List<X509Certificate> chain = walk(leaf, certs);
    if (chain.size() == 1) {
      throw new IllegalArgumentException(
          isSelfSigned(leaf)
              ? "the certificate is self-signed: it has no issuer to publish"
              : "no certificate in the bundle signed "
                  + leaf.getSubjectX500Principal().getName()
                  + " (its issuer is "
                  + leaf.getIssuerX500Principal().getName()
                  + ")");
    }
    return new ChainAnchors(chain, true);
  }

  /** The server certificate, when the bundle holds one. */
  public Optional<X509Certificate> leaf() {
    return hasLeaf ? Optional.of(chain.get(0)) : Optional.empty();
  }

  /**
   * The CA that signed the leaf; in a CA-only bundle, its lowest CA.
   *
   * @throws IllegalArgumentException when the bundle holds the leaf but not its issuer
   */
  public X509Certificate issuer() {
    if (!hasLeaf) {
      return chain.get(0);
    }
    if (chain.size() < 2) {
      throw new IllegalArgumentException(
          "the bundle holds the server certificate but not its issuer ("
              + chain.get(0).getIssuerX500Principal().getName()
              + ")");
    }
    return chain.get(1);
  }

  /**
   * The self-signed certificate at the top of the chain.
   *
   * @throws IllegalArgumentException when the chain stops below a self-signed root
   */
  public X509Certificate root() {
    X509Certificate top = chain.get(chain.size() - 1);
    if (!isSelfSigned(top)) {
      throw new IllegalArgumentException(
          "the bundle holds no self-signed root (the chain ends at "
              + top.getSubjectX500Principal().getName()
              + ", issued by "
              + top.getIssuerX500Principal().getName()
              + ")");
    }
    return top;
  }

  /** The chain from its lowest certificate up, as found. */
  public List<X509Certificate> chain() {
    return chain;
  }

  private static List<X509Certificate> walk(X509Certificate bottom, List<X509Certificate> certs) {
    List<X509Certificate> chain = new ArrayList<>(List.of(bottom));
    for (X509Certificate current = bottom; !isSelfSigned(current); ) {
      X509Certificate child = current;
      Optional<X509Certificate> parent =
          certs.stream()
              .filter(c -> c != child && chain.stream().noneMatch(seen -> seen == c))
              .filter(c -> issued(c, child))
              .findFirst();
      if (parent.isEmpty()) {
        break;
      }
      current = parent.get();
      chain.add(current);
    }
    return chain;
  }

  /** True when {@code issuer}'s name is {@code cert}'s issuer name and its key verifies it. */
  static boolean issued(X509Certificate issuer, X509Certificate cert) {
    if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean isSelfSigned(X509Certificate cert) {
    return issued(cert, cert);
  }

  private static List<X509Certificate> distinct(List<X509Certificate> bundle) {
    List<X509Certificate> out = new ArrayList<>();
    for (X509Certificate cert : bundle) {
      if (out.stream().noneMatch(c -> sameBytes(c, cert))) {
        out.add(cert);
      }
    }
    return out;
  }

  private static boolean sameBytes(X509Certificate a, X509Certificate b) {
    try {
      return Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String describe(List<X509Certificate> certs) {
    return certs.stream().map(c -> c.getSubjectX500Principal().getName()).toList().toString();
  }
}
